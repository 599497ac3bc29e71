"""Packs as data: the default pack (its files, steps, questions and titles), a counselor's own pack
(``pack init`` copies the default pack, then edits made as text), and small packs written for a
test."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from tests.support.checkout import REPO

PACK_FILES = {lang: REPO / "prompts" / lang / "trust-repair.toml" for lang in ("en", "ja")}
PACKS: dict[str, dict[str, Any]] = {
    lang: tomli.loads(path.read_text("utf-8")) for lang, path in PACK_FILES.items()
}


COUNSELOR_PACK = "my-practice"
LANGS = ("ja", "en")

# step id -> its question ids, in order (the same in both languages: a contract)
STEPS: dict[str, list[str]] = {
    step["id"]: [q["id"] for q in step["questions"]] for step in PACKS["en"]["steps"]
}
ALL_QUESTIONS = [q for qs in STEPS.values() for q in qs]
PROMPTS = {q["id"]: q["prompt"] for step in PACKS["en"]["steps"] for q in step["questions"]}

# What the counselor adds and writes
SLEEP_PROMPT = {"en": "How well did you sleep this week?", "ja": "この一週間、よく眠れましたか。"}
NEW_SELF_VIEW = {
    "en": "In your own words, how reliable is your word to yourself right now?",
    "ja": "今の自分は、自分との約束をどのくらい守れていると思いますか。",
}
NEW_TITLE = {"en": "Homework from Riverside", "ja": "リバーサイド相談室の宿題"}
COUNSELOR = {
    "en": ("Riverside Practice", "riverside@example.org", "Take your time; see you Thursday."),
    "ja": ("川辺相談室", "kawabe@example.org", "木曜日の面談でお話ししましょう。"),
}
RESOURCES = {
    "en": ["Riverside crisis line: 0120-111-222 (24 h)", "City family centre: 03-0000-1111"],
    "ja": ["川辺市こころの相談: 0120-333-444（24時間）", "市の家族相談センター: 03-2222-3333"],
}


def path_line(path: Path, text: str, after: str | None = None) -> int:
    """The number (from 1) of the first line of a file that starts with ``text`` (after the
    first line that starts with ``after``, when given): where a problem must be named."""
    lines = path.read_text("utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    return next(i for i, line in enumerate(lines) if i >= start and line.startswith(text)) + 1


def pack_file(home: Path, lang: str, name: str = COUNSELOR_PACK) -> Path:
    """Where ``pack init`` puts a user's pack."""
    return home / "packs" / lang / f"{name}.toml"


def question_block(lang: str, qid: str = "sleep", kind: str = "rating") -> str:
    """A question not shared by default, as a counselor would type it into a pack."""
    extra = "min = 1\nmax = 5\n" if kind == "rating" else ""
    return (
        f'[[steps.questions]]\nid = "{qid}"\nkind = "{kind}"\nlabel = "Sleep"\n'
        f'prompt = "{SLEEP_PROMPT[lang]}"\n{extra}share = false\n\n'
    )


def add_to_self_step(text: str, block: str) -> str:
    """Insert a question at the end of the ``self`` step (before the next step)."""
    marker = '[[steps]]\nid = "myth-never"'
    assert text.count(marker) == 1
    return text.replace(marker, block + marker)


def fill_counselor(text: str, lang: str) -> str:
    """Fill the commented-out [counselor] example at the end (or add the table if missing)."""
    name, contact, message = COUNSELOR[lang]
    example = text.find("\n# [counselor]\n")
    if example != -1:
        text = text[:example]
    block = f'[counselor]\nname = "{name}"\ncontact = "{contact}"\nmessage = """\n{message}"""\n'
    return text.rstrip("\n") + "\n\n" + block


def edit_like_a_counselor(path: Path, lang: str, *, sleep_kind: str = "rating") -> None:
    """The edits a counselor makes with a text editor."""
    text = path.read_text("utf-8")
    text = text.replace('version = "2.0.0"', 'version = "1.1"', 1)
    resources = "resources = " + json.dumps(RESOURCES[lang], ensure_ascii=False) + "\n"
    text = text.replace(f'id = "{COUNSELOR_PACK}"\n', f'id = "{COUNSELOR_PACK}"\n{resources}', 1)
    text, count = re.subn(
        r'^title = ".*"$', f'title = "{NEW_TITLE[lang]}"', text, count=1, flags=re.M
    )
    assert count == 1
    old_prompt = PACKS[lang]["steps"][0]["questions"][1]["prompt"]
    assert text.count(f'"{old_prompt}"') == 1
    text = text.replace(f'"{old_prompt}"', f'"{NEW_SELF_VIEW[lang]}"')
    text = add_to_self_step(text, question_block(lang, kind=sleep_kind))
    text = fill_counselor(text, lang)
    path.write_text(text, "utf-8")


def mark_private(text: str, *question_ids: str) -> str:
    """A pack's text with these questions marked ``share = false``."""
    for qid in question_ids:
        line = f'id = "{qid}"\n'
        assert text.count(line) == 1, qid
        text = text.replace(line, f"{line}share = false\n")
    return text


@dataclass
class SmallQuestion:
    """One question of a pack made by ``small_pack``."""

    id: str
    kind: str = "text"  # text, rating or list (a commitment list)
    share: bool = True
    quotes: str = ""  # an earlier question whose answer the prompt shows, if any

    def table(self) -> dict[str, Any]:
        quoted = f" You said {{{self.quotes}}} before." if self.quotes else ""
        table: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "prompt": f"Question {self.id.replace('_', ' ')}.{quoted}",
            "share": self.share,
        }
        if self.kind == "rating":
            table |= {"min": 1, "max": 10}
        if self.kind == "list":
            table |= {"commitments": True, "min_items": 1, "max_items": 3}
        return table


def small_pack(steps: list[tuple[str, list[SmallQuestion]]], pack_id: str = "small") -> str:
    """A small English pack as TOML text: steps of questions, nothing else."""
    data = {
        "id": pack_id,
        "lang": "en",
        "version": "1",
        "title": "Small pack",
        "intro": "Intro.",
        "safety": "Safety.",
        "closing": "Closing.",
        "steps": [
            {"id": step, "title": f"Step {step}", "questions": [q.table() for q in questions]}
            for step, questions in steps
        ],
    }
    return tomli_w.dumps(data)


STEP_TITLES = {lang: [step["title"] for step in pack["steps"]] for lang, pack in PACKS.items()}
