"""Benchmark trustcoach against the floor of a minimal typer program, run by hand.

    python bench/run.py            # full run: 100, 1,000 and 10,000 journals, 21 rounds
    python bench/run.py --quick    # 100 and 1,000 journals, 9 rounds

Every figure is a whole process. The run goes in rounds: each round runs every command once,
each between two runs of the floor, and a command's ratio is the median over the rounds of its
time divided by the mean of those two floor runs; the table also gives the median time and its
spread. The benchmark keeps itself and its processes on one core. Homes are generated once into
a temporary folder (or ``--keep DIR``); the index is warmed before timing (the first run after a
change re-reads journals; that cost is reported separately as "first list").

Locked homes (copies of the 100 and 10,000 journal homes, locked with Argon2id's real parameters;
the passphrase from a file) are timed the same way. Deriving the key from the passphrase is slow
on purpose, so it is reported by itself: each locked command runs as ``python -m trustcoach``
does, through a few lines that time its one Argon2id derivation from inside (``KDF_TIMER``),
and its ratio is its whole time less that derivation, divided by the floor; everything else a
locked home costs (importing ``cryptography``, the key file, opening the files) stays counted.
The column "kdf" shows the median derivation.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

PYTHON = sys.executable
REPO = Path(__file__).resolve().parents[1]

FLOOR_PROGRAM = '''
import typer

app = typer.Typer()

@app.command()
def start() -> None:
    """Start."""

@app.command()
def resume() -> None:
    """Resume."""

@app.command("list")
def list_() -> None:
    """List."""
    print("ok")

@app.command()
def show() -> None:
    """Show."""

@app.command()
def export() -> None:
    """Export."""

@app.command()
def progress() -> None:
    """Progress."""

if __name__ == "__main__":
    app()
'''

JA = [
    "毎晩22時以降はスマホを別の部屋に置く",
    "約束を守れないことが多いと感じます",
    "帰宅時間を守る",
]
EN = ["After dinner, I will put my phone in the drawer", "I keep small promises", "Be home by 7"]


def make_journal(index: int, start: datetime, previous: list[tuple[str, str]]) -> tuple[str, bytes]:
    """One realistic complete journal, with reviews of the previous session's commitments;
    its answers are made by the same function a session uses."""
    from trustcoach.journal.encoding import JournalWriter
    from trustcoach.journal.model import SCHEMA_VERSION, Commitment, Journal, Review, new_session_id
    from trustcoach.packs.loading import find_pack
    from trustcoach.session.answers import AnswerValue
    from trustcoach.session.records import make_answer

    lang = "ja" if index % 2 else "en"
    pack = find_pack("trust-repair", lang, None).pack
    moment = start + timedelta(days=7 * index, seconds=index)
    texts = JA if lang == "ja" else EN
    rng = random.Random(index)
    answers = []
    for step, question in pack.questions():
        kind = question.kind
        value: AnswerValue
        if kind == "rating":
            value = rng.randint(1, 10)
        elif kind == "choice":
            value = (question.choices or [])[0].value
        elif kind == "multi":
            value = [(question.choices or [])[0].value]
        elif kind == "confirm":
            value = False
        elif kind == "list":
            value = texts[:2]
        else:
            value = rng.choice(texts) * rng.randint(1, 4)
        answers.append(make_answer(step, question, question.prompt, value, moment, lang))
    session_id = new_session_id(moment)
    journal = Journal(
        schema_version=SCHEMA_VERSION,
        id=session_id,
        pack="trust-repair",
        pack_version=pack.version,
        lang=lang,  # type: ignore[arg-type]
        status="complete",
        started_at=moment,
        updated_at=moment,
        finished_at=moment,
        answers=answers,
        commitments=[
            Commitment(id=f"c{n}", question="commitments", text=t, due=moment.date())
            for n, t in enumerate(texts[:2], start=1)
        ],
        reviews=[
            Review(
                session=sid,
                commitment=cid,
                text="x",
                outcome=rng.choice(["kept", "partly", "not_kept"]),
                reviewed_at=moment,
            )
            for sid, cid in previous
        ],
    )
    return session_id, JournalWriter().encode(journal)


def make_checkins(home: Path, days: int = 365) -> str:
    """A year of check-ins in ``home``: a day file for each of the ``days`` days up to the last
    session's, marking the commitments of the session of that week (made once); the last
    session's day, as ``TRUSTCOACH_NOW``, so that its two commitments are asked."""
    from trustcoach.journal.checkins.day_file import CheckinDay, CheckinMark, encode_day

    sessions = sorted(name[:-5] for name in os.listdir(home / "journals"))
    last = datetime.strptime(sessions[-1][:8], "%Y%m%d").date()
    folder = home / "checkins"
    if not folder.is_dir() or len(os.listdir(folder)) < days:
        folder.mkdir(mode=0o700, exist_ok=True)
        recent = sessions[-(days // 7 + 2) :]
        week = {datetime.strptime(s[:8], "%Y%m%d").date(): s for s in recent}
        rng = random.Random(days)
        for back in range(days):
            day = last - timedelta(days=back)
            of_week = week[max(d for d in week if d <= day)]
            moment = datetime.combine(day, datetime.min.time(), timezone(timedelta(hours=9)))
            marks = [
                CheckinMark(session=of_week, commitment=c, done=rng.random() < 0.7, checked_at=at)
                for c, at in (("c1", moment), ("c2", moment))
            ]
            path = folder / f"{day.isoformat()}.toml"
            path.write_bytes(encode_day(CheckinDay(schema_version=1, day=day, marks=marks)))
            os.chmod(path, 0o600)
    return f"{last.isoformat()}T21:30:00+09:00"


def between_jobs(root: Path, sizes: list[int], env: dict[str, str]) -> list[Job]:
    """``checkin`` and ``remind --ics`` over 10,000 journals and a year of check-ins, on the
    last session's day (Enter for each of its two commitments: nothing is written), each run
    once first so that the index and the calendar's record are made."""
    if sizes[-1] != 10000:
        return []
    home = root / "home-10000"
    day_env = {**env, "TRUSTCOACH_HOME": str(home), "TRUSTCOACH_NOW": make_checkins(home)}
    trustcoach = [PYTHON, "-m", "trustcoach"]
    ics = ["remind", "--ics", str(root / "bench.ics"), "--force", "--checkin"]
    found = [
        Job("checkin (10000)", [*trustcoach, "checkin"], day_env, 2.0, stdin=b"\n\n"),
        Job("remind --ics (10000)", [*trustcoach, *ics], day_env, 2.0),
    ]
    for job in found:
        subprocess.run(job.argv, env=job.env, input=job.stdin, capture_output=True, check=True)
    return found


def make_home(root: Path, count: int) -> Path:
    """A trustcoach home with ``count`` journals (made once, then reused)."""
    home = root / f"home-{count}"
    journals = home / "journals"
    if journals.is_dir() and len(os.listdir(journals)) >= count:
        return home
    journals.mkdir(parents=True, exist_ok=True)
    os.chmod(home, 0o700)
    os.chmod(journals, 0o700)
    start = datetime(2020, 1, 1, 21, 0, tzinfo=timezone(timedelta(hours=9)))
    previous: list[tuple[str, str]] = []
    for index in range(count):
        session_id, data = make_journal(index, start, previous)
        path = journals / f"{session_id}.toml"
        path.write_bytes(data)
        os.chmod(path, 0o600)
        previous = [(session_id, "c1"), (session_id, "c2")]
    return home


PASSPHRASE = "bench walk 七つの星 café"


def make_locked_home(root: Path, count: int) -> Path:
    """A copy of the home with ``count`` journals, locked with the real Argon2id parameters
    (made once, then reused)."""
    from trustcoach.home.locking import lock
    from trustcoach.lock.vault import Vault

    home = root / f"home-{count}-locked"
    if (home / "lock.toml").exists() and not (home / "journals" / ".unfinished").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(root / f"home-{count}" / "journals", home / "journals")
    os.chmod(home, 0o700)
    (home / "journals" / ".unfinished").touch()
    vault = Vault(home)
    lock(vault, lambda: PASSPHRASE)
    vault.release()
    (home / "journals" / ".unfinished").unlink()
    return home


JRNL_CONFIG = """colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 21
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def jrnl_program() -> Path | None:
    """jrnl beside this Python (``pip install -e '.[bench]'``), else on the PATH, else None."""
    beside = Path(PYTHON).parent / "jrnl"
    if beside.exists():
        return beside
    found = shutil.which("jrnl")
    return Path(found) if found else None


def make_jrnl(root: Path, count: int) -> Path:
    """jrnl's configuration and a plain-text journal of ``count`` entries, one a week, in
    the two languages the homes hold (made once, then reused); the configuration's path."""
    config = root / f"jrnl-{count}.yaml"
    journal = root / f"jrnl-{count}.txt"
    if not journal.exists():
        start = datetime(2020, 1, 1, 21, 0)
        with journal.open("w", encoding="utf-8") as out:
            for index in range(count):
                texts = JA if index % 2 else EN
                day = start + timedelta(days=7 * index, seconds=index)
                out.write(f"[{day:%Y-%m-%d %H:%M}] {texts[0]}.\n{texts[1]} {texts[2]}\n\n")
    config.write_text(JRNL_CONFIG.format(journal=journal), encoding="utf-8")
    return config


# A locked command, run as ``python -m trustcoach`` is, that also writes how long its one
# derivation of the key from the passphrase took (wall and CPU seconds) to the file named by
# TRUSTCOACH_BENCH_KDF: the cost to leave out is measured inside the very process timed.
KDF_TIMER = """
import atexit, os, resource, runpy, sys, time
import trustcoach.lock.crypto as crypto

real, spent = crypto.derive, [0.0, 0.0]

def timed(*args):
    before, began = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    try:
        return real(*args)
    finally:
        after = resource.getrusage(resource.RUSAGE_SELF)
        spent[0] += time.perf_counter() - began
        spent[1] += after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

def report():
    with open(os.environ["TRUSTCOACH_BENCH_KDF"], "w") as out:
        out.write(f"{spent[0]} {spent[1]}")

crypto.derive = timed
atexit.register(report)
sys.argv = ["trustcoach", *sys.argv[1:]]
runpy.run_module("trustcoach", run_name="__main__", alter_sys=True)
"""


def passphrase_seconds(env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds the last locked command spent deriving its key (Argon2id)."""
    wall, cpu = Path(env["TRUSTCOACH_BENCH_KDF"]).read_text("utf-8").split()
    return float(wall), float(cpu)


def without_kdf_memory(home: Path) -> Path:
    """A copy of a locked home whose key file wraps the same data key with Argon2id's smallest
    parameters: the journals and the index open as in the original, without 64 MiB of memory
    for the passphrase (to measure the memory of looking back apart from that cost)."""
    from trustcoach.lock import crypto
    from trustcoach.lock.keyfile import read_key_file, write_key_file

    copy = home.with_name(home.name + "-smallkdf")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(home, copy)
    key_file = read_key_file(copy)
    key = key_file.open(PASSPHRASE)
    assert key is not None
    write_key_file(copy, key_file.rewrapped(key, PASSPHRASE, crypto.KdfParams(64, 1, 1)))
    return copy


class Job(NamedTuple):
    """One command to time, with the home it runs in and its target (a ratio to the floor);
    ``locked`` names the locked home whose passphrase cost is measured beside it."""

    name: str
    argv: list[str]
    env: dict[str, str]
    target: float | None
    locked: Path | None = None
    stdin: bytes = b""  # what is typed (checkin: Enter for each commitment)


class Timing(NamedTuple):
    """One command measured against the floor run just before it, round after round."""

    median: float  # wall seconds
    spread: float  # max - min wall seconds
    floor: float  # median wall seconds of the floor around this command (mean of before, after)
    ratio: float  # median over the pairs of command / floor, wall time (less the kdf)
    cpu_ratio: float  # the same for CPU (user + system) time
    kdf: float = 0.0  # median seconds of the passphrase's key derivation (locked homes)


def _run_once(argv: list[str], env: dict[str, str], stdin: bytes = b"") -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    out = subprocess.DEVNULL
    subprocess.run(argv, env=env, input=stdin, stdout=out, stderr=out, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def time_jobs(jobs: list[Job], floor_argv: list[str], repeats: int) -> dict[str, Timing]:
    """Run every job once per round, each between two runs of the floor.

    The machine's speed drifts (on the development machine by a factor of two within minutes),
    so every command is timed across the whole run rather than in one stretch of it, and its
    ratio is the median over the rounds of its time divided by the mean of the floor runs just
    before and just after it.
    """
    Run = tuple[float, float, float, float, float, float]
    pairs: dict[str, list[Run]] = {job.name: [] for job in jobs}
    env = jobs[0].env if jobs else {}
    for _ in range(repeats):
        before = _run_once(floor_argv, env)
        for job in jobs:
            wall, cpu = _run_once(job.argv, job.env, job.stdin)
            kdf, kdf_cpu = passphrase_seconds(job.env) if job.locked else (0.0, 0.0)
            after = _run_once(floor_argv, job.env)
            floor_wall, floor_cpu = (before[0] + after[0]) / 2, (before[1] + after[1]) / 2
            pairs[job.name].append((wall, cpu, floor_wall, floor_cpu, kdf, kdf_cpu))
            before = after
    median = statistics.median
    timings = {}
    for name, runs in pairs.items():
        walls = [run[0] for run in runs]
        timings[name] = Timing(
            median(walls),
            max(walls) - min(walls),
            median(run[2] for run in runs),
            median((run[0] - run[4]) / run[2] for run in runs),
            median((run[1] - run[5]) / run[3] for run in runs),
            median(run[4] for run in runs),
        )
    return timings


def peak_memory_mib(argv: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of one run of a command, in MiB."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PYTHON, "-c", probe, *argv], env=env, capture_output=True, check=True)
    return int(out.stdout) / 1024


def save_timing(root: Path, locked: bool = False) -> float:
    """Median milliseconds to save one more answer in a journal that already holds 200 (in a
    locked home: sealed, with the key already opened, as during a session)."""
    import msgspec

    from trustcoach.journal.store import JournalStore
    from trustcoach.lock.vault import Vault

    home = root / ("home-save-locked" if locked else "home-save")
    shutil.rmtree(home, ignore_errors=True)
    vault = Vault(home, lambda attempt: PASSPHRASE)
    if locked:
        from trustcoach.home.locking import lock

        home.mkdir(mode=0o700)
        lock(vault, lambda: PASSPHRASE)
    store = JournalStore(home, vault)
    _, data = make_journal(0, datetime(2024, 1, 1, tzinfo=UTC), [])
    from trustcoach.journal.model import parse_journal

    journal = parse_journal(data)
    base = journal.answers[0]
    journal.answers = [msgspec.structs.replace(base, question=f"q{i}") for i in range(200)]
    store.create(journal)
    times = []
    for i in range(60):
        journal.answers.append(msgspec.structs.replace(base, question=f"extra{i}"))
        began = time.perf_counter()
        store.save(journal)
        times.append((time.perf_counter() - began) * 1000)
    store.release_all()
    return statistics.median(times)


def answers_file(root: Path) -> Path:
    """A complete answers file for the English pack."""
    path = root / "answers.toml"
    path.write_text(
        """[answers]
partner = "my wife"
self_view = "I often break small promises"
self_trust = 4
self_promise_recent = "I skipped the gym"
self_promise_small = ["Walk ten minutes every morning"]
never_belief_start = 70
partner_trust = 3
one_point_action = "Come home when I said I would"
never_belief_end = 50
words_belief_start = 80
gestures = ["messages", "thanks"]
costly_actions = "I stayed out late without telling her"
showing_action = "Being home by seven"
words_belief_end = 60
others_belief_start = 30
asked_others = false
only_me = "Keep my word in small things"
others_belief_end = 20
commitments = ["After dinner, I will put my phone in the drawer"]
commitment_confidence = 8
""",
        encoding="utf-8",
    )
    return path


Row = tuple[str, Timing | float, "float | None"]
JRNL_ROW = "jrnl --short (10000 entries)"  # a model CLI journal, side by side with list
JRNL_TARGET = 0.35  # list over 10,000 journals at most this times jrnl --short over 10,000


def pin_to_one_core() -> str:
    """Keep this process and every process it starts on one core, as benchmark tools do.

    On the development machine, processes moved between its two cores took between 0.8 and 1.3
    times their usual time; on one core the spread of a command's ratio to the floor halves.
    """
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned to a core"
    core = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def prepare(args: argparse.Namespace) -> tuple[Path, list[int], int, dict[str, str]]:
    """Homes, sizes, repeats and the environment every command runs in."""
    sizes = [100, 1000] if args.quick else [100, 1000, 10000]
    repeats = args.repeats or (9 if args.quick else 21)
    root = args.keep or Path(tempfile.mkdtemp(prefix="trustcoach-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    (root / "floor.py").write_text(FLOOR_PROGRAM, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"}
    env.pop("TRUSTCOACH_NOW", None)
    # Measure as installed programs run: with compiled bytecode cached (pip compiles on install).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "src")], env=env, check=False)
    pinned = pin_to_one_core()
    print(f"trustcoach benchmark  {datetime.now():%Y-%m-%d %H:%M}  python {sys.version.split()[0]}")
    print(
        f"machine: {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores; "
        f"{repeats} runs per figure; {pinned}; homes in {root}"
    )
    for count in sizes:
        began = time.perf_counter()
        make_home(root, count)
        print(f"home with {count} journals ready ({time.perf_counter() - began:.1f} s)")
    for count in locked_sizes(sizes):
        began = time.perf_counter()
        make_locked_home(root, count)
        print(f"locked home with {count} journals ready ({time.perf_counter() - began:.1f} s)")
    secret = root / "passphrase"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    env["TRUSTCOACH_PASSPHRASE_FILE"] = str(secret)
    return root, sizes, repeats, env


def locked_sizes(sizes: list[int]) -> list[int]:
    """The homes that are timed locked too: the smallest and the largest."""
    return [count for count in sizes if count in (100, 10000)]


def measure_all(
    root: Path, sizes: list[int], repeats: int, env: dict[str, str], only: str = ""
) -> list[Row]:
    """Every timed command, with its target as a ratio to the floor (None: reported only);
    with ``only``, the commands whose name holds one of its comma-separated pieces."""
    pieces = [piece for piece in only.split(",") if piece]

    def wanted(name: str) -> bool:
        return not pieces or any(piece in name for piece in pieces)

    trustcoach = [PYTHON, "-m", "trustcoach"]
    jobs: list[Job] = []
    layout: list[Row | Job] = []  # in the order printed; jobs get their timing after the rounds

    def job(name: str, argv: list[str], home: str, target: float | None) -> None:
        if wanted(name):
            locked = root / home if home.endswith("-locked") else None
            home_env = {**env, "TRUSTCOACH_HOME": str(root / home)}
            if locked:  # the same command, reporting its key derivation's time
                argv = [PYTHON, "-c", KDF_TIMER, *argv[3:]]
                home_env["TRUSTCOACH_BENCH_KDF"] = str(root / "kdf-spent")
            jobs.append(Job(name, argv, home_env, target, locked))
            layout.append(jobs[-1])

    job("--help", [*trustcoach, "--help"], "home-empty", 1.10)
    job("--version", [*trustcoach, "--version"], "home-empty", 1.10)
    job("pack list", [*trustcoach, "pack", "list"], "home-empty", 1.10)
    homes = [(count, f"home-{count}", str(count)) for count in sizes]
    homes += [(count, f"home-{count}-locked", f"locked {count}") for count in locked_sizes(sizes)]
    for count, home, label in homes:
        for index in ("index.sqlite3", "index.locked"):
            (root / home / index).unlink(missing_ok=True)
        began = time.perf_counter()
        subprocess.run(
            [*trustcoach, "list"],
            env={**env, "TRUSTCOACH_HOME": str(root / home)},
            capture_output=True,
            check=True,
        )
        if wanted(f"first list ({label})"):
            seconds = time.perf_counter() - began
            layout.append((f"first list, index rebuilt ({label})", seconds, None))
        list_target = {100: 1.15, 10000: 1.10 if label == "10000" else 2.0}.get(count)
        job(f"list ({label})", [*trustcoach, "list"], home, list_target)
        progress_target = {100: 1.15, 10000: 2.0}.get(count)
        job(f"progress ({label})", [*trustcoach, "progress"], home, progress_target)
        job(f"show latest ({label})", [*trustcoach, "show", "latest"], home, 1.2)
        export = [*trustcoach, "export", "latest", "--format", "json"]
        job(f"export latest json ({label})", export, home, 1.2)
    jrnl = jrnl_program()
    if jrnl is not None and sizes[-1] == 10000:
        config = make_jrnl(root, 10000)
        argv = [str(jrnl), "--config-file", str(config), "--short"]
        subprocess.run(argv, env=env, capture_output=True, check=True)  # it updates its config
        if wanted(JRNL_ROW):
            jobs.append(Job(JRNL_ROW, argv, env, None))
            layout.append(jobs[-1])
    wanted_between = [job for job in between_jobs(root, sizes, env) if wanted(job.name)]
    jobs += wanted_between
    layout += wanted_between
    answers = answers_file(root)
    start = [*trustcoach, "start", "--lang", "en", "--answers", str(answers)]
    job("start --answers", start, "home-sessions", 1.5)
    timings = time_jobs(jobs, [PYTHON, str(root / "floor.py"), "list"], repeats)
    return [
        (item.name, timings[item.name], item.target) if isinstance(item, Job) else item
        for item in layout
    ]


def compare_with_jrnl(rows: list[Row]) -> int:
    """Print list over 10,000 journals against jrnl over 10,000 entries, as the ratio of their
    ratios to the floor (both measured in the same rounds); 1 when over the target."""
    timed = {name: timing for name, timing, _ in rows if isinstance(timing, Timing)}
    ours, theirs = timed.get("list (10000)"), timed.get(JRNL_ROW)
    if ours is None or theirs is None:
        if ours is not None:
            print("jrnl is not installed (pip install -e '.[bench]'): list is not compared")
        return 0
    ratio = ours.ratio / theirs.ratio
    verdict = "ok" if ratio <= JRNL_TARGET else "OVER"
    print(
        f"list (10000) against {JRNL_ROW}: {ratio:.2f} of jrnl's time "
        f"(target {JRNL_TARGET:.2f}) {verdict}"
    )
    return int(verdict == "OVER")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller homes, fewer repeats")
    parser.add_argument("--repeats", type=int, default=0, help="runs per figure")
    parser.add_argument("--keep", type=Path, help="generate homes here and keep them")
    parser.add_argument(
        "--only",
        default="",
        help="time only the commands whose name has this (several: comma-separated)",
    )
    args = parser.parse_args()
    root, sizes, repeats, env = prepare(args)
    rows = measure_all(root, sizes, repeats, env, args.only)
    locked_home = root / f"home-{locked_sizes(sizes)[-1]}-locked"
    largest = {
        "": f"home-{sizes[-1]}",
        "locked ": without_kdf_memory(locked_home).name,
        "locked (with Argon2id's 64 MiB) ": locked_home.name,
    }
    memory = {
        what: max(
            peak_memory_mib(
                [PYTHON, "-m", "trustcoach", command], {**env, "TRUSTCOACH_HOME": str(root / home)}
            )
            for command in ("list", "progress")
        )
        for what, home in largest.items()
    }
    save_ms, locked_save_ms = save_timing(root), save_timing(root, locked=True)
    from check_phrases import TARGET_MS, worst_case_ms  # bench/, beside this file

    checks_ms = worst_case_ms()
    kdf = [timing.kdf for _, timing, _ in rows if isinstance(timing, Timing) and timing.kdf]

    floors = [timing.floor for _, timing, _ in rows if isinstance(timing, Timing)]
    print()
    print(
        "floor: minimal typer program, 6 subcommands, run between the commands in every round: "
        f"median {statistics.median(floors) * 1000:.0f} ms "
        f"(from {min(floors) * 1000:.0f} to {max(floors) * 1000:.0f} ms across rows)"
    )
    print()
    print(
        f"{'command':<40} {'median':>7} {'spread':>7} {'floor':>6} {'kdf':>6} {'ratio':>6} "
        f"{'cpu x':>6} {'target':>6}  result"
    )
    failures = 0
    for name, timing, target in rows:
        if not isinstance(timing, Timing):
            print(f"{name:<40} {timing * 1000:>5.0f}ms   (once; reported only)")
            continue
        ratio, cpu_ratio = timing.ratio, timing.cpu_ratio
        verdict = "" if target is None else ("ok" if ratio <= target else "OVER")
        failures += verdict == "OVER"
        shown = f"{target:.2f}" if target else "-"
        kdf_ms = f"{timing.kdf * 1000:>4.0f}ms" if timing.kdf else f"{'-':>6}"
        print(
            f"{name:<40} {timing.median * 1000:>5.0f}ms {timing.spread * 1000:>5.0f}ms "
            f"{timing.floor * 1000:>4.0f}ms {kdf_ms} {ratio:>6.2f} {cpu_ratio:>6.2f} {shown:>6}"
            f"  {verdict}"
        )
    print()
    failures += compare_with_jrnl(rows)
    if kdf:
        print(
            "the passphrase (Argon2id, 64 MiB, 3 passes, 4 lanes), derived once in each locked "
            f"command: median {statistics.median(kdf) * 1000:.0f} ms across the locked rows "
            f"(from {min(kdf) * 1000:.0f} to {max(kdf) * 1000:.0f} ms); left out of their ratios"
        )
    with_kdf = "locked (with Argon2id's 64 MiB) "
    failures += (max(v for k, v in memory.items() if k != with_kdf) >= 80)
    failures += max(save_ms, locked_save_ms) >= 5
    for what, mib in memory.items():
        count = int(largest[what].split("-")[1])
        verdict = f"(target < 80 MiB) {'ok' if mib < 80 else 'OVER'}"
        print(
            f"peak memory of list and progress over {count} {what}journals: {mib:.1f} MiB "
            + ("(reported only)" if what == with_kdf else verdict)
        )
    for what, ms in (("a journal", save_ms), ("a locked journal", locked_save_ms)):
        print(
            f"save one answer in {what} of 200 answers: median {ms:.2f} ms including fsync "
            f"(target < 5 ms) {'ok' if ms < 5 else 'OVER'}"
        )
    for lang, ms in checks_ms.items():
        failures += ms >= TARGET_MS
        print(
            f"check phrases, the worst a pack may have, over a commitment of 20,000 characters "
            f"({lang}): median {ms:.0f} ms (target < {TARGET_MS} ms) "
            f"{'ok' if ms < TARGET_MS else 'OVER'}"
        )
    print()
    print("all targets met" if not failures else f"{failures} target(s) missed")


if __name__ == "__main__":
    main()
