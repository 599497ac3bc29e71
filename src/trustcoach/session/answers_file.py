"""Reading an ``--answers`` file: a TOML table ``[answers]`` keyed by question id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trustcoach.errors import AnswersFileError
from trustcoach.files import NotRegularFile, TomlReadError, read_regular, read_toml

ANSWERS_LIMIT = 10_000_000  # bytes: an answers file holds at most a session's worth of text


def read_answers_file(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answers by question id, and reviews of earlier commitments by reference.

    The file's own problems (unreadable, not TOML, no ``[answers]``) raise AnswersFileError.
    """
    try:
        data = read_toml(read_regular(path, ANSWERS_LIMIT))
    except FileNotFoundError:
        raise AnswersFileError("answers_no_file", path=path) from None
    except IsADirectoryError:
        raise AnswersFileError("answers_is_folder", path=path) from None
    except NotRegularFile as exc:
        raise AnswersFileError("path_then_reason", path=path, problem=exc.message) from None
    except OSError as exc:
        raise AnswersFileError("answers_unreadable", path=path, reason=exc.strerror) from None
    except TomlReadError as exc:
        raise AnswersFileError("path_then_reason", path=path, problem=exc.message) from None
    extra = sorted(set(data) - {"answers", "reviews"})
    if extra:
        raise AnswersFileError("answers_unknown_top", path=path, key=extra[0])
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersFileError("answers_no_table", path=path)
    reviews = data.get("reviews", {})
    if not isinstance(reviews, dict):
        raise AnswersFileError("answers_reviews_table", path=path)
    return answers, reviews
