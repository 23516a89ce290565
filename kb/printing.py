"""Web addresses for paper: each link in a page's text gets its full address, for print.css.

On paper a link is only its words. print.css prints the address after each link, but CSS can
only print the `href` as written, and MkDocs writes links between pages relative ("../rights/"),
which means nothing on paper. So after the build, every link in a page's <article> gets a
`data-kb-address` attribute holding its full address, made from `site_url` (the address the
site is published at, the same one its canonical links and sitemap use). This needs no
JavaScript, and a page printed from a local preview still shows the published addresses.

Links within the page (#…) get none, nor does a link whose words already are its address.
The <article> is marked `data-kb-addresses`, so print.css can fall back to printing `href` for
outside links where this step has not run (kb/finish.py runs it after either engine).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

ARTICLE = re.compile(r"(<article\b[^>]*)(>)(.*?)(</article>)", re.DOTALL)
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
HREF = re.compile(r'\bhref="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
NO_ADDRESS = ("#", "mailto:", "tel:", "javascript:")


def link_words(inner_html: str) -> str:
    return " ".join(html.unescape(TAG.sub("", inner_html)).split())


def full_address(href: str, page_address: str) -> str | None:
    """The address to print after a link, or None when paper needs none."""
    if not href or href.startswith(NO_ADDRESS):
        return None
    return urljoin(page_address, href)


def with_address(link: re.Match, page_address: str) -> str:
    attributes, words = link.group(1), link.group(2)
    href = HREF.search(attributes)
    address = full_address(html.unescape(href.group(1)), page_address) if href else None
    if address is None or link_words(words) in (address, address.rstrip("/")):
        return link.group(0)
    return f'<a{attributes} data-kb-address="{html.escape(address)}">{words}</a>'


def add_print_addresses(page_html: str, page_address: str) -> str:
    def article(match: re.Match) -> str:
        if "data-kb-addresses" in match.group(1):  # finished already: the step may run twice
            return match.group(0)
        links = LINK.sub(lambda link: with_address(link, page_address), match.group(3))
        return f"{match.group(1)} data-kb-addresses{match.group(2)}{links}{match.group(4)}"

    return ARTICLE.sub(article, page_html, count=1)


def page_address_of(html_file: Path, site_dir: Path, site_url: str) -> str:
    """'<site>/rights/index.html' → 'https://…/rights/'; '<site>/404.html' → 'https://…/404.html'."""
    relative = html_file.relative_to(site_dir).as_posix()
    return site_url.rstrip("/") + "/" + relative.removesuffix("index.html")


def add_print_addresses_to_site(site_dir: Path, site_url: str) -> int:
    """Rewrite every built page in place; returns how many pages it changed."""
    changed = 0
    for file in sorted(site_dir.rglob("*.html")):
        if "assets" in file.relative_to(site_dir).parts:
            continue
        before = file.read_text(encoding="utf-8")
        after = add_print_addresses(before, page_address_of(file, site_dir, site_url))
        if after != before:
            file.write_text(after, encoding="utf-8")
            changed += 1
    return changed
