"""Local scoring: the competition metric, a CPU proxy of it, and best-of-N selection.

Modules (each imports its heavy libraries only when used):
- `defences`: the seeded image defences (crop/resize, JPEG, median, FFT low-pass, bilateral, JPEG; OCR chain).
- `vqa`: PaliGemma multiple-choice VQA from letter-token probabilities; `ocr`: the OCR penalty.
- `aesthetic`: CLIP ViT-L/14 features + the LAION aesthetic MLP head.
- `score`: `harmonic_mean`, `MetricScorer`, `score(items, svgs, scorer) -> Report`.
- `proxy`: `ProxyScorer`, a cheap CPU stand-in; `selection`: the `Scorer` protocol and `best_of`.
- `cli`: the `svgllm score` command.
"""
from __future__ import annotations

# `score` is not re-exported: the submodule `svgllm.metric.score` owns that name
# (use `from svgllm.metric.score import score`).
__all__ = ["MetricScorer", "ProxyScorer", "Scorer", "best_of", "harmonic_mean"]


def __getattr__(name: str):
    # Lazy re-exports (PEP 562) so `import svgllm.metric` stays free of numpy/torch until something is used.
    if name in ("MetricScorer", "harmonic_mean"):
        from .score import MetricScorer, harmonic_mean

        return {"MetricScorer": MetricScorer, "harmonic_mean": harmonic_mean}[name]
    if name == "ProxyScorer":
        from .proxy import ProxyScorer

        return ProxyScorer
    if name in ("Scorer", "best_of"):
        from . import selection

        return getattr(selection, name)
    raise AttributeError(f"module 'svgllm.metric' has no attribute {name!r}")
