"""A history of weekly sessions in both languages, planned here and made through ``start
--answers`` with a simulated clock, with the texts, reviews and notes every view must show as
typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.clocks import JST
from tests.support.sessions import start_unattended

ESC = "\x1b"


def shown(text: str) -> str:
    """How a stored text must look in every view: escape characters made visible, else as is."""
    return text.replace(ESC, "\\x1b")


def text_answers(lang: str, tag: str) -> dict[str, str]:
    """Distinctive text answers holding markup of every kind a renderer might interpret."""
    if lang == "en":
        return {
            "self_view": f"{tag} view [/] literal",
            "self_promise_recent": f"{tag} recent [bold]x[/bold]",
            "one_point_action": f"{tag} act :smile: *stars*",
            "gestures_landing": f"{tag} landing <script>alert(1)</script>",
            "costly_actions": f"{tag} cost &amp;\n# hash line",
            "showing_action": f"{tag} show {ESC}[31mred{ESC}[0m",
            "only_me": f"{tag} only `code` _under_ <b>bold</b> [link](http://x.example)",
        }
    return {
        "self_view": f"{tag} 自分は[/]と思う",
        "self_promise_recent": f"{tag} 早く寝る[bold]x[/bold]",
        "one_point_action": f"{tag} 連絡する :smile: *stars*",
        "gestures_landing": f"{tag} 響かなかった <script>alert(1)</script>",
        "costly_actions": f"{tag} 隠していた &amp;\n# hash 行",
        "showing_action": f"{tag} 見せる {ESC}[31m赤{ESC}[0m",
        "only_me": f"{tag} 自分で `code` _under_ <b>太字</b>",
    }


def promise_to_self(lang: str, tag: str) -> str:
    """The promise to oneself of a session of a history (a commitment, shown as one)."""
    if lang == "en":
        return f"{tag} small C:\\Users\\me \\ end every day"
    return f"{tag} 毎日散歩する＼バックスラッシュ\\も"


def history_answers(
    lang: str, tag: str, self_trust: int, partner_trust: int, commitments: list[Any]
) -> dict[str, Any]:
    """Complete answers of one session of a history."""
    return {
        "partner": f"Pat{tag}" if lang == "en" else f"妻{tag}",
        **text_answers(lang, tag),
        "self_trust": self_trust,
        "never_belief_start": 60,
        "never_belief_end": 40,
        "partner_trust": partner_trust,
        "words_belief_start": 80,
        "words_belief_end": 70,
        "gestures": ["messages", "gifts"],
        "others_belief_start": 20,
        "others_belief_end": 10,
        "asked_others": True,
        "commitments": commitments,
        "commitment_confidence": 7,
        # the promise to oneself (c1) is due after the history ends: no session reviews it
        "self_promise_small": [{"text": promise_to_self(lang, tag), "due": date(2027, 3, 1)}],
    }


@dataclass
class Planned:
    """One session of a history: when, in which language, what was entered."""

    tag: str
    lang: str
    when: datetime
    self_trust: int
    partner_trust: int
    commitments: list[tuple[str, date | None]]  # None: the default due date (7 days)
    # (session no, commitment no of its ``commitments``, as "c1"...: c2... in the journal,
    # after the promise to oneself)
    reviews: dict[tuple[int, str], Any] = field(default_factory=dict)
    id: str = ""

    @property
    def day(self) -> date:
        return self.when.date()

    @property
    def dues(self) -> list[date]:
        return [due or self.day + timedelta(days=7) for _, due in self.commitments]

    @property
    def texts(self) -> list[str]:
        return [text for text, _ in self.commitments]

    @property
    def answers(self) -> dict[str, Any]:
        items = [text if due is None else {"text": text, "due": due} for text, due in self]
        return history_answers(self.lang, self.tag, self.self_trust, self.partner_trust, items)

    def __iter__(self) -> Any:
        return iter(self.commitments)


NOTE_PARTLY = "[bold]x[/bold] と [/] 部分的"
NOTE_NOT_KEPT = "<script>alert(1)</script> &amp; C:\\path\\x"
NOTE_KEPT = ":smile: *stars* # hash"
NOTE_ESC = f"{ESC}[31mnote in red"
NOTE_JA = "よくできた \\ バックスラッシュ"


def planned_history() -> list[Planned]:
    """Four weekly sessions (en, ja, en, ja), each reviewing the commitments then due."""
    return [
        Planned(
            "S1",
            "en",
            datetime(2026, 11, 5, 10, 0, tzinfo=JST),
            3,
            2,
            [("S1 walk after dinner [/]", None), ("S1 tell her I'm sorry", None)],
        ),
        Planned(
            "S2",
            "ja",
            datetime(2026, 11, 12, 10, 0, tzinfo=JST),
            4,
            3,
            [
                ("S2 毎晩スマホを別の部屋に置く", None),
                ("S2 週末に料理する *stars*", date(2026, 11, 18)),
                ("S2 三つ目 \\ [/]", None),
            ],
            {(0, "c1"): "kept", (0, "c2"): {"outcome": "partly", "note": NOTE_PARTLY}},
        ),
        Planned(
            "S3",
            "en",
            datetime(2026, 11, 19, 10, 0, tzinfo=JST),
            5,
            4,
            [("S3 be home by 7 <i>", None), ("S3 later one", date(2026, 12, 17))],
            {
                (1, "c3"): {"outcome": "partly", "note": NOTE_ESC},
                (1, "c1"): {"outcome": "not_kept", "note": NOTE_NOT_KEPT},
                (1, "c2"): {"outcome": "kept", "note": NOTE_KEPT},
            },
        ),
        Planned(
            "S4",
            "ja",
            datetime(2026, 11, 26, 10, 0, tzinfo=JST),
            6,
            5,
            [("S4 料理を作る", None)],
            {(2, "c1"): {"outcome": "kept", "note": NOTE_JA}},
        ),
    ]


OUTCOME_LABELS = {
    "en": {"kept": "kept", "partly": "partly kept", "not_kept": "not kept"},
    "ja": {"kept": "守れた", "partly": "一部守れた", "not_kept": "守れなかった"},
}


def outcome_of(raw: Any) -> tuple[str, str]:
    return (raw, "") if isinstance(raw, str) else (raw["outcome"], raw.get("note", ""))


@dataclass
class Built:
    """A home made once, and the sessions in it."""

    home: Path
    sessions: list[Planned]


def run_planned(
    plan: Planned, sessions: list[Planned], folder: Path, mp: pytest.MonkeyPatch
) -> str:
    """Run one planned session (its reviews name earlier sessions of ``sessions``); its id."""
    reviews = {
        f"{sessions[number].id}/{journal_cid(cid)}": raw
        for (number, cid), raw in plan.reviews.items()
    }
    when = plan.when.isoformat()
    return start_unattended(folder, mp, when, plan.answers, "--lang", plan.lang, reviews=reviews)


def expected_reviews(plan: Planned, sessions: list[Planned]) -> list[tuple[str, str, str, str]]:
    """(session, commitment, outcome, note) in the order the session reviews them."""
    rows = []
    for (number, cid), raw in sorted(plan.reviews.items()):
        outcome, note = outcome_of(raw)
        rows.append((sessions[number].id, journal_cid(cid), outcome, note))
    return rows


def journal_cid(planned: str) -> str:
    """The id in the journal of a planned commitment: after the promise to oneself (c1)."""
    return f"c{int(planned[1:]) + 1}"


def review_text(plan: Planned, sessions: list[Planned], number: int, cid: str) -> str:
    """The text of an earlier commitment, by its id in the journal."""
    return sessions[number].texts[int(cid[1:]) - 2]
