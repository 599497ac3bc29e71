"""Guarantees that need a real terminal: accepted answers survive kills and hang-ups (promise 1),
two sessions at once never overwrite each other (promise 6), and typed text is shown as typed on
the session screen (promise 7).

Each test drives ``python -m trustcoach`` in a pseudo-terminal with pexpect, waiting for the
question and its ``> `` prompt before typing, the way a person does.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.clocks import PTY_NOW
from tests.support.runner import RESUME_RE, one_sentence_error
from tests.support.terminal import DAYS_QUESTION, Terminal
from tests.support.vaults import plain_bytes
from trustcoach.journal.model import Journal, parse_journal

pytestmark = pytest.mark.slow

LIST = "list: "  # before a question's text: the answer is typed at "1. ", not at "> "

# (text on the question's first screen line, what to type, question id, value stored)
SCRIPT: list[tuple[str, str, str, Any]] = [
    ("How should the questions that follow refer to your partner?", "Sam", "partner", "Sam"),
    (
        "how do you see yourself when it comes to keeping your word?",
        "I keep small promises, mostly. (run {run})",
        "self_view",
        "I keep small promises, mostly. (run {run})",
    ),
    ("How much do you trust your own word today?", "6", "self_trust", 6),
    (
        "Think of a recent promise you made to yourself",
        "Bed by 11; kept it twice. 約束 (run {run})",
        "self_promise_recent",
        "Bed by 11; kept it twice. 約束 (run {run})",
    ),
    (  # a list of one: its line is typed at "1. ", then its due date is asked
        LIST + "What is one small promise to yourself",
        "Walk for ten minutes after lunch.",
        "self_promise_small",
        ["Walk for ten minutes after lunch."],
    ),
]


def wait_question(terminal: Terminal, index: int) -> None:
    """Wait until question ``index`` of the script waits for its answer."""
    text = SCRIPT[index][0]
    if text.startswith(LIST):
        terminal.child.expect_exact(text.removeprefix(LIST))
        terminal.child.expect_exact("1. ")
    else:
        terminal.wait_prompt(text)


def same_but_left(home: Path, name: str, now: bytes | None, before: bytes) -> bool:
    """The same journal, except that it may have been left unfinished since (``left_at``)."""
    if now is None:
        return False
    found, earlier = parsed(home, name, now), parsed(home, name, before)
    found.left_at = earlier.left_at = None
    return pairs_of(found) == pairs_of(earlier) and found.status == earlier.status


def typed_at(index: int, run: int) -> str:
    return SCRIPT[index][1].format(run=run)


def expected_prefix(count: int, run: int) -> list[tuple[str, Any]]:
    """The (question, value) pairs of the first ``count`` answers of run ``run``."""
    pairs = []
    for _, _, question, value in SCRIPT[:count]:
        pairs.append((question, value.format(run=run) if isinstance(value, str) else value))
    return pairs


def journal_bytes(home: Path) -> dict[str, bytes]:
    folder = home / "journals"
    if not folder.is_dir():
        return {}
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.toml"))}


def temporaries(home: Path) -> list[Path]:
    folder = home / "journals"
    return sorted(folder.glob(".tmp-*")) if folder.is_dir() else []


def pairs_of(journal: Journal) -> list[tuple[str, Any]]:
    return [(answer.question, answer.value) for answer in journal.answers]


def parsed(home: Path, name: str, raw: bytes) -> Journal:
    """Bytes read from a journal file (plain, or sealed in a locked home) as the model."""
    return parse_journal(plain_bytes(home, home / "journals" / name, raw=raw))


# ---------------------------------------------------------------------------------------------
# Promise 1: once an answer is accepted, nothing loses it
# ---------------------------------------------------------------------------------------------

# How each run ends. "race-*" modes strike 0-60 ms after an answer is sent, so they land before,
# during or after its save (text answers wait 30 ms for pasted lines before they are saved).
KILL_MODES = [
    "race-kill",
    "race-kill",
    "race-kill",
    "race-kill",
    "race-kill",
    "race-kill",
    "race-kill",
    "race-kill",
    "race-ctrl-c",
    "typing-kill",
    "prompt-kill",
    "prompt-ctrl-c",
    "prompt-ctrl-d",
    "prompt-sighup",
    "prompt-sigterm",
]


def answer_up_to(terminal: Terminal, confirmed: int, run: int) -> None:
    """Answer the first ``confirmed`` questions and wait until the last of them is saved."""
    for index in range(confirmed):
        if index:
            wait_question(terminal, index)
        terminal.child.sendline(typed_at(index, run))
    if confirmed:
        wait_question(terminal, confirmed)  # the next question: answer confirmed-1 saved


def strike(terminal: Terminal, mode: str, index: int, run: int, rng: random.Random) -> list[int]:
    """End the session in ``mode`` while question ``index`` is asked; how many answers may be
    on disk afterwards."""
    child = terminal.child
    if mode.startswith("race-"):  # send the answer and strike 0-60 ms later, mid-save or not
        child.sendline(typed_at(index, run))
        time.sleep(rng.uniform(0, 0.06))
        if mode == "race-kill":
            child.kill(signal.SIGKILL)
        else:
            child.sendintr()
        return [index, index + 1]
    if mode == "typing-kill":
        child.send(typed_at(index, run)[:3])  # half typed, no Enter
        time.sleep(0.05)
        child.kill(signal.SIGKILL)
        return [index]
    child.sendline(typed_at(index, run))
    wait_question(terminal, index + 1)  # the answer is accepted and saved
    if mode == "prompt-ctrl-c":
        child.sendintr()
    elif mode == "prompt-ctrl-d":
        child.sendeof()
    else:
        child.kill(
            {
                "prompt-kill": signal.SIGKILL,
                "prompt-sighup": signal.SIGHUP,
                "prompt-sigterm": signal.SIGTERM,
            }[mode]
        )
    return [index + 1]


def test_accepted_answers_survive_kills_interrupts_and_hangups(
    isolated_home: Path, terminals: Any, home_kind: str
) -> None:
    seed = int(os.environ.get("TRUSTCOACH_KILL_SEED", str(time.time_ns() % 1_000_000)))
    rng = random.Random(seed)
    modes = KILL_MODES[:]
    rng.shuffle(modes)
    earlier: dict[str, bytes] = {}  # journals of finished runs: they must never change
    outcomes: list[str] = []
    for run, mode in enumerate(modes):
        where = f"seed {seed}, run {run}, mode {mode}"
        confirmed = rng.randrange(0, len(SCRIPT) - 1)  # answers accepted before the strike
        before = set(journal_bytes(isolated_home))
        terminal = terminals(isolated_home, "start", "--lang", "en")
        folder = isolated_home / "journals"
        waiting = [
            name
            for name, raw in journal_bytes(isolated_home).items()
            if b"left_at" not in plain_bytes(isolated_home, folder / name, raw=raw)
        ]
        if waiting:  # the last run's session is unfinished: leave it (its answers stay)
            terminal.answer("2) Leave it unfinished", "2")
        terminal.begin()
        terminal.wait_prompt(SCRIPT[0][0])
        # `start` has tidied the home: temporaries left by the kills of earlier runs are gone
        assert temporaries(isolated_home) == [], where
        answer_up_to(terminal, confirmed, run)
        allowed = strike(terminal, mode, confirmed, run, rng)
        status, signal_status = terminal.end()
        output = terminal.output
        assert "Traceback" not in output, f"{where}\n{output}"
        if mode.endswith(("ctrl-c", "ctrl-d")):
            assert status == 130, f"{where}: exit {status}/{signal_status}\n{output}"

        now = journal_bytes(isolated_home)
        for name, data in earlier.items():
            changed = f"{where}: the journal of an earlier run changed: {name}"
            assert same_but_left(isolated_home, name, now.get(name), data), changed
        new = sorted(set(now) - before)
        assert len(new) <= 1, f"{where}: {new}"
        if not new:
            assert 0 in allowed, f"{where}: accepted answers but no journal was written"
            outcomes.append(f"{mode}:none")
            continue
        raw = now[new[0]]
        try:
            journal = parsed(isolated_home, new[0], raw)
        except Exception as exc:  # a half-written or corrupted file
            pytest.fail(f"{where}: the journal cannot be read ({exc}):\n{raw[:2000]!r}")
        assert journal.status == "in_progress", where
        got = pairs_of(journal)
        assert len(got) in allowed, f"{where}: {len(got)} answers saved, expected {allowed}"
        assert got == expected_prefix(len(got), run), f"{where}: {got}"
        if mode.endswith(("ctrl-c", "ctrl-d")) and got:
            *_, match = RESUME_RE.finditer(output)  # the last: the one left before, first
            assert match and f"{match.group(1)}.toml" == new[0], f"{where}\n{output}"
        earlier[new[0]] = raw
        outcomes.append(f"{mode}:{len(got) - confirmed}")
    print(f"kill loop seed {seed}: {outcomes}")


# ---------------------------------------------------------------------------------------------
# Promise 6: two sessions at once never overwrite each other
# ---------------------------------------------------------------------------------------------

SAME_ID_SITECUSTOMIZE = '''
"""Test helper: the first session id drawn in this process ends in -abcd (a forced collision)."""
import importlib.machinery
import importlib.util
import os
import secrets
import sys

_draw = secrets.token_hex
_first = []


def token_hex(nbytes=None):
    if not _first:
        _first.append(True)
        return "abcd"
    return _draw(nbytes)


secrets.token_hex = token_hex

# Run the sitecustomize this one hides, if any (coverage and other tools rely on theirs).
_here = os.path.dirname(os.path.abspath(__file__))
_rest = [p for p in sys.path if os.path.abspath(p or ".") != _here]
_spec = importlib.machinery.PathFinder.find_spec("sitecustomize", _rest)
if _spec is not None and _spec.loader is not None:
    _spec.loader.exec_module(importlib.util.module_from_spec(_spec))
'''


def colliding_env(folder: Path) -> dict[str, str]:
    """Environment whose Python draws the same first session id in every process."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SAME_ID_SITECUSTOMIZE, "utf-8")
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path}


@pytest.mark.parametrize("ids", ["random-ids", "same-id"])
def test_two_sessions_started_in_the_same_second_keep_their_own_answers(
    isolated_home: Path, tmp_path: Path, terminals: Any, ids: str, home_kind: str
) -> None:
    env = colliding_env(tmp_path / "collide") if ids == "same-id" else None
    first = terminals(isolated_home, "start", "--lang", "en", env=env)
    first.begin()
    second = terminals(isolated_home, "start", "--lang", "en", env=env)
    second.begin()
    # Interleave the two people's answers, question by question.
    for index in range(len(SCRIPT)):
        for run, terminal in ((1, first), (2, second)):
            typed = typed_at(index, run)
            if index == 0:
                typed = f"Partner{run}"
            wait_question(terminal, index)
            terminal.child.sendline(typed)
    for run, terminal in ((1, first), (2, second)):
        terminal.answer(DAYS_QUESTION, "")
        terminal.answer("By when?", "")
        terminal.answer("How much do you believe, right now", str(40 + run))
    for terminal in (first, second):
        terminal.wait_prompt("how much do you think")
        terminal.child.sendintr()
        status, _ = terminal.end()
        assert status == 130, terminal.output

    files = journal_bytes(isolated_home)
    assert len(files) == 2, sorted(files)
    ids_seen = []
    for run, terminal in ((1, first), (2, second)):
        match = RESUME_RE.search(terminal.output)
        assert match, terminal.output
        session_id = match.group(1)
        ids_seen.append(session_id)
        assert session_id.startswith("20260310-201500-")
        journal = parsed(isolated_home, f"{session_id}.toml", files[f"{session_id}.toml"])
        expected = [*expected_prefix(len(SCRIPT), run), ("never_belief_start", 40 + run)]
        expected[0] = ("partner", f"Partner{run}")
        assert pairs_of(journal) == expected, run
    assert ids_seen[0] != ids_seen[1]
    if ids == "same-id":
        assert "20260310-201500-abcd.toml" in files  # the collision really happened


def run_piped(home: Path, *args: str, input: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRUSTCOACH_HOME": str(home), "TRUSTCOACH_NOW": PTY_NOW}
    return subprocess.run(
        [sys.executable, "-m", "trustcoach", *args],
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_resume_of_a_session_open_in_another_terminal_is_refused(
    isolated_home: Path, terminals: Any, home_kind: str
) -> None:
    owner = terminals(isolated_home, "start", "--lang", "en")
    owner.begin()
    for index in range(2):
        owner.answer(SCRIPT[index][0], typed_at(index, 1))
    owner.wait_prompt(SCRIPT[2][0])
    ((name, saved),) = journal_bytes(isolated_home).items()
    session_id = name.removesuffix(".toml")

    for args in (("resume", session_id), ("resume",), ("resume", session_id[:17])):
        refused = run_piped(isolated_home, *args, input="7\n")
        assert refused.returncode == 1, (args, refused.stdout, refused.stderr)
        one_sentence_error(refused.stderr)
        assert "open in another terminal" in refused.stderr
        assert journal_bytes(isolated_home) == {name: saved}, args

    # the first terminal carries on undisturbed, and its answers are all kept
    owner.child.sendline("7")
    owner.wait_prompt(SCRIPT[3][0])
    owner.child.sendintr()
    assert owner.end()[0] == 130
    saved_now = journal_bytes(isolated_home)[name]
    assert pairs_of(parsed(isolated_home, name, saved_now))[2] == ("self_trust", 7)

    # once it has closed, the session can be resumed; while resumed, it is held again
    resumed = terminals(isolated_home, "resume", session_id)
    resumed.child.expect_exact("Welcome back.")
    resumed.wait_prompt(SCRIPT[3][0])
    refused = run_piped(isolated_home, "resume", session_id, input="x\n")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "open in another terminal" in refused.stderr
    resumed.child.sendline("Kept it.")
    wait_question(resumed, 4)
    resumed.child.sendintr()
    assert resumed.end()[0] == 130
    journal = parsed(isolated_home, name, journal_bytes(isolated_home)[name])
    assert [q for q, _ in pairs_of(journal)] == [s[2] for s in SCRIPT[:4]]


# ---------------------------------------------------------------------------------------------
# Promise 7: what the user typed is shown as typed, on the session screen
# ---------------------------------------------------------------------------------------------

ESC, BEL, QUOTE_NEXT = "\x1b", "\x07", "\x16"  # Ctrl-V makes readline insert the next key as is
# The partner's name is shown again inside later questions.
PARTNER_SHOWN = "Sam[bold]x[/bold]\\x1b[31m:smile:\\x1b]0;title\\x07"
PARTNER_TYPED = (
    f"Sam[bold]x[/bold]{QUOTE_NEXT}{ESC}[31m:smile:{QUOTE_NEXT}{ESC}]0;title{QUOTE_NEXT}{BEL}"
)
PARTNER_STORED = f"Sam[bold]x[/bold]{ESC}[31m:smile:{ESC}]0;title{BEL}"
COMMITMENT_TYPED = "Walk[/]home [link=http://x]y[/link] C:\\dir\\ :smile:"
COMMITMENT_TOKENS = ["Walk[/]home", "[link=http://x]y[/link]", "C:\\dir\\", ":smile:"]

REST_OF_SESSION = [
    ("how do you see yourself when it comes to keeping your word?", "Honest [/] mostly"),
    ("How much do you trust your own word today?", "6"),
    ("Think of a recent promise you made to yourself", "Bed by 11"),
    (LIST + "What is one small promise to yourself", "Walk daily"),
    (DAYS_QUESTION, ""),
    ("By when?", ""),
    ("How much do you believe, right now, that lost trust", "60"),
    ("how much do you think", "3"),
    ("What is one action that", "Be on time"),
    ("Having thought it through", "50"),
    ("How much do you believe, right now, that saying the right thing", "70"),
    ("Which of these have you tried, or planned to try, to win back", "1"),
    ("If you tried any of them, how did", ""),
    ("which of your own actions cost", "Hiding things"),
    ("What action, rather than words, would show", "Be home by 7"),
    ("And now, how much do you believe", "40"),
    ("How much do you believe, right now, that someone else could put this right", "30"),
    ("Have you asked, or thought of asking, someone else to persuade", "n"),
    ("What part of rebuilding", "My own actions"),
    ("And now, how much do you believe", "20"),
]

RAW_CONTROL = re.compile(r"\x1b\[31m|\x1b\]0;|\x1b\]8;|\x07")


def test_session_screen_shows_markup_and_escape_codes_as_typed(
    isolated_home: Path, terminals: Any
) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    terminal.answer(SCRIPT[0][0], PARTNER_TYPED)
    for question_text, typed in REST_OF_SESSION:
        if question_text.startswith(LIST):
            terminal.child.expect_exact(question_text.removeprefix(LIST))
            terminal.child.expect_exact("1. ")
        else:
            terminal.wait_prompt(question_text)
        terminal.child.sendline(typed)
    terminal.child.expect_exact("1. ")
    echoed_up_to = len(terminal.output)
    terminal.child.sendline(COMMITMENT_TYPED)
    terminal.child.expect_exact("2. ")
    terminal.child.sendline("")
    terminal.answer(DAYS_QUESTION, "")
    terminal.answer("By when?", "")
    terminal.answer("How sure are you that you can keep these commitments?", "8")
    terminal.child.expect_exact("Summary")
    assert terminal.end()[0] == 0, terminal.output
    screen = terminal.output

    # The partner's name inside later questions: every bracket and code as typed, codes visible
    later_questions = screen[screen.index("how much do you think") :]
    unwrapped = later_questions.replace("\r\n", "")
    assert PARTNER_SHOWN in unwrapped, later_questions[:400]
    # Commitments in the due-date question and the summary, after the typed line was echoed
    program_output = screen[echoed_up_to + len(COMMITMENT_TYPED) :]
    for token in COMMITMENT_TOKENS:
        assert program_output.count(token) >= 2, (token, program_output)
    # Nothing typed reached the terminal raw: readline echoes ESC as ^[, the program as \x1b
    assert not RAW_CONTROL.search(screen), repr(RAW_CONTROL.search(screen))
    assert "😄" not in screen  # :smile: stays text
    journal = parse_journal(next(iter(journal_bytes(isolated_home).values())))
    assert journal.answer("partner").value == PARTNER_STORED
    assert journal.commitments[-1].text == COMMITMENT_TYPED  # after the promise to oneself


@pytest.mark.xfail(
    reason="Known limit, kept on purpose (see README, What trustcoach guarantees): at a "
    "terminal, GNU readline (imported in cli.terminal.typed_input.prepare_stdin) drops bytes "
    "that are not UTF-8: b'caf\\xe9 Sam' is saved as 'caf Sam', not 'caf\\ufffd Sam'",
    strict=True,
)
def test_bytes_that_are_not_utf8_typed_at_a_terminal_are_kept_readable(
    isolated_home: Path, terminals: Any
) -> None:
    terminal = terminals(isolated_home, "start", "--lang", "en")
    terminal.begin()
    terminal.wait_prompt(SCRIPT[0][0])
    os.write(terminal.child.child_fd, b"caf\xe9 Sam\r")
    terminal.wait_prompt(SCRIPT[1][0])
    terminal.child.sendintr()
    assert terminal.end()[0] == 130
    assert "Traceback" not in terminal.output
    journal = parse_journal(next(iter(journal_bytes(isolated_home).values())))
    assert journal.answer("partner").value == "caf\ufffd Sam"
