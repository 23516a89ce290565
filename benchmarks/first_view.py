"""What a first visit to each page downloads, measured in Debian's chromium as the tests measure it.

For every page of the built site it prints one row: the requests a first visit makes (empty
cache, phone screen), the kilobytes transferred (text gzipped, as GitHub Pages sends it) and the
largest file among them; largest pages first. Then the largest and the median page, each as a
share of the 100 KB first-view budget that the tests enforce.

    python3 dev.py bench                               with the other benchmarks
    python benchmarks/first_view.py [--site DIR]       alone; without --site it builds the site

The measuring is tools/browser.py's `first_view`, the same code the budget test runs. This is a
benchmark, not a test: it prints figures and passes no judgement on them. Without chromium or
Playwright it prints why and skips; it exits non-zero only when the build fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # the browser helpers the tests use too

from browser import SiteServer, chromium_missing_reason, first_view, launch_chromium  # noqa: E402

import build_cost  # noqa: E402  (beside this file)

BUDGET_BYTES = 100 * 1024


@dataclass(frozen=True)
class PageView:
    page: str
    files: dict[Path, int]  # every file downloaded, with its served size in bytes

    @property
    def total(self) -> int:
        return sum(self.files.values())

    @property
    def largest(self) -> tuple[Path, int]:
        return max(self.files.items(), key=lambda item: item[1])


@contextmanager
def built_site(site: Path | None):
    """The site in `site`, or a fresh strict build of the project in a temporary folder."""
    if site is not None:
        yield site.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="kb-first-view-") as tmp:
        print("Building the site ...", file=sys.stderr, flush=True)
        build_cost.build_once(ROOT, Path(tmp) / "site")
        yield Path(tmp) / "site"


def page_paths(site: Path) -> list[str]:
    """Each page's address below the site root ("" is the home page), as the tests list them."""
    return sorted(
        index.parent.relative_to(site).as_posix() + "/" if index.parent != site else ""
        for index in site.rglob("index.html")
        if "assets" not in index.relative_to(site).parts
    )


def measure_pages(site: Path) -> list[PageView]:
    from playwright.sync_api import sync_playwright

    with SiteServer(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            return [PageView(page, first_view(browser, server, page)) for page in page_paths(site)]
        finally:
            browser.close()


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def share(size: float) -> str:
    return f"{size / BUDGET_BYTES:.0%}"


def file_label(file: Path, size: int, site: Path) -> str:
    return f"{file.relative_to(site).as_posix()} ({kb(size)} KB)"


def print_table(views: list[PageView], site: Path) -> None:
    header = ("page", "requests", "KB gz", "largest file")
    rows = [
        ("/" + v.page, str(len(v.files)), kb(v.total), file_label(*v.largest, site))
        for v in sorted(views, key=lambda v: v.total, reverse=True)
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    for line in (header, tuple("-" * w for w in widths), *rows):
        # Numbers right-aligned, names left-aligned.
        print("  ".join(cell.rjust(w) if i in (1, 2) else cell.ljust(w)
                        for i, (cell, w) in enumerate(zip(line, widths))).rstrip())


def print_summary(views: list[PageView]) -> None:
    largest = max(views, key=lambda v: v.total)
    median = statistics.median(v.total for v in views)
    print(f"{len(views)} pages; budget {kb(BUDGET_BYTES)} KB per first view")
    print(f"largest: /{largest.page} {kb(largest.total)} KB = {share(largest.total)} of the budget")
    print(f"median:  {kb(median)} KB = {share(median)} of the budget")


def skip_reason() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (it comes with requirements-test.txt)"
    return chromium_missing_reason()


def parse_args(argv: list[str], description: str = __doc__) -> argparse.Namespace:
    """The benchmarks' one option: --site, a site built already (lighthouse.py uses it too)."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--site", type=Path, metavar="DIR",
                        help="a site already built with `mkdocs build` (default: build one now)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    reason = skip_reason()
    if reason:
        print(f"first_view: skipped: {reason}")
        return 0
    with built_site(args.site) as site:
        views = measure_pages(site)
        print_table(views, site)
    print_summary(views)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
