"""Training pairs for the planner: scene programs sampled over the whole vocabulary, rendered into descriptions.

Each row's label is known by construction: a program is sampled first (one painter's kind of scene: an object in
a place, a garment, shapes in an arrangement, a landscape), then written out as a description in the
competition's style (<= 200 characters, no brands) with words drawn from the composer's tables read in reverse
and from `planner_words` (rarer nouns, synonyms, colour names the parser does not know). A few rows come from
the composer's own parses of the project's sample descriptions. Rows are deduplicated by description and split
by a hash of it; the data card records counts, token lengths and how often the composer's parser already agrees.

CLI: python -m dataset_build.planner_pairs --out build/planner [--rows 6000] [--seed 0]
Writes train/validation/test .jsonl files (description, program, source), a `datasets` DatasetDict in hf/,
and card.json.
"""
from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from svgllm.backends.composer import vocab
from svgllm.backends.composer.program import from_program, to_program, vocabulary
from svgllm.colors import color_table

from . import planner_words as words

MAX_CHARS = 200
SPLITS = (("train", 0.9), ("validation", 0.05), ("test", 0.05))
KIND_WEIGHTS = (("object", 0.5), ("garment", 0.17), ("shape", 0.15), ("landscape", 0.18))


def _reverse(table: dict, extra: dict, known: tuple[str, ...]) -> dict[str, list[str]]:
    """canonical name -> surface words: the composer table read backwards plus the extra words."""
    out: dict[str, list[str]] = {name: [] for name in known}
    for word, name in table.items():
        if name in out and word.isalpha():
            out[name].append(word)
    for name, more in extra.items():
        if name not in out:
            raise ValueError(f"planner_words names {name!r}, which the program vocabulary lacks")
        out[name] += more
    return out


class Lexicon:
    """All the surface words, built once from the vocabularies (checks every extra word's target name)."""

    def __init__(self):
        v = vocabulary()
        self.v = v
        self.objects = _reverse(vocab.MOTIF_SYNONYMS, words.OBJECT_WORDS, v.objects)
        for name in v.objects:
            self.objects[name].append(name.replace("-", " ").replace("_", " "))
        # the pool most objects are drawn from: names a description would plausibly use (synonym targets, plain
        # nouns); the long tail of emoji names ("face-with-tears-of-joy") is sampled less often
        self.common = sorted(n for n, w in self.objects.items() if len(w) > 1 or "-" not in n)
        self.garments = _reverse(vocab.GARMENTS, words.GARMENT_WORDS, v.garments)
        self.shapes = _reverse(vocab.SHAPES, words.SHAPE_WORDS, v.shapes)
        self.shapes.pop("mixed", None)
        self.settings = _reverse(vocab.SETTINGS, words.SETTING_WORDS, v.settings)
        self.times = _reverse(vocab.TIMES, words.TIME_WORDS, v.times)
        self.materials = _reverse(vocab.MATERIALS, words.MATERIAL_WORDS, v.materials)
        self.patterns = _reverse(vocab.PATTERNS, words.PATTERN_WORDS, v.patterns)
        table, _modifiers = color_table()
        # plain one-word names only: CSS compounds ("darkslateblue") are not how descriptions name colours
        self.colours = {name: hex_ for name, hex_ in table.items()
                        if name.isalpha() and (name in words.PLAIN_CSS or not (
                            any(part in name[1:] for part in words.COMPOUND_PARTS)
                            or name.startswith(("dark", "light", "medium", "pale", "papaya"))))}
        self.colours = {k: v for k, v in self.colours.items() if k in words.PLAIN_CSS or k not in
                        words.CSS_ONLY}
        self.colours.update(words.EXTRA_COLOURS)
        for time, adjectives in words.TIME_ADJECTIVES.items():
            self.times[time] = [w for w in self.times[time] if w not in adjectives]


def _pick(rng: random.Random, options):
    return options[rng.randrange(len(options))]


def _plural(noun: str) -> str:
    head, _, tail = noun.rpartition(" ")
    if noun.endswith(("s", "x", "ch", "sh")):
        last = noun + "es" if not noun.endswith("s") else noun
    elif noun.endswith("y") and noun[-2:-1] not in "aeiou":
        last = noun[:-1] + "ies"
    else:
        last = noun + "s"
    return last if not head else f"{head} {last.rpartition(' ')[2]}" if tail else last


def _article(phrase: str) -> str:
    """"a"/"an" before a phrase; "a pair of" / "the" before a noun that is plural in form ("culottes", "cliffs")."""
    last = phrase.rpartition(" ")[2]
    if last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return ("a pair of " if last in words.PAIRED else "the ") + phrase
    return ("an " if phrase[:1] in "aeiou" else "a ") + phrase


def time_phrase(word: str) -> str:
    """How a sentence says a time: "at dusk", "in the morning", "in the small hours", "after dark"."""
    if word.startswith(("after ", "the ")):
        return word if word.startswith("after ") else "in " + word
    if word in words.DAY_PARTS:
        return "in the " + word
    return "at " + word


class Sampler:
    """Samples (program, description) pairs; one `random.Random` so a seed fixes the whole dataset."""

    def __init__(self, lexicon: Lexicon, seed: int = 0):
        self.lx = lexicon
        self.rng = random.Random(seed)

    def colour(self) -> tuple[str, str]:
        """(surface words, #rrggbb)."""
        name = _pick(self.rng, sorted(self.lx.colours))
        return _pick(self.rng, words.COLOUR_MODIFIERS) + name, self.lx.colours[name]

    def count(self, chance: float) -> tuple[int, str]:
        """(count, quantity words or "" for one)."""
        if self.rng.random() >= chance:
            return 1, ""
        n = _pick(self.rng, sorted(words.NUMBER_WORDS))
        return n, _pick(self.rng, words.NUMBER_WORDS[n])

    def noun_phrase(self, kind: str, name: str, surface: dict, colour_chance=0.6, count_chance=0.2,
                    material_chance=0.15, pattern_chance=0.0) -> tuple[str, str]:
        """A subject: (program line, noun phrase as written)."""
        rng = self.rng
        line, adjectives = [kind, name], []
        colours = []
        for _ in range(1 + (rng.random() < 0.3) + (rng.random() < 0.1)) if rng.random() < colour_chance else ():
            word, hex_ = self.colour()
            if hex_ not in colours:
                colours.append(hex_)
                adjectives.append(word)
        line += colours
        colour_text = " and ".join(adjectives) if len(adjectives) == 2 else ", ".join(adjectives)
        materials = words.FABRICS if kind == "garment" else self.lx.v.materials
        material = _pick(rng, sorted(materials)) if rng.random() < material_chance else None
        pattern = _pick(rng, self.lx.v.patterns) if rng.random() < pattern_chance else None
        count, quantity = self.count(count_chance)
        for value in (material, pattern):
            if value:
                line.append(value)
        if count > 1:
            line.append(f"x{count}")
        noun = _pick(rng, surface[name])
        noun = _plural(noun) if count > 1 else noun
        pre = [p for p in (_pick(rng, self.lx.patterns[pattern]) if pattern else "", colour_text,
                           _pick(rng, self.lx.materials[material]) if material else "") if p]
        if pre and rng.random() < 0.25 and count == 1:  # "a coat in teal wool" instead of "a teal wool coat"
            phrase = f"{_article(noun)} in {' '.join(pre)}"
        else:
            body = " ".join(pre + [noun])
            phrase = f"{quantity} {body}" if quantity else _article(body)
        return " ".join(line), phrase

    # ------------------------------------------------------------------------------------------ scenes
    def place(self, lines: list[str], subject_index: int | None) -> str:
        """Maybe a setting (with time and weather): adds program lines, returns the words ("" for none)."""
        rng, lx = self.rng, self.lx
        if rng.random() >= 0.55:
            return ""
        setting = _pick(rng, sorted(lx.settings))
        adjective = ""
        scene_lines = [f"setting {setting}"]
        weather = []
        if rng.random() < 0.25:
            w = _pick(rng, sorted(words.WEATHER_ADJECTIVES))
            weather.append(w)
            adjective = _pick(rng, words.WEATHER_ADJECTIVES[w]) + " "
        text = _article(adjective + _pick(rng, lx.settings[setting]))
        if rng.random() < 0.3:
            time = _pick(rng, sorted(lx.times))
            scene_lines.append(f"time {time}")
            text += " " + time_phrase(_pick(rng, lx.times[time]))
        if weather:
            scene_lines.append("weather " + " ".join(weather))
        relation = "in"
        if subject_index is not None:
            relation = _pick(rng, sorted(words.SETTING_RELATIONS))
            scene_lines.append(f"relation {subject_index} {relation} setting")
        lines.extend(scene_lines)
        return f"{_pick(rng, words.SETTING_RELATIONS[relation])} {text}"

    def object_scene(self) -> tuple[str, str]:
        rng, lx = self.rng, self.lx
        pool = lx.common if rng.random() < 0.8 else sorted(lx.objects)
        name = _pick(rng, pool)
        line, phrase = self.noun_phrase("object", name, lx.objects, material_chance=0.12)
        lines, text = [line], phrase
        if rng.random() < 0.25:
            holders = sorted(vocab.PROCEDURAL - {"hot_air_balloon", "lily_pad"})
            second = _pick(rng, holders if rng.random() < 0.5 else lx.common)
            if second != name:
                second_line, second_phrase = self.noun_phrase("object", second, lx.objects, colour_chance=0.3,
                                                              count_chance=0.0, material_chance=0.3)
                kind = _pick(rng, sorted(words.RELATION_PHRASES))
                lines += [second_line, f"relation 0 {kind} 1"]
                text += f" {_pick(rng, words.RELATION_PHRASES[kind])} {second_phrase}"
        place = self.place(lines, 0)
        return self._finish(lines), text + (f" {place}" if place else "")

    def garment_scene(self) -> tuple[str, str]:
        lx = self.lx
        name = _pick(self.rng, sorted(lx.garments))
        line, phrase = self.noun_phrase("garment", name, lx.garments, colour_chance=0.85, count_chance=0.0,
                                        material_chance=0.55, pattern_chance=0.4)
        return self._finish([line]), phrase

    def shape_scene(self) -> tuple[str, str]:
        rng, lx = self.rng, self.lx
        name = _pick(rng, sorted(lx.shapes))
        line, phrase = self.noun_phrase("shape", name, lx.shapes, colour_chance=0.9, count_chance=0.7,
                                        material_chance=0.0)
        lines, text = [line], phrase
        if rng.random() < 0.45:
            word, hex_ = self.colour()
            lines.append(f"background {hex_}")
            text += _pick(rng, (f" on a {word} background", f" against a {word} backdrop", f" on {word}"))
        if rng.random() < 0.6:
            arrangement = _pick(rng, sorted(words.ARRANGEMENT_PHRASES))
            lines.append(f"arrangement {arrangement}")
            text = f"{phrase} {_pick(rng, words.ARRANGEMENT_PHRASES[arrangement])}{text[len(phrase):]}"
        return self._finish(lines), text

    def landscape_scene(self) -> tuple[str, str]:
        rng, lx = self.rng, self.lx
        setting = _pick(rng, sorted(lx.settings))
        lines, pre, post = [], [], []
        colour_line = f"setting {setting}"
        if rng.random() < 0.2:
            word, hex_ = self.colour()
            colour_line += f" {hex_}"
            pre.append(word)
        lines.append(colour_line)
        if rng.random() < 0.3 and setting not in words.NO_COVER:
            cover = _pick(rng, sorted(words.COVER_WORDS))
            lines.append(f"cover {cover}")
            pre.insert(0, _pick(rng, words.COVER_WORDS[cover]))
        if rng.random() < 0.55:
            time = _pick(rng, sorted(lx.times))
            lines.append(f"time {time}")
            post.append(time_phrase(_pick(rng, lx.times[time])))
        weather = sorted({_pick(rng, sorted(words.WEATHER_PHRASES)) for _ in range(1 + (rng.random() < 0.2))}
                         if rng.random() < 0.45 else set(), key=lx.v.weather.index)
        if weather:
            lines.append("weather " + " ".join(weather))
            post += [_pick(rng, words.WEATHER_PHRASES[w]) for w in weather]
        celestial = sorted({_pick(rng, sorted(words.CELESTIAL_PHRASES))} if rng.random() < 0.3 else set(),
                           key=lx.v.celestial.index)
        if celestial:
            lines.append("celestial " + " ".join(celestial))
            post += [_pick(rng, words.CELESTIAL_PHRASES[c]) for c in celestial]
        if rng.random() < 0.3 and not celestial:
            word, hex_ = self.colour()
            lines.append(f"sky {hex_}")
            post.append(_pick(rng, (f"under a {word} sky", f"beneath {word} skies", f"against a {word} sky")))
        noun = _pick(rng, lx.settings[setting])
        text = " ".join([_article(" ".join(pre + [noun]))] + post)
        return self._finish(lines), text

    def _finish(self, lines: list[str]) -> str:
        """The canonical program text: lines in program order (stable for subjects and relations), re-read so
        the form is exactly what the grammar accepts."""
        order = ("setting", "cover", "time", "weather", "celestial", "sky", "background", "arrangement", "relation")
        ordered = sorted(lines, key=lambda line: order.index(line.split()[0]) + 1 if line.split()[0] in order else 0)
        return to_program(from_program("\n".join(ordered + ["end"])))

    def pair(self) -> tuple[str, str]:
        """One (description, program) pair within MAX_CHARS."""
        kinds, weights = zip(*KIND_WEIGHTS, strict=True)
        while True:
            kind = self.rng.choices(kinds, weights)[0]
            program, text = getattr(self, f"{kind}_scene")()
            if self.rng.random() < 0.12:
                text = f"{_pick(self.rng, words.FRAMES)} {text}"
            text = " ".join(text.split())
            if len(text) <= MAX_CHARS:
                return text, program


def split_of(description: str) -> str:
    """The split a description belongs to (a stable hash, so rebuilding never moves a row)."""
    value = int(hashlib.sha256(description.lower().encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    edge = 0.0
    for name, share in SPLITS:
        edge += share
        if value <= edge:
            return name
    return SPLITS[-1][0]


def composer_rows(samples: Path) -> list[dict]:
    """The composer's own parses of the project's sample descriptions (`id,description` CSV), as rows."""
    import csv

    from svgllm.backends.composer import parse

    if not samples.is_file():
        return []
    with samples.open(encoding="utf-8", newline="") as handle:
        return [{"description": row["description"], "program": to_program(parse(row["description"])),
                 "source": "composer-parse"} for row in csv.DictReader(handle)]


def _agreement(rows: list[dict]) -> dict:
    """How often the composer's parser already reads the constructed main subject and setting."""
    from svgllm.backends.composer import parse

    subject = setting = 0
    for row in rows:
        want = from_program(row["program"])
        got = from_program(to_program(parse(row["description"])))
        subject += (want.main.name if want.main else None) == (got.main.name if got.main else None)
        setting += want.setting == got.setting
    n = max(len(rows), 1)
    return {"rows": len(rows), "main_subject": round(subject / n, 4), "setting": round(setting / n, 4)}


def build_pairs(rows: int = 6000, seed: int = 0, samples: Path | None = None) -> dict[str, list[dict]]:
    """Sample `rows` distinct pairs (plus the composer-parse rows) and split them; {split: rows}."""
    sampler = Sampler(Lexicon(), seed)
    seen, out = set(), {name: [] for name, _ in SPLITS}
    extra = composer_rows(samples) if samples else []
    for row in extra:
        seen.add(row["description"].lower())
        out["train"].append(row)
    attempts = 0
    while sum(len(v) for v in out.values()) < rows + len(extra) and attempts < rows * 20:
        attempts += 1
        description, program = sampler.pair()
        if description.lower() in seen:
            continue
        seen.add(description.lower())
        out[split_of(description)].append({"description": description, "program": program, "source": "sampled"})
    return out


def write(splits: dict[str, list[dict]], out: Path, seed: int) -> dict:
    """The .jsonl files, the DatasetDict (hf/) and card.json under `out`; returns the card."""
    import datasets

    from .tokens import TokenCounter

    out.mkdir(parents=True, exist_ok=True)
    counter = TokenCounter()
    card = {"about": __doc__.split("\n\n")[0], "seed": seed, "token_method": counter.method, "splits": {}}
    for name, rows in splits.items():
        for row in rows:
            row["description_tokens"] = counter.count(row["description"])
            row["program_tokens"] = counter.count(row["program"])
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(row) + "\n" for row in rows)
        lengths = sorted(r["description_tokens"] + r["program_tokens"] for r in rows) or [0]
        card["splits"][name] = {
            "rows": len(rows), "sources": {s: sum(r["source"] == s for r in rows) for s in {r["source"] for r in rows}},
            "tokens_total": sum(lengths), "tokens_median": lengths[len(lengths) // 2], "tokens_max": lengths[-1],
            "max_chars": max((len(r["description"]) for r in rows), default=0),
        }
    card["composer_parser_agreement_on_test"] = _agreement(splits["test"])
    # An empty split is left out of hf/: datasets saves it with no shard and then cannot load the folder back
    # (a small build can draw no validation row); the trainer holds out a share of train where validation is missing.
    datasets.DatasetDict({name: datasets.Dataset.from_list(rows) for name, rows in splits.items() if rows}
                         ).save_to_disk(str(out / "hf"))
    (out / "card.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> int:
    """Build the planner pairs and print the data card."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dataset_build.planner_pairs", description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="build/planner", help="output folder (default: build/planner)")
    parser.add_argument("--rows", type=int, default=6000, help="sampled pairs before the split (default: 6000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", default="samples/descriptions.csv",
                        help="id,description CSV whose composer parses join the training split")
    args = parser.parse_args(argv)
    card = write(build_pairs(args.rows, args.seed, Path(args.samples)), Path(args.out), args.seed)
    print(json.dumps(card, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
