"""What an export shares: the client's choice, and the rules no choice can get around.

The rules (the README says them to clients and counselors, ``tests/unit/export`` holds them):

- ``--only`` keeps only what it names (steps, questions, ``reviews``, ``commitments``);
  without it, everything is a candidate. ``--exclude`` only ever removes.
- An answer whose question is not shared by default (``share = false``) stays out unless its
  question's own id is named in ``--only`` (or the client says yes to it in ``--share``).
  Naming its step, or a selector word, is not enough.
- A review of an earlier commitment is shared only when ``reviews`` is kept and the commitment
  is not withheld in its own session under the same names: its list neither private (and not
  named by id) nor removed by ``--exclude``. Withholding follows a commitment across sessions.

Names a session does not know are refused by ``check_names``; reading an earlier session's
answers under the same names, a name it does not know simply chooses nothing there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.errors import UsageError
from trustcoach.export.source import PackFound
from trustcoach.names import COMMITMENTS, REVIEWS, SELECTORS

if TYPE_CHECKING:
    from trustcoach.export.source import SessionSource
    from trustcoach.journal.model import Journal


def split_names(values: list[str]) -> list[str]:
    """Names given as repeated options or comma-separated: ``--only self,commitments``."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


class Selection(NamedTuple):
    """The names a client gave: ``--only`` and ``--exclude``."""

    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


class Kept(NamedTuple):
    """What one session shares: question ids, and whether its reviews may be (each review
    still needs its commitment to be shared in its own session)."""

    questions: frozenset[str]
    reviews: bool


def steps_of(journal: Journal) -> dict[str, list[str]]:
    """Step ids of a session to the question ids answered in them, in order."""
    steps: dict[str, list[str]] = {}
    for answer in journal.answers:
        steps.setdefault(answer.step, []).append(answer.question)
    return steps


def private_questions(source: SessionSource) -> set[str]:
    """Questions whose answers are not shared by default: marked so in the journal, or in the
    pack when a journal written before answers carried the mark can still find it."""
    private = set()
    for answer in source.journal.answers:
        question = source.question(answer.question)
        if not answer.share or (question is not None and not question.share):
            private.add(answer.question)
    return private


def commitment_lists(source: SessionSource) -> tuple[set[str], set[str]]:
    """The questions that hold commitments: those known to (made commitments, or the pack says
    so, or are called ``commitments``), and those that may (list answers of an unfinished
    session whose pack is not at hand: their commitments may not be recorded yet).

    ``--exclude commitments`` removes both; ``--only commitments`` keeps only the first."""
    journal = source.journal
    answered = {answer.question for answer in journal.answers}
    # (commitments carried on from a review are recorded under "reviews": they go with it)
    sure = {c.question for c in journal.commitments if c.question != REVIEWS}
    sure |= {COMMITMENTS} & answered
    sure |= {q.id for q in source.pack_questions() if q.commitments} & answered
    maybe: set[str] = set()
    if not isinstance(source.pack, PackFound) and journal.status == "in_progress":
        maybe = {a.question for a in journal.answers if a.kind == "list"} - sure
    return sure, maybe


def _expand(
    names: tuple[str, ...], steps: dict[str, list[str]], lists: set[str]
) -> tuple[set[str], bool]:
    """The questions a list of names chooses in one session, and whether ``reviews`` is one."""
    questions = {q for qs in steps.values() for q in qs}
    chosen: set[str] = set()
    reviews = False
    for name in names:
        if name == REVIEWS:
            reviews = True
        elif name == COMMITMENTS:
            chosen |= set(steps.get(COMMITMENTS, ())) | lists
        elif name in steps:
            chosen |= set(steps[name])
        elif name in questions:
            chosen.add(name)
    return chosen, reviews


def withheld(source: SessionSource, selection: Selection) -> set[str]:
    """The questions of a session that are held back whatever else is chosen: removed by
    ``--exclude``, or private and not named by their own id in ``--only``."""
    steps = steps_of(source.journal)
    sure, maybe = commitment_lists(source)
    excluded, _ = _expand(selection.exclude, steps, sure | maybe)
    named = {n for n in selection.only if n not in steps and n not in SELECTORS}
    return excluded | (private_questions(source) - named)


def why_withheld(source: SessionSource, selection: Selection) -> dict[str, str]:
    """Why each question the selection does not keep is left out: ``excluded`` (named in
    ``--exclude``), ``private`` (not shared by default, and not named by its id in
    ``--only``) or ``not_chosen`` (not among the names of ``--only``); ``reviews`` for the
    reviews. What ``--share`` tells the client beside a suggestion of No."""
    steps = steps_of(source.journal)
    sure, maybe = commitment_lists(source)
    excluded, no_reviews = _expand(selection.exclude, steps, sure | maybe)
    named = {n for n in selection.only if n not in steps and n not in SELECTORS}
    private = private_questions(source) - named
    chosen = kept(source, selection)
    why = {}
    for question in (q for qs in steps.values() for q in qs if q not in chosen.questions):
        if question in excluded:
            why[question] = "excluded"
        else:
            why[question] = "private" if question in private else "not_chosen"
    if not chosen.reviews:
        why[REVIEWS] = "excluded" if no_reviews else "not_chosen"
    return why


def kept(source: SessionSource, selection: Selection) -> Kept:
    """What a session shares under a selection (no names: what the pack shares by default)."""
    steps = steps_of(source.journal)
    everything = {q for qs in steps.values() for q in qs}
    base = everything
    if selection.only:
        base, _ = _expand(selection.only, steps, commitment_lists(source)[0])
    return Kept(frozenset(base - withheld(source, selection)), shares_reviews(selection))


def shares_reviews(selection: Selection) -> bool:
    """Whether reviews of earlier commitments may be shared at all under these names."""
    chosen = not selection.only or REVIEWS in selection.only
    return chosen and REVIEWS not in selection.exclude


def everything(journal: Journal) -> Kept:
    """All of a session: what ``show`` gives its own writer."""
    return Kept(frozenset(a.question for a in journal.answers), True)


def check_names(
    selection: Selection,
    journals: list[Journal],
    since: str | None = None,
    more: Callable[[], set[str]] | None = None,
) -> None:
    """Refuse a name that is no step or question of any of these sessions, nor a selector
    word (one session exported, or every session of a report since a date). ``more`` gives
    the names their packs know, asked only when a name is not found among the answers (an
    unfinished session has not reached every step yet)."""
    known: set[str] = set(SELECTORS)
    step_ids: dict[str, None] = {}
    for journal in journals:
        steps = steps_of(journal)
        step_ids.update(dict.fromkeys(steps))
        known |= set(steps) | {q for qs in steps.values() for q in qs}
    for name in (*selection.only, *selection.exclude):
        if name in known:
            continue
        if more is not None:
            known |= more()
            more = None
            if name in known:
                continue
        choices = [*step_ids, *(s for s in SELECTORS if s not in step_ids)]
        if since is not None or len(journals) != 1:
            raise UsageError("select_unknown_since", name=name, since=since, known=choices)
        only = journals[0]
        raise UsageError("select_unknown", name=name, id=only.id, pack=only.pack, known=choices)
