"""``export --only/--exclude`` and ``export --share`` through a pipe: exactly what was named is
left out, in every format, and an export says how many answers were left out, never which."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.answers import TEXT_QUESTIONS, counselor_answers, token
from tests.support.documents import assert_self_contained, left_out_sentence, plain_text
from tests.support.packs import ALL_QUESTIONS, PROMPTS, STEPS
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import CopyHome, SessionsHome, home_made_once, start_unattended

# ---------------------------------------------------------------------------------------------
# --only / --exclude
# ---------------------------------------------------------------------------------------------

S1_WHEN, S2_WHEN = "2026-03-01T10:00:00+09:00", "2026-03-09T10:00:00+09:00"
REVIEW_NOTES = {"c2": "S1notekeptq", "c3": "S1notepartlyq"}


@pytest.fixture(scope="module")
def two_sessions(tmp_path_factory: pytest.TempPathFactory) -> SessionsHome:
    """S1, and S2 a week later reviewing S1's two commitments; made once for the module."""
    with home_made_once(tmp_path_factory, "two") as (folder, mp):
        s1 = start_unattended(folder, mp, S1_WHEN, counselor_answers("S1"), "--lang", "en")
        reviews = {
            f"{s1}/c2": {"outcome": "kept", "note": REVIEW_NOTES["c2"]},
            f"{s1}/c3": {"outcome": "partly", "note": REVIEW_NOTES["c3"]},
        }
        s2 = start_unattended(
            folder, mp, S2_WHEN, counselor_answers("S2"), "--lang", "en", reviews=reviews
        )
    return SessionsHome(folder / "home", [s1, s2])


@pytest.fixture
def sessions(two_sessions: SessionsHome, copy_home: CopyHome) -> SessionsHome:
    home = copy_home(two_sessions.home, "2026-03-10T10:00:00+09:00")
    return SessionsHome(home, two_sessions.ids)


def expand(names: list[str]) -> set[str]:
    chosen: set[str] = set()
    for name in names:
        chosen |= set(STEPS.get(name, [name]))
        if name == "commitments":  # the word chooses every commitment list: the promise too
            chosen.add("self_promise_small")
    return chosen


SELECTIONS = {
    "exclude-step": (["--exclude", "self"], None, ["self"]),
    "exclude-questions": (
        ["--exclude", "costly_actions,only_me"],
        None,
        ["costly_actions", "only_me"],
    ),
    "only-steps-and-question": (
        ["--only", "myth-words", "--only", "self_view,commitments"],
        ["myth-words", "self_view", "commitments"],
        [],
    ),
    "only-reviews": (["--only", "reviews"], ["reviews"], []),
    "exclude-reviews-and-step": (
        ["--exclude", "reviews", "--exclude", "myth-others"],
        None,
        ["reviews", "myth-others"],
    ),
    "only-and-exclude": (
        ["--only", "self,myth-never", "--exclude", "self_trust,one_point_action"],
        ["self", "myth-never"],
        ["self_trust", "one_point_action"],
    ),
}


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
@pytest.mark.parametrize("case", list(SELECTIONS))
def test_only_and_exclude_leave_out_exactly_what_was_named(
    case: str, fmt: str, sessions: SessionsHome
) -> None:
    args, only, exclude = SELECTIONS[case]
    everything = {*ALL_QUESTIONS, "reviews"}
    kept = (expand(only) if only else everything) - expand(exclude)
    left = set(ALL_QUESTIONS) - kept
    expected_left_out = len(left) + (0 if "reviews" in kept else len(REVIEW_NOTES))
    assert expected_left_out > 0

    text = ok(run_cli("export", "latest", "--format", fmt, *args))
    seen = plain_text(fmt, text)
    for qid in TEXT_QUESTIONS:
        assert (token("S2", qid) in seen) == (qid in kept), (qid, fmt)
    for commitment in ("S2commitone", "S2committwo"):
        assert (commitment in seen) == ("commitments" in kept), fmt
    # the reviews of S1's commitments: the commitment texts and the notes
    for review_text in ("S1commitone", "S1committwo", *REVIEW_NOTES.values()):
        assert (review_text in seen) == ("reviews" in kept), (review_text, fmt)
    for qid in left - {"partner"}:  # the partner's name: see the test below
        fragment = PROMPTS[qid].strip().split("{")[0]
        assert len(fragment) > 6
        assert fragment not in seen, (qid, fmt)
    assert "S1x" not in seen  # nothing of the other session

    if fmt == "json":
        data = json.loads(text)
        assert data["left_out"] == expected_left_out
        assert {a["question"] for a in data["answers"]} == kept - {"reviews"}
        assert bool(data["reviews"]) == ("reviews" in kept)
        sentence_lines = []
    else:
        sentence = left_out_sentence(expected_left_out)
        assert sentence in seen, seen[-400:]
        assert seen.count("were left out") == 1
        sentence_lines = [line for line in seen.splitlines() if "were left out" in line]
        assert [line.strip() for line in sentence_lines] == [sentence]
    for line in sentence_lines:  # the note never names what was left out
        assert not any(qid in line for qid in left)
    if fmt == "html":
        assert_self_contained(text)


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_excluding_the_partner_leaves_out_their_name(fmt: str, sessions: SessionsHome) -> None:
    """Later prompts show earlier answers ({partner}, {partner_trust}); leaving those answers
    out must leave them out of the prompts too."""
    kept = plain_text(fmt, ok(run_cli("export", "latest", "--format", fmt)))
    assert "RowanS2" in kept
    assert "at 3 out of 10" in kept
    seen = plain_text(fmt, ok(run_cli("export", "latest", "--format", fmt, "--exclude", "partner")))
    assert "RowanS2" not in seen
    assert "at 3 out of 10" in seen  # the rating was kept
    assert token("S2", "only_me") in seen
    both = ["--exclude", "partner,partner_trust"]
    seen = plain_text(fmt, ok(run_cli("export", "latest", "--format", fmt, *both)))
    assert "RowanS2" not in seen
    assert "at 3 out of 10" not in seen
    assert token("S2", "one_point_action") in seen


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_excluding_the_partner_leaves_out_their_name(
    fmt: str, sessions: SessionsHome
) -> None:
    args = ["--since", "2026-03-01", "--format", fmt, "--exclude", "self"]
    seen = plain_text(fmt, ok(run_cli("export", *args)))
    assert "RowanS1" not in seen
    assert "RowanS2" not in seen
    assert token("S1", "only_me") in seen
    assert token("S2", "only_me") in seen


def test_share_through_a_pipe_writes_what_was_chosen(
    sessions: SessionsHome, tmp_path: Path
) -> None:
    target = tmp_path / "shared.md"
    # reviews, then the 18 answers: leave out only_me, keep the rest; then confirm
    replies = ["n" if item == "only_me" else "" for item in ["reviews", *ALL_QUESTIONS]]
    result = run_cli(
        "export", "latest", "--share", "--output", str(target), input="\n".join([*replies, "y", ""])
    )
    ok(result)
    assert result.stdout.count("Include it? [Y/n/a]") == 1 + len(ALL_QUESTIONS)
    seen = plain_text("md", target.read_text("utf-8"))
    assert token("S2", "only_me") not in seen
    assert token("S2", "self_view") in seen
    assert left_out_sentence(1) in seen


def test_share_to_an_existing_file_refuses_before_asking(
    sessions: SessionsHome, tmp_path: Path
) -> None:
    target = tmp_path / "shared.md"
    target.write_text("earlier export", "utf-8")
    replies = "\n" * (1 + len(ALL_QUESTIONS)) + "y\n"
    result = run_cli("export", "latest", "--share", "--output", str(target), input=replies)
    assert target.read_text("utf-8") == "earlier export"
    assert result.exit_code == 1
    assert "Include it?" not in result.stdout, "asked about every answer, then refused"


def test_no_selection_keeps_everything_and_says_nothing_was_left_out(
    sessions: SessionsHome,
) -> None:
    for fmt in ("md", "html", "json"):
        text = ok(run_cli("export", "latest", "--format", fmt))
        seen = plain_text(fmt, text)
        assert all(token("S2", q) in seen for q in TEXT_QUESTIONS)
        assert all(note in seen for note in REVIEW_NOTES.values())
        assert "left out" not in seen
        if fmt == "json":
            assert json.loads(text)["left_out"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--only", "nope"],
        ["--exclude", "self,nope"],
        ["--only", "self", "--exclude", "nope"],
        ["--only", "Self"],
    ],
)
def test_unknown_names_refuse_with_one_sentence(
    args: list[str], sessions: SessionsHome, tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    line = refused(run_cli("export", "latest", *args, "--output", str(target)))
    bad = "Self" if "Self" in args else "nope"
    assert f"'{bad}' is neither a step nor a question" in line
    assert "reviews" in line  # the names one may use are listed
    assert not target.exists()


def test_export_to_a_file_refuses_to_replace_without_force(
    sessions: SessionsHome, tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    ok(run_cli("export", "latest", "--exclude", "self", "--output", str(target)))
    first = target.read_text("utf-8")
    line = refused(run_cli("export", "latest", "--output", str(target)))
    assert "--force" in line
    assert target.read_text("utf-8") == first
    ok(run_cli("export", "latest", "--output", str(target), "--force"))
    assert token("S2", "self_view") in plain_text("md", target.read_text("utf-8"))
