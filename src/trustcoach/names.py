"""Names shared by packs and journals: the question kinds, the languages, the id pattern.

Kept apart from the pydantic models so that reading journals does not build the pack models.
"""

from __future__ import annotations

from typing import Literal

KINDS = ("text", "rating", "choice", "multi", "confirm", "list")
LANGS = ("ja", "en")
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"

Kind = Literal["text", "rating", "choice", "multi", "confirm", "list"]
