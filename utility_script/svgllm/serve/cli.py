"""`svgllm serve`: the `register(subparsers)` hook for the main CLI, and the command itself.

Registering imports nothing beyond the standard library, so the rest of the CLI works without the `serve`
extra; running the command without it prints how to install it.
"""
from __future__ import annotations

import argparse
import sys


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be in 0..65535, got {value}")
    return value


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {value:g}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `serve` command to an argparse subparsers object; its handler is `args.handler(args) -> int`."""
    from ..cli import add_model_options  # the same model options as `svgllm draw` and `svgllm run`

    parser = subparsers.add_parser(
        "serve",
        help="run the HTTP demo (POST /predict, a web page at /)",
        description="Serve the model over HTTP: POST /predict, GET /health, GET / (a demo page), /docs. "
        "One model per process, loaded at startup; requests queue for it.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="TCP port (default: 8000)")
    add_model_options(parser)
    parser.add_argument("--timeout", type=_positive, metavar="S",
                        help="seconds a request may wait, queue included (default: model deadline + 30)")
    parser.add_argument("--queue", type=_count, metavar="N", help="requests allowed to wait (default: 32)")
    parser.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Start uvicorn with one app (one model) in this process; returns an exit code."""
    try:
        import uvicorn

        from .webapp import ServeSettings, create_app
    except ImportError as error:
        print(f"svgllm serve: error: needs the 'serve' extra ({error}): pip install 'svgllm[serve]'",
              file=sys.stderr)
        return 2
    from ..backends import available_backends
    from ..cli import build_model

    try:
        model = build_model(args)  # cheap: backends load when the server starts
        unknown = [name for name in model.config.backends if name not in available_backends()]
        if unknown:  # caught here rather than as a degraded server answering only fallbacks
            raise ValueError(f"unknown backend(s) {', '.join(unknown)}; known: {', '.join(available_backends())}")
        settings = ServeSettings.from_env()
    except (OSError, ValueError) as error:
        print(f"svgllm serve: error: {error}", file=sys.stderr)
        return 2
    if args.timeout is not None:
        settings.timeout_s = args.timeout
    if args.queue is not None:
        settings.queue_size = args.queue
    app = create_app(model=model, settings=settings)
    # One worker process: the model is loaded once, at startup; uvicorn exits non-zero itself if the port is taken.
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
