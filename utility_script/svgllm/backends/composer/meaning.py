"""Words the tables lack -> the nearest word they know: "catamaran" -> "boat", "kerchief" -> "scarf".

Two sources, tried in order, only for words no table knows:
1. `word_meanings.json` (package data built by `python -m dataset_build.composer_words` from WordNet's noun
   hierarchy: the nearest known word above or beside the word's most common senses);
2. GloVe word vectors (`vectors`, optional), for words WordNet lacks.
A word neither source maps well keeps today's behaviour (the generic stand-in).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from . import vectors, vocab
from .motifs import find_motif, load_library

MEANINGS = "word_meanings.json"
# function words WordNet also lists as nouns ("it" is information technology, "one" a digit)
_FUNCTION = {"it", "its", "they", "them", "this", "that", "these", "those", "one", "ones", "some", "any", "all",
             "each", "every", "other", "another", "something", "anything", "nothing", "way", "lot", "kind", "sort",
             "bit", "top", "side", "end", "part", "half", "set", "pair", "piece", "inch", "foot", "yard", "deal",
             "thing", "things"}
# shape words too vague to stand in for anything ("form", "pattern", "shape" draw a mixed bag)
_VAGUE = {"shape", "form", "pattern", "fragment", "layer", "panel", "sheet", "plane", "block", "bar", "line", "ray"}


def drawable(word: str) -> str | None:
    """What the tables draw for a word they know: a garment, shape, procedural subject, terrain or motif name."""
    word = word.lower()
    for table in (vocab.GARMENTS, vocab.SHAPES):
        if word in table:
            return table[word]
    if word in vocab.PROCEDURAL:
        return word
    if word in vocab.SETTINGS:
        return vocab.SETTINGS[word]
    motif = find_motif(word)
    return motif.name if motif else None


@functools.lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], frozenset[str]]:
    """(word -> known word, WordNet words with nothing drawable near them: never sent to the vectors)."""
    try:
        text = resources.files("svgllm").joinpath("data", MEANINGS).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}, frozenset()
    raw = json.loads(text)
    return raw["words"], frozenset(raw.get("no_match", ()))


@functools.lru_cache(maxsize=1)
def candidates() -> tuple[str, ...]:
    """Every single word the tables can draw, for the vector search (sorted: deterministic)."""
    words = set(vocab.GARMENTS) | set(vocab.SHAPES) | set(vocab.SETTINGS) | set(vocab.MOTIF_SYNONYMS)
    words |= {name.split("-")[-1] for name in load_library()} | set(vocab.PROCEDURAL)
    words -= _VAGUE | vocab.STOP
    return tuple(sorted(w for w in words if w.isalpha() and drawable(w)))


def describing_tables() -> tuple:
    """Tables whose words describe a scene or a thing, never name one ("grass" is ground cover, "iron" a
    material); read on first use, not at import."""
    return (vocab.COVERS, vocab.MATERIALS, vocab.PATTERNS, vocab.ARRANGEMENTS, vocab.WEATHER, vocab.TIMES,
            vocab.NUMBERS, vocab.RELATIONS, vocab.STOP)


def land_setting(word: str, table: dict[str, str]) -> str | None:
    """The terrain an "<x>land" word names when its first part says what grows or lies there: "marshland" ->
    marsh, "heathland", "grassland", "bushland" -> meadow (WordNet's nearest word is often another thing:
    "heathland" had none); None for other words, and "garland" (a wreath) keeps the table's answer."""
    word = vocab.singular(word)
    if not word.endswith("land") or len(word) < 7 or not word.isalpha():
        return None
    prefix = word[:-4]
    for known in (table.get(word), prefix, table.get(prefix)):
        if known in vocab.SETTINGS:
            return known
    grows = table.get(prefix) or ""
    if prefix in vocab.COVERS or grows in vocab.COVERS or (drawable(grows) or "").endswith("-tree"):
        return "meadow"  # land covered in grass, heather or bushes: open country
    return None


@functools.lru_cache(maxsize=4096)
def meaning(word: str, use_vectors: bool = True) -> str | None:
    """The known word nearest in meaning to `word` (a word or "two-word" hyphenated phrase), or None.

    `use_vectors=False` asks the WordNet table only: the vectors also match verb and adjective forms
    ("caught" -> ball), so they may name a subject but never decide which word of a phrase is its head."""
    word = word.lower().strip()
    if len(word) < 3 or word in _FUNCTION or any(word in table for table in describing_tables()) or drawable(word):
        return None
    table, blocked = tables()
    land = land_setting(word, table)
    if land is not None:
        return land
    forms = tuple(dict.fromkeys((word, vocab.singular(word))))
    for form in forms:
        if form in table:
            return None if table[form] in blocked else table[form]  # "hedgerow" -> "fence" would draw a fencer
    if "-" in word or not use_vectors or any(form in blocked for form in forms):
        return None  # a two-word phrase WordNet lacks (vectors would blur it), or a word WordNet maps to nothing
    match = vectors.nearest(vocab.singular(word), candidates(), group=drawable)
    return match[0] if match else None
