"""Text that came from a person or a file: cleaned on the way in, made harmless on the way out."""

from __future__ import annotations

import contextlib
import re
import unicodedata

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides that can
# make text appear in another order than it was typed.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


_SURROGATE = re.compile(r"[\ud800-\udfff]")

# What JSON leaves as it is and a terminal would act on: DEL, C1 controls, the line and
# paragraph separators and the bidirectional controls (JSON itself escapes C0 controls).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean_input(raw: str) -> str:
    """Make text read from a terminal or pipe storable: bytes that were not UTF-8, and any other
    lone surrogate, become U+FFFD."""
    if not _SURROGATE.search(raw):
        return raw
    # Bytes that were not UTF-8 arrive as U+DC80..U+DCFF: decode them with replacement.
    with contextlib.suppress(UnicodeEncodeError):
        raw = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _SURROGATE.sub("\ufffd", raw)


def visible(text: str) -> str:
    """Show control characters as escapes (``\\x1b``) so nothing typed can drive the terminal."""
    return _INVISIBLE.sub(_escape, text)


def json_text(data: object) -> str:
    """Data as indented JSON, other scripts kept readable, that is safe to print at a terminal:
    the characters ``_JSON_UNSAFE`` names are written as ``\\u`` escapes, which every JSON
    reader turns back into the same text. Every JSON trustcoach shows or exports is made here."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def normalize(raw: str) -> str:
    """Fold full-width digits and letters and case, for reading numbers and choices."""
    return unicodedata.normalize("NFKC", raw).strip().casefold()


def is_wide(char: str) -> bool:
    """Whether a character takes two terminal cells (East Asian wide or full-width)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")


def cell_width(char: str) -> int:
    """How many terminal cells one character takes: two for East Asian wide and full-width
    characters, none for combining marks and zero-width characters, else one."""
    if char < "\u0300":  # the common case, ASCII and Latin-1, in one comparison
        return 1
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    if char in _ZERO_WIDTH or unicodedata.combining(char):
        return 0
    return 1


_EDGES = " \t\r\u3000"  # the spaces around a line of a pack text


def reflow(text: str) -> str:
    """Join a pack text's wrapped lines into paragraphs; blank lines and list items stay.

    Pack authors may wrap long sentences in their TOML file; the terminal re-wraps them to
    its own width. Japanese lines are joined without a space, others with one.
    """
    # Lines end only at a line feed (with its carriage return): splitlines() and strip() would
    # also take U+0085, U+2028 and others for line ends, and the character would be lost.
    paragraphs = re.split(r"\r?\n[ \t\u3000\r]*\r?\n", text.strip(_EDGES))
    joined = []
    for paragraph in paragraphs:
        lines = [line.strip(_EDGES) for line in paragraph.split("\n") if line.strip(_EDGES)]
        if not lines:
            continue
        merged = lines[0]
        for line in lines[1:]:
            if line.startswith(("- ", "* ", "• ", "・")):
                merged += "\n" + line
            elif is_wide(merged[-1]) or is_wide(line[0]):
                merged += line
            else:
                merged += " " + line
        joined.append(merged)
    return "\n\n".join(joined)


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes (Japanese characters take two)."""
    if text.isascii():  # every ASCII character takes one cell: list pads 40,000 cells at 10k
        return len(text)
    return sum(cell_width(ch) for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns."""
    if text.isascii():  # one cell a character: what str's own padding counts
        return text.rjust(width) if right else text.ljust(width)
    space = " " * max(0, width - columns(text))
    return space + text if right else text + space


def format_location(loc: tuple[int | str, ...]) -> str:
    """A place in a document as text: ``("steps", 2, "questions", 0, "kind")`` becomes
    ``steps[2].questions[0].kind`` (the document itself, ``()``, is "")."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
