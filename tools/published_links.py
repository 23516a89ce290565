"""The addresses people have been given: every page of the site and every #section in it.

Teachers paste them into emails and parents save them, so they must keep working for years.
tests/reference/published-links.txt lists them all; tests/test_links_last.py checks that each
one still leads to its page and section, and that the list is complete.

    python3 dev.py links    builds the site and adds its new pages and sections to the list

The list only grows: an address is never taken off it. When a page moves, add a redirect in
mkdocs.yml (redirect_maps); when a heading is reworded, keep its old id ({#old-id}).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "tests" / "reference" / "published-links.txt"
HEADER = """\
# Every address of the published site: its pages, and the #sections people link to.
# Links in emails and bookmarks depend on these, so none may stop working (tests/test_links_last.py).
# Add new ones with `python3 dev.py links`; never delete a line. See tools/published_links.py.
"""
REFRESH = re.compile(r"url=([^\"'>\s]+)", re.IGNORECASE)


def read_html(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def redirect_target(soup: BeautifulSoup) -> str | None:
    """Where a redirect page (mkdocs-redirects writes one per moved page) sends the reader."""
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    match = refresh and REFRESH.search(refresh.get("content", ""))
    return match.group(1) if match else None


def page_file(site: Path, address: str) -> Path:
    return site / address.lstrip("/") / "index.html" if address.endswith("/") else site / address.lstrip("/")


def real_pages(site: Path) -> list[str]:
    """Every page's address, from /, leaving out redirect pages."""
    return sorted(
        "/" + (file.parent.relative_to(site).as_posix() + "/" if file.parent != site else "")
        for file in site.rglob("index.html")
        if "assets" not in file.parts and redirect_target(read_html(file)) is None
    )


def section_ids(soup: BeautifulSoup) -> list[str]:
    """The ids a link can point to inside a page's text. Not the title's (h1): a link to the top
    of a page is the page's own address, and a title may be reworded."""
    article = soup.select_one("article")
    return [tag["id"] for tag in article.select("[id]:not(h1)")] if article else []


def published_links(site: Path) -> list[str]:
    """Every page and #section of a built site, as the list writes them."""
    links = []
    for page in real_pages(site):
        links.append(page)
        links.extend(f"{page}#{section}" for section in section_ids(read_html(page_file(site, page))))
    return links


def why_broken(site: Path, link: str) -> str | None:
    """None if the link still leads to its page and section; else what a reader would meet."""
    address, section = urldefrag(link)
    for _ in range(5):  # a page may have moved more than once
        file = page_file(site, address)
        if not file.is_file():
            return "no page there, and no redirect (add one to redirect_maps in mkdocs.yml)"
        soup = read_html(file)
        target = redirect_target(soup)
        if target is None:
            break
        address = urldefrag(urljoin(address, target))[0]
    else:
        return "redirects go round in a circle"
    if section and section not in section_ids(soup):
        return f"the page {address} has no #{section} any more (give the heading back its id: {{#{section}}})"
    return None


def read_list(file: Path = LIST) -> list[str]:
    lines = file.read_text(encoding="utf-8").splitlines() if file.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_list(links: list[str], file: Path = LIST) -> None:
    file.write_text(HEADER + "\n".join(sorted(set(links))) + "\n", encoding="utf-8")


def build(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT, check=True)


def main() -> int:
    known = read_list()
    with tempfile.TemporaryDirectory() as out:
        build(Path(out))
        new = [link for link in published_links(Path(out)) if link not in set(known)]
    write_list(known + new)
    print(f"{len(new)} new address(es) added to {LIST.relative_to(ROOT)}; {len(known) + len(new)} in all.")
    for link in new:
        print("  +", link)
    return 0


if __name__ == "__main__":
    sys.exit(main())
