"""The commands every MkDocs and Zensical guide gives work here, as a newcomer types them.

In the activated venv (its bin/ first on PATH), from the project folder, with no PYTHONPATH and
no `python -m`: `mkdocs build --strict` and `zensical build`. The preview rebuilds when
brand.yml changes. The build benchmark still runs (a smoke run: one build at 1x).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

VENV_BIN = Path(sys.executable).parent
BANNERS = ("ProperDocs", "reaches end of life", "MkDocs may break support")


def activated_env() -> dict[str, str]:
    """What `source .venv/bin/activate` gives: the venv's commands first, nothing else set."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(VENV_BIN.parent)
    env["PYTHONWARNINGS"] = "ignore::DeprecationWarning"
    return env


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=activated_env(), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("plain") / "project")


def test_mkdocs_build_strict_works_as_typed(plain_project, tmp_path):
    result = run(["mkdocs", "build", "--strict", "-d", str(tmp_path / "out")], plain_project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "<title>OT at School</title>" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert not [b for b in BANNERS if b in output], output[:3000]


def test_zensical_build_works_as_typed(plain_project):
    result = run(["zensical", "build", "--clean"], plain_project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    home = (plain_project / "site" / "index.html").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #303fa1" in home  # brand.yml's colours, applied by Zensical too


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, pattern: str, seconds: float) -> str:
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if re.search(pattern, page):
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {pattern!r} within {seconds} s; it showed:\n{page[:1000]}")


def test_editing_brand_yml_rebuilds_the_preview(project):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # `python -m` here: the copy's own kb/ and brand.yml come first on the import path.
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=activated_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(url, r"<title>OT at School</title>", 120)
        brand = project / "brand.yml"
        brand.write_text(brand.read_text(encoding="utf-8").replace("name: OT at School", "name: Riverside OT", 1),
                         encoding="utf-8")
        wait_for(url, r"<title>Riverside OT</title>", 120)
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def test_the_build_benchmark_still_runs():
    result = subprocess.run(
        [sys.executable, "benchmarks/build_cost.py", "--scales", "1", "--repeat", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    row = re.search(r"^\s*1x\s+(\d+)\s+(\d+)\s+(\d+)\s", result.stdout, re.MULTILINE)
    assert row, result.stdout
    conditions, records, pages = map(int, row.groups())
    assert conditions == len(list((ROOT / "data/conditions").glob("*.yml"))) and records > 0 and pages > conditions


def test_the_configuration_passes_zensical_0_1s_stricter_checks():
    """Zensical 0.1 wants a site_url with a scheme and host, and every watch path to exist
    (the pinned 0.0.73 does not check yet). Unknown keys already fail MkDocs' strict build."""
    from urllib.parse import urlparse

    from kb.config import site_address, watched

    address = urlparse(site_address())
    assert address.scheme in ("http", "https") and address.netloc, site_address()
    assert all((ROOT / path).exists() for path in watched()), watched()
