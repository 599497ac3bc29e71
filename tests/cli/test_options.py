"""Option values checked without pydantic (``cli/terminal/plain_options.py``) are what typer's own
checks give, and the commands that look back never import pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._coercion import build_runtime_param

from tests.support.sessions import complete_session
from trustcoach.cli.app import make_app
from trustcoach.cli.terminal.plain_options import PlainParam, install


def every_parameter() -> list[tuple[str, Any]]:
    """(command name, parameter) for every parameter of every command, subcommands too."""
    found: list[tuple[str, Any]] = []

    def walk(name: str, command: Any) -> None:
        found.extend((name, param) for param in command.params)
        for sub, child in getattr(command, "commands", {}).items():
            walk(f"{name} {sub}".strip(), child)

    walk("", typer.main.get_command(make_app()))
    return found


SAMPLES: dict[str, list[Any]] = {
    "flag": [True, False],
    "text": ["", "md", "日本語 の 名前", "--not-an-option"],
    "texts": [(), ("self-trust",), ["reviews", "commitments", "約束"]],
    "path": ["answers.toml", "", "~/x", "/dev/null", "/no/such/dir/f.toml"],
}


def test_every_parameter_of_a_plain_kind_is_given_the_plain_coercion() -> None:
    params = [param for _, param in every_parameter()]
    for param in params:
        param._runtime_param = None
    install(params)
    plain = [p for p in params if isinstance(p._runtime_param, PlainParam)]
    kinds = {p._runtime_param.kind for p in plain}
    assert kinds == {"flag", "text", "texts", "path"}
    assert len(plain) == len(params), [p.name for p in params if p not in plain]


@pytest.mark.parametrize(
    ("command", "param"),
    [pytest.param(c, p, id=f"{c or 'trustcoach'} {p.name}") for c, p in every_parameter()],
)
def test_plain_coercion_gives_what_typers_own_gives(command: str, param: Any) -> None:
    param._runtime_param = None
    install([param])
    mine = param._runtime_param
    assert isinstance(mine, PlainParam)
    typers = build_runtime_param(param.type_descriptor)
    assert not isinstance(typers, PlainParam)
    for value in [None, *SAMPLES[mine.kind]]:
        assert mine.coerce(value, param=param, ctx=None) == typers.coerce(
            value, param=param, ctx=None
        ), (command, param.name, value)


def test_a_value_of_another_type_goes_through_typers_own_checks() -> None:
    (param,) = [p for name, p in every_parameter() if name == "start" and p.name == "answers"]
    param._runtime_param = None
    install([param])
    assert param._runtime_param.coerce(Path("a.toml"), param=param, ctx=None) == Path("a.toml")
    text_param = next(p for name, p in every_parameter() if name == "export" and p.name == "format")
    text_param._runtime_param = None
    install([text_param])
    assert text_param._runtime_param.coerce(b"json", param=text_param, ctx=None) == "json"


@pytest.mark.parametrize(
    "args", [["list"], ["progress"], ["show", "latest"], ["export", "latest", "--format", "json"]]
)
def test_looking_back_never_imports_pydantic(
    args: list[str], isolated_home: Path, tmp_path: Path
) -> None:
    """Only packs need pydantic; the commands that look back at journals do not load it."""
    complete_session(isolated_home, tmp_path)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "trustcoach", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "trustcoach.cli.app" in imported
    assert "pydantic" not in imported
