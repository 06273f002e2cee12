"""The loss curve of a run (train and validation loss against the optimiser step) as a PNG."""
from __future__ import annotations

import json
from pathlib import Path


def loss_points(log_history: list[dict]) -> dict[str, list[tuple[int, float]]]:
    """Split the Trainer's `state.log_history` into (step, value) series for "loss" and "eval_loss"."""
    series: dict[str, list[tuple[int, float]]] = {"loss": [], "eval_loss": []}
    for entry in log_history:
        for key in series:
            if key in entry and "step" in entry:
                series[key].append((int(entry["step"]), float(entry[key])))
    return series


def save_loss_curve(log_history: list[dict], path: str | Path, title: str = "") -> Path:
    """Plot train/validation loss to `path` (PNG, matplotlib's Agg backend: no display needed).

    Also writes the raw history next to it as `<stem>.json` so the curve can be redrawn. Returns the PNG path.
    """
    import matplotlib

    matplotlib.use("Agg")  # headless: Kaggle and CI have no display
    import matplotlib.pyplot as plt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    series = loss_points(log_history)
    figure, axes = plt.subplots(figsize=(7, 4), dpi=100)
    for key, label, style in (("loss", "train", "-"), ("eval_loss", "validation", "o-")):
        if series[key]:
            steps, values = zip(*series[key], strict=True)
            axes.plot(steps, values, style, label=label)
    axes.set_xlabel("optimiser step")
    axes.set_ylabel("loss (completion tokens)")
    axes.set_title(title or "loss")
    axes.grid(alpha=0.3)
    if any(series.values()):
        axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    path.with_suffix(".json").write_text(json.dumps(log_history, indent=1), encoding="utf-8")
    return path
