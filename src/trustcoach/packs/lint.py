"""Checking packs beyond their models: placeholders that cannot be filled, and language
versions that disagree."""

from __future__ import annotations

from typing import Any

from trustcoach.names import PLACEHOLDER_RE
from trustcoach.packs.model import Pack


def reference_problems(pack: Pack) -> tuple[list[str], list[str]]:
    """Placeholders that cannot be filled, with their place: (errors, warnings).

    A placeholder naming no question of the pack is an error: the client would see it as
    written. One naming a question that is only answered later is a warning: it is shown
    empty, so the pack runs, but the text will not read as intended.
    """
    errors: list[str] = []
    warnings: list[str] = []
    earlier: set[str] = set()
    all_ids = {question.id for _, question in pack.questions()}

    def check(text: str | None, place: str, *, anything_earlier: bool = True) -> None:
        for name in PLACEHOLDER_RE.findall(text or ""):
            if name not in all_ids:
                errors.append(f"{place}: '{{{name}}}' does not name any question of this pack")
            elif not anything_earlier:
                warnings.append(f"{place}: '{{{name}}}' is shown before any question is answered")
            elif name not in earlier:
                warnings.append(
                    f"{place}: '{{{name}}}' names a question that is only answered later"
                )

    for s_index, step in enumerate(pack.steps):
        check(step.intro, f"steps[{s_index}].intro")
        for q_index, question in enumerate(step.questions):
            place = f"steps[{s_index}].questions[{q_index}]"
            check(question.prompt, f"{place}.prompt")
            check(question.help, f"{place}.help")
            earlier.add(question.id)
    before = [("intro", pack.intro), ("safety", pack.safety)]
    before += [(f"resources[{i}]", text) for i, text in enumerate(pack.resources)]
    if pack.counselor is not None:
        before.append(("counselor.message", pack.counselor.message))
    for key, text in before:
        check(text, key, anything_earlier=False)
    check(pack.closing, "closing")
    for c_index, item in enumerate(pack.checks):
        check(item.message, f"checks[{c_index}].message")
    return errors, warnings


def raw_unknown_placeholders(data: dict[str, Any]) -> list[str]:
    """Placeholders naming no question, found in a pack that does not validate otherwise,
    so that every problem is listed at once."""
    steps = (
        [s for s in data.get("steps", []) if isinstance(s, dict)]
        if isinstance(data.get("steps"), list)
        else []
    )
    questions = [
        (s_index, q_index, q)
        for s_index, step in enumerate(steps)
        if isinstance(step.get("questions"), list)
        for q_index, q in enumerate(step["questions"])
        if isinstance(q, dict)
    ]
    ids = {q.get("id") for _, _, q in questions}
    texts: list[tuple[str, Any]] = [(key, data.get(key)) for key in ("intro", "safety", "closing")]
    texts += [(f"steps[{i}].intro", step.get("intro")) for i, step in enumerate(steps)]
    for s_index, q_index, q in questions:
        for key in ("prompt", "help"):
            texts.append((f"steps[{s_index}].questions[{q_index}].{key}", q.get(key)))
    return [
        f"{place}: '{{{name}}}' does not name any question of this pack"
        for place, text in texts
        if isinstance(text, str)
        for name in PLACEHOLDER_RE.findall(text)
        if name not in ids
    ]


def structure(pack: Pack) -> list[tuple[str, list[tuple[str, str, tuple[Any, ...]]]]]:
    """The language-independent shape of a pack: step ids, question ids, kinds and limits."""
    return [
        (
            step.id,
            [
                (
                    q.id,
                    q.kind,
                    (
                        q.required,
                        q.min,
                        q.max,
                        tuple(c.value for c in q.choices or []),
                        q.item_limits if q.kind == "list" else None,
                        q.commitments,
                    ),
                )
                for q in step.questions
            ],
        )
        for step in pack.steps
    ]


def language_mismatches(pack: Pack, other: Pack) -> list[str]:
    """Where two language versions of a pack disagree in ids, kinds or limits."""
    problems = []
    mine, theirs = structure(pack), structure(other)
    if [s for s, _ in mine] != [s for s, _ in theirs]:
        problems.append(
            f"the steps differ from the {other.lang} version: "
            f"{[s for s, _ in mine]} here, {[s for s, _ in theirs]} there"
        )
    their_questions = {qid: (kind, limits) for _, qs in theirs for qid, kind, limits in qs}
    my_questions = {qid: (kind, limits) for _, qs in mine for qid, kind, limits in qs}
    for qid, (kind, limits) in my_questions.items():
        if qid not in their_questions:
            problems.append(f"question '{qid}' is missing from the {other.lang} version")
        elif their_questions[qid][0] != kind:
            problems.append(
                f"question '{qid}' is a {kind} here but a {their_questions[qid][0]} "
                f"in the {other.lang} version"
            )
        elif their_questions[qid][1] != limits:
            problems.append(
                f"question '{qid}' has other limits or choices in the {other.lang} version"
            )
    for qid in their_questions:
        if qid not in my_questions:
            problems.append(f"question '{qid}' of the {other.lang} version is missing here")
    if pack.version != other.version:
        problems.append(f"the version is {pack.version} here but {other.version} in {other.lang}")
    return problems


