"""The session engine (session/engine.py), driven in-process through a scripted UI."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.helpers import DEFAULT_DUE, EN_ANSWERS, NOW_DT
from trustcoach.messages import say


def typed(value: Any) -> Any:
    """What a person types for a value of EN_ANSWERS."""
    if isinstance(value, bool):
        return "y" if value else "n"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def test_session_engine_reasks_when_list_has_too_many_items(isolated_home: Path) -> None:
    """The engine itself explains too many items and asks again (driven by a scripted UI)."""
    from trustcoach.journal.store import JournalStore
    from trustcoach.packs.loading import find_pack
    from trustcoach.session.engine import Session

    scripted: dict[str, list[Any]] = {
        question: [typed(value)] for question, value in EN_ANSWERS.items()
    }
    scripted["commitments"] = [["a", "b", "c", "d"], ["a", "b"]]
    problems: list[tuple[str, str | None]] = []

    class ScriptedUI:
        def intro(self, pack: Any, folder: Path) -> None: ...
        def welcome_back(self, step: Any) -> None: ...
        def step(self, step: Any, intro: Any, index: int, total: int) -> None: ...
        def summary(self, summary: Any, lang: str) -> None: ...

        def ask(self, view: Any, problem: str | None) -> Any:
            problems.append((view.question.id, problem))
            return scripted[view.question.id].pop(0)

        def ask_due(self, item: str, default: date, problem: str | None, lang: str) -> str:
            return ""

    store = JournalStore(isolated_home)
    session = Session(find_pack("trust-repair", "en", None), store, lambda: NOW_DT)
    journal = session.run(ScriptedUI())
    assert ("commitments", say("en", "too_many_items", count=3)) in problems
    assert journal.values()["commitments"] == ["a", "b"]
    assert [c.due for c in journal.commitments] == [DEFAULT_DUE, DEFAULT_DUE]
