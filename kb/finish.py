"""The step after the build, for either engine: the finishing touches a built site gets.

    python -m kb.after_build [SITE_DIR]     after `zensical build` (SITE_DIR defaults to site/)

1. Every link in a page's text gets its full address, for paper (kb/printing.py).
2. The `search_words` from data go into Material's search index (kb/search.py). Only a MkDocs
   build knows them: the macros note them as pages render. Zensical writes its own index
   (search.json), which has no hidden field to take them (README: "Built to outlive its theme").

Under MkDocs, `on_post_build` (kb/macros.py) runs this with the words it collected; after
Zensical, which runs no step after its build, the command above runs it. Running it twice
changes nothing more.
"""

from __future__ import annotations

from pathlib import Path

from kb.load import Problem
from kb.printing import add_print_addresses_to_site
from kb.search import SearchWords, write_keywords


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
