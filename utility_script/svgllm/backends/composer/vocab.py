"""Word lists the composer's parser reads descriptions with: settings, times, weather, shapes, garments, ...

The tables are package data (`svgllm/data/composer_vocab.json`, plus WordNet's weather and time words), read
once, on the first use of any of them, and then bound as plain module attributes (`vocab.SETTINGS`). Keys are
lower-case words (mostly singular: the parser looks words up as written and through `singular()`); values are
the one name the drawing code knows for the thing.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

VOCAB_FILE = "composer_vocab.json"
WEATHER_FILE = "weather_words.json"

# table -> what it holds (the data file's "maps" are read as dicts, its "sets" as sets, its "sequences" as tuples)
TABLES = {
    "SETTINGS": "setting word -> terrain the landscape painter knows",
    "WATER": "terrains that are bodies of water (they take the colour of 'a turquoise marsh')",
    "TIMES": "time-of-day word -> time label (None: read, names no time)",
    "TIME_PHRASES": "several-word times, read from the whole text first ('the end of the day' is not midday)",
    "WEATHER": "weather word -> weather label",
    "SKY_WEATHER": "adjective -> weather label, read of a sky or a day only ('a leaden sky', not 'a heavy coat')",
    "COVERS": "ground cover adjectives ('frozen tundra', 'sandy beach') -> cover",
    "SHAPES": "abstract shape word -> the shape painter's name",
    "ARRANGEMENTS": "arrangement word -> layout ('strewn', 'haphazard' -> scattered)",
    "GARMENTS": "garment word -> the garment painter's name",
    "OBJECT_PARTS": "parts of a creature or thing: 'a snowman with a carrot nose' draws no second subject",
    "COVERING_PARTS": "parts whose colour is the colour of the whole ('a parrot with green feathers')",
    "GARMENT_PARTS": "garment parts and trims that 'with ...' attaches to a garment",
    "MATERIALS": "material word -> material (None: read, names none, as 'faux')",
    "PATTERNS": "pattern word -> pattern painter's name",
    "RELATIONS": "relation word (multi-word phrases joined by '_' first) -> relation",
    "COMPOUND_NAMES": "several-word names of one procedural subject, read as one word",
    "PHRASES": "several-word relations, joined by '_' before the words are cut",
    "NUMBERS": "count words -> count",
    "MOTIF_SYNONYMS": "subject synonyms -> a motif name in the library (checked before keyword search)",
    "CONTAINERS": "things that hold what is 'in' them: the contents are drawn rising out of the container",
    "PROCEDURAL": "subjects drawn procedurally (no emoji has them, or the emoji reads poorly large)",
    "STOP": "words that never name the subject",
    "IRREGULAR": "irregular plurals -> singular",
}


@functools.lru_cache(maxsize=1)
def hand_tables() -> dict[str, object]:
    """Every table as written by hand in the package data file, by its attribute name (read once)."""
    raw = json.loads(resources.files("svgllm").joinpath("data", VOCAB_FILE).read_text(encoding="utf-8"))
    tables: dict[str, object] = {}
    tables.update({name.upper(): dict(value) for name, value in raw["maps"].items()})
    tables.update({name.upper(): set(value) for name, value in raw["sets"].items()})
    tables.update({name.upper(): tuple(value) for name, value in raw["sequences"].items()})
    return tables


@functools.lru_cache(maxsize=1)
def load_tables() -> dict[str, object]:
    """The tables the parser reads: the hand tables, with the weather and time words that WordNet adds
    (`WEATHER_FILE`, built by dataset_build/composer_words.py: "gale", "downpour", "gloaming", "first light";
    and the sky adjectives "leaden", "lowering"); hand entries win."""
    tables = dict(hand_tables())
    try:
        raw = json.loads(resources.files("svgllm").joinpath("data", WEATHER_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        raw = {}
    for name, key in (("WEATHER", "weather"), ("TIMES", "times"), ("TIME_PHRASES", "time_phrases")):
        tables[name] = {**raw.get(key, {}), **tables[name]}
    tables["SKY_WEATHER"] = {w: label for w, label in raw.get("sky", {}).items() if w not in tables["WEATHER"]}
    for label in set(tables["WEATHER"].values()) - {None, "clear", "cloudy", "rainbow"} - set(tables["COVERS"]):
        # the labels are words too ("in a biting wind"), except ground covers: "deep snow" lies, it need not fall
        tables["WEATHER"].setdefault(label, label)
    return tables


def __getattr__(name: str):
    """First use of a table: read the data file once and bind every table as a module attribute."""
    if name not in TABLES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    loaded = load_tables()
    missing = set(TABLES) - set(loaded)
    if missing:
        raise RuntimeError(f"{VOCAB_FILE} lacks the tables {sorted(missing)}")
    globals().update(loaded)
    return loaded[name]


def singular(word: str) -> str:
    """Cheap English singular that is right for the vocabulary ("peaks" -> "peak", "boxes" -> "box")."""
    tables = load_tables()
    if word in tables["IRREGULAR"]:
        return tables["IRREGULAR"][word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")) or word in tables["GARMENTS"]:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ves") and word[:-3] + "f" in ("leaf", "shelf", "wolf", "loaf", "calf", "scarf"):
        return word[:-3] + "f"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("oes"):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def plural(word: str) -> bool:
    """True when `word` looks plural ("pyramids", "pants" is treated as one garment)."""
    return word != singular(word) and word not in load_tables()["GARMENTS"]
