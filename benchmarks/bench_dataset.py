"""Dataset-builder benchmark: build a profile from scratch and report what the issue asks to measure.

Per source: candidates, accepted rows and acceptance rate, bytes and tokens per target (median / mean / p90),
plus the validity rate of the written rows (every row re-checked with `svgllm.rules.check` and rendered),
the build time and the CPU throughput in pairs per minute. Goals (issue 6): median target <= 1,500 tokens,
100% of targets valid.

Run: `python benchmarks/bench_dataset.py [--profile tiny] [--num-proc N] [--out DIR]`; prints a Markdown report.

`--stand-in-images N` measures the CPU half of the diffusion source without a GPU: N stand-in pictures (the
scikit-image photos and, when `--icons-dir` holds the iconify emoji packages, rendered emoji, in turn) are written
where the GPU stage would have put its images, then vectorised, normalised and checked like real ones. The
descriptions do not match those pictures, so this measures bytes, tokens, acceptance and speed, not relevance.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path


def validity(out: Path) -> tuple[int, int]:
    """(valid rows, rows) over every split: `check` passes and the SVG renders."""
    import pyarrow.parquet as pq
    from svgllm.render import render_problem
    from svgllm.rules import check

    valid = total = 0
    for path in sorted(out.glob("*.parquet")):
        for row in pq.read_table(path, columns=["svg"]).to_pylist():
            total += 1
            valid += not check(row["svg"]) and not render_problem(row["svg"])
    return valid, total


def number_token_savings(out: Path) -> tuple[float, float]:
    """(median tokens now, median tokens if every integer 0-999 were one added token) over the train split.

    Gemma writes a k-digit number as k tokens; an added token per integer would save k - 1 tokens per number.
    """
    import re
    import statistics

    import pyarrow.parquet as pq

    now, added = [], []
    for row in pq.read_table(out / "train.parquet", columns=["svg", "tokens"]).to_pylist():
        numeric = re.sub(r"#[0-9a-fA-F]{6}", "", row["svg"])  # colours are not numbers
        saved = sum(len(m) - 1 for m in re.findall(r"(?<![\d.])\d{2,3}(?![\d.])", numeric))
        now.append(row["tokens"])
        added.append(row["tokens"] - saved)
    return statistics.median(now), statistics.median(added)


STAND_IN_PHOTOS = ("astronaut", "chelsea", "coffee", "rocket", "hubble_deep_field", "immunohistochemistry")


def stand_in_pictures(count: int, size: int, icons_dir: Path) -> list:
    """`count` RGB PIL images of `size` x `size`: scikit-image photos alternating with rendered emoji."""
    from PIL import Image
    from skimage import data

    photos = [Image.fromarray(getattr(data, name)()).convert("RGB") for name in STAND_IN_PHOTOS]
    emoji = []
    try:
        from bench_vectorize import load_illustrations  # same icon sampling as the vectorizer benchmark

        emoji = [Image.fromarray(picture) for _, picture in load_illustrations(max(count // 2, 1), icons_dir)]
    except (ImportError, OSError) as error:
        print(f"(no emoji stand-ins: {error})", file=sys.stderr)
    pools = [photos, emoji] if emoji else [photos]
    chosen = [pools[i % len(pools)][(i // len(pools)) % len(pools[i % len(pools)])] for i in range(count)]
    return [picture.resize((size, size), Image.Resampling.LANCZOS) for picture in chosen]


def write_stand_in_images(config, out: Path, count: int, icons_dir: Path) -> None:
    """Fill every diffusion shard's image folder with stand-in pictures, as the GPU stage would."""
    import json

    from dataset_build.diffusion import image_dir
    from dataset_build.shards import plan_shards

    pictures = stand_in_pictures(count, config.diffusion.image_size, icons_dir)
    for shard in plan_shards(config, sources=("diffusion",)):
        folder = image_dir(out, shard.name)
        folder.mkdir(parents=True, exist_ok=True)
        for offset, index in enumerate(range(shard.start, shard.stop)):
            pictures[index].save(folder / f"{offset:05d}.png")
        (folder / "done.json").write_text(json.dumps({"shard": shard.name, "images": shard.stop - shard.start}),
                                          encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # dataset_build/ lives at the repository root
    from dataset_build.build import build
    from dataset_build.config import load_config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="tiny")
    parser.add_argument("--num-proc", type=int, default=None)
    parser.add_argument("--out", default=None, help="output folder (default: a temporary one, removed after)")
    parser.add_argument("--stand-in-images", type=int, default=0, metavar="N",
                        help="add N diffusion-source rows vectorised from stand-in pictures (no GPU needed)")
    parser.add_argument("--icons-dir", type=Path, default=Path(os.environ.get("SVGLLM_ICONS", "/tmp/icons")),
                        help="unpacked @iconify-json emoji packages for emoji stand-ins (as bench_vectorize)")
    args = parser.parse_args(argv)
    config = load_config(args.profile)
    if args.num_proc:
        config.num_proc = args.num_proc
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="bench-dataset-"))
    for stale in ("shards", "images"):
        if (out / stale).exists():
            shutil.rmtree(out / stale)  # a benchmark measures a build from scratch, not a resume
    if args.stand_in_images:
        config.sources.diffusion = args.stand_in_images
        write_stand_in_images(config, out, args.stand_in_images, args.icons_dir)
    started = time.perf_counter()
    summary = build(config, out, progress=False)
    seconds = time.perf_counter() - started
    valid, total = validity(out)
    print(f"## Dataset build: profile `{config.name}` ({platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, num_proc={config.num_proc})\n")
    print(f"tokens counted by: {summary['token_method']}\n")
    print("| source | candidates | rows | accepted | median bytes | mean bytes | median tokens | mean tokens "
          "| p90 tokens |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for source, info in summary["sources"].items():
        rate = "n/a" if info["acceptance_rate"] is None else f"{info['acceptance_rate']:.1%}"
        print(f"| {source} | {info['candidates']} | {info['rows']} | {rate} | {info['bytes']['median']:.0f} | "
              f"{info['bytes']['mean']:.0f} | {info['tokens']['median']:.0f} | {info['tokens']['mean']:.0f} | "
              f"{info['tokens']['p90']:.0f} |")
    all_tokens = summary["tokens"]
    print(f"| all | | {summary['rows']} | | {summary['bytes']['median']:.0f} | {summary['bytes']['mean']:.0f} | "
          f"{all_tokens['median']:.0f} | {all_tokens['mean']:.0f} | {all_tokens['p90']:.0f} |\n")
    print(f"- splits: {summary['splits']}")
    print(f"- rejected candidates by reason: {summary['rejected'] or 'none'}")
    print(f"- validity of written rows (check + render): {valid}/{total} = {valid / max(total, 1):.1%}")
    print(f"- build time: {seconds:.1f} s; throughput: {summary['rows'] / seconds * 60:.0f} pairs/min")
    print(f"- median tokens goal (<= 1,500): {'met' if all_tokens['median'] <= 1500 else 'NOT met'}")
    if summary["token_method"] == "gemma3-tokenizer":
        median_now, median_added = number_token_savings(out)
        print(f"- added tokens for the integers 0-999 (train split, estimated): median {median_now:.0f} -> "
              f"{median_added:.0f} tokens per target ({1 - median_added / median_now:.0%} fewer)")
    if not args.out:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
