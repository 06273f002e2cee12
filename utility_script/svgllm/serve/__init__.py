"""`svgllm.serve`: a small HTTP demo of `Model` (FastAPI), run with `uvicorn svgllm.serve:app` or `svgllm serve`.

Importing this package loads nothing heavy: FastAPI is imported and the default `app` built only when `app` or
`create_app` is first asked for (PEP 562), and the model itself is loaded at server startup, once per process.
"""
from __future__ import annotations

__all__ = ["ServeSettings", "app", "create_app"]


def __getattr__(name: str):
    # Lazy attributes: `uvicorn svgllm.serve:app` reads `app`; the CLI registers without needing FastAPI at all.
    if name == "app":
        from .webapp import default_app

        instance = default_app()
        globals()["app"] = instance  # built once per process; the model inside loads at startup, not here
        return instance
    if name == "create_app":
        from .webapp import create_app

        return create_app
    if name == "ServeSettings":  # standard library only: no FastAPI needed to read or check the settings
        from .settings import ServeSettings

        return ServeSettings
    raise AttributeError(f"module 'svgllm.serve' has no attribute {name!r}")
