"""Fingerprints of the seed article, so a test can prove no page reuses its sentences.

The article is someone else's writing: the repository keeps only the SHA-256 of each run of
SHINGLE words, never the words. Eight words are enough to be a borrowed phrase and too many
for two plain sentences to share by chance.

    python tests/seed.py ../shared/seed/ot-in-special-education.txt   # rewrite the fingerprints
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

SHINGLE = 8
FINGERPRINTS = Path(__file__).resolve().parent / "reference" / "seed-shingles.txt"


def words(text: str) -> list[str]:
    # Curly quotes and case do not make a sentence new.
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))


def runs(text: str) -> Iterable[str]:
    w = words(text)
    return (" ".join(w[i : i + SHINGLE]) for i in range(len(w) - SHINGLE + 1))


def fingerprint(run: str) -> str:
    return hashlib.sha256(run.encode()).hexdigest()


def shingles(text: str) -> set[str]:
    return {fingerprint(run) for run in runs(text)}


def shared_runs(text: str, fingerprints: set[str]) -> Iterable[str]:
    """Each run of SHINGLE words in `text` whose fingerprint is the seed's."""
    return (run for run in runs(text) if fingerprint(run) in fingerprints)


def load() -> set[str]:
    return set(FINGERPRINTS.read_text(encoding="utf-8").split())


if __name__ == "__main__":
    seed = Path(sys.argv[1]).read_text(encoding="utf-8")
    FINGERPRINTS.write_text("\n".join(sorted(shingles(seed))) + "\n", encoding="utf-8")
    print(f"wrote {len(shingles(seed))} fingerprints to {FINGERPRINTS}")
