"""Where a problem of a pack is in its file: the line, and the question (or step) it belongs
to by id, so that a counselor reads ``my-practice.toml:57: question 'sleep', max: ...``
rather than a 0-based place such as ``steps[0].questions[5].max``.

tomli gives no positions, so the TOML text is scanned once: the header line of every table
(``[[steps]]``, ``[[steps.questions]]``, ``[counselor]``...) and the line of every key in it,
skipping the inside of multi-line strings. A place that cannot be found there (a pack written
with inline tables) falls back to the nearest table that can, then to the file alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import Message
from trustcoach.text import format_location

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

Loc = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[|\[)\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_PART = re.compile(r"([A-Za-z0-9_-]+)|\[(\d+)\]")

# Problems of the whole pack that name the id of what they are about: where to look for it.
_BY_ID: dict[str, str] = {
    "pack_question_twice": "question",
    "pack_question_is_step": "question",
    "pack_step_twice": "step",
    "pack_check_step": "check",
}


class Locator:
    """Lines and ids of one pack file's places."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.lines: dict[Loc, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        table: Loc = ()
        current: dict[str, int] = {}  # index of the latest table of each array, by dotted name
        counts: dict[Loc, int] = {}
        in_string = ""
        for number, line in enumerate(text.split("\n"), start=1):  # TOML's line ends only
            if in_string:
                if line.count(in_string) % 2:
                    in_string = ""
                continue
            header = _HEADER.match(line)
            if header:
                names, array = header.group(2).split("."), header.group(1) == "[["
                table = self._table(names, array, current, counts)
                self.lines.setdefault(table, number)
            else:
                key = _KEY.match(line)
                if key:
                    self.lines.setdefault((*table, key.group(1)), number)
            for quotes in ('"""', "'''"):
                if line.count(quotes) % 2:
                    in_string = quotes
                    break

    @staticmethod
    def _table(
        names: list[str], array: bool, current: dict[str, int], counts: dict[Loc, int]
    ) -> Loc:
        """The place of a table header: ``[[steps.questions]]`` is the next question of the
        latest step."""
        place: list[str | int] = []
        for depth, name in enumerate(names):
            place.append(name)
            dotted = ".".join(names[: depth + 1])
            last = depth == len(names) - 1
            if last and array:
                key = tuple(place)
                counts[key] = counts.get(key, -1) + 1
                current[dotted] = counts[key]
                for deeper in [d for d in current if d.startswith(dotted + ".")]:
                    del current[deeper]
            if dotted in current:
                place.append(current[dotted])
        return tuple(place)

    def line(self, loc: Loc) -> int | None:
        """The line of a place, or of the nearest enclosing place found in the file."""
        for size in range(len(loc), 0, -1):
            found = self.lines.get(loc[:size])
            if found is not None:
                exact = isinstance(loc[size - 1], str)
                return found if exact else self.lines.get((*loc[:size], "id"), found)
        return None

    def _get(self, *loc: str | int) -> Any:
        value: Any = self.data
        for part in loc:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def place(self, loc: Loc) -> Message | str:
        """A place as a reader names it: by the id of its question, step or check."""
        if len(loc) >= 4 and loc[0] == "steps" and loc[2] == "questions":
            qid = self._get(*loc[:4], "id")
            if isinstance(qid, str):
                return _with_rest("place_question", {"id": qid}, loc[4:])
            step = self._get(*loc[:2], "id")
            number = loc[3] + 1 if isinstance(loc[3], int) else loc[3]
            values: dict[str, object] = {"number": number}
            values["step"] = step if isinstance(step, str) else loc[1]
            return _with_rest("place_question_number", values, loc[4:])
        for array, key in (("steps", "place_step"), ("checks", "place_check")):
            if len(loc) >= 2 and loc[0] == array:
                found = self._get(*loc[:2], "id")
                if isinstance(found, str):
                    return _with_rest(key, {"id": found}, loc[2:])  # type: ignore[arg-type]
        return format_location(loc) or Message("the_pack")

    def by_id(self, kind: str, wanted: object) -> Loc | None:
        """The place of the last question, step or check with this id (the second of two)."""
        found: Loc | None = None
        steps = self._get("steps")
        for s_index, step in enumerate(steps if isinstance(steps, list) else []):
            if not isinstance(step, dict):
                continue
            if kind == "step" and step.get("id") == wanted:
                found = ("steps", s_index, "id")
            questions = step.get("questions")
            for q_index, question in enumerate(questions if isinstance(questions, list) else []):
                if kind == "question" and _has_id(question, wanted):
                    found = ("steps", s_index, "questions", q_index, "id")
        checks = self._get("checks")
        for c_index, check in enumerate(checks if isinstance(checks, list) else []):
            if kind == "check" and _has_id(check, wanted):
                found = ("checks", c_index, "misconception")
        return found

    def locate(self, problem: Message) -> Message:
        """A problem ``at_place`` (a 0-based place) as one at its file, line and id."""
        if problem.key != "at_place":
            return Message("at_path", {"path": self.path, "problem": problem})
        inner, raw = problem.values["problem"], problem.values["place"]
        loc = parse_place(raw) if isinstance(raw, str) else ()
        if isinstance(inner, Message) and inner.key in _BY_ID:
            loc = self.by_id(_BY_ID[inner.key], inner.values.get("id")) or loc
        return at(self.path, self.line(loc), self.place(loc), inner)


def _has_id(table: object, wanted: object) -> bool:
    return isinstance(table, dict) and table.get("id") == wanted


def locate_all(path: Path, problems: list[Message]) -> list[Message]:
    """Problems found in a pack file (``at_place``), each at its line and id."""
    from trustcoach.files import TomlReadError, read_toml

    text = read_text(path)
    try:
        data = read_toml(text.encode("utf-8"))
    except TomlReadError:
        data = {}
    locator = Locator(path, text, data)
    return [locator.locate(problem) for problem in problems]


def at(path: Path, line: int | None, place: Message | str, problem: object) -> Message:
    """A problem at a file's line (when known) and a place in it."""
    values = {"path": path, "line": line, "place": place, "problem": problem}
    return Message("at_line" if line is not None else "at_file_place", values)


def parse_place(place: str) -> Loc:
    """``steps[2].questions[0].kind`` as ``("steps", 2, "questions", 0, "kind")``."""
    if place in ("", "the pack"):
        return ()
    return tuple(int(index) if index else name for name, index in _PART.findall(place))


def _with_rest(key: Key, values: dict[str, object], rest: Loc) -> Message:
    """A place named by an id, with the key inside it (``question 'sleep', max``)."""
    if not rest:
        return Message(key, values)
    return Message("place_inside", {"place": Message(key, values), "key": format_location(rest)})


def read_text(path: Path) -> str:
    """A pack file's text for finding lines (empty when it cannot be read any more)."""
    try:
        return path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    except OSError:
        return ""
