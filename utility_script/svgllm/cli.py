"""The `svgllm` command line: draw, run, check (+ score and serve when their extras are installed)."""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

# Optional command groups: each module has `register(subparsers)`; missing ones are skipped quietly.
PLUGIN_COMMANDS = ("svgllm.metric.cli", "svgllm.serve.cli")


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """`--config FILE` plus one option per `ModelConfig` field with a flag, help text taken from the field."""
    from . import dataconfig
    from .config import ModelConfig

    parser.add_argument("--config", metavar="FILE", help="JSON file with ModelConfig keys (unknown keys are an error)")
    dataconfig.add_arguments(parser, ModelConfig)


def build_model(args: argparse.Namespace, load: bool = False):
    """A Model from the environment (or `--config`) with command-line overrides; ValueError on bad values.

    `load`: also `Model.load()` it (backends, weights, the finishing worker; no warm-up drawing), so drawing
    starts with everything in memory and under the hard time limit.
    """
    from . import dataconfig
    from .config import ModelConfig
    from .model import Model, ModelLoadError

    config = ModelConfig.from_file(args.config) if args.config else ModelConfig.from_env()
    values = {**config.to_dict(), **dataconfig.overrides_from_args(args, ModelConfig)}
    model = Model(ModelConfig.from_dict(values))
    if load:
        try:
            model.load(warm_up=None)
        except ModelLoadError as error:  # a backend named but not usable: a configuration error for the user
            raise ValueError(str(error)) from error
    return model


def cmd_draw(args: argparse.Namespace) -> int:
    """Draw one description to a file (or stdout)."""
    model = build_model(args, load=True)
    result = model.predict_with_info(args.description)
    if args.output:
        Path(args.output).write_text(result.svg, encoding="utf-8")
    else:
        sys.stdout.write(result.svg + "\n")
    if args.png:
        from .render import render

        render(result.svg).save(args.png)
    failed = [f"{a.backend}: {a.outcome} {a.detail}".strip() for a in result.attempts if a.outcome != "ok"]
    print(f"drawn by {result.backend} in {result.seconds * 1000:.0f} ms"
          + (f" (after {'; '.join(failed)})" if failed else ""), file=sys.stderr)
    if result.choice is not None:
        print(describe_choice(result.choice), file=sys.stderr)
    return 0


def describe_choice(choice) -> str:
    """One line on a best-of-N choice: how many candidates, their scores, which was kept and why."""
    scores = ", ".join(f"{name} {score:.3f}" for name, score in zip(choice.backends, choice.scores, strict=False))
    line = (f"best of {len(choice.backends)} by {choice.scorer}: kept #{choice.index + 1} "
            f"({choice.backends[choice.index]}); scores: {scores or 'none'}")
    return line + (f" [{choice.detail}]" if choice.detail else "")


def cmd_run(args: argparse.Namespace) -> int:
    """Draw every description of a CSV into a submission CSV; resumes where an interrupted run stopped."""
    from .batch import run_submission

    return run_submission(args.descriptions, args.output, lambda: build_model(args, load=True),
                          overwrite=args.overwrite, quiet=args.quiet, gallery=args.gallery)


def cmd_check(args: argparse.Namespace) -> int:
    """Print every violation of each SVG file (or each row of a submission CSV); status 1 if any is invalid."""
    from .render import render_problem
    from .rules import check

    items: list[tuple[str, str | None]] = []
    for name in args.files:
        try:
            items.append((name, Path(name).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            items.append((name, None))
            print(f"{name}: cannot read: {error}")
    if args.csv:
        from .batch import read_svg_column

        items += [(f"{args.csv}:{row_id}", svg) for row_id, svg in read_svg_column(args.csv)]
    if not items:
        raise ValueError("nothing to check: give SVG files and/or --csv FILE")
    invalid = 0
    for name, svg in items:
        if svg is None:
            invalid += 1
            continue
        problems = list(check(svg))
        if not problems and args.render:
            problems += [p for p in (render_problem(svg),) if p]
        if problems:
            invalid += 1
            for problem in problems:
                print(f"{name}: {problem}")
    print(f"{len(items) - invalid}/{len(items)} valid", file=sys.stderr)
    return 1 if invalid else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with plugin commands whose modules are importable."""
    parser = argparse.ArgumentParser(prog="svgllm", description="Text to competition-valid SVG.")
    commands = parser.add_subparsers(dest="command", required=True)

    draw = commands.add_parser("draw", help="draw one description")
    draw.add_argument("description")
    draw.add_argument("-o", "--output", help="SVG file to write (default: stdout)")
    draw.add_argument("--png", help="also write the metric's 384x384 render as PNG")
    add_model_options(draw)
    draw.set_defaults(handler=cmd_draw)

    run = commands.add_parser("run", help="draw every description of an id,description CSV")
    run.add_argument("descriptions")
    run.add_argument("-o", "--output", default="submission.csv")
    run.add_argument("--gallery", help="directory for an HTML page and a PNG contact sheet")
    run.add_argument("--overwrite", action="store_true", help="start over instead of resuming")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_model_options(run)
    run.set_defaults(handler=cmd_run)

    check = commands.add_parser("check", help="validate SVG files against the competition's rules")
    check.add_argument("files", nargs="*")
    check.add_argument("--csv", help="a submission CSV with an svg column")
    check.add_argument("--render", action="store_true", help="also check that each SVG renders")
    check.set_defaults(handler=cmd_check)

    for module_name in PLUGIN_COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # the extra that provides this command is not installed
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `svgllm` and `python -m svgllm`; user errors print one line and exit with status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (ValueError, OSError) as error:
        print(f"svgllm {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
