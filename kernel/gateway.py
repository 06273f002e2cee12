"""A local stand-in for the competition's gateway: the same calls, limits and validation, offline.

It starts the submission's `Model` (allowed 15 minutes), calls `predict` one description at a time with a
5-minute limit each, rejects anything that is not a str or fails the competition's SVG rules (as the real gateway
would fail the whole submission), checks that each SVG renders, writes `submission.csv` and reports the time
per description.
"""
from __future__ import annotations

import csv
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

STARTUP_LIMIT_S = 15 * 60
PREDICT_LIMIT_S = 5 * 60
TOTAL_LIMIT_S = 9 * 60 * 60


class SubmissionFailed(RuntimeError):
    """What the real gateway would report as a failed submission."""


@dataclass
class GatewayReport:
    """Timings of one run; `rows` are (id, svg, seconds)."""

    startup_s: float
    rows: list[tuple[str, str, float]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for logs: count, mean/median/max seconds per description."""
        times = [seconds for _, _, seconds in self.rows]
        if not times:
            return f"startup {self.startup_s:.1f} s, no descriptions"
        return (f"{len(times)} descriptions; startup {self.startup_s:.1f} s; per description mean "
                f"{statistics.mean(times):.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s")


def _call_with_limit(function, limit_s: float, what: str):
    box: dict = {}

    def work():
        try:
            box["value"] = function()
        except BaseException as error:  # noqa: BLE001 - reported as the gateway would
            box["error"] = error

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(limit_s)
    if worker.is_alive():
        raise SubmissionFailed(f"{what} took longer than {limit_s:.0f} s")
    if "error" in box:
        raise SubmissionFailed(f"{what} raised {box['error']!r}") from box["error"]
    return box.get("value")


def run_gateway(model_class, items: list[dict], output: str | Path, predict_limit_s: float = PREDICT_LIMIT_S,
                startup_limit_s: float = STARTUP_LIMIT_S, progress: bool = True) -> GatewayReport:
    """Run `model_class()` over `items` (dicts with `id` and `description`) like the competition does."""
    started = time.monotonic()
    model = _call_with_limit(model_class, startup_limit_s, "Model()")
    # only now: in a Kaggle-like interpreter svgllm (and cairosvg) exist once Model() has installed them
    from svgllm.render import render_problem
    from svgllm.rules import check

    report = GatewayReport(startup_s=time.monotonic() - started)
    iterator = items
    if progress:
        from tqdm import tqdm

        iterator = tqdm(items, desc="gateway", unit="svg")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "svg"])
        for item in iterator:
            call_started = time.monotonic()
            svg = _call_with_limit(lambda item=item: model.predict(item["description"]), predict_limit_s,
                                   f"predict({item['id']})")
            seconds = time.monotonic() - call_started
            if not isinstance(svg, str):
                raise SubmissionFailed(f"predict({item['id']}) returned {type(svg).__name__}, not str")
            problems = check(svg) or tuple(p for p in (render_problem(svg),) if p)
            if problems:
                raise SubmissionFailed(f"predict({item['id']}) returned an invalid SVG: {'; '.join(problems)}")
            writer.writerow([item["id"], svg])
            report.rows.append((item["id"], svg, seconds))
            if time.monotonic() - started > TOTAL_LIMIT_S:
                raise SubmissionFailed("the whole run took longer than 9 hours")
    return report


def load_items(path: str | Path) -> list[dict]:
    """Descriptions from a competition-style CSV (`id,description`) or JSONL (`{"id", "description", ...}`)."""
    import json

    path = Path(path)
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [{"id": str(row["id"]), "description": row["description"]} for row in rows]
    with open(path, newline="", encoding="utf-8") as handle:
        return [{"id": row["id"], "description": row["description"]} for row in csv.DictReader(handle)]
