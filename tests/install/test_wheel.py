"""The install contract: a wheel of the repository, installed into a fresh virtual environment
outside the checkout, gives a working ``trustcoach`` command with its prompt packs inside.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w

from tests.support.checkout import REPO
from tests.support.clocks import PTY_DEFAULT_DUE, PTY_NOW

# In one worker of a parallel run: the wheel is built and installed once for the module.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

STEP_IDS = ["self", "myth-never", "myth-words", "myth-others", "commitments"]
QUESTION_IDS = {
    "self": ["partner", "self_view", "self_trust", "self_promise_recent", "self_promise_small"],
    "myth-never": ["never_belief_start", "partner_trust", "one_point_action", "never_belief_end"],
    "myth-words": [
        "words_belief_start",
        "gestures",
        "gestures_landing",
        "costly_actions",
        "showing_action",
        "words_belief_end",
    ],
    "myth-others": ["others_belief_start", "asked_others", "only_me", "others_belief_end"],
    "commitments": ["commitments", "commitment_confidence"],
}
KINDS = {
    "self_trust": "rating",
    "partner_trust": "rating",
    "commitment_confidence": "rating",
    **{f"{m}_belief_{e}": "rating" for m in ("never", "words", "others") for e in ("start", "end")},
    "self_promise_small": "list",
    "gestures": "multi",
    "asked_others": "confirm",
    "commitments": "list",
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

ANSWERS: dict[str, Any] = {
    "partner": "夫",
    "self_view": "I often say yes and then forget.",
    "self_trust": 4,
    "self_promise_recent": "Go to bed by eleven. I kept it twice.",
    "self_promise_small": ["A ten-minute walk after lunch."],
    "never_belief_start": 60,
    "never_belief_end": 40,
    "partner_trust": 3,
    "one_point_action": "Send a message when I will be late.",
    "words_belief_start": 80,
    "words_belief_end": 50,
    "gestures": ["messages", "thanks"],
    "gestures_landing": "Politely, but nothing changed.",
    "costly_actions": "I hid where I was in the evenings.",
    "showing_action": "Come home at the time I said.",
    "others_belief_start": 20,
    "others_belief_end": 10,
    "asked_others": False,
    "only_me": "Keep my word in small things.",
    "commitments": ["夫に毎晩「ただいま」と言う", "Leave my phone in the hall after dinner."],
    "commitment_confidence": 7,
}


@dataclass(frozen=True)
class Installed:
    """A wheel of the repository, installed into its own virtual environment."""

    wheel: Path
    venv: Path
    python: Path
    trustcoach: Path
    workdir: Path


def _run(args: list[str | Path], timeout: float, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
        **kwargs,
    )
    assert result.returncode == 0, (
        f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result


def _clean_env() -> dict[str, str]:
    """The environment without anything that could point Python back at the checkout."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel once, and install it into a fresh venv outside the repository."""
    root = tmp_path_factory.mktemp("wheel-install")
    assert not root.resolve().is_relative_to(REPO)
    dist = root / "dist"
    env = _clean_env()
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, REPO],
        timeout=300,
        env=env,
        cwd=root,
    )
    wheels = sorted(dist.glob("trustcoach-*.whl"))
    assert len(wheels) == 1, wheels
    venv = root / "venv"
    _run([sys.executable, "-m", "venv", venv], timeout=120, env=env, cwd=root)
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", wheels[0]], timeout=600, env=env, cwd=root)
    workdir = root / "work"
    workdir.mkdir()
    return Installed(wheels[0], venv, python, venv / "bin" / "trustcoach", workdir)


def _run_installed(
    installed: Installed, home: Path, *args: str | Path
) -> subprocess.CompletedProcess[str]:
    env = {**_clean_env(), "TRUSTCOACH_HOME": str(home), "TRUSTCOACH_NOW": PTY_NOW}
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        cwd=installed.workdir,
        env=env,
    )


def test_wheel_carries_the_prompt_packs(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = wheel.read(entry_points).decode()
    assert "trustcoach/prompts/ja/trust-repair.toml" in names
    assert "trustcoach/prompts/en/trust-repair.toml" in names
    assert "trustcoach/__main__.py" in names
    assert re.search(r"^trustcoach = trustcoach\.cli\.app:main$", scripts, re.MULTILINE), scripts


def test_installed_package_is_not_the_checkout(installed: Installed, isolated_home: Path) -> None:
    code = (
        "import trustcoach, trustcoach.packs.files as p; "
        "print(trustcoach.__file__); print(p.builtin_packs_dir())"
    )
    result = _run_installed(installed, isolated_home, installed.python, "-c", code)
    assert result.returncode == 0, result.stderr
    module_file, packs_dir = (Path(line) for line in result.stdout.splitlines())
    for path in (module_file, packs_dir):
        assert path.resolve().is_relative_to(installed.venv.resolve()), path
        assert not path.resolve().is_relative_to(REPO), path
    assert (packs_dir / "ja" / "trust-repair.toml").is_file()


def test_pack_show_json_in_japanese(installed: Installed, isolated_home: Path) -> None:
    result = _run_installed(
        installed,
        isolated_home,
        installed.trustcoach,
        "pack",
        "show",
        "trust-repair",
        "--lang",
        "ja",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    pack = json.loads(result.stdout)
    assert (pack["id"], pack["lang"]) == ("trust-repair", "ja")
    assert pack["version"]
    assert [step["id"] for step in pack["steps"]] == STEP_IDS
    for step in pack["steps"]:
        assert [q["id"] for q in step["questions"]] == QUESTION_IDS[step["id"]]
        assert JAPANESE.search(step["title"]), step["title"]
        for question in step["questions"]:
            assert JAPANESE.search(question["prompt"]), question["prompt"]
            assert question["kind"] == KINDS.get(question["id"], "text")
            assert isinstance(question["required"], bool)
            if question["kind"] == "rating":
                belief = "_belief_" in question["id"]  # beliefs run from 0 to 100
                assert (question["min"], question["max"]) == ((0, 100) if belief else (1, 10))
            if question["kind"] in ("choice", "multi"):
                assert all(set(c) == {"value", "label", "exclusive"} for c in question["choices"])
                assert all(JAPANESE.search(c["label"]) for c in question["choices"])


def test_version_matches_the_wheel(installed: Installed, isolated_home: Path) -> None:
    wheel_version = installed.wheel.name.split("-")[1]
    result = _run_installed(installed, isolated_home, installed.trustcoach, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"trustcoach {wheel_version}"


def test_python_dash_m_help(installed: Installed, isolated_home: Path) -> None:
    result = _run_installed(
        installed, isolated_home, installed.python, "-m", "trustcoach", "--help"
    )
    assert result.returncode == 0, result.stderr
    assert "Usage: trustcoach" in result.stdout
    for command in ("start", "resume", "pack"):
        assert re.search(rf"^\s*[│|]?\s*{command}\b", result.stdout, re.MULTILINE), command
    assert not (isolated_home / "journals").exists(), "--help must not create anything"


def test_unattended_session_from_an_answers_file(
    installed: Installed, isolated_home: Path, tmp_path: Path
) -> None:
    answers_file = tmp_path / "answers.toml"
    answers_file.write_bytes(tomli_w.dumps({"answers": ANSWERS}).encode("utf-8"))
    result = _run_installed(
        installed,
        isolated_home,
        installed.trustcoach,
        "start",
        "--lang",
        "en",
        "--answers",
        answers_file,
    )
    assert result.returncode == 0, result.stderr

    files = sorted((isolated_home / "journals").glob("*.toml"))
    assert len(files) == 1, files
    assert str(files[0]) in result.stdout
    journal = tomli.loads(files[0].read_text(encoding="utf-8"))
    assert journal["status"] == "complete"
    assert "finished_at" in journal
    assert (journal["pack"], journal["lang"]) == ("trust-repair", "en")
    assert [a["question"] for a in journal["answers"]] == [
        q for step in STEP_IDS for q in QUESTION_IDS[step]
    ]
    assert {a["question"]: a["value"] for a in journal["answers"]} == ANSWERS
    to_partner = [c for c in journal["commitments"] if c.get("toward") != "self"]
    assert [(c["text"], c["due"].isoformat()) for c in to_partner] == [
        (text, PTY_DEFAULT_DUE) for text in ANSWERS["commitments"]
    ]
    prompts = {a["question"]: a["prompt"] for a in journal["answers"]}
    assert "夫" in prompts["partner_trust"], "the partner's name is not filled into the prompt"


def test_hints_name_the_installed_program_so_that_they_run(
    installed: Installed, isolated_home: Path
) -> None:
    """Installed where the shell does not look (the README's start command), the program names
    itself by its path in every hint, and the hint runs as printed; on the PATH, it is just
    ``trustcoach``."""
    import shlex

    env = {**_clean_env(), "TRUSTCOACH_HOME": str(isolated_home), "HOME": str(installed.workdir)}
    env["PATH"] = "/usr/bin:/bin"
    stopped = subprocess.run(
        [str(installed.trustcoach), "start", "--lang", "en"],
        input="", capture_output=True, text=True, timeout=60, check=False, env=env,
    )
    assert stopped.returncode == 130, stopped.stderr
    hint = stopped.stderr.splitlines()[-1].strip()
    assert hint == f"{installed.trustcoach} start --lang en"  # with the options it was given
    words = shlex.split(hint)
    version = subprocess.run(
        [*words[: words.index("start")], "--version"],
        capture_output=True, text=True, timeout=60, check=False, env=env,
    )
    assert version.returncode == 0 and version.stdout.startswith("trustcoach ")
    env["PATH"] = f"{installed.trustcoach.parent}:/usr/bin:/bin"
    on_path = subprocess.run(
        ["trustcoach", "start", "--lang", "en"],
        input="", capture_output=True, text=True, timeout=60, check=False, env=env,
    )
    assert on_path.stderr.splitlines()[-1].strip() == "trustcoach start --lang en"
