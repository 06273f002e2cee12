"""The SVG values module: numbers, lengths, point lists, transforms, and the canvas size (path data, built on
these numbers, is `svgllm.path_data`).

One home for these facts (issue 16): the sanitizer, the vectorizer, dataset_build and the render adapter read
them from here. Every parser returns None for anything malformed (NaN, inf, garbage) so the caller can drop the
value; writers round to a number of decimals and omit what is redundant, which is also how the byte budget is met.
"""
from __future__ import annotations

import math
import re

CANVAS_SIZE = 384  # the metric renders every SVG at, or resizes it to, this many pixels square
MAX_ABS = 1e5  # coordinates beyond this are clamped: cairo's fixed-point maths misbehaves far out
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")  # an SVG number, exponent included
_LENGTH = re.compile(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(px|%|em|ex|pt|pc|cm|mm|in)?\s*$")
_TRANSFORM = re.compile(r"\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^()]*)\)\s*,?", re.IGNORECASE)
_TRANSFORM_ARITY = {"matrix": (6,), "translate": (1, 2), "scale": (1, 2), "rotate": (1, 3), "skewx": (1,),
                    "skewy": (1,)}
# The kind of value each attribute takes: the grammar's value languages and the sanitizer's cleaners are both
# chosen by it. Attributes not listed take a plain number ("number"); the ones listed as "number" are lengths the
# sanitizer cleans like coordinates but that cairosvg reads with float() (so the grammar writes plain numbers).
ATTRIBUTE_KINDS = {
    "d": "path", "points": "points", "viewBox": "viewbox", "stroke-dasharray": "lengths",
    "width": "length", "height": "length", "r": "length", "rx": "length", "ry": "length", "fr": "length",
    "stroke-width": "length", "markerWidth": "length", "markerHeight": "length", "stroke-miterlimit": "positive",
    "x": "coordinate", "y": "coordinate", "x1": "coordinate", "y1": "coordinate", "x2": "coordinate",
    "y2": "coordinate", "cx": "coordinate", "cy": "coordinate", "fx": "coordinate", "fy": "coordinate",
    "dx": "number", "dy": "number", "refX": "number", "refY": "number", "stroke-dashoffset": "number",
    "opacity": "opacity", "fill-opacity": "opacity", "stroke-opacity": "opacity", "stop-opacity": "opacity",
    "flood-opacity": "opacity", "offset": "offset",
    "fill": "paint", "stroke": "paint", "color": "colour", "stop-color": "colour", "flood-color": "colour",
    "lighting-color": "colour",
    "clip-path": "ref", "mask": "ref", "filter": "ref",
    "href": "href", "id": "id", "transform": "transform", "gradientTransform": "transform",
    "patternTransform": "transform", "preserveAspectRatio": "aspect",
    "in": "word", "in2": "word", "result": "word", "orient": "word", "color-interpolation": "word",
    "color-interpolation-filters": "word", "color-rendering": "word",
}


def attributes_of_kind(*kinds: str) -> frozenset[str]:
    """The attributes whose value is of one of `kinds` (see ATTRIBUTE_KINDS)."""
    return frozenset(name for name, kind in ATTRIBUTE_KINDS.items() if kind in kinds)




def fmt(value: float, decimals: int = 2) -> str:
    """Shortest text for `value` rounded to `decimals`: no trailing zeros, no leading zero, no "-0"."""
    text = f"{value:.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return "0" if text == "-0" else text


# `fmt` over many numbers at once: its text rules applied to all of them joined, each followed by a space
_NEGATIVE_ZERO = re.compile(r"-0(?= )")  # a minus only starts a number: this is a whole "-0"


def fmt_all(values, decimals: int = 2) -> list[str]:
    """`[fmt(value, decimals) for value in values]`, with the text work done on one joined string (C speed):
    what makes long paths and point lists cheap to write."""
    values = tuple(values)
    if not values:
        return []
    text = (f"%.{decimals}f " * len(values)) % values  # the same digits as fmt's f-string
    if decimals:
        # with decimals every number has a point, so a zero before a space is a fraction digit: each pass cuts
        # one from every number that ends with one (str.replace: several times faster than a regex)
        for _ in range(decimals):
            text = text.replace("0 ", " ")
        text = text.replace(". ", " ")
    text = (" " + text).replace(" 0.", " .").replace(" -0.", " -.")
    return _NEGATIVE_ZERO.sub("0", text)[1:-1].split(" ")


def parse_number(text: str) -> float | None:
    """A finite float clamped to +-MAX_ABS, or None."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(value):
        return None
    return max(-MAX_ABS, min(MAX_ABS, value))


_SEPARATORS = re.compile(r"[\s,]+")


def finite_clamped(values: list[float]) -> list[float] | None:
    """`parse_number`'s rules over a list of floats read from NUMBER text (never NaN): None if any is
    infinite, else each clamped to +-MAX_ABS. The min/max test keeps the common in-range case at C speed."""
    if values and (min(values) < -MAX_ABS or max(values) > MAX_ABS):
        if any(math.isinf(value) for value in values):
            return None
        return [max(-MAX_ABS, min(MAX_ABS, value)) for value in values]
    return values


# Text written with only these characters is read by str.split and float (C speed) instead of regexes: with
# this alphabet, a token float accepts is `-?(digits[.digits]|.digits)`, exactly one NUMBER as the regexes
# read it (and any other token is one float refuses, so the regexes decide then).
_PLAIN_ALPHABET = {ord(character): None for character in "0123456789.-, \t\n\r"}


def plain_numbers(text: str) -> list[float] | None:
    """The numbers of a stretch of path or point data, read as the tokenizer reads them, when the text holds
    nothing but plain numbers and separators (None otherwise: the tokenizer's reading applies). A minus sign
    can only start a number, so a space before each one splits `1-2` where the tokenizer does."""
    if text.translate(_PLAIN_ALPHABET):
        return None
    try:
        return list(map(float, text.replace(",", " ").replace("-", " -").split()))
    except ValueError:  # "-", ".", "1.2.3": garbage or numbers run together
        return None


def numbers_in(text: str, limit: int = 100_000) -> list[float] | None:
    """All numbers of a comma/space separated list, or None if anything else is in it."""
    text = text.strip()
    if not text.translate(_PLAIN_ALPHABET) and not text.startswith(",") and not text.endswith(","):
        try:  # the common case in C (an empty token, which only an end comma makes, is malformed)
            return finite_clamped(list(map(float, text.replace(",", " ").split()[:limit])))
        except ValueError:  # "1-2", "-": not a number; float accepts nothing NUMBER refuses in this alphabet
            return None
    tokens = _SEPARATORS.split(text)
    if tokens == [""]:
        return []
    tokens = tokens[:limit]
    if not all(map(NUMBER.fullmatch, tokens)):
        return None
    return finite_clamped(list(map(float, tokens)))


def clean_length(text: str, decimals: int, non_negative: bool = False) -> str | None:
    """A number with an optional unit (`12`, `50%`, `2em`), rounded; None when malformed."""
    if not text.translate(_PLAIN_ALPHABET):
        # no unit, and in this alphabet float reads exactly what the pattern reads (one optionally negative
        # number between whitespace) and refuses the rest, as the pattern does
        unit, value = "", parse_number(text)
    else:
        match = _LENGTH.match(text)
        if not match:
            return None
        unit, value = match.group(2) or "", parse_number(match.group(1))
    if value is None or (non_negative and value < 0):
        return None
    return fmt(value, decimals) + unit


def clean_fraction(text: str) -> str | None:
    """An opacity or stop offset: a number or percentage clamped to [0, 1]."""
    match = _LENGTH.match(text)
    if not match or match.group(2) not in (None, "%"):
        return None
    value = parse_number(match.group(1))
    if value is None:
        return None
    if match.group(2) == "%":
        value /= 100.0
    return fmt(max(0.0, min(1.0, value)), 3)


def clean_points(text: str, decimals: int) -> str | None:
    """A polygon/polyline point list with an even count of finite numbers (an odd last one is dropped)."""
    plain = plain_numbers(text)
    tokens = NUMBER.findall(text) if plain is None else None
    values = finite_clamped(plain if plain is not None else list(map(float, tokens)))
    if values is None:  # an infinite number is dropped, not the whole list
        values = [v for v in (parse_number(t) for t in NUMBER.findall(text)) if v is not None]
    if len(values) % 2:
        values.pop()
    if len(values) < 4:
        return None
    written = fmt_all(values, decimals)
    return " ".join(map(",".join, zip(written[0::2], written[1::2], strict=True)))


def parse_transform(text: str) -> list[tuple[str, list[float]]] | None:
    """A transform list -> [(function, arguments)], or None when any part is malformed."""
    functions, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TRANSFORM.match(text, position)
        if not match:
            return None
        name = match.group(1).lower()
        args = numbers_in(match.group(2))
        if args is None or len(args) not in _TRANSFORM_ARITY[name]:
            return None
        functions.append((match.group(1), args))
        position = match.end()
    return functions


def transform_determinant(functions: list[tuple[str, list[float]]]) -> float:
    """Determinant of the combined linear part (0 means the element collapses and cairo may refuse it)."""
    determinant = 1.0
    for name, args in functions:
        name = name.lower()
        if name == "matrix":
            determinant *= args[0] * args[3] - args[1] * args[2]
        elif name == "scale":
            determinant *= args[0] * (args[1] if len(args) > 1 else args[0])
        elif name in ("skewx", "skewy") and abs(math.cos(math.radians(args[0]))) < 1e-9:
            return 0.0
    return determinant


def transform_scale(functions: list[tuple[str, list[float]]]) -> float:
    """How much a transform list magnifies lengths on average (square root of the determinant's size)."""
    return math.sqrt(abs(transform_determinant(functions)))


def fmt_significant(value: float, decimals: int, digits: int = 3) -> str:
    """`fmt` with at least `digits` significant digits for small numbers: `scale(0.0004)` must not become 0."""
    if value and abs(value) < 1:
        decimals = max(decimals, min(12, digits - 1 - math.floor(math.log10(abs(value)))))
    return fmt(value, decimals)


def format_transform(functions: list[tuple[str, list[float]]], decimals: int) -> str:
    """Write a parsed transform list back compactly, keeping small factors' significant digits."""
    return " ".join(f"{name}({' '.join(fmt_significant(a, max(decimals, 3)) for a in args)})"
                    for name, args in functions)


# The patterns open with the point (lookbehinds after it), so the regex engine jumps from point to point instead
# of trying a lookbehind at every character: ten times faster on long paths.
_BARE_FRACTION = re.compile(r"\.(?<![\d.]\.)\d+")  # a fraction without integer digits: `.5` (not `1.5`, `1..5`)
_FRACTION_AFTER_DIGIT = re.compile(r"\.(?<=\d\.)\d+")  # the fraction of `1.5`
_CHAINED_FRACTION = re.compile(r"\.\d+\.")  # `1.2.3`: the only text where the two integer cuts below differ
_INTEGER_PART = re.compile(r"(\d)\.\d+")  # a number with a fraction: its last integer digit is kept
_FRACTION_DIGITS = {}


def round_numbers(text: str, decimals: int) -> str:
    """Cut every number in already-clean `text` to `decimals` fraction digits (used to fit the byte budget).

    Truncation instead of rounding keeps this at regex speed (no Python call per number); the error stays below
    one unit of the last kept digit, which the caller chose as invisible at 384 pixels. Each pattern's one group
    is what stays of a match, so joining the pieces of a split replaces like `sub(pattern, r"\1")`, without
    the Python call per match that a group reference in a replacement costs.
    """
    if decimals <= 0:
        text = _BARE_FRACTION.sub("0", text)
        if _CHAINED_FRACTION.search(text):
            # `1.2.3` is cut to `1.3`, as it always was: a match of _INTEGER_PART takes the digit that a
            # following fraction needs in front of it
            return "".join(_INTEGER_PART.split(text))
        # otherwise no two fractions share a digit, and removing each fraction after a digit is the same cut
        return _FRACTION_AFTER_DIGIT.sub("", text)
    pattern = _FRACTION_DIGITS.get(decimals)
    if pattern is None:
        pattern = _FRACTION_DIGITS[decimals] = re.compile(r"(\.\d{" + str(decimals) + r"})\d+")
    return "".join(pattern.split(text))
