"""Names shared by packs and journals: question kinds, languages, the id and placeholder patterns.

Kept apart from the pydantic models so that reading journals does not build the pack models.
"""

from __future__ import annotations

import re
from typing import Literal

KINDS = ("text", "rating", "choice", "multi", "confirm", "list")
LANGS = ("ja", "en")
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"
PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_-]{0,39})\}")  # {question_id} in a prompt

Kind = Literal["text", "rating", "choice", "multi", "confirm", "list"]
