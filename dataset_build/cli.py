"""`python -m dataset_build --profile tiny --out build/dataset`: build a dataset from one config."""
from __future__ import annotations

import argparse
import json
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m dataset_build", description=__doc__)
    parser.add_argument("--profile", default="tiny",
                        help="profile name under dataset_build/profiles/ or a YAML file (default: tiny)")
    parser.add_argument("--out", default="build/dataset", help="output folder (default: build/dataset)")
    parser.add_argument("--num-proc", type=int, default=None, help="override the profile's num_proc")
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the dataset and print its summary as JSON; exit status 2 for a bad config."""
    from .build import build
    from .config import load_config

    args = parse_args(argv)
    try:
        config = load_config(args.profile)
        if args.num_proc is not None:
            config.num_proc = args.num_proc
            config.validate()
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
