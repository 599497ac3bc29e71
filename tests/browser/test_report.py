"""The HTML a counselor receives, opened in a real browser: headless Chromium draws it to a PNG
and prints it to PDF. The picture must not be blank, and the printed text must hold the answers
the client shared (English and Japanese) and none of the ones left out.

Needs ``chromium`` and ``pdftotext`` (poppler-utils), and a Japanese font for the Japanese
answers; ``.ci/run`` installs them. Without them the tests are skipped, except under CI.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import TEXT_QUESTIONS, tagged_answers, token
from tests.support.runner import run_cli
from tests.support.sessions import start_unattended

pytestmark = pytest.mark.slow

BROWSER_TIMEOUT = 120  # seconds for one Chromium or pdftotext run

JA_TEXTS = {
    "self_view": "約束を守れない自分がいる",
    "self_promise_recent": "早起きの約束を破った",
    "one_point_action": "帰宅時間を必ず連絡する",
    "gestures_landing": "手紙は読まれなかった",
    "costly_actions": "借金を隠していた",
    "showing_action": "家計簿を一緒につける",
    "only_me": "嘘をつかないこと",
}
JA_COMMITMENTS = ["夜十時に携帯を置く", "日曜に夕食を作る"]
REPORT_EXCLUDE = "costly_actions"
EXPORT_EXCLUDE = ("only_me", "self_promise_recent")


def answers_for(lang: str, tag: str, self_trust: int, partner_trust: int) -> dict[str, Any]:
    ratings = {"self_trust": self_trust, "partner_trust": partner_trust}
    if lang == "ja":
        promise = [{"text": "毎朝白湯を飲む", "due": "300"}]  # not due in this report
        return tagged_answers(
            tag,
            **JA_TEXTS,
            partner="妻",
            self_promise_small=promise,
            commitments=JA_COMMITMENTS,
            **ratings,
        )
    return tagged_answers(tag, **ratings)


def require(name: str, found: str | None) -> str:
    if found:
        return found
    message = f"{name} is not installed; .ci/run should have installed it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def tools() -> dict[str, str]:
    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None
    return {
        "chromium": require("chromium", chromium or shutil.which("chromium")),
        "pdftotext": require("pdftotext (poppler-utils)", shutil.which("pdftotext")),
    }


@pytest.fixture
def sessions(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Three weekly sessions, en, ja, en; each reviews the commitments of the one before."""
    plan = [
        ("en", "S1", "2026-03-01T10:00:00+09:00", 3, 2),
        ("ja", "S2", "2026-03-09T10:00:00+09:00", 5, 4),
        ("en", "S3", "2026-03-17T10:00:00+09:00", 7, 6),
    ]
    ids: list[str] = []
    for lang, tag, when, self_trust, partner_trust in plan:
        reviews = {f"{ids[-1]}/c2": "kept", f"{ids[-1]}/c3": "partly"} if ids else None
        answers = answers_for(lang, tag, self_trust, partner_trust)
        session_id = start_unattended(
            tmp_path, monkeypatch, when, answers, "--lang", lang, reviews=reviews
        )
        ids.append(session_id)
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-03-20T10:00:00+09:00")
    return ids


def export(tmp_path: Path, name: str, *args: str) -> Path:
    target = tmp_path / name
    result = run_cli("export", *args, "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    return target


def chromium(tools: dict[str, str], tmp_path: Path, page: Path, *output: str) -> None:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        tools["chromium"],
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *output,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, timeout=BROWSER_TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]


def screenshot(tools: dict[str, str], tmp_path: Path, page: Path) -> Path:
    png = page.with_suffix(".png")
    chromium(tools, tmp_path, page, f"--screenshot={png}", "--window-size=900,1400")
    assert png.is_file() and png.stat().st_size > 0
    return png


def pdf_text(tools: dict[str, str], tmp_path: Path, page: Path) -> str:
    """The printed page's text, with all white space removed (lines wrap anywhere)."""
    pdf = page.with_suffix(".pdf")
    chromium(tools, tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.read_bytes().startswith(b"%PDF")
    done = subprocess.run(
        [tools["pdftotext"], str(pdf), "-"],
        capture_output=True,
        timeout=BROWSER_TIMEOUT,
        check=True,
    )
    return re.sub(r"\s+", "", done.stdout.decode("utf-8"))


def png_pixels(path: Path) -> tuple[int, int, list[bytes], int]:
    """Width, height, the unfiltered scanlines and bytes per pixel of an 8-bit PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0, header
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    assert len(raw) == height * (stride + 1)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:  # Up
            line = bytearray((a + b) & 255 for a, b in zip(line, prev, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        else:
            assert kind == 0, f"unknown PNG filter {kind}"
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def assert_not_blank(png: Path) -> None:
    width, height, rows, bpp = png_pixels(png)
    assert (width, height) == (900, 1400)
    colours = {row[i : i + bpp] for row in rows for i in range(0, len(row), bpp)}
    # a blank page has one colour; text drawn with anti-aliasing has many shades
    assert len(colours) > 20, f"only {len(colours)} colours: the page looks blank"
    assert len(set(rows)) > 100, "hardly any row differs: the page looks blank"
    dark = sum(1 for row in rows for i in range(0, len(row), bpp) if max(row[i : i + 3]) < 96)
    assert dark > 2000, f"only {dark} dark pixels: no text was drawn"


def test_report_in_the_browser(tools: dict[str, str], sessions: list[str], tmp_path: Path) -> None:
    page = export(tmp_path, "report.html", "--since", "2026-03-01", "--exclude", REPORT_EXCLUDE)
    assert_not_blank(screenshot(tools, tmp_path, page))
    text = pdf_text(tools, tmp_path, page)
    assert "progressreport" in text
    for tag in ("S1", "S3"):
        for qid in TEXT_QUESTIONS:
            assert (token(tag, qid) in text) == (qid != REPORT_EXCLUDE), (tag, qid)
        assert f"{tag}commitone" in text
    for qid, answer in JA_TEXTS.items():
        assert (answer in text) == (qid != REPORT_EXCLUDE), (qid, answer)
    assert all(commitment in text for commitment in JA_COMMITMENTS)
    assert "3answerswereleftoutofthisexport." in text


def test_exported_japanese_session_in_the_browser(
    tools: dict[str, str], sessions: list[str], tmp_path: Path
) -> None:
    page = export(tmp_path, "session.html", sessions[1], "--exclude", ",".join(EXPORT_EXCLUDE))
    assert_not_blank(screenshot(tools, tmp_path, page))
    text = pdf_text(tools, tmp_path, page)
    for qid, answer in JA_TEXTS.items():
        assert (answer in text) == (qid not in EXPORT_EXCLUDE), (qid, answer)
    assert all(commitment in text for commitment in JA_COMMITMENTS)
    assert "S1commitone" in text  # the review of the English session's commitment
    assert "2件の回答はこのエクスポートに含まれていません。" in text
    assert "自分対自分" in text  # a step title of the Japanese pack
