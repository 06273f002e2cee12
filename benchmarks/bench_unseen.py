"""Held-out benchmark for words the composer's tables lacked (issue 17): subjects, colours, setting, time.

Run: `python benchmarks/bench_unseen.py [--data benchmarks/heldout/unseen_vocabulary.jsonl] [--failures]`;
prints Markdown for benchmarks/REPORT.md. The schema of the data is in benchmarks/heldout/README.md. Never tune on
the held-out file: `--data tests/composer/fixtures/dev_vocabulary.jsonl` is the set to tune on.

Per row:
- subject understood: the drawing differs from the drawing of the same text with the subject word replaced by
  the nonsense noun "florp", and the subject the parser mapped (motif, garment, shape, procedural subject; the
  terrain when no subject is drawn) is one of the row's acceptable names;
- colour visible: >= 3% of the 384x384 render's pixels within RGB distance `TOLERANCE` of the reference value;
- setting / time / weather right, where the row names one.
Also p50/p95 latency per description after warm-up (word tables and vectors loaded), their load time and the
process's resident memory.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import statistics
import time
from pathlib import Path

from svgllm.backends.composer import compose, parse, vocab
from svgllm.backends.composer.motifs import find_motif
from svgllm.render import render

DATA = Path(__file__).resolve().parent / "heldout" / "unseen_vocabulary.jsonl"
TOLERANCE = 70.0  # the same distance as bench_composer.py's colour check
NONSENSE = "florp"


def coverage(image, hex_color: str, tolerance: float = TOLERANCE) -> float:
    """Share of pixels within `tolerance` (RGB distance) of `hex_color`."""
    import numpy as np

    pixels = np.asarray(image, dtype=np.float32).reshape(-1, 3)
    target = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float32)
    return float((np.linalg.norm(pixels - target, axis=1) <= tolerance).mean())


def mapped_subject(scene) -> str | None:
    """What the composer draws for the main subject; the terrain when there is no subject; None: stand-in."""
    main = scene.main
    if main is None:
        return scene.setting
    if main.kind in ("shape", "garment") or main.name in vocab.PROCEDURAL or main.noun in vocab.PROCEDURAL:
        return main.name
    motif = find_motif(main.noun) or find_motif(main.name)
    return motif.name if motif else None


def nonsense(text: str, word: str) -> str:
    """`text` with the subject word replaced by the nonsense noun (plural kept plural)."""
    replacement = NONSENSE + ("s" if word.endswith("s") and not word.endswith("ss") else "")
    return re.sub(rf"\b{re.escape(word)}\b", replacement, text, flags=re.IGNORECASE)


def score_row(row: dict) -> dict:
    """Every check of one row (booleans; None where the row does not ask)."""
    text = row["description"]
    svg = compose(text)
    scene = parse(text)
    mapped = mapped_subject(scene)
    changed = svg != compose(nonsense(text, row["subject_word"])) if row["subject_word"] else True
    image = render(svg)
    colours = [coverage(image, c["hex"]) >= 0.03 for c in row["colors"]]
    return {
        "id": row["id"],
        "mapped": mapped,
        "subject": changed and mapped in row["subject"],
        "colours": colours,
        "setting": None if not row["setting"] else scene.setting in row["setting"],
        "time": None if not row["time"] else scene.time == row["time"],
        "weather": None if not row["weather"] else _weather_ok(set(row["weather"]), scene.weather),
    }


def _weather_ok(wanted: set[str], drawn: set[str]) -> bool:
    """Any wanted weather drawn; "clear" (the composer draws it by drawing none) when nothing is."""
    return bool(wanted & drawn) if wanted - {"clear"} else not drawn


def latencies(texts: list[str], repeats: int) -> list[float]:
    """Median milliseconds per description over `repeats` runs, sorted."""
    out = []
    for text in texts:
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            compose(text)
            samples.append((time.perf_counter() - start) * 1000)
        out.append(statistics.median(samples))
    return sorted(out)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Score the set and print Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--failures", action="store_true", help="list the rows that failed a check")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    rss_before = _rss_mb()
    start = time.perf_counter()
    for row in rows:  # warm-up: loads the motif library, word tables and (on the first unknown word) vectors
        parse(row["description"])
    load_s = time.perf_counter() - start
    results = [score_row(row) for row in rows]
    times = latencies([row["description"] for row in rows], args.repeats)
    by_category: dict[str, list] = {}
    for row, result in zip(rows, results, strict=True):
        by_category.setdefault(row["category"], []).append(result)
    by_category["**all**"] = results
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}; {args.data}")
    print(f"first parse pass (loads tables/vectors): {load_s:.2f} s; max RSS {rss_before:.0f} -> {_rss_mb():.0f} MB")
    print(f"latency per description after warm-up: p50 {statistics.median(times):.2f} ms, "
          f"p95 {times[min(len(times) - 1, int(len(times) * 0.95))]:.2f} ms")
    print("\n| category | n | subjects understood | colours visible | setting | time | weather |")
    print("|---|---|---|---|---|---|---|")
    for category, group in by_category.items():
        cells = [f"{sum(r['subject'] for r in group)}/{len(group)}"]
        flat = [c for r in group for c in r["colours"]]
        cells.append(f"{sum(flat)}/{len(flat)}")
        for key in ("setting", "time", "weather"):
            asked = [r[key] for r in group if r[key] is not None]
            cells.append(f"{sum(asked)}/{len(asked)}")
        print(f"| {category} | {len(group)} | " + " | ".join(cells) + " |")
    if args.failures:
        print()
        for row, result in zip(rows, results, strict=True):
            failed = [k for k in ("subject", "setting", "time", "weather") if result[k] is False]
            failed += [c["word"] for c, ok in zip(row["colors"], result["colours"], strict=True) if not ok]
            if failed:
                print(f"- {row['id']} {row['description']!r}: {', '.join(failed)} (mapped {result['mapped']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
