"""Reading what trustcoach wrote, as another program would: the journal files of a home as TOML
data, and the rows of ``list --json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli

from tests.support.runner import ok, run_cli


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


def to_partner(commitments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The commitments (as TOML tables) made to the partner, leaving out promises to oneself
    (``toward = "self"``; a table without ``toward`` is a commitment to the partner)."""
    return [c for c in commitments if c.get("toward", "partner") == "partner"]
