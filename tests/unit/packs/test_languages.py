"""Unit tests of packs/languages.py through ``validate``: the language versions of a pack must
have their steps, and the questions of each step, in the same order. A question moved in one
language is one problem, at its own line, naming its id and the line of its twin."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.packs import path_line, small_pack
from trustcoach.catalog.say import tell
from trustcoach.errors import PackError
from trustcoach.packs.languages import _moved
from trustcoach.packs.validate import validate

Steps = list[tuple[str, list[str]]]
EN: Steps = [("first", ["a", "b", "c", "d"]), ("second", ["e", "f"])]


def write(folder: Path, lang: str, steps: Steps) -> Path:
    """A small pack in ``<folder>/<lang>/small.toml``, its questions all text questions, each
    in a table of its own as a counselor writes them (``[[steps.questions]]``)."""
    text = small_pack([]).replace("steps = []\n", "")
    for step, questions in steps:
        text += f'\n[[steps]]\nid = "{step}"\ntitle = "Step {step}"\n'
        for qid in questions:
            text += f'\n[[steps.questions]]\nid = "{qid}"\nkind = "text"\nprompt = "{qid}?"\n'
    path = folder / lang / "small.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace('lang = "en"', f'lang = "{lang}"', 1), "utf-8")
    return path


def problems(tmp_path: Path, ja_steps: Steps, lang: str = "en") -> list[str]:
    """What ``validate`` says (in ``lang``) of the ja version against the English one."""
    write(tmp_path, "en", EN)
    ja = write(tmp_path, "ja", ja_steps)
    with pytest.raises(PackError) as raised:
        validate(str(ja), None)
    return [tell(lang, problem) for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("mine", "theirs", "moved"),
    [
        (["a", "b", "c", "d"], ["a", "b", "c", "d"], []),
        (["a", "d", "b", "c"], ["a", "b", "c", "d"], [1]),  # one moved forward: only it
        (["b", "c", "d", "a"], ["a", "b", "c", "d"], [3]),  # the first moved to the end
        (["b", "a"], ["a", "b"], [1]),  # two swapped: one of them
        (["d", "c", "b", "a"], ["a", "b", "c", "d"], [1, 2, 3]),
        (["a", "x", "c", "b"], ["a", "b", "c", "y"], [3]),  # x and y are missing, not moved
    ],
)
def test_moved_is_the_fewest_ids_to_move(
    mine: list[str], theirs: list[str], moved: list[int]
) -> None:
    assert _moved(mine, theirs) == moved


def test_a_question_moved_in_one_language_is_one_problem_at_its_line(tmp_path: Path) -> None:
    """The tester's case: in ja, a question moved before two others of its step."""
    (problem,) = problems(tmp_path, [("first", ["a", "d", "b", "c"]), ("second", ["e", "f"])])
    ja, en = tmp_path / "ja" / "small.toml", tmp_path / "en" / "small.toml"
    here, there = path_line(ja, 'id = "d"'), path_line(en, 'id = "d"')
    assert problem == (
        f"{ja}:{here}: question 'd': it comes after 'a' here but after 'c' in the en version "
        f"({en}:{there}); put the questions of step 'first' in the same order in both"
    )


def test_a_question_moved_first_is_said_in_japanese(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, [("first", ["a", "b", "c", "d"]), ("second", ["f", "e"])], "ja")
    ja, en = tmp_path / "ja" / "small.toml", tmp_path / "en" / "small.toml"
    here, there = path_line(ja, 'id = "e"'), path_line(en, 'id = "e"')
    assert problem == (
        f"{ja}:{here}：質問「e」：ここでは「f」の後にありますが、en 版（{en}:{there}）では"
        "最初にあります。ステップ「second」の質問を両方で同じ順序にしてください"
    )


def test_a_step_moved_is_one_problem_at_its_line(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, [("second", ["e", "f"]), ("first", ["a", "b", "c", "d"])])
    ja, en = tmp_path / "ja" / "small.toml", tmp_path / "en" / "small.toml"
    here, there = path_line(ja, 'id = "first"'), path_line(en, 'id = "first"')
    assert problem == (
        f"{ja}:{here}: step 'first': it comes after 'second' here but first in the en version "
        f"({en}:{there}); put the steps in the same order in both"
    )


@pytest.mark.parametrize(
    ("ja_steps", "words"),
    [
        ([("first", ["a", "b", "d"]), ("second", ["e", "f"])], "is missing from the ja"),
        ([("first", ["a", "b", "d"]), ("second", ["c", "e", "f"])], "it is in step 'second'"),
    ],
    ids=["missing", "other-step"],
)
def test_a_missing_or_moved_away_question_is_not_also_out_of_order(
    tmp_path: Path, ja_steps: Steps, words: str
) -> None:
    """A question that is not in the same step of both languages is said once, by the check
    for what it is (missing, or in another step)."""
    (problem,) = problems(tmp_path, ja_steps)
    assert words in problem
    assert "same order" not in problem
