"""The project folder, and the one list of what a build reads.

The tests copy these parts to build a changed copy, the benchmark copies them to build N times
the data, and `watch:` in mkdocs.yml lists them (through kb.config.watched), so a preview
rebuilds when any of them changes. A file the build starts to read goes here, and only here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONFIG_FILE = "mkdocs.yml"
DOCS_DIR = "docs"
BUILD_INPUTS = (
    CONFIG_FILE,
    "brand.yml",
    DOCS_DIR,
    "data",
    "overrides",
    "kb",
    # The project's checked list of facts: rules and numbers beside a citation must be in it.
    "tests/reference/facts.md",
    # The Spanish edition: its configuration (the rest comes from mkdocs.yml) and its pages.
    "mkdocs.es.yml",
    "docs-es",
)


def copy_project(target: Path, source: Path = PROJECT) -> Path:
    """A copy of what a build reads, to build changed or scaled without touching the original."""
    target.mkdir(parents=True, exist_ok=True)
    for part in BUILD_INPUTS:
        original = source / part
        if original.is_dir():
            shutil.copytree(original, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif original.is_file():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(original, target / part)
    return target
