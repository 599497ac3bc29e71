"""``export --to-age`` given several times (issues #24 and #25): the counselor, a supervisor and a
backup key each open the file, with pyrage and with Debian's ``age`` where it is installed; a
key that cannot be used is refused with its position, before any work, never dropped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import complete_session

AGE = shutil.which("age")
SSH_KEYGEN = shutil.which("ssh-keygen")


@pytest.fixture
def keys(tmp_path: Path) -> list[tuple[str, str, Path | None]]:
    """Two age keys and, where ssh-keygen is there, an SSH key: (public key, identity as text,
    identity file for ``age -i``)."""
    import pyrage

    folder = tmp_path / "keys"
    folder.mkdir()
    made: list[tuple[str, str, Path | None]] = []
    for number in (1, 2):
        identity = pyrage.x25519.Identity.generate()
        path = folder / f"age-{number}.txt"
        path.write_text(str(identity) + "\n", "utf-8")
        made.append((str(identity.to_public()), str(identity), path))
    if SSH_KEYGEN is not None:
        path = folder / "id_ed25519"
        subprocess.run(
            [SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True
        )
        made.append(((folder / "id_ed25519.pub").read_text("utf-8").strip(), "", path))
    return made


def _identity(public: str, secret: str, path: Path | None) -> object:
    import pyrage

    if secret:
        return pyrage.x25519.Identity.from_str(secret)
    assert path is not None
    return pyrage.ssh.Identity.from_buffer(path.read_bytes())


def test_each_recipient_opens_the_file(
    keys: list[tuple[str, str, Path | None]],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pyrage

    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    monkeypatch.chdir(tmp_path)
    plain = ok(run_cli("export", "latest", "--format", "md"))
    args = [arg for public, _, _ in keys for arg in ("--to-age", public)]
    said = ok(run_cli("export", "latest", "--format", "md", "--output", "out.md.age", *args))
    assert f"encrypted to {len(keys)} keys" in said, said
    sealed = (tmp_path / "out.md.age").read_bytes()
    for public, secret, path in keys:
        identity = _identity(public, secret, path)
        opened = pyrage.decrypt(sealed, [identity])  # type: ignore[list-item]
        assert opened.decode("utf-8") == plain, public
        if AGE is not None and path is not None:
            by_age = subprocess.run(
                [AGE, "-d", "-i", str(path), str(tmp_path / "out.md.age")],
                capture_output=True,
                check=True,
            )
            assert by_age.stdout.decode("utf-8") == plain, public


def test_one_recipient_still_says_the_counselors_key(
    keys: list[tuple[str, str, Path | None]],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    monkeypatch.chdir(tmp_path)
    said = ok(run_cli("export", "latest", "--output", "one.age", "--to-age", keys[0][0]))
    assert "encrypted to the counselor's key" in said


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_key_that_cannot_be_used_is_refused_with_its_position(
    lang: str,
    keys: list[tuple[str, str, Path | None]],
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRUSTCOACH_LANG", lang)
    given = ["--to-age", keys[0][0], "--to-age", "age1notakey", "--to-age", keys[1][0]]
    sentence = refused(run_cli("export", "latest", "--output", "out.age", *given))
    assert "age1notakey" in sentence
    position = "--to-age 2 of 3" if lang == "en" else "3つの --to-age のうち2番目"
    assert position in sentence, sentence
    assert not (tmp_path / "out.age").exists()
