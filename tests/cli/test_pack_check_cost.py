"""Check phrases that cannot hang a session (issue #25, item 5): a phrase has at most
``MAX_SLOTS`` "…" slots, ``pack validate`` and ``start`` refuse more in one sentence, and no
phrase that validates backtracks badly over a long commitment. How long the worst phrase takes
is measured by ``bench/run.py`` (its "check phrases" row), not here: these tests only run the
commitments that used to take minutes in a process of their own, with a timeout, so that a
hang fails the test instead of stopping the run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w

from tests.support.answers import EN_ANSWERS, JA_ANSWERS, write_answers
from tests.support.packs import PACK_FILES
from tests.support.runner import run_process
from trustcoach.packs.model import MAX_TEXT_LENGTH

pytestmark = pytest.mark.usefixtures("fixed_clock")

MAX_SLOTS = 3  # the "…" a phrase may have (packs/checks.py)


def pack_with(tmp_path: Path, lang: str, words: list[str], name: str = "costly") -> Path:
    """The default pack of ``lang`` with one more check, looking for ``words``, and
    commitments as long as a pack may let them be."""
    data: dict[str, Any] = tomli.loads(PACK_FILES[lang].read_text("utf-8"))
    data["id"] = name
    for step in data["steps"]:
        for question in step["questions"]:
            if question["id"] == "commitments":
                question["max_length"] = MAX_TEXT_LENGTH
    data["checks"].append({"id": "costly", "words": words, "message": "A check."})
    path = tmp_path / f"{name}.{lang}.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def said(done: Any) -> str:
    return (done.stdout + done.stderr).decode("utf-8", "replace")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_phrase_with_more_slots_than_allowed_is_refused_by_validate_and_start(
    lang: str, tmp_path: Path
) -> None:
    slot = " … " if lang == "en" else "…に"
    phrase = ("ask" if lang == "en" else "") + slot * 12 + ("to talk" if lang == "en" else "頼む")
    path = pack_with(tmp_path, lang, [phrase])
    validated = run_process("pack", "validate", str(path))
    assert validated.returncode == 1, said(validated)
    words = said(validated)
    assert str(path) in words and str(MAX_SLOTS) in words and "Traceback" not in words, words
    answers = write_answers(tmp_path, EN_ANSWERS if lang == "en" else JA_ANSWERS)
    started = run_process("start", "--pack", str(path), "--answers", str(answers))
    assert started.returncode == 1 and "Traceback" not in said(started), said(started)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_most_slots_allowed_validate(lang: str, tmp_path: Path) -> None:
    from trustcoach.packs import checks

    assert getattr(checks, "MAX_SLOTS", None) == MAX_SLOTS
    slot = " … " if lang == "en" else "…に"
    before, after = ("ask", "to talk") if lang == "en" else ("", "頼む")
    phrase = before + slot * MAX_SLOTS + after
    done = run_process("pack", "validate", str(pack_with(tmp_path, lang, [phrase])))
    assert done.returncode == 0, said(done)


@pytest.mark.parametrize(
    ("lang", "words", "commitment"),
    [
        # one slot at the start, over one long "word" of hyphens: every place was a start, and
        # the slot tried every length at each (14 s a phrase on main)
        ("en", [f"… zz{letter}" for letter in "abcdefgh"], "-" * 19_000),
        # the most slots allowed, over the words they stand for, never followed by the end
        ("en", ["… a … a … zzz", "get … to … to … zzz"], " ".join(["a"] * 9_000)),
        ("ja", ["…に…に…に頼む", "……に頼む"], "に" * 19_000),
    ],
    ids=["en-one-long-word", "en-most-slots", "ja-most-slots"],
)
def test_a_long_commitment_never_hangs_a_session(
    lang: str, words: list[str], commitment: str, tmp_path: Path
) -> None:
    path = pack_with(tmp_path, lang, words)
    answers = {**(EN_ANSWERS if lang == "en" else JA_ANSWERS), "commitments": [commitment]}
    answers_file = write_answers(tmp_path, answers)
    done = run_process("start", "--pack", str(path), "--answers", str(answers_file))
    assert done.returncode == 0, said(done)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ([f"word{number}" for number in range(400)], "use at most 500"),
        ([f"ask … to w{number}" for number in range(50)], "use at most 50"),
    ],
    ids=["phrases", "phrases-with-slots"],
)
def test_a_pack_with_too_many_phrases_is_refused(
    extra: list[str], said: str, tmp_path: Path
) -> None:
    done = run_process("pack", "validate", str(pack_with(tmp_path, "en", extra)))
    assert done.returncode == 1
    assert said in done.stderr.decode(), done.stderr.decode()
