"""`python -m svgllm.serve [--host H] [--port P] ...`: the same as `svgllm serve`."""
from __future__ import annotations

import argparse
import sys

from .cli import register


def main(argv: list[str] | None = None) -> int:
    """Parse the `serve` options and run the server."""
    parser = argparse.ArgumentParser(prog="python -m svgllm.serve")
    commands = parser.add_subparsers(dest="command")
    register(commands)
    args = parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)])
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
