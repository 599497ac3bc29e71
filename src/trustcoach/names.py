"""Names shared by packs and journals: languages, question kinds, and the patterns of ids.

Kept apart from the models so that reading journals does not build the pack models.
"""

from __future__ import annotations

import re
from typing import Literal

LANGS = ("ja", "en")
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"
PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_-]{0,39})\}")  # {question_id} in a prompt
SESSION_ID_RE = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$")  # 20261126-140512-a3f9
SESSION_PREFIX_RE = re.compile(r"^[0-9a-f-]{1,20}$")
COMMITMENT_ID_PATTERN = r"^c[0-9]{1,2}$"

Kind = Literal["text", "rating", "choice", "multi", "confirm", "list"]

# Words that choose parts of a session in ``export --only/--exclude``, beside step and question
# ids. They are reserved: no pack may use one as an id, except that a step or a commitment list
# may be called ``commitments``, which is what that word chooses anyway (``packs/model.py``).
REVIEWS = "reviews"  # the reviews of earlier commitments written in a session
COMMITMENTS = "commitments"  # the step called "commitments" and every commitment list
SELECTORS = (REVIEWS, COMMITMENTS)
Toward = Literal["self", "partner"]  # whom a commitment is made to: oneself, or the partner
