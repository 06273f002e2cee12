"""The motif library (emoji artwork shipped as package data): lookup by subject word and recolouring.

Built by `python -m dataset_build.motifs`; read lazily on first use and cached for the process.
"""

from __future__ import annotations

import colorsys
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from ...colors import hex_to_rgb, rgb_to_hex
from . import vocab
from .vocab import singular

LIBRARY = "motifs.json"
KEYWORDS = "motif_keywords.json"  # CLDR emoji keywords -> motif (built by `python -m dataset_build.composer_words`)
_HEX = re.compile(r"#[0-9a-f]{6}")
# words in motif names that describe a variant, not the thing ("cat-face" is a worse cat than "cat")
_VARIANT_WORDS = {"face", "with", "of", "facing", "baby", "front", "hatching", "oncoming", "small", "large"}


@dataclass(frozen=True)
class Motif:
    """One library entry: SVG body drawn in a `size` x `size` box, its dominant colour and recolourable family."""

    name: str
    body: str
    size: int
    dominant: str
    family: tuple[str, ...]
    category: str


@functools.lru_cache(maxsize=1)
def load_library() -> dict[str, Motif]:
    """All motifs by name (empty when the package data is missing, so the composer still draws)."""
    try:
        text = resources.files("svgllm").joinpath("data", LIBRARY).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    raw = json.loads(text)["motifs"]
    return {
        name: Motif(name, entry["b"], int(entry["s"]), entry["d"], tuple(entry["f"]), entry.get("c", ""))
        for name, entry in raw.items()
    }


@functools.lru_cache(maxsize=1)
def _keyword_index() -> dict[str, list[str]]:
    """word -> motif names containing it, best first (the name itself, then shorter names)."""
    index: dict[str, list[str]] = {}
    for name in load_library():
        words = name.split("-")
        for joiner in ("with", "without", "of", "in", "on", "behind"):
            if joiner in words[1:]:  # "snowman-without-snow" is a snowman; "cat-with-tears" a cat
                words = words[: words.index(joiner, 1)]
        for position, word in enumerate(words):
            if word in _VARIANT_WORDS:
                continue
            rest = set(words[:position] + words[position + 1 :])
            # a word names the motif when it is the head ("spouting-whale") or the rest only says which
            # variant ("cat-face"); "tropical" does not name "tropical-fish"
            if position == len(words) - 1 or rest <= _VARIANT_WORDS:
                index.setdefault(word, []).append(name)
    for word, names in index.items():
        names.sort(key=lambda n: (n != word, any(v in n.split("-") for v in _VARIANT_WORDS), len(n), n))
    return index


@functools.lru_cache(maxsize=1)
def emoji_keywords() -> dict[str, str]:
    """CLDR keyword -> motif name, for keywords that name one motif only (empty when the data is missing)."""
    try:
        text = resources.files("svgllm").joinpath("data", KEYWORDS).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return json.loads(text)["words"]


def known_word(word: str) -> bool:
    """True when `word` (or its singular) names a motif directly, through a synonym, or as a keyword.

    Verb and adjective forms ("swimming", "standing", "smiling") never count, even though motif names use them.
    """
    word = word.lower()
    if (
        word in vocab.MOTIF_SYNONYMS
        or singular(word) in vocab.MOTIF_SYNONYMS
        or word in load_library()
        or singular(word) in load_library()
    ):
        return True  # "butterfly" is a name even though it ends like an adverb
    if word.endswith(("ing", "ed", "ly", "ful")) or word in _VARIANT_WORDS:
        return False
    return bool(find_motif(word))


@functools.lru_cache(maxsize=4096)
def find_motif(word: str) -> Motif | None:
    """The best motif for a subject word ("kittens" -> cat, "car" -> automobile), or None."""
    library = load_library()
    if not library or not word:
        return None
    word = word.lower().strip()
    plurals = (word[:-1] + "ies",) if word.endswith("y") else (word + "s", word + "es")
    for candidate in dict.fromkeys((word, singular(word)) + plurals):
        target = vocab.MOTIF_SYNONYMS.get(candidate, candidate)
        if target in library:
            return library[target]
        names = _keyword_index().get(target) or _keyword_index().get(candidate)
        if names:
            return library[names[0]]
    for candidate in dict.fromkeys((word, singular(word))):  # the emoji's own keywords: "yacht", "sedan"
        name = emoji_keywords().get(candidate)
        if name in library:
            return library[name]
    return None


def _hls(hex_color: str) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(c / 255 for c in hex_to_rgb(hex_color)))


def recolor(motif: Motif, color: str | None) -> str:
    """The motif body with its dominant colour family moved to `color`, shades kept relative.

    Each family fill keeps its lightness offset from the dominant fill, so highlights and shadows survive.
    """
    if not color:
        return motif.body
    color = color.lower()
    _, base_l, base_s = _hls(motif.dominant)
    want_h, want_l, want_s = _hls(color)
    mapping = {}
    for fill in motif.family:
        _, lightness, saturation = _hls(fill)
        new_l = min(0.97, max(0.03, want_l + (lightness - base_l)))
        new_s = want_s if base_s < 0.05 else min(1.0, want_s * (saturation / base_s if base_s else 1.0))
        mapping[fill] = rgb_to_hex(c * 255 for c in colorsys.hls_to_rgb(want_h, new_l, new_s))
    mapping[motif.dominant] = color
    return _HEX.sub(lambda m: mapping.get(m.group(0), m.group(0)), motif.body)
