"""Passphrases at a real terminal: typed without echo, a new one twice, three tries to open,
Ctrl-C changes nothing; and a whole locked home used at the keyboard, in Japanese too.

The homes here are locked by the spawned trustcoach, so with Argon2id's real parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS, write_answers
from tests.support.journals import journal_paths
from tests.support.terminal import Terminal
from tests.support.vaults import NEW_PASSPHRASE, PASSPHRASE, is_sealed, plain_bytes

pytestmark = pytest.mark.slow

NO_FILE = {"TRUSTCOACH_PASSPHRASE_FILE": "", "TRUSTCOACH_NEW_PASSPHRASE_FILE": ""}
JA = {"LANG": "ja_JP.UTF-8", "LC_CTYPE": "C.UTF-8"}  # no ja_JP locale on this machine


def at_terminal(home: Path, *args: str, lang: dict[str, str] | None = None) -> Terminal:
    return Terminal(home, *args, env={**NO_FILE, **(lang or {})})


def lock_at_terminal(home: Path) -> None:
    terminal = at_terminal(home, "lock")
    try:
        terminal.child.expect_exact("A lost passphrase cannot be recovered")
        terminal.child.expect_exact("New passphrase: ")
        terminal.child.sendline("short")
        terminal.child.expect_exact("Please use at least 8 characters.")
        terminal.child.expect_exact("New passphrase: ")
        terminal.child.sendline(PASSPHRASE)
        terminal.child.expect_exact("The same passphrase again: ")
        terminal.child.sendline(PASSPHRASE + "x")
        terminal.child.expect_exact("The two were not the same. Please type them again.")
        terminal.child.expect_exact("New passphrase: ")
        terminal.child.sendline(PASSPHRASE)
        terminal.child.expect_exact("The same passphrase again: ")
        terminal.child.sendline(PASSPHRASE)
        terminal.child.expect_exact("This home is locked")
        assert terminal.finish() == 0
    finally:
        terminal.kill()
    assert PASSPHRASE not in terminal.output and "short" not in terminal.output


def test_a_home_locked_and_opened_at_the_keyboard(isolated_home: Path, tmp_path: Path) -> None:
    answers = write_answers(tmp_path, {**EN_ANSWERS, "self_view": "SECRET at the keyboard"})
    started = Terminal(isolated_home, "start", "--lang", "en", "--answers", str(answers))
    assert started.finish() == 0
    lock_at_terminal(isolated_home)
    (journal,) = journal_paths(isolated_home)
    assert is_sealed(journal)

    shown = at_terminal(isolated_home, "show", "latest")
    try:
        shown.child.expect_exact("Passphrase: ")
        shown.child.sendline("not it at all")
        shown.child.expect_exact("That passphrase does not open this home. Please try again.")
        shown.child.expect_exact("Passphrase: ")
        shown.child.sendline(PASSPHRASE)
        shown.child.expect_exact("SECRET at the keyboard")
        assert shown.finish() == 0
    finally:
        shown.kill()
    assert PASSPHRASE not in shown.output and "not it at all" not in shown.output


def test_three_wrong_tries_are_one_sentence_and_ctrl_c_changes_nothing(
    isolated_home: Path, tmp_path: Path
) -> None:
    lock_at_terminal(isolated_home)
    before = (isolated_home / "lock.toml").read_bytes()
    listed = at_terminal(isolated_home, "list")
    try:
        for attempt in range(3):
            listed.child.expect_exact("Passphrase: ")
            listed.child.sendline(f"wrong {attempt}")
        assert listed.finish() == 1
    finally:
        listed.kill()
    error = " ".join(listed.output.split("Passphrase: ")[-1].split())  # as wrapped at 80 columns
    assert error == (
        "trustcoach: the passphrase did not open this home in 3 tries; nothing was read or changed"
    )
    assert listed.output.count("Passphrase: ") == 3

    changing = at_terminal(isolated_home, "lock", "--change")
    try:
        changing.child.expect_exact("Passphrase: ")
        changing.child.sendintr()
        changing.child.expect_exact("Nothing was opened or changed.")
        assert changing.finish() == 130
    finally:
        changing.kill()
    assert (isolated_home / "lock.toml").read_bytes() == before
    assert "Traceback" not in listed.output + changing.output


def test_a_japanese_session_in_a_locked_home_new_passphrase_and_unlock(
    isolated_home: Path,
) -> None:
    lock_at_terminal(isolated_home)
    session = at_terminal(isolated_home, "start", lang=JA)
    try:
        session.child.expect_exact("パスフレーズ：")
        session.child.sendline(PASSPHRASE)
        session.begin()
        session.answer("パートナーのことを何と呼びますか", "妻")
        session.answer("今の自分をどのような人だと感じていますか", "秘密の言葉 約束を守れない")
        session.wait_prompt("自分の言葉をどのくらい信頼できていますか")
        session.child.sendintr()
        assert session.finish() == 130
    finally:
        session.kill()
    (journal,) = journal_paths(isolated_home)
    assert is_sealed(journal)
    assert "秘密の言葉".encode() not in journal.read_bytes()
    assert "秘密の言葉".encode() in plain_bytes(isolated_home, journal)

    changing = at_terminal(isolated_home, "lock", "--change", lang=JA)
    try:
        changing.child.expect_exact("パスフレーズ：")
        changing.child.sendline(PASSPHRASE)
        changing.child.expect_exact("かけ直し、これからは新しいパスフレーズだけで")
        changing.child.expect_exact("忘れたパスフレーズを取り戻す方法はありません")
        changing.child.expect_exact("新しいパスフレーズ：")
        changing.child.sendline(NEW_PASSPHRASE)
        changing.child.expect_exact("確認のため、もう一度：")
        changing.child.sendline(NEW_PASSPHRASE)
        changing.child.expect_exact("パスフレーズを変更し、")
        assert changing.finish() == 0
    finally:
        changing.kill()

    unlocking = at_terminal(isolated_home, "unlock", lang=JA)
    try:
        unlocking.child.expect_exact("パスフレーズ：")
        unlocking.child.sendline(NEW_PASSPHRASE)
        unlocking.child.expect_exact("このホームの鍵を外しました")
        assert unlocking.finish() == 0
    finally:
        unlocking.kill()
    assert not is_sealed(journal)
    assert "秘密の言葉".encode() in journal.read_bytes()


def test_doctor_at_the_keyboard_can_skip_the_passphrase(isolated_home: Path) -> None:
    lock_at_terminal(isolated_home)
    doctor = at_terminal(isolated_home, "doctor")
    try:
        doctor.child.expect_exact("this home is locked")
        doctor.child.expect_exact("(Enter alone skips this): ")
        doctor.child.sendline("")
        doctor.child.expect_exact("were not opened")
        assert doctor.finish() == 0
    finally:
        doctor.kill()
