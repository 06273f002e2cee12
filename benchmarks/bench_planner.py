"""The planner against the composer's parser on the held-out unseen-vocabulary set (issue 18).

Run: `python benchmarks/bench_planner.py --methods parser,parser+meaning,base-few-shot,planner,hybrid [--limit N]`;
each method's per-row results go to `build/bench_planner/<data file stem>/<method>.json` (so methods can run in
separate sittings), then the Markdown table of every method found there is printed for benchmarks/REPORT.md.
`--merge-grid` scores every hybrid merge rule from the saved planner programs (refused on the held-out file:
rules are chosen on the dev set, `--data tests/composer/fixtures/dev_vocabulary.jsonl`).

Methods, all scored the same way on the scene they produce (the composer draws that scene):
- `parser`: the composer's parser with its meaning-based fallback switched off (`parse.meaning` -> None);
- `parser+meaning`: the parser as shipped (with the WordNet / vector fallback where the tree has it);
- `base-few-shot`: Gemma 3 270M base, the planner's few-shot prompt, grammar-constrained greedy decoding;
- `planner`: the same with the shipped LoRA adapter (`svgllm/data/planner/`) and the short prompt;
- `hybrid`: what the planner backend draws as shipped (`PlannerBackend.scene`, its default `merge`: the planner's
  scene merged with the parser's by `planner.merge.merge_scenes`' default rule), from the saved `planner` programs
  of the same rows when there are any (else the planner runs).
Scores per row (the data's schema: benchmarks/heldout/README.md): main subject (the drawn subject, or the terrain
when there is none, is one of the row's acceptable names, as `bench_unseen.mapped_subject` reads it), colour
(every colour the row names has a scene colour within RGB distance 70 of its reference), colour visible (>= 3%
of the render's pixels within that distance, `bench_unseen.coverage`), setting and time where the row names one.
Also: latency per description after load, load time, and the overlap of the rows' words with the training data.
Never tune on the held-out file.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
DATA = ROOT / "benchmarks" / "heldout" / "unseen_vocabulary.jsonl"
OUT = ROOT / "build" / "bench_planner"
TRAINING_ROWS = ROOT / "build" / "planner" / "train.jsonl"
METHODS = ("parser", "parser+meaning", "base-few-shot", "planner", "hybrid")
TOLERANCE = 70.0


def close(a: str, b: str, tolerance: float = TOLERANCE) -> bool:
    """Two #rrggbb colours within RGB distance `tolerance`."""
    rgb = [[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in (a, b)]
    return sum((x - y) ** 2 for x, y in zip(*rgb, strict=True)) ** 0.5 <= tolerance


def score(row: dict, scene, render_colours: bool = True) -> dict:
    """The row's scores for one scene (`render_colours=False` skips the rendered-colour check)."""
    from bench_unseen import coverage, mapped_subject
    from svgllm.backends.composer.compose import draw
    from svgllm.backends.composer.program import canonical_colour
    from svgllm.render import render

    # Every field is read from the scene the method produced, as bench_unseen reads the parser's: not from the
    # layout's scene (layout.resolve adds painter defaults - a meadow under a timed object, night in space - that
    # no method read from the text). Before draw() stopped changing its scene, the setting and time were read
    # after drawing on the rows that name a colour, so those defaults counted there (tables before 2026-12-03).
    colours = [c for c in (canonical_colour(c) for c in scene.colors) if c]
    subject = mapped_subject(scene)
    out = {"id": row["id"], "mapped": subject, "subject": subject in row["subject"]}
    if row["colors"]:
        out["colour"] = all(any(close(c["hex"], mine) for mine in colours) for c in row["colors"])
    if row["setting"]:
        out["setting"] = scene.setting in row["setting"]
    if row["time"]:
        out["time"] = scene.time == row["time"]
    if row["colors"] and render_colours:
        image = render(draw(scene))
        out["colour_visible"] = all(coverage(image, c["hex"]) >= 0.03 for c in row["colors"])
    return out


def parser_scenes(rows: list[dict], meaning: bool) -> list[tuple]:
    """(scene, seconds, program) per row from the composer's parser."""
    from unittest import mock

    from svgllm.backends.composer import parse
    from svgllm.backends.composer.program import to_program

    patch = mock.patch("svgllm.backends.composer.parse.meaning", return_value=None) if not meaning else None
    if patch is not None and not hasattr(sys.modules["svgllm.backends.composer.parse"], "meaning"):
        patch = None  # a tree without the fallback: the plain parser is all there is
    out = []
    with patch or _nothing():
        for row in rows:
            started = time.perf_counter()
            scene = parse(row["description"])
            out.append((scene, time.perf_counter() - started, to_program(scene)))
    return out


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def planner_scenes(rows: list[dict], adapter: str | None, model: str, deadline_s: float) -> tuple[list, dict]:
    """(scene, seconds, program) per row from the planner backend, and its load facts."""
    from svgllm.backends.composer.program import from_program
    from svgllm.backends.planner import PlannerBackend, shipped_adapter
    from svgllm.config import ModelConfig
    from svgllm.deadline import Deadline

    backend = PlannerBackend(ModelConfig(extra={"planner": {"model": model, "adapter": adapter}}))
    started = time.monotonic()
    backend.load()
    facts = {"load_s": round(time.monotonic() - started, 2)}
    folder = shipped_adapter() if adapter is None else None
    if folder is not None:
        facts["adapter_bytes"] = (folder / "adapter_model.safetensors").stat().st_size
    out, fallbacks = [], 0
    for row in rows:
        result = backend.plan(row["description"], Deadline(deadline_s))
        fallbacks += result.path != "planner"
        out.append((from_program(result.program, row["description"]), result.seconds, result.program))
    facts["fallbacks"] = fallbacks
    return out, facts


def saved_programs(folder: Path, rows: list[dict]) -> list[tuple[str, float]] | None:
    """(program, seconds) per row from the saved `planner` results in `folder`, when they cover `rows`."""
    path = folder / "planner.json"
    if not path.is_file():
        return None
    by_id = {r["id"]: r for r in json.loads(path.read_text(encoding="utf-8"))["results"]}
    if not all(row["id"] in by_id for row in rows):
        return None
    return [(by_id[row["id"]]["program"], by_id[row["id"]]["seconds"]) for row in rows]


def hybrid_scenes(rows: list[dict], programs: list[tuple[str, float]], rule=None) -> list[tuple]:
    """(scene, seconds, program) per row: the planner's program merged with the parser's scene by `rule`."""
    from svgllm.backends.composer import parse
    from svgllm.backends.composer.program import from_program
    from svgllm.backends.planner import PlannerBackend, PlanResult
    from svgllm.backends.planner.merge import merge_scenes

    shipped = PlannerBackend()  # no model is loaded: only its `scene` (the shipped merge) is used
    out = []
    for row, (program, seconds) in zip(rows, programs, strict=True):
        started = time.perf_counter()
        if rule is None:  # as shipped: the backend's default merge
            scene = shipped.scene(row["description"], PlanResult(program, "planner", seconds))
        else:
            scene = merge_scenes(from_program(program, row["description"]), parse(row["description"]), rule)
        out.append((scene, seconds + time.perf_counter() - started, program))
    return out


def merge_grid(rows: list[dict], programs: list[tuple[str, float]]) -> str:
    """A Markdown table of every merge rule's accuracies on `rows` (colour visible left out: it renders)."""
    import itertools

    from svgllm.backends.planner.merge import FIELD_SOURCES, SUBJECT_SOURCES, MergeRule

    lines = ["| subjects | setting | time | main subject | colour | setting | time |", "|---|---|---|---|---|---|---|"]
    for subjects, setting, when in itertools.product(SUBJECT_SOURCES, FIELD_SOURCES, FIELD_SOURCES):
        rule = MergeRule(subjects=subjects, setting=setting, time=when)
        results = [{**score(row, scene, render_colours=False), "seconds": 0.0}
                   for row, (scene, _, _) in zip(rows, hybrid_scenes(rows, programs, rule), strict=True)]
        m = summarise({"results": results})
        cells = [f"{m[f][0]:.1%}" if m[f][0] is not None else "-" for f in ("subject", "colour", "setting", "time")]
        lines.append(f"| {subjects} | {setting} | {when} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def overlap(rows: list[dict]) -> dict:
    """How many held-out subject / colour words occur anywhere in the planner's training descriptions."""
    if not TRAINING_ROWS.is_file():
        return {}
    text = " " + " ".join(json.loads(line)["description"].lower() for line in TRAINING_ROWS.open()) + " "
    subjects = [r for r in rows if f" {r['subject_word'].lower()} " in text]
    colours = [c for r in rows for c in r["colors"]]
    return {"subject_words_in_training": len(subjects), "colour_words_in_training":
            sum(f" {c['word'].lower()} " in text for c in colours), "colour_words": len(colours),
            "ids_with_seen_subject": [r["id"] for r in subjects]}


def run_method(method: str, rows: list[dict], model: str, deadline_s: float, folder: Path = OUT) -> dict:
    """Score one method on `rows`; returns its summary (the per-row results are included)."""
    facts: dict = {}
    if method.startswith("parser"):
        produced = parser_scenes(rows, meaning=method == "parser+meaning")
    elif method == "hybrid":
        programs = saved_programs(folder, rows)
        if programs is None:
            planned, facts = planner_scenes(rows, None, model, deadline_s)
            programs = [(program, seconds) for _, seconds, program in planned]
        produced = hybrid_scenes(rows, programs)
    else:
        produced, facts = planner_scenes(rows, "" if method == "base-few-shot" else None, model, deadline_s)
    results = []
    for row, (scene, seconds, program) in zip(rows, produced, strict=True):
        entry = score(row, scene)
        entry.update(seconds=round(seconds, 4), program=program)
        results.append(entry)
    return {"method": method, "rows": len(rows), **facts, "results": results}


def summarise(summary: dict, exclude: set[str] = frozenset()) -> dict:
    """Accuracies (share of rows where the field applies) and latency, optionally without some row ids."""
    results = [r for r in summary["results"] if r["id"] not in exclude]
    out = {}
    for field in ("subject", "colour", "colour_visible", "setting", "time"):
        marks = [r[field] for r in results if field in r]
        out[field] = (sum(marks) / len(marks), len(marks)) if marks else (None, 0)
    seconds = sorted(r["seconds"] for r in results)
    out["p50_s"] = statistics.median(seconds) if seconds else None
    out["p95_s"] = seconds[int(0.95 * (len(seconds) - 1))] if seconds else None
    return out


def table(summaries: list[dict], exclude: set[str] = frozenset()) -> str:
    """Markdown rows for REPORT.md."""
    lines = ["| method | rows | main subject | colour (scene) | colour visible | setting | time | p50 s | p95 s "
             "| load s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for s in summaries:
        m = summarise(s, exclude)
        cells = [f"{m[f][0]:.1%} ({m[f][1]})" if m[f][0] is not None else "-" for f in
                 ("subject", "colour", "colour_visible", "setting", "time")]
        n = len([r for r in s["results"] if r["id"] not in exclude])
        lines.append(f"| {s['method']} | {n} | " + " | ".join(cells) +
                     f" | {m['p50_s']:.3f} | {m['p95_s']:.3f} | {s.get('load_s', '-')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the asked methods, save their results, print the report of every saved method."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--methods", default="parser,parser+meaning", help=f"comma-separated of {METHODS}")
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--limit", type=int, default=None, help="first N rows only")
    parser.add_argument("--model", default="pypi:gemma3-270m", help="planner base model (source or folder)")
    parser.add_argument("--deadline", type=float, default=30.0, help="per-description planner deadline, s")
    parser.add_argument("--merge-grid", action="store_true",
                        help="score every hybrid merge rule from the saved planner programs (not on held-out data)")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:args.limit] if args.limit else rows
    folder = OUT / Path(args.data).stem
    folder.mkdir(parents=True, exist_ok=True)
    for method in filter(None, args.methods.split(",")):
        if method not in METHODS:
            parser.error(f"unknown method {method!r}")
        summary = run_method(method, rows, args.model, args.deadline, folder)
        (folder / f"{method}.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    if args.merge_grid:
        if Path(args.data).resolve() == DATA.resolve():
            parser.error("merge rules are chosen on the dev set, never on the held-out file")
        programs = saved_programs(folder, rows)
        if programs is None:
            parser.error(f"no saved planner programs for these rows in {folder}: run --methods planner first")
        print(merge_grid(rows, programs) + "\n")
    saved = [json.loads((folder / f"{m}.json").read_text()) for m in METHODS if (folder / f"{m}.json").is_file()]
    shared = overlap(rows)
    print(f"machine: {platform.machine()}, {platform.python_version()}, data {Path(args.data).name}\n")
    print(table(saved))
    if shared.get("ids_with_seen_subject"):
        print(f"\nwithout the {len(shared['ids_with_seen_subject'])} rows whose subject word occurs in the "
              "planner's training descriptions:\n")
        print(table(saved, set(shared["ids_with_seen_subject"])))
    print("\n" + json.dumps({k: v for k, v in shared.items() if k != "ids_with_seen_subject"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
