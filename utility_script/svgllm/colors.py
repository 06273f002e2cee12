"""Colour words in a description -> hex colours (CSS names, fashion/art names, light/dark/... modifiers)."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True)
class ColorMention:
    """A colour found in text: the words as written, the hex value and where the words start."""

    words: str
    hex: str
    position: int


@functools.lru_cache(maxsize=1)
def color_table() -> tuple[dict[str, str], dict[str, float]]:
    """(name -> hex, modifier -> lightness shift), read from package data on first use."""
    names, modifiers, _ = _tables()
    return names, modifiers


@functools.lru_cache(maxsize=1)
def css_color_names() -> dict[str, str]:
    """The CSS named colours (lower case, alphabetical) -> "#rrggbb", as Pillow's `ImageColor` knows them."""
    from PIL import ImageColor  # imported on use: `import svgllm` stays light

    # through getrgb: Pillow caches a name's (r, g, b) in `colormap` in place of its text once it was looked up
    return {name: rgb_to_hex(ImageColor.getrgb(name)) for name in sorted(ImageColor.colormap)}


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, float], dict[str, float]]:
    raw = json.loads(resources.files("svgllm").joinpath("data", "colors.json").read_text(encoding="utf-8"))
    # the large sourced table first (CSS and the hand-checked names below win), less its modifier words ("dark")
    names = {k: v for k, v in _sourced()[0].items() if k not in raw["modifiers"]}
    names.update(css_color_names())
    names.update(raw["extra"])
    return names, dict(raw["modifiers"]), dict(raw.get("saturation", {}))


@functools.lru_cache(maxsize=1)
def _sourced() -> tuple[dict[str, str], dict[str, str]]:
    """(colour names, names that are also things) from `color_names.json` (xkcd survey + WordNet colour nouns).

    Names that are also things ("straw", "mushroom", "ocean") count as colours only when the text says so:
    "straw-coloured", "mushroom-toned", "the colour of straw". Two-word names are also kept joined
    ("blue grey" -> "bluegrey") the way the CSS names are written."""
    try:
        raw = json.loads(resources.files("svgllm").joinpath("data", "color_names.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return {}, {}
    tables = []
    for key in ("words", "nouns"):
        table = {}
        for name, value in raw.get(key, {}).items():
            table[name] = value
            table.setdefault(name.replace(" ", ""), value)
        tables.append(table)
    return tables[0], tables[1]


def hex_to_rgb(hex_color: str) -> tuple[int, int, int]:
    """ "#rrggbb" -> (r, g, b) in 0..255."""
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def rgb_to_hex(rgb) -> str:
    """(r, g, b) (clamped to 0..255) -> "#rrggbb"."""
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def shift_lightness(hex_color: str, amount: float) -> str:
    """Mix towards white (amount > 0) or black (amount < 0); amount in [-1, 1]."""
    r, g, b = hex_to_rgb(hex_color)
    target = 255 if amount > 0 else 0
    mix = abs(amount)
    return rgb_to_hex(c + (target - c) * mix for c in (r, g, b))


def shift_saturation(hex_color: str, amount: float) -> str:
    """Push saturation up (amount > 0, "neon") or towards grey (amount < 0, "muted"); amount in [-1, 1]."""
    import colorsys

    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in hex_to_rgb(hex_color)))
    if amount > 0:
        s = s + (1 - s) * amount
        lightness = lightness + (0.5 - lightness) * amount * 0.6  # neon colours glow: keep them mid-light
    else:
        s = s * (1 + amount)
    return rgb_to_hex(c * 255 for c in colorsys.hls_to_rgb(h, lightness, s))


def mix(a: str, b: str, amount: float) -> str:
    """Blend colour `a` towards `b` by `amount` in [0, 1]."""
    return rgb_to_hex(x + (y - x) * amount for x, y in zip(hex_to_rgb(a), hex_to_rgb(b), strict=False))


def luminance(hex_color: str) -> float:
    """Relative luminance in [0, 1] (sRGB weights, no gamma: good enough to pick contrasting colours)."""
    r, g, b = hex_to_rgb(hex_color)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


# "teal-coloured", "copper-toned", "rose-hued": the suffix only says that the word before it is a colour
_SUFFIXES = ("-colored", "-coloured", "-colour", "-color", "-toned", "-tone", "-hued", "-tinted", "-tinged")


def _spellings(word: str) -> tuple[str, ...]:
    """ "grey" and "gray" name the same colour (CSS has both for most names, the xkcd survey writes "grey")."""
    return tuple(dict.fromkeys((word, word.replace("grey", "gray"), word.replace("gray", "grey"))))


def _lookup(names: dict[str, str], word: str) -> str | None:
    stripped = word
    for suffix in _SUFFIXES:
        stripped = stripped.removesuffix(suffix)
    things = _sourced()[1] if stripped != word else {}
    for spelling in _spellings(stripped):
        for candidate in (spelling, spelling.replace("-", " "), spelling.replace("-", "")):
            if candidate in names:
                return names[candidate]
            if candidate in things:
                return things[candidate]
        if spelling.endswith("ish") and spelling[:-3] in names:  # "greenish", "greyish"
            return names[spelling[:-3]]
        if spelling.endswith("ish") and spelling[:-4] in names:  # "reddish", "bluish" -> blu + e
            return names[spelling[:-4]]
        if spelling.endswith("ish") and spelling[:-3] + "e" in names:
            return names[spelling[:-3] + "e"]
    return _compound(names, stripped)


def _compound(names: dict[str, str], word: str) -> str | None:
    """ "rust-red", "lemon-yellow", "ink-black": a shade word and a colour. Both known: mostly the shade, pulled
    a little towards the colour; only the colour known ("candyfloss-pink"): the colour."""
    if "-" not in word:
        return None
    first, _, last = word.rpartition("-")
    base = next((names[s] for s in _spellings(last) if s in names), None)
    if base is None:
        return None
    shade = _lookup(names, first) or _sourced()[1].get(first)
    return mix(shade, base, 0.3) if shade else base


def find_colors(text: str) -> list[ColorMention]:
    """Every colour mentioned in `text`, in order. Joins two-word names ("sky blue", "navy blue"), applies
    modifiers ("dark green", "pale-yellow", "neon pink", "light sky blue"), and ignores words it does not know."""
    names, modifiers, saturation = _tables()
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text.lower())]
    found: list[ColorMention] = []
    index = 0
    while index < len(tokens):
        word, position = tokens[index]
        joined = _joined(names, tokens, index)
        if joined is not None:  # "duck-egg blue", "racing green", "blue grey": a name of two or three words
            count, hex_value = joined
            found.append(ColorMention(" ".join(t for t, _ in tokens[index : index + count]), hex_value, position))
            index += count
            continue
        named = _colour_of(names, tokens, index)
        if named is not None:  # "the colour of straw": the thing's colour
            found.append(named[0])
            index = named[1]
            continue
        start_index = index
        parts = word.split("-")
        modifier_word = ""
        # "dark-green" and "dark green" read the same way
        if len(parts) > 1 and parts[0] in modifiers and _lookup(names, "-".join(parts[1:])):
            modifier_word, word = parts[0], "-".join(parts[1:])
        elif word in modifiers and index + 1 < len(tokens):
            following = tokens[index + 1][0]
            pair = word + following
            if pair in names:  # "dark green" -> darkgreen is itself a CSS name; "neon pink" is in the table
                found.append(ColorMention(f"{word} {following}", names[pair], position))
                index += 2
                continue
            if _lookup(names, following) or (index + 2 < len(tokens) and following + tokens[index + 2][0] in names):
                modifier_word, word = word, following
                index += 1
        hex_value = None
        if index + 1 < len(tokens) and word + tokens[index + 1][0] in names:  # "sky blue" -> skyblue
            hex_value = names[word + tokens[index + 1][0]]
            word = f"{word} {tokens[index + 1][0]}"
            index += 1
        else:
            hex_value = _lookup(names, word)
        if hex_value is not None:
            if modifier_word:
                hex_value = _apply_modifier(hex_value, modifier_word, modifiers, saturation)
                word = f"{modifier_word} {word}"
            found.append(ColorMention(word, hex_value, position))
        elif modifier_word:
            index = start_index  # the modifier did not lead to a colour: re-read the next word on its own
        index += 1
    return found


def _joined(names: dict[str, str], tokens: list[tuple[str, int]], index: int) -> tuple[int, str] | None:
    """(tokens used, hex) for a colour name written as the next three or two words, else None."""
    for count in (3, 2):
        if index + count > len(tokens):
            continue
        words = [t.replace("-", "") for t, _ in tokens[index : index + count]]
        for spelling in _spellings("".join(words)):
            if spelling in names:
                return count, names[spelling]
    return None


def _colour_of(names: dict[str, str], tokens: list[tuple[str, int]], index: int) -> tuple[ColorMention, int] | None:
    """ "the colour of straw", "the color of a ripe plum": the named thing's colour, mentioned where it is
    (with the index of the token after it)."""
    if tokens[index][0] not in ("colour", "color") or index + 2 >= len(tokens) or tokens[index + 1][0] != "of":
        return None
    at = index + 2
    while at < len(tokens) - 1 and tokens[at][0] in ("a", "an", "the", "ripe", "fresh", "old", "new"):
        at += 1
    word, position = tokens[at]
    value = _lookup(names, word) or _sourced()[1].get(word)
    return (ColorMention(word, value, position), at + 1) if value else None


def _apply_modifier(hex_value: str, word: str, modifiers: dict[str, float], saturation: dict[str, float]) -> str:
    if saturation.get(word):
        hex_value = shift_saturation(hex_value, saturation[word])
    if modifiers.get(word):
        hex_value = shift_lightness(hex_value, modifiers[word])
    return hex_value
