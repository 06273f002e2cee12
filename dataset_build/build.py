"""The build: plan shards per source (`shards`), process them in parallel (resumable), then assemble the dataset.

Layout of an output folder:

    build_config.yaml          the resolved config of the run
    shards/<source>-NNNNN.parquet + .json   finished shards (rows + per-shard counts); present = skipped on rerun
    images/diffusion-NNNNN/    PNGs of the GPU stage (diffusion source only)
    hf/                        datasets.DatasetDict.save_to_disk (train / validation / test)
    <split>.parquet            the same splits as Parquet (the `tokens` field carries its counting method)
    README.md                  dataset card: counts, token statistics, sources, licences
    motifs_LICENSE.txt         attribution of the emoji artwork (copied from the motif library)
    dataset-metadata.json      for `kaggle datasets create -p <folder>`
    stats.json                 counts, rejection reasons, bytes/tokens percentiles, build time

A shard is written to a temporary name and renamed, so an interrupted run leaves no half shard behind.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .assemble import assemble
from .config import BuildConfig, save_config, to_dict
from .diffusion import diffusion_shard_candidates
from .normalize import NormalizeError, normalize_svg
from .pairs import source_pairs
from .quality import assess
from .shards import Shard, is_done, plan_shards, source_size, write_shard
from .targets import SOURCES, RawPair, composer_candidates, motif_candidates
from .tokens import TokenCounter, find_tokenizer_file


def candidates_for(config: BuildConfig, shard: Shard, out_dir: Path) -> list[RawPair]:
    """The raw candidates of one shard; the same shard always gets the same candidates.

    Diffusion shards read the images the GPU stage wrote under `out_dir` (see `dataset_build.diffusion`).
    """
    if shard.source == "diffusion":
        return diffusion_shard_candidates(config, out_dir, shard)
    if shard.source == "composer":
        return composer_candidates(source_pairs(config, "composer")[shard.start:shard.stop])
    if shard.source == "motif":
        return motif_candidates(source_size(config, "motif"), seed=config.seed)[shard.start:shard.stop]
    raise ValueError(f"unknown source {shard.source!r}; known: {', '.join(SOURCES)}")


def to_row(candidate: RawPair, config: BuildConfig, counter: TokenCounter) -> tuple[dict | None, str]:
    """Normalise and check one candidate: (row, "") when accepted, (None, reason) when rejected."""
    try:
        svg = normalize_svg(candidate.svg, grid=config.normalize.grid)
    except NormalizeError as error:
        return None, f"normalize: {str(error).split(':')[0][:60]}"  # the kind, not the details: few distinct keys
    except Exception as error:  # one odd source SVG must not stop a build of thousands; the reason is counted
        return None, f"normalize crashed: {type(error).__name__}"
    settings = config.normalize
    reason = assess(svg, candidate.svg, max_bytes=settings.max_bytes, min_std=settings.min_std,
                    max_diff=settings.max_diff)
    if reason:
        return None, reason.split(":")[0]
    row = {"description": candidate.description, "svg": svg, "source": candidate.source,
           "category": candidate.category, "bytes": len(svg.encode("utf-8")), "tokens": counter.count(svg)}
    return row, ""


def process_candidates(candidates: list[RawPair], config: BuildConfig, shard_dir: Path, name: str) -> dict:
    """Normalise, check and write one shard of candidates; returns its stats."""
    started = time.perf_counter()
    counter = TokenCounter(config.tokenizer_file or None, allow_gguf=config.tokenizer_from_gguf)
    rows, reasons = [], Counter()
    for candidate in candidates:
        row, reason = to_row(candidate, config, counter)
        if row is None:
            reasons[reason] += 1
        else:
            rows.append(row)
    stats = {"shard": name, "candidates": len(candidates), "kept": len(rows), "rejected": dict(reasons),
             "token_method": counter.method, "seconds": round(time.perf_counter() - started, 3)}
    write_shard(rows, stats, shard_dir, name)
    return stats


def process_shard(config: BuildConfig, shard: Shard, out_dir: Path) -> dict:
    """Build one shard into `out_dir/shards` (a worker-process entry point)."""
    out_dir = Path(out_dir)
    return process_candidates(candidates_for(config, shard, out_dir), config, out_dir / "shards", shard.name)


def run_shards(config: BuildConfig, out_dir: Path, shards: list[Shard], progress: bool = True) -> list[dict]:
    """Process every unfinished shard, `config.num_proc` at a time, with a progress bar."""
    from tqdm.auto import tqdm

    shard_dir = Path(out_dir) / "shards"
    todo = [s for s in shards if not is_done(shard_dir, s.name)]
    results = []
    with tqdm(total=len(shards), initial=len(shards) - len(todo), desc="shards", unit="shard",
              disable=not progress) as bar:
        if config.num_proc == 1 or len(todo) <= 1:
            for shard in todo:
                results.append(process_shard(config, shard, Path(out_dir)))
                bar.update()
        else:
            with ProcessPoolExecutor(max_workers=config.num_proc) as pool:
                futures = [pool.submit(process_shard, config, shard, Path(out_dir)) for shard in todo]
                for future in as_completed(futures):
                    results.append(future.result())
                    bar.update()
    return results


# Settings that change no row: a build may resume with other values for these.
NEUTRAL_KEYS = ("num_proc", "kaggle")


def check_resumable(config: BuildConfig, out: Path) -> None:
    """Refuse to resume into `out` when its finished shards were made with settings that change the rows."""
    import yaml

    saved_file = out / "build_config.yaml"
    if not saved_file.is_file() or not any((out / "shards").glob("*.parquet")):
        return
    saved = yaml.safe_load(saved_file.read_text(encoding="utf-8")) or {}
    current = to_dict(config)
    changed = sorted(key for key in set(saved) | set(current)
                     if key not in NEUTRAL_KEYS and saved.get(key) != current.get(key))
    if changed:
        raise ValueError(f"{out} holds shards built with other settings ({', '.join(changed)}); "
                         "use a new output folder or delete it")


def build(config: BuildConfig, out_dir: str | os.PathLike, progress: bool = True) -> dict:
    """The whole CPU build into `out_dir` (resumable); returns the stats also written to stats.json."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    check_resumable(config, out)
    save_config(config, out / "build_config.yaml")
    # resolve (and if need be convert) the tokenizer once here, not in every worker at the same time
    find_tokenizer_file(config.tokenizer_file or None, allow_gguf=config.tokenizer_from_gguf)
    run_shards(config, out, plan_shards(config), progress=progress)
    return assemble(config, out, build_seconds=time.perf_counter() - started, progress=progress)
