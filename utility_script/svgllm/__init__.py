"""svgllm: a competition-valid SVG for every description.

`Model().predict(description) -> str` is the entry point. Submodules are imported lazily so that
`import svgllm` loads nothing heavy (no cairo, no torch) until it is used.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Model", "ModelConfig", "Prediction", "check", "sanitize", "__version__"]


def __getattr__(name: str):
    # Lazy re-exports: keep `import svgllm` free of heavy imports (PEP 562).
    if name in ("Model", "ModelConfig", "Prediction"):
        from . import model

        return getattr(model, name)
    if name == "check":
        from .rules import check

        return check
    if name == "sanitize":
        from .sanitize import sanitize

        return sanitize
    raise AttributeError(f"module 'svgllm' has no attribute {name!r}")
