"""Words and phrases of a description: tokens, noun-likeness, phrase boundaries and the head of a phrase.

The lower layer of `parse`: no `Scene` here, only which words there are, where one noun phrase ends and the
next begins, and which word of a phrase names its subject.
"""

from __future__ import annotations

import re

from ...colors import find_colors
from . import vocab
from .meaning import meaning
from .motifs import known_word

SEPARATORS = {",", ";", "and", "&", "plus", "or"}
ARRANGING_VERBS = {"forming", "arranged", "making", "creating", "composing"}
# "in a grid", "forming a circle": nouns that name how the main shapes are arranged
ARRANGEMENT_NOUNS = {
    "starburst": "radial",
    "sunburst": "radial",
    "burst": "radial",
    "grid": "grid",
    "lattice": "grid",
    "mosaic": "grid",
    "pattern": "grid",
    "checkerboard": "grid",
    "circle": "ring",
    "ring": "ring",
    "wreath": "ring",
    "spiral": "spiral",
    "swirl": "spiral",
    "row": "row",
    "line": "row",
    "column": "row",
    "cluster": "scattered",
    "pile": "scattered",
    "stack": "layered",
    "tower": "layered",
    "heap": "scattered",
    "shape": "grid",
    "formation": "grid",
    "honeycomb": "grid",
    "array": "grid",
    "jumble": "scattered",
}

# words that are colours but, standing last in a phrase, are nouns ("an orange", "a rose", "the sand")
COLOR_NOUNS = {
    "orange",
    "rose",
    "lime",
    "peach",
    "lemon",
    "chestnut",
    "sand",
    "coral",
    "cherry",
    "plum",
    "olive",
    "mint",
    "honey",
    "wine",
    "snow",
    "gold",
    "silver",
    "cream",
    "tangerine",
    "pumpkin",
    "grape",
    "berry",
    "emerald",
    "ruby",
    "sapphire",
    "amber",
    "slate",
    "sky",
    "copper",
    "bronze",
}


def tokenize(text: str) -> list[tuple[str, int]]:
    """Lower-case word tokens with their character offsets; multi-word relations and names joined with "_"."""
    lowered = text.lower()
    for phrase in vocab.PHRASES + vocab.COMPOUND_NAMES:
        lowered = lowered.replace(phrase, phrase.replace(" ", "_"))
    raw = [(m.group(0), m.start()) for m in re.finditer(r"[a-z_]+(?:[-'][a-z_]+)*|\d+|[,;&]", lowered)]
    out: list[tuple[str, int]] = []
    for word, start in raw:
        if (
            "-" in word
            and word not in vocab.GARMENTS
            and not word.endswith("-sided")
            and not find_colors(word)
            and not compound_adjective(word)
        ):
            offset = start
            for part in word.split("-"):  # "snow-covered" -> "snow", "covered"
                out.append((part, offset))
                offset += len(part) + 1
        else:
            out.append((word.replace("'s", ""), start))
    return out


def compound_adjective(word: str) -> bool:
    """ "ring-tailed", "tree-lined": one adjective, whose first word names no subject of its own. Split as before
    where the first word is ground cover, weather or a time ("snow-covered", "rain-soaked") or the compound says
    a shape ("heart-shaped")."""
    first, _, last = word.partition("-")
    if not (first.isalpha() and last.isalpha() and last.endswith("ed") and len(last) > 4):
        return False
    readers = (vocab.COVERS, vocab.WEATHER, vocab.TIMES)
    return last != "shaped" and not any(first in table for table in readers)


def is_noun(word: str) -> bool:
    """True when `word` (or its singular) names something the composer knows: a shape, garment, setting, part,
    procedural subject or motif."""
    base = vocab.singular(word)
    return (
        any(
            w in table
            for w in (word, base)
            for table in (vocab.SHAPES, vocab.GARMENTS, vocab.SETTINGS, vocab.MOTIF_SYNONYMS, vocab.GARMENT_PARTS,
                          vocab.OBJECT_PARTS)
        )
        or word in vocab.PROCEDURAL
        or base in vocab.PROCEDURAL
        or known_word(word)
    )


def names_thing(word: str) -> bool:
    """True when `word` is a noun the tables know or one that maps by meaning ("catamaran" -> boat).

    Only for choosing a phrase's head: a mapped word is the head even after a known one ("a mountain tarn")."""
    if is_noun(word):
        return True
    if word in vocab.STOP or word.endswith(("ing", "ly", "ful", "ous")) or find_colors(word):
        return False
    # "-ed" words count when WordNet's noun table has them ("moped", "sled"); "parked" is no noun there
    return meaning(word, use_vectors=False) is not None


def ends_noun_phrase(word: str, current: list[tuple[str, int]]) -> bool:
    """A verb form after a noun ends its phrase: "a giraffe eating leaves", "a truck parked by a station".

    Before any noun the same forms are adjectives ("rolling hills", "a knitted beanie"); words the vocabulary
    reads itself ("drifting" = scattered, "snowy", materials, patterns) stay inside the phrase.
    """
    if len(word) <= 4 or not word.endswith(("ing", "ed")) or not any(names_thing(w) for w, _ in current):
        return False
    known = (vocab.ARRANGEMENTS, vocab.MATERIALS, vocab.PATTERNS, vocab.COVERS, vocab.WEATHER, vocab.TIMES, vocab.STOP)
    return not any(word in table for table in known) and not is_noun(word) and not find_colors(word)


def split_phrases(tokens: list[tuple[str, int]]) -> list[tuple[list[tuple[str, int]], str | None]]:
    """Cut the tokens into (phrase words, the word that ended the phrase) pairs."""
    phrases = []
    current: list[tuple[str, int]] = []
    for word, start in tokens:
        is_relation = word in vocab.RELATIONS and word not in ("of",)
        if word in SEPARATORS or is_relation or word in ARRANGING_VERBS or ends_noun_phrase(word, current):
            phrases.append((current, word))
            current = []
        else:
            current.append((word, start))
    phrases.append((current, None))
    return [(words, boundary) for words, boundary in phrases if words or boundary]


def _thing(word: str) -> bool:
    """True for a colour word that is also a thing's name ("orange", "carnation", "salmon")."""
    return word in COLOR_NOUNS or is_noun(word) or meaning(word, use_vectors=False) is not None


def find_head(words: list[tuple[str, int]], colors_at: dict) -> int | None:
    """Index of the phrase's head noun: the last noun-like word; None for a phrase of adjectives."""
    candidates = []
    for index, (word, start) in enumerate(words):
        if word in vocab.STOP or word.isdigit() or word in vocab.NUMBERS:
            continue
        if start in colors_at and not (
            index == len(words) - 1 and index > 0 and words[index - 1][0] in ("a", "an", "the") and _thing(word)
        ):
            continue  # a colour, unless the phrase ends "a/the <colour>" and the colour is a thing ("a carnation")
        candidates.append(index)
    if not candidates:
        return None
    made_of = _made_of(words)
    for index in reversed(candidates):
        word = words[index][0]
        if made_of is not None and index >= made_of:
            continue  # "a gatehouse of honey-coloured stone": the stone is what the gatehouse is made of
        if names_thing(word) or word in vocab.TIMES or word in ARRANGEMENT_NOUNS or _ing_noun(words, index):
            return index
    # No known noun: the last word that is not an adjective-like word names the subject.
    for index in reversed(candidates):
        word = words[index][0]
        if word in vocab.MATERIALS or word in vocab.PATTERNS or word in vocab.COVERS or word in vocab.WEATHER:
            continue
        if word in vocab.ARRANGEMENTS or word.endswith(("ed", "ing", "ful", "ous", "ly")):
            continue
        return index
    return None


def _made_of(words: list[tuple[str, int]]) -> int | None:
    """Index of the "of" in "<thing> of <material>" ("a gatehouse of stone", "a bowl of polished brass"), whose
    head is the thing before it; None where "of" names contents or kind ("a cup of coffee", "a grid of squares")."""
    at = next((i for i, (word, _) in enumerate(words) if word == "of"), None)
    if at is None or at == 0 or at == len(words) - 1 or not vocab.MATERIALS.get(words[-1][0]):
        return None
    return at if any(names_thing(word) for word, _ in words[:at]) else None


def _ing_noun(words: list[tuple[str, int]], index: int) -> bool:
    """ "an adobe dwelling", "an oil painting": an "-ing" word ending its phrase after an article or adjective is
    a noun where WordNet's noun table maps it (after a noun it would have ended the phrase as a verb)."""
    word = words[index][0]
    return index == len(words) - 1 and index > 0 and word.endswith("ing") and meaning(word, False) is not None


# Greek number prefixes of polygon names: "dodecagon", "heptagon", "enneagon" ("-gon": angle)
_GON_PREFIXES = {"tri": 3, "tetra": 4, "penta": 5, "hexa": 6, "hepta": 7, "octa": 8, "ennea": 9, "nona": 9,
                 "deca": 10, "hendeca": 11, "undeca": 11, "dodeca": 12, "icosa": 20}  # fmt: skip


def polygon_sides(word: str) -> int | None:
    """How many sides a polygon name the shape table lacks says ("dodecagons" -> 12, "heptagon" -> 7); None for
    other words."""
    word = vocab.singular(word.lower())
    if not word.endswith("gon") or word in vocab.SHAPES:
        return None  # "hexagon" is the shape painter's own name
    return _GON_PREFIXES.get(word[:-3])
