"""Guarantees of the journal store on disk: failed writes leave the old journal (promise 2),
everything is private whatever the umask (promise 4), and nothing reaches outside the home
(promise 5).

Failures are made real where the machine allows it: a file-size limit and a full tmpfs for a
full disk, a read-only bind mount and folders owned by someone else for a read-only home, run as
a user other than root (root ignores permission bits, so a test as root would prove nothing).
"""

from __future__ import annotations

import contextlib
import errno
import os
import pwd
import resource
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pytest

import trustcoach
from tests.support.answers import EN_ANSWERS, NO_REVIEW, write_answers
from tests.support.clocks import NOW
from tests.support.crashes import CRASH_POINTS, CRASH_SITECUSTOMIZE, dead_pid
from tests.support.journals import journal_paths
from tests.support.runner import ok, one_sentence_error, run_cli
from tests.support.sessions import complete_session, unfinished_session
from tests.support.vaults import PASSPHRASE, plain_bytes
from trustcoach import files as tomlio
from trustcoach.errors import JournalError, UsageError
from trustcoach.journal.model import Journal, parse_journal
from trustcoach.journal.store import JournalStore
from trustcoach.lock.vault import Vault

# In one worker of a parallel run: the other user is made once and removed after the last test.
pytestmark = [pytest.mark.usefixtures("fixed_clock"), pytest.mark.xdist_group("other-user")]

OTHER_USER = "trustcoach-test"

HUGE = "長" * 3000  # 9 KB of UTF-8 in one answer


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def snapshot(home: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every journal."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in journal_paths(home)}


def leftovers(home: Path) -> list[Path]:
    return sorted(home.rglob(".tmp-*")) if home.exists() else []


def pairs(journal: Journal) -> list[tuple[str, Any]]:
    return [(a.question, a.value) for a in journal.answers]


def parsed(home: Path, path: Path, raw: bytes | None = None) -> Journal:
    """A journal file (or bytes read from it), plain or sealed, as the model."""
    return parse_journal(plain_bytes(home, path, raw=raw))


def store_of(home: Path) -> JournalStore:
    """A store of the home that opens a locked one with the test's passphrase."""
    return JournalStore(home, Vault(home, lambda attempt: PASSPHRASE))


def child_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TRUSTCOACH_HOME": str(home),
        "TRUSTCOACH_NOW": NOW,
        "NO_COLOR": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


# ---------------------------------------------------------------------------------------------
# Promise 2: a failed write leaves the old journal, whole, and no temporary file
# ---------------------------------------------------------------------------------------------


def _short_write_then_full(real_write: Any) -> Any:
    calls = []

    def write(fd: int, data: Any) -> int:
        calls.append(fd)
        if len(calls) == 1:
            return real_write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return write


def _raise(error: BaseException) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    return fail


FAULTS = {
    "short-write-then-disk-full": lambda: ("write", _short_write_then_full(os.write)),
    "fsync-io-error": lambda: ("fsync", _raise(OSError(errno.EIO, os.strerror(errno.EIO)))),
    "rename-read-only": lambda: ("replace", _raise(OSError(errno.EROFS, "Read-only file system"))),
    "link-read-only": lambda: ("link", _raise(OSError(errno.EROFS, "Read-only file system"))),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_failed_save_keeps_the_previous_journal_whole(
    fault: str,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    home_kind: str,
) -> None:
    path = unfinished_session(isolated_home)
    before = path.read_bytes()
    store = store_of(isolated_home)
    journal = store.load(path.stem)
    first = journal.answers[0]  # a different state to save
    journal.answers[0] = msgspec.structs.replace(first, prompt=first.prompt + " (edited)")
    name, replacement = FAULTS[fault]()
    with monkeypatch.context() as patch:
        patch.setattr(tomlio.os, name, replacement)
        if fault == "link-read-only":  # the exclusive create of a new journal
            fresh = msgspec.structs.replace(journal, id=path.stem[:-4] + "beef")
            with pytest.raises(JournalError) as failure:
                store.create(fresh)
        else:
            with pytest.raises(JournalError) as failure:
                store.save(journal)
    store.release_all()
    assert "could not save" in str(failure.value)
    assert "\n" not in str(failure.value)
    assert path.read_bytes() == before
    assert journal_paths(isolated_home) == [path]
    assert leftovers(isolated_home) == []


def test_ctrl_c_in_the_middle_of_a_save_keeps_the_previous_journal_whole(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, home_kind: str
) -> None:
    path = unfinished_session(isolated_home)
    before = path.read_bytes()
    store = store_of(isolated_home)
    journal = store.load(path.stem)
    journal.answers[1] = msgspec.structs.replace(journal.answers[1], value="x" * 100_000)
    real_write = os.write

    def interrupted_write(fd: int, data: Any) -> int:
        real_write(fd, bytes(data[:1000]))
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(tomlio.os, "write", interrupted_write)
        with pytest.raises(KeyboardInterrupt):
            store.save(journal)
    store.release_all()
    assert path.read_bytes() == before
    assert leftovers(isolated_home) == []




@pytest.mark.slow
@pytest.mark.parametrize("point", CRASH_POINTS)
@pytest.mark.parametrize("save", [1, 3], ids=["creating", "replacing"])
def test_kill_at_each_step_of_a_save_leaves_the_old_or_the_new_journal(
    save: int, point: str, isolated_home: Path, tmp_path: Path, home_kind: str
) -> None:
    hook = tmp_path / "crash-hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CRASH_SITECUSTOMIZE, "utf-8")
    env = child_env(isolated_home)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(hook), env.get("PYTHONPATH")) if p)
    env["TRUSTCOACH_TEST_CRASH"] = f"{save}:{point}"
    crashed = subprocess.run(
        [sys.executable, "-m", "trustcoach", "start", "--lang", "en"],
        input="Sam\nI try.\n7\nKept it.\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert crashed.returncode == -signal.SIGKILL, "the save was not interrupted"
    # answers 1..save-1 were accepted; answer `save` is on disk only once its rename is done
    count = save if point == "after-rename" else save - 1
    expected = [("partner", "Sam"), ("self_view", "I try."), ("self_trust", 7)][:count]
    paths = journal_paths(isolated_home)
    if count == 0:
        assert paths == [], "a journal appeared before its first save was complete"
    else:
        assert len(paths) == 1, paths
        assert pairs(parsed(isolated_home, paths[0])) == expected
    listed = run_cli("list", "--json")
    assert "unreadable" not in listed.stdout
    assert run_cli("start", "--lang", "en", input="").exit_code == 130
    assert leftovers(isolated_home) == []  # the next start removed what the crash left


def test_disk_full_mid_session_is_one_sentence_and_keeps_earlier_answers(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home_kind: str
) -> None:
    other = complete_session(isolated_home, tmp_path)
    other_before = other.read_bytes()
    real_write = os.write
    saves = []

    def write(fd: int, data: Any) -> int:
        if len(data) > 5000:  # the save that holds the huge answer finds the disk full
            saves.append(fd)
            real_write(fd, bytes(data[:4096]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(tomlio.os, "write", write)
    result = run_cli("start", "--lang", "en", input=f"{NO_REVIEW}Sam\nI try.\n7\n{HUGE}\nmore\n")
    monkeypatch.undo()
    assert saves, "the huge answer was never saved"
    assert result.exit_code == 1, result.stdout + result.stderr
    one_sentence_error(result.stderr)
    assert "could not save" in result.stderr
    assert other.read_bytes() == other_before
    (new,) = set(journal_paths(isolated_home)) - {other}
    assert [q for q, _ in pairs(parsed(isolated_home, new))] == [
        "partner",
        "self_view",
        "self_trust",
    ]
    assert leftovers(isolated_home) == []


def _file_size_limit(limit: int) -> Any:
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@dataclass
class FullDiskCase:
    """A home with a complete and an unfinished journal, on a disk about to be full."""

    home: Path
    folder: Path
    complete: Path
    unfinished: Path


def check_full_disk(case: FullDiskCase, reason: str, preexec: Any = None) -> None:
    """start, resume and start --answers each fail with one sentence; journals stay whole."""
    home = case.home
    before = snapshot(home)
    env = child_env(home)

    def run(*args: str, input: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "trustcoach", *args],
            input=input,
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=preexec,
            timeout=60,
            check=False,
        )

    # "2": leave the unfinished session (that save fails too), then begin a new one
    started = run("start", "--lang", "en", input=f"2\n{NO_REVIEW}Sam\n{HUGE}\nmore\n")
    assert started.returncode == 1, started.stdout + started.stderr
    one_sentence_error(started.stderr)
    assert reason in started.stderr, started.stderr
    after = snapshot(home)
    left = case.unfinished.name  # left unfinished (its left_at is saved): its answers stay
    left_path = home / "journals" / left
    earlier = parsed(home, left_path, before[left][0])
    assert pairs(parsed(home, left_path, after[left][0])) == pairs(earlier)
    for name, state in before.items():
        assert name == left or after[name] == state, name
    new = sorted(set(after) - set(before))
    before[left] = after[left]
    assert len(new) <= 1, new
    if new:  # the first (small) answer fitted and stays; the huge one was never half-written
        raw = after[new[0]][0]
        assert pairs(parsed(home, home / "journals" / new[0], raw)) == [("partner", "Sam")]

    resumed = run("resume", case.unfinished.stem, input=f"{HUGE}\n")
    assert resumed.returncode == 1, resumed.stdout + resumed.stderr
    one_sentence_error(resumed.stderr)
    assert reason in resumed.stderr, resumed.stderr
    answers = dict(EN_ANSWERS, self_view=HUGE)
    unattended = run("start", "--lang", "en", "--answers", str(write_answers(case.folder, answers)))
    assert unattended.returncode == 1, unattended.stdout + unattended.stderr
    one_sentence_error(unattended.stderr)
    assert reason in unattended.stderr, unattended.stderr

    final = snapshot(home)
    assert {name: final[name] for name in before} == before
    assert sorted(set(final) - set(before)) == new
    assert leftovers(home) == []


def _full_disk_case(
    home: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    request: pytest.FixtureRequest,
) -> FullDiskCase:
    """The case in a plain home, or in a home locked before its first session."""
    monkeypatch.setenv("TRUSTCOACH_HOME", str(home))
    if kind == "locked":
        request.getfixturevalue("passphrase")
        ok(run_cli("lock"))
    complete = complete_session(home, folder)
    unfinished = unfinished_session(home)
    assert run_cli("list").exit_code == 0  # the index is up to date: nothing left to write
    return FullDiskCase(home, folder, complete, unfinished)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["plain", "locked"])
def test_file_size_limit_is_one_sentence_and_every_journal_stays_whole(
    kind: str,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    case = _full_disk_case(isolated_home, tmp_path, monkeypatch, kind, request)
    check_full_disk(case, os.strerror(errno.EFBIG), _file_size_limit(8192))


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs, mounted for this test only; skipped where mounting is not allowed."""
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_up(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` so that only about ``leave`` bytes stay free."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        chunk = b"\0" * 4096
        while True:
            try:
                if os.write(fd, chunk) == 0:
                    break
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["plain", "locked"])
def test_full_disk_is_one_sentence_and_every_journal_stays_whole(
    kind: str,
    small_tmpfs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    case = _full_disk_case(small_tmpfs / "home", tmp_path, monkeypatch, kind, request)
    fill_up(small_tmpfs, leave=8192)
    check_full_disk(case, os.strerror(errno.ENOSPC))


# --- a read-only home, as a user who is not root ----------------------------------------------


@dataclass
class OtherUser:
    """Runs trustcoach as a user other than root."""

    uid: int
    gid: int
    python: str
    pythonpath: str

    def run(self, home: Path, *args: str, input: str = "") -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": self.pythonpath,
            "PYTHONDONTWRITEBYTECODE": "1",
            "TRUSTCOACH_HOME": str(home),
            "TRUSTCOACH_NOW": NOW,
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "HOME": str(home.parent),
        }
        return subprocess.run(
            [self.python, "-m", "trustcoach", *args],
            input=input,
            capture_output=True,
            text=True,
            env=env,
            cwd=home.parent,
            user=self.uid,
            group=self.gid,
            extra_groups=[],
            timeout=60,
            check=False,
        )


def _find_python(uid: int, gid: int, pythonpath: str) -> str | None:
    """An interpreter the user may run that imports this trustcoach (the venv's may sit in
    /root, which other users cannot enter)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [sys.executable, f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"]
    for python in candidates:
        if not Path(python).exists():
            continue
        try:
            probe = subprocess.run(
                [python, "-c", "import trustcoach.cli, pydantic, typer, tomli_w"],
                env={
                    "PATH": "/usr/bin:/bin",
                    "PYTHONPATH": pythonpath,
                    "PYTHONDONTWRITEBYTECODE": "1",
                },
                cwd="/",
                user=uid,
                group=gid,
                extra_groups=[],
                capture_output=True,
                check=False,
            )
        except OSError:  # the user may not run this interpreter
            continue
        if probe.returncode == 0:
            return python
    return None


@pytest.fixture(scope="session")
def other_user() -> Iterator[OtherUser]:
    """A user who is not root, created with useradd when missing (and removed afterwards)."""
    source = str(Path(trustcoach.__file__).resolve().parents[1])
    paths = sysconfig.get_paths()
    pythonpath = os.pathsep.join(
        p
        for p in (os.environ.get("PYTHONPATH", ""), source, paths["purelib"], paths["platlib"])
        if p
    )
    created = False
    if os.geteuid() != 0:
        uid, gid = os.getuid(), os.getgid()
    else:
        try:
            entry = pwd.getpwnam(OTHER_USER)
        except KeyError:
            made = subprocess.run(
                [
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    OTHER_USER,
                ],
                capture_output=True,
                check=False,
            )
            if made.returncode != 0:
                pytest.skip(f"cannot create a user who is not root: {made.stderr.decode()}")
            created = True
            entry = pwd.getpwnam(OTHER_USER)
        uid, gid = entry.pw_uid, entry.pw_gid
    python = _find_python(uid, gid, pythonpath)
    try:
        if python is None:
            pytest.skip(
                "no Python interpreter that a user other than root can run imports trustcoach"
            )
        yield OtherUser(uid, gid, python, pythonpath)
    finally:
        if created:
            subprocess.run(["userdel", OTHER_USER], capture_output=True, check=False)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder under /tmp that another user can enter (pytest's tmp_path is root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="trustcoach-guarantees-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for mount in [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines()]:
            if mount.startswith(str(folder)):
                subprocess.run(["umount", "-l", mount], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid)
    for item in path.rglob("*"):
        os.chown(item, uid, gid, follow_symlinks=False)


def make_read_only(kind: str, home: Path, user: OtherUser) -> None:
    if kind in ("owned-by-someone-else", "lock-file-owned-by-someone-else") and os.geteuid():
        pytest.skip("only root can give files to someone else")
    if kind == "read-only-mount":
        _chown_tree(home, user.uid, user.gid)
        for command in (
            ["mount", "--bind", str(home), str(home)],
            ["mount", "-o", "remount,ro,bind", str(home)],
        ):
            done = subprocess.run(command, capture_output=True, check=False)
            if done.returncode != 0:
                pytest.skip(f"cannot make a read-only mount here: {done.stderr.decode().strip()}")
    elif kind == "owned-by-someone-else":
        # readable by the user, writable only by root
        for folder in (home, home / "journals"):
            folder.chmod(0o755)
        for path in journal_paths(home):
            path.chmod(0o644)
    elif kind == "lock-file-owned-by-someone-else":  # e.g. left by one run under sudo
        _chown_tree(home, user.uid, user.gid)
        for lock in (home / "locks").iterdir():
            os.chown(lock, 0, 0)
    else:  # "write-protected-by-owner": the user removed their own write permission
        _chown_tree(home, user.uid, user.gid)
        for path in journal_paths(home):
            path.chmod(0o400)
        for folder in (home / "journals", home):
            folder.chmod(0o500)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "command"),
    [
        ("read-only-mount", "start"),
        ("read-only-mount", "resume"),
        ("read-only-mount", "answers"),
        ("owned-by-someone-else", "start"),
        ("owned-by-someone-else", "resume"),
        ("owned-by-someone-else", "answers"),
        ("write-protected-by-owner", "start"),
        ("write-protected-by-owner", "resume"),
        ("write-protected-by-owner", "answers"),
        pytest.param("lock-file-owned-by-someone-else", "resume"),
    ],
)
def test_read_only_home_is_one_sentence_and_every_journal_stays_whole(
    kind: str,
    command: str,
    other_user: OtherUser,
    shared_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = shared_folder / "home"
    monkeypatch.setenv("TRUSTCOACH_HOME", str(home))
    complete_session(home, shared_folder)
    unfinished = unfinished_session(home)
    assert run_cli("list").exit_code == 0
    answers = write_answers(shared_folder, EN_ANSWERS)
    answers.chmod(0o644)
    make_read_only(kind, home, other_user)
    before = snapshot(home)
    files_before = sorted(p.relative_to(home) for p in home.rglob("*"))

    if command == "start":
        result = other_user.run(home, "start", "--lang", "en", input=f"{NO_REVIEW}Sam\nI try.\n")
    elif command == "resume":
        result = other_user.run(home, "resume", unfinished.stem, input="Kept it.\n")
    else:
        result = other_user.run(home, "start", "--lang", "en", "--answers", str(answers))

    assert result.returncode == 1, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    one_sentence_error(result.stderr)
    assert snapshot(home) == before
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == files_before


# ---------------------------------------------------------------------------------------------
# Promise 4: private by default
# ---------------------------------------------------------------------------------------------


def modes_under(home: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(home.stat().st_mode)}
    for path in home.rglob("*"):
        found[str(path.relative_to(home))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def assert_private(home: Path) -> None:
    for name, mode in modes_under(home).items():
        path = home / name
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{name} has mode {mode:o}, expected {expected:o}"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["plain", "locked"])
def test_home_folders_and_files_are_private_whatever_the_umask(
    kind: str, isolated_home: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Locked: ``lock`` itself runs under the open umask, and then ``unlock`` (real Argon2id
    parameters here: the key file is made by the child process)."""
    if kind == "locked":
        request.getfixturevalue("passphrase")
    env = child_env(isolated_home)

    def run(*args: str, input: str = "") -> None:
        done = subprocess.run(
            [sys.executable, "-m", "trustcoach", *args],
            input=input,
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=lambda: os.umask(0),
            timeout=60,
            check=False,
        )
        assert done.returncode in (0, 130), f"{args}\n{done.stdout}\n{done.stderr}"

    run("start", "--lang", "en", input="Sam\nI try.\n")  # interrupted by end of input
    if kind == "locked":
        run("lock")
    run("start", "--lang", "en", "--answers", str(write_answers(tmp_path, EN_ANSWERS)))
    run("list")  # builds the index
    run("resume", input="7\n")
    run("pack", "init", "my-pack", "--lang", "en")
    names = set(modes_under(isolated_home))
    expected = {"journals", "locks", "packs"}
    expected |= {"index.locked", "lock.toml"} if kind == "locked" else {"index.sqlite3"}
    assert expected <= names, names
    assert len(journal_paths(isolated_home)) == 2
    assert_private(isolated_home)
    assert leftovers(isolated_home) == []
    if kind == "locked":
        run("unlock")
        assert "lock.toml" not in set(modes_under(isolated_home))
        assert_private(isolated_home)


def test_loose_modes_are_repaired_at_start(
    isolated_home: Path, tmp_path: Path, home_kind: str
) -> None:
    journal = complete_session(isolated_home, tmp_path)
    content = journal.read_bytes()
    journal.chmod(0o644)
    (isolated_home / "journals").chmod(0o755)
    isolated_home.chmod(0o777)
    result = run_cli("start", "--lang", "en", input="")  # ends before the first answer
    assert result.exit_code == 130, result.stdout + result.stderr
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert stat.S_IMODE((isolated_home / "journals").stat().st_mode) == 0o700
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700
    assert journal.read_bytes() == content

    journal.chmod(0o644)  # the unattended start repairs too
    answers = write_answers(tmp_path, EN_ANSWERS)
    assert run_cli("start", "--lang", "en", "--answers", str(answers)).exit_code == 0
    assert_private(isolated_home)


def test_temporaries_left_by_a_crash_are_reported_then_removed_by_start(
    isolated_home: Path, tmp_path: Path
) -> None:
    journal = complete_session(isolated_home, tmp_path)
    content = journal.read_bytes()
    folder = isolated_home / "journals"
    stale = folder / f".tmp-{journal.name}.{dead_pid()}"
    stale.write_bytes(content[: len(content) // 2])  # half a journal, as a crash leaves it
    live = folder / f".tmp-20261126-100000-beef.toml.{os.getpid()}"  # a save still running
    live.write_bytes(b"schema_version = 1\n")

    doctor = run_cli("doctor")
    assert doctor.exit_code == 1, doctor.stdout
    line = next(line for line in doctor.stdout.splitlines() if stale.name in line)
    assert line.startswith("problem") and "delete" in line
    assert live.name not in doctor.stdout
    assert stale.exists()  # doctor only looks

    result = run_cli("start", "--lang", "en", input="")
    assert result.exit_code == 130
    assert not stale.exists()
    assert live.exists()  # a temporary of a running process is not touched
    assert journal.read_bytes() == content
    live.unlink()
    assert run_cli("doctor").exit_code == 0


def test_no_temporary_is_left_after_normal_sessions(isolated_home: Path, tmp_path: Path) -> None:
    unfinished_session(isolated_home)
    complete_session(isolated_home, tmp_path)
    lines = ["Kept", "Walk daily", "", "", "20", "3", "Act", "10", "50", "1", "", "x", "y", "40"]
    lines += ["30", "n", "z", "20"]  # after the promise to oneself: its days, its due date
    result = run_cli("resume", input="\n".join([*lines, "Call at 7", "", "", "", "8", ""]))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert run_cli("list").exit_code == 0
    assert leftovers(isolated_home) == []
    assert [p.name for p in (isolated_home / "journals").iterdir() if p.name.startswith(".")] == []


# ---------------------------------------------------------------------------------------------
# Promise 5: no way out of the home
# ---------------------------------------------------------------------------------------------

BAD_IDS = [
    "../x",
    "/etc/passwd",
    "a\x00b",
    "20261126-140512-zzzz",
    "..",
    "../journals/20261126-100000-aaaa",
    "20261126-100000-aaaa/../../x",
    "PLANTED",  # replaced by the absolute path of a valid journal outside the home
    "\x1b[31m",
    "",
]


@pytest.fixture
def planted(isolated_home: Path, tmp_path: Path) -> Path:
    """Valid journals where an escaping id would lead: <home>/x.toml and outside the home."""
    source = complete_session(isolated_home, tmp_path)
    data = source.read_bytes()
    (isolated_home / "x.toml").write_bytes(data)
    outside = tmp_path / "outside" / "planted"
    outside.parent.mkdir()
    outside.with_suffix(".toml").write_bytes(data)
    return outside


@pytest.mark.parametrize("command", ["show", "export", "export-to-file", "resume"])
@pytest.mark.parametrize("bad", BAD_IDS, ids=[repr(b) for b in BAD_IDS])
def test_session_ids_that_lead_out_of_the_home_are_refused(
    command: str, bad: str, planted: Path, isolated_home: Path, tmp_path: Path
) -> None:
    ref = str(planted) if bad == "PLANTED" else bad
    target = tmp_path / "out.md"
    args = {
        "show": ["show", ref],
        "export": ["export", ref, "--format", "json"],
        "export-to-file": ["export", ref, "--format", "md", "--output", str(target)],
        "resume": ["resume", ref],
    }[command]
    before = snapshot(isolated_home)
    result = run_cli(*args, input="7\n")
    assert result.exit_code == 1, result.stdout + result.stderr
    one_sentence_error(result.stderr)
    assert result.stdout == ""
    assert not target.exists()
    assert snapshot(isolated_home) == before


@pytest.mark.parametrize("bad", BAD_IDS[:-1])
def test_store_refuses_ids_that_lead_out_of_the_home(bad: str, isolated_home: Path) -> None:
    store = JournalStore(isolated_home)
    with pytest.raises(UsageError):
        store.path_for(bad)
    with pytest.raises(UsageError):
        store.load(bad)


@pytest.mark.parametrize(
    "args",
    [
        ["start", "--lang", "en", "--pack", ".."],
        ["pack", "show", "..", "--lang", "en"],
        ["pack", "init", ".."],
        ["pack", "init", "../escape"],
        ["pack", "init", "../../../escape"],
        ["pack", "init", "/tmp/escape"],
    ],
    ids=" ".join,
)
def test_pack_names_that_lead_out_are_refused(
    args: list[str], isolated_home: Path, tmp_path: Path
) -> None:
    before = sorted(tmp_path.rglob("*"))
    result = run_cli(*args, input="")
    assert result.exit_code == 1, result.stdout + result.stderr
    one_sentence_error(result.stderr)
    assert sorted(tmp_path.rglob("*")) == before
    assert not Path("/tmp/escape.toml").exists()


def test_a_symbolic_link_as_the_journals_folder_is_refused(
    isolated_home: Path, tmp_path: Path
) -> None:
    journal = complete_session(isolated_home, tmp_path)
    unfinished = unfinished_session(isolated_home)
    elsewhere = tmp_path / "elsewhere"
    (isolated_home / "journals").rename(elsewhere)
    (isolated_home / "journals").symlink_to(elsewhere, target_is_directory=True)
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}

    for args, stdin in (
        (["start", "--lang", "en", "--answers", str(write_answers(tmp_path, EN_ANSWERS))], ""),
        (["start", "--lang", "en"], f"{NO_REVIEW}Sam\n"),
        (["resume", unfinished.stem], "Kept it.\n"),
    ):
        result = run_cli(*args, input=stdin)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        one_sentence_error(result.stderr)
        assert "symbolic link" in result.stderr
        assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before, args
    assert journal.name in before


def test_a_symbolic_link_at_the_temporary_path_is_not_followed(
    isolated_home: Path, tmp_path: Path
) -> None:
    path = unfinished_session(isolated_home)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    trap = path.parent / f"{tomlio.TEMP_PREFIX}{path.name}.{os.getpid()}"
    trap.symlink_to(victim)
    store = JournalStore(isolated_home)
    journal = store.load(path.stem)
    journal.answers[0] = msgspec.structs.replace(journal.answers[0], value="new state")
    with contextlib.suppress(JournalError):  # refusing is fine; writing through the link is not
        store.save(journal)
    assert victim.read_bytes() == b"precious"
    assert not path.is_symlink()
    assert pairs(parse_journal(path.read_bytes()))[0][1] in ("Sam", "new state")


def test_a_symbolic_link_at_the_journal_path_is_replaced_not_written_through(
    isolated_home: Path, tmp_path: Path
) -> None:
    path = unfinished_session(isolated_home)
    victim = tmp_path / "victim.toml"
    victim.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(victim)
    before = victim.read_bytes()
    result = run_cli("resume", path.stem, input="Kept it.\n")
    assert result.exit_code == 130, result.stdout + result.stderr
    assert victim.read_bytes() == before
    assert not path.is_symlink()
    assert pairs(parse_journal(path.read_bytes()))[-1] == ("self_promise_recent", "Kept it.")


def test_a_symbolic_link_as_the_index_is_not_written_through(
    isolated_home: Path, tmp_path: Path
) -> None:
    complete_session(isolated_home, tmp_path)
    index = isolated_home / "index.sqlite3"
    if index.exists():
        index.unlink()
    victim = tmp_path / "victim.db"
    victim.write_bytes(b"not yours")
    index.symlink_to(victim)
    result = run_cli("list")
    assert result.exit_code == 0, result.stderr
    assert victim.read_bytes() == b"not yours"
