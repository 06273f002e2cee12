"""Training benchmark: CPU tokens/s of LoRA fine-tuning with the cpu-tiny recipe on the real Gemma 3 270M.

Synthetic compact SVG rows (random shapes on the 256 grid, each checked by `svgllm.rules.check`) are trained for
`--steps` optimiser steps without validation; the number reported is the trainer's own count of input tokens
(prompt + completion, no padding) divided by the training time. Also prints the memory estimate of every recipe.
Run: `python benchmarks/bench_training.py [--steps 4] [--rows 16]`; prints a Markdown table for REPORT.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: training_notebooks is not installed

from svgllm.prompt import SVG_CLOSE, SVG_HEADER
from svgllm.rules import check

COLOURS = ["#d62828", "#2a9d3f", "#1d3557", "#f4a261", "#e9c46a", "#6c6c6c", "#ffffff", "#000000"]


def synthetic_rows(count: int, seed: int = 0) -> list[dict]:
    """`count` valid compact SVG rows with matching plain descriptions."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        background, colour = rng.sample(COLOURS, 2)
        shape = rng.choice(["circle", "square", "ellipse"])
        x, y, size = rng.randrange(40, 216), rng.randrange(40, 216), rng.randrange(10, 40)
        element = {
            "circle": f'<circle cx="{x}" cy="{y}" r="{size}" fill="{colour}"/>',
            "square": f'<rect x="{x - size}" y="{y - size}" width="{2 * size}" height="{2 * size}" fill="{colour}"/>',
            "ellipse": f'<ellipse cx="{x}" cy="{y}" rx="{size}" ry="{size // 2 + 1}" fill="{colour}"/>',
        }[shape]
        svg = "\n".join([SVG_HEADER, f'<rect x="0" y="0" width="256" height="256" fill="{background}"/>',
                         element, SVG_CLOSE])
        assert not check(svg)
        rows.append({"description": f"a {shape} of colour {colour} on {background}", "svg": svg,
                     "source": "synthetic", "category": "abstract", "bytes": len(svg), "tokens": 0})
    return rows


def bench(steps: int, rows: int) -> dict:
    """Train `steps` steps of the cpu-tiny recipe; returns timings."""
    import datasets

    from training_notebooks.svgtrain.data import prepare_splits
    from training_notebooks.svgtrain.model import load_for_training
    from training_notebooks.svgtrain.recipe import load_recipe, recipe_dir
    from training_notebooks.svgtrain.train import build_trainer

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        datasets.DatasetDict({"train": datasets.Dataset.from_list(synthetic_rows(rows)),
                              "validation": datasets.Dataset.from_list(synthetic_rows(2, seed=1))}
                             ).save_to_disk(str(data))
        recipe = load_recipe(recipe_dir() / "gemma3-270m-cpu-tiny.yaml",
                             [f"training.output_dir={tmp}/run", f"training.max_steps={steps}",
                              f"data.max_train_rows={rows}", "training.eval_steps=1000"])
        started = time.monotonic()
        loaded = load_for_training(recipe)
        load_s = time.monotonic() - started
        splits = prepare_splits(recipe, loaded.tokenizer, str(data))
        splits.validation = None  # time training only
        trainer = build_trainer(recipe, loaded, splits, Path(tmp) / "run" / "checkpoints")
        trainer.args.save_strategy = "no"
        result = trainer.train()
        seconds = result.metrics["train_runtime"]
        tokens = trainer.state.num_input_tokens_seen
    return {"load_s": load_s, "steps": steps, "train_s": seconds, "tokens": tokens,
            "tokens_per_s": tokens / seconds, "s_per_step": seconds / steps}


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--rows", type=int, default=16)
    args = parser.parse_args()
    import torch

    from training_notebooks.svgtrain.memory import estimate
    from training_notebooks.svgtrain.recipe import load_recipe, shipped_recipes

    result = bench(args.steps, args.rows)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"torch threads {torch.get_num_threads()}, load average {os.getloadavg()[0]:.1f}")
    print("| recipe | steps | tokens | train s | s/step | tokens/s | model load s |")
    print("|---|---|---|---|---|---|---|")
    print(f"| gemma3-270m-cpu-tiny | {result['steps']} | {result['tokens']} | {result['train_s']:.1f} | "
          f"{result['s_per_step']:.2f} | {result['tokens_per_s']:.1f} | {result['load_s']:.1f} |")
    print("\n| recipe | profile | estimated peak GiB | budget GiB |")
    print("|---|---|---|---|")
    for path in shipped_recipes():
        recipe = load_recipe(path)
        print(f"| {recipe.name} | {recipe.profile} | {estimate(recipe).total / 1024 ** 3:.2f} | "
              f"{recipe.hardware.budget_gib or '-'} |")


if __name__ == "__main__":
    main()
