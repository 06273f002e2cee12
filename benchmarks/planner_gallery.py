"""Side by side: the parser's, the planner's and the hybrid's drawings of the same descriptions (issue 18).

Run after `bench_planner.py --methods planner` on the same data (the planner's programs are read from
`build/bench_planner/<data stem>/planner.json`, so no model is loaded here):
`python benchmarks/planner_gallery.py --data benchmarks/heldout/unseen_vocabulary.jsonl --limit 24 --out DIR`.
Writes `DIR/index.html` (one row per description: its text, then each method's drawing and program) and
`DIR/contact_sheet.png` (the same grid as one image, captions "method: what it drew"), plus each drawing as
`DIR/<id>-<method>.png` and `.svg`.
"""
from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_planner import DATA, OUT, saved_programs  # noqa: E402  (benchmarks/ is not a package)

COLUMNS = ("parser", "planner", "hybrid")


def scenes(row: dict, program: str) -> dict:
    """Each method's scene of `row`: the parser's (meaning fallback on), the planner's program, and what the
    planner backend draws as shipped (`PlannerBackend.scene`, its default merge: the hybrid)."""
    from svgllm.backends.composer import parse
    from svgllm.backends.composer.program import from_program
    from svgllm.backends.planner import PlannerBackend, PlanResult

    shipped = PlannerBackend().scene(row["description"], PlanResult(program, "planner", 0.0))
    return {"parser": parse(row["description"]), "planner": from_program(program, row["description"]),
            "hybrid": shipped}


def caption(method: str, scene) -> str:
    """'method: drawn subject' (the terrain when there is no subject, '?' for a generic stand-in)."""
    from bench_unseen import mapped_subject

    return f"{method}: {mapped_subject(scene) or '?'}"


def build(rows: list[dict], programs: list[tuple[str, float]], out: Path, tile: int = 160) -> Path:
    """Write the gallery of `rows` into `out`; returns the contact sheet's path."""
    from svgllm.backends.composer.compose import draw
    from svgllm.backends.composer.program import to_program
    from svgllm.render import contact_sheet, render

    out.mkdir(parents=True, exist_ok=True)
    images, captions, body = [], [], []
    for row, (program, _) in zip(rows, programs, strict=True):
        cells = [f"<td class=d>{html.escape(row['id'])}: {html.escape(row['description'])}<br>"
                 f"<small>subject {html.escape(' / '.join(row['subject'][:3]))}</small></td>"]
        for method, scene in scenes(row, program).items():
            svg = draw(scene)
            name = f"{row['id']}-{method}"
            (out / f"{name}.svg").write_text(svg, encoding="utf-8")
            image = render(svg)
            image.save(out / f"{name}.png")
            images.append(image)
            captions.append(caption(method, scene))
            cells.append(f"<td><img src='{name}.png' width={tile}><br><small>{html.escape(captions[-1])}</small>"
                         f"<pre>{html.escape(to_program(scene))}</pre></td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>{m}</th>" for m in ("description",) + COLUMNS)
    page = ("<!doctype html><meta charset=utf-8><title>parser vs planner vs hybrid</title>"
            "<style>td{vertical-align:top;padding:4px}td.d{width:220px}pre{font-size:10px;margin:0}</style>"
            f"<table><tr>{head}</tr>{''.join(body)}</table>")
    (out / "index.html").write_text(page, encoding="utf-8")
    sheet = out / "contact_sheet.png"
    contact_sheet(images, captions, columns=len(COLUMNS), tile=tile).save(sheet)
    return sheet


def main(argv: list[str] | None = None) -> int:
    """Command line: the gallery of the first `--limit` rows."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--limit", type=int, default=24)
    parser.add_argument("--out", default=str(ROOT / "build" / "planner_gallery"))
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:args.limit]
    programs = saved_programs(OUT / Path(args.data).stem, rows)
    if programs is None:
        parser.error(f"no saved planner programs for these rows: run bench_planner.py --methods planner --data "
                     f"{args.data} first")
    sheet = build(rows, programs, Path(args.out))
    print(f"wrote {Path(args.out) / 'index.html'} and {sheet}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
