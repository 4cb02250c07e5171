"""Near-duplicate bodies: word shingles, their exact similarity, and MinHash LSH keys for finding candidates.

A syndicated or lightly edited copy shares most of its three-word shingles with the original: 5% of
words changed keeps a Jaccard similarity of about 0.74, while different articles on the dev set never
exceed 0.04 (`benchmarks/dedupe.py` prints both). MinHash with locality-sensitive hashing (datasketch)
turns a body into a few band keys, so candidates are found with an indexed lookup whatever the size
of the database; each candidate is then confirmed on its exact shingles.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHashLSH

# Words per shingle: three keeps a 5% edit well above the threshold and different stories far below it.
SHINGLE_WORDS = 3
# Jaccard similarity of shingle sets from which a body is a copy of another.
NEAR_DUPLICATE = 0.5
# Shorter bodies (briefs, captions) are compared by their exact hash only: a few shared phrases
# ("Read more", an agency's standard lines) would make two different briefs look alike.
MIN_SHINGLES = 30
# MinHash permutations; with the 0.5 threshold datasketch splits them into 14 bands of 4.
NUM_PERM = 64
SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[str]:
    """The body's three-word shingles, case-folded, punctuation and spacing ignored."""
    words = [w.casefold() for w in _WORD.findall(text)]
    n = SHINGLE_WORDS
    return frozenset(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def band_keys(shingle_set: frozenset[str]) -> list[int]:
    """The LSH band keys of a body: two bodies sharing any key are near-duplicate candidates.

    Empty for bodies too short to compare this way. Keys are signed 64-bit integers (SQLite's INTEGER),
    the band's number mixed in, so one indexed column holds every band.
    """
    if len(shingle_set) < MIN_SHINGLES:
        return []
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    keys = []
    for band, (start, end) in enumerate(_lsh().hashranges):
        digest = hashlib.blake2b(minhash.hashvalues[start:end].tobytes(), digest_size=8, person=bytes([band]))
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


@lru_cache(maxsize=1)
def _lsh() -> MinHashLSH:
    """datasketch's band layout for the threshold (it weighs false positives against false negatives)."""
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
