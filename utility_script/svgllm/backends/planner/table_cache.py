"""The token table (`llm.tokens.TokenTable`) kept on disk, so a planner start does not batch-decode 262k tokens.

Building the table decodes every token of the vocabulary (~4 s for Gemma's 262k on a busy CPU core); reading it
back from JSON takes a fraction of that. The file is keyed by the SHA-256 of the tokenizer's `tokenizer.json`,
the tokenizer's class, the model's logits width and `FORMAT`, so a different tokenizer or a changed table
builder never reads a stale table. Where the cache cannot be written (a read-only disk) it is built each time.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1  # bump when llm.tokens.build_table changes what it puts in a table
FOLDER = "token_tables"  # under the svgllm cache ($SVGLLM_CACHE)


def table_key(tokenizer_file: Path, vocab_size: int | None, kind: str = "") -> str:
    """The cache key of the table for `tokenizer_file` read by tokenizer class `kind`, and a model with
    `vocab_size` logits."""
    digest = hashlib.sha256(f"format {FORMAT} vocab {vocab_size} class {kind}\n".encode())
    with open(tokenizer_file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:32]


def cached_table(tokenizer, vocab_size: int | None, folder: Path, cache: Path | None = None):
    """The token table of `tokenizer` (loaded from `folder`): read from the cache, or built and stored there.

    Without a `tokenizer.json` in `folder` the table is built every time (there is nothing stable to key on)."""
    from ..llm.sources import cache_dir
    from ..llm.tokens import TokenTable, build_table

    source = Path(folder) / "tokenizer.json"
    if not source.is_file():
        return build_table(tokenizer, vocab_size)
    path = (cache or cache_dir()) / FOLDER / f"{table_key(source, vocab_size, type(tokenizer).__name__)}.json"
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return TokenTable(data["pieces"], data["eos_id"], data["pad_id"], data["single"])
        except (OSError, ValueError, KeyError) as error:  # a torn or foreign file: build a fresh one
            log.warning("token table cache %s unreadable (%s); rebuilding", path, error)
    table = build_table(tokenizer, vocab_size)
    data = {"pieces": table.pieces, "eos_id": table.eos_id, "pad_id": table.pad_id, "single": table.single}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, path)  # atomic: a concurrent reader sees the old state or the whole file
    except OSError as error:
        log.info("token table not cached (%s)", error)
    return table
