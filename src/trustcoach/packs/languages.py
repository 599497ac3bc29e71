"""The language versions of one pack held to each other: the same steps and questions in the
same order, the same kinds, limits and choices, the same ``share`` marks and a ``[counselor]``
in all or none. Any difference is an error at the question's line, naming the other file:
a question marked private in English only would be shared by default in a Japanese session.

A different ``version`` is only a warning: sessions record it, and nothing is shared or asked
differently because of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import Message
from trustcoach.packs.locate import Locator, at

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.packs.locate import Loc
    from trustcoach.packs.model import LoadedPack, Question

Side = tuple["LoadedPack", Locator]


def _limits(question: Question) -> dict[str, Any]:
    """What must agree between languages besides the kind, by the key a counselor edits."""
    limits: dict[str, Any] = {"required": question.required, "share": question.share}
    if question.kind == "rating":
        limits |= {"min": question.min, "max": question.max, "shrink_below": question.shrink_below}
    if question.kind in ("choice", "multi"):
        choices = question.choices or []
        limits["choices"] = [choice.value for choice in choices]
        limits["exclusive"] = [choice.value for choice in choices if choice.exclusive]
    if question.kind == "list":
        limits |= {
            "min_items": question.item_limits[0],
            "max_items": question.item_limits[1],
            "commitments": question.commitments,
            "toward": question.toward,
            "due_days": question.due_days,
        }
    if question.kind in ("text", "list"):
        limits["max_length"] = question.max_length
    if question.kind == "text":
        limits["remember"] = question.remember
    return limits


def _shown(value: Any) -> str:
    """A value as it is written in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "-"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return str(value)


def _places(loaded: LoadedPack) -> dict[str, tuple[str, int, int, Question]]:
    """Question id -> (step id, step index, question index, question)."""
    return {
        question.id: (step.id, s_index, q_index, question)
        for s_index, step in enumerate(loaded.pack.steps)
        for q_index, question in enumerate(step.questions)
    }


Order = tuple["Loc", "Loc", "Key", dict[str, object]]


def _moved(mine: list[str], theirs: list[str]) -> list[int]:
    """The indexes of the ids of ``mine`` to move so that the ids in both lists come in the same
    order: those outside a longest common subsequence (one move is one id, not every id it
    passed; of two swapped, the later one). Ids in one list only are left to the checks that
    say they are missing."""
    a = [item for item in mine if item in theirs]
    b = [item for item in theirs if item in mine]
    longest = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if a[i] == b[j]:
                longest[i][j] = longest[i + 1][j + 1] + 1
            else:
                longest[i][j] = max(longest[i + 1][j], longest[i][j + 1])
    kept: set[str] = set()
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif longest[i + 1][j] > longest[i][j + 1]:
            i += 1
        else:
            j += 1
    return [index for index, item in enumerate(mine) if item in theirs and item not in kept]


def _after(ids: list[str], index: int) -> Message:
    """Where an id is among its neighbours: first, or after the one before it."""
    if index == 0:
        return Message("lang_order_first")
    return Message("lang_order_after", {"id": ids[index - 1]})


def _order_problems(mine: LoadedPack, theirs: LoadedPack) -> list[Order]:
    """Steps, and questions in a step, that come in another order than in the other language:
    (place here, place there, catalog key, values), one for each that was moved."""
    found: list[Order] = []
    my_steps = [step.id for step in mine.pack.steps]
    their_steps = [step.id for step in theirs.pack.steps]
    for index in _moved(my_steps, their_steps):
        far = their_steps.index(my_steps[index])
        values: dict[str, object] = {
            "after": _after(my_steps, index),
            "after_there": _after(their_steps, far),
        }
        found.append((("steps", index), ("steps", far), "lang_step_order", values))
    for s_index, step in enumerate(mine.pack.steps):
        if step.id not in their_steps:
            continue
        t_index = their_steps.index(step.id)
        my_ids = [question.id for question in step.questions]
        their_ids = [question.id for question in theirs.pack.steps[t_index].questions]
        for index in _moved(my_ids, their_ids):
            far = their_ids.index(my_ids[index])
            values = {
                "after": _after(my_ids, index),
                "after_there": _after(their_ids, far),
                "step": step.id,
            }
            loc = ("steps", s_index, "questions", index)
            found.append((loc, ("steps", t_index, "questions", far), "lang_question_order", values))
    return found


def mismatches(first: Side, other: Side) -> tuple[list[Message], list[Message]]:
    """Where two language versions disagree: (errors, warnings), each at its file and line."""
    (mine, here), (theirs, there) = first, other
    errors: list[Message] = []

    def problem(
        side: Locator,
        loc: tuple[str | int, ...],
        what: Key,
        far: tuple[str | int, ...] = (),
        **values: object,
    ) -> None:
        elsewhere = there if side is here else here
        lang = (theirs if side is here else mine).pack.lang
        line = elsewhere.line(far) if far else None
        where = f"{elsewhere.path}:{line}" if line is not None else str(elsewhere.path)
        values = {"lang": lang, "other": where, **values}
        errors.append(at(side.path, side.line(loc), side.place(loc), Message(what, values)))

    my_steps = [step.id for step in mine.pack.steps]
    their_steps = [step.id for step in theirs.pack.steps]
    for index, step_id in enumerate(my_steps):
        if step_id not in their_steps:
            problem(here, ("steps", index), "lang_step_missing")
    for index, step_id in enumerate(their_steps):
        if step_id not in my_steps:
            problem(there, ("steps", index), "lang_step_missing")
    for loc, far, what, values in _order_problems(mine, theirs):
        problem(here, loc, what, far, **values)
    a, b = _places(mine), _places(theirs)
    for qid, (step_id, s_index, q_index, question) in a.items():
        loc = ("steps", s_index, "questions", q_index)
        if qid not in b:
            problem(here, loc, "lang_question_missing")
            continue
        their_step, t_s, t_q, twin = b[qid]
        far = ("steps", t_s, "questions", t_q)
        if their_step != step_id:
            problem(here, loc, "lang_question_step", step=step_id, there=their_step)
        if twin.kind != question.kind:
            kinds = {"kind": question.kind, "kind_there": twin.kind}
            problem(here, (*loc, "kind"), "lang_kind_differs", (*far, "kind"), **kinds)
            continue
        mine_limits, their_limits = _limits(question), _limits(twin)
        for key, value in mine_limits.items():
            if their_limits.get(key) != value:
                shown = {"value": _shown(value), "value_there": _shown(their_limits.get(key))}
                problem(here, (*loc, key), "lang_key_differs", (*far, key), key=key, **shown)
    for qid, (_, t_s, t_q, _) in b.items():
        if qid not in a:
            problem(there, ("steps", t_s, "questions", t_q), "lang_question_missing")
    if (mine.pack.counselor is None) != (theirs.pack.counselor is None):
        side = here if mine.pack.counselor is not None else there
        problem(side, ("counselor",), "lang_counselor_missing")
    warnings = []
    if mine.pack.version != theirs.pack.version:
        values = {
            "version": mine.pack.version,
            "other": theirs.pack.version,
            "lang": theirs.pack.lang,
            "path": there.path,
        }
        warnings.append(
            at(
                here.path,
                here.line(("version",)),
                "version",
                Message("lang_version_differs", values),
            )
        )
    return errors, warnings
