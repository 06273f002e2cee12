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
    raw = json.loads(resources.files("svgllm").joinpath("data", "colors.json").read_text(encoding="utf-8"))
    names = dict(raw["css"])
    names.update(raw["extra"])
    return names, dict(raw["modifiers"])


def shift_lightness(hex_color: str, amount: float) -> str:
    """Mix towards white (amount > 0) or black (amount < 0); amount in [-1, 1]."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    target = 255 if amount > 0 else 0
    mix = abs(amount)
    r, g, b = (round(c + (target - c) * mix) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def find_colors(text: str) -> list[ColorMention]:
    """Every colour mentioned in `text`, in order. Joins two-word names ("sky blue"), applies modifiers
    ("dark green", "pale-yellow"), and ignores words it does not know."""
    names, modifiers = color_table()
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text.lower())]
    found: list[ColorMention] = []
    index = 0
    while index < len(tokens):
        word, position = tokens[index]
        parts = word.split("-")
        modifier = 0.0
        # "dark-green" and "dark green" read the same way
        if len(parts) > 1 and parts[0] in modifiers and "-".join(parts[1:]) in names:
            modifier, word = modifiers[parts[0]], "-".join(parts[1:])
        elif word in modifiers and index + 1 < len(tokens):
            following = tokens[index + 1][0]
            pair = word + following
            if pair in names:  # "dark green" -> darkgreen is itself a CSS name
                found.append(ColorMention(f"{word} {following}", names[pair], position))
                index += 2
                continue
            if following in names:
                modifier, word = modifiers[word], following
                index += 1
        if index + 1 < len(tokens) and word + tokens[index + 1][0] in names:  # "sky blue" -> skyblue
            joined = word + tokens[index + 1][0]
            found.append(ColorMention(f"{word} {tokens[index + 1][0]}", names[joined], position))
            index += 2
            continue
        for candidate in (word, word.removesuffix("-colored"), word.removesuffix("ish")):
            if candidate in names:
                hex_value = names[candidate]
                found.append(ColorMention(word, shift_lightness(hex_value, modifier) if modifier else hex_value,
                                          position))
                break
        index += 1
    return found
