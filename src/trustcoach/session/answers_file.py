"""Reading an ``--answers`` file: a TOML table ``[answers]`` keyed by question id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trustcoach.errors import AnswersFileError
from trustcoach.files import TomlReadError, read_toml


def read_answers_file(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answers by question id, and reviews of earlier commitments by reference.

    The file's own problems (unreadable, not TOML, no ``[answers]``) raise AnswersFileError.
    """
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
    extra = sorted(set(data) - {"answers", "reviews"})
    if extra:
        raise AnswersFileError(
            f"{path}: unknown top-level key '{extra[0]}'; put every answer under [answers]"
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersFileError(f"{path} has no [answers] table; see the README for its format")
    reviews = data.get("reviews", {})
    if not isinstance(reviews, dict):
        raise AnswersFileError(f"{path}: 'reviews' must be a table keyed by commitment")
    return answers, reviews
