"""The planner's load time from the converted folder: the LLM backend's loader against the planner's own (issue 18).

Run: `SVGLLM_CACHE=~/.cache/svgllm python benchmarks/bench_planner_load.py --model <converted folder> --repeats 3`.
Each load runs in a fresh interpreter (imports included, as in a real start), the two ways alternating so that
both see the same machine load:
- `llm.loading`: `llm.loading.load` (AutoTokenizer -> GemmaTokenizer, peft merge) + `build_table` + grammar,
  what `ProgramDecoder.load` did before;
- `planner`: `ProgramDecoder.load` now (`planner.loading`: fast tokenizer, direct LoRA merge, no peft import;
  token table from the disk cache, `planner.table_cache`).
Prints the median and every run's stage times (seconds since the interpreter started).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r'''
import json, sys, time
started = time.monotonic()
way, model = sys.argv[1], sys.argv[2]
marks = {}
import torch, transformers  # noqa: F401
marks["imports"] = time.monotonic() - started
from svgllm.backends.planner import shipped_adapter
if way == "llm.loading":
    from svgllm.backends.llm.loading import load
    from svgllm.backends.llm.program_grammar import ProgramGrammar
    from svgllm.backends.llm.tokens import build_table
    loaded = load(model, shipped_adapter())
    marks["model"] = time.monotonic() - started
    build_table(loaded.tokenizer, loaded.model.config.vocab_size)
    marks["table"] = time.monotonic() - started
    ProgramGrammar()
else:
    from svgllm.backends.planner.decode import ProgramDecoder
    decoder = ProgramDecoder.load(model, shipped_adapter())
    marks.update({k: marks["imports"] + sum(list(decoder.stages.values())[:i + 1])
                  for i, k in enumerate(decoder.stages) if k != "grammar"})
marks["total"] = time.monotonic() - started
print(json.dumps({k: round(v, 2) for k, v in marks.items()}))
'''
WAYS = ("llm.loading", "planner")


def one_load(way: str, model: str) -> dict:
    """Stage times of one load in a fresh interpreter."""
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", _CHILD, way, model], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False)
    if done.returncode:
        raise RuntimeError(f"{way} load failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Command line: alternate the two ways `--repeats` times, print medians and runs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="the converted Gemma 3 270M folder (or pypi:gemma3-270m)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    runs: dict[str, list[dict]] = {way: [] for way in WAYS}
    for _ in range(args.repeats):
        for way in WAYS:
            runs[way].append(one_load(way, args.model))
    for way, marks in runs.items():
        total = statistics.median(m["total"] for m in marks)
        print(f"{way}: median {total:.1f} s over {len(marks)} loads; runs: {marks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
