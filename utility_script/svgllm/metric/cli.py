"""`svgllm score`: score a submission CSV against descriptions with questions, print a table, write a gallery.

With --vqa-model, --aesthetic-model and --clip-model (local paths or kagglehub handles) it runs the
competition metric; without them it runs the CPU proxy scorer and says so. With --gallery DIR, results are
also appended to DIR/scores.jsonl as they come, and a rerun reuses every row whose SVG and scorer are
unchanged.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

from .. import dataconfig
from .options import MODEL_FIELDS, MetricOptions


def register(subparsers) -> argparse.ArgumentParser:
    """Add `score` to an argparse subparsers object; its handler is `args.handler(args) -> int`."""
    parser = subparsers.add_parser(
        "score", help="score a submission CSV (competition metric with models, else the CPU proxy)",
        description=__doc__.split("\n\n")[0])
    parser.add_argument("submission", help="CSV with columns id,svg")
    parser.add_argument("--questions", required=True,
                        help="JSON lines: id, description, questions (train.jsonl)")
    # --vqa-model, --aesthetic-model, --clip-model, --devices: the help of MetricOptions' fields
    dataconfig.add_arguments(parser, MetricOptions)
    parser.add_argument("--no-4bit", action="store_true",
                        help="load PaliGemma unquantised (default: NF4 on CUDA)")
    parser.add_argument("--gallery", help="directory for renders with scores, scores.csv and scores.jsonl")
    parser.add_argument("--limit", type=int, help="score only the first N descriptions")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run_score)
    return parser


def read_submission(path: str | Path) -> dict[str, str]:
    """id -> svg from a submission CSV; ValueError naming the problem when it is not one."""
    csv.field_size_limit(10**8)  # SVG cells can exceed the csv module's default limit
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if not {"id", "svg"} <= set(reader.fieldnames or ()):
            raise ValueError(f"{path}: needs a header with columns 'id' and 'svg', found {reader.fieldnames}")
        rows = {}
        for row in reader:
            if row["id"] in rows:
                raise ValueError(f"{path}: id {row['id']!r} appears twice")
            rows[row["id"]] = row["svg"] or ""
    return rows


def metric_options(args: argparse.Namespace) -> MetricOptions:
    """The `MetricOptions` the flags give (ValueError naming a bad --devices value)."""
    values = dataconfig.overrides_from_args(args, MetricOptions)
    if args.no_4bit:
        values["quantize"] = False
    return MetricOptions.from_dict(values)


def build_scorer(options: MetricOptions) -> tuple:
    """(scorer, its name): the metric when all three models are given, the proxy when none is."""
    missing = options.missing_models()
    if len(missing) == len(MODEL_FIELDS):
        from .proxy import ProxyScorer

        return ProxyScorer(), "proxy"
    if missing:
        flag = {item.name: item.metadata["cli"] for item in dataclasses.fields(MetricOptions)}
        flags = ", ".join(flag[name] for name in missing)
        raise ValueError(f"the metric needs all three models; missing {flags} (or give none for the proxy)")
    from .score import MetricScorer

    return MetricScorer.from_options(options), "metric"


def _fingerprint(scorer_name: str, svg: str) -> str:
    return hashlib.sha1(f"{scorer_name}\n{svg}".encode()).hexdigest()


def load_done(path: Path, svgs: dict[str, str], scorer_name: str) -> dict:
    """Results in a previous scores.jsonl whose SVG and scorer are unchanged, by id."""
    from .score import ItemScore

    done = {}
    if not path.exists():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
            result = ItemScore.from_dict(row)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            continue  # a line cut short by an interruption: that item is simply scored again
        if result.id in svgs and row.get("fingerprint") == _fingerprint(scorer_name, svgs[result.id]):
            done[result.id] = result
    return done


def format_table(report, width: int = 44) -> str:
    """A plain-text table: id, score, each component, description (cut to `width`), problem."""
    names = list(report.component_means())
    lines = ["  ".join([f"{'id':<8}", f"{'score':>9}", *[f"{n[:9]:>9}" for n in names], "description"])]
    for item in report.items:
        cells = [f"{item.id:<8}", f"{item.score:9.3f}"]
        cells += [f"{item.components[n]:9.3f}" if n in item.components else f"{'-':>9}" for n in names]
        text = item.description if len(item.description) <= width else item.description[: width - 1] + "…"
        cells.append(text + (f"  [{item.problem[:60]}]" if item.problem else ""))
        lines.append("  ".join(cells))
    means = report.component_means()
    summary = f"mean score {report.mean:.4f} over {len(report.items)} descriptions"
    if means:
        summary += " (" + ", ".join(f"{name} {value:.3f}" for name, value in means.items()) + ")"
    return "\n".join(lines + [summary])


def write_outputs(report, svgs: dict[str, str], directory: Path, scorer_name: str) -> Path:
    """scores.csv and the gallery page (renders captioned with their scores) in `directory`."""
    from ..gallery import write_gallery

    directory.mkdir(parents=True, exist_ok=True)
    names = list(report.component_means())
    with open(directory / "scores.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "description", "score", *names, "problem", "scorer"])
        for item in report.items:
            writer.writerow([item.id, item.description, f"{item.score:.6f}",
                             *[f"{item.components[n]:.6f}" if n in item.components else "" for n in names],
                             item.problem, scorer_name])
    # the score leads each caption so the PNG contact sheet shows it too, not only the HTML page
    rows = [{"id": item.id, "description": f"{item.score:.3f} · {item.description}", "svg": svgs[item.id],
             "backend": scorer_name} for item in report.items if item.id in svgs]
    return write_gallery(rows, directory)


def run_score(args: argparse.Namespace) -> int:
    """Handler of `svgllm score`."""
    from .score import load_items, score

    items = load_items(args.questions)
    svgs = read_submission(args.submission)
    unknown = sorted(set(svgs) - {item.id for item in items})
    if args.limit is not None:
        items = items[: max(0, args.limit)]
    missing = [item.id for item in items if item.id not in svgs]
    if not set(svgs) & {item.id for item in items}:
        raise ValueError(f"no id of {args.submission} appears in {args.questions}")
    options = metric_options(args)
    wants_metric = len(options.missing_models()) < len(MODEL_FIELDS)
    unanswerable = [item.id for item in items if wants_metric and not item.questions]
    if unanswerable:  # checked before loading any model
        raise ValueError(f"the metric needs questions; none for ids {', '.join(unanswerable[:5])}")
    scorer, scorer_name = build_scorer(options)
    if scorer_name == "proxy":
        print("scorer: CPU proxy (no models given) - not the competition metric", file=sys.stderr)
    done: dict = {}
    with contextlib.ExitStack() as stack:
        log = None
        if args.gallery:
            directory = Path(args.gallery)
            directory.mkdir(parents=True, exist_ok=True)
            done = load_done(directory / "scores.jsonl", svgs, scorer_name)
            log = stack.enter_context(open(directory / "scores.jsonl", "a", encoding="utf-8"))

        def record(result):
            if log is not None and not result.problem.startswith("no SVG"):
                row = result.to_dict()
                row["fingerprint"] = _fingerprint(scorer_name, svgs[result.id])
                log.write(json.dumps(row) + "\n")
                log.flush()  # each result is on disk at once: an interrupted run resumes from here

        report = score(items, svgs, scorer, done=done, on_result=record, progress=not args.quiet)
    print(format_table(report))
    if missing:
        print(f"{len(missing)} descriptions have no SVG in the submission (scored 0)", file=sys.stderr)
    if unknown:
        print(f"{len(unknown)} submission rows have no questions and were skipped", file=sys.stderr)
    if done:
        print(f"{len(done)} results reused from {args.gallery}/scores.jsonl", file=sys.stderr)
    if args.gallery:
        page = write_outputs(report, svgs, Path(args.gallery), scorer_name)
        print(f"gallery: {page}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (`python -m svgllm.metric.cli score ...`), same behaviour as `svgllm score`."""
    parser = argparse.ArgumentParser(prog="svgllm-metric")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (ValueError, OSError) as error:
        print(f"svgllm score: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
