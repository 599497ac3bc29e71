"""``trustcoach pack init``: copy a pack into the user's packs folder, with an editing guide."""

from __future__ import annotations

import re
from pathlib import Path

from trustcoach.errors import PackError, UsageError
from trustcoach.files import ensure_private_dir, write_atomic
from trustcoach.names import LANGS
from trustcoach.packs.loading import PACK_NAME_RE, find_pack, load_pack_file, read_pack_bytes

GUIDE = """\
# ---------------------------------------------------------------------------------------------
# A trustcoach prompt pack: your own copy of '{source}', ready to adapt.
#
# Check it after every edit:   trustcoach pack validate {path}
# Run a session with it:       trustcoach start --pack {name} --lang {lang}
#
# Top-level keys (they must stay above the first [[steps]]):
#   id           the pack's name: lowercase letters, digits, '-' or '_'. Keep it equal to the
#                file name, and the same in every language of the pack.
#   lang         "ja" or "en": the language of this file.
#   version      any text, such as "1.1". Raise it when you change questions: every journal
#                records the version and a fingerprint of the file it was made with.
#   title        shown at the top of the session.
#   description  one or two sentences for 'trustcoach pack list'.
#   intro        shown before the first step. Say what this is (a reflection aid, not therapy).
#   safety       shown in its own box in the introduction: what to do when someone is in danger.
#                Name only phone numbers and services you can vouch for.
#   resources    optional list of local support services shown under the safety text, e.g.
#                resources = ["City counselling line: 000-0000 (weekdays 9-17)"]
#   closing      shown with the summary at the end.
#
# [counselor]    optional table: who prepared the pack (see the example at the end of the file)
#   name         your name or your practice's name
#   contact      how clients can reach you
#   message      a few words shown at the start of every session
#
# [[steps]]      the steps, in order. Each has an id ('reviews' is reserved), a title, an optional
#                intro, and questions.
# [[steps.questions]]
#   id           unique in the whole pack, and not a step's id; answers files and exports use it.
#                'reviews' is reserved, and only a commitment list may be called 'commitments'
#   kind         text | rating | choice | multi | confirm | list
#   prompt       the question. {{partner}} or any {{question_id}} is replaced by the earlier
#                answer to that question.
#   intro        text shown before the question, e.g. the idea of a step after a first question
#   label        short name used in summaries and exports (optional)
#   help         one line of guidance under the question (optional)
#   required     true (default) or false: false lets the client skip it with Enter
#   share        true (default) or false: whether the answer is offered for sharing in exports
#   default      text: a default answer; rating: a number; choice: a value; confirm: true/false
#   min, max     rating only: the scale, e.g. 1 and 10
#   choices      choice and multi only: [{{ value = "yes", label = "Yes" }}, ...]; values use
#                lowercase letters, digits, '-' or '_'. In a multi question, a choice with
#                exclusive = true ("None of these") cannot be chosen together with others.
#   remember     text only: true makes the last session's answer the default (the partner's name)
#   shrink_below rating only: an answer below it offers to make the commitments asked earlier in
#                the same step smaller at once (e.g. shrink_below = 7 for a confidence rating)
#   min_items, max_items, max_length   list only: how many items, and how long each may be
#   commitments  list only: true makes each item a commitment with a due date, reviewed at the
#                next session (a pack may have several such lists, 99 items at most together)
#   toward       with commitments: "partner" (default) or "self", a promise to oneself; promises
#                to oneself are reviewed first and counted apart in 'trustcoach progress'
#   due_days     list with commitments only: the default due date, in days (7 by default)
#   max_length   text: the longest answer accepted, in characters
#
# [[checks]]     gentle checks of each commitment (see the comments above the checks below)
#   id, misconception (a step id, optional), words (what to look for), unless (phrases that
#   excuse a word), missing (the check also applies when none of these appears), toward
#   ("partner" or "self": only commitments made to them), message (shown when it applies)
#
# Lines of text wrapped in this file are joined into paragraphs; a blank line starts a new one.
# ---------------------------------------------------------------------------------------------

"""

COUNSELOR_EXAMPLE = """

# Uncomment and fill in to introduce yourself at the start of each session:
# [counselor]
# name = "Your name"
# contact = "How clients can reach you"
# message = \"\"\"
# A few words for your client, shown before the first step.\"\"\"
"""


def source_langs(source: str, lang: str | None, home: Path) -> list[str]:
    """The languages to copy: a pack file's own language only (it has no other), else the
    one asked for, else every language."""
    if "/" in source or "\\" in source or source.endswith(".toml"):
        found = find_pack(source, lang or "en", home)
        if lang is not None and lang != found.pack.lang:
            raise UsageError("pack_init_from_lang", path=found.path, found=found.pack.lang)
        return [found.pack.lang]
    return [lang] if lang else list(LANGS)


def init_pack(home: Path, name: str, source: str, langs: list[str]) -> list[Path]:
    """Copy ``source`` in each language into ``<home>/packs/<lang>/<name>.toml``."""
    if not PACK_NAME_RE.fullmatch(name):
        raise UsageError("pack_bad_new_name", name=name)
    targets = [home / "packs" / lang / f"{name}.toml" for lang in langs]
    for target in targets:
        if target.exists():
            raise UsageError("pack_exists", path=target)
    written = []
    for lang, target in zip(langs, targets, strict=True):
        original = find_pack(source, lang, home)
        text = read_pack_bytes(original.path).decode("utf-8")
        text = _rename(text, name)
        guide = GUIDE.format(source=original.pack.id, path=target, name=name, lang=lang)
        text = guide + _drop_leading_comments(text)
        if not re.search(r"^\[counselor\]", text, flags=re.M):
            text = text.rstrip("\n") + "\n" + COUNSELOR_EXAMPLE
        ensure_private_dir(home)
        ensure_private_dir(home / "packs")
        ensure_private_dir(target.parent)
        write_atomic(target, text.encode("utf-8"), exclusive=True)
        try:
            load_pack_file(target)
        except PackError as exc:  # the source itself must have been broken
            raise PackError("pack_copy_invalid", path=target, problems=exc.problems) from None
        written.append(target)
    return written


def _rename(text: str, name: str) -> str:
    """Set the top-level ``id`` (the first one, above any table) to the new name."""
    head, _, rest = text.partition("\n[")
    new_head, count = re.subn(r'^id\s*=\s*"[^"\n]*"', f'id = "{name}"', head, count=1, flags=re.M)
    if not count:
        raise PackError("pack_no_id")
    return new_head + ("\n[" + rest if rest else "")


def _drop_leading_comments(text: str) -> str:
    """The original file without its opening comment block (the guide replaces it)."""
    lines = text.splitlines(keepends=True)
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "".join(lines)
