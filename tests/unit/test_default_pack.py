"""The ids the code reads by name (``trustcoach/default_pack.py``) are in both languages of the
built-in pack, with the kinds the code reads them as: renaming one in a pack fails here, not in
a screen that quietly stops showing a rating."""

from __future__ import annotations

import pytest

from trustcoach import default_pack
from trustcoach.names import LANGS
from trustcoach.packs.loading import find_pack
from trustcoach.packs.model import Pack


@pytest.fixture(params=LANGS)
def pack(request: pytest.FixtureRequest) -> Pack:
    return find_pack(default_pack.DEFAULT_PACK, request.param, None).pack


def test_the_default_pack_is_found_by_its_id(pack: Pack) -> None:
    assert pack.id == default_pack.DEFAULT_PACK


def test_the_partner_is_named_by_a_text_answer(pack: Pack) -> None:
    # the checks of a commitment and every {partner} in a text read it as words
    question = pack.question(default_pack.PARTNER)
    assert question is not None and question.kind == "text"


@pytest.mark.parametrize("question_id", [default_pack.SELF_TRUST, default_pack.PARTNER_TRUST])
def test_the_ratings_followed_over_time_are_ratings(pack: Pack, question_id: str) -> None:
    question = pack.question(question_id)
    assert question is not None and question.kind == "rating"


def test_each_belief_is_a_rating_from_0_to_100_at_the_start_and_end_of_its_step(
    pack: Pack,
) -> None:
    steps = {step.id: step for step in pack.steps}
    for step_id, start, end in default_pack.BELIEFS:
        assert step_id in steps, step_id
        asked = [question.id for question in steps[step_id].questions]
        assert asked[0] == start and asked[-1] == end, (step_id, asked)
        for question_id in (start, end):
            question = pack.question(question_id)
            assert question is not None and question.kind == "rating", question_id
            assert (question.min, question.max) == (0, 100), question_id  # "0 to 100" on screen


def test_the_belief_steps_are_the_misconceptions_in_the_order_of_the_pack(pack: Pack) -> None:
    myths = (default_pack.MYTH_NEVER, default_pack.MYTH_WORDS, default_pack.MYTH_OTHERS)
    assert tuple(step_id for step_id, _, _ in default_pack.BELIEFS) == myths
    order = [step.id for step in pack.steps]
    assert [order.index(step_id) for step_id in myths] == sorted(order.index(s) for s in myths)
