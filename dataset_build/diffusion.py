"""The GPU stage: diffusion images for sampled descriptions, sharded across GPUs with `accelerate`.

Stage 1 (GPU, this module): every process of an `accelerate` launch (or `notebook_launcher`, e.g. Kaggle's
2x T4) takes every n-th unfinished image shard, generates its images and writes them as PNG files into
`images/<shard>/` with a `done.json` written last — finished shards are skipped on a rerun.
Stage 2 (CPU, `dataset_build.build`): diffusion shards whose images are done are vectorised at the training
budget, normalised and checked in the worker pool like the other sources.
"""
from __future__ import annotations

import json
from pathlib import Path

from .config import BuildConfig
from .pairs import source_pairs
from .shards import Shard, plan_shards
from .targets import RawPair, diffusion_candidates, generate_images, load_pipeline


def diffusion_pairs(config: BuildConfig) -> list[tuple[str, str]]:
    """The (description, category) pairs drawn for the diffusion source."""
    return source_pairs(config, "diffusion")


def image_dir(out_dir: Path, shard_name: str) -> Path:
    """Where a diffusion shard's images live."""
    return Path(out_dir) / "images" / shard_name


def images_done(out_dir: Path, shard_name: str) -> bool:
    """True when the shard's images are complete (`done.json` is written after the last image)."""
    return (image_dir(out_dir, shard_name) / "done.json").is_file()


def generate_image_shards(config: BuildConfig, out_dir: str | Path, pipe=None, progress: bool = True) -> list[str]:
    """Generate the images of every unfinished diffusion shard that falls to this process; returns their names.

    Under `accelerate launch` / `notebook_launcher` each process takes shards round robin on its own GPU; run
    plainly it does them all on the default device. `pipe` may be given (tests pass a tiny local pipeline);
    otherwise `config.diffusion.model` is loaded on this process's device.
    """
    from accelerate import PartialState
    from tqdm.auto import tqdm

    out = Path(out_dir)
    state = PartialState()
    shards = [s for s in plan_shards(config, sources=("diffusion",)) if not images_done(out, s.name)]
    mine = shards[state.process_index::state.num_processes]
    if not mine:
        return []
    settings = config.diffusion
    if pipe is None:
        pipe = load_pipeline(settings.model, device=str(state.device), dtype=settings.dtype)
    pairs = diffusion_pairs(config)
    done = []
    for shard in tqdm(mine, desc=f"images (process {state.process_index})", disable=not progress):
        prompts = [description for description, _ in pairs[shard.start:shard.stop]]
        images = generate_images(pipe, prompts, seed=config.seed + shard.start, steps=settings.steps,
                                 guidance=settings.guidance, size=settings.image_size,
                                 batch_size=settings.batch_size)
        folder = image_dir(out, shard.name)
        folder.mkdir(parents=True, exist_ok=True)
        for offset, image in enumerate(images):
            image.save(folder / f"{offset:05d}.png")
        (folder / "done.json").write_text(json.dumps({"shard": shard.name, "images": len(images)}),
                                          encoding="utf-8")
        done.append(shard.name)
    return done


def diffusion_shard_candidates(config: BuildConfig, out_dir: Path, shard: Shard) -> list[RawPair]:
    """Stage 2 for one shard: vectorise its generated images (RuntimeError when stage 1 has not run)."""
    from PIL import Image

    if not images_done(out_dir, shard.name):
        raise RuntimeError(f"images of {shard.name} are missing: run the GPU stage "
                           "(dataset_build.diffusion.generate_image_shards) first")
    pairs = diffusion_pairs(config)[shard.start:shard.stop]
    folder = image_dir(out_dir, shard.name)
    images = []
    for offset in range(len(pairs)):
        with Image.open(folder / f"{offset:05d}.png") as image:
            images.append(image.convert("RGB"))
    return diffusion_candidates(pairs, images, budget=config.diffusion.vectorize_budget,
                                grid=config.normalize.grid, seed=config.seed,
                                time_budget_s=config.diffusion.vectorize_seconds)
