"""Checking packs beyond their models: placeholders that cannot be filled, and checks with so
many phrases that checking a commitment would be slow (the language versions of a pack are
held to each other in ``languages.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import Message
from trustcoach.names import PLACEHOLDER_RE
from trustcoach.packs.model import Pack

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key


def _at(place: str, key: Key, /, **values: object) -> Message:
    """A problem at a place in the pack."""
    return Message("at_place", {"place": place, "problem": Message(key, values)})


def reference_problems(pack: Pack) -> tuple[list[Message], list[Message]]:
    """Placeholders that cannot be filled, with their place: (errors, warnings).

    A placeholder naming no question of the pack is an error: the client would see it as
    written. One naming a question that is only answered later is a warning: it is shown
    empty, so the pack runs, but the text will not read as intended.
    """
    errors: list[Message] = []
    warnings: list[Message] = []
    earlier: set[str] = set()
    all_ids = {question.id for _, question in pack.questions()}

    def check(text: str | None, place: str, *, anything_earlier: bool = True) -> None:
        for name in PLACEHOLDER_RE.findall(text or ""):
            if name not in all_ids:
                errors.append(_at(place, "placeholder_unknown", name=name))
            elif not anything_earlier:
                warnings.append(_at(place, "placeholder_too_early", name=name))
            elif name not in earlier:
                warnings.append(_at(place, "placeholder_later", name=name))

    for s_index, step in enumerate(pack.steps):
        check(step.intro, f"steps[{s_index}].intro")
        for q_index, question in enumerate(step.questions):
            place = f"steps[{s_index}].questions[{q_index}]"
            check(question.intro, f"{place}.intro")
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


# Every phrase of a pack's checks is matched against every commitment: a pack may have this many,
# and this many with a "…" slot (the costlier kind). The built-in packs have 153 and 24; at the
# bounds, with the costliest phrases, checking a commitment as long as a pack allows (20,000
# characters) takes about a second (``bench/run.py``, its "check phrases" row).
MAX_PHRASES = 500
MAX_SLOT_PHRASES = 50


def cost_problems(pack: Pack) -> list[Message]:
    """Checks with more phrases than a commitment can be matched against quickly."""
    from trustcoach.packs.checks import slot_count

    phrases = [p for check in pack.checks for p in (*check.words, *check.unless, *check.missing)]
    slotted = sum(slot_count(phrase) > 0 for phrase in phrases)
    place = "checks"
    if len(phrases) > MAX_PHRASES:
        return [_at(place, "pack_too_many_phrases", count=len(phrases), most=MAX_PHRASES)]
    if slotted > MAX_SLOT_PHRASES:
        return [_at(place, "pack_too_many_slots", count=slotted, most=MAX_SLOT_PHRASES)]
    return []


def raw_unknown_placeholders(data: dict[str, Any]) -> list[Message]:
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
        for key in ("intro", "prompt", "help"):
            texts.append((f"steps[{s_index}].questions[{q_index}].{key}", q.get(key)))
    return [
        _at(place, "placeholder_unknown", name=name)
        for place, text in texts
        if isinstance(text, str)
        for name in PLACEHOLDER_RE.findall(text)
        if name not in ids
    ]
