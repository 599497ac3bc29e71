"""What the client keeps back stays back: the cases found by trying to make exports leak, one
row each. A counselor's pack (used by its path) marks two answers ``share = false``: the
partner's trust (a rating that a later prompt quotes and the report charts) and the actions
that cost trust. S2 reviews S1's commitments, with notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.answers import TEXT_QUESTIONS, counselor_answers, token
from tests.support.documents import left_out_sentence, plain_text, strip_tags
from tests.support.packs import ALL_QUESTIONS, COUNSELOR_PACK, STEPS, mark_private, pack_file
from tests.support.runner import ok, run_cli
from tests.support.sessions import CopyHome, SessionsHome, home_made_once, start_unattended

PRIVATE = ("partner_trust", "costly_actions")
S1_WHEN, S2_WHEN = "2026-03-01T10:00:00+09:00", "2026-03-09T10:00:00+09:00"
NOTES = {"c2": "S2notekeptq", "c3": "S2notepartlyq"}  # c1: the promise to oneself
QUOTED_RATING = "at 3 out of 10"  # one_point_action's prompt quotes partner_trust


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[SessionsHome, Path]:
    with home_made_once(tmp_path_factory, "private") as (folder, mp):
        home = folder / "home"
        ok(run_cli("pack", "init", COUNSELOR_PACK, "--lang", "en"))
        path = pack_file(home, "en")
        path.write_text(mark_private(path.read_text("utf-8"), *PRIVATE), "utf-8")
        by_path = ("--pack", str(path), "--lang", "en")
        s1 = start_unattended(folder, mp, S1_WHEN, counselor_answers("S1"), *by_path)
        reviews = {
            f"{s1}/c2": {"outcome": "kept", "note": NOTES["c2"]},
            f"{s1}/c3": {"outcome": "partly", "note": NOTES["c3"]},
        }
        answers = counselor_answers("S2")
        s2 = start_unattended(folder, mp, S2_WHEN, answers, *by_path, reviews=reviews)
    return SessionsHome(home, [s1, s2]), path


@pytest.fixture
def sessions(made: tuple[SessionsHome, Path], copy_home: CopyHome) -> SessionsHome:
    home = copy_home(made[0].home, "2026-03-10T10:00:00+09:00")
    return SessionsHome(home, made[0].ids)


def public(*questions: str) -> set[str]:
    return set(questions) - set(PRIVATE)


def everything_but(*names: str) -> set[str]:
    gone = {q for name in names for q in STEPS.get(name, [name])}
    if "commitments" in names:  # the word chooses every commitment list: the promise too
        gone.add("self_promise_small")
    return public(*ALL_QUESTIONS) - gone


# case: (arguments, the questions shared, whether S1's commitments are reviewed in S2)
CASES: dict[str, tuple[list[str], set[str], bool]] = {
    "defaults": ([], everything_but(), True),
    "exclude reviews": (["--exclude", "reviews"], everything_but(), False),
    "exclude commitments": (["--exclude", "commitments"], everything_but("commitments"), False),
    "exclude a step": (["--exclude", "myth-never"], everything_but("myth-never"), True),
    "exclude partner": (["--exclude", "partner"], everything_but("partner"), True),
    "only a step": (["--only", "myth-words"], public(*STEPS["myth-words"]), False),
    "only a step and commitments": (
        ["--only", "myth-words,commitments"],
        public(*STEPS["myth-words"], *STEPS["commitments"], "self_promise_small"),
        False,
    ),
    "exclude one question": (["--exclude", "self_view"], everything_but("self_view"), True),
    "only reviews": (["--only", "reviews"], set(), True),
    "only a private question by its id": (["--only", "costly_actions"], {"costly_actions"}, False),
    "only its step and its id": (
        ["--only", "myth-words", "--only", "costly_actions"],
        set(STEPS["myth-words"]),
        False,
    ),
    "named by id, excluded by step": (
        ["--only", "costly_actions,reviews", "--exclude", "myth-words"],
        set(),
        True,
    ),
}


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_withheld_answer_is_withheld_everywhere(
    case: str, fmt: str, sessions: SessionsHome, made: tuple[SessionsHome, Path]
) -> None:
    args, shared, reviewed = CASES[case]
    text = ok(run_cli("export", "latest", "--format", fmt, *args))
    seen = plain_text(fmt, text)
    for qid in TEXT_QUESTIONS:
        assert (token("S2", qid) in seen) == (qid in shared), (qid, seen)
    for commitment in ("S2commitone", "S2committwo"):
        assert (commitment in seen) == ("commitments" in shared)
    # the partner's name and trust, quoted by later prompts, only where they are shared
    assert ("RowanS2" in seen) == ("partner" in shared)
    assert (QUOTED_RATING in seen) == ("partner_trust" in shared)
    # S1's commitments come back only inside S2's reviews of them, with the notes
    for words in ("S1commitone", "S1committwo", *NOTES.values()):
        assert (words in seen) == reviewed, words
    assert "S1x" not in seen
    # metadata: where the pack file lies never leaves; the review plan only for shared reviews
    for raw in (text, seen):
        assert str(made[1].parent) not in raw
        assert "/home/" not in raw and "pack_source" not in raw
    left = len(set(ALL_QUESTIONS) - shared) + (0 if reviewed else len(NOTES))
    if fmt == "json":
        data = json.loads(text)
        assert {a["question"] for a in data["answers"]} == shared
        assert data["left_out"] == left
        assert len(data["reviews"]) == len(data["review_plan"]) == (2 if reviewed else 0)
        assert (sessions.ids[0] in text) == reviewed  # the review plan names S1's commitments
    else:
        assert left_out_sentence(left) in seen
        lines = [line for line in seen.splitlines() if "left out" in line]
        assert not any(qid in line for line in lines for qid in ALL_QUESTIONS)


def report_rows(page: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        cells = [strip_tags(c).strip() for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        if cells:
            rows.append(cells)
    return rows


# case: (arguments, rows of the table: date, self-trust, partner's trust, made, kept, and the
# number of round marks (self-trust) in the chart); the partner's trust is private throughout;
# the second session's commitments are not reviewed yet, which is said in words, never as 0
REPORT_CASES: dict[str, tuple[list[str], list[list[str]], int]] = {
    "defaults": (
        [],
        [
            ["2026-03-01", "6", "–", "3", "1 (1 not reviewed yet)"],
            ["2026-03-09", "6", "–", "3", "not reviewed yet"],
        ],
        2,
    ),
    "exclude reviews": (
        ["--exclude", "reviews"],
        [["2026-03-01", "6", "–", "3", "–"], ["2026-03-09", "6", "–", "3", "–"]],
        2,
    ),
    "exclude commitments": (
        ["--exclude", "commitments"],
        [["2026-03-01", "6", "–", "0", "0"], ["2026-03-09", "6", "–", "0", "0"]],
        2,
    ),
    "exclude self_trust": (
        ["--exclude", "self_trust"],
        [
            ["2026-03-01", "–", "–", "3", "1 (1 not reviewed yet)"],
            ["2026-03-09", "–", "–", "3", "not reviewed yet"],
        ],
        0,
    ),
    "only the partner's trust by id": (
        ["--only", "partner_trust"],
        [["2026-03-01", "–", "3", "0", "–"], ["2026-03-09", "–", "3", "0", "–"]],
        0,
    ),
}


@pytest.mark.parametrize("case", list(REPORT_CASES))
def test_the_report_counts_and_charts_only_what_is_shared(
    case: str, sessions: SessionsHome
) -> None:
    args, rows, circles = REPORT_CASES[case]
    page = ok(run_cli("export", "--since", "2026-03-01", "--format", "html", *args))
    # the beliefs' table follows, for the sessions whose beliefs are shared
    beliefs = (
        [] if "--only" in args else [[day, "70 → 50", "80 → 60", "30 → 20"] for day, *_ in rows]
    )
    assert report_rows(page) == rows + beliefs
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert chart.count("<circle") == circles
    assert chart.count("<rect") == sum(row[2] != "–" for row in rows)
    seen = strip_tags(page)
    md = ok(run_cli("export", "--since", "2026-03-01", "--format", "md", *args))
    markdown = plain_text("md", md)
    for shown in (seen, markdown):
        assert token("S1", "costly_actions") not in shown
        assert token("S2", "costly_actions") not in shown
        assert QUOTED_RATING not in shown or "partner_trust" in args
        reviewed = "reviews" not in args and "commitments" not in args and "--only" not in args
        assert all((note in shown) == reviewed for note in NOTES.values())
        assert "/home/" not in shown


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('id = "only_me"', 'id = "reviews"'), "'reviews' is a word exports use"),
        (('id = "myth-others"', 'id = "reviews"'), "'reviews' is a word exports use"),
        (('id = "self_view"', 'id = "commitments"'), "only a step or a commitment list"),
        (('id = "myth-others"', 'id = "only_me"'), "the question id 'only_me' is also a step id"),
    ],
)
def test_selector_words_are_reserved_ids(
    edit: tuple[str, str], message: str, isolated_home: Path
) -> None:
    ok(run_cli("pack", "init", COUNSELOR_PACK, "--lang", "en"))
    path = pack_file(isolated_home, "en")
    text = path.read_text("utf-8").replace('misconception = "myth-others"', 'misconception = "x"')
    old, new = edit
    assert text.count(old + "\n") == 1
    path.write_text(text.replace(old + "\n", new + "\n"), "utf-8")
    for args in (["pack", "validate", str(path)], ["start", "--pack", str(path), "--lang", "en"]):
        result = run_cli(*args)
        assert result.exit_code == 1
        assert message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not (isolated_home / "journals").exists() or not any(
        (isolated_home / "journals").iterdir()
    )


def test_the_default_pack_names_commitments_only_as_the_selector_means(
    isolated_home: Path,
) -> None:
    """The default pack has a step and a commitment list called ``commitments``: the meaning of
    the selector word, so it validates."""
    for lang in ("en", "ja"):
        ok(run_cli("pack", "init", COUNSELOR_PACK, "--lang", lang, "--from", "trust-repair"))
        out = run_cli("pack", "validate", str(pack_file(isolated_home, lang)))
        assert out.exit_code == 0, out.stderr
