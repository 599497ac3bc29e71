"""The key file of a locked home, by itself (``lock/keyfile.py``): the passphrase opens the data
key and nothing else does; a changed, hostile or newer key file is refused in one sentence.

Each test names what an attacker or an accident could do to the bytes, and checks that the
result is refused (never opened as something else), or that what must hold does."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import tomli
import tomli_w

from tests.support.vaults import FAST_KDF
from trustcoach.errors import UsageError
from trustcoach.lock.keyfile import KEY_FILE, make, parse_key_file, read_key_file

KEY = bytes(range(32))
KEY_ID = b"\x01" * 8


def key_file_data(passphrase: str = "correct horse") -> dict[str, object]:
    return tomli.loads(make(KEY, KEY_ID, passphrase, FAST_KDF).dump().decode())


def test_the_passphrase_opens_the_data_key_and_another_does_not(tmp_path: Path) -> None:
    key_file = parse_key_file(key_file_data(), tmp_path / KEY_FILE)
    assert key_file.open("correct horse") == KEY
    assert key_file.open("correct horse ") is None
    assert key_file.open("") is None


def test_a_new_passphrase_keeps_the_data_key_and_its_id(tmp_path: Path) -> None:
    old = parse_key_file(key_file_data(), tmp_path / KEY_FILE)
    new = old.rewrapped(KEY, "another one", FAST_KDF)
    assert new.key_id == old.key_id and new.salt != old.salt
    assert new.open("another one") == KEY
    assert new.open("correct horse") is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("salt", "AAAAAAAAAAAAAAAAAAAAAA=="),
        ("key_id", "0202020202020202"),
        ("iterations", 2),
        ("memory_kib", 128),
        ("lanes", 2),
    ],
)
def test_a_changed_header_makes_the_key_file_open_with_nothing(
    field: str, value: object, tmp_path: Path
) -> None:
    """The header is the associated data of the wrapped key: a parameter made weaker, another
    salt or another key id is found, as surely as a wrong passphrase."""
    data = key_file_data()
    data[field] = value
    assert parse_key_file(data, tmp_path / KEY_FILE).open("correct horse") is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("memory_kib", 1 << 40),  # a terabyte: refused before Argon2id would try
        ("iterations", 10**9),
        ("lanes", 0),
        ("memory_kib", 7),  # less than Argon2id's 8 KiB per lane
        ("salt", "short"),
        ("salt", "not base64!"),
        ("key_id", "zz"),
        ("wrapped_key", "AAAA"),
        ("kdf", "scrypt"),
        ("format", 0),
        ("memory_kib", "65536"),
        ("iterations", True),
    ],
)
def test_a_hostile_or_damaged_key_file_is_one_sentence_at_once(
    field: str, value: object, tmp_path: Path
) -> None:
    data = key_file_data()
    data[field] = value
    (tmp_path / KEY_FILE).write_text(tomli_w.dumps(data), "utf-8")
    started = time.monotonic()
    with pytest.raises(UsageError) as refused:
        read_key_file(tmp_path)
    assert time.monotonic() - started < 1
    assert refused.value.message.key == "key_file_damaged"
    assert field in str(refused.value) or "kdf" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_unknown_and_missing_fields_are_named(tmp_path: Path) -> None:
    data = key_file_data()
    data["hint"] = "my cat's name"
    del data["salt"]
    with pytest.raises(UsageError) as refused:
        parse_key_file(data, tmp_path / KEY_FILE)
    assert "hint" in str(refused.value)


def test_a_key_file_from_a_newer_trustcoach_says_so(tmp_path: Path) -> None:
    data = key_file_data()
    data["format"] = 2
    with pytest.raises(UsageError) as refused:
        parse_key_file(data, tmp_path / KEY_FILE)
    assert refused.value.message.key == "key_file_newer"
