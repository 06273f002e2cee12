"""How far `predict` runs past its deadline on hostile cases (issue 14: goal <= 0.5 s).

Cases: a backend returning a render bomb (markers nested 6 deep, ~1 kB), a finishing step that hangs (the
killable worker's path, with the palette backend as the fallback and alone), a 10M-character description at a
0.05 s deadline, and an input whose `str()` is 50M characters. Every answer is also checked valid.

    .venv/bin/python benchmarks/bench_deadline.py --runs 5
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from svgllm.backends.palette import PaletteBackend
from svgllm.config import ModelConfig
from svgllm.model import Model
from svgllm.rules import check

HANG = "import time\n\n\ndef finish(raw, budget_bytes, render_check):\n    time.sleep(600)\n"
SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect width="9" height="9" fill="red"/></svg>'


def marker_bomb(depth: int = 6, vertices: int = 9) -> str:
    """Markers nested `depth` deep, painted at every vertex of the path one level up (work ~ vertices ** depth)."""
    points = " ".join(f"L{i * 3} {i % 2 * 3}" for i in range(1, vertices))
    markers = "".join(
        f'<marker id="m{level}" viewBox="0 0 40 9"><path d="M0 0 {points}" stroke="red" fill="none"'
        + (f' marker-mid="url(#m{level + 1})"' if level < depth - 1 else "") + "/></marker>"
        for level in range(depth))
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 384"><defs>' + markers
            + f'</defs><path d="M0 0 {points}" stroke="blue" marker-mid="url(#m0)"/></svg>')


class Fixed:
    """A backend that always returns the same text."""

    def __init__(self, text: str, name: str = "fixed"):
        self.text, self.name = text, name

    def generate(self, description, deadline):
        return self.text


class HugeStr:
    def __str__(self):
        return "teal " * 10_000_000


def measure(model: Model, description, runs: int) -> tuple[float, float, str]:
    """(worst seconds, worst overrun past the deadline, outcomes seen) over `runs` predictions."""
    worst, outcomes = 0.0, set()
    for _ in range(runs):
        model.finisher.warm_up()  # each run starts isolated (after a kill the thread path serves until then)
        started = time.monotonic()
        result = model.predict_with_info(description)
        worst = max(worst, time.monotonic() - started)
        assert check(result.svg) == (), result.attempts
        outcomes.add(" -> ".join(f"{a.backend}:{a.outcome}" for a in result.attempts) + f" => {result.backend}")
    return worst, max(0.0, worst - model.config.deadline_s), "; ".join(sorted(outcomes))


def main(argv: list[str] | None = None) -> int:
    """Print one table row per case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="predictions per case")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp())
    (folder / "svgllm_bench_hang.py").write_text(HANG)
    sys.path.insert(0, str(folder))  # before the worker starts, so it can import the stand-in

    def loaded(*backends, target=None, **config):
        model = Model(ModelConfig(**config), backends=list(backends))
        model.load(warm_up=None)
        if target:
            model.finisher.target = target
        return model

    cases = [
        ("render bomb, then palette", loaded(Fixed(marker_bomb(), "bomb"), PaletteBackend(), deadline_s=5.0),
         "a red kite"),
        ("render bomb alone", loaded(Fixed(marker_bomb(), "bomb"), deadline_s=2.0), "a red kite"),
        ("hanging finish, then palette", loaded(Fixed(SQUARE), PaletteBackend(), deadline_s=5.0,
                                                target="svgllm_bench_hang:finish"), "a red kite"),
        ("hanging finish alone", loaded(Fixed(SQUARE), deadline_s=2.0, target="svgllm_bench_hang:finish"),
         "a red kite"),
        ("10M-character description", loaded(PaletteBackend(), deadline_s=0.05), "crimson " + "x" * 10_000_000),
        ("str() of 50M characters", loaded(PaletteBackend(), deadline_s=1.0), HugeStr()),
    ]
    print("| case | deadline s | runs | worst s | worst overrun s | attempts -> answer |")
    print("|---|---|---|---|---|---|")
    for name, model, description in cases:
        worst, overrun, outcomes = measure(model, description, args.runs)
        print(f"| {name} | {model.config.deadline_s:g} | {args.runs} | {worst:.3f} | {overrun:.3f} | {outcomes} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
