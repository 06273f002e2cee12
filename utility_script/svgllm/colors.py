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
def _tables() -> tuple[dict[str, str], dict[str, float], dict[str, float]]:
    raw = json.loads(resources.files("svgllm").joinpath("data", "colors.json").read_text(encoding="utf-8"))
    names = dict(raw["css"])
    names.update(raw["extra"])
    return names, dict(raw["modifiers"]), dict(raw.get("saturation", {}))


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


def _lookup(names: dict[str, str], word: str) -> str | None:
    for candidate in (
        word,
        word.removesuffix("-colored").removesuffix("-coloured"),
        word.removesuffix("ish"),
        word.replace("-", ""),
    ):
        if candidate in names:
            return names[candidate]
    return None


def find_colors(text: str) -> list[ColorMention]:
    """Every colour mentioned in `text`, in order. Joins two-word names ("sky blue", "navy blue"), applies
    modifiers ("dark green", "pale-yellow", "neon pink", "light sky blue"), and ignores words it does not know."""
    names, modifiers, saturation = _tables()
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text.lower())]
    found: list[ColorMention] = []
    index = 0
    while index < len(tokens):
        word, position = tokens[index]
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


def _apply_modifier(hex_value: str, word: str, modifiers: dict[str, float], saturation: dict[str, float]) -> str:
    if saturation.get(word):
        hex_value = shift_saturation(hex_value, saturation[word])
    if modifiers.get(word):
        hex_value = shift_lightness(hex_value, modifiers[word])
    return hex_value
