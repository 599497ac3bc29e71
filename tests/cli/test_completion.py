"""Shell completion of session ids and pack names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.answers import counselor_answers
from tests.support.packs import COUNSELOR_PACK
from tests.support.runner import ok, run_cli
from tests.support.sessions import start_unattended
from trustcoach.cli import options as cli
from trustcoach.cli import run


@pytest.fixture
def release_stores() -> Iterator[None]:
    """Completion helpers open stores outside ``main``; let their locks go afterwards."""
    yield
    run.release_stores()


def test_completion_of_sessions_and_packs(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, release_stores: None
) -> None:
    assert cli.complete_session("2026") == []
    first = start_unattended(
        tmp_path, monkeypatch, "2026-03-28T10:00:00+09:00", counselor_answers("A")
    )
    second = start_unattended(
        tmp_path, monkeypatch, "2026-04-02T10:00:00+09:00", counselor_answers("B")
    )
    assert cli.complete_session("2026") == [second, first]  # newest first
    assert cli.complete_session("202603") == [first]
    assert cli.complete_session("") == ["latest", second, first]
    assert cli.complete_session("lat") == ["latest"]
    assert cli.complete_session("2025") == []

    assert cli.complete_pack("my") == []
    ok(run_cli("pack", "init", COUNSELOR_PACK, "--lang", "en"))
    ok(run_cli("pack", "init", "my-other", "--lang", "ja"))
    assert cli.complete_pack("my") == ["my-other", COUNSELOR_PACK]
    assert cli.complete_pack("my-p") == [COUNSELOR_PACK]
    assert cli.complete_pack("") == ["my-other", COUNSELOR_PACK, "trust-repair"]
