"""``export --to-age RECIPIENT``: the file is encrypted in memory to the counselor's age key, so
the plain text never exists on disk, and the counselor opens it with the standard ``age``
tool (Debian's ``age``; ``.ci/run`` installs it). A bad key is one sentence, before any work."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import complete_session

AGE = shutil.which("age")
AGE_KEYGEN = shutil.which("age-keygen")
needs_age = pytest.mark.skipif(
    AGE is None or AGE_KEYGEN is None,
    reason="Debian's age is not installed (apt-get install age; .ci/run does it)",
)


@pytest.fixture
def key(tmp_path: Path) -> tuple[Path, str]:
    """A counselor's key made as the README says (age-keygen -o key.txt); (file, public key)."""
    assert AGE_KEYGEN is not None
    folder = tmp_path / "counselor"
    folder.mkdir()
    made = subprocess.run(
        [AGE_KEYGEN, "-o", str(folder / "key.txt")], capture_output=True, text=True, check=True
    )
    public = made.stderr.strip().removeprefix("Public key: ")
    assert public.startswith("age1"), made.stderr
    return folder / "key.txt", public


@needs_age
@pytest.mark.parametrize("fmt", ["html", "md", "json", "fhir"])
def test_the_counselor_opens_the_file_with_age(
    fmt: str,
    key: tuple[Path, str],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert AGE is not None
    complete_session(isolated_home, tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)
    plain = ok(run_cli("export", "latest", "--format", fmt, "--client", "K.T."))
    said = ok(run_cli("export", "latest", "--format", fmt, "--client", "K.T.", "--to-age", key[1]))
    (written,) = out_dir.iterdir()  # only the encrypted file: no plain copy, no leftover
    assert written.name.startswith("trustcoach-K.T-") and written.name.endswith(".age")
    assert f"Wrote {written.name}, encrypted to the counselor's key" in said
    sealed = written.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n")
    for words in (EN_ANSWERS["partner"], EN_ANSWERS["self_view"], "K.T."):
        assert words.encode() not in sealed
    opened = subprocess.run(
        [AGE, "-d", "-i", str(key[0]), str(written)], capture_output=True, check=True
    )
    assert opened.stdout.decode("utf-8") == plain


@needs_age
def test_an_encrypted_share_writes_only_after_the_final_yes(
    key: tuple[Path, str], isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    complete_session(isolated_home, tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ("export", "latest", "--format", "html", "--share", "--to-age", key[1])
    result = run_cli(*args, input="a\nn\n")
    assert result.exit_code == 1
    assert not list(tmp_path.glob("trustcoach-*"))
    ok(run_cli(*args, input="a\ny\n"))
    (written,) = tmp_path.glob("trustcoach-*.html.age")
    assert written.read_bytes().startswith(b"age-encryption.org/v1\n")


@pytest.mark.parametrize(
    "recipient",
    [
        "",
        "age1notakey",
        "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
        "ssh-ed25519 AAAAnotbase64",
        "counselor@example.org",
        "age1" + "q" * 5000,
    ],
)
def test_a_bad_recipient_is_one_sentence_before_any_work(
    recipient: str, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    line = refused(run_cli("export", "latest", "--format", "html", "--to-age", recipient))
    assert "--to-age needs the counselor's public age key" in line
    assert len(line) < 300
    assert not list(tmp_path.glob("trustcoach-*"))


def test_an_existing_file_is_not_replaced_without_force(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyrage

    complete_session(isolated_home, tmp_path)
    public = str(pyrage.x25519.Identity.generate().to_public())
    target = tmp_path / "for-counselor.age"
    target.write_bytes(b"earlier")
    args = ("export", "latest", "--to-age", public, "--output", str(target))
    assert "already exists" in refused(run_cli(*args))
    assert target.read_bytes() == b"earlier"
    ok(run_cli(*args, "--force"))
    assert target.read_bytes().startswith(b"age-encryption.org/v1\n")
