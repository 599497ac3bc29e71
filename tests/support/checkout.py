"""Where the checkout is: the default packs, the kept journals and the source are found from it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
