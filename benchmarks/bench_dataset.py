"""Dataset-builder benchmark: build a profile from scratch and report what the issue asks to measure.

Per source: candidates, accepted rows and acceptance rate, bytes and tokens per target (median / mean / p90),
plus the validity rate of the written rows (every row re-checked with `svgllm.rules.check` and rendered),
the build time and the CPU throughput in pairs per minute. Goals (issue 6): median target <= 1,500 tokens,
100% of targets valid.

Run: `python benchmarks/bench_dataset.py [--profile tiny] [--num-proc N] [--out DIR]`; prints a Markdown report.
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


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # dataset_build/ lives at the repository root
    from dataset_build.build import build
    from dataset_build.config import load_config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="tiny")
    parser.add_argument("--num-proc", type=int, default=None)
    parser.add_argument("--out", default=None, help="output folder (default: a temporary one, removed after)")
    args = parser.parse_args(argv)
    config = load_config(args.profile)
    if args.num_proc:
        config.num_proc = args.num_proc
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="bench-dataset-"))
    if (out / "shards").exists():
        shutil.rmtree(out / "shards")  # a benchmark measures a build from scratch, not a resume
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
