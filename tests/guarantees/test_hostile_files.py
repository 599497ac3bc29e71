"""Files that come from elsewhere cannot make trustcoach hang or fill memory (issue #25):

- a key file that asks Argon2id for gigabytes or minutes is "damaged", before any derivation
  (``lock.toml`` is safe to sync, so it can come from another device);
- a named pipe as the passphrase file is waited for with a notice, and only so long;
- a sealed index far larger than the journals could need (a sparse file) is never read.

Hangs are tried in a process of their own, with a timeout, so that a hang fails the test
instead of stopping the run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import (
    EN_ANSWERS,
    PASSPHRASE,
    complete_session,
    list_json,
    ok,
    one_sentence_error,
    refused,
    run_cli,
)
from trustcoach.lock import crypto

pytestmark = pytest.mark.usefixtures("fixed_clock")


@pytest.fixture
def locked_home(isolated_home: Path, tmp_path: Path, passphrase: str) -> Path:
    """A locked home with one session in it."""
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    ok(run_cli("lock"))
    return isolated_home


# ---------------------------------------------------------------------------------------------
# Item 4: the cost a key file asks for
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("memory_kib", 4 * 1024 * 1024), ("iterations", 64), ("lanes", 64)],
)
def test_a_key_file_asking_for_far_more_than_the_defaults_is_damaged_at_once(
    field: str, value: int, locked_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = locked_home / "lock.toml"
    text = key_file.read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"{field} = "))
    hostile = text.replace(line, f"{field} = {value}")
    if field != "memory_kib":  # memory enough for the lanes: only the field tried is wrong
        hostile = re.sub(r"memory_kib = [0-9]+", "memory_kib = 65536", hostile)
    key_file.write_text(hostile, "utf-8")
    derived: list[object] = []
    monkeypatch.setattr(crypto, "derive", lambda *args: derived.append(args) or b"\0" * 32)
    sentence = refused(run_cli("list"))
    assert str(key_file) in sentence and f"'{field}'" in sentence, sentence
    assert derived == [], "nothing is derived from a key file that asks too much"
    assert key_file.read_text("utf-8") == hostile


def test_the_bounds_are_a_few_times_the_defaults() -> None:
    default = crypto.RFC9106_SECOND
    assert default.memory_kib < crypto.MAX_MEMORY_KIB <= 4 * default.memory_kib
    assert default.iterations < crypto.MAX_ITERATIONS <= 4 * default.iterations
    assert default.lanes < crypto.MAX_LANES <= 4 * default.lanes
