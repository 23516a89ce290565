"""The settings mkdocs.yml takes from brand.yml and kb/project.py, read as the engine reads
mkdocs.yml.

mkdocs.yml names these functions with PyYAML's `!!python/object/apply:` tag, which MkDocs and
Zensical both honour (both read the file with PyYAML's full loader). So brand.yml's name,
colours and contact are in the configuration before either engine looks at it, and each
rebuild of a preview reads brand.yml afresh. Nothing here changes the configuration later.

A brand.yml with a mistake gives neutral values here, so that the configuration still loads
and the build's first step (kb.macros.define_env) stops with one line naming the field.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kb.load import DataError, load_brand
from kb.project import BUILD_INPUTS, CONFIG_FILE, DOCS_DIR, PROJECT
from kb.records import Brand
from kb.render import tel

# Where `mkdocs serve` and `zensical serve` show the site; the address when no other is set.
PREVIEW_ADDRESS = "http://127.0.0.1:8000/"
# What a site with a broken brand.yml is called until the build stops and says why.
UNNAMED = "(brand.yml has a mistake)"


def current_brand(project: Path = PROJECT) -> Brand | None:
    try:
        return load_brand(project)
    except DataError:
        return None


def brand_setting(name: str, language: str = "en", project: Path = PROJECT) -> Any:
    """One of brand.yml's plain settings (name, description, logo) as one edition shows it
    (mkdocs.es.yml asks for "es": the Spanish words where brand.yml has them), or None."""
    brand = current_brand(project)
    if brand is None:
        return UNNAMED if name == "name" else None
    return getattr(brand.in_language(language), name)


def site_address(project: Path = PROJECT) -> str:
    """The address the site is built for: SITE_URL when set (the Pages workflow sets the one
    GitHub serves; `dev.py offline` sets none at all), else brand.yml's own domain, else the
    local preview's."""
    if "SITE_URL" in os.environ:
        return os.environ["SITE_URL"]
    brand = current_brand(project)
    return (brand.address if brand and brand.address else None) or PREVIEW_ADDRESS


def edition_address(language: str, project: Path = PROJECT) -> str:
    """The address of one language's edition: the site's own for English, below it for the rest
    (/es/). No address stays no address: the copy that opens from disk has none."""
    base = site_address(project)
    return base if language == "en" or not base else base.rstrip("/") + f"/{language}/"


def edition_logo(language: str, project: Path = PROJECT) -> str | None:
    """brand.yml's logo as another edition reaches it: the picture is in docs/, one folder up."""
    logo = brand_setting("logo", project=project)
    return f"../{logo}" if logo and language != "en" else logo


def brand_for_templates(language: str = "en", project: Path = PROJECT) -> dict[str, Any] | None:
    """brand.yml as overrides/ reads it (config.extra.brand), in one edition's words: contact,
    colours, state."""
    brand = current_brand(project)
    if brand is None:
        return None
    brand = brand.in_language(language)
    shown = brand.model_dump(mode="json")
    if brand.contact and brand.contact.phone:
        shown["contact"]["tel"] = tel(brand.contact.phone)  # the footer's tap-to-call link
    return shown


def watched(project: Path = PROJECT) -> list[str]:
    """What a preview watches besides mkdocs.yml and docs/, which both engines always watch.
    Only what exists: both engines refuse a watch path that does not (a missing brand.yml is
    then reported by the build itself, in its own words)."""
    return [part for part in BUILD_INPUTS
            if part not in (CONFIG_FILE, DOCS_DIR) and (project / part).exists()]
