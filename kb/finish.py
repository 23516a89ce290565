"""The step after the build, for either engine: the finishing touches a built site gets.

    python -m kb.after_build [SITE_DIR]     after `zensical build` (SITE_DIR defaults to site/)

1. Every link in a page's text gets its full address, for paper (kb/printing.py).
2. The `search_words` from data go into Material's search index (kb/search.py). Only a MkDocs
   build knows them: the macros note them as pages render. Zensical writes its own index
   (search.json), which has no hidden field to take them (README: "Built to outlive its theme").
3. Once every edition is built: each page's entry in the sitemaps names its twins in the other
   languages, hreflang (kb/sitemap.py).

Under MkDocs, `on_post_build` (kb/macros.py) runs 1 and 2 with the words it collected, builds the
other editions, then runs 3; after Zensical, which runs no step after its build, the command
above does the same (kb/after_build.py). Running it twice changes nothing more.
"""

from __future__ import annotations

from pathlib import Path

from kb.build import EDITIONS
from kb.load import Problem
from kb.printing import add_print_addresses_to_site
from kb.search import SearchWords, write_keywords
from kb.sitemap import link_twins
from kb.translate import SOURCE_LANGUAGE


def finish_site(site_dir: Path, site_url: str | None, words: SearchWords | None = None) -> list[Problem]:
    """Finish a built site in place; returns search words that found no entry in the index."""
    if site_url:  # a copy that opens from disk has no address to print
        add_print_addresses_to_site(site_dir, site_url)
    if words is None:
        return []
    return [
        Problem(w.file, f"the search index has no entry '{words.location(w.place)}' to add these "
                "words to; is the page left out of search?", record=w.record, field="search_words")
        for w in write_keywords(site_dir, words)
    ]


def finish_editions(site_dir: Path, site_url: str | None) -> None:
    """After the other editions are built into site_dir: every sitemap names each page's twins."""
    folders = {SOURCE_LANGUAGE: "", **{language: f"{language}/" for language in EDITIONS}}
    link_twins(site_dir, site_url or "", folders, default=SOURCE_LANGUAGE)
