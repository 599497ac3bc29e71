"""list, progress and the home screen speak the locale's language and fit 60 columns."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.support.answers import JA_ANSWERS
from tests.support.runner import run_cli

ANSWERS: dict[str, Any] = {
    **JA_ANSWERS,
    "self_trust": 3,
    "partner_trust": 2,
    "commitments": ["毎晩22時にスマホを別の部屋に置く"],
}


def columns(line: str) -> int:
    """How many terminal columns a line takes (wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


@pytest.fixture
def two_sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two Japanese sessions a week apart; the second reviews the first's commitment as kept."""
    first = tmp_path / "first.toml"
    first.write_text(tomli_w.dumps({"answers": ANSWERS}), "utf-8")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-12T21:00:00+09:00")
    assert run_cli("start", "--lang", "ja", "--answers", str(first)).exit_code == 0
    (first_id,) = [row["id"] for row in json.loads(run_cli("list", "--json").stdout)]
    second = tmp_path / "second.toml"
    reviews = {f"{first_id}/c1": "kept", f"{first_id}/c2": "kept"}  # oneself, then the partner
    data = {"answers": {**ANSWERS, "self_trust": 5}, "reviews": reviews}
    second.write_text(tomli_w.dumps(data), "utf-8")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-19T21:00:00+09:00")
    assert run_cli("start", "--lang", "ja", "--answers", str(second)).exit_code == 0
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    return [first_id]


def test_list_in_japanese_fits_sixty_columns(two_sessions: list[str]) -> None:
    result = run_cli("list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["日付", "自分", "パートナー", "守れた", "セッション"]
    assert lines[2].split()[:4] == ["2026-11-12", "3", "2", "2/2"]  # oneself and the partner
    assert all(columns(line) <= 60 for line in lines)


def test_progress_and_home_in_japanese(two_sessions: list[str]) -> None:
    progress = run_cli("progress").stdout
    assert "セッションごとの評価（1〜10）" in progress
    assert "守れた1件、一部守れた0件、守れなかった0件" in progress
    assert "パートナーへの約束を守ってきた積み重ね：25 / 100" in progress
    assert "自分との約束を守ってきた積み重ね：25 / 100" in progress
    assert "三つの考えを信じる度合い（0〜100、ステップの始め → 終わり）" in progress
    home = run_cli().stdout
    assert "前回のセッション：2026-11-19（完了、" in home
    assert "  - 毎晩22時にスマホを別の部屋に置く（期日 2026-11-26）" in home
    assert "Last session" not in home


def test_english_locale_keeps_english(two_sessions: list[str], monkeypatch: Any) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Ratings per session (1 to 10)" in run_cli("progress").stdout


def test_next_steps_never_break_a_long_command() -> None:
    """A long path to the program puts each command on its own line, whole."""
    from trustcoach.cli.screens.home import next_steps

    short = next_steps([("新しいセッション：", "trustcoach start"), ("一覧：", "trustcoach list")])
    assert short == ["新しいセッション：  trustcoach start", "一覧：              trustcoach list"]
    program = "~/Documents/tools/trustcoach/.venv/bin/trustcoach"
    long = next_steps([("新しいセッション：", f"{program} start"), ("一覧：", f"{program} list")])
    assert long == ["新しいセッション：", f"  {program} start", "一覧：", f"  {program} list"]


def test_show_lists_each_item_of_a_list_answer_after_a_dash(
    two_sessions: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = ["毎晩22時にスマホを別の部屋に置く。", "週末に料理する"]
    path = tmp_path / "third.toml"
    path.write_text(tomli_w.dumps({"answers": {**ANSWERS, "commitments": items}}), "utf-8")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-20T21:00:00+09:00")
    assert run_cli("start", "--lang", "ja", "--answers", str(path)).exit_code == 0
    lines = run_cli("show", "latest").stdout.splitlines()
    at = lines.index("これからの数日で行う行動や約束を、1〜3個書いてください。")
    assert lines[at + 1 : at + 3] == [f"  - {item}" for item in items]
    assert "  3 / 10" in lines  # a rating with its scale


def test_a_trend_too_long_for_sixty_columns_is_a_line_per_rating() -> None:
    """Each trend stays beside its name: on one line while both fit 60 columns, then one line
    for each rating (whose numbers wrap() keeps together)."""
    from trustcoach.cli.screens.home import trend_lines
    from trustcoach.journal.history import History, SessionRow

    def history(count: int) -> History:
        rows = [
            SessionRow(f"2026110{n}-210000-abcd", "2026-11-01", "complete", "ja", "p", n + 1, 10)
            for n in range(count)
        ]
        return History(rows, {}, {}, {}, [], {})

    assert trend_lines(history(2), "ja") == []  # two sessions are compared line by line instead
    assert trend_lines(history(3), "ja") == ["  推移：自分 1 → 2 → 3　パートナー 10 → 10 → 10"]
    assert trend_lines(history(9), "ja") == [
        "  自分への信頼の推移：… → 2 → 3 → 4 → 5 → 6 → 7 → 8 → 9",
        "  パートナーからの信頼の推移：… → 10 → 10 → 10 → 10 → 10 → 10 → 10 → 10",
    ]
    assert trend_lines(history(9), "en")[1].startswith("  partner's trust over time: … → 10")
