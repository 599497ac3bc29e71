"""Fixtures for every test: its own trustcoach home with plain output and a fixed locale, a fixed
clock, a home made once copied into it, and pseudo-terminals that are ended when the test ends.
Helpers are in support/."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.clocks import NOW
from tests.support.sessions import CopyHome
from tests.support.terminal import Terminal
from tests.support.vaults import FAST_KDF, PASSPHRASE, passphrase_file


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point TRUSTCOACH_HOME at a fresh folder and make output stable."""
    home = tmp_path / "home"
    monkeypatch.setenv("TRUSTCOACH_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("TRUSTCOACH_NOW", raising=False)
    return home


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> str:
    """Fix trustcoach's clock at clocks.NOW (``TRUSTCOACH_NOW``) for this test; NOW.

    A module whose every test needs it says ``pytestmark = pytest.mark.usefixtures("fixed_clock")``.
    """
    monkeypatch.setenv("TRUSTCOACH_NOW", NOW)
    return NOW


@pytest.fixture
def copy_home(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> CopyHome:
    """Copy a home made once for a module or the run into this test's home (mtimes kept, as
    ``list`` compares them with its index), and set the clock to a time after its sessions::

        copy_home(made.home, "2026-03-10T10:00:00+09:00")  # this test's home

    The test may change its copy; the home made once stays as it was made."""

    def copy(made: Path, now: str) -> Path:
        shutil.copytree(made, isolated_home)
        monkeypatch.setenv("TRUSTCOACH_NOW", now)
        return isolated_home

    return copy


@pytest.fixture
def terminals() -> Iterator[Callable[..., Any]]:
    """Spawn terminals (``kind`` may be a subclass of Terminal); killed if a test left them."""
    spawned: list[Terminal] = []

    def spawn(home: Path, *args: str, kind: type[Terminal] = Terminal, **options: Any) -> Any:
        terminal = kind(home, *args, **options)
        spawned.append(terminal)
        return terminal

    yield spawn
    for terminal in spawned:
        terminal.kill()


@pytest.fixture
def passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The passphrase of a locked home (vaults.PASSPHRASE), in a file that
    TRUSTCOACH_PASSPHRASE_FILE names; locks made in this process use a fast key derivation."""
    from trustcoach.lock import crypto

    folder = tmp_path / "secret"
    folder.mkdir()
    monkeypatch.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(passphrase_file(folder)))
    monkeypatch.setattr(crypto, "DEFAULT_PARAMS", FAST_KDF)
    return PASSPHRASE


@pytest.fixture(params=["plain", "locked"])
def home_kind(request: pytest.FixtureRequest, isolated_home: Path) -> str:
    """Run the test in a plain home and again in a locked one (locked before it begins, so
    every file the test makes is sealed): the README's guarantees hold for both."""
    if request.param == "locked":
        from tests.support.runner import ok, run_cli

        request.getfixturevalue("passphrase")
        ok(run_cli("lock"))
    return str(request.param)
