"""Core benchmark: sanitize latency on a 50 kB hostile input and over the hostile corpus, the isolated worker's
per-call cost, and Model.predict overhead outside backends.

Goals: sanitize p99 <= 20 ms on a 50 kB hostile input (one core; issue 2); predict overhead <= 5 ms (issue 2);
worst-case sanitize over the hostile corpus p100 <= 2 s and p99 <= 50 ms (one core; issue 14).
Run: `python benchmarks/bench_core.py [--repeats 200]`; prints Markdown tables for benchmarks/REPORT.md.
A/B on a shared machine: `python benchmarks/bench_core.py --against /tmp/old/utility_script` times only the 50 kB
sanitize (no render check), in alternating blocks with this tree's code and the copy at that path (e.g. made by
`git archive HEAD utility_script | tar -x -C /tmp/old`), so both see the same load.
"""
from __future__ import annotations

import argparse
import importlib
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from svgllm.config import ModelConfig
from svgllm.isolation import call_isolated
from svgllm.model import Model
from svgllm.render import render_problem, warm_up_renderer
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


def time_calls(function, repeats: int, clock=time.process_time) -> list[float]:
    """Milliseconds per call. CPU time by default: on a shared machine, wall time measures the neighbours too;
    the CPU time of a single-threaded call is what it costs on a core of its own. Work done in the render worker
    is another process's CPU time, so calls that render are timed with the wall clock (`time.perf_counter`)."""
    times = []
    for _ in range(repeats):
        started = clock()
        function()
        times.append((clock() - started) * 1000)
    return times


def hostile_corpus() -> dict[str, str]:
    """The hostile corpus of the fuzz suite (tests/core/test_hostile_corpus.py), by case name."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))
    from test_hostile_corpus import hostile_corpus as corpus

    return corpus()


def corpus_rows(repeats: int) -> list[tuple[str, float, float, float, str]]:
    """(label, median, p99, p100, slowest case) of sanitize over every hostile case, best of `repeats` each."""
    corpus = hostile_corpus()
    rows = []
    for label, verify, clock in (("sanitize passes, no render check (CPU ms)", False, time.process_time),
                                 ("sanitize with render check (default) (wall ms)", True, time.perf_counter)):
        worst = {name: min(time_calls(lambda text=text, verify=verify: sanitize(text, verify_render=verify),
                                      repeats, clock))
                 for name, text in corpus.items()}
        times = list(worst.values())
        slowest = max(worst, key=worst.get)
        rows.append((f"{label}, {len(corpus)} cases", statistics.median(times), percentile(times, 0.99),
                     max(times), slowest))
    return rows


def sanitize_from(package_parent: str):
    """`sanitize` of the svgllm package under `package_parent`, imported afresh (the svgllm modules loaded so far
    keep working: each function holds its own module's globals)."""
    for name in [name for name in sys.modules if name == "svgllm" or name.startswith("svgllm.")]:
        del sys.modules[name]
    sys.path.insert(0, package_parent)
    try:
        return importlib.import_module("svgllm.sanitize").sanitize
    finally:
        sys.path.remove(package_parent)


def against(other: str, repeats: int, blocks: int = 10) -> None:
    """Print min/median/p99 CPU ms of the 50 kB sanitize (no render check) for this tree and for `other`."""
    text = hostile_input()
    functions = {"this tree": sanitize, other: sanitize_from(other)}
    outputs = {name: function(text, verify_render=False) for name, function in functions.items()}
    print(f"same output: {len(set(outputs.values())) == 1}")
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(blocks):  # alternating blocks: a change of load hits both sides alike
        for name, function in functions.items():
            times[name] += time_calls(lambda function=function: function(text, verify_render=False),
                                      max(1, repeats // blocks))
    print("| code | min ms | median ms | p99 ms | calls |\n|---|---|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {min(values):.2f} | {statistics.median(values):.2f} | {percentile(values, 0.99):.2f} | "
              f"{len(values)} |")


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
    parser.add_argument("--corpus-repeats", type=int, default=3, help="runs per hostile case (the best is kept)")
    parser.add_argument("--against", metavar="DIR", help="A/B the 50 kB sanitize against the svgllm under DIR")
    args = parser.parse_args()
    if args.against:
        against(args.against, args.repeats)
        return
    warm_up_renderer()
    text = hostile_input()
    assert check(sanitize(text)) == ()
    rows = []
    for label, verify, clock in (("sanitize, 50 kB hostile, no render check (CPU ms)", False, time.process_time),
                                 ("sanitize, 50 kB hostile, with render check (default) (wall ms)", True,
                                  time.perf_counter)):
        times = time_calls(lambda verify=verify: sanitize(text, verify_render=verify), args.repeats, clock)
        rows.append((label, statistics.median(times), percentile(times, 0.99)))

    typical_svg = sanitize(text)
    for label, call in (("isolated worker round trip, trivial call (wall ms)",
                         lambda: call_isolated("operator:add", (1, 2), 5.0)),
                        ("render check in this process (wall ms)", lambda: render_problem(typical_svg, None)),
                        ("render check in the worker (default) (wall ms)", lambda: render_problem(typical_svg))):
        times = time_calls(call, args.repeats, time.perf_counter)
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
    print("\n| hostile corpus | median ms | p99 ms | p100 ms | slowest case |\n|---|---|---|---|---|")
    for label, median, p99, p100, slowest in corpus_rows(args.corpus_repeats):
        print(f"| {label} | {median:.2f} | {p99:.2f} | {p100:.2f} | {slowest} |")


if __name__ == "__main__":
    main()
