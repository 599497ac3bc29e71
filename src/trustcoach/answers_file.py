"""Reading an ``--answers`` file: a TOML table ``[answers]`` keyed by question id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trustcoach.errors import AnswersFileError
from trustcoach.tomlio import TomlReadError, read_toml


def read_answers_file(path: Path) -> dict[str, Any]:
    """The answers by question id; the file's problems raise AnswersFileError."""
    try:
        data = read_toml(path.read_bytes())
    except FileNotFoundError:
        raise AnswersFileError(f"{path}: no such answers file") from None
    except IsADirectoryError:
        raise AnswersFileError(f"{path} is a folder; give the path of a .toml file") from None
    except OSError as exc:
        raise AnswersFileError(f"{path} cannot be read: {exc.strerror}") from None
    except TomlReadError as exc:
        raise AnswersFileError(f"{path} {exc}") from None
    extra = sorted(set(data) - {"answers"})
    if extra:
        raise AnswersFileError(
            f"{path}: unknown top-level key '{extra[0]}'; put every answer under [answers]"
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersFileError(f"{path} has no [answers] table; see the README for its format")
    return answers
