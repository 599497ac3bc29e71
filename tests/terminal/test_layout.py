"""Every screen in a real pseudo-terminal, 60 columns wide: it fits, it breaks by the rules of
its language, and under a Japanese locale it is in Japanese. And the start of a session waits
for Enter, so that nothing scrolls off a 24-line screen before it is read.

What the program printed is read from the terminal's transcript: a line longer than the
terminal would be folded by the terminal, so it shows in the transcript as one long line.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import JA_ANSWERS
from tests.support.clocks import PTY_NOW
from tests.support.journals import journal_paths
from tests.support.runner import ok, run_cli
from tests.support.sessions import CopyHome, home_made_once, start_unattended
from tests.support.terminal import BEGIN_PROMPTS, MORE_PROMPTS, on_path
from trustcoach.text import columns
from trustcoach.wrap import NO_END, NO_START

pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
JAPANESE = re.compile(r"[ぁ-んァ-ン一-龥]")
LONG_COMMITMENT = (
    "平日の夕食後、家で、二十二時までスマートフォンを別の部屋に置いておき、"
    "夫と一緒にその日のことを話す時間をつくる"
)
ANSWERS = {
    **JA_ANSWERS,
    "self_view": "約束を守れない人間だと感じています。朝は「今日こそは」と思うのに、"
    "夜になると疲れて何もできず、そのたびに自分にがっかりしてしまいます。",
    "commitments": [LONG_COMMITMENT, "土曜日の朝、家計簿を開いて、その週に使ったお金を書き出す"],
}
# Click's own few words stay English; everything else is the program's.
CLICK_WORDS = re.compile(
    r"Usage:|Options:|Arguments:|Commands:|\[default:[^\]]*\]|\[required\]|<[a-z\[\]]+>"
)
ENGLISH_WORDS = re.compile(r"\b(?:the|is|are|not|and|or|with|for|this|there|no|your)\b", re.I)

HELP_COMMANDS = [
    [],
    ["start"],
    ["resume"],
    ["safety"],
    ["list"],
    ["show"],
    ["export"],
    ["progress"],
    ["doctor"],
    ["pack"],
    ["pack", "list"],
    ["pack", "show"],
    ["pack", "init"],
    ["pack", "validate"],
    ["checkin"],
    ["remind"],
]
SCREENS = [[], ["list"], ["show", "latest"], ["progress"], ["doctor"], ["safety"]]
SCREENS += [["pack", "list"], ["pack", "show", "trust-repair"]]
ERRORS = [
    ["show", "nosuch"],
    ["show", "20991231-235959-abcd"],
    ["resume"],
    ["export"],
    ["export", "latest", "--format", "pdf"],
    ["export", "--since", "yesterday", "--format", "md"],
    ["pack", "validate", "/no/such/pack.toml"],
    ["pack", "show", "nosuch"],
    ["pack", "init", "BAD"],
    ["start", "--pack", "nosuch"],
    ["list", "--jsn"],
    ["lst"],
    ["show"],
    ["start", "--lang", "fr"],
]


@pytest.fixture(scope="module")
def made_with_sessions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two Japanese sessions with long answers, the later one a day after the first; made once
    for the module."""
    with home_made_once(tmp_path_factory, "layout-sessions") as (folder, mp):
        start_unattended(folder, mp, "2026-03-01T21:00:00+09:00", ANSWERS, "--lang", "ja")
        start_unattended(folder, mp, "2026-03-02T21:00:00+09:00", ANSWERS, "--lang", "ja")
    return folder / "home"


@pytest.fixture
def home_with_sessions(
    made_with_sessions: Path, copy_home: CopyHome, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The two sessions in this test's home, at the terminals' usual time (``PTY_NOW``)."""
    home = copy_home(made_with_sessions, PTY_NOW)
    monkeypatch.delenv("COLUMNS", raising=False)
    return home


def screen(
    terminals: Any, home: Path, lang: str, args: list[str], width: int, now: str | None = None
) -> list[str]:
    """What ``trustcoach ARGS`` printed in a terminal ``width`` columns wide, line by line (at
    the time ``now``, else at the terminals' usual time)."""
    env = {"LANG": "ja_JP.UTF-8" if lang == "ja" else "en_US.UTF-8"}
    if now:
        env["TRUSTCOACH_NOW"] = now
    terminal = terminals(home, *args, env=env, size=(200, width))
    terminal.end()
    text = ANSI.sub("", terminal.output).replace("\r\n", "\n")
    return [line for line in text.split("\n") if line.strip()]


def assert_laid_out(lines: list[str], width: int, what: list[str]) -> None:
    for number, line in enumerate(lines):
        assert columns(line) <= width, (what, line)
        if number and line.lstrip()[:1] in NO_START:
            raise AssertionError((what, "starts with a closing mark", line))
        assert line.rstrip()[-1:] not in NO_END, (what, "ends with an opening mark", line)


@pytest.mark.parametrize("args", HELP_COMMANDS, ids=" ".join)
def test_help_fits_sixty_columns_in_japanese(
    terminals: Any, home_with_sessions: Path, args: list[str]
) -> None:
    lines = screen(terminals, home_with_sessions, "ja", [*args, "--help"], 60)
    assert_laid_out(lines, 60, args)
    own = [CLICK_WORDS.sub("", line) for line in lines]
    assert any(JAPANESE.search(line) for line in own)
    assert not [line for line in own if ENGLISH_WORDS.search(line)], own


def test_help_fits_in_english(terminals: Any, home_with_sessions: Path) -> None:
    """(click lays help out at most 80 columns wide, so 60 is the width to try)"""
    width = 60
    for args in HELP_COMMANDS:
        lines = screen(terminals, home_with_sessions, "en", [*args, "--help"], width)
        assert_laid_out(lines, width, args)
        assert not any(JAPANESE.search(line) for line in lines)


@pytest.mark.parametrize("args", SCREENS + ERRORS, ids=" ".join)
def test_every_screen_and_error_fits_sixty_columns_in_japanese(
    terminals: Any, home_with_sessions: Path, args: list[str]
) -> None:
    lines = screen(terminals, home_with_sessions, "ja", args, 60)
    assert_laid_out(lines, 60, args)
    assert any(JAPANESE.search(line) for line in lines), lines
    prose = [re.sub(r"'[^']*'|\S*[/.]\S*|--?\w[\w-]*", "", line) for line in lines]
    assert not [line for line in prose if ENGLISH_WORDS.search(line)], lines


def test_long_japanese_answers_are_wrapped_not_cropped(
    terminals: Any, home_with_sessions: Path
) -> None:
    lines = screen(terminals, home_with_sessions, "ja", [], 60)
    joined = "".join(line.strip() for line in lines)
    assert re.search(f"{LONG_COMMITMENT}（期日 2026-03-0[89]", joined)  # whole, with its date
    bullet = next(n for n, line in enumerate(lines) if line.startswith("  - 平日の夕食後"))
    assert lines[bullet + 1].startswith("    ") and lines[bullet + 1][4] != " "


@pytest.mark.parametrize(
    ("args", "width"),
    [(args, 60) for args in SCREENS + ERRORS] + [(args, 100) for args in SCREENS],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_every_screen_and_error_fits_in_english(
    terminals: Any, home_with_sessions: Path, args: list[str], width: int
) -> None:
    lines = screen(terminals, home_with_sessions, "en", args, width)
    assert_laid_out(lines, width, args)


# ---------------------------------------------------------------------------------------------
# Pacing: the introduction waits for Enter
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "size"), [("ja", (24, 60)), ("en", (24, 80)), ("ja", (30, 80))])
def test_the_introduction_waits_for_enter_page_by_page(
    terminals: Any, isolated_home: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
    size: tuple[int, int],
) -> None:
    """Nothing scrolls away unread: each page of the introduction, with the command line above
    it, fits the screen before the program waits; the first question comes after the last."""
    monkeypatch.delenv("COLUMNS", raising=False)
    terminal = terminals(isolated_home, "start", "--lang", lang, size=size)
    pages = terminal.begin()
    terminal.child.expect_exact("> ")
    text = ANSI.sub("", terminal.output).replace("\r\n", "\n")
    pauses = "|".join(re.escape(prompt) for prompt in [*BEGIN_PROMPTS, *MORE_PROMPTS])
    prompts = re.split(pauses, text)
    assert len(prompts) == pages + 1
    for page in prompts[:-1]:
        assert page.count("\n") + 2 <= size[0], page  # + the command line and the prompt line
    inside = [re.sub(r"^[│╭╰]\s?|\s?[│╮╯]$", "", line) for line in text.split("\n")]
    assert_laid_out([line for line in inside if line.strip()], size[1], ["start"])
    safety = "danger" if lang == "en" else "危険"
    assert safety in "".join(prompts[:-1])  # the safety text is shown before the first step
    first_step = "Step 1 of 5" if lang == "en" else "ステップ1／5"
    assert first_step in prompts[-1] and first_step not in "".join(prompts[:-1])


@pytest.mark.parametrize("key", ["C-c", "C-d"])
def test_leaving_at_the_introduction_saves_nothing(
    terminals: Any, isolated_home: Path, key: str
) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.child.expect_exact(["Press Enter to read on.", "Press Enter to begin."])
    if key == "C-c":
        terminal.child.sendintr()
    else:
        terminal.child.sendeof()
    assert terminal.finish() == 130
    assert "Nothing was saved yet" in terminal.output
    assert journal_paths(isolated_home) == []


def test_a_piped_session_never_waits(isolated_home: Path) -> None:
    """Through a pipe nothing waits for Enter: the first line answers the first question."""
    from tests.support.runner import run_process

    result = run_process("start", "--lang", "en", input="Sam\n")
    assert result.returncode == 130
    out = result.stdout.decode()
    assert "Press Enter" not in out
    assert '"partner"' not in out
    assert "Sam" in out  # shown back as the answer to the first question


# ---------------------------------------------------------------------------------------------
# Between sessions (#13 B) laid out by the same rules: the home screen's comparisons and
# check-ins, list's "not yet" and "left unfinished", progress's trends and open commitments,
# checkin, remind, and a session's reviews and summary, with long Japanese commitments
# ---------------------------------------------------------------------------------------------

SELF_PROMISE = "毎朝六時半に起きて、出勤前に十五分だけ近所を散歩してから朝ごはんを食べる"
EVENING = (
    "毎晩二十二時になったらスマートフォンの電源を切って寝室の外の棚に置き、"
    "夫と一緒にその日あったことを十分間話す"
)
SUNDAY = "日曜の朝、夫と一緒に近くの公園まで歩いて、来週の予定を三十分かけて話し合う"
ENGLISH = "Every Saturday evening, cook Alex's favourite dish and eat together without phones"
# A week each: the beliefs (0 to 100) at the start and end of each step, and both ratings.
WEEKS = [
    ("2026-02-23", 3, 2, (80, 70, 90, 60, 40, 30)),
    ("2026-03-02", 5, 3, (70, 50, 60, 50, 30, 20)),
    ("2026-03-09", 6, 4, (50, 40, 50, 30, 20, 10)),
]
BELIEF_IDS = [
    f"{step}_belief_{end}" for step in ("never", "words", "others") for end in ("start", "end")
]
CHECKIN_DAYS = {  # the check-ins of most days between the sessions: one mark per open one
    "2026-02-24": "yyy",
    "2026-02-25": "yny",
    "2026-02-26": "yyn",
    "2026-02-28": "nny",
    "2026-03-01": "yyy",
    "2026-03-03": "yyy",
    "2026-03-04": "nyy",
    "2026-03-06": "yyn",
    "2026-03-07": "yyy",
    "2026-03-08": "yny",
    "2026-03-10": "yyn",
    "2026-03-11": "yny",
}
NOW_BETWEEN = "2026-03-12T20:15:00+09:00"  # the day after the last check-in, before its own
JOINED_REST = re.compile(r"^\s*[→/] [\d-]")  # a line starting with the rest of "40 → 30"


def open_refs(now: str) -> list[str]:
    data = json.loads(ok(run_cli("progress", "--json")))
    return [f"{c['session']}/{c['id']}" for c in data["open_commitments"] if c["due"] <= now]


@pytest.fixture(scope="module")
def made_between(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three Japanese sessions over two weeks with long commitments, check-ins on most days,
    and reviews (kept, partly, not kept and carried on, not kept and let go); made once for the
    module."""
    outcomes: list[list[Any]] = [
        [],
        ["kept", "partly", {"outcome": "not_kept", "follow": "carry", "due": "7"}],
        ["kept", {"outcome": "not_kept", "follow": "let_go"}, "partly"],
    ]
    lists = [[EVENING, SUNDAY], [SUNDAY], [EVENING, ENGLISH]]
    ends = [week[0] for week in WEEKS[1:]] + [NOW_BETWEEN[:10]]
    with home_made_once(tmp_path_factory, "layout-between") as (folder, mp):
        for (day, own, partner, beliefs), done, commitments, end in zip(
            WEEKS, outcomes, lists, ends, strict=True
        ):
            mp.setenv("TRUSTCOACH_NOW", f"{day}T21:00:00+09:00")
            answers = {
                **ANSWERS,
                "self_trust": own,
                "partner_trust": partner,
                **dict(zip(BELIEF_IDS, beliefs, strict=True)),
                "self_promise_small": [SELF_PROMISE],
                "commitments": commitments,
            }
            reviews = dict(zip(open_refs(day), done, strict=True))
            when = f"{day}T21:00:00+09:00"
            start_unattended(folder, mp, when, answers, "--lang", "ja", reviews=reviews)
            for checkin_day, marks in CHECKIN_DAYS.items():
                if day < checkin_day < end:
                    mp.setenv("TRUSTCOACH_NOW", f"{checkin_day}T21:30:00+09:00")
                    ok(run_cli("checkin", input="".join(f"{mark}\n" for mark in marks)))
    return folder / "home"


@pytest.fixture
def between(made_between: Path, copy_home: CopyHome, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The three sessions in this test's home, at ``NOW_BETWEEN``: three days after the third
    session, before that day's check-in."""
    home = copy_home(made_between, NOW_BETWEEN)
    monkeypatch.delenv("COLUMNS", raising=False)
    return home


def assert_pairs_whole(lines: list[str], what: object) -> None:
    """No number pair (``40 → 30``, ``6 / 10``) or trend is broken across two lines."""
    for line, after in itertools.pairwise(lines):
        if JOINED_REST.match(after):
            raise AssertionError((what, "a pair broken", line, after))
        if re.search(r"[\d…-] [→/]$", line.rstrip()):
            raise AssertionError((what, "a pair broken", line, after))


def assert_whole(lines: list[str], texts: list[str], what: object) -> None:
    """Each user text is on the screen, whole (wrapped, never cropped)."""
    joined = " ".join(line.strip() for line in lines)
    flat = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", joined)  # undo Japanese breaks
    for text in texts:
        assert text in flat, (what, text)


BETWEEN_SCREENS = [[], ["list"], ["progress"], ["doctor"]]
BETWEEN_SCREENS += [["remind", "--ics", "{tmp}/dates.ics", "--checkin", "--force"]]
BETWEEN_ERRORS = [["remind", "--ics", "{tmp}"], ["checkin", "--yesterday", "--all"]]


def filled(args: list[str], tmp: Path) -> list[str]:
    return [arg.replace("{tmp}", str(tmp)) for arg in args]


@pytest.mark.parametrize("args", BETWEEN_SCREENS + BETWEEN_ERRORS, ids=" ".join)
def test_between_sessions_fits_sixty_columns_in_japanese(
    terminals: Any, between: Path, tmp_path: Path, args: list[str]
) -> None:
    lines = screen(terminals, between, "ja", filled(args, tmp_path), 60, NOW_BETWEEN)
    assert_laid_out(lines, 60, args)
    assert_pairs_whole(lines, args)
    prose = [re.sub(r"'[^']*'|\S*[/.]\S*|--?\w[\w-]*", "", line) for line in lines]
    theirs = set(re.findall(r"[\w']+", ENGLISH))  # the user's own English words
    prose = [re.sub(r"[\w']+", lambda w: "" if w[0] in theirs else w[0], line) for line in prose]
    assert not [line for line in prose if ENGLISH_WORDS.search(line)], lines
    if args[:1] != ["remind"]:
        assert any(JAPANESE.search(line) for line in lines), lines


@pytest.mark.parametrize(
    ("args", "width"),
    [(args, 60) for args in BETWEEN_SCREENS + BETWEEN_ERRORS]
    + [(args, 100) for args in BETWEEN_SCREENS],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_between_sessions_fits_in_english(
    terminals: Any, between: Path, tmp_path: Path, args: list[str], width: int
) -> None:
    lines = screen(terminals, between, "en", filled(args, tmp_path), width, NOW_BETWEEN)
    assert_laid_out(lines, width, args)
    assert_pairs_whole(lines, args)


def test_the_home_screen_between_sessions_in_japanese(terminals: Any, between: Path) -> None:
    lines = screen(terminals, between, "ja", [], 60, NOW_BETWEEN)
    assert_whole(lines, [SELF_PROMISE, EVENING, f"{ENGLISH}（毎週土曜、期日 2026-03-16）"], "home")
    # A wrapped line under the last session goes further in than the lines beside it.
    before = next(n for n, line in enumerate(lines) if line.startswith("  その前のセッション"))
    assert lines[before + 1].startswith("    パートナーからの信頼 3 / 10"), lines[before:]
    assert "    「失った信頼は戻らない」：50 → 40（前回：70 → 50）" in lines
    assert "  推移：自分 3 → 5 → 6　パートナー 2 → 3 → 4" in lines
    # the Saturday one has had no Saturday since its session: no check-ins to count
    assert sum("チェックイン：予定の日に記録した" in line for line in lines) == 2
    # a next step: the command whole, as it can be typed in this terminal, beside its label
    assert "今日のチェックイン：  trustcoach checkin" in lines


def test_the_home_screen_between_sessions_in_english(terminals: Any, between: Path) -> None:
    lines = screen(terminals, between, "en", [], 60, NOW_BETWEEN)
    at = lines.index("  the session before (2026-03-02): self-trust 5 / 10,")
    assert lines[at + 1] == "    partner's trust 3 / 10"
    belief = lines.index('    "Lost trust never comes back": 50 → 40')
    assert lines[belief + 1] == "      (last time: 70 → 50)"  # whole, under its line
    assert_whole(lines, [ENGLISH], "home")


@pytest.mark.parametrize(("lang", "width"), [("ja", 60), ("en", 60), ("en", 100)])
def test_a_check_in_at_a_terminal_is_laid_out(
    terminals: Any, between: Path, lang: str, width: int
) -> None:
    env = {"LANG": "ja_JP.UTF-8" if lang == "ja" else "en_US.UTF-8", "TRUSTCOACH_NOW": NOW_BETWEEN}
    terminal = terminals(between, "checkin", env=env, size=(200, width))
    for typed in ["y", "x", "n"]:  # "x" is refused and asked again; Saturday's is not asked
        terminal.child.expect_exact("> ")
        terminal.child.sendline(typed)
    assert terminal.finish() == 0
    text = ANSI.sub("", terminal.output).replace("\r\n", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    assert_laid_out(lines, width, ["checkin", lang])
    assert_whole(lines, [SELF_PROMISE, EVENING], ["checkin", lang])
    assert not any("Saturday" in line or "cook" in line for line in lines)  # a Thursday
    item = next(n for n, line in enumerate(lines) if line.startswith("1/2  "))
    assert lines[item + 1].startswith("     ") and lines[item + 1][5] != " "  # under the text


def test_a_check_in_through_a_pipe_is_not_wrapped(between: Path) -> None:
    from tests.support.runner import run_process

    env = {"LANG": "ja_JP.UTF-8", "TRUSTCOACH_NOW": NOW_BETWEEN, "COLUMNS": "60"}
    result = run_process("checkin", input="y\nn\n\n", env=env)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert f"1/2  「{SELF_PROMISE}」（自分との約束、期日 2026-03-16）" in lines
    assert f"2/2  「{EVENING}」（期日 2026-03-16）" in lines


NEXT_SUNDAY = {  # a commitment the pack's checks take as it is, in each language
    "ja": "毎週日曜日の朝九時に、夫と近くの公園まで歩いてから、帰りにパン屋で朝ごはんを買う",
    "en": "Every Sunday at 9am, walk to the park with Robin and buy breakfast at the bakery",
}


def piped_session(home: Path, lang: str, width: int, lines: list[str], now: str) -> list[str]:
    """A session typed from a file (nothing waits) shown in a terminal ``width`` columns wide:
    its screens are laid out as at the keyboard."""
    import os
    import shlex

    import pexpect

    answers = home.parent / f"typed-{lang}.txt"
    answers.write_text("".join(f"{line}\n" for line in lines), "utf-8")
    env = {**os.environ, "TRUSTCOACH_HOME": str(home), "TERM": "xterm", "TRUSTCOACH_NOW": now}
    env["LANG"] = "ja_JP.UTF-8" if lang == "ja" else "en_US.UTF-8"
    for name in ("COLUMNS", "LINES"):
        env.pop(name, None)
    command = f"exec trustcoach start --lang {lang}"  # the trustcoach on_path puts first
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"{command} < {shlex.quote(str(answers))}"],
        env=on_path(env),
        dimensions=(200, width),
        encoding="utf-8",
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    text = ANSI.sub("", child.before or "").replace("\r\n", "\n")
    return [line for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize(("lang", "width"), [("ja", 60), ("en", 60), ("en", 100)])
def test_the_reviews_and_the_summary_with_comparisons_are_laid_out(
    between: Path, lang: str, width: int
) -> None:
    from tests.support.answers import EN_LINES_BEFORE_COMMITMENTS, JA_LINES_BEFORE_COMMITMENTS

    reviews = ["1", "", "2", "", "3", "", "3"]  # kept, partly, not kept and let go
    before = JA_LINES_BEFORE_COMMITMENTS if lang == "ja" else EN_LINES_BEFORE_COMMITMENTS
    new = NEXT_SUNDAY[lang]
    typed = [*reviews, *before, new, "", "", "", "8"]
    lines = piped_session(between, lang, width, typed, "2026-03-16T21:00:00+09:00")
    assert_laid_out(lines, width, ["start", lang])
    assert_pairs_whole(lines, ["start", lang])
    assert_whole(lines, [SELF_PROMISE, EVENING, ENGLISH, new], ["start", lang])
    said = "チェックインの記録：" if lang == "ja" else "Your check-ins: done on"
    # one for each review but the Saturday one's: no Saturday was checked in
    assert sum(line.startswith(said) for line in lines) == 2
    title = max(n for n, line in enumerate(lines) if "まとめ" in line or "Summary" in line)
    summary = lines[title:]
    compared = ("（前回：", "（前回と同じ）") if lang == "ja" else ("(last time: ", "(as before)")
    beside = [" ".join(summary[n : n + 2]) for n, line in enumerate(summary) if " / 10" in line]
    assert len(beside) == 3 and all(any(c in text for c in compared) for text in beside), summary
    assert sum(" → " in line and compared[0] in line for line in summary) == 3  # the beliefs


def test_list_lines_up_not_yet_and_left_unfinished_by_display_cells(
    terminals: Any, between: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rows_of(lines: list[str]) -> list[str]:
        assert_laid_out(lines, 60, ["list"])
        rows = [line for line in lines if re.match(r"(日付|\d{4}-\d\d-\d\d) ", line)]
        session = re.compile(r"セッション|\d{8}-\d{6}-[0-9a-f]{4}")
        starts = {columns(row[: session.search(row).start()]) for row in rows}  # type: ignore[union-attr]
        assert len(starts) == 1, rows  # the session column starts at the same cell in each row
        return rows

    rows = rows_of(screen(terminals, between, "ja", ["list"], 60, NOW_BETWEEN))
    assert rows[1].split()[3] == "まだ"  # the last session: nothing reviewed yet, not a zero
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-03-16T21:00:00+09:00")
    assert run_cli("start", "--lang", "ja", input="1\n\n").exit_code == 130  # one review, then
    assert run_cli("start", "--lang", "ja", input="2\n1\n").exit_code == 130  # left for a new one
    rows = rows_of(screen(terminals, between, "ja", ["list"], 60, "2026-03-16T22:00:00+09:00"))
    assert len(rows) == 6
    assert any("途中で終了" in row for row in rows) and any(row.endswith(" *") for row in rows)
    assert re.search(r" 2/2 \+1  ", rows[3]), rows  # reviewed in each, one not yet
