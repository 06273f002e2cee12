"""`python -m dataset_build --profile tiny --out build/dataset`: build a dataset from one config."""
from __future__ import annotations

import argparse
import json
import sys

from svgllm import dataconfig

from .config import BuildConfig


def build_parser() -> argparse.ArgumentParser:
    """The command's options; those that override the config are made from `BuildConfig`'s fields."""
    parser = argparse.ArgumentParser(prog="python -m dataset_build", description=__doc__)
    parser.add_argument("--profile", default="tiny",
                        help="profile name under dataset_build/profiles/ or a YAML file (default: tiny)")
    parser.add_argument("--out", default="build/dataset", help="output folder (default: build/dataset)")
    dataconfig.add_arguments(parser, BuildConfig)
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line arguments of `main`."""
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the dataset and print its summary as JSON; exit status 2 for a bad config."""
    from .build import build
    from .config import load_config

    args = parse_args(argv)
    try:
        config = load_config(args.profile, dataconfig.overrides_from_args(args, BuildConfig))
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        summary = build(config, args.out, progress=not args.no_progress)
    except ValueError as error:  # e.g. resuming into a folder built with other settings
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps({k: summary[k] for k in ("rows", "splits", "tokens", "token_method", "build_seconds")},
                     indent=1))
    return 0
