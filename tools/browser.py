"""The built site served on localhost the way GitHub Pages serves it, and Debian's chromium to
read it. Shared by the browser tests (conftest.py fixtures) and `benchmarks/first_view.py`, so
the figures the benchmark prints are measured exactly as the tests measure them.
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# Debian's chromium (.ci/run installs it); else a Chrome already there, as on GitHub's runners;
# $CHROMIUM names another.
CHROMIUM = (os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
            or "/usr/bin/chromium")
# Flags that keep chromium off the network it cannot reach here (see ../.library env notes).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# GitHub Pages gzips text on the way out; images and fonts go as they are.
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


def chromium_missing_reason() -> str | None:
    if shutil.which(CHROMIUM):
        return None
    return "Debian's chromium is not installed here; .ci/run installs it (apt-get install chromium)"


def served_body(file: Path) -> bytes:
    """What a visitor downloads for one file: gzipped for text, as GitHub Pages sends it."""
    data = file.read_bytes()
    return gzip.compress(data, compresslevel=6, mtime=0) if file.suffix in COMPRESSED_TYPES else data


def served_size(file: Path) -> int:
    return len(served_body(file))


@dataclass
class SiteServer:
    """A static server on 127.0.0.1 that sends text gzipped, as GitHub Pages does (so Lighthouse
    sees what readers get), and remembers which files it sent."""

    root: Path
    sent: list[Path] = field(default_factory=list)
    url: str = ""

    def __enter__(self) -> "SiteServer":
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_head(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir() and urlsplit(self.path).path.endswith("/"):
                    path = path / "index.html"
                if not path.is_file():
                    return super().send_head()  # 404, or the redirect from /page to /page/
                server.sent.append(path)
                if path.suffix not in COMPRESSED_TYPES or "gzip" not in self.headers.get("Accept-Encoding", ""):
                    return super().send_head()
                body = served_body(path)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' ten minutes
                self.end_headers()
                return io.BytesIO(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(self.root)))
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._httpd.server_port}/"
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def first_view(browser, server: SiteServer, url_path: str, viewport=PHONE) -> dict[Path, int]:
    """Every file a first visit to one page downloads (empty cache, phone), with its served size:
    all that is fetched until the network has been quiet for half a second. The search box's
    scripts would load in that time if they did not wait for a reader to open search."""
    return visit(browser, server, url_path, viewport).files


# axe-core: every WCAG 2.2 A and AA rule and its best practices; none switched off.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def axe_violations(axe, page) -> list[str]:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at {[n['target'] for n in rule['nodes']][:3]}"
        for rule in results.response["violations"]
    ]


@dataclass(frozen=True)
class Visit:
    """One first visit to one page at one screen width: what every per-page check reads."""

    files: dict[Path, int]  # each file downloaded, with its served size
    other_hosts: frozenset[str]  # requests to anywhere but the site itself
    scroll_width: int
    axe: tuple[str, ...]


def new_tab(browser, viewport: dict):
    phone = viewport["width"] < DESKTOP["width"]
    return browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)


def look(page, axe) -> tuple[int, tuple[str, ...]]:
    """How wide the open page scrolls, and what axe finds on it."""
    width = page.evaluate("document.documentElement.scrollWidth")
    return width, tuple(axe_violations(axe, page)) if axe else ()


def visit(browser, server: SiteServer, url_path: str, viewport: dict, axe=None) -> Visit:
    """A first visit (empty cache) until the network has been quiet for half a second, then
    the page as it stands."""
    context = new_tab(browser, viewport)
    own = urlsplit(server.url).netloc
    elsewhere: set[str] = set()
    context.on("request", lambda r: elsewhere.add(r.url) if urlsplit(r.url).netloc != own
               and not r.url.startswith(("data:", "blob:")) else None)
    page = context.new_page()
    server.sent.clear()
    page.goto(server.url + url_path, wait_until="networkidle")
    files = {path: served_size(path) for path in dict.fromkeys(server.sent)}
    seen = look(page, axe)
    context.close()
    return Visit(files, frozenset(elsewhere), *seen)


def visit_in_one_tab(browser, server: SiteServer, url_paths: list[str], viewport: dict, axe=None) -> dict[str, Visit]:
    """Page after page in one tab, as a reader browses: quicker, for checks that read no downloads."""
    context = new_tab(browser, viewport)
    page = context.new_page()
    visits = {}
    for url_path in url_paths:
        page.goto(server.url + url_path)
        visits[url_path] = Visit({}, frozenset(), *look(page, axe))
    context.close()
    return visits


def render_social_card(svg: Path, png: Path) -> None:
    """The link-preview picture: chat apps and email want a PNG, editors want to edit an SVG.
    `python3 dev.py card` calls this after a change to the SVG."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        page = chromium.new_page(viewport={"width": 1200, "height": 630})
        page.goto(svg.resolve().as_uri())
        page.screenshot(path=str(png))
        chromium.close()
