"""A new passphrase revokes the old one (issue #25, item 1): ``lock --change`` makes a new data
key and locks every file again with it, so an older copy of ``lock.toml`` (a backup, a sync
tool's history, the free blocks of a disk) opens nothing written since, with either
passphrase; and it can be killed at every step of every file: exactly one passphrase opens the
home afterwards, every journal reads as before, and running ``lock`` (or the change) again
finishes it.

The kills are the deterministic ones of helpers.py (``CRASH_SITECUSTOMIZE``), at each step of
each file written, the key file's included.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.guarantees.test_locking import FAST_KDF_HOOK, WORDS
from tests.support.answers import EN_ANSWERS
from tests.support.clocks import NOW
from tests.support.crashes import CRASH_POINTS, CRASH_SITECUSTOMIZE
from tests.support.journals import journal_paths, list_json
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import complete_session, unfinished_session
from tests.support.vaults import (
    NEW_PASSPHRASE,
    PASSPHRASE,
    is_sealed,
    passphrase_file,
    plain_bytes,
    words_on_disk,
)
from trustcoach.lock import crypto

pytestmark = pytest.mark.usefixtures("fixed_clock")


@pytest.fixture
def locked_three(isolated_home: Path, tmp_path: Path, passphrase: str) -> dict[Path, bytes]:
    """A locked home: two complete sessions, an unfinished one, a day of check-ins and the
    sealed index; the plain bytes of the journals."""
    answers = {**EN_ANSWERS, "partner": WORDS[0], "self_view": WORDS[1]}
    complete_session(isolated_home, tmp_path, answers)
    complete_session(isolated_home, tmp_path, answers)
    unfinished_session(isolated_home)
    plain = {path: path.read_bytes() for path in journal_paths(isolated_home)}
    ok(run_cli("lock"))
    ok(run_cli("checkin", input="y\n" * 6))
    ok(run_cli("list"))
    return plain


def assert_all_readable(home: Path, plain: dict[Path, bytes], passphrase: str) -> None:
    """Every journal opens with ``passphrase`` to exactly its plain bytes, and ``list`` (with
    the passphrase file the test set) reads them all."""
    for path, data in plain.items():
        assert plain_bytes(home, path, passphrase) == data, path
    rows = list_json()
    assert len(rows) == len(plain)
    assert all(row["status"] != "unreadable" for row in rows), rows


def key_id_of(path: Path) -> bytes:
    return path.read_bytes()[len(crypto.MAGIC) + 1 : crypto.HEADER]


def sealed_files(home: Path) -> list[Path]:
    return [p for p in sorted(home.rglob("*")) if p.is_file() and is_sealed(p)]


def with_key_file(home: Path, key_file: bytes, tmp_path: Path, name: str) -> Path:
    """A copy of the home whose lock.toml is ``key_file`` (an old copy of it, from a backup)."""
    copy = tmp_path / name
    shutil.copytree(home, copy)
    (copy / "lock.toml").write_bytes(key_file)
    return copy


def opens_with(home: Path, path: Path, passphrase: str) -> bool:
    from trustcoach.lock.vault import LockedFileError

    try:
        plain_bytes(home, path, passphrase)
    except LockedFileError:
        return False
    return True


def change(tmp_path: Path) -> str:
    new = passphrase_file(tmp_path, NEW_PASSPHRASE, name="new")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_NEW_PASSPHRASE_FILE", str(new))
        return ok(run_cli("lock", "--change"))


def use(tmp_path: Path, words: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(passphrase_file(tmp_path, words, "p")))


def test_a_new_passphrase_locks_every_file_again_with_a_new_key(
    locked_three: dict[Path, bytes],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_key_file = (isolated_home / "lock.toml").read_bytes()
    before = sealed_files(isolated_home)
    old_ids = {key_id_of(path) for path in before}
    assert len(old_ids) == 1 and len(before) >= 5  # journals, a day, the index
    said = change(tmp_path)
    assert "new key" in said, said
    after = sealed_files(isolated_home)
    assert {p.name for p in after} == {p.name for p in before}
    assert all(key_id_of(path) not in old_ids for path in after), "every file: the new key"
    use(tmp_path, PASSPHRASE, monkeypatch)
    assert "does not open this home" in refused(run_cli("list"))
    use(tmp_path, NEW_PASSPHRASE, monkeypatch)
    assert_all_readable(isolated_home, locked_three, NEW_PASSPHRASE)
    # An older copy of lock.toml opens none of the files as they are now, nor a session
    # written after the change, with the old passphrase (the new one does not open it at all).
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    old_home = with_key_file(isolated_home, old_key_file, tmp_path, "backup")
    for path in sealed_files(old_home):
        assert not opens_with(old_home, path, PASSPHRASE), path
    use(tmp_path, PASSPHRASE, monkeypatch)
    monkeypatch.setenv("TRUSTCOACH_HOME", str(old_home))
    rows = list_json()
    assert rows and all(row["status"] == "unreadable" for row in rows), rows


def test_the_old_key_file_is_overwritten_where_it_lay(
    locked_three: dict[Path, bytes], isolated_home: Path, tmp_path: Path
) -> None:
    """So that the free blocks of a disk keep no copy of it (a hard link is a copy on purpose,
    a backup's, and is left alone)."""
    key_file = isolated_home / "lock.toml"
    old = key_file.read_bytes()
    held = os.open(key_file, os.O_RDONLY)  # the old file's blocks, as they lie on the disk
    try:
        change(tmp_path)
        left = os.pread(held, len(old) + 16, 0)
    finally:
        os.close(held)
    assert left != old and b"wrapped_key" not in left and len(left) == len(old)


def test_a_second_change_after_the_first_opens_with_the_latest_only(
    locked_three: dict[Path, bytes],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    change(tmp_path)
    use(tmp_path, NEW_PASSPHRASE, monkeypatch)
    third = passphrase_file(tmp_path, "a third passphrase 三番目", name="third")
    monkeypatch.setenv("TRUSTCOACH_NEW_PASSPHRASE_FILE", str(third))
    ok(run_cli("lock", "--change"))
    use(tmp_path, "a third passphrase 三番目", monkeypatch)
    assert_all_readable(isolated_home, locked_three, "a third passphrase 三番目")
    assert words_on_disk(isolated_home, WORDS) == []


# ---------------------------------------------------------------------------------------------
# Killed at every step
# ---------------------------------------------------------------------------------------------


def crash_change(home: Path, tmp_path: Path, spec: str) -> bool:
    """``lock --change`` killed (SIGKILL) at the save and the step of ``spec``, counting every
    file opened for writing; False when it finished before that save."""
    hook = tmp_path / "crash-hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(FAST_KDF_HOOK + CRASH_SITECUSTOMIZE, "utf-8")
    env = {
        **os.environ,
        "TRUSTCOACH_HOME": str(home),
        "TRUSTCOACH_NOW": NOW,
        "TRUSTCOACH_TEST_CRASH": spec,
        "TRUSTCOACH_TEST_CRASH_IN": os.sep,  # every file
        "TRUSTCOACH_NEW_PASSPHRASE_FILE": str(passphrase_file(tmp_path, NEW_PASSPHRASE, "new")),
        "PYTHONPATH": os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH")) if p),
    }
    done = subprocess.run(
        [sys.executable, "-m", "trustcoach", "lock", "--change"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    if done.returncode == 0:
        return False
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr
    return True


def opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which of the two passphrases open the home."""
    found = []
    for words in (PASSPHRASE, NEW_PASSPHRASE):
        use(tmp_path, words, monkeypatch)
        if run_cli("list").exit_code == 0:
            found.append(words)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("point", CRASH_POINTS)
@pytest.mark.parametrize("save", range(1, 13))
def test_a_change_killed_at_any_step_leaves_one_passphrase_and_no_old_key_opens_anything_new(
    save: int,
    point: str,
    locked_three: dict[Path, bytes],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_key_file = (isolated_home / "lock.toml").read_bytes()
    before = {path: path.read_bytes() for path in sealed_files(isolated_home)}
    if not crash_change(isolated_home, tmp_path, f"{save}:{point}"):
        pytest.skip("the change had finished before this save")
    opens = opening(tmp_path, monkeypatch)
    assert len(opens) == 1, "exactly one passphrase opens the home"
    use(tmp_path, opens[0], monkeypatch)
    assert_all_readable(isolated_home, locked_three, opens[0])
    # An older copy of the key file opens only files left exactly as they were before.
    old_home = with_key_file(isolated_home, old_key_file, tmp_path, "backup")
    for path in sealed_files(old_home):
        if opens_with(old_home, path, PASSPHRASE):
            original = isolated_home / path.relative_to(old_home)
            assert before.get(original) == path.read_bytes(), path
    # Whatever a crash left is named by doctor, and the command again finishes the change.
    leftovers = list(isolated_home.glob(".tmp-*"))
    if leftovers:
        said = run_cli("doctor")
        assert said.exit_code == 1 and all(str(p) in said.stdout for p in leftovers), said.stdout
    if opens[0] == PASSPHRASE:
        change(tmp_path)
    else:
        ok(run_cli("lock"))
    use(tmp_path, NEW_PASSPHRASE, monkeypatch)
    assert_all_readable(isolated_home, locked_three, NEW_PASSPHRASE)
    assert list(isolated_home.rglob(".tmp-*")) == []
    final = sealed_files(isolated_home)
    assert len({key_id_of(path) for path in final}) == 1
    old_home = with_key_file(isolated_home, old_key_file, tmp_path, "backup-after")
    assert not any(opens_with(old_home, path, PASSPHRASE) for path in sealed_files(old_home))
    assert words_on_disk(isolated_home, WORDS) == []
    assert (isolated_home / "lock.toml").read_text("utf-8").count("retired") == 0


@pytest.mark.parametrize("then", ["lock", "unlock"])
def test_a_change_cut_short_is_named_by_doctor_and_the_next_lock_or_unlock_finishes_it(
    then: str,
    locked_three: dict[Path, bytes],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The home's lock, the old key file, the new one's temporary file, then the first file
    # locked again: killed as it is opened, with the new key file in place.
    assert crash_change(isolated_home, tmp_path, "4:open")
    assert "retired_key" in (isolated_home / "lock.toml").read_text("utf-8")
    use(tmp_path, NEW_PASSPHRASE, monkeypatch)
    said = run_cli("doctor")
    assert said.exit_code == 1
    line = next(line for line in said.stdout.splitlines() if "passphrase change" in line)
    assert line.startswith("problem") and "trustcoach lock" in line, line
    if then == "lock":
        assert "change that was cut short is finished" in ok(run_cli("lock"))
        assert "retired" not in (isolated_home / "lock.toml").read_text("utf-8")
        assert_all_readable(isolated_home, locked_three, NEW_PASSPHRASE)
        assert ok(run_cli("doctor")).strip().endswith("Everything looks fine.")
    else:
        ok(run_cli("unlock"))
        assert not (isolated_home / "lock.toml").exists()
        assert {path: path.read_bytes() for path in locked_three} == locked_three
