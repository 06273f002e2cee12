"""Composer benchmark: latency, validity, size and colour coverage; crude answer checks on train.jsonl.

Goals (issue 4): p95 <= 50 ms per description on one core after warm-up; 100% valid; every named colour covers
>= 3% of the rendered pixels. Run: `python benchmarks/bench_composer.py [--repeats 5] [--train PATH]`;
prints Markdown tables for benchmarks/REPORT.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

from svgllm.backends.composer import compose, parse
from svgllm.colors import find_colors
from svgllm.render import render, render_problem
from svgllm.rules import check

TRAIN = Path("/work/shared/competition/train.jsonl")
# category -> descriptions written for this benchmark (not the competition's)
DESCRIPTIONS = {
    "landscape": [
        "a teal spruce woodland at twilight",
        "a frozen tundra stretching to the horizon",
        "frosty alpine summits under a moonlit sky",
        "heavy clouds over a turquoise marsh",
        "an orange sunset over the ocean",
        "a red desert canyon at midday",
        "a foggy morning in a pine forest",
        "a river winding through a valley at dawn",
        "a volcano erupting at night",
        "rolling hills covered in wildflowers",
    ],
    "sky & weather": [
        "a thunderstorm over a dark ocean",
        "a rainbow over green hills after the rain",
        "snowflakes falling on a quiet village at night",
        "a full moon rising over a desert",
        "gray clouds over a wheat field",
        "a pink sky at sunrise over a lake",
    ],
    "abstract": [
        "a messy lattice of lime squares",
        "emerald cubes whirling in a spiral around a white cylinder",
        "overlapping olive hexagons on a frosted panel",
        "coral pentagons with indigo stars",
        "a gold octahedron caught in tangled violet ribbons",
        "blue circles arranged in concentric rings",
        "orange and teal triangles scattered on a black background",
        "a golden spiral on a navy background",
        "green hexagons forming a honeycomb grid",
        "a silver sphere floating above a red cube",
    ],
    "fashion": [
        "a chestnut tweed blazer with velvet lapels",
        "sage cotton shorts with copper buttons and side pockets",
        "a sleeveless mustard velvet jumpsuit",
        "a chunky jade knit scarf with striped ends",
        "red and yellow gingham skirt with a ruffled hem",
        "navy blue polka dot dress",
        "a red plaid flannel shirt",
        "a denim jacket with silver buttons",
        "green knit beanie with a pompom",
        "black leather boots",
        "a beige trench coat with a belt",
        "pastel pink wool sweater",
    ],
    "animals": [
        "a red fox sitting in a snowy forest",
        "three yellow ducks swimming in a blue pond",
        "a black cat sleeping on a red sofa",
        "an owl perched on a branch under a full moon",
        "two brown horses in a green meadow",
        "a blue whale in the deep ocean",
    ],
    "food": [
        "a slice of pepperoni pizza on a white plate",
        "a bowl of ramen with chopsticks",
        "a stack of pancakes with blueberries",
        "a red apple next to a green pear",
        "a cup of coffee on a wooden table",
        "a chocolate cake with strawberries",
    ],
    "objects": [
        "a brass telescope on a wooden desk",
        "an old guitar leaning on a chair",
        "a yellow umbrella in the rain",
        "a red lantern glowing at night",
        "a stack of books next to a lamp",
        "a blue teapot with two cups",
    ],
    "vehicles": [
        "a blue vintage car parked on a city street at night",
        "a red bicycle leaning against a fence",
        "a yellow school bus on a country road",
        "a sailboat on a calm lake at dawn",
        "a white airplane flying over clouds",
        "a green tractor in a wheat field",
    ],
    "buildings": [
        "a red cabin overlooking a misty lake",
        "a small wooden cabin in the mountains",
        "a red barn in a snowy field",
        "a tall glass skyscraper in a city at dusk",
        "a stone castle on a hill",
        "a lighthouse on a rocky cliff at night",
    ],
    "plants": [
        "a sunflower field under a blue sky",
        "a potted cactus on a windowsill",
        "a cherry blossom tree in spring",
        "a bouquet of red roses in a glass vase",
        "a tall palm tree on a tropical island",
        "purple tulips in a garden",
    ],
}


def coverage(image, hex_color: str, tolerance: float = 70.0) -> float:
    """Share of pixels within `tolerance` (RGB distance) of `hex_color`."""
    import numpy as np

    pixels = np.asarray(image, dtype=np.float32).reshape(-1, 3)
    target = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float32)
    return float((np.linalg.norm(pixels - target, axis=1) <= tolerance).mean())


def time_one(text: str, repeats: int) -> float:
    """Best-of-median milliseconds for one description (the first call was the warm-up)."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        compose(text)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(texts: list[str], repeats: int) -> dict:
    """Latency, validity, bytes and colour coverage over `texts`."""
    times, sizes, valid, colour_total, colour_hits = [], [], 0, 0, 0
    for text in texts:
        times.append(time_one(text, repeats))
        svg = compose(text)
        sizes.append(len(svg.encode()))
        valid += not check(svg) and not render_problem(svg)
        image = render(svg)
        for mention in find_colors(text):
            colour_total += 1
            colour_hits += coverage(image, mention.hex) >= 0.03
    times.sort()
    return {
        "n": len(texts),
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, int(len(times) * 0.95))],
        "valid": valid,
        "bytes": statistics.mean(sizes),
        "max_bytes": max(sizes),
        "colours": f"{colour_hits}/{colour_total}",
    }


def scene_terms(text: str) -> set[str]:
    """Words the parser understood: subject nouns, setting, time, weather, materials, patterns, arrangement."""
    scene = parse(text)
    terms = (
        {scene.setting or "", scene.setting_word or "", scene.time or "", scene.arrangement or "", scene.cover or ""}
        | scene.weather
        | scene.celestial
        | set(scene.settings)
    )
    for subject in scene.subjects:
        terms |= {subject.noun, subject.name, subject.material or "", subject.pattern or ""}
        terms |= {detail.noun for detail in subject.details} | set(subject.adjectives)
        terms |= {detail.material or "" for detail in subject.details}
        terms |= {adjective for detail in subject.details for adjective in detail.adjectives}
    for relation in scene.relations:
        terms.add(relation.kind.replace("_", " "))
    return {t for t in terms if t}


def train_checks(path: Path) -> list[tuple[str, str, str]]:
    """Per description: colour answers visible, other answers understood (crude), bytes."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["description"]
        image = render(compose(text))
        terms = scene_terms(text)
        colour_ok = colour_n = other_ok = other_n = 0
        for question in item["questions"]:
            answer = question["answer"].lower().removeprefix("a ").removeprefix("an ")
            colours = find_colors(answer) if answer not in ("yes", "no") else find_colors(question["question"])
            named = {m.hex for m in find_colors(text)}
            if answer == "no" and colours and colours[0].hex in named:
                continue  # "Are there azure spirals? no": the colour is there, the question is about the shape
            if colours:  # "What color is the coat?" / "Is there anything purple?": is that colour on screen?
                colour_n += 1
                present = coverage(image, colours[0].hex) >= 0.03
                colour_ok += present == (answer != "no")
            elif answer not in ("yes", "no"):  # a named thing: did the parser understand it?
                other_n += 1
                other_ok += any(answer.rstrip("s") in term or term in answer for term in terms)
        rows.append((text, f"{colour_ok}/{colour_n}", f"{other_ok}/{other_n}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per description (median kept)")
    parser.add_argument("--train", type=Path, default=TRAIN, help="competition train.jsonl (skipped if absent)")
    args = parser.parse_args(argv)
    compose("warm-up: load the motif library once")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one process")
    print("\n| category | n | p50 ms | p95 ms | valid | mean bytes | max bytes | colours >= 3% |")
    print("|---|---|---|---|---|---|---|---|")
    everything = []
    for category, texts in DESCRIPTIONS.items():
        everything += texts
        row = measure(texts, args.repeats)
        print(
            f"| {category} | {row['n']} | {row['p50']:.2f} | {row['p95']:.2f} | {row['valid']}/{row['n']} | "
            f"{row['bytes']:.0f} | {row['max_bytes']} | {row['colours']} |"
        )
    row = measure(everything, args.repeats)
    print(
        f"| **all** | {row['n']} | {row['p50']:.2f} | {row['p95']:.2f} | {row['valid']}/{row['n']} | "
        f"{row['bytes']:.0f} | {row['max_bytes']} | {row['colours']} |"
    )
    if args.train.exists():
        rows = train_checks(args.train)
        print(
            f"\ntrain.jsonl ({len(rows)} descriptions): colour answers visible (>= 3% of pixels, or absent when "
            "the answer is no) and other answers found among the parsed scene's terms"
        )
        print("\n| description | colour answers | other answers understood |")
        print("|---|---|---|")
        totals = [0, 0, 0, 0]
        for text, colours, others in rows:
            print(f"| {text} | {colours} | {others} |")
            a, b = map(int, colours.split("/"))
            c, d = map(int, others.split("/"))
            totals = [totals[0] + a, totals[1] + b, totals[2] + c, totals[3] + d]
        print(f"| **total** | {totals[0]}/{totals[1]} | {totals[2]}/{totals[3]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
