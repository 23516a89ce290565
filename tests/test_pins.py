"""Every package the site and the tests install is pinned, so every machine builds the same site.

Each requirements file is installed with --no-deps into a fresh virtual environment: a package
that a pinned one needs but the file leaves out is then missing, and `pip check` names it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT

REQUIREMENTS = ("requirements.txt", "requirements-test.txt")


def pins(file: Path) -> list[str]:
    lines = [line.strip() for line in file.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith(("#", "-r"))]


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_every_line_is_an_exact_version(name):
    loose = [line for line in pins(ROOT / name) if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line)]
    assert not loose, f"{name}: pin these to one version (name==version): {loose}"


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_the_pins_are_complete(name, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    # --no-compile: no .pyc files, which pip check does not need (half the install's time).
    install = subprocess.run([*pip, "install", "--quiet", "--no-deps", "--no-compile", "-r", str(ROOT / name)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    check = subprocess.run([*pip, "check"], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, f"{name} leaves out what its packages need:\n{check.stdout}{check.stderr}"
