"""What the tests share, one module per job; a test imports each name from the module that
holds it. Fixtures are in the conftest.py files.

- ``runner``: running trustcoach in this process or as a child, and how a run must end;
- ``sessions``: sessions made through ``start --answers``, homes made once;
- ``answers``: answers to the default pack, keyboard lines, answers files;
- ``packs``: the default pack as data, a counselor's edits, small packs;
- ``histories``: a planned history of weekly sessions with reviews;
- ``journals``: journal files read as TOML, the rows of ``list --json``;
- ``documents``: what a reader of an export sees;
- ``vaults``: a locked home's passphrase, sealed files, words searched on disk;
- ``crashes``: a kill at one step of one save, in a child process;
- ``terminal``: trustcoach in a pseudo-terminal;
- ``strategies``: journals generated from the model (hypothesis);
- ``clocks`` and ``checkout``: the fixed times, and where the checkout is.
"""
