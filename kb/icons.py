"""Icons from the theme's own bundled set, drawn inline, so a badge needs no font, no request and
no colour to be understood.

An editor names an icon as Material's documentation does: `material/check-all` is the file
`.icons/material/check-all.svg` in the theme (https://squidfunk.github.io/mkdocs-material/
reference/icons-emojis/ lists them all, searchable). Material and Zensical each ship the same
folder; either one installed is enough.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import re
from pathlib import Path

# Set and name, lower-case words joined by hyphens: material/check-all, fontawesome/solid/check.
ICON_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)+$")
THEMES = ("material", "zensical")


@functools.cache
def icon_folders() -> tuple[Path, ...]:
    folders = []
    for theme in THEMES:
        spec = importlib.util.find_spec(theme)
        if spec and spec.origin:
            folder = Path(spec.origin).parent / "templates" / ".icons"
            if folder.is_dir():
                folders.append(folder)
    return tuple(folders)


def icon_file(name: str) -> Path | None:
    if not ICON_NAME.match(name):
        return None
    return next((f / f"{name}.svg" for f in icon_folders() if (f / f"{name}.svg").is_file()), None)


def check_icon(name: str) -> str:
    """The record's rule for an icon: a name the theme has. A ValueError names what is wrong."""
    if not ICON_NAME.match(name):
        raise ValueError(f"{name!r} is not an icon name; write it as Material's list of icons does, "
                         "e.g. material/check-all")
    if icon_folders() and icon_file(name) is None:  # no theme installed: nothing to check against
        close = difflib.get_close_matches(name, icons_in_set(name.split("/")[0]), n=1)
        hint = f"did you mean '{close[0]}'? Or find" if close else "find"
        raise ValueError(f"{name!r} is not one of the theme's icons; {hint} one at "
                         "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/")
    return name


def icons_in_set(icon_set: str) -> list[str]:
    """Every icon of one set (material, fontawesome ...), by the name an editor writes."""
    return sorted({f"{file.relative_to(folder).with_suffix('').as_posix()}"
                   for folder in icon_folders() for file in (folder / icon_set).rglob("*.svg")})


@functools.cache
def icon_svg(name: str) -> str:
    """The icon as inline SVG, hidden from screen readers (the words beside it say what it
    means), sized to the text around it, in the text's colour."""
    file = icon_file(name)
    if file is None:
        return ""
    svg = file.read_text(encoding="utf-8").strip()
    svg = re.sub(r'^<svg\s+xmlns="http://www\.w3\.org/2000/svg"', "<svg", svg)
    return svg.replace("<svg", '<svg class="kb-icon" aria-hidden="true" focusable="false" width="1em" height="1em"', 1)
