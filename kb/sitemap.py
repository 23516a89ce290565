"""Each page's twins in the other languages, in the sitemaps, for search engines.

Every page has a twin at the same address below each other edition's folder (/es/), so a search
engine can show a Spanish reader the Spanish page. Google reads that from `<link rel=alternate
hreflang>`, in a page's <head> or in the sitemap. Not in <head>: Material's script fetches the
sitemap.xml of every such link on every page load (overrides/main.html). So after every edition
is built, each <url> of each edition's sitemap.xml gets, per Google's sitemap format, one
`<xhtml:link rel="alternate" hreflang="…" href="…"/>` for every edition that has the page, itself
included, and `x-default` for the English. sitemap.xml.gz, if the engine wrote one, follows.

Each edition keeps its own sitemap (MkDocs and Zensical each write one per build). A page whose
twin is missing (not translated yet) lists only the editions that have it; alone, it lists none.
Running this twice gives the same files.
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# The page search engines show a reader whose language has no edition: the English.
DEFAULT = "x-default"


def edition_address(site_url: str, folder: str) -> str:
    """'https://x.org/ot/' and 'es/' → 'https://x.org/ot/es/'; '' is the English, at the root."""
    return site_url.rstrip("/") + "/" + folder


def pages_by_edition(sitemaps: dict[str, str], site_url: str, folders: dict[str, str]) -> dict[str, set[str]]:
    """Each edition's pages, as addresses relative to its own folder ('' is its home page)."""
    pages = {}
    for language, text in sitemaps.items():
        base = edition_address(site_url, folders[language])
        locs = [loc.text.strip() for loc in ET.fromstring(text).iter(f"{{{SITEMAP_NS}}}loc") if loc.text]
        pages[language] = {loc.removeprefix(base) for loc in locs if loc.startswith(base)}
    return pages


def alternates(page: str, pages: dict[str, set[str]], site_url: str, folders: dict[str, str],
               default: str) -> dict[str, str]:
    """hreflang → address of `page` ('conditions/autism/') in every edition that has it."""
    found = {language: edition_address(site_url, folders[language]) + page
             for language in folders if page in pages.get(language, ())}
    if len(found) < 2:  # a page alone in its language has no alternate to name
        return {}
    return {**found, DEFAULT: found[default]} if default in found else found


def with_alternates(text: str, language: str, pages: dict[str, set[str]], site_url: str,
                    folders: dict[str, str], default: str) -> str:
    """One edition's sitemap.xml, each <url> with its alternates (replacing any it had)."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.fromstring(text)
    base = edition_address(site_url, folders[language])
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        for old in url.findall(f"{{{XHTML_NS}}}link"):
            url.remove(old)
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "").strip()
        if not loc.startswith(base):
            continue
        for hreflang, href in alternates(loc.removeprefix(base), pages, site_url, folders, default).items():
            ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=href)
    ET.indent(root, space="    ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def gzip_beside(sitemap: Path) -> None:
    """Rewrite sitemap.xml.gz from sitemap.xml, keeping the time the engine stamped in it."""
    packed = sitemap.with_name(sitemap.name + ".gz")
    if not packed.is_file():
        return  # Zensical writes none
    stamp = int.from_bytes(packed.read_bytes()[4:8], "little")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=packed.name, mode="wb", mtime=stamp) as out:
        out.write(sitemap.read_bytes())
    packed.write_bytes(buffer.getvalue())


def link_twins(site_dir: Path, site_url: str, folders: dict[str, str], default: str) -> int:
    """Add the alternates to every edition's sitemap in site_dir (folders: language → '' or
    'es/'); returns how many sitemaps it rewrote. A copy with no address (offline) has none to name."""
    files = {language: site_dir / folder / SITEMAP for language, folder in folders.items()}
    sitemaps = {language: file.read_text(encoding="utf-8") for language, file in files.items() if file.is_file()}
    if not site_url or len(sitemaps) < 2:
        return 0
    pages = pages_by_edition(sitemaps, site_url, folders)
    for language, text in sitemaps.items():
        files[language].write_text(with_alternates(text, language, pages, site_url, folders, default), encoding="utf-8")
        gzip_beside(files[language])
    return len(sitemaps)
