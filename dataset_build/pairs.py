"""The descriptions each text-driven source draws: sampled from the templates, plus an optional JSONL file.

The file (e.g. written by `python -m dataset_build.llm_descriptions`) holds one JSON object per line with a
`description` and optionally a `category` (guessed from the words when absent); every line goes through the
same filter as the sampler, and repeats are dropped. `descriptions_source` in the config says which source
draws them: usually "diffusion" (subjects the composer cannot draw), or "composer" on CPU-only builds.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from .config import BuildConfig
from .descriptions import CATEGORY_NAMES, clean_description, guess_category, sample_descriptions

# Each source samples with its own seed offset, so composer and diffusion get different descriptions.
SEED_OFFSETS = {"composer": 0, "diffusion": 1}


def read_descriptions_file(path: str | os.PathLike) -> list[tuple[str, str]]:
    """(description, category) pairs of a JSONL file; ValueError naming the line for anything malformed."""
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"descriptions file {file} not found")
    return list(_read(str(file), file.stat().st_mtime_ns))


@functools.lru_cache(maxsize=4)
def _read(path: str, mtime_ns: int) -> tuple[tuple[str, str], ...]:
    del mtime_ns  # part of the cache key only: an edited file is read again
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from error
            if not isinstance(record, dict) or not isinstance(record.get("description"), str):
                raise ValueError(f"{path}:{number}: expected an object with a 'description' string")
            category = record.get("category") or guess_category(record["description"])
            if category not in CATEGORY_NAMES:
                raise ValueError(f"{path}:{number}: unknown category {category!r}")
            cleaned = clean_description(record["description"])
            if cleaned is not None and cleaned not in seen:
                seen.add(cleaned)
                pairs.append((cleaned, category))
    return tuple(pairs)


@functools.lru_cache(maxsize=8)
def _sampled(count: int, seed: int) -> tuple[tuple[str, str], ...]:
    return tuple(sample_descriptions(count, seed=seed))


def source_pairs(config: BuildConfig, source: str) -> list[tuple[str, str]]:
    """The (description, category) pairs of the composer or diffusion source, in a fixed order."""
    if source not in SEED_OFFSETS:
        raise ValueError(f"source {source!r} does not draw descriptions; choose one of {', '.join(SEED_OFFSETS)}")
    pairs = list(_sampled(getattr(config.sources, source), config.seed + SEED_OFFSETS[source]))
    if config.descriptions_file and config.descriptions_source == source:
        pairs += read_descriptions_file(config.descriptions_file)
    return pairs
