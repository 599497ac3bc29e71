"""The worst case of a pack's check phrases, timed (``bench/run.py`` prints it as a row; run by
itself: ``python bench/check_phrases.py``).

A check phrase is matched against every commitment. The worst a pack may hold (``pack
validate`` refuses more) is ``MAX_PHRASES`` phrases, ``MAX_SLOT_PHRASES`` of them with the most
"…" slots a phrase may have (``MAX_SLOTS``); the worst commitment is as long as a pack may let
it be (20,000 characters) and made of what those slots stand for, so that every slot finds its
words everywhere and the phrase still fails at its end. Before the slots were bounded and made
atomic, one such phrase of twelve slots took minutes over 37 words.
"""

from __future__ import annotations

import statistics
import time

TARGET_MS = 2000  # checking one commitment, at the worst; a real one takes a fraction of a ms


def worst_checks(lang: str) -> list[object]:
    """The costliest checks a pack that validates may have, in ``lang``."""
    from trustcoach.packs.checks import MAX_SLOTS
    from trustcoach.packs.lint import MAX_PHRASES, MAX_SLOT_PHRASES
    from trustcoach.packs.model import Check

    if lang == "ja":
        slotted = ["…に" * MAX_SLOTS + f"頼む{n}" for n in range(MAX_SLOT_PHRASES)]
        plain = [f"言葉{n}" for n in range(MAX_PHRASES - MAX_SLOT_PHRASES)]
    else:
        slotted = ["… a " * MAX_SLOTS + f"zz{n}" for n in range(MAX_SLOT_PHRASES)]
        plain = [f"word{n}" for n in range(MAX_PHRASES - MAX_SLOT_PHRASES)]
    return [
        Check(id="slotted", words=slotted, message="m"),
        Check(id="plain", words=plain, message="m"),
    ]


def worst_commitment(lang: str) -> str:
    from trustcoach.packs.model import MAX_TEXT_LENGTH

    if lang == "ja":
        return "に" * MAX_TEXT_LENGTH
    return " ".join(["a"] * (MAX_TEXT_LENGTH // 2))[:MAX_TEXT_LENGTH]


def worst_case_ms(repeats: int = 5) -> dict[str, float]:
    """Median milliseconds to check the worst commitment against the worst checks, by
    language (the patterns compiled beforehand, as after the first commitment)."""
    from trustcoach.packs.checks import matching_checks

    found = {}
    for lang in ("en", "ja"):
        checks, text = worst_checks(lang), worst_commitment(lang)
        matching_checks("warm", checks)  # type: ignore[arg-type]
        times = []
        for _ in range(repeats):
            began = time.perf_counter()
            matching_checks(text, checks)  # type: ignore[arg-type]
            times.append((time.perf_counter() - began) * 1000)
        found[lang] = statistics.median(times)
    return found


if __name__ == "__main__":
    for lang, ms in worst_case_ms().items():
        print(f"check phrases, the worst a pack may have ({lang}): {ms:.0f} ms (< {TARGET_MS})")
