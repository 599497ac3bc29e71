"""Change you can see: the closing summary and the home screen set this session beside the one
before (both ratings, the three beliefs, the reviews' tally); trends are numbers, so one point
shows; what has not been reviewed yet is said so, never shown as a zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.answers import (
    EN_ANSWERS,
    EN_LINES_BEFORE_COMMITMENTS,
    JA_ANSWERS,
    JA_LINES_BEFORE_COMMITMENTS,
    feed,
)
from tests.support.runner import ok, run_cli
from tests.support.sessions import start_unattended

FIRST = "2026-12-01T21:00:00+09:00"
BELIEFS_BEFORE = {  # the first session's beliefs, 0 to 100, at the start and end of each step
    "never_belief_start": 80,
    "never_belief_end": 70,
    "words_belief_start": 90,
    "words_belief_end": 50,
    "others_belief_start": 40,
    "others_belief_end": 30,
}
FIRST_EN = {**EN_ANSWERS, "self_trust": 3, "partner_trust": 2, **BELIEFS_BEFORE}
FIRST_JA = {**JA_ANSWERS, "self_trust": 3, "partner_trust": 2, **BELIEFS_BEFORE}
# A second session at the keyboard, a week later: the promise to oneself kept, Call at 7pm kept,
# Walk after dinner not kept (and let go); then EN_LINES_BEFORE_COMMITMENTS (self-trust 6,
# partner's trust 4, beliefs 60 → 40, 70 → 50, 30 → 20) and one commitment.
REVIEWS = ["1", "", "1", "", "3", "", "3"]
AFTER = ["Read on Sundays", "", "", "", "8"]
SECOND_LINES = [*REVIEWS, *EN_LINES_BEFORE_COMMITMENTS, *AFTER]
SECOND_LINES_JA = [*REVIEWS, *JA_LINES_BEFORE_COMMITMENTS, "日曜に本を読む", "", "", "", "8"]


def flat(text: str) -> str:
    """Text with its wrapping undone (rich wraps bullets to the terminal's width)."""
    return " ".join(text.split())


def summary_of(out: str, title: str = "Summary") -> str:
    return flat(out[out.rindex(title) :])


@pytest.fixture
def first(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    session = start_unattended(tmp_path, monkeypatch, FIRST, FIRST_EN, "--lang", "en")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-08T21:00:00+09:00")
    return session


def test_the_first_summary_has_nothing_to_compare(isolated_home: Path) -> None:
    lines = [*EN_LINES_BEFORE_COMMITMENTS, *AFTER]
    summary = summary_of(ok(run_cli("start", "--lang", "en", input=feed(lines))))
    assert "Self-trust: 6 / 10" in summary
    assert "last time" not in summary and "as before" not in summary
    assert "Looking back" not in summary
    assert "half a minute on the days of your commitments: trustcoach checkin Their" in summary


def test_the_second_summary_sets_each_value_beside_the_last(first: str) -> None:
    summary = summary_of(ok(run_cli("start", "--lang", "en", input=feed(SECOND_LINES))))
    assert "Looking back at earlier commitments • This session: 2 kept, 0 partly kept, " in summary
    assert "The session before" not in summary  # it looked back at nothing: no zeros
    assert "Self-trust: 6 / 10 (last time: 3 / 10)" in summary
    assert "Partner's trust (my estimate): 4 / 10 (last time: 2 / 10)" in summary
    assert "Confidence in keeping them: 8 / 10 (as before)" in summary
    never = 'Misconception 1: "Trust, once lost, never comes back": 60 → 40 (last time: 80 → 70)'
    assert never in summary
    assert "70 → 50 (last time: 90 → 50)" in summary
    assert "30 → 20 (last time: 40 → 30)" in summary


def test_the_home_screen_compares_the_last_two_sessions(first: str) -> None:
    ok(run_cli("start", "--lang", "en", input=feed(SECOND_LINES)))
    lines = ok(run_cli()).splitlines()
    at = lines.index("  self-trust 6 / 10, partner's trust 4 / 10")  # a rating with its scale
    before = "  the session before (2026-12-01): self-trust 3 / 10, partner's trust 2 / 10"
    assert lines[at + 1] == before
    assert lines[at + 2 : at + 6] == [  # each belief at the start → end of its step
        "  beliefs about trust, 0 to 100 (start → end of each step):",
        '    "Lost trust never comes back": 60 → 40 (last time: 80 → 70)',
        '    "The right words will restore trust": 70 → 50 (last time: 90 → 50)',
        '    "Someone else can fix it": 30 → 20 (last time: 40 → 30)',
    ]
    tally = "2 kept, 0 partly kept, 1 not kept"
    assert lines[at + 6] == f"  looked back at earlier commitments: {tally}"
    assert not any(line.startswith("  trend:") for line in lines)  # two points: shown above


def test_trends_are_numbers_so_one_point_shows(first: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ok(run_cli("start", "--lang", "en", input=feed(SECOND_LINES)))
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-15T21:00:00+09:00")
    third = ["1", "", "1", "", *EN_LINES_BEFORE_COMMITMENTS, *AFTER]
    third[third.index("6")] = "7"  # self-trust 6 -> 7: one point
    summary = summary_of(ok(run_cli("start", "--lang", "en", input=feed(third))))
    assert "• This session: 2 kept, 0 partly kept, 0 not kept" in summary
    assert "• The session before: 2 kept, 0 partly kept, 1 not kept" in summary
    assert "Self-trust: 7 / 10 (last time: 6 / 10)" in summary
    assert "60 → 40 (as before)" in summary
    home = ok(run_cli()).splitlines()
    assert '    "Lost trust never comes back": 60 → 40 (as before)' in home
    assert "  trend: self 3 → 6 → 7  partner 2 → 4 → 4" in home
    assert "  the session before looked back: 2 kept, 0 partly kept, 1 not kept" in home
    assert "▃" not in "\n".join(home)


def test_not_reviewed_yet_is_never_a_zero(first: str) -> None:
    listing = ok(run_cli("list")).splitlines()
    assert listing[1].split()[3:5] == ["not", "yet"]
    progress = ok(run_cli("progress"))
    assert "Strength of keeping your word to your partner: not measured yet" in progress
    assert "Strength of keeping your word to yourself: not measured yet" in progress
    assert "0 / 100" not in progress and "0 kept" not in progress
    report = ok(run_cli("export", "--since", "2026-11-01", "--format", "md"))
    assert "| 2026-12-01 | 3 | 2 | 3 | not reviewed yet |" in report


def test_in_japanese(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start_unattended(tmp_path, monkeypatch, FIRST, FIRST_JA, "--lang", "ja")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-08T21:00:00+09:00")
    out = ok(run_cli("start", "--lang", "ja", input=feed(SECOND_LINES_JA)))
    summary = summary_of(out, "まとめ")
    assert "前回までの約束の振り返り • 今回：守れた2件、一部守れた0件、守れなかった1件" in summary
    assert "自分への信頼：6 / 10（前回：3 / 10）" in summary  # a rating with its scale
    assert "60 → 40（前回：80 → 70）" in summary
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    home = ok(run_cli()).splitlines()
    before = "  その前のセッション（2026-12-01）：自分への信頼 3 / 10、パートナーからの信頼 2 / 10"
    assert before in home
    assert "    「失った信頼は戻らない」：60 → 40（前回：80 → 70）" in home
    listing = ok(run_cli("list")).splitlines()
    assert [listing[1].split()[3], listing[2].split()[3]] == ["まだ", "2/3"]


def test_a_journal_of_the_first_version_still_shows_its_beliefs(isolated_home: Path) -> None:
    """Sessions of the pack's first version said yes / partly / no once per misconception."""
    from tests.support.checkout import REPO

    old = REPO / "tests" / "data" / "journals-279af0b" / "20261112-213000-f240.toml"
    (isolated_home / "journals").mkdir(parents=True)
    (isolated_home / "journals" / old.name).write_bytes(old.read_bytes())
    lines = ok(run_cli()).splitlines()
    at = lines.index("  beliefs about trust:")
    assert lines[at + 1 : at + 4] == [
        '    "Lost trust never comes back": Partly',
        '    "The right words will restore trust": Yes, I have believed it',
        '    "Someone else can fix it": No, not really',
    ]
