"""Benchmark the LLM backend: validity at the first attempt and decoding speed, with and without the grammar.

    .venv/bin/python benchmarks/bench_llm.py                       # base Gemma 3 270M on CPU, default set
    .venv/bin/python benchmarks/bench_llm.py --model DIR --adapter LORA --tokens 512 --out runs/llm.jsonl

Descriptions: a built-in set in the competition's style, plus the public train descriptions when
/work/shared/competition/train.jsonl (or --train FILE) exists. Each (description, mode) result is appended to
--out as one JSON line; rerunning with the same --out skips what is done (resumable). Prints one table row per
mode: first-attempt validity, tokens/s, grammar overhead, seconds and bytes per SVG.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

DESCRIPTIONS = [
    "a red barn in a field of sunflowers",
    "an orange goldfish in a round glass bowl",
    "green silk scarf with white polka dots",
    "a snowy mountain peak at sunrise",
    "a yellow umbrella on a rainy street",
    "abstract blue circles on a black background",
    "a wooden sailboat on a calm lake",
    "a pink cupcake with a cherry on top",
    "a brown leather boot with laces",
    "a starry night over a quiet village",
]
DEFAULT_TRAIN = Path("/work/shared/competition/train.jsonl")


def load_descriptions(train: Path | None, limit: int | None) -> list[str]:
    """The built-in descriptions plus the train file's (when it exists), without duplicates."""
    found = list(DESCRIPTIONS)
    if train is not None and train.is_file():
        for line in train.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["description"]
                if text not in found:
                    found.append(text)
    return found[:limit] if limit else found


def read_done(out: Path) -> dict:
    """Results already in `out`, keyed by (description, mode)."""
    done = {}
    if out.is_file():
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                done[(row["description"], row["mode"])] = row
    return done


def run_one(backend, description: str, constrained: bool, tokens: int, deadline_s: float) -> dict:
    """Generate one candidate and measure it (validity is judged on the raw text after the trivial close)."""
    from svgllm.backends.llm.finish import trivial_close
    from svgllm.deadline import Deadline
    from svgllm.render import render_problem
    from svgllm.rules import check

    started = time.perf_counter()
    result = backend.generate_candidates(description, Deadline(deadline_s), constrained=constrained,
                                         max_new_tokens=tokens)
    seconds = time.perf_counter() - started
    candidate = result.candidates[0]
    svg = trivial_close(candidate.raw) if not constrained else candidate.svg
    problems = check(svg)
    return {
        "description": description,
        "mode": "constrained" if constrained else "unconstrained",
        "valid": not problems,
        "renders": not problems and render_problem(svg) == "",
        "problem": problems[0][:120] if problems else "",
        "new_tokens": candidate.new_tokens,
        "seconds": round(seconds, 3),
        "processor_seconds": round(result.processor_seconds, 3),
        "bytes": len(svg.encode("utf-8")),
        "closed_itself": candidate.raw.rstrip().endswith("</svg>"),
        "budget": candidate.budget,
        "svg": svg,
    }


def summarise(rows: list[dict]) -> list[dict]:
    """One summary per mode."""
    table = []
    for mode in ("constrained", "unconstrained"):
        mine = [r for r in rows if r["mode"] == mode]
        if not mine:
            continue
        tokens = sum(r["new_tokens"] for r in mine)
        seconds = sum(r["seconds"] for r in mine)
        processor = sum(r["processor_seconds"] for r in mine)
        valid = [r for r in mine if r["valid"]]
        table.append({
            "mode": mode,
            "n": len(mine),
            "valid_first_attempt": f"{len(valid)}/{len(mine)}",
            "renders": sum(r["renders"] for r in mine),
            "closed_itself": sum(r["closed_itself"] for r in mine),
            "tokens_per_s": round(tokens / seconds, 2) if seconds else 0.0,
            "grammar_overhead_pct": round(100 * processor / max(seconds - processor, 1e-9), 1),
            "ms_grammar_per_token": round(1000 * processor / max(tokens, 1), 2),
            "s_to_first_valid": round(sum(r["seconds"] for r in valid) / len(valid), 2) if valid else None,
            "mean_tokens": round(tokens / len(mine), 1),
            "mean_bytes_valid": round(sum(r["bytes"] for r in valid) / len(valid)) if valid else None,
        })
    return table


def print_table(table: list[dict]) -> None:
    """A plain text table (also fine in a markdown report)."""
    if not table:
        print("no results")
        return
    keys = list(table[0])
    widths = {k: max(len(k), *(len(str(row[k])) for row in table)) for k in keys}
    print(" | ".join(k.ljust(widths[k]) for k in keys))
    print("-+-".join("-" * widths[k] for k in keys))
    for row in table:
        print(" | ".join(str(row[k]).ljust(widths[k]) for k in keys))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="pypi:gemma3-270m", help="HF folder, .gguf, Kaggle handle or pypi:...")
    parser.add_argument("--adapter", default=None, help="optional LoRA adapter folder or handle")
    parser.add_argument("--tokens", type=int, default=96, help="max new tokens per SVG")
    parser.add_argument("--deadline", type=float, default=240.0, help="seconds per generation")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N descriptions")
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN, help="JSONL with more descriptions")
    parser.add_argument("--modes", default="constrained,unconstrained", help="comma-separated modes to run")
    parser.add_argument("--out", type=Path, default=Path("bench_llm.jsonl"), help="results (resumable)")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(modes) - {"constrained", "unconstrained"}
    if unknown:
        print(f"unknown modes: {sorted(unknown)}", file=sys.stderr)
        return 2
    if args.tokens < 1 or args.deadline <= 0:
        print("--tokens and --deadline must be positive", file=sys.stderr)
        return 2
    import torch
    from svgllm.backends.llm import LLMBackend
    from svgllm.config import ModelConfig
    from tqdm import tqdm

    if args.threads:
        torch.set_num_threads(args.threads)
    descriptions = load_descriptions(args.train, args.limit)
    done = read_done(args.out)
    config = ModelConfig(llm_model=args.model, llm_adapter=args.adapter, deadline_s=min(args.deadline, 299),
                         extra={"llm": {"max_rounds": 1}})
    backend = LLMBackend(config)
    started = time.perf_counter()
    loaded = backend.load()
    load_s = time.perf_counter() - started
    print(f"model {loaded.folder} on {loaded.plan.device} ({loaded.plan.dtype}), loaded in {load_s:.1f} s; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch threads "
          f"{torch.get_num_threads()}", flush=True)
    todo = [(d, m) for d in descriptions for m in modes if (d, m) not in done]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a", encoding="utf-8") as sink:
        for description, mode in tqdm(todo, desc="bench_llm", unit="svg"):
            row = run_one(backend, description, mode == "constrained", args.tokens, args.deadline)
            row["tokens_budget"] = args.tokens
            sink.write(json.dumps(row) + "\n")
            sink.flush()
            done[(description, mode)] = row
    rows = [done[(d, m)] for d in descriptions for m in modes if (d, m) in done]
    print(f"\n{len(descriptions)} descriptions, max {args.tokens} new tokens, greedy, header prefilled")
    print_table(summarise(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
