"""Text laid out for a terminal: every line wrapped to a width in display cells, by the rules a
Japanese reader expects, without losing or changing a character.

One function does it for the text the program prints at a terminal: ``echo`` in
``cli/terminal/output.py``, the session's screens (``cli/terminal/screen.py``) and the help
(``cli/terminal/clicks.py``). A line is broken only

- at spaces between words (the spaces at a break are not printed), or
- between two Japanese phrases, as BudouX (Chrome's Japanese line breaker) finds them, and only
  where a Japanese character is on at least one side, so a Latin word is never split; or
- after Japanese punctuation (。、：…), also where BudouX sees no boundary (before a path);

never so that a line starts with closing punctuation or small kana (。、」』）・ー ぁ っ ャ …) or
ends with an opening bracket (「『（), which is 禁則 (kinsoku). A space with Japanese on both sides
(「自分 対 自分」), between a number and its word (「期日 2026-12-22」, "1 not kept"), or
inside a short aside in brackets (「（前回と同じ）」, "(last time: 4 / 10)"), is a break of last
resort: it is used only when no other break fits the line.
Numbers joined by an arrow or a slash (``40 → 30``, ``6 / 10``, a trend ``… → 3 → 4 → 6``) are
not broken apart: such a run moves to the next line whole (and may start it with its ``…``); only
a run wider than a whole line is broken, at its spaces.
Only a word or phrase wider than a whole line is cut where it must be (the one place where a
closing mark can still start a line, when a run of them is wider than the line).

The lines after the first of a paragraph are indented under its text: under a bullet (``- ``,
``• ``, ``・``, ``1. ``) or under the last column of a table row (the text after a gap of two or
more spaces in the left half of the line), so wrapped list items and table cells stay aligned.
A screen of indented lines under headings (the home screen, ``progress``) may ask for a
``hang``: an indented line without a bullet then continues that many cells further in, so that
its second line is not read as a line of its own.

BudouX is imported only for a text that has Japanese in it, and only once (about 10 ms).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.text import cell_width, columns, is_wide

if TYPE_CHECKING:
    from budoux.parser import Parser

# No line starts with these (closing brackets and punctuation, the middle dot, the long vowel
# mark, iteration marks and small kana) ...
NO_START = frozenset(
    "。、，．・：；？！ー～…‥」』）］｝〕〉》】〙〗”’ゝゞ々"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.:;!?)]}%"
)
# ... and none ends with these (opening brackets and quotes).
NO_END = frozenset("「『（［｛〔〈《【〘〖“‘([{")

TAB_SIZE = 8
# Japanese punctuation after which a line may end even where BudouX sees no phrase boundary
# (between 「：」 and a path or a Latin word that follows it, say).
AFTER_MARK = r"[。、：；！？」』）]"
# Compiled when first used (re caches them): a command that prints to a pipe never wraps.
_BULLET = r"[ \u3000]*(?:(?:[-*•→]|\d{1,3}[.)])[ ]+|・)?"
_GAP = r"\S( {2,})(?=\S)"
_DIGITS = frozenset("0123456789")
# A short aside in brackets: （前回と同じ）, (last time: 70 → 50)
_ASIDE = r"[（(][^（）()]{1,20}[）)]"
# Numbers (or "-" for none, "…" for earlier ones left out) joined by " → " or " / ": the spaces
# in such a run are breaks only when nothing else fits.
_JOINED = r"(?<![A-Za-z0-9.])(?:\d+|…|-)( +)[→/]( +)(?=(?:\d+|-)(?![A-Za-z0-9]))"
# A command to type (``trustcoach resume 20261112-210000-3764``, ``/path/to/trustcoach pack
# list``): the program, a command of it and the words after it that are typed as they stand. Its
# spaces are breaks only when the command is wider than a whole line, so that one copied line
# runs what it says. (``tests/unit/test_wrap.py`` holds the names to the program's commands.)
COMMANDS: tuple[str, ...] = (
    *("checkin", "doctor", "export", "forget", "list", "lock", "pack", "progress"),
    *("remind", "resume", "safety", "show", "start", "unlock"),
)
_TYPED = r"ID|NAME|PATH|[0-9]{8}-[0-9]{6}-[0-9a-f]{4}|--[a-z][a-z-]*|init|list|show|validate|latest"
_COMMAND = rf"(?:\S*/)?trustcoach(?: +(?:{'|'.join(COMMANDS)}|{_TYPED})(?![A-Za-z0-9_-]))+"


class Piece(NamedTuple):
    """One printed line of a paragraph (without the indentation wrap adds before it) and the
    spaces that stood at its break, which are not printed."""

    text: str
    gap: str


class Wrapped(NamedTuple):
    """A paragraph broken into lines: ``indent`` cells before every line after the first."""

    indent: int
    pieces: list[Piece]

    def lines(self) -> list[str]:
        """The lines as printed."""
        pad = " " * self.indent
        return [piece.text if n == 0 else pad + piece.text for n, piece in enumerate(self.pieces)]


def wrap(text: str, width: int, *, table: bool = True, hang: int = 0) -> str:
    """``text`` with every line wrapped to ``width`` display cells (see ``wrap_paragraph``)."""
    return "\n".join(
        line
        for paragraph in text.split("\n")
        for line in wrap_paragraph(paragraph, width, table=table, hang=hang).lines()
    )


def wrap_paragraph(paragraph: str, width: int, *, table: bool = True, hang: int = 0) -> Wrapped:
    """One line of text (no newline in it) broken into lines of at most ``width`` cells.

    What "joining the lines gives back the text" means here, exactly: for the pieces returned,
    ``"".join(piece.text + piece.gap for piece in pieces)`` is the paragraph (with tabs expanded
    to the next multiple of 8 columns), every ``gap`` is only spaces (those at a break, and
    those at the very end of the line), and every line is printed as ``piece.text``, after
    ``indent`` spaces from the second line on. A line is wider than ``width`` only when a
    single character is wider than the room left for it. With ``table=False``, a gap of spaces
    is not taken for the start of a table's column (help texts have none). ``hang`` more cells
    indent the lines after the first of an indented line that has no bullet.
    """
    if "\t" in paragraph:
        paragraph = paragraph.expandtabs(TAB_SIZE)
    body = paragraph.rstrip(" ")
    tail = paragraph[len(body) :]
    widths = [cell_width(ch) for ch in body]
    total = sum(widths)
    if total <= width:
        return Wrapped(0, [Piece(body, tail)])
    ends = [0]
    for w in widths:
        ends.append(ends[-1] + w)
    indent = _hanging_indent(body, width, table, hang)
    breaks = _breaks(body)
    pieces: list[Piece] = []
    start = 0
    while True:
        room = width - (indent if pieces else 0)
        if ends[-1] - ends[start] <= room:
            pieces.append(Piece(body[start:], tail))
            return Wrapped(indent, pieces)
        cut, resume = _choose(body, breaks, ends, start, room)
        pieces.append(Piece(body[start:cut], body[cut:resume]))
        start = resume


def _choose(
    body: str, breaks: list[Break], ends: list[int], start: int, room: int
) -> tuple[int, int]:
    """Where the line that begins at ``start`` ends (``cut``) and the next begins (``resume``):
    the last break that fits, of the best rank that fits (a weak one only when no other fits,
    one inside joined numbers only when nothing else does), else a forced cut."""
    last: dict[int, tuple[int, int]] = {}
    for cut, resume, rank in breaks:
        if cut <= start:
            continue
        if ends[cut] - ends[start] > room:
            break
        last[rank] = (cut, resume)
    if last:
        return last[min(last)]
    return _forced_cut(body, ends, start, room)


def _forced_cut(body: str, ends: list[int], start: int, room: int) -> tuple[int, int]:
    """Cut a word or phrase wider than the line: as much as fits, moved back so that the next
    line does not start with a closing mark or a zero-width character, and to the last place
    beside a Japanese character rather than inside a Latin word, when that can be done."""
    cut = start + 1
    while cut < len(body) and ends[cut + 1] - ends[start] <= room:
        cut += 1
    allowed = [at for at in range(cut, start, -1) if _may_break(body, at)]
    beside_japanese = [at for at in allowed if is_wide(body[at - 1]) or is_wide(body[at])]
    if beside_japanese or allowed:
        cut = (beside_japanese or allowed)[0]
    # never leave a line of spaces only, nor start the next one with the spaces
    resume = cut
    while resume < len(body) and body[resume] == " ":
        resume += 1
    return cut, resume


def _may_break(body: str, at: int) -> bool:
    """Whether a line may end before ``body[at]`` by the kinsoku rules."""
    after = body[at]
    return (
        after not in NO_START
        and body[at - 1] not in NO_END
        and cell_width(after) > 0
        and after != " "
    )


class Break(NamedTuple):
    """A place where a line may end (before ``cut``) and the next begin (at ``resume``; the
    spaces between are not printed), with its rank: ``NORMAL``, ``WEAK`` (a break of last
    resort, see ``_weak``) or ``JOINED`` (inside numbers joined by arrows or slashes: only when
    such a run is wider than a whole line)."""

    cut: int
    resume: int
    rank: int


NORMAL, WEAK, JOINED = 0, 1, 2


def _breaks(body: str) -> list[Break]:
    """Every place the line may break, in order."""
    found: dict[int, Break] = {}
    first_text = len(body) - len(body.lstrip(" \u3000"))
    joined, opens = _joined(body)
    for match in re.finditer(r" +", body):
        cut, resume = match.span()
        if cut <= first_text or resume >= len(body):
            continue
        before, after = body[cut - 1], body[resume]
        if (after in NO_START and resume not in opens) or before in NO_END:
            continue
        rank = JOINED if cut in joined else WEAK if _weak(before, after) else NORMAL
        found[cut] = Break(cut, resume, rank)
    for at in opens:  # a run that opens with "…" may start a line, even right after "："
        if at > first_text and is_wide(body[at - 1]) and body[at - 1] not in NO_END:
            found.setdefault(at, Break(at, at, NORMAL))
    if any(is_wide(ch) for ch in body):
        at = 0
        for phrase in _phrases(body):
            at += len(phrase)
            if 0 < at < len(body) and at not in found and _phrase_break(body, at, opens):
                found[at] = Break(at, at, NORMAL)
        for mark in re.finditer(AFTER_MARK, body):  # a line may always end after 。、：
            at = mark.end()
            if at < len(body) and at not in found and _may_break(body, at):
                found[at] = Break(at, at, NORMAL)
    for aside in re.finditer(_ASIDE, body):  # （前回と同じ） stays on one line if it can
        for at in range(aside.start() + 1, aside.end()):
            if at in found and found[at].rank == NORMAL:
                found[at] = found[at]._replace(rank=WEAK)
    return [found[key] for key in sorted(found)]


def _weak(before: str, after: str) -> bool:
    """Whether a space is a break of last resort: between Japanese on both sides, or between
    a number and the word it goes with ("期日 2026-12-22", "by 2026-12-22", "1 not kept")."""
    if is_wide(before) and is_wide(after):
        return True
    return (before in _DIGITS and after.isalpha()) or (before.isalpha() and after in _DIGITS)


def _joined(body: str) -> tuple[set[int], set[int]]:
    """Where runs of numbers joined by arrows or slashes, and commands to type, are: the starts
    of the spaces inside them (breaks only when nothing else fits), and where a run that opens
    with "…" begins (a line may start there)."""
    inside: set[int] = set()
    opens: set[int] = set()
    if "→" in body or "/" in body:
        for match in re.finditer(_JOINED, body):
            inside.update((match.start(1), match.start(2)))
            if body[match.start()] == "…":
                opens.add(match.start())
    if "trustcoach " in body:
        for match in re.finditer(_COMMAND, body):
            inside.update(match.start() + at.start() for at in re.finditer(" +", match.group()))
    return inside, opens


def _phrase_break(body: str, at: int, opens: set[int]) -> bool:
    """Whether BudouX's boundary before ``body[at]`` may be a line break: not at a space (spaces
    are breaks of their own), with Japanese on one side at least, and by the kinsoku rules."""
    before, after = body[at - 1], body[at]
    if before == " " or after == " ":
        return False
    if not (is_wide(before) or is_wide(after)):
        return False
    if at in opens:
        return before not in NO_END
    return _may_break(body, at)


def _hanging_indent(body: str, width: int, table: bool, hang: int = 0) -> int:
    """How far the lines after the first are indented: under a table row's last column in the
    left half of the line, else under a bullet or the line's own indentation (``hang`` cells
    further in when it has no bullet); never so far that less than half the width is left."""
    bullet = re.match(_BULLET, body)
    lead = bullet.group(0) if bullet else ""
    indent = columns(lead)
    if indent and not lead.strip(" \u3000"):  # indented, without a bullet
        indent += hang
    for gap in re.finditer(_GAP, body) if table else ():
        column = columns(body[: gap.end(1)])
        if column > width // 2:
            break
        indent = max(indent, column)
    return indent if indent <= width // 2 else 0


_PARSER: list[Parser] = []


def _phrases(text: str) -> list[str]:
    """Japanese phrases of ``text`` by BudouX (its parser is loaded once, when first needed)."""
    if not _PARSER:
        import budoux

        _PARSER.append(budoux.load_default_japanese_parser())
    return _PARSER[0].parse(text)
