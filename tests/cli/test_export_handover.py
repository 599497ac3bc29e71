"""The handover of an export: the client's label (``--client``) in the file and its default
name, the pack's counselor named in every format, and the words a client reads while choosing
what to share."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.documents import plain_text
from tests.support.packs import COUNSELOR, COUNSELOR_PACK, edit_like_a_counselor, pack_file
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import CopyHome, SessionsHome, home_made_once, start_unattended

WHEN = "2026-03-01T10:00:00+09:00"
COUNSELOR_NAME = COUNSELOR["en"][0]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> SessionsHome:
    """One session with the counselor's pack (a [counselor], a private rating 'sleep'), and
    one with the built-in pack, which names no counselor."""
    with home_made_once(tmp_path_factory, "handover") as (folder, mp):
        home = folder / "home"
        ok(run_cli("pack", "init", COUNSELOR_PACK))
        for lang in ("ja", "en"):
            edit_like_a_counselor(pack_file(home, lang), lang)
        plain = start_unattended(
            folder, mp, "2026-02-20T10:00:00+09:00", EN_ANSWERS, "--lang", "en"
        )
        args = ("--pack", COUNSELOR_PACK, "--lang", "en")
        reviews = {f"{plain}/c1": "kept", f"{plain}/c2": "not_kept", f"{plain}/c3": "kept"}
        answers = {**EN_ANSWERS, "sleep": 3}
        ours = start_unattended(folder, mp, WHEN, answers, *args, reviews=reviews)
    return SessionsHome(home, [plain, ours])


@pytest.fixture
def home(
    made: SessionsHome, copy_home: CopyHome, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> SessionsHome:
    copied = copy_home(made.home, "2026-03-02T10:00:00+09:00")
    monkeypatch.chdir(tmp_path)
    return SessionsHome(copied, made.ids)


LABEL = "K.T. <b>&amp;</b> [/]"  # initials, and markup that must show as typed


@pytest.mark.parametrize("fmt", ["md", "html", "json", "fhir"])
def test_every_format_names_the_client_and_the_counselor(home: SessionsHome, fmt: str) -> None:
    out = ok(run_cli("export", "latest", "--format", fmt, "--client", LABEL))
    if fmt == "json":
        data = json.loads(out)
        assert (data["client"], data["counselor"]) == (LABEL, COUNSELOR_NAME)
        return
    if fmt == "fhir":
        data = json.loads(out)
        assert data["subject"] == {"display": LABEL}
        named = [e["valueString"] for e in data["extension"] if "counselor" in e["url"]]
        assert named == [COUNSELOR_NAME]
        return
    seen = plain_text(fmt, out)
    assert re.search(rf"Client:?\s+{re.escape(LABEL)}", seen), seen[:400]
    assert re.search(rf"Counselor:?\s+{re.escape(COUNSELOR_NAME)}", seen), seen[:400]
    if fmt == "html":
        assert "<b>&amp;</b>" not in out  # escaped, not markup


def test_a_session_of_a_pack_without_a_counselor_names_none(home: SessionsHome) -> None:
    data = json.loads(ok(run_cli("export", home.ids[0], "--format", "json")))
    assert "counselor" not in data and "client" not in data
    assert "Counselor" not in ok(run_cli("export", home.ids[0], "--format", "md"))


def test_the_report_names_the_client_and_the_counselor(home: SessionsHome) -> None:
    args = ("export", "--since", "2026-02-01", "--format", "md", "--client", "K.T.")
    seen = plain_text("md", ok(run_cli(*args)))
    assert "Client: K.T." in seen
    assert f"Counselor: {COUNSELOR_NAME}" in seen


def test_the_default_file_name_carries_a_safe_form_of_the_label(
    home: SessionsHome, tmp_path: Path
) -> None:
    replies = "a\ny\n"  # the suggestions for everything, then yes
    args = ("export", "latest", "--format", "html", "--share", "--client", "山田 K.T./..")
    out = ok(run_cli(*args, input=replies))
    (written,) = tmp_path.glob("trustcoach-*.html")
    assert written.name == f"trustcoach-山田-K.T-{home.ids[1]}.html"
    assert str(written.name) in out
    assert "山田 K.T./.." in plain_text("html", written.read_text("utf-8"))


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("", "needs a label"),
        ("   ", "needs a label"),
        ("x" * 61, "at most 60 characters"),
        ("K.T.\x1b[31m", "without control characters"),
        ("K.\nT.", "without control characters"),
        ("K.T.\u202e", "without control characters"),
    ],
)
def test_a_label_that_is_not_plain_text_is_refused(
    home: SessionsHome, label: str, words: str, tmp_path: Path
) -> None:
    line = refused(run_cli("export", "latest", "--format", "md", "--client", label))
    assert words in line
    assert not list(tmp_path.glob("trustcoach-*"))


def test_share_says_why_a_private_answer_is_suggested_no(home: SessionsHome) -> None:
    replies = "\n" * 30 + "y\n"
    args = ("export", "latest", "--format", "md", "--share", "--exclude", "only_me")
    out = ok(run_cli(*args, input=replies))
    sleep = out[out.index("How well did you sleep") :]
    assert re.match(
        r"[^\n]*\n  3 / 5\nSuggested: no, because it is marked private by your counselor\.\n"
        r"Include it\? \[y/N/a\]",
        sleep,
    ), sleep[:300]
    only_me = out[out.index("can only you do") :]
    assert "Suggested: no, because you left it out with --exclude." in only_me.split(">")[0]
    # an answer suggested Yes gives no reason
    partner = out[out.index("refer to your partner") :].split(">")[0]
    assert "Suggested" not in partner


def test_share_with_only_says_what_was_not_chosen(home: SessionsHome) -> None:
    out = ok(run_cli("export", "latest", "--share", "--only", "self", input="\n" * 30 + "y\n"))
    words = out[out.index("Coldly") :].split(">")[0]  # gestures_landing, not in 'self'
    assert "Suggested: no, because it is not among the names given to --only." in words


def test_a_at_a_pipe_takes_every_remaining_suggestion(home: SessionsHome, tmp_path: Path) -> None:
    out = ok(run_cli("export", "latest", "--format", "json", "--share", input="n\na\ny\n"))
    assert out.count("Include it?") == 2
    (written,) = tmp_path.glob("trustcoach-*.json")
    data: dict[str, Any] = json.loads(written.read_text("utf-8"))
    shared = {answer["question"] for answer in data["answers"]}
    assert "sleep" not in shared  # suggested No, so left out by 'a'
    assert "partner" in shared  # the reviews came first: 'n' left them out
    assert data["reviews"] == []


def test_the_report_has_a_strength_toward_oneself_and_one_toward_the_partner(
    home: SessionsHome,
) -> None:
    """The promise to oneself (c1, kept) counts toward oneself; c2 (not kept) and c3 (kept),
    made to the partner, toward the partner."""
    text = ok(run_cli("export", "--since", "2026-02-01", "--format", "md"))
    part = text.split("(over the reviews shared in this report)\n\n")[1].split("\n\n")[0]
    assert part.splitlines() == [
        "- Commitments toward oneself: 25 of 100, from 1 review",
        "- Commitments toward the partner: 25 of 100, from 2 reviews",
        "- 3 reviews: 2 kept, 0 partly kept, 1 not kept",
    ]
    progress = json.loads(ok(run_cli("progress", "--json")))
    assert (progress["self_strength"], progress["strength"]) == (25, 25)
