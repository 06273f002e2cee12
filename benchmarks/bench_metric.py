"""Benchmark the local scoring tools on the CPU: proxy-scorer speed and what it says about each backend.

Measures:
- proxy scorer: ms per SVG (render included), median and p90;
- defence chain: ms per image (what the real metric adds per description before any model runs);
- per backend (every cheap, weight-free backend in the registry, or --backends): the mean proxy score of its
  drawings, and how often the proxy ranks a description's own drawing above the drawing made for another
  description ("on-topic rate": 0.5 means the proxy cannot tell them apart for that backend).
- best-of-N (--best-of 1 4): `Model` with `candidates` = N on its default chain (or --backends), scored by the
  proxy: mean proxy score of the kept drawing, ms per description, candidates per description, how often the
  scorer changed the answer and which backends drew the kept ones.
Descriptions: /work/shared/competition/train.jsonl (or --descriptions FILE: JSON lines with `description`, or an
id,description CSV such as samples/descriptions.csv) when present, else a few written here.

Usage: nice -n 10 .venv/bin/python benchmarks/bench_metric.py [--backends palette composer] [--json out.json]
       nice -n 10 .venv/bin/python benchmarks/bench_metric.py --descriptions samples/descriptions.csv --best-of 1 4
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

TRAIN = Path("/work/shared/competition/train.jsonl")
FALLBACK_DESCRIPTIONS = (
    "a red barn in a green field", "a blue ocean under a yellow sun", "a purple mountain at night",
    "an orange cat on a white rug", "snowy pine trees under a gray sky", "a pink flamingo by a lake",
)
WEIGHT_FREE = ("palette", "composer")  # backends that draw without model weights


def load_descriptions(path: Path | None) -> tuple[list[str], str]:
    """(descriptions, where they came from)."""
    source = path if path is not None else TRAIN
    if source.suffix == ".csv":
        from svgllm.batch import read_descriptions

        return [row["description"] for row in read_descriptions(source)], str(source)
    if source.exists():
        rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [row["description"] for row in rows], str(source)
    return list(FALLBACK_DESCRIPTIONS), "built-in"


def draw_all(backend_name: str, descriptions: list[str]) -> list[str]:
    """One drawing per description from `Model` restricted to one backend (so sanitising applies)."""
    from svgllm.config import ModelConfig
    from svgllm.model import Model

    model = Model(ModelConfig(backends=(backend_name,)))
    return [model.predict(description) for description in descriptions]


def percentile(values: list[float], q: float) -> float:
    """q-th percentile by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_backend(name: str, descriptions: list[str], scorer) -> dict:
    """Proxy scores and timings for one backend's drawings."""
    svgs = draw_all(name, descriptions)
    timings, own = [], []
    for description, svg in zip(descriptions, svgs, strict=True):
        started = time.perf_counter()
        own.append(scorer.score(description, svg))
        timings.append((time.perf_counter() - started) * 1000)
    wins = ties = 0
    for index, description in enumerate(descriptions):
        other = svgs[(index + 1) % len(svgs)]  # the next description's drawing stands in for an off-topic one
        other_score = scorer.score(description, other)
        wins += own[index] > other_score
        ties += own[index] == other_score
    return {
        "backend": name,
        "descriptions": len(descriptions),
        "mean_proxy_score": statistics.fmean(own),
        "on_topic_rate": (wins + 0.5 * ties) / len(descriptions),
        "proxy_ms_median": statistics.median(timings),
        "proxy_ms_p90": percentile(timings, 0.9),
    }


def bench_best_of(n: int, descriptions: list[str], scorer, backends: list[str] | None = None) -> dict:
    """Best-of-`n` through `Model` (proxy scorer inside; `backends` or the default chain): the kept drawings."""
    from collections import Counter

    from svgllm.config import ModelConfig
    from svgllm.model import Model

    config = ModelConfig(candidates=n, **({"backends": tuple(backends)} if backends else {}))
    model = Model(config, scorer=scorer)
    model.predict("warm-up")  # imports and the first render are not part of the per-description cost
    scores, timings, considered, changed, kept = [], [], [], 0, Counter()
    for description in descriptions:
        result = model.predict_with_info(description)
        timings.append(result.seconds * 1000)
        scores.append(scorer.score(description, result.svg))
        kept[result.backend] += 1
        if result.choice is not None:
            considered.append(len(result.choice.backends))
            changed += result.choice.index != 0
    return {
        "candidates": n,
        "mean_proxy_score": statistics.fmean(scores),
        "ms_mean": statistics.fmean(timings),
        "ms_p90": percentile(timings, 0.9),
        "candidates_per_description": statistics.fmean(considered) if considered else 1.0,
        "changed": changed,
        "kept_backends": dict(kept),
    }


def bench_defences(svgs_or_none: list[str] | None, repeats: int = 5) -> dict:
    """ms per image of the full defence chain and of the OCR chain, on one rendered drawing."""
    from PIL import Image
    from svgllm.metric.defences import defend, defend_for_ocr
    from svgllm.render import render

    image = render(svgs_or_none[0]) if svgs_or_none else Image.new("RGB", (384, 384), "white")
    defend(image, 0)  # warm-up: first calls import scipy
    result = {}
    for name, chain in (("defence_chain_ms", defend), ("ocr_chain_ms", defend_for_ocr)):
        times = []
        for seed in range(repeats):
            started = time.perf_counter()
            chain(image, seed)
            times.append((time.perf_counter() - started) * 1000)
        result[name] = statistics.median(times)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", nargs="*", help="backends (default: the weight-free ones registered)")
    parser.add_argument("--descriptions", type=Path, help="JSON lines with a `description` field")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--best-of", type=int, nargs="+", metavar="N",
                        help="instead: compare Model best-of-N runs (e.g. 1 4) by the proxy score of the kept drawing")
    args = parser.parse_args(argv)

    from svgllm.backends import REGISTRY
    from svgllm.metric.proxy import ProxyScorer

    descriptions, source = load_descriptions(args.descriptions)
    names = args.backends or [name for name in WEIGHT_FREE if name in REGISTRY]
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        parser.error(f"unknown backends {unknown}; registered: {sorted(REGISTRY)}")
    scorer = ProxyScorer()
    if args.best_of:
        return report_best_of(args, descriptions, source, scorer)
    rows = [bench_backend(name, descriptions, scorer) for name in names]
    defences = bench_defences(draw_all(names[0], descriptions[:1]) if names else None)
    print(f"descriptions: {len(descriptions)} from {source}; machine: {platform.machine()} "
          f"{platform.processor() or ''} python {platform.python_version()}")
    print("\n| backend | mean proxy score | on-topic rate | proxy ms (median / p90) |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row['backend']} | {row['mean_proxy_score']:.3f} | {row['on_topic_rate']:.2f} | "
              f"{row['proxy_ms_median']:.0f} / {row['proxy_ms_p90']:.0f} |")
    print(f"\ndefence chain {defences['defence_chain_ms']:.0f} ms, "
          f"OCR chain {defences['ocr_chain_ms']:.0f} ms per image (median)")
    if args.json:
        args.json.write_text(json.dumps({"source": source, "backends": rows, **defences}, indent=2) + "\n",
                             encoding="utf-8")
    return 0


def report_best_of(args: argparse.Namespace, descriptions: list[str], source: str, scorer) -> int:
    """Run and print the best-of-N comparison."""
    rows = [bench_best_of(n, descriptions, scorer, args.backends) for n in args.best_of]
    chain = ",".join(args.backends) if args.backends else "default"
    print(f"chain: {chain}; descriptions: {len(descriptions)} from {source}; machine: {platform.machine()} "
          f"{platform.processor() or ''} python {platform.python_version()}")
    print("\n| N | mean proxy score | ms mean / p90 | candidates per description | answer changed | kept from |"
          "\n|---|---|---|---|---|---|")
    for row in rows:
        kept = ", ".join(f"{name} {count}" for name, count in sorted(row["kept_backends"].items()))
        print(f"| {row['candidates']} | {row['mean_proxy_score']:.3f} | {row['ms_mean']:.0f} / {row['ms_p90']:.0f} | "
              f"{row['candidates_per_description']:.1f} | {row['changed']}/{len(descriptions)} | {kept} |")
    if args.json:
        args.json.write_text(json.dumps({"source": source, "best_of": rows}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
