"""Answers to the default pack: complete answers in each language, tagged answers a test can find
in any output, the keyboard lines of a session, and answers files for ``start --answers``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

# Complete answers to the default pack, for tests that need a session but not particular words.
# Spread them into a new dict to change some ({**EN_ANSWERS, "self_trust": 3}); never mutate.
EN_ANSWERS: dict[str, Any] = {
    "partner": "Alex",
    "self_view": "I keep most promises",
    "self_trust": 6,
    "self_promise_recent": "Go to bed by 11",
    "self_promise_small": ["Drink water daily"],
    "never_belief_start": 70,
    "partner_trust": 3,
    "one_point_action": "Be on time",
    "never_belief_end": 50,
    "words_belief_start": 80,
    "gestures": ["messages", "apology"],
    "gestures_landing": "Coldly",
    "costly_actions": "Hiding my spending",
    "showing_action": "Showing the bank statements",
    "words_belief_end": 60,
    "others_belief_start": 30,
    "asked_others": False,
    "only_me": "Keep my word",
    "others_belief_end": 20,
    "commitments": ["Call at 7pm", "Walk after dinner"],
    "commitment_confidence": 8,
}

JA_ANSWERS: dict[str, Any] = {
    "partner": "夫",
    "self_view": "約束を守れないと感じる",
    "self_trust": 6,
    "self_promise_recent": "早く寝る",
    "self_promise_small": ["毎朝水を飲む"],
    "never_belief_start": 70,
    "partner_trust": 3,
    "one_point_action": "遅れるときは連絡する",
    "never_belief_end": 50,
    "words_belief_start": 80,
    "gestures": ["messages", "apology"],
    "gestures_landing": "冷たかった",
    "costly_actions": "お金のことを隠していた",
    "showing_action": "明細を見せる",
    "words_belief_end": 60,
    "others_belief_start": 30,
    "asked_others": False,
    "only_me": "言ったことを守る",
    "others_belief_end": 20,
    "commitments": ["毎晩十時に帰る", "週末に料理する"],
    "commitment_confidence": 8,
}

# The question ids of the default pack, in the order they are asked (a contract).
QUESTION_IDS = list(EN_ANSWERS)

# The text questions of the default pack, in order: tests put distinctive words in each.
TEXT_QUESTIONS = [
    "self_view",
    "self_promise_recent",
    "one_point_action",
    "gestures_landing",
    "costly_actions",
    "showing_action",
    "only_me",
]


def token(tag: str, qid: str) -> str:
    """A unique answer text (letters and digits only, so it reads the same in every format)."""
    return f"{tag}x{qid.replace('_', '')}q"


def tagged_answers(tag: str, **changes: Any) -> dict[str, Any]:
    """Complete English answers whose texts and commitments carry ``tag``, so that a test can
    tell in any output which session and which question a text came from."""
    return {
        **EN_ANSWERS,
        "partner": "Robin",
        **{q: token(tag, q) for q in TEXT_QUESTIONS},
        "gestures": ["messages"],
        # the promise to oneself (c1) is due in 300 days: no later session needs to review it
        "self_promise_small": [{"text": f"{tag}promiseself every day", "due": "300"}],
        "commitments": [f"{tag}commitone every day", f"{tag}committwo every day"],
        **changes,
    }


# Keyboard lines for an English session from the partner's name up to the commitments.
EN_LINES_BEFORE_COMMITMENTS = [
    "Robin",  # partner
    "I see myself [/] trying",  # self_view
    "6",  # self_trust
    "Bed by 11",  # self_promise_recent
    "Drink water every day",  # self_promise_small (one item: the list ends by itself)
    "",  # its days: what its words say (every day)
    "",  # its due date: the default
    "60",  # never_belief_start
    "4",  # partner_trust
    "Call when late",  # one_point_action
    "40",  # never_belief_end
    "70",  # words_belief_start
    "1,3",  # gestures
    "",  # gestures_landing (optional)
    "Hiding things",  # costly_actions
    "Open phone",  # showing_action
    "50",  # words_belief_end
    "30",  # others_belief_start
    "n",  # asked_others
    "Keep my word",  # only_me
    "20",  # others_belief_end
]

# The same for a Japanese session (a full-width digit for the rating, as people type it).
JA_LINES_BEFORE_COMMITMENTS = [
    "妻",
    "努力している[/]",
    "６",
    "早く寝る",
    "毎朝水を飲む",
    "",  # its days: what its words say (毎日)
    "",
    "６０",
    "4",
    "遅れるときは連絡する",
    "40",
    "70",
    "1,3",
    "",
    "隠しごと",
    "スマホを見せる",
    "50",
    "30",
    "n",
    "約束を守る",
    "20",
]


def feed(lines: list[str]) -> str:
    """Keyboard lines as one piped input."""
    return "".join(line + "\n" for line in lines)


def write_answers(
    folder: Path,
    answers: dict[str, Any],
    reviews: dict[str, Any] | None = None,
    name: str = "answers.toml",
) -> Path:
    """An answers file for ``start --answers`` in ``folder``; its path."""
    data: dict[str, Any] = {"answers": answers}
    if reviews:
        data["reviews"] = reviews
    path = folder / name
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


# With a complete session at hand, `start` first asks whether to review its commitments that
# are not due yet: "n" answers that.
NO_REVIEW = "n\n"


def counselor_answers(tag: str, self_trust: int = 6, partner_trust: int = 3) -> dict[str, Any]:
    """Tagged answers whose partner's name carries the tag too (``Rowan<tag>``)."""
    return tagged_answers(
        tag, partner=f"Rowan{tag}", self_trust=self_trust, partner_trust=partner_trust
    )
