"""How the cost of a strict site build grows with the amount of data in data/.

For each scale N (1, 10 and 100 by default) this makes a copy of the project in a temporary
folder whose data/ is N times the real data:

- every condition in data/conditions/ gets N-1 copies with new ids (autism-copy-2, ...),
  each with its one-line stub page in docs/conditions/ and docs-es/conditions/ (the Spanish
  edition shows a record with no Spanish words yet in English, marked as not yet translated);
- every source in data/sources.yml gets N-1 copies with new ids (<id>-copy-2, ...);
- every row of data/ot-vs-pt.yml gets N-1 copies with a new id and a different `aspect`.

data/evidence.yml is a fixed rating scale, not content, so it stays as it is.

Each copy is built with `mkdocs build --strict` in a child process, several times. For each
scale it prints the median wall time, the child's peak memory (its largest resident set size),
the pages built, how often the build loaded data/ (kb/macros.py logs "kb: loaded ..." once
per load), and the size of each edition's search index, on disk and gzipped. The last line says how build time, pages and memory grew from the smallest scale to
the largest.

Run it with

    python3 dev.py bench                      scales 1, 10 and 100, three builds each
    python3 dev.py bench --scales 1 10        other scales
    python3 dev.py bench --repeat 5           more builds per scale, for a steadier median

This is a benchmark, not a test: it prints figures and passes no judgement on them. It exits
non-zero only when a build fails, and then shows the end of that build's output.
Standard library, PyYAML and kb/project.py only, so it runs with the site's requirements.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kb.project import copy_project  # noqa: E402 - what a build reads, the list the tests use too

LOAD_LINE = re.compile(r"kb: loaded (\d+) records")
OUTPUT_TAIL_LINES = 40


class TextDateLoader(yaml.SafeLoader):
    """Safe YAML that keeps 2026-11-24 as the text it was, so it is written back the same way."""


TextDateLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


class PlainDumper(yaml.SafeDumper):
    """Safe YAML that writes a list shared by copies out in full, not as &id001 / *id001."""

    def ignore_aliases(self, data) -> bool:
        return True


@dataclass(frozen=True)
class Build:
    seconds: float
    peak_kb: int | None
    output: str


@dataclass(frozen=True)
class Result:
    scale: int
    conditions: int
    records: int
    pages: int
    seconds: float
    peak_mb: float | None
    data_loads: int
    index_kb: tuple[float, float]  # search/search_index.json: on disk, and gzipped as served
    index_kb_es: tuple[float, float]  # the Spanish edition's, es/search/search_index.json


# --- Making a copy of the project with N times the data ---------------------------------------


def read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=TextDateLoader)


def write_yaml(path: Path, data) -> None:
    # The safe dumper quotes a text that looks like a date, so last_reviewed stays 'YYYY-MM-DD'.
    path.write_text(
        yaml.dump(data, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )


def copy_ids(original: str, scale: int) -> list[str]:
    return [f"{original}-copy-{k}" for k in range(2, scale + 1)]


def scale_sources(data: Path, scale: int) -> None:
    sources = read_yaml(data / "sources.yml")
    copies = [{**s, "id": new_id} for s in sources for new_id in copy_ids(s["id"], scale)]
    write_yaml(data / "sources.yml", sources + copies)


def scale_comparison(data: Path, scale: int) -> None:
    rows = read_yaml(data / "ot-vs-pt.yml")
    # The aspect is what tells rows apart in the table and in error messages.
    copies = [{**r, "id": f"{r['id']}-copy-{k}", "aspect": f"{r['aspect']} (copy {k})"}
              for k in range(2, scale + 1) for r in rows]
    write_yaml(data / "ot-vs-pt.yml", rows + copies)


def scale_conditions(project: Path, scale: int) -> None:
    for path in sorted((project / "data" / "conditions").glob("*.yml")):
        condition = read_yaml(path)
        # `related` is copied unchanged: it names the original ids, which all still exist.
        for k, new_id in enumerate(copy_ids(condition["id"], scale), start=2):
            copy = {**condition, "id": new_id, "title": f"{condition['title']} (copy {k})"}
            write_yaml(path.with_name(f"{new_id}.yml"), copy)
            for docs in ("docs", "docs-es"):  # both editions show every condition
                stub = project / docs / "conditions" / f"{new_id}.md"
                stub.write_text(f'{{{{ condition_page("{new_id}") }}}}\n', encoding="utf-8")


def make_scaled_project(destination: Path, scale: int) -> None:
    copy_project(destination)
    if scale > 1:
        scale_sources(destination / "data", scale)
        scale_comparison(destination / "data", scale)
        scale_conditions(destination, scale)


# --- Building and measuring -------------------------------------------------------------------


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    # Without these, every build prints MkDocs' end-of-life banner and Python's warnings.
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["DISABLE_MKDOCS_2_WARNING"] = "true"
    env["PYTHONWARNINGS"] = "ignore::DeprecationWarning"
    return env


def max_rss_kb(rusage) -> int:
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    return rusage.ru_maxrss // 1024 if sys.platform == "darwin" else rusage.ru_maxrss


def build_once(project: Path, site: Path) -> Build:
    """One strict build in a child process. No -q: the count of data loads is in the INFO lines."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        # Output goes to a file, not a pipe, so a chatty build cannot block while we wait on it.
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=build_env(), stdout=log, stderr=subprocess.STDOUT)
        if hasattr(os, "wait4"):
            # wait4 gives the resource usage of this one child, hence its own peak memory.
            _, status, rusage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak_kb = max_rss_kb(rusage)
        else:  # Windows has no wait4: time only
            process.wait()
            peak_kb = None
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        tail = "\n".join(output.splitlines()[-OUTPUT_TAIL_LINES:])
        sys.exit(
            f"The build of {project.name} failed (exit code {process.returncode}); the end of its output:\n"
            f"{tail}\n{Path(sys.argv[0]).stem}: stopped, because a failed build has nothing worth measuring."
        )
    return Build(seconds, peak_kb, output)


def search_index_kb(site: Path) -> tuple[float, float]:
    """The search index a reader downloads on opening search: on disk and gzipped as served."""
    raw = (site / "search" / "search_index.json").read_bytes()
    return len(raw) / 1024, len(gzip.compress(raw, 9)) / 1024


def count_pages(site: Path) -> int:
    # Each page is <name>/index.html (MkDocs' directory URLs); 404.html is not a page of content.
    return sum(1 for _ in site.rglob("index.html"))


def data_loads(output: str) -> list[int]:
    """The record count of each time the build loaded data/."""
    return [int(m.group(1)) for m in LOAD_LINE.finditer(output)]


def measure(scale: int, repeat: int, workdir: Path) -> Result:
    project = workdir / f"scale-{scale}"
    site = workdir / f"site-{scale}"
    make_scaled_project(project, scale)
    builds = [build_once(project, site) for _ in range(repeat)]
    loads = [data_loads(b.output) for b in builds]
    peaks = [b.peak_kb for b in builds if b.peak_kb is not None]
    return Result(
        scale=scale,
        conditions=len(list((project / "data" / "conditions").glob("*.yml"))),
        records=max((max(counts, default=0) for counts in loads), default=0),
        pages=count_pages(site),
        seconds=statistics.median(b.seconds for b in builds),
        peak_mb=max(peaks) / 1024 if peaks else None,
        # The worst build counts: one extra load in any of them is worth seeing.
        data_loads=max(len(counts) for counts in loads),
        index_kb=search_index_kb(site),
        index_kb_es=search_index_kb(site / "es"),
    )


# --- Report -----------------------------------------------------------------------------------


def format_mb(mb: float | None) -> str:
    return f"{mb:.1f}" if mb is not None else "n/a"


def print_table(results: list[Result]) -> None:
    header = ("scale", "conditions", "records", "pages", "build s", "s/page", "peak MB", "data loads",
              "index KB", "index KB gz", "es index KB gz")
    rows = [
        (
            f"{r.scale}x", str(r.conditions), str(r.records), str(r.pages), f"{r.seconds:.2f}",
            f"{r.seconds / r.pages:.4f}" if r.pages else "n/a", format_mb(r.peak_mb), str(r.data_loads),
            f"{r.index_kb[0]:.1f}", f"{r.index_kb[1]:.1f}", f"{r.index_kb_es[1]:.1f}",
        )
        for r in results
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    for line in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths)))


def loads_summary(results: list[Result]) -> str:
    if all(r.data_loads == 1 for r in results):
        return "data loaded once per build at every scale"
    return "data loads per build: " + ", ".join(f"{r.data_loads} at {r.scale}x" for r in results)


def ratio(new: float | None, old: float | None) -> str:
    return f"{new / old:.1f}x" if new and old else "n/a"


def growth_line(results: list[Result]) -> str:
    first, last = results[0], results[-1]
    return (
        f"{last.scale / first.scale:g}x data: {ratio(last.pages, first.pages)} pages, "
        f"{ratio(last.seconds, first.seconds)} build time, {ratio(last.peak_mb, first.peak_mb)} memory; "
        f"{loads_summary(results)}"
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100], metavar="N",
                        help="how many times the real data to build with (default: 1 10 100)")
    parser.add_argument("--repeat", type=int, default=3, metavar="K",
                        help="builds per scale; the median time is reported (default: 3)")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.scales) or args.repeat < 1:
        parser.error("scales and --repeat must be whole numbers of 1 or more")
    args.scales = sorted(set(args.scales))
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="kb-build-cost-") as tmp:
        for scale in args.scales:
            print(f"Building at {scale}x the data, {args.repeat} time(s) ...", file=sys.stderr, flush=True)
            results.append(measure(scale, args.repeat, Path(tmp)))
    print_table(results)
    if len(results) > 1:
        print(growth_line(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
