"""The planner's decoding with its full output head against the head cut to program tokens (issue 18 latency).

Run: `OMP_NUM_THREADS=2 python benchmarks/bench_planner_head.py --limit 60` (the dev set by default; never the
held-out file, which bench_planner.py scores). One load; each description is planned with both heads, in
alternating order, so both see the same machine load. Prints per-description latency (median, p95) for each head,
their ratio, and how many programs came out identical.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "composer" / "fixtures" / "dev_vocabulary.jsonl"


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main(argv: list[str] | None = None) -> int:
    """Plan each description with both heads; print the comparison as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DEV), help="JSONL rows with a 'description' field")
    parser.add_argument("--limit", type=int, default=None, help="first N rows only")
    parser.add_argument("--model", default="pypi:gemma3-270m")
    parser.add_argument("--deadline", type=float, default=30.0, help="per-description deadline, s")
    args = parser.parse_args(argv)

    from svgllm.backends.llm.program_grammar import piece_can_occur
    from svgllm.backends.planner import shipped_adapter
    from svgllm.backends.planner.decode import ProgramDecoder
    from svgllm.backends.planner.head import kept_token_ids, restrict_output_head
    from svgllm.deadline import Deadline

    rows = [json.loads(line) for line in Path(args.data).read_text().splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    decoder = ProgramDecoder.load(args.model, shipped_adapter(), restrict_head=False)
    model = decoder.loaded.model
    full_head = model.lm_head
    started = time.monotonic()
    kept = restrict_output_head(model, kept_token_ids(decoder.table, piece_can_occur))
    cut_seconds = time.monotonic() - started
    heads = {"full": full_head, "cut": model.lm_head}
    decoder.generate(rows[0]["description"], Deadline(args.deadline))  # warm-up, not counted

    from tqdm import tqdm

    seconds: dict[str, list[float]] = {"full": [], "cut": []}
    same, differing = 0, []
    for index, row in enumerate(tqdm(rows, desc="descriptions")):
        programs = {}
        for name in (("full", "cut") if index % 2 == 0 else ("cut", "full")):
            model.lm_head = heads[name]
            begun = time.monotonic()
            programs[name], _ = decoder.generate(row["description"], Deadline(args.deadline))
            seconds[name].append(time.monotonic() - begun)
        if programs["full"] == programs["cut"]:
            same += 1
        else:
            differing.append({"description": row["description"], **programs})
    summary = {
        "rows": len(rows), "kept_tokens": kept, "vocabulary": full_head.out_features,
        "cut_head_build_s": round(cut_seconds, 2),
        **{f"{name}_{stat}": round(fn(values), 3) for name, values in seconds.items()
           for stat, fn in (("median_s", statistics.median), ("p95_s", p95))},
        "median_ratio_full_over_cut": round(statistics.median(seconds["full"]) / statistics.median(seconds["cut"]), 2),
        "identical_programs": same, "differing": differing,
    }
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
