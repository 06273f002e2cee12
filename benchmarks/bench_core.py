"""Core benchmark: sanitize latency on a 50 kB hostile input, and Model.predict overhead outside backends.

Goals (issue 2): sanitize p99 <= 20 ms on a 50 kB hostile input (one core); predict overhead <= 5 ms.
Run: `python benchmarks/bench_core.py [--repeats 200]`; prints a Markdown table for benchmarks/REPORT.md.
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import time

from svgllm.config import ModelConfig
from svgllm.model import Model
from svgllm.rules import check
from svgllm.sanitize import sanitize


def hostile_input(size: int = 50_000, seed: int = 0) -> str:
    """A reproducible ~`size`-character SVG full of what the sanitizer must remove or repair."""
    rng = random.Random(seed)
    parts = ["Sure! Here is your drawing:\n```svg\n<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x 'y'>]>",
             "<SVG xmlns='http://www.w3.org/2000/svg' width='800' height='600'>",
             "<style>.a{fill:red;stroke:blue} rect{stroke-width:2} #z{fill:url(#g)}</style>",
             "<!--" + "comment " * 200 + "-->", "<script>alert(1)</script>",
             "<defs><linearGradient id='g'><stop offset='0' stop-color='gold'/></linearGradient></defs>"]
    kinds = [
        lambda: f"<rect x='{rng.uniform(0, 800):.6f}' y='{rng.uniform(0, 600):.6f}' width='{rng.uniform(1, 90):.6f}' "
                f"height='{rng.uniform(1, 90):.6f}' class='a' onclick='x()' style='fill:#{rng.randrange(4096):03x}'/>",
        lambda: "<path d='M" + " ".join(f"{rng.uniform(0, 800):.5f},{rng.uniform(0, 600):.5f}"
                                        for _ in range(rng.randrange(3, 30))) + " Z nan 1e999'/>",
        lambda: "<g transform='translate(1 2) scale(1.5)'>" * 3 + "<circle cx='5' cy='5' r='3'/>" + "</g>" * 3,
        lambda: "<text x='1' y='2'>hello world</text><image href='data:image/png;base64,AAAA'/>",
        lambda: f"<polygon points='{' '.join(str(rng.randrange(800)) for _ in range(rng.randrange(5, 40)))}'/>",
        lambda: "<use xlink:href='http://evil/x.svg#a'/><foreignObject><div>x</div></foreignObject>",
    ]
    while sum(map(len, parts)) < size:
        parts.append(rng.choice(kinds)())
    text = "".join(parts)[:size]
    return text  # truncated mid-element, on purpose


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_calls(function, repeats: int) -> list[float]:
    """CPU milliseconds per call: on a shared machine, wall time measures the neighbours too; the CPU time of
    a single-threaded call is what it costs on a core of its own."""
    times = []
    for _ in range(repeats):
        started = time.process_time()
        function()
        times.append((time.process_time() - started) * 1000)
    return times


class FixedBackend:
    """Returns a typical ~1.5 kB drawing instantly, so everything measured is Model's own overhead."""

    name = "fixed"

    def __init__(self, svg: str):
        self.svg = svg

    def generate(self, description, deadline):
        return self.svg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    text = hostile_input()
    assert check(sanitize(text)) == ()
    rows = []
    for label, verify in (("sanitize, 50 kB hostile, no render check (CPU ms)", False),
                          ("sanitize, 50 kB hostile, with render check (default) (CPU ms)", True)):
        times = time_calls(lambda verify=verify: sanitize(text, verify_render=verify), args.repeats)
        rows.append((label, statistics.median(times), percentile(times, 0.99)))

    typical = Model(ModelConfig(backends=("palette",))).predict("a crimson kite over a teal lake and gold sand")
    for label, render_check in (("predict overhead, render check off (wall ms)", False),
                                ("predict overhead, render check on (default) (wall ms)", True)):
        model = Model(ModelConfig(backends=("palette",), render_check=render_check))
        model._backends = [FixedBackend(typical)]
        overheads = []
        for _ in range(args.repeats):
            overheads.append(model.predict_with_info("x").overhead_seconds * 1000)
        rows.append((label, statistics.median(overheads), percentile(overheads, 0.99)))

    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{args.repeats} repeats, input {len(text)} chars")
    print("| measurement | median ms | p99 ms |\n|---|---|---|")
    for label, median, p99 in rows:
        print(f"| {label} | {median:.2f} | {p99:.2f} |")


if __name__ == "__main__":
    main()
