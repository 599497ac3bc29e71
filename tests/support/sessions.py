"""Sessions made for a test by running trustcoach: through ``start --answers`` at a set time,
complete or cut short, and homes made once for a module or the run."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_ANSWERS, NO_REVIEW, write_answers
from tests.support.journals import journal_paths
from tests.support.runner import ok, run_cli
from tests.support.vaults import plain_bytes

# What the ``copy_home`` fixture gives: (a home made once, a time) -> this test's home, a copy.
CopyHome = Callable[[Path, str], Path]


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


@dataclass
class SessionsHome:
    """A home made once with some sessions, and their ids in the order they were made."""

    home: Path
    ids: list[str]
