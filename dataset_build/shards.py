"""Shards: the units of work of a build, where their files live, and the one schema of a dataset row.

A shard is `source` items [start, stop) of that source's ordered candidate list. Its rows are written as
`shards/<source>-NNNNN.parquet` (renamed into place last, so a present file means a finished shard) next to a
`.json` of its counts. `ROW_COLUMNS` is the row schema; the pyarrow schema and the `datasets.Features` are both
derived from it, so the Parquet files and the Hugging Face dataset cannot drift apart.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .config import BuildConfig
from .pairs import SEED_OFFSETS, source_pairs
from .targets import SOURCES

# column -> type name (a name both pyarrow and `datasets.Value` understand); the order is the column order
ROW_COLUMNS = {"description": "string", "svg": "string", "source": "string", "category": "string",
               "bytes": "int64", "tokens": "int64"}
TOKENS_COLUMN = "tokens"  # its Parquet field metadata records how the tokens were counted


@dataclass(frozen=True)
class Shard:
    """One unit of work: `source` items [start, stop) of that source's ordered candidate list."""

    source: str
    index: int
    start: int
    stop: int

    @property
    def name(self) -> str:
        return f"{self.source}-{self.index:05d}"


def plan_shards(config: BuildConfig, sources=SOURCES) -> list[Shard]:
    """The shards of `sources` (a source with a count of 0 has none)."""
    shards = []
    for source in sources:
        total = source_size(config, source)
        for index, start in enumerate(range(0, total, config.shard_size)):
            shards.append(Shard(source, index, start, min(total, start + config.shard_size)))
    return shards


def source_size(config: BuildConfig, source: str) -> int:
    """How many candidates `source` contributes (a motif count of -1 means the whole library)."""
    if source in SEED_OFFSETS:
        return len(source_pairs(config, source))
    count = getattr(config.sources, source)
    if source == "motif" and count < 0:
        from svgllm.backends.composer import load_library

        return len(load_library())
    return count


def arrow_schema(token_method: str):
    """The pyarrow schema of a row, the token counting method in the `tokens` field's metadata."""
    import pyarrow as pa

    return pa.schema([pa.field(name, getattr(pa, kind)(),
                               metadata={"method": token_method} if name == TOKENS_COLUMN else None)
                      for name, kind in ROW_COLUMNS.items()])


def dataset_features():
    """The `datasets.Features` of a row (the same columns and types as `arrow_schema`)."""
    from datasets import Features, Value

    return Features({name: Value(kind) for name, kind in ROW_COLUMNS.items()})


def write_shard(rows: list[dict], stats: dict, shard_dir: Path, name: str) -> Path:
    """Write rows (Parquet) and stats (JSON) atomically: the .parquet appears only when both are complete."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    shard_dir.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=arrow_schema(stats.get("token_method", "")))
    (shard_dir / f"{name}.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
    scratch = shard_dir / f".{name}.parquet.tmp"
    pq.write_table(table, scratch)
    os.replace(scratch, shard_dir / f"{name}.parquet")
    return shard_dir / f"{name}.parquet"


def is_done(shard_dir: Path, name: str) -> bool:
    """A shard is finished when its Parquet file exists (it is renamed into place last)."""
    return (shard_dir / f"{name}.parquet").is_file()


def read_shards(out: Path) -> tuple[list[dict], list[dict]]:
    """All rows and all shard stats under `out/shards`, in shard-name order."""
    import pyarrow.parquet as pq

    rows, stats = [], []
    for path in sorted((out / "shards").glob("*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
        meta = path.with_suffix(".json")
        if meta.is_file():
            stats.append(json.loads(meta.read_text(encoding="utf-8")))
    return rows, stats
