"""One entry point for working on the site, needing only Python 3.11+.

    python3 dev.py serve      the site with live reload at http://127.0.0.1:8000
    python3 dev.py test       the whole test suite (extra words go to pytest)
    python3 dev.py build      a strict build of both editions into site/ (Spanish in site/es/)
                              (--zensical: with Zensical, Material's successor)
    python3 dev.py stale      Spanish texts that lag behind their English, and how to mark them current
    python3 dev.py offline    ot-at-school-offline.zip: a copy of the site that opens from disk
    python3 dev.py bench      build cost for the real data and for 10x and 100x as much, each
                              page's first-view bytes, and Lighthouse scores for two pages
    python3 dev.py grades     the reading grade of every page, hardest first (the limit is 8), and the
                              Spanish edition's reading ease (60 or more)
    python3 dev.py review     every page's review dates, overdue first, and the file to edit to
                              mark each reviewed (--today YYYY-MM-DD to look ahead)
    python3 dev.py schemas    rewrite data/schemas/ after a change to kb/records.py
    python3 dev.py links      add new pages and #sections to tests/reference/published-links.txt
    python3 dev.py card       redraw the link-preview picture after a change to its SVG

Each command creates or reuses the virtual environment .venv/ and installs the pinned
requirements into it when they changed, so nothing is installed by hand.
This file uses the standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
SITE_REQUIREMENTS = ROOT / "requirements.txt"
TEST_REQUIREMENTS = ROOT / "requirements-test.txt"
# Records which requirements file, at which content, is installed in .venv.
STAMP = VENV / "installed-requirements.sha256"
# Puts the project folder on the venv's import path, so that the plain commands (`mkdocs serve`,
# `mkdocs build`, `zensical build`) find the project's `kb` package, as mkdocs.yml needs.
PROJECT_PATH_FILE = "ot-at-school-project.pth"
OFFLINE_ZIP = ROOT / "ot-at-school-offline.zip"
# Material's offline plugin on (page.html addresses, the search index as a script), and no site
# address: a copy on a USB stick has none, so its pages claim no canonical address.
OFFLINE_BUILD_ENV = {"OFFLINE": "true", "SITE_URL": ""}
# Left out of the copy: what only a web host reads (a copy opened from disk never shows a
# "not found" page), and the source maps only a developer's tools read (1.2 MB).
WEB_HOST_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def requirements_digest(requirements: Path) -> str:
    text = requirements.read_bytes()
    if requirements == TEST_REQUIREMENTS:
        text += SITE_REQUIREMENTS.read_bytes()
    return f"{requirements.name}:{hashlib.sha256(text).hexdigest()}"


def ensure_venv(requirements: Path) -> Path:
    """Create .venv if needed and install `requirements` if they are not installed yet."""
    python = venv_python()
    if not python.exists():
        print(f"Creating the virtual environment {VENV.name}/ ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(
                f"Could not create {VENV}: {error}\n"
                "On Debian or Ubuntu, install the venv module first: sudo apt install python3-venv"
            )
    wanted = requirements_digest(requirements)
    installed = STAMP.read_text().split() if STAMP.exists() else []
    # The test requirements include the site's, so they satisfy a request for the site's.
    satisfied = wanted in installed or (
        requirements == SITE_REQUIREMENTS and requirements_digest(TEST_REQUIREMENTS) in installed
    )
    if not satisfied:
        print(f"Installing {requirements.name} into {VENV.name}/ ...", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", str(requirements)],
            check=True,
        )
        STAMP.write_text(wanted + "\n")
    put_project_on_import_path(python)
    return python


def put_project_on_import_path(python: Path) -> None:
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    path_file = Path(site_packages) / PROJECT_PATH_FILE
    if not path_file.is_file() or path_file.read_text(encoding="utf-8").strip() != str(ROOT):
        path_file.write_text(f"{ROOT}\n", encoding="utf-8")


def run(python: Path, *args: str) -> int:
    env = dict(os.environ)
    # Material and the redirects plugin (ProperDocs) print long banners about MkDocs' future on
    # every build; the README explains the plan. Each banner names the variable that silences it.
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    return subprocess.call([str(python), *args], cwd=ROOT, env=env)


def zip_site(site: Path, target: Path) -> None:
    """The built copy in one folder inside the zip, so unzipping it makes one folder."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in sorted(site.rglob("*")):
            if file.is_file() and belongs_in_offline_copy(file.relative_to(site)):
                archive.write(file, Path("ot-at-school") / file.relative_to(site))


def belongs_in_offline_copy(path: Path) -> bool:
    # By name: each edition (es/ too) has its own "not found" page and sitemap.
    return path.name not in WEB_HOST_ONLY and path.suffix != ".map"


def build_offline(python: Path) -> int:
    """Build the copy that opens from disk (tests/test_offline.py opens it) and zip it."""
    os.environ.update(OFFLINE_BUILD_ENV)
    with tempfile.TemporaryDirectory() as out:
        failed = run(python, "-m", "mkdocs", "build", "--strict", "-d", out)
        if failed:
            return failed
        zip_site(Path(out), OFFLINE_ZIP)
    size = OFFLINE_ZIP.stat().st_size / 1_000_000
    print(f"Wrote {OFFLINE_ZIP} ({size:.1f} MB). Unzip it and open ot-at-school/index.html.")
    return 0


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command == "serve":
        python = ensure_venv(SITE_REQUIREMENTS)
        return run(python, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *rest)
    if command == "build" and "--zensical" in rest:
        # Zensical is in the test requirements. It runs no step after its build: run ours, which
        # builds the Spanish edition into site/es/ with Zensical too (kb/after_build.py).
        python = ensure_venv(TEST_REQUIREMENTS)
        return run(python, "-m", "zensical", "build", "--clean") or run(python, "-m", "kb.after_build", "site")
    if command == "build":
        python = ensure_venv(SITE_REQUIREMENTS)  # both editions: the Spanish builds into site/es/ after
        return run(python, "-m", "mkdocs", "build", "--strict", *rest)
    if command == "stale":
        python = ensure_venv(SITE_REQUIREMENTS)
        return run(python, "-c", "import sys, kb.translate; sys.exit(kb.translate.main(sys.argv[1:]))", *rest)
    if command == "offline":
        return build_offline(ensure_venv(SITE_REQUIREMENTS))
    if command == "test":
        python = ensure_venv(TEST_REQUIREMENTS)
        return run(python, "-m", "pytest", *rest)
    if command == "bench":
        # The test requirements: first_view.py drives chromium through Playwright.
        python = ensure_venv(TEST_REQUIREMENTS)
        return (run(python, "benchmarks/build_cost.py", *rest)
                or run(python, "benchmarks/first_view.py")
                or run(python, "benchmarks/lighthouse.py"))
    if command == "grades":
        python = ensure_venv(TEST_REQUIREMENTS)
        with tempfile.TemporaryDirectory() as out:
            return (run(python, "-m", "mkdocs", "build", "--strict", "-d", out)
                    or run(python, "tools/readability.py", out, "-v")
                    or run(python, "tools/readability.py", f"{out}/es", "--spanish"))
    if command == "review":
        python = ensure_venv(SITE_REQUIREMENTS)
        return run(python, "-c", "import sys, kb.review; sys.exit(kb.review.main(sys.argv[1:]))", *rest)
    if command == "schemas":
        python = ensure_venv(SITE_REQUIREMENTS)
        return run(python, "-m", "kb.schemas", *rest)
    if command == "links":
        python = ensure_venv(TEST_REQUIREMENTS)
        return run(python, "tools/published_links.py")
    if command == "card":
        python = ensure_venv(TEST_REQUIREMENTS)  # Playwright and Debian's chromium draw it
        card = "overrides/assets/kb/social-card"
        return run(python, "-c", "import sys; from pathlib import Path; sys.path.insert(0, 'tools'); "
                   f"import browser; browser.render_social_card(Path('{card}.svg'), Path('{card}.png'))")
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
