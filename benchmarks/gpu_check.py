"""The GPU claims, measured in one run: QLoRA memory/speed (7B-class and Gemma 3 270M shapes, t4 and p100 profiles),
the LLM backend's batched constrained generation, the metric / planner paths on the device, and the diffusion stage
at the real SDXL size — all with random weights built from configs (nothing downloaded), each step reporting
ok / failed / skipped with why, none stopping the others.

    python benchmarks/gpu_check.py --out DIR              # on a CUDA machine (~8 min), capped to a 15 GiB card
    python benchmarks/gpu_check.py --out DIR --cpu-smoke  # every step on tiny shapes on the CPU (CI, < 1 min)
    bash benchmarks/gpu_check_run.sh                      # on the GPU machine: offline installs, then the check

Writes DIR/gpu_check.json (every figure, the machine, the versions) and DIR/gpu_check.md (one table row per step).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` and `training_notebooks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gpu_steps import GIB, STEPS, T4_MEMORY_GIB, Context, Skip  # noqa: E402


@dataclass
class StepResult:
    """One step's outcome: status "ok", "failed" or "skipped", why (for the last two) and its figures."""

    name: str
    status: str
    seconds: float
    why: str = ""
    data: dict = field(default_factory=dict)


class StepTimeout(Exception):
    """A step ran past its time limit (raised into it by SIGALRM)."""


def _alarm(signum, frame):
    raise StepTimeout("the step ran past its time limit")


def run_step(name: str, step, ctx: Context, timeout_s: float = 0.0) -> StepResult:
    """Run one step; a Skip or any exception becomes its result instead of stopping the run.

    With `timeout_s` > 0 (main thread, Unix) an alarm interrupts a step that runs too long, so one stuck step
    cannot cost the device time of the others.
    """
    started = time.monotonic()
    timed = timeout_s > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        data = step(ctx)
        return StepResult(name, "ok", round(time.monotonic() - started, 2), data=data)
    except Skip as reason:
        return StepResult(name, "skipped", round(time.monotonic() - started, 2), f"skipped: {reason}")
    except Exception as error:  # noqa: BLE001 - the check reports every failure and goes on to the next step
        tail = traceback.format_exc().strip().splitlines()[-6:]
        return StepResult(name, "failed", round(time.monotonic() - started, 2),
                          f"{type(error).__name__}: {error}"[:400], {"traceback": tail})
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def run_steps(steps: dict, ctx: Context, log=print, on_result=None, timeout_s: float = 0.0) -> list[StepResult]:
    """Every step in order, each printed as it ends; `on_result(results so far)` after each (partial reports)."""
    results = []
    for name, step in steps.items():
        result = run_step(name, step, ctx, timeout_s)
        log(f"[{result.status:>7}] {name} ({result.seconds:.1f} s) {result.why}".rstrip(), flush=True)
        results.append(result)
        if on_result is not None:
            on_result(results)
    return results


def write_report(out: Path, results: list[StepResult], info: dict, smoke: bool, seconds: float) -> str:
    """Write gpu_check.json and gpu_check.md (rewritten after every step, so a run cut short keeps its figures)."""
    report = {"mode": "cpu-smoke" if smoke else "cuda", "seconds": round(seconds, 1), "machine": info,
              "steps": [asdict(r) for r in results]}
    (out / "gpu_check.json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    table = markdown(results, info, smoke)
    (out / "gpu_check.md").write_text(table, encoding="utf-8")
    return table


def cap_memory(gib: float) -> dict:
    """Limit this process to `gib` of GPU 0 (a T4-sized card on a bigger GPU); returns what was set."""
    import torch

    total = torch.cuda.get_device_properties(0).total_memory
    fraction = min(1.0, gib * GIB / total)
    torch.cuda.set_per_process_memory_fraction(fraction, 0)
    return {"cap_gib": gib, "fraction": round(fraction, 4), "device_total_gib": round(total / GIB, 2)}


def machine() -> dict:
    """The machine and the versions the figures were measured with."""
    import importlib.metadata as metadata

    import torch

    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "torch": torch.__version__, "cuda": torch.version.cuda,
            "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None}
    for package in ("transformers", "peft", "accelerate", "diffusers", "bitsandbytes", "cairosvg"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    return info


def headline(result: StepResult) -> str:
    """A few key figures of a step for the markdown table."""
    d = result.data
    if result.status != "ok":
        return result.why.replace("|", "/")
    if "estimate_gib" in d:
        if "peak_gib" in d:
            return (f"peak {d['peak_gib']} GiB (est. {d['estimate_gib']['total']}, budget {d['budget_gib']}), "
                    f"fits {d['fits']}, {d['tokens_per_second']} tok/s here, "
                    f"{d.get('scaled_to_T4', d.get('scaled_to_P100'))} scaled")
        return (f"estimate {d['estimate_gib']['total']} GiB; tiny CPU LoRA {d['cpu_tiny']['tokens_per_second']} tok/s;"
                f" skipped: {', '.join(d['skipped'])}")
    if "constrained" in d:
        c, f = d["constrained"], d["free"]
        return (f"{d['candidates']} x {d['max_new_tokens']} tokens: constrained {c['tokens_per_second']} tok/s "
                f"({c['valid']} valid, grammar {c['processor_share']:.0%}), free {f['tokens_per_second']} tok/s"
                + (f", peak {d['peak_allocated_gib']} GiB" if "peak_allocated_gib" in d else ""))
    if "layout" in d:
        return f"layout {d['layout']}, {d['dtype']}, score {d['score']}" + (
            f", {d['nf4_linear_layers']} NF4 linear layers" if "nf4_linear_layers" in d else "")
    if "chars" in d:
        return f"load {d['load_s']} s, one program ({d['max_new_tokens']} tokens at most) + drawing {d['seconds']} s"
    if "unet_params" in d:
        speeds = ", ".join(f"{k}: {v['images_per_second']} img/s" for k, v in d.items() if k.startswith("steps_"))
        per = d["per_candidate"]
        return (f"{d['architecture']} {d['size']}px {d['dtype']}: {speeds}"
                + (f", peak {d['peak_reserved_gib']} GiB reserved" if "peak_reserved_gib" in d else "")
                + f"; vectorize {per['vectorize_s']} s + score {per['score_s']} s per image")
    return json.dumps(d)[:200]


def markdown(results: list[StepResult], info: dict, smoke: bool) -> str:
    """The table: one row per step."""
    lines = [f"# GPU check ({'CPU smoke, tiny shapes' if smoke else 'CUDA'})", "",
             f"Machine: {info.get('gpu') or 'CPU'}, torch {info['torch']}, Python {info['python']}", "",
             "| step | status | seconds | figures / why |", "|---|---|---|---|"]
    lines += [f"| {r.name} | {r.status} | {r.seconds} | {headline(r)} |" for r in results]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None):
    parser = argparse.ArgumentParser(prog="benchmarks/gpu_check.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for gpu_check.json and gpu_check.md")
    parser.add_argument("--cpu-smoke", action="store_true", help="tiny shapes on the CPU (what CI runs)")
    parser.add_argument("--only", default="", help="comma-separated step-name prefixes to run (default: all)")
    parser.add_argument("--cap-gib", type=float, default=T4_MEMORY_GIB, help="per-process GPU memory cap")
    parser.add_argument("--step-timeout", type=float, default=None,
                        help="seconds per step (default 150 on CUDA; none in the smoke run, where pytest's own "
                             "timeout may hold the alarm signal)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the check; exit status 1 when a step failed (skips are not failures)."""
    import torch

    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    cuda = torch.cuda.is_available() and not args.cpu_smoke
    if not cuda and not args.cpu_smoke:
        print("no CUDA device: run with --cpu-smoke for the tiny CPU variant", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    info = machine()
    if cuda:
        info["memory_cap"] = cap_memory(args.cap_gib)
    prefixes = [p.strip() for p in args.only.split(",") if p.strip()]
    steps = {name: step for name, step in STEPS.items() if not prefixes or name.startswith(tuple(prefixes))}
    started = time.monotonic()

    def save(done: list[StepResult]) -> str:
        return write_report(args.out, done, info, not cuda, time.monotonic() - started)

    with tempfile.TemporaryDirectory(prefix="gpu-check-") as scratch:
        ctx = Context(args.out, Path(scratch), "cuda" if cuda else "cpu", smoke=not cuda)
        limit = args.step_timeout if args.step_timeout is not None else (150.0 if cuda else 0.0)
        results = run_steps(steps, ctx, on_result=save, timeout_s=limit)
    print(save(results))
    return 1 if any(r.status == "failed" for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
