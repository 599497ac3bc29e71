"""The cryptography of a locked home, by itself (``lock/crypto.py``): sealed files and the key
derived from a passphrase; the key file is in test_keyfile.py.

Each test names what an attacker or an accident could do to the bytes, and checks that the
result is refused (never opened as something else), or that what must hold does."""

from __future__ import annotations

import unicodedata

import pytest

from tests.support.vaults import FAST_KDF
from trustcoach.lock import crypto

KEY = bytes(range(32))
KEY_ID = b"\x01" * 8
IDENTITY = "journals/20261126-214305-a3f9.toml"
TEXT = 'partner = "妻"\nvalue = "毎晩十時に帰る"\n'.encode()


def sealed() -> bytes:
    return crypto.seal(KEY, KEY_ID, IDENTITY, TEXT)


def test_a_sealed_file_opens_to_exactly_its_bytes() -> None:
    raw = sealed()
    assert crypto.is_sealed(raw)
    assert TEXT not in raw and "毎晩".encode() not in raw
    assert len(raw) == len(TEXT) + crypto.OVERHEAD
    assert crypto.unseal(KEY, KEY_ID, IDENTITY, raw) == TEXT


def test_every_write_has_a_fresh_nonce() -> None:
    first, second = sealed(), sealed()
    nonce = slice(crypto.HEADER, crypto.HEADER + crypto.NONCE)
    assert first[nonce] != second[nonce]
    assert first[crypto.HEADER :] != second[crypto.HEADER :]


@pytest.mark.parametrize("where", ["magic-version", "key-id", "nonce", "body", "tag"])
def test_a_changed_byte_anywhere_is_refused(where: str) -> None:
    raw = bytearray(sealed())
    index = {
        "magic-version": 4,
        "key-id": 6,
        "nonce": crypto.HEADER + 3,
        "body": crypto.HEADER + crypto.NONCE + 5,
        "tag": len(raw) - 1,
    }[where]
    raw[index] ^= 0x01
    with pytest.raises(crypto.SealError):
        crypto.unseal(KEY, KEY_ID, IDENTITY, bytes(raw))


def test_a_file_moved_to_another_name_does_not_open() -> None:
    """The path inside the home is the associated data: two journals swapped, or one renamed,
    are refused rather than read as the other session."""
    with pytest.raises(crypto.SealError) as refused:
        crypto.unseal(KEY, KEY_ID, "journals/20261126-214305-ffff.toml", sealed())
    assert refused.value.reason == "sealed_damaged"


def test_a_cut_file_is_refused() -> None:
    raw = sealed()
    for length in (0, 3, crypto.HEADER, crypto.OVERHEAD - 1, len(raw) - 1):
        with pytest.raises(crypto.SealError):
            crypto.unseal(KEY, KEY_ID, IDENTITY, raw[:length] if length >= 4 else b"\x89TCL")


def test_another_key_and_a_newer_format_are_told_apart() -> None:
    with pytest.raises(crypto.SealError) as other:
        crypto.unseal(KEY, b"\x02" * 8, IDENTITY, sealed())
    assert other.value.reason == "sealed_other_key"
    newer = bytearray(sealed())
    newer[4] = 2
    with pytest.raises(crypto.SealError) as later:
        crypto.unseal(KEY, KEY_ID, IDENTITY, bytes(newer))
    assert later.value.reason == "sealed_newer"


def test_toml_never_looks_sealed() -> None:
    """The first byte of the magic is never the first byte of UTF-8 text."""
    assert not crypto.is_sealed(TEXT)
    with pytest.raises(UnicodeDecodeError):
        crypto.MAGIC.decode("utf-8")


def test_the_same_words_typed_composed_or_decomposed_give_the_same_key() -> None:
    composed = "café 七つの星がくれた"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    salt = b"s" * 16
    assert crypto.derive(composed, salt, FAST_KDF) == crypto.derive(decomposed, salt, FAST_KDF)


def test_the_default_is_rfc_9106s_second_recommendation() -> None:
    assert crypto.KdfParams(memory_kib=65536, iterations=3, lanes=4) == crypto.RFC9106_SECOND
    assert crypto.SALT_BYTES == 16 and crypto.KEY_BYTES == 32 and crypto.NONCE == 12
