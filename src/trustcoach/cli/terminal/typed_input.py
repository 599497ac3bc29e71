"""Standard input made ready for typed answers, the same way for a session and a check-in.

At a terminal, GNU readline gives line editing (Backspace over a wide character, arrows). It
reads characters by the C library's ``LC_CTYPE``, while Python decodes the same bytes as UTF-8:
when ``LANG`` or ``LC_ALL`` names a locale that is not installed (``ja_JP.UTF-8`` on a fresh
system or container is common), the C library falls back to ``C`` and readline turns each byte
of a Japanese word into an escape sequence, so what the person typed would be saved garbled. In
that case ``LC_CTYPE`` alone is set to ``C.UTF-8`` before readline loads; nothing else about the
locale changes.
"""

import contextlib
import io
import sys

UTF8_CTYPES = ("C.UTF-8", "C.utf8", "en_US.UTF-8")  # the first one installed is used


def prepare_stdin() -> bool:
    """Ready standard input for answers; whether it is a terminal. Bytes that are not UTF-8
    are kept (as surrogate escapes) rather than ending the session."""
    interactive = sys.stdin.isatty()
    if interactive:
        _readline_reads_utf8()
        import readline  # noqa: F401  (gives input() line editing)
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(io.UnsupportedOperation):  # a second reader, after reading
            reconfigure(errors="surrogateescape")
    return interactive


def _is_utf8(name: str) -> bool:
    return name.lower().replace("-", "").replace("_", "") == "utf8"


def _readline_reads_utf8() -> None:
    """Give the C library a UTF-8 ``LC_CTYPE`` when Python reads UTF-8 but the locale's
    character set is not (see the module's docstring)."""
    import locale

    if not _is_utf8(sys.stdin.encoding or "") or _is_utf8(locale.nl_langinfo(locale.CODESET)):
        return
    for name in UTF8_CTYPES:
        with contextlib.suppress(locale.Error):
            locale.setlocale(locale.LC_CTYPE, name)
            return
