"""Benchmark the image backend's cost per candidate beside the pipeline itself (CPU, no GPU, no weights).

    .venv/bin/python benchmarks/bench_image.py                    # 8 candidates, 6,000-byte budget
    .venv/bin/python benchmarks/bench_image.py --images 16 --budget 10000 --vectorize-seconds 2

A tiny random diffusion pipeline (benchmarks/random_pipelines.py) runs the backend's real path: seeded batches,
`vectorize` under the budget, the proxy scorer, best-of-N inside `Model`. Its pictures are noise — the vectoriser's
worst case — so the vectorise + score cost is also measured on stand-in pictures (the dataset benchmark's photos
and emoji, 384 px), closer to what a diffusion model draws. Prints one table row per input kind and the whole
`Model.predict_with_info` call with the time spent outside the backend.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DESCRIPTION = "a red kite above a green hill under a blue sky"


def per_candidate(images, budget: int, vectorize_seconds: float) -> dict:
    """Median seconds to vectorise and to proxy-score one image, and the largest SVG."""
    from svgllm.metric.proxy import ProxyScorer
    from svgllm.vectorize import vectorize

    scorer = ProxyScorer()
    vector_s, score_s, sizes = [], [], []
    for index, image in enumerate(images):
        started = time.monotonic()
        svg = vectorize(image, budget=budget, seed=index, time_budget_s=vectorize_seconds)
        vector_s.append(time.monotonic() - started)
        started = time.monotonic()
        scorer.score(DESCRIPTION, svg)
        score_s.append(time.monotonic() - started)
        sizes.append(len(svg.encode()))
    return {"vectorize": statistics.median(vector_s), "score": statistics.median(score_s), "bytes": max(sizes)}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(prog="bench_image.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=8, help="candidates per description")
    parser.add_argument("--budget", type=int, default=6000, help="bytes per vectorised candidate")
    parser.add_argument("--vectorize-seconds", type=float, default=2.0, help="vectoriser search time per image")
    parser.add_argument("--size", type=int, default=64, help="tiny pipeline's image size (upscaled to 384)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from bench_dataset import stand_in_pictures
    from svgllm import Model, ModelConfig
    from svgllm.backends.image.pipeline import generate_images

    from benchmarks.random_pipelines import tiny_sd

    with tempfile.TemporaryDirectory(prefix="bench-image-") as scratch:
        folder = tiny_sd(Path(scratch) / "pipeline")
        options = {"model": str(folder), "device": "cpu", "image_size": args.size, "images": args.images,
                   "batch_size": min(args.images, 4), "svg_budget": args.budget,
                   "vectorize_seconds": args.vectorize_seconds}
        model = Model(ModelConfig(backends=("image", "composer"), candidates=args.images, deadline_s=240,
                                  extra={"image": options}))
        backend = model.backends[0]
        loaded = backend.load()
        started = time.monotonic()
        noise = generate_images(loaded, DESCRIPTION, list(range(args.images)), backend.options)
        pipeline_s = (time.monotonic() - started) / args.images
        rows = {"tiny pipeline (noise)": per_candidate(noise, args.budget, args.vectorize_seconds),
                "stand-in pictures": per_candidate(stand_in_pictures(args.images, 384, Path("build/icons")),
                                                   args.budget, args.vectorize_seconds)}
        started = time.monotonic()
        info = model.predict_with_info(DESCRIPTION)
        whole = time.monotonic() - started
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}; {args.images} candidates, budget {args.budget} B, vectorize search "
          f"{args.vectorize_seconds} s; tiny pipeline {pipeline_s:.3f} s per image at {args.size} px")
    print("| input | vectorize s/candidate | score s/candidate | largest SVG bytes |")
    print("|---|---|---|---|")
    for name, row in rows.items():
        print(f"| {name} | {row['vectorize']:.2f} | {row['score']:.3f} | {row['bytes']:,} |")
    kept = info.choice.index if info.choice else None
    print(f"Model best-of-{args.images}: {whole:.1f} s, backend {info.backend}, "
          f"{len(info.choice.scores) if info.choice else 0} scored, kept #{kept}, "
          f"{info.overhead_seconds:.2f} s outside the backend (sanitise, check, render, score)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
