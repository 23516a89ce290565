"""GitHub Pages: a fork publishes at a project address, https://ORG.github.io/REPO/, so every
link and file must stay under /REPO/, the "not found" page included; and the workflow tests,
builds for the repository's own address and deploys.

GitHub Pages sends 404.html for ANY missing address, however deep (/REPO/a/b/c/), so a relative
link on it would point somewhere different each time. MkDocs writes that page's links from
site_url's path instead (/REPO/assets/...), which works from every depth: the tests check that.
"""

from __future__ import annotations

import functools
import io
import json
import re
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from browser import PHONE
from conftest import ROOT, quiet_env, sitemap_alternates

SUB_PATH = "/ot-kb/"
SITE_URL = "https://example-org.github.io" + SUB_PATH
# Where GitHub Pages would show 404.html: any address under the site that has no page.
MISSING = "some/deep/missing/page/"
NOT_ADDRESSES = ("mailto:", "tel:", "javascript:", "data:", "#")
# Meta tags whose content is an address that chat apps and search engines follow.
ADDRESS_META = ("og:url", "og:image", "twitter:image")


def build(out: Path, **env: str) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT, env=quiet_env() | env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"the build for {env} failed:\n{result.stderr[-4000:]}"
    return out


@pytest.fixture(scope="module")
def web_root(tmp_path_factory) -> Path:
    """A folder standing for the host: the site built for SITE_URL lives in its ot-kb/."""
    root = tmp_path_factory.mktemp("pages")
    build(root / SUB_PATH.strip("/"), SITE_URL=SITE_URL)
    return root


@pytest.fixture(scope="module")
def sub_path_site(web_root) -> Path:
    return web_root / SUB_PATH.strip("/")


def address_of(html_file: Path, site: Path) -> str:
    """Where a reader's browser has the page: 404.html at some missing address."""
    relative = html_file.relative_to(site).as_posix()
    if relative == "404.html":
        return SITE_URL + MISSING
    return SITE_URL + relative.removesuffix("index.html")


def references(soup: BeautifulSoup) -> list[str]:
    """Every address the page hands the browser: links, scripts, styles, pictures, the favicon,
    the canonical address, link-preview tags, and the search settings Material reads."""
    found = [tag[attribute] for attribute in ("href", "src") for tag in soup.find_all(attrs={attribute: True})]
    found += [part.split()[0] for tag in soup.find_all(srcset=True) for part in tag["srcset"].split(",")]
    found += [tag["content"] for tag in soup.find_all("meta", content=True)
              if (tag.get("property") or tag.get("name")) in ADDRESS_META]
    config = soup.find(id="__config")
    if config:
        settings = json.loads(config.string)
        found += [settings["base"], settings["search"]]
    return [ref for ref in found if not ref.startswith(NOT_ADDRESSES)]


def why_outside(ref: str, page: str, site: Path) -> str | None:
    """Why one address, read on `page`, is not a file of the site under the sub-path (or None)."""
    target = urlsplit(urljoin(page, ref))
    if target.netloc != urlsplit(SITE_URL).netloc:
        return None  # another site: a source, the licence
    if not target.path.startswith(SUB_PATH):
        return f"{ref} leads to {target.path}, outside {SUB_PATH}"
    file = site / target.path.removeprefix(SUB_PATH)
    if target.path.endswith("/"):
        file = file / "index.html"
    return None if file.is_file() else f"{ref} leads to {target.path}, which the site does not have"


def test_every_link_and_file_of_every_page_stays_under_the_sub_path(sub_path_site):
    problems = []
    pages = sorted(sub_path_site.rglob("*.html"))
    assert sub_path_site / "404.html" in pages
    for file in pages:
        page = address_of(file, sub_path_site)
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        problems += [f"{file.relative_to(sub_path_site)}: {why}" for ref in references(soup)
                     if (why := why_outside(ref, page, sub_path_site))]
    assert not problems, "\n".join(problems[:40])


def test_the_not_found_page_uses_no_relative_address(sub_path_site):
    """Relative links on 404.html would resolve against whatever address was mistyped."""
    soup = BeautifulSoup((sub_path_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    refs = references(soup)
    assert len(refs) > 20  # styles, scripts and the menu
    relative = [ref for ref in refs if not re.match(r"https?://|/", ref)]
    assert not relative, relative


def test_pages_name_their_full_address_under_the_sub_path(sub_path_site):
    """Search engines and link previews get the address a teacher would paste."""
    soup = BeautifulSoup((sub_path_site / "conditions/autism/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == SITE_URL + "conditions/autism/"
    assert soup.find("meta", property="og:url")["content"] == SITE_URL + "conditions/autism/"
    sitemap = (sub_path_site / "sitemap.xml").read_text(encoding="utf-8")
    addresses = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert addresses and all(address.startswith(SITE_URL) for address in addresses)
    # Each edition's sitemap names every page's twins (hreflang) at their full addresses too.
    for folder, language in (("", "en"), ("es/", "es")):
        entries = sitemap_alternates((sub_path_site / folder / "sitemap.xml").read_text(encoding="utf-8"))
        assert entries[SITE_URL + folder + "conditions/autism/"] == {
            "en": SITE_URL + "conditions/autism/", "es": SITE_URL + "es/conditions/autism/",
            "x-default": SITE_URL + "conditions/autism/"}, language
        assert all(href.startswith(SITE_URL) for links in entries.values() for href in links.values())


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves the folder as GitHub Pages does: a missing address under the site gets the
    site's 404.html, with status 404."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        url_path = urlsplit(self.path).path
        if path.exists() or not url_path.startswith(SUB_PATH):
            return super().send_head()
        body = (Path(self.directory) / SUB_PATH.strip("/") / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def pages_host(root: Path):
    """The web root on 127.0.0.1; yields the site's address there (http://127.0.0.1:PORT/ot-kb/)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def hosted(web_root):
    with pages_host(web_root) as address:
        yield address


@pytest.fixture()
def phone(browser):
    """A phone that notes every request the site could not answer."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}"))
    yield page, failed
    context.close()


def test_pages_under_the_sub_path_load_every_file(phone, hosted):
    page, failed = phone
    for path in ("", "conditions/autism/"):
        page.goto(hosted + path, wait_until="networkidle")
        assert page.locator("article h1").first.is_visible()
    assert not failed, failed


def test_search_works_under_the_sub_path(phone, hosted):
    page, failed = phone
    page.goto(hosted)
    page.click("label.md-header__button[for='__search']")
    page.focus(".md-search__input")
    page.keyboard.type("handwriting", delay=20)
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href").startswith(hosted)
    first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(hosted + "conditions/")
    assert not failed, failed


def test_the_not_found_page_deep_under_the_sub_path_has_its_styles_and_working_links(phone, hosted):
    page, failed = phone
    response = page.goto(hosted + "nope/deep/", wait_until="networkidle")
    assert response.status == 404
    failed.remove(f"404 {hosted}nope/deep/")  # the page itself: GitHub Pages says 404 too
    assert not failed, failed
    # Material's stylesheet pins the header; without it the header is an ordinary block.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    # Material's script ran (it marks the page "js") and the search box has its settings.
    assert page.evaluate("document.documentElement.classList.contains('js')")
    links = page.eval_on_selector_all("a[href]", "links => [...new Set(links.map(a => a.href))]")
    own = [link.split("#")[0] for link in links if link.startswith(hosted)]
    assert len(own) > 20
    broken = [link for link in own if page.request.get(link).status != 200]
    assert not broken, broken


# --- The one "not found" page, for both editions ------------------------------------------------
# GitHub Pages sends the root 404.html for /es/... too: it speaks both languages.
NOT_FOUND_WORDS = {"en": "Page not found", "es": "Página no encontrada"}


def not_found_parts(soup: BeautifulSoup) -> dict[str, BeautifulSoup]:
    return {part["lang"]: part for part in soup.select("article .kb-not-found > section[lang]")}


def test_the_not_found_page_speaks_both_languages_and_leads_to_both_homes(sub_path_site):
    soup = BeautifulSoup((sub_path_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en"
    parts = not_found_parts(soup)
    assert list(parts) == ["en", "es"]  # English first without script: the root is the English edition's
    homes = {"en": SUB_PATH, "es": SUB_PATH + "es/"}
    for language, part in parts.items():
        assert part.select_one("h1, h2").get_text(strip=True) == NOT_FOUND_WORDS[language]
        links = [a["href"] for a in part.select("a[href]")]
        assert links == [homes[language], homes[language] + "?q="], language  # the home page, and its search open
        assert {a["hreflang"] for a in part.select("a[href]")} == {language}
    assert parts["en"].h1 and parts["es"].h2  # one title


def test_a_missing_spanish_address_shows_the_spanish_first_and_its_links_work(phone, hosted):
    page, failed = phone
    for missing, first in (("es/nope/deep/", "es"), ("nope/deep/", "en")):
        response = page.goto(hosted + missing, wait_until="networkidle")
        assert response.status == 404
        failed.remove(f"404 {hosted}{missing}")
        order = page.eval_on_selector_all(".kb-not-found > section", "parts => parts.map(p => p.lang)")
        assert order == [first, "es" if first == "en" else "en"], missing
        assert page.locator("article h1").inner_text() == NOT_FOUND_WORDS[first]
        assert page.locator("article h1").count() == 1
        assert page.title().startswith(NOT_FOUND_WORDS[first])
    # The Spanish search link opens the Spanish edition with its search box open.
    page.goto(hosted + "es/nope/", wait_until="networkidle")
    failed.remove(f"404 {hosted}es/nope/")
    page.get_by_role("link", name="Buscar en el sitio en español").click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(hosted + "es/")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.evaluate("document.getElementById('__search').checked")
    assert not failed, failed


def test_without_javascript_the_not_found_page_shows_both_languages(browser, hosted):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(hosted + "es/nope/")
    for language, words in NOT_FOUND_WORDS.items():
        part = page.locator(f".kb-not-found > section[lang={language}]")
        assert part.is_visible() and words in part.inner_text()
    context.close()


def workflow() -> dict:
    """The workflow as GitHub reads it. PyYAML reads the key `on` as True."""
    return yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))


def step_using(job: dict, action: str) -> dict:
    steps = [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]
    assert steps, f"no step uses {action}"
    return steps[0]


def test_the_workflow_tests_builds_for_its_own_address_and_deploys():
    """A structural check: the best that can be done without GitHub itself. It reads the jobs
    and steps as GitHub would, not what GitHub's services do with them."""
    flow = workflow()
    jobs = flow["jobs"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 dev.py test" in readme
    assert any(step.get("run") == "python3 dev.py test" for step in jobs["test"]["steps"])
    assert "push" in flow[True] and "pull_request" in flow[True]

    build_job = jobs["build"]
    assert build_job["needs"] == "test"  # nothing is published unless the tests pass
    assert "pull_request" in build_job["if"]  # a pull request is tested, never published
    pages = step_using(build_job, "actions/configure-pages")
    builds = [step for step in build_job["steps"] if "dev.py build" in step.get("run", "")]
    assert builds, "no step runs `python3 dev.py build`"
    assert build_job["steps"].index(pages) < build_job["steps"].index(builds[0])
    assert builds[0]["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    assert step_using(build_job, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert "site_dir" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # so MkDocs builds into site/

    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    step_using(deploy, "actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_workflow_fails_rather_than_skip_the_browser_tests_without_a_browser():
    """tools/browser.py uses `chromium`, else `google-chrome`: GitHub's Ubuntu runners have both
    (Chromium unpacked from Google's snapshots, not Ubuntu's snap). Without either, the browser
    tests would be skipped and the run would still pass."""
    steps = workflow()["jobs"]["test"]["steps"]
    runs = [step.get("run", "") for step in steps]
    check = next(i for i, run in enumerate(runs) if "chromium --version" in run and "google-chrome --version" in run)
    assert check < runs.index("python3 dev.py test")
