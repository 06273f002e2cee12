"""`svgllm serve`: the `register(subparsers)` hook for the main CLI, and the command itself.

Registering imports nothing beyond the standard library (and svgllm's own settings modules), so the rest of the
CLI works without the `serve` extra; running the command without it prints how to install it. The server's
options are made from `ServeSettings`' fields, the model's from `ModelConfig`'s (help text written once).
"""
from __future__ import annotations

import argparse
import sys


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `serve` command to an argparse subparsers object; its handler is `args.handler(args) -> int`."""
    from .. import dataconfig
    from ..cli import add_model_options  # the same model options as `svgllm draw` and `svgllm run`
    from .settings import ServeSettings

    parser = subparsers.add_parser(
        "serve",
        help="run the HTTP demo (POST /predict, a web page at /)",
        description="Serve the model over HTTP: POST /predict, GET /health, GET / (a demo page), /docs. "
        "One model per process, loaded at startup; requests queue for it.",
    )
    dataconfig.add_arguments(parser, ServeSettings)
    add_model_options(parser)
    parser.set_defaults(handler=run)
    return parser


def settings_from_args(args: argparse.Namespace):
    """`ServeSettings` from SVGLLM_SERVE_* variables with the command line's flags over them; ValueError if bad."""
    from .. import dataconfig
    from .settings import ServeSettings

    values = dataconfig.merge(ServeSettings.from_env().to_dict(), dataconfig.overrides_from_args(args, ServeSettings))
    return ServeSettings.from_dict(values)


def run(args: argparse.Namespace) -> int:
    """Start uvicorn with one app (one model) in this process; returns an exit code."""
    try:
        import uvicorn

        from .webapp import create_app
    except ImportError as error:
        print(f"svgllm serve: error: needs the 'serve' extra ({error}): pip install 'svgllm[serve]'",
              file=sys.stderr)
        return 2
    from ..backends import available_backends
    from ..cli import build_model

    try:
        settings = settings_from_args(args)
        model = build_model(args)  # cheap: backends load when the server starts
        unknown = [name for name in model.config.backends if name not in available_backends()]
        if unknown:  # caught here rather than as a degraded server answering only fallbacks
            raise ValueError(f"unknown backend(s) {', '.join(unknown)}; known: {', '.join(available_backends())}")
    except (OSError, ValueError) as error:
        print(f"svgllm serve: error: {error}", file=sys.stderr)
        return 2
    app = create_app(model=model, settings=settings)
    # One worker process: the model is loaded once, at startup; uvicorn exits non-zero itself if the port is taken.
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=settings.log_level)
    return 0
