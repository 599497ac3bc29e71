"""``trustcoach start --answers FILE``: unattended sessions, all or nothing."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.support.answers import EN_ANSWERS as PLAIN_EN_ANSWERS
from tests.support.answers import JA_ANSWERS as PLAIN_JA_ANSWERS
from tests.support.answers import QUESTION_IDS, write_answers
from tests.support.clocks import DEFAULT_DUE, NOW_DT
from tests.support.journals import journal_paths, only_journal, to_partner, values_of
from tests.support.packs import PACKS
from tests.support.runner import run_cli

pytestmark = pytest.mark.usefixtures("fixed_clock")

# The shared answers, with texts a renderer might take for markup, quotes or escapes.
EN_ANSWERS: dict[str, Any] = {
    **PLAIN_EN_ANSWERS,
    "self_view": 'I keep "most" promises [/] but not all \\ 🙂',
    "self_promise_recent": "Go to bed by 11 :smile:",
    "self_promise_small": ["Drink water [bold]daily[/bold]"],
}
JA_ANSWERS: dict[str, Any] = {
    **PLAIN_JA_ANSWERS,
    "self_view": "約束を「守れない」と感じる😢",
    "self_promise_recent": "早く寝る＼",
}


def assert_rejected(result: Any, home: Path, *question_ids: str) -> None:
    """Non-zero exit, each bad id named on stderr, nothing saved, no traceback."""
    assert result.exit_code != 0, result.stdout
    for question_id in question_ids:
        assert f"answers.{question_id}" in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert journal_paths(home) == []


# ---------------------------------------------------------------------------------------------
# Complete files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "answers"), [("ja", JA_ANSWERS), ("en", EN_ANSWERS)])
def test_complete_answers_file_makes_a_complete_journal(
    lang: str, answers: dict[str, Any], isolated_home: Path, tmp_path: Path
) -> None:
    result = run_cli("start", "--lang", lang, "--answers", str(write_answers(tmp_path, answers)))
    assert result.exit_code == 0, result.stdout + result.stderr
    journal = only_journal(isolated_home)
    assert journal["status"] == "complete"
    assert journal["lang"] == lang
    assert journal["pack"] == "trust-repair"
    assert journal["finished_at"] == NOW_DT
    assert values_of(journal) == answers
    assert [a["question"] for a in journal["answers"]] == QUESTION_IDS
    assert not any(a.get("skipped") for a in journal["answers"])
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == [
        (text, DEFAULT_DUE) for text in answers["commitments"]
    ]
    assert journal["id"] in result.stdout
    # The prompt is stored as shown: the partner's name and the rating are filled in.
    prompts = {a["question"]: a["prompt"] for a in journal["answers"]}
    assert answers["partner"] in prompts["partner_trust"]
    assert "3" in prompts["one_point_action"]
    assert "{" not in "".join(prompts.values())


def test_optional_and_defaulted_questions_may_be_left_out(
    isolated_home: Path, tmp_path: Path
) -> None:
    answers = {k: v for k, v in EN_ANSWERS.items() if k not in ("partner", "gestures_landing")}
    answers.pop("asked_others")
    result = run_cli("start", "--lang", "en", "--answers", str(write_answers(tmp_path, answers)))
    assert result.exit_code == 0, result.stderr
    journal = only_journal(isolated_home)
    values = values_of(journal)
    assert values["partner"] == "your partner"  # the pack's default
    assert values["asked_others"] is False  # the pack's default
    landing = next(a for a in journal["answers"] if a["question"] == "gestures_landing")
    assert landing["skipped"] is True


def test_lenient_types_are_accepted(isolated_home: Path, tmp_path: Path) -> None:
    """A rating as text, a choice by its label, and multi choices by number."""
    answers = {
        **EN_ANSWERS,
        "self_trust": "７",
        "never_belief_start": "８０",
        "gestures": ["1", "thanks"],
        "asked_others": "yes",
    }
    result = run_cli("start", "--lang", "en", "--answers", str(write_answers(tmp_path, answers)))
    assert result.exit_code == 0, result.stderr
    values = values_of(only_journal(isolated_home))
    assert values["self_trust"] == 7
    assert values["never_belief_start"] == 80
    assert values["gestures"] == ["messages", "thanks"]
    assert values["asked_others"] is True


# ---------------------------------------------------------------------------------------------
# Bad files: reported by id, nothing saved
# ---------------------------------------------------------------------------------------------


def without(key: str) -> dict[str, Any]:
    return {k: v for k, v in EN_ANSWERS.items() if k != key}


@pytest.mark.parametrize(
    ("answers", "bad_id"),
    [
        pytest.param(without("self_view"), "self_view", id="missing-text"),
        pytest.param(without("self_trust"), "self_trust", id="missing-rating"),
        pytest.param(without("commitments"), "commitments", id="missing-commitments"),
        pytest.param({**EN_ANSWERS, "self_trust": 11}, "self_trust", id="rating-too-high"),
        pytest.param({**EN_ANSWERS, "partner_trust": 0}, "partner_trust", id="rating-too-low"),
        pytest.param(
            {**EN_ANSWERS, "never_belief_end": 101}, "never_belief_end", id="belief-above-100"
        ),
        pytest.param(
            {**EN_ANSWERS, "gestures": ["none", "gifts"]}, "gestures", id="none-with-others"
        ),
        pytest.param(
            {**EN_ANSWERS, "self_promise_small": ["a", "b"]},
            "self_promise_small",
            id="two-promises-to-oneself",
        ),
        pytest.param({**EN_ANSWERS, "gestures": ["gifts", "flowers"]}, "gestures", id="bad-multi"),
        pytest.param({**EN_ANSWERS, "colour": "blue"}, "colour", id="unknown-id"),
        pytest.param({**EN_ANSWERS, "self_view": 5}, "self_view", id="text-as-number"),
        pytest.param({**EN_ANSWERS, "self_trust": 7.5}, "self_trust", id="rating-as-float"),
        pytest.param({**EN_ANSWERS, "self_trust": True}, "self_trust", id="rating-as-bool"),
        pytest.param({**EN_ANSWERS, "asked_others": "perhaps"}, "asked_others", id="bad-confirm"),
        pytest.param({**EN_ANSWERS, "gestures": [1, 2]}, "gestures", id="multi-of-numbers"),
        pytest.param({**EN_ANSWERS, "self_view": ""}, "self_view", id="empty-required"),
        pytest.param({**EN_ANSWERS, "self_view": "x" * 20_001}, "self_view", id="too-long"),
        pytest.param(
            {**EN_ANSWERS, "commitments": ["a", "b", "c", "d"]}, "commitments", id="too-many"
        ),
        pytest.param({**EN_ANSWERS, "commitments": []}, "commitments", id="no-commitments"),
        pytest.param(
            {**EN_ANSWERS, "commitments": [{"text": "a", "due": date(2020, 1, 1)}]},
            "commitments",
            id="due-in-the-past",
        ),
        pytest.param(
            {**EN_ANSWERS, "commitments": [{"text": "a", "when": "+3"}]},
            "commitments",
            id="commitment-unknown-key",
        ),
        pytest.param(
            {**EN_ANSWERS, "commitments": [{"text": "a", "due": "someday"}]},
            "commitments",
            id="commitment-bad-due",
        ),
    ],
)
def test_bad_answer_is_reported_by_id_and_nothing_is_saved(
    answers: dict[str, Any], bad_id: str, isolated_home: Path, tmp_path: Path
) -> None:
    result = run_cli("start", "--lang", "en", "--answers", str(write_answers(tmp_path, answers)))
    assert_rejected(result, isolated_home, bad_id)
    # Only the bad answer is blamed.
    for other in QUESTION_IDS:
        if other != bad_id:
            assert f"answers.{other}:" not in result.stderr


def test_every_bad_answer_is_reported_at_once(isolated_home: Path, tmp_path: Path) -> None:
    answers = {
        **without("self_view"),
        "self_trust": 11,
        "never_belief_start": "maybe",
        "colour": "blue",
        "only_me": ["a", "list"],
    }
    result = run_cli("start", "--lang", "ja", "--answers", str(write_answers(tmp_path, answers)))
    assert_rejected(
        result, isolated_home, "self_view", "self_trust", "never_belief_start", "colour", "only_me"
    )


def test_syntax_error_names_file_line_and_column(isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[answers]\npartner = "Alex"\nself_trust = \n', "utf-8")
    result = run_cli("start", "--lang", "en", "--answers", str(path))
    assert result.exit_code != 0
    assert str(path) in result.stderr
    assert "line 3" in result.stderr
    assert "column" in result.stderr
    assert "Traceback" not in result.stderr
    assert journal_paths(isolated_home) == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('partner = "Alex"\n', "[answers]"),
        ('[answers]\npartner = "Alex"\n[extra]\nx = 1\n', "extra"),
    ],
)
def test_file_without_answers_table_is_explained(
    content: str, words: str, isolated_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(content, "utf-8")
    result = run_cli("start", "--lang", "en", "--answers", str(path))
    assert result.exit_code != 0
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert journal_paths(isolated_home) == []


def test_missing_answers_file_is_explained(isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    result = run_cli("start", "--lang", "en", "--answers", str(path))
    assert result.exit_code != 0
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert journal_paths(isolated_home) == []


# ---------------------------------------------------------------------------------------------
# Commitments as strings and as tables
# ---------------------------------------------------------------------------------------------


def test_commitments_as_strings_and_tables(isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    body = tomli_w.dumps({"answers": without("commitments")})
    body += (
        "commitments = [\n"
        '  "Plain string, default due",\n'
        '  { text = "Table with a date", due = 2026-12-03 },\n'
        '  { text = "Table with days", due = "+3" },\n'
        "]\n"
    )
    path.write_text(body, "utf-8")
    result = run_cli("start", "--lang", "en", "--answers", str(path))
    assert result.exit_code == 0, result.stderr
    journal = only_journal(isolated_home)
    assert values_of(journal)["commitments"] == [
        "Plain string, default due",
        "Table with a date",
        "Table with days",
    ]
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == [
        ("Plain string, default due", DEFAULT_DUE),
        ("Table with a date", date(2026, 12, 3)),
        ("Table with days", date(2026, 11, 29)),
    ]
    assert len({c["id"] for c in to_partner(journal["commitments"])}) == 3


def test_commitment_table_with_date_string(isolated_home: Path, tmp_path: Path) -> None:
    answers = {
        **EN_ANSWERS,
        "commitments": [{"text": "Walk", "due": "2026-12-10"}, {"text": "Call"}],
    }
    result = run_cli("start", "--lang", "en", "--answers", str(write_answers(tmp_path, answers)))
    assert result.exit_code == 0, result.stderr
    journal = only_journal(isolated_home)
    assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == [
        ("Walk", date(2026, 12, 10)),
        ("Call", DEFAULT_DUE),
    ]


def test_single_string_commitment_is_recorded_as_commitment(
    isolated_home: Path, tmp_path: Path
) -> None:
    answers = {**EN_ANSWERS, "commitments": "Call at 7pm"}
    result = run_cli("start", "--lang", "en", "--answers", str(write_answers(tmp_path, answers)))
    assert result.exit_code == 0, result.stderr
    journal = only_journal(isolated_home)
    assert values_of(journal)["commitments"] == ["Call at 7pm"]
    assert [(c["text"], c["due"]) for c in to_partner(journal.get("commitments", []))] == [
        ("Call at 7pm", DEFAULT_DUE)
    ]


def test_due_date_defaults_to_a_week_when_the_pack_sets_none(
    isolated_home: Path, tmp_path: Path
) -> None:
    pack = copy.deepcopy(PACKS["en"])
    commitments_question = pack["steps"][-1]["questions"][0]
    assert commitments_question["id"] == "commitments"
    del commitments_question["due_days"]
    pack_path = tmp_path / "no-due-days.toml"
    pack_path.write_text(tomli_w.dumps(pack), "utf-8")
    answers = write_answers(tmp_path, EN_ANSWERS)
    result = run_cli("start", "--lang", "en", "--pack", str(pack_path), "--answers", str(answers))
    assert result.exit_code == 0, result.stderr
    journal = only_journal(isolated_home)
    assert [c["due"] for c in to_partner(journal["commitments"])] == [DEFAULT_DUE, DEFAULT_DUE]
