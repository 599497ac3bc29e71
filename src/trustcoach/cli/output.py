"""The one way text reaches the terminal: ``echo`` for what a person reads (screens, messages,
errors), ``echo_data`` for what a program or a file takes (JSON, exports), which is never
reshaped."""

import typer


def echo(text: str, *, err: bool = False) -> None:
    """Text for a person to read, on standard output (or standard error)."""
    typer.echo(text, err=err)


def echo_data(text: str) -> None:
    """Data for a program or a file (JSON, an export), exactly as it is."""
    typer.echo(text, nl=not text.endswith("\n"))
