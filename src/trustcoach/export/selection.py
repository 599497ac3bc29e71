"""Choosing what an export contains: the client decides, answer by answer or by step.

Selections are sets of question ids; ``reviews`` stands for the reviews of earlier commitments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.errors import UsageError
from trustcoach.journal.model import Journal

if TYPE_CHECKING:
    from trustcoach.packs.model import Pack

REVIEWS = "reviews"


def split_names(values: list[str]) -> list[str]:
    """Names given as repeated options or comma-separated: ``--only self,commitments``."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def selectable(journal: Journal) -> dict[str, list[str]]:
    """The names a selection may use: step ids to the question ids they hold, plus ``reviews``."""
    steps: dict[str, list[str]] = {}
    for answer in journal.answers:
        steps.setdefault(answer.step, []).append(answer.question)
    return steps


def select(journal: Journal, only: list[str], exclude: list[str]) -> set[str] | None:
    """The question ids (and ``reviews``) to keep; None keeps everything."""
    if not only and not exclude:
        return None
    steps = selectable(journal)
    questions = {q for qs in steps.values() for q in qs}

    def expand(names: list[str]) -> set[str]:
        chosen: set[str] = set()
        for name in names:
            if name in steps:
                chosen.update(steps[name])
            elif name in questions or name == REVIEWS:
                chosen.add(name)
            else:
                raise UsageError(
                    "select_unknown", name=name, id=journal.id, known=[*steps, REVIEWS]
                )
        return chosen

    everything = questions | {REVIEWS}
    kept = expand(only) if only else everything
    return kept - expand(exclude)


def default_shared(journal: Journal, pack: Pack | None) -> set[str]:
    """The answers a pack marks as shared by default (all, when the pack cannot be found)."""
    kept = {REVIEWS}
    for answer in journal.answers:
        question = pack.question(answer.question) if pack else None
        if answer.share and (question is None or question.share):
            kept.add(answer.question)
    return kept
