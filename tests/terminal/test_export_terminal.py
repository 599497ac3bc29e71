"""``export --format html`` at a terminal writes the page to a file and prints its path, instead
of pouring HTML onto the screen; through a pipe, standard output still carries it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.runner import run_process
from tests.support.sessions import complete_session

pytestmark = pytest.mark.slow


def test_html_at_a_terminal_goes_to_a_file(
    isolated_home: Path, tmp_path: Path, terminals: Any
) -> None:
    complete_session(isolated_home, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    terminal = terminals(
        isolated_home, "export", "latest", "--format", "html", "--client", "K.T.", cwd=out
    )
    assert terminal.finish() == 0
    (written,) = out.glob("trustcoach-K.T-*.html")
    assert f"Wrote {written.name}" in terminal.output
    assert "<html" not in terminal.output
    assert written.read_text("utf-8").startswith("<!DOCTYPE html>")
    # a second time the file is there: one sentence, nothing replaced
    again = terminals(
        isolated_home, "export", "latest", "--format", "html", "--client", "K.T.", cwd=out
    )
    assert again.finish() == 1
    assert "already exists" in again.output
    # through a pipe the page goes to standard output, and no file is made
    piped = run_process(
        "export", "latest", "--format", "html", env={"TRUSTCOACH_HOME": str(isolated_home)}
    )
    assert piped.returncode == 0
    assert piped.stdout.decode().startswith("<!DOCTYPE html>")
    assert len(list(out.iterdir())) == 1
