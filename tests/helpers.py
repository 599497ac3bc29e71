"""What the tests share: fixed clocks, answers to the default pack, ways to run trustcoach, and
readers of what it wrote. Fixtures live in the conftest.py files; everything else a second test
file needs lives here, once.

Sections: clocks and packs; answers to the default pack; running trustcoach; journals on disk;
documents; a counselor's own pack; a history of weekly sessions; a pseudo-terminal; journals
generated from the model.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import msgspec
import pexpect
import pytest
import tomli
import tomli_w
from hypothesis import strategies as st
from typer.testing import CliRunner

from trustcoach.cli.app import main
from trustcoach.journal.model import Answer, Journal
from trustcoach.lock.crypto import KdfParams

REPO = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------------------------
# Clocks and packs
# ---------------------------------------------------------------------------------------------

JST = timezone(timedelta(hours=9))

# The clock of in-process runs (the ``fixed_clock`` fixture sets it) and of most spawned ones.
NOW = "2026-11-26T10:00:00+09:00"
NOW_DT = datetime(2026, 11, 26, 10, 0, 0, tzinfo=JST)
DEFAULT_DUE = date(2026, 12, 3)  # seven days after NOW: the default pack's due_days

# The clock of every pseudo-terminal run (``Terminal``) and of the installed wheel's runs: every
# session those tests start begins in this same second.
PTY_NOW = "2026-03-10T20:15:00+09:00"
PTY_DEFAULT_DUE = "2026-03-17"  # PTY_NOW + the pack's due_days (7)

PACK_FILES = {lang: REPO / "prompts" / lang / "trust-repair.toml" for lang in ("en", "ja")}
PACKS: dict[str, dict[str, Any]] = {
    lang: tomli.loads(path.read_text("utf-8")) for lang, path in PACK_FILES.items()
}

# ---------------------------------------------------------------------------------------------
# Answers to the default pack
# ---------------------------------------------------------------------------------------------

# Complete answers to the default pack, for tests that need a session but not particular words.
# Spread them into a new dict to change some ({**EN_ANSWERS, "self_trust": 3}); never mutate.
EN_ANSWERS: dict[str, Any] = {
    "partner": "Alex",
    "self_view": "I keep most promises",
    "self_trust": 6,
    "self_promise_recent": "Go to bed by 11",
    "self_promise_small": ["Drink water daily"],
    "never_belief_start": 70,
    "partner_trust": 3,
    "one_point_action": "Be on time",
    "never_belief_end": 50,
    "words_belief_start": 80,
    "gestures": ["messages", "apology"],
    "gestures_landing": "Coldly",
    "costly_actions": "Hiding my spending",
    "showing_action": "Showing the bank statements",
    "words_belief_end": 60,
    "others_belief_start": 30,
    "asked_others": False,
    "only_me": "Keep my word",
    "others_belief_end": 20,
    "commitments": ["Call at 7pm", "Walk after dinner"],
    "commitment_confidence": 8,
}

JA_ANSWERS: dict[str, Any] = {
    "partner": "夫",
    "self_view": "約束を守れないと感じる",
    "self_trust": 6,
    "self_promise_recent": "早く寝る",
    "self_promise_small": ["毎朝水を飲む"],
    "never_belief_start": 70,
    "partner_trust": 3,
    "one_point_action": "遅れるときは連絡する",
    "never_belief_end": 50,
    "words_belief_start": 80,
    "gestures": ["messages", "apology"],
    "gestures_landing": "冷たかった",
    "costly_actions": "お金のことを隠していた",
    "showing_action": "明細を見せる",
    "words_belief_end": 60,
    "others_belief_start": 30,
    "asked_others": False,
    "only_me": "言ったことを守る",
    "others_belief_end": 20,
    "commitments": ["毎晩十時に帰る", "週末に料理する"],
    "commitment_confidence": 8,
}

# The question ids of the default pack, in the order they are asked (a contract).
QUESTION_IDS = list(EN_ANSWERS)

# The text questions of the default pack, in order: tests put distinctive words in each.
TEXT_QUESTIONS = [
    "self_view",
    "self_promise_recent",
    "one_point_action",
    "gestures_landing",
    "costly_actions",
    "showing_action",
    "only_me",
]


def token(tag: str, qid: str) -> str:
    """A unique answer text (letters and digits only, so it reads the same in every format)."""
    return f"{tag}x{qid.replace('_', '')}q"


def tagged_answers(tag: str, **changes: Any) -> dict[str, Any]:
    """Complete English answers whose texts and commitments carry ``tag``, so that a test can
    tell in any output which session and which question a text came from."""
    return {
        **EN_ANSWERS,
        "partner": "Robin",
        **{q: token(tag, q) for q in TEXT_QUESTIONS},
        "gestures": ["messages"],
        # the promise to oneself (c1) is due in 300 days: no later session needs to review it
        "self_promise_small": [{"text": f"{tag}promiseself every day", "due": "300"}],
        "commitments": [f"{tag}commitone every day", f"{tag}committwo every day"],
        **changes,
    }


# Keyboard lines for an English session from the partner's name up to the commitments.
EN_LINES_BEFORE_COMMITMENTS = [
    "Robin",  # partner
    "I see myself [/] trying",  # self_view
    "6",  # self_trust
    "Bed by 11",  # self_promise_recent
    "Drink water every day",  # self_promise_small (one item: the list ends by itself)
    "",  # its days: what its words say (every day)
    "",  # its due date: the default
    "60",  # never_belief_start
    "4",  # partner_trust
    "Call when late",  # one_point_action
    "40",  # never_belief_end
    "70",  # words_belief_start
    "1,3",  # gestures
    "",  # gestures_landing (optional)
    "Hiding things",  # costly_actions
    "Open phone",  # showing_action
    "50",  # words_belief_end
    "30",  # others_belief_start
    "n",  # asked_others
    "Keep my word",  # only_me
    "20",  # others_belief_end
]

# The same for a Japanese session (a full-width digit for the rating, as people type it).
JA_LINES_BEFORE_COMMITMENTS = [
    "妻",
    "努力している[/]",
    "６",
    "早く寝る",
    "毎朝水を飲む",
    "",  # its days: what its words say (毎日)
    "",
    "６０",
    "4",
    "遅れるときは連絡する",
    "40",
    "70",
    "1,3",
    "",
    "隠しごと",
    "スマホを見せる",
    "50",
    "30",
    "n",
    "約束を守る",
    "20",
]


DAYS_QUESTION = "days"  # what both ways of asking a commitment's days say ("Days: ...", "On
# which days?"); at a terminal, the question before "By when?"


def feed(lines: list[str]) -> str:
    """Keyboard lines as one piped input."""
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------------------------------------
# Running trustcoach
# ---------------------------------------------------------------------------------------------

RESUME_RE = re.compile(r"trustcoach resume (\d{8}-\d{6}-[0-9a-f]{4})")


@dataclass
class Result:
    """What one run of the program printed, and how it exited."""

    exit_code: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def home_made_once(
    factory: pytest.TempPathFactory, name: str
) -> Iterator[tuple[Path, pytest.MonkeyPatch]]:
    """For a fixture that makes a home once for a module or the run: a new folder (the home is
    its ``home``) and the environment it is made in, as ``isolated_home`` sets it for a test;
    undone when the block ends."""
    folder = factory.mktemp(name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_HOME", str(folder / "home"))
        mp.setenv("NO_COLOR", "1")
        mp.setenv("COLUMNS", "80")
        mp.setenv("LANG", "C.UTF-8")
        yield folder, mp


def run_cli(*args: str, input: str | None = None) -> Result:
    """Run trustcoach in this process, through the same entry point as the installed command."""
    runner = CliRunner()
    with runner.isolation(input=input) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode()
    return Result(code, stdout, stderr)


def run_process(
    *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m trustcoach`` as a separate process (a pipe, not a terminal)."""
    data = input.encode() if isinstance(input, str) else input
    return subprocess.run(
        [sys.executable, "-m", "trustcoach", *args],
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def ok(result: Result) -> str:
    """A run that succeeded without a traceback; what it printed."""
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def one_sentence_error(stderr: str) -> str:
    """Exactly one line on stderr, prefixed with the program name, no traceback, no raw control
    character; that line."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("trustcoach: "), stderr
    assert "Traceback" not in stderr
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in stderr), repr(stderr)
    return lines[0]


def refused(result: Result) -> str:
    """A user error: exit 1, one sentence on stderr, no traceback; that sentence."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return one_sentence_error(result.stderr)


def write_answers(
    folder: Path,
    answers: dict[str, Any],
    reviews: dict[str, Any] | None = None,
    name: str = "answers.toml",
) -> Path:
    """An answers file for ``start --answers`` in ``folder``; its path."""
    data: dict[str, Any] = {"answers": answers}
    if reviews:
        data["reviews"] = reviews
    path = folder / name
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def start_unattended(
    folder: Path,
    mp: pytest.MonkeyPatch,
    when: str,
    answers: dict[str, Any],
    *args: str,
    reviews: dict[str, Any] | None = None,
) -> str:
    """One complete session through ``start --answers`` at a simulated time; its id."""
    mp.setenv("TRUSTCOACH_NOW", when)
    path = write_answers(folder, answers, reviews, name=f"answers-{when[:10]}.toml")
    out = ok(run_cli("start", *args, "--answers", str(path)))
    found = re.search(r"(?:Session|セッション) (\S+) (?:is complete|を最後まで)", out)
    assert found, out
    return found.group(1)


def complete_session(
    home: Path, folder: Path, answers: dict[str, Any] = EN_ANSWERS, lang: str = "en"
) -> Path:
    """A complete journal written through ``start --answers``; its path."""
    before = set(journal_paths(home))
    result = run_cli("start", "--lang", lang, "--answers", str(write_answers(folder, answers)))
    assert result.exit_code == 0, result.stdout + result.stderr
    (path,) = set(journal_paths(home)) - before
    return path


# With a complete session at hand, `start` first asks whether to review its commitments that
# are not due yet: "n" answers that.
NO_REVIEW = "n\n"


def unfinished_session(home: Path) -> Path:
    """An in-progress journal with three answers; a resume starts at a text question."""
    from trustcoach.journal.model import parse_journal

    before = set(journal_paths(home))
    reviews = any(parse_journal(plain_bytes(home, p)).commitments for p in before)
    result = run_cli(
        "start", "--lang", "en", input=f"{NO_REVIEW if reviews else ''}Sam\nI try.\n7\n"
    )
    assert result.exit_code == 130, result.stdout + result.stderr
    (path,) = set(journal_paths(home)) - before
    return path


def dead_pid() -> int:
    """The id of a process that has ended (for files a crashed process left behind)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


# ---------------------------------------------------------------------------------------------
# Journals on disk
# ---------------------------------------------------------------------------------------------


def journal_paths(home: Path) -> list[Path]:
    """Every journal file in the home, oldest first (none when there is no journals folder)."""
    folder = home / "journals"
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def journal_path(home: Path, session_id: str) -> Path:
    """The file of one session."""
    return home / "journals" / f"{session_id}.toml"


def read_journal(path: Path) -> dict[str, Any]:
    """A journal file as TOML data, read with tomli rather than with trustcoach."""
    return tomli.loads(path.read_text("utf-8"))


def only_journal_path(home: Path) -> Path:
    """The one journal file of the home (the test fails if there are none or several)."""
    paths = journal_paths(home)
    assert len(paths) == 1, paths
    return paths[0]


def only_journal(home: Path) -> dict[str, Any]:
    """The one journal of the home, as TOML data."""
    return read_journal(only_journal_path(home))


def list_json() -> list[dict[str, Any]]:
    """The rows of ``trustcoach list --json``."""
    rows: list[dict[str, Any]] = json.loads(ok(run_cli("list", "--json")))
    return rows


def values_of(journal: dict[str, Any]) -> dict[str, Any]:
    """Question id -> stored value, of a journal read as TOML data."""
    return {answer["question"]: answer["value"] for answer in journal["answers"]}


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------


def strip_tags(markup: str) -> str:
    """The text of an HTML document, its style sheet left out."""
    markup = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def plain_text(fmt: str, text: str) -> str:
    """What a reader of an export sees, as plain text."""
    if fmt == "md":
        from markdown_it import MarkdownIt

        return strip_tags(MarkdownIt("commonmark").enable("table").render(text))
    if fmt == "html":
        return strip_tags(text)

    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [str(value)]

    return "\n".join(strings(json.loads(text)))


def left_out_sentence(count: int) -> str:
    """What an export says about the answers left out of it."""
    if count == 1:
        return "1 answer was left out of this export."
    return f"{count} answers were left out of this export."


def assert_self_contained(page: str) -> None:
    """Nothing a browser would fetch: no links, scripts, images, imports or URLs."""
    without_namespace = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for needle in ("http", "src=", "<link", "@import", "url(", "<script", "<img", "<iframe"):
        assert needle not in without_namespace, needle


# ---------------------------------------------------------------------------------------------
# A counselor's own pack: ``pack init`` copies the default pack, then edits made as text
# ---------------------------------------------------------------------------------------------

COUNSELOR_PACK = "my-practice"
LANGS = ("ja", "en")

# step id -> its question ids, in order (the same in both languages: a contract)
STEPS: dict[str, list[str]] = {
    step["id"]: [q["id"] for q in step["questions"]] for step in PACKS["en"]["steps"]
}
ALL_QUESTIONS = [q for qs in STEPS.values() for q in qs]
PROMPTS = {q["id"]: q["prompt"] for step in PACKS["en"]["steps"] for q in step["questions"]}

# What the counselor adds and writes
SLEEP_PROMPT = {"en": "How well did you sleep this week?", "ja": "この一週間、よく眠れましたか。"}
NEW_SELF_VIEW = {
    "en": "In your own words, how reliable is your word to yourself right now?",
    "ja": "今の自分は、自分との約束をどのくらい守れていると思いますか。",
}
NEW_TITLE = {"en": "Homework from Riverside", "ja": "リバーサイド相談室の宿題"}
COUNSELOR = {
    "en": ("Riverside Practice", "riverside@example.org", "Take your time; see you Thursday."),
    "ja": ("川辺相談室", "kawabe@example.org", "木曜日の面談でお話ししましょう。"),
}
RESOURCES = {
    "en": ["Riverside crisis line: 0120-111-222 (24 h)", "City family centre: 03-0000-1111"],
    "ja": ["川辺市こころの相談: 0120-333-444（24時間）", "市の家族相談センター: 03-2222-3333"],
}


def path_line(path: Path, text: str, after: str | None = None) -> int:
    """The number (from 1) of the first line of a file that starts with ``text`` (after the
    first line that starts with ``after``, when given): where a problem must be named."""
    lines = path.read_text("utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    return next(i for i, line in enumerate(lines) if i >= start and line.startswith(text)) + 1


def pack_file(home: Path, lang: str, name: str = COUNSELOR_PACK) -> Path:
    """Where ``pack init`` puts a user's pack."""
    return home / "packs" / lang / f"{name}.toml"


def question_block(lang: str, qid: str = "sleep", kind: str = "rating") -> str:
    """A question not shared by default, as a counselor would type it into a pack."""
    extra = "min = 1\nmax = 5\n" if kind == "rating" else ""
    return (
        f'[[steps.questions]]\nid = "{qid}"\nkind = "{kind}"\nlabel = "Sleep"\n'
        f'prompt = "{SLEEP_PROMPT[lang]}"\n{extra}share = false\n\n'
    )


def add_to_self_step(text: str, block: str) -> str:
    """Insert a question at the end of the ``self`` step (before the next step)."""
    marker = '[[steps]]\nid = "myth-never"'
    assert text.count(marker) == 1
    return text.replace(marker, block + marker)


def fill_counselor(text: str, lang: str) -> str:
    """Fill the commented-out [counselor] example at the end (or add the table if missing)."""
    name, contact, message = COUNSELOR[lang]
    example = text.find("\n# [counselor]\n")
    if example != -1:
        text = text[:example]
    block = f'[counselor]\nname = "{name}"\ncontact = "{contact}"\nmessage = """\n{message}"""\n'
    return text.rstrip("\n") + "\n\n" + block


def edit_like_a_counselor(path: Path, lang: str, *, sleep_kind: str = "rating") -> None:
    """The edits a counselor makes with a text editor."""
    text = path.read_text("utf-8")
    text = text.replace('version = "2.0.0"', 'version = "1.1"', 1)
    resources = "resources = " + json.dumps(RESOURCES[lang], ensure_ascii=False) + "\n"
    text = text.replace(f'id = "{COUNSELOR_PACK}"\n', f'id = "{COUNSELOR_PACK}"\n{resources}', 1)
    text, count = re.subn(
        r'^title = ".*"$', f'title = "{NEW_TITLE[lang]}"', text, count=1, flags=re.M
    )
    assert count == 1
    old_prompt = PACKS[lang]["steps"][0]["questions"][1]["prompt"]
    assert text.count(f'"{old_prompt}"') == 1
    text = text.replace(f'"{old_prompt}"', f'"{NEW_SELF_VIEW[lang]}"')
    text = add_to_self_step(text, question_block(lang, kind=sleep_kind))
    text = fill_counselor(text, lang)
    path.write_text(text, "utf-8")


def mark_private(text: str, *question_ids: str) -> str:
    """A pack's text with these questions marked ``share = false``."""
    for qid in question_ids:
        line = f'id = "{qid}"\n'
        assert text.count(line) == 1, qid
        text = text.replace(line, f"{line}share = false\n")
    return text


@dataclass
class SmallQuestion:
    """One question of a pack made by ``small_pack``."""

    id: str
    kind: str = "text"  # text, rating or list (a commitment list)
    share: bool = True
    quotes: str = ""  # an earlier question whose answer the prompt shows, if any

    def table(self) -> dict[str, Any]:
        quoted = f" You said {{{self.quotes}}} before." if self.quotes else ""
        table: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "prompt": f"Question {self.id.replace('_', ' ')}.{quoted}",
            "share": self.share,
        }
        if self.kind == "rating":
            table |= {"min": 1, "max": 10}
        if self.kind == "list":
            table |= {"commitments": True, "min_items": 1, "max_items": 3}
        return table


def small_pack(steps: list[tuple[str, list[SmallQuestion]]], pack_id: str = "small") -> str:
    """A small English pack as TOML text: steps of questions, nothing else."""
    data = {
        "id": pack_id,
        "lang": "en",
        "version": "1",
        "title": "Small pack",
        "intro": "Intro.",
        "safety": "Safety.",
        "closing": "Closing.",
        "steps": [
            {"id": step, "title": f"Step {step}", "questions": [q.table() for q in questions]}
            for step, questions in steps
        ],
    }
    return tomli_w.dumps(data)


@dataclass
class SessionsHome:
    """A home made once with some sessions, and their ids in the order they were made."""

    home: Path
    ids: list[str]


def counselor_answers(tag: str, self_trust: int = 6, partner_trust: int = 3) -> dict[str, Any]:
    """Tagged answers whose partner's name carries the tag too (``Rowan<tag>``)."""
    return tagged_answers(
        tag, partner=f"Rowan{tag}", self_trust=self_trust, partner_trust=partner_trust
    )


# ---------------------------------------------------------------------------------------------
# A history of weekly sessions, made through ``start --answers`` with a simulated clock
# ---------------------------------------------------------------------------------------------

ESC = "\x1b"
STEP_TITLES = {lang: [step["title"] for step in pack["steps"]] for lang, pack in PACKS.items()}


def shown(text: str) -> str:
    """How a stored text must look in every view: escape characters made visible, else as is."""
    return text.replace(ESC, "\\x1b")


def text_answers(lang: str, tag: str) -> dict[str, str]:
    """Distinctive text answers holding markup of every kind a renderer might interpret."""
    if lang == "en":
        return {
            "self_view": f"{tag} view [/] literal",
            "self_promise_recent": f"{tag} recent [bold]x[/bold]",
            "one_point_action": f"{tag} act :smile: *stars*",
            "gestures_landing": f"{tag} landing <script>alert(1)</script>",
            "costly_actions": f"{tag} cost &amp;\n# hash line",
            "showing_action": f"{tag} show {ESC}[31mred{ESC}[0m",
            "only_me": f"{tag} only `code` _under_ <b>bold</b> [link](http://x.example)",
        }
    return {
        "self_view": f"{tag} 自分は[/]と思う",
        "self_promise_recent": f"{tag} 早く寝る[bold]x[/bold]",
        "one_point_action": f"{tag} 連絡する :smile: *stars*",
        "gestures_landing": f"{tag} 響かなかった <script>alert(1)</script>",
        "costly_actions": f"{tag} 隠していた &amp;\n# hash 行",
        "showing_action": f"{tag} 見せる {ESC}[31m赤{ESC}[0m",
        "only_me": f"{tag} 自分で `code` _under_ <b>太字</b>",
    }


def promise_to_self(lang: str, tag: str) -> str:
    """The promise to oneself of a session of a history (a commitment, shown as one)."""
    if lang == "en":
        return f"{tag} small C:\\Users\\me \\ end every day"
    return f"{tag} 毎日散歩する＼バックスラッシュ\\も"


def history_answers(
    lang: str, tag: str, self_trust: int, partner_trust: int, commitments: list[Any]
) -> dict[str, Any]:
    """Complete answers of one session of a history."""
    return {
        "partner": f"Pat{tag}" if lang == "en" else f"妻{tag}",
        **text_answers(lang, tag),
        "self_trust": self_trust,
        "never_belief_start": 60,
        "never_belief_end": 40,
        "partner_trust": partner_trust,
        "words_belief_start": 80,
        "words_belief_end": 70,
        "gestures": ["messages", "gifts"],
        "others_belief_start": 20,
        "others_belief_end": 10,
        "asked_others": True,
        "commitments": commitments,
        "commitment_confidence": 7,
        # the promise to oneself (c1) is due after the history ends: no session reviews it
        "self_promise_small": [{"text": promise_to_self(lang, tag), "due": date(2027, 3, 1)}],
    }


@dataclass
class Planned:
    """One session of a history: when, in which language, what was entered."""

    tag: str
    lang: str
    when: datetime
    self_trust: int
    partner_trust: int
    commitments: list[tuple[str, date | None]]  # None: the default due date (7 days)
    # (session no, commitment no of its ``commitments``, as "c1"...: c2... in the journal,
    # after the promise to oneself)
    reviews: dict[tuple[int, str], Any] = field(default_factory=dict)
    id: str = ""

    @property
    def day(self) -> date:
        return self.when.date()

    @property
    def dues(self) -> list[date]:
        return [due or self.day + timedelta(days=7) for _, due in self.commitments]

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self.commitments]

    @property
    def answers(self) -> dict[str, Any]:
        items = [text if due is None else {"text": text, "due": due} for text, due in self]
        return history_answers(self.lang, self.tag, self.self_trust, self.partner_trust, items)

    def __iter__(self) -> Any:
        return iter(self.commitments)


NOTE_PARTLY = "[bold]x[/bold] と [/] 部分的"
NOTE_NOT_KEPT = "<script>alert(1)</script> &amp; C:\\path\\x"
NOTE_KEPT = ":smile: *stars* # hash"
NOTE_ESC = f"{ESC}[31mnote in red"
NOTE_JA = "よくできた \\ バックスラッシュ"


def planned_history() -> list[Planned]:
    """Four weekly sessions (en, ja, en, ja), each reviewing the commitments then due."""
    return [
        Planned(
            "S1",
            "en",
            datetime(2026, 11, 5, 10, 0, tzinfo=JST),
            3,
            2,
            [("S1 walk after dinner [/]", None), ("S1 tell her I'm sorry", None)],
        ),
        Planned(
            "S2",
            "ja",
            datetime(2026, 11, 12, 10, 0, tzinfo=JST),
            4,
            3,
            [
                ("S2 毎晩スマホを別の部屋に置く", None),
                ("S2 週末に料理する *stars*", date(2026, 11, 18)),
                ("S2 三つ目 \\ [/]", None),
            ],
            {(0, "c1"): "kept", (0, "c2"): {"outcome": "partly", "note": NOTE_PARTLY}},
        ),
        Planned(
            "S3",
            "en",
            datetime(2026, 11, 19, 10, 0, tzinfo=JST),
            5,
            4,
            [("S3 be home by 7 <i>", None), ("S3 later one", date(2026, 12, 17))],
            {
                (1, "c3"): {"outcome": "partly", "note": NOTE_ESC},
                (1, "c1"): {"outcome": "not_kept", "note": NOTE_NOT_KEPT},
                (1, "c2"): {"outcome": "kept", "note": NOTE_KEPT},
            },
        ),
        Planned(
            "S4",
            "ja",
            datetime(2026, 11, 26, 10, 0, tzinfo=JST),
            6,
            5,
            [("S4 料理を作る", None)],
            {(2, "c1"): {"outcome": "kept", "note": NOTE_JA}},
        ),
    ]


OUTCOME_LABELS = {
    "en": {"kept": "kept", "partly": "partly kept", "not_kept": "not kept"},
    "ja": {"kept": "守れた", "partly": "一部守れた", "not_kept": "守れなかった"},
}


def outcome_of(raw: Any) -> tuple[str, str]:
    return (raw, "") if isinstance(raw, str) else (raw["outcome"], raw.get("note", ""))


@dataclass
class Built:
    """A home made once, and the sessions in it."""

    home: Path
    sessions: list[Planned]


def run_planned(
    plan: Planned, sessions: list[Planned], folder: Path, mp: pytest.MonkeyPatch
) -> str:
    """Run one planned session (its reviews name earlier sessions of ``sessions``); its id."""
    reviews = {
        f"{sessions[number].id}/{journal_cid(cid)}": raw
        for (number, cid), raw in plan.reviews.items()
    }
    when = plan.when.isoformat()
    return start_unattended(folder, mp, when, plan.answers, "--lang", plan.lang, reviews=reviews)


def expected_reviews(plan: Planned, sessions: list[Planned]) -> list[tuple[str, str, str, str]]:
    """(session, commitment, outcome, note) in the order the session reviews them."""
    rows = []
    for (number, cid), raw in sorted(plan.reviews.items()):
        outcome, note = outcome_of(raw)
        rows.append((sessions[number].id, journal_cid(cid), outcome, note))
    return rows


def journal_cid(planned: str) -> str:
    """The id in the journal of a planned commitment: after the promise to oneself (c1)."""
    return f"c{int(planned[1:]) + 1}"


def review_text(plan: Planned, sessions: list[Planned], number: int, cid: str) -> str:
    """The text of an earlier commitment, by its id in the journal."""
    return sessions[number].texts[int(cid[1:]) - 2]


# ---------------------------------------------------------------------------------------------
# A crash at one step of one save, in a child process
# ---------------------------------------------------------------------------------------------

# A sitecustomize for the child process: SIGKILL itself at one step of one save, so that a
# crash lands at every step of a save deterministically (the random kills of
# guarantees/test_terminal.py cannot hit a window of a few microseconds). A save is any opening
# for writing of a file whose path holds TRUSTCOACH_TEST_CRASH_IN (``/journals/`` unless set),
# so the hook does not depend on how saving is done.
CRASH_SITECUSTOMIZE = """
import importlib.machinery
import importlib.util
import os
import signal
import sys

_spec = os.environ.get("TRUSTCOACH_TEST_CRASH")
if _spec:
    _save, _point = _spec.split(":")
    _state = {"saves": 0, "fd": None}
    _open, _write, _fsync = os.open, os.write, os.fsync
    _replace, _rename, _link = os.replace, os.rename, os.link

    def _die():
        os.kill(os.getpid(), signal.SIGKILL)

    def _open_hook(path, flags, mode=0o777, *, dir_fd=None):
        fd = _open(path, flags, mode, dir_fd=dir_fd)
        name = os.fspath(path)
        where = os.environ.get("TRUSTCOACH_TEST_CRASH_IN", f"{os.sep}journals{os.sep}")
        if flags & (os.O_WRONLY | os.O_RDWR) and where in name:
            _state["saves"] += 1
            if _state["saves"] == int(_save):
                _state["fd"] = fd
                if _point == "open":
                    _die()
        return fd

    def _write_hook(fd, data):
        if fd == _state["fd"] and _point == "write":
            _write(fd, bytes(data[: max(1, len(data) // 2)]))
            _die()
        return _write(fd, data)

    def _fsync_hook(fd):
        if fd == _state["fd"] and _point == "fsync":
            _die()
        return _fsync(fd)

    def _renaming(real):
        def hook(*args, **kwargs):
            if _state["fd"] is not None and _point == "rename":
                _die()
            result = real(*args, **kwargs)
            if _state["fd"] is not None and _point == "after-rename":
                _die()
            return result
        return hook

    os.open, os.write, os.fsync = _open_hook, _write_hook, _fsync_hook
    os.replace, os.rename, os.link = _renaming(_replace), _renaming(_rename), _renaming(_link)

# Run the sitecustomize this one hides, if any (coverage and other tools rely on theirs).
_here = os.path.dirname(os.path.abspath(__file__))
_rest = [p for p in sys.path if os.path.abspath(p or ".") != _here]
_found = importlib.machinery.PathFinder.find_spec("sitecustomize", _rest)
if _found is not None and _found.loader is not None:
    _found.loader.exec_module(importlib.util.module_from_spec(_found))
"""
CRASH_POINTS = ["open", "write", "fsync", "rename", "after-rename"]


# ---------------------------------------------------------------------------------------------
# A locked home: the passphrase, reading sealed files, and searching every byte for words
# ---------------------------------------------------------------------------------------------

# A passphrase with kana and a decomposable accent, as people type them (NFC is applied).
PASSPHRASE = "night walk 七つの星 café"
NEW_PASSPHRASE = "morning tea 三つの約束"
# A key file made in a test costs a millisecond rather than Argon2id's 64 MiB (``passphrase``
# fixture); key files made by a spawned trustcoach use the real parameters.
FAST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)


def passphrase_file(folder: Path, text: str = PASSPHRASE, name: str = "passphrase") -> Path:
    """A file whose first line is the passphrase (for TRUSTCOACH_PASSPHRASE_FILE)."""
    path = folder / name
    path.write_text(text + "\n", "utf-8")
    return path


def is_sealed(path: Path) -> bool:
    """Whether a file on disk is sealed (starts with the magic of a locked file)."""
    with path.open("rb") as handle:
        return handle.read(4) == b"\x89TCL"


def _vault(home: Path, passphrase: str) -> Any:
    from trustcoach.lock.vault import Vault

    def ask(attempt: int) -> str:
        assert attempt == 0, "the passphrase of the test does not open the home"
        return passphrase

    return Vault(home, ask)


def plain_bytes(
    home: Path, path: Path, passphrase: str = PASSPHRASE, raw: bytes | None = None
) -> bytes:
    """A file of the home (or ``raw``, bytes read from it earlier) as plain bytes: opened with
    the passphrase when sealed, as they are when not."""
    vault = _vault(home, passphrase)
    try:
        return bytes(vault.open(path.read_bytes() if raw is None else raw, path))
    finally:
        vault.release()


def as_stored(home: Path, path: Path, data: bytes) -> bytes:
    """The bytes trustcoach would write to ``path`` for ``data``: sealed in a locked home."""
    vault = _vault(home, PASSPHRASE)
    try:
        return bytes(vault.seal(data, path))
    finally:
        vault.release()


def read_any_journal(home: Path, path: Path) -> dict[str, Any]:
    """A journal file as TOML data, sealed or plain (``read_journal`` for a locked home)."""
    return tomli.loads(plain_bytes(home, path).decode("utf-8"))


def home_files(home: Path) -> dict[Path, bytes]:
    """Every regular file under the home, with its bytes."""
    return {path: path.read_bytes() for path in sorted(home.rglob("*")) if path.is_file()}


def word_forms(word: str) -> list[bytes]:
    """The ways a word could sit in a file: UTF-8, UTF-16 (SQLite can store it so), and as
    JSON and TOML escape it."""
    forms = {
        word.encode("utf-8"),
        word.encode("utf-16-le"),
        json.dumps(word).strip('"').encode("ascii"),
        json.dumps(word, ensure_ascii=False).strip('"').encode("utf-8"),
        tomli_w.dumps({"k": word}).split(" = ", 1)[1].strip().strip('"').encode("utf-8"),
    }
    return sorted(form for form in forms if form)


def words_on_disk(home: Path, words: list[str]) -> list[tuple[Path, str]]:
    """Which of ``words`` (in any of their forms) some file under the home holds."""
    found = []
    for path, data in home_files(home).items():
        for word in words:
            if any(form in data for form in word_forms(word)):
                found.append((path, word))
    return found


# ---------------------------------------------------------------------------------------------
# A pseudo-terminal
# ---------------------------------------------------------------------------------------------

PTY_TIMEOUT = 10  # seconds to wait for any one thing on a pseudo-terminal
BEGIN_PROMPTS = ["Press Enter to begin.", "Enterを押すと始まります。"]
MORE_PROMPTS = ["Press Enter to read on.", "Enterを押すと続きを表示します。"]


class Terminal:
    """One trustcoach process in a pseudo-terminal (24 lines of 80 columns unless ``size``
    says otherwise), with everything it printed."""

    def __init__(
        self,
        home: Path,
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        colour: bool = False,
        size: tuple[int, int] = (24, 80),
    ) -> None:
        full_env = {
            **os.environ,
            "TRUSTCOACH_HOME": str(home),
            "TERM": "xterm",
            "TRUSTCOACH_NOW": PTY_NOW,
            **(env or {}),
        }
        if colour:
            full_env.pop("NO_COLOR", None)
        for name in ("COLUMNS", "LINES"):  # the terminal's own size decides, as for a person
            full_env.pop(name, None)
        self.transcript = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "trustcoach", *args],
            env=full_env,
            cwd=str(cwd) if cwd else None,
            dimensions=size,
            encoding="utf-8",
            codec_errors="replace",
            timeout=PTY_TIMEOUT,
        )
        self.child.logfile_read = self.transcript
        self.child.delaybeforesend = None  # we always wait for the prompt before typing

    def begin(self) -> int:
        """Press Enter at each pause of the introduction, up to the one where a session waits
        before its first step (at a terminal, so that nothing scrolls away unread); how many
        pauses there were."""
        pauses = 0
        while True:
            found = self.child.expect_exact([*BEGIN_PROMPTS, *MORE_PROMPTS])
            self.child.sendline("")
            pauses += 1
            if found < len(BEGIN_PROMPTS):
                return pauses

    def wait_prompt(self, question_text: str) -> None:
        """Wait until the question and the ``> `` prompt after it are on screen."""
        self.child.expect_exact(question_text)
        self.child.expect_exact("> ")

    def answer(self, question_text: str, typed: str) -> None:
        """Wait for the question's prompt, then type the answer."""
        self.wait_prompt(question_text)
        self.child.sendline(typed)

    def end(self) -> tuple[int | None, int | None]:
        """Wait for the process to end: (exit status, signal)."""
        self.child.expect_exact(pexpect.EOF)
        self.child.wait()
        self.child.close()
        return self.child.exitstatus, self.child.signalstatus

    def finish(self) -> int:
        """Wait for the program to end normally; its exit status."""
        status, signal_status = self.end()
        assert signal_status is None, self.output
        return int(status or 0)

    @property
    def output(self) -> str:
        """Everything the program printed so far."""
        return self.transcript.getvalue()

    def kill(self) -> None:
        """End the process if it still runs."""
        if self.child.isalive():
            self.child.terminate(force=True)


# ---------------------------------------------------------------------------------------------
# Journals generated from the model (hypothesis), for the round-trip guarantee and the model tests
# ---------------------------------------------------------------------------------------------

SPECIALS = [
    "\x00",
    "\x07",
    "\x08",
    "\t",
    "\n",
    "\x0b",
    "\x0c",
    "\r",
    "\r\n",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\u202e",
    "\ufeff",
    "\ufffd",
    "\U0010ffff",
    "😀",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\u0041",
    "\\n",
    "#",
    "[x]",
    "[[a]]",
    "=",
    " ",
    "　",
    "é",
    "e\u0301",
    "ﬁ",
    "١٢",
    "${x}",
    "{partner}",
]
PIECES = st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=4)), max_size=12)
LONG = st.text(min_size=1, max_size=3).map(lambda piece: piece * 2_000)  # long strings
# long strings are rarer, so that a journal of many fields stays quick to write and read
TEXT = st.one_of(st.text(), st.text(), PIECES.map("".join), PIECES.map("".join), LONG)
OFFSETS = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
DATETIMES = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.none() | OFFSETS
)
PATTERNS = {  # ASCII digits where the model's patterns say \d
    r"^\d{8}-\d{6}-[0-9a-f]{4}$": r"\A[0-9]{8}-[0-9]{6}-[0-9a-f]{4}\Z",
    r"^c\d{1,2}$": r"\Ac[0-9]{1,2}\Z",
}


def strategy_for(annotation: Any) -> st.SearchStrategy[Any]:
    """Values of a journal model field, generated from its type (so new fields are covered)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        pattern = next((m.pattern for m in args[1:] if getattr(m, "pattern", None)), None)
        if pattern is not None:
            return st.from_regex(PATTERNS.get(pattern, pattern), fullmatch=True)
        return strategy_for(args[0])
    if annotation is str:
        return TEXT
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(min_value=-(2**63), max_value=2**63 - 1)
    if annotation is datetime:
        return DATETIMES
    if annotation is date:
        return st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([strategy_for(arg) for arg in args])
    if annotation is type(None):
        return st.none()
    if origin is list:
        return st.lists(strategy_for(args[0]), max_size=3)
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return model_strategy(annotation)
    raise AssertionError(f"no strategy for {annotation!r}: teach strategy_for about it")


# An answer's value fits its kind (a journal whose rating is text is refused when read).
VALUES_BY_KIND = {
    "text": TEXT,
    "choice": TEXT,
    "rating": st.integers(min_value=-(2**63), max_value=2**63 - 1),
    "confirm": st.booleans(),
    "multi": st.lists(TEXT, max_size=3),
    "list": st.lists(TEXT, max_size=3),
}


def model_strategy(model: type[msgspec.Struct], **fixed: Any) -> st.SearchStrategy[Any]:
    fields = {}
    hints = typing.get_type_hints(model, include_extras=True)
    for info in msgspec.structs.fields(model):
        if info.name in fixed:
            fields[info.name] = st.just(fixed[info.name])
        else:
            fields[info.name] = strategy_for(hints[info.name])
    values = st.fixed_dictionaries(fields)
    if model is Answer:
        values = values.flatmap(_fitting_value)
    return values.map(lambda found: model(**found))


def _fitting_value(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    if fields["skipped"]:
        empty = [] if fields["kind"] in ("multi", "list") else ""
        return st.just({**fields, "value": empty})
    return VALUES_BY_KIND[fields["kind"]].map(lambda value: {**fields, "value": value})


JOURNALS = model_strategy(Journal, schema_version=1)
ANSWERS = model_strategy(Answer)


def exact(journal: Journal) -> str:
    """Everything in a journal as JSON text, offsets and types included: 1 and true differ, so
    do +09:00 and +00:00 for the same instant (compared as Python objects, 1 == True)."""
    return msgspec.json.encode(journal).decode()


def to_partner(commitments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The commitments (as TOML tables) made to the partner, leaving out promises to oneself
    (``toward = "self"``; a table without ``toward`` is a commitment to the partner)."""
    return [c for c in commitments if c.get("toward", "partner") == "partner"]
