"""Lighthouse scores for the home page and a condition page, as a phone on a mobile network sees them.

Runs the Lighthouse pinned in benchmarks/package.json, with the Node pinned beside it (Lighthouse
13 needs Node 22.19 or newer; on older Node some of its audits crash), against the built site
served on localhost by tools/browser.py's SiteServer, in Debian's chromium. Mobile is
Lighthouse's default form factor. For each page it prints the performance, accessibility, best
practices and SEO scores (0-100; the aim is 100), then the title of every audit in those
categories that scored below 1, or could not run, so they can be fixed.

    python3 dev.py bench                              with the other benchmarks
    python benchmarks/lighthouse.py [--site DIR]      alone; without --site it builds the site

The first run installs the packages with `npm ci` into benchmarks/node_modules/, and again
whenever package-lock.json changes. Without npm or chromium it prints why and skips. This is a
benchmark, not a test: it exits non-zero only when the build, the install or Lighthouse fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from first_view import built_site, parse_args  # beside this file; it also puts tools/ on sys.path

from browser import CHROMIUM, CHROMIUM_ARGS, SiteServer, chromium_missing_reason

HERE = Path(__file__).resolve().parent
LOCK = HERE / "package-lock.json"
MODULES = HERE / "node_modules"
# Which package-lock.json, at which content, node_modules/ was installed from.
STAMP = MODULES / ".installed-lock.sha256"
NODE = MODULES / ".bin" / "node"
CLI = MODULES / "lighthouse" / "cli" / "index.js"
PAGES = ("", "conditions/autism/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
OUTPUT_TAIL_LINES = 20


def lock_digest() -> str:
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def install_if_stale() -> None:
    if STAMP.exists() and STAMP.read_text().strip() == lock_digest() and NODE.exists() and CLI.exists():
        return
    print("Installing Lighthouse into benchmarks/node_modules/ (npm ci) ...", file=sys.stderr, flush=True)
    # --loglevel=error: npm, itself on an older Node, warns about every package that wants Node 22.
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)
    STAMP.write_text(lock_digest() + "\n")


def run_lighthouse(url: str) -> dict:
    # The same flags as the browser tests, which keep chromium off the network it cannot reach.
    chrome_flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [str(NODE), str(CLI), url, "--output=json", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={chrome_flags}"]
    result = subprocess.run(command, capture_output=True, text=True,
                            env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.splitlines()[-OUTPUT_TAIL_LINES:])
        sys.exit(f"Lighthouse failed on {url} (exit code {result.returncode}):\n{tail}")
    return json.loads(result.stdout)


def scores(report: dict) -> list[str]:
    return [str(round(report["categories"][c]["score"] * 100)) for c in CATEGORIES]


def failing_audits(report: dict) -> list[str]:
    """Each audit of the four categories that scored below 1 or crashed, with its score and its
    weight in the category's score (weight 0: advice that does not move the score)."""
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit["scoreDisplayMode"] == "error":
                lines.append(f"{category}: could not run: {audit['title']} ({audit.get('errorMessage', '')})")
            elif audit["score"] is not None and audit["score"] < 1:
                measured = f": {audit['displayValue']}" if audit.get("displayValue") else ""
                lines.append(f"{category}: {audit['score']:.2f} (weight {ref['weight']:g}) {audit['title']}{measured}")
    return lines


def print_scores(reports: dict[str, dict]) -> None:
    header = ("page", *CATEGORIES)
    rows = [("/" + page, *scores(report)) for page, report in reports.items()]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    for line in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))))


def print_failures(reports: dict[str, dict]) -> None:
    for page, report in reports.items():
        failures = failing_audits(report)
        print(f"/{page}: {len(failures)} audit(s) below 1" + (":" if failures else ""))
        for line in failures:
            print(f"  {line}")


def skip_reason() -> str | None:
    if not shutil.which("npm"):
        return "npm is not installed (Debian: apt-get install npm)"
    return chromium_missing_reason()


def main(argv: list[str]) -> int:
    args = parse_args(argv, __doc__)
    reason = skip_reason()
    if reason:
        print(f"lighthouse: skipped: {reason}")
        return 0
    install_if_stale()
    with built_site(args.site) as site, SiteServer(site) as server:
        reports = {page: run_lighthouse(server.url + page) for page in PAGES}
    version = next(iter(reports.values()))["lighthouseVersion"]
    print(f"Lighthouse {version}, mobile (scores 0-100)")
    print_scores(reports)
    print_failures(reports)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
