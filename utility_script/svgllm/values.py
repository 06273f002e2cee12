"""The SVG values module: numbers, lengths, point lists, path data, transforms, and the canvas size.

One home for these facts (issue 16): the sanitizer, the vectorizer, dataset_build and the render adapter read
them from here. Every parser returns None for anything malformed (NaN, inf, garbage) so the caller can drop the
value; writers round to a number of decimals and omit what is redundant, which is also how the byte budget is met.
"""
from __future__ import annotations

import itertools
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


# numbers each path command takes (lower-case letters; upper-case ones take the same)
PATH_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}
_PATH_TOKEN = re.compile(r"([MmLlHhVvCcSsQqTtAaZz])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([\s,]+)|(.)")


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


def _finite_clamped(values: list[float]) -> list[float] | None:
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


def _plain_numbers(text: str) -> list[float] | None:
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
            return _finite_clamped(list(map(float, text.replace(",", " ").split()[:limit])))
        except ValueError:  # "1-2", "-": not a number; float accepts nothing NUMBER refuses in this alphabet
            return None
    tokens = _SEPARATORS.split(text)
    if tokens == [""]:
        return []
    tokens = tokens[:limit]
    if not all(map(NUMBER.fullmatch, tokens)):
        return None
    return _finite_clamped(list(map(float, tokens)))


def clean_length(text: str, decimals: int, non_negative: bool = False) -> str | None:
    """A number with an optional unit (`12`, `50%`, `2em`), rounded; None when malformed."""
    match = _LENGTH.match(text)
    if not match:
        return None
    value = parse_number(match.group(1))
    if value is None or (non_negative and value < 0):
        return None
    return fmt(value, decimals) + (match.group(2) or "")


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
    plain = _plain_numbers(text)
    tokens = NUMBER.findall(text) if plain is None else None
    values = _finite_clamped(plain if plain is not None else list(map(float, tokens)))
    if values is None:  # an infinite number is dropped, not the whole list
        values = [v for v in (parse_number(t) for t in NUMBER.findall(text)) if v is not None]
    if len(values) % 2:
        values.pop()
    if len(values) < 4:
        return None
    written = fmt_all(values, decimals)
    return " ".join(map(",".join, zip(written[0::2], written[1::2], strict=True)))


_COMMAND_SPLIT = re.compile(r"([MmLlHhVvCcSsQqTtAaZz])")
# (Whether a stretch holds only numbers is not asked of one regex matching it whole: those Python 3.10 can
# write try every split of a digit run before they fail, which on `M111...1x` takes exponential time.)
_AFTER_MOVE = {"M": "L", "m": "l"}  # further pairs after a move are lines


def _is_plain(chunk: str, numbers: list[str]) -> bool:
    """True when the tokenizer reads only numbers and separators in `chunk` (a stretch between commands), given
    `numbers = NUMBER.findall(chunk)`: findall scans as the tokenizer does, so the numbers cover every
    character that is not a separator exactly when nothing else is there (`str.split` and the tokenizer's
    `\\s` know the same whitespace)."""
    return sum(map(len, numbers)) == sum(map(len, chunk.replace(",", " ").split()))


def _stretch_numbers(chunk: str) -> list[float] | None:
    """The numbers of a stretch between commands when the tokenizer reads only numbers and separators there."""
    values = _plain_numbers(chunk)
    if values is None:
        numbers = NUMBER.findall(chunk)
        values = list(map(float, numbers)) if _is_plain(chunk, numbers) else None  # NUMBER text: never NaN
    return values


# `_splits_into_numbers` reads with the states of the NUMBER pattern: "between" numbers (separators may
# follow), after a sign, integer digits, integer digits and a point, a lone point, digits after a lone point,
# after the exponent letter, after its sign, exponent digits. A number may end where the state is accepting.
_BETWEEN, _SIGN, _INTEGER, _POINTED, _POINT, _FRACTION, _EXPONENT, _EXPONENT_SIGN, _EXPONENT_DIGITS = range(9)
_ACCEPTING = frozenset({_BETWEEN, _INTEGER, _POINTED, _FRACTION, _EXPONENT_DIGITS})
_STARTS = {"digit": _INTEGER, "point": _POINT, "sign": _SIGN, "separator": _BETWEEN}  # where a number may begin
_STEPS = {
    (_SIGN, "digit"): _INTEGER, (_SIGN, "point"): _POINT,
    (_INTEGER, "digit"): _INTEGER, (_INTEGER, "point"): _POINTED, (_INTEGER, "exponent"): _EXPONENT,
    (_POINTED, "digit"): _POINTED, (_POINTED, "exponent"): _EXPONENT,
    (_POINT, "digit"): _FRACTION, (_FRACTION, "digit"): _FRACTION, (_FRACTION, "exponent"): _EXPONENT,
    (_EXPONENT, "sign"): _EXPONENT_SIGN, (_EXPONENT, "digit"): _EXPONENT_DIGITS,
    (_EXPONENT_SIGN, "digit"): _EXPONENT_DIGITS, (_EXPONENT_DIGITS, "digit"): _EXPONENT_DIGITS,
}
_RUNS = re.compile(r"\d+|[\s,]+|.", re.DOTALL)
_CLASSES = {".": "point", "-": "sign", "+": "sign", "e": "exponent", "E": "exponent"}


def _splits_into_numbers(chunk: str) -> bool:
    """Whether `chunk` can be cut into NUMBERs and separators in some way, which is what the one-go reading
    of `_parse_simple_path` has always asked (`15.30.` is `15.3` and `0.` here, though the tokenizer takes
    `15.30` and leaves a lone point). Followed with the set of possible reading states, in linear time: the
    regex that asked it tried every cut of a digit run before failing (exponential on `111...1x`)."""
    states = frozenset({_BETWEEN})
    for run in _RUNS.findall(chunk):
        first = run[0]
        kind = "digit" if first.isdecimal() else "separator" if first.isspace() or first == "," else \
            _CLASSES.get(first)
        if kind is None:
            return False
        # a digit run reads like two digits: after the second one more change nothing
        for _ in range(2 if kind == "digit" and len(run) > 1 else 1):
            following = {_STEPS[state, kind] for state in states if (state, kind) in _STEPS}
            if states & _ACCEPTING and kind in _STARTS:
                following.add(_STARTS[kind])  # the number so far ends, the next one begins
            if not following:
                return False
            states = frozenset(following)
    return bool(states & _ACCEPTING)


def _parse_simple_path(text: str) -> list[tuple[str, list[float]]] | None:
    """Well-formed data without arcs (most paths), read in C: None when the text has garbage, a non-finite or
    huge number, or no leading move. (A move without numbers still lets the commands after it draw here, which
    the token reading refuses: `M L1 2`. Kept as it is: sanitised drawings must not change.)"""
    parts = _COMMAND_SPLIT.split(text)
    if parts[0].strip() or len(parts) < 2 or parts[1] not in "Mm":
        return None
    segments: list[tuple[str, list[float]]] = []
    for index in range(1, len(parts), 2):
        command, chunk = parts[index], parts[index + 1]
        values = _plain_numbers(chunk)
        if values is None:
            if not _splits_into_numbers(chunk):
                return None
            values = list(map(float, NUMBER.findall(chunk)))  # NUMBER text: never NaN
        if values and (min(values) < -MAX_ABS or max(values) > MAX_ABS):  # infinite or clamped
            return None
        arity = PATH_ARITY[command.lower()]
        if arity == 0:
            segments.append((command, []))
            continue
        for start in range(0, len(values) - arity + 1, arity):
            segments.append((command, values[start : start + arity]))
            command = _AFTER_MOVE.get(command, command)
    return segments


def _parse_path_quickly(text: str) -> list[tuple[str, list[float]]] | None:
    """`parse_path`'s forgiving reading with the work in C where it can be: the text is split at command
    letters and a stretch of plain numbers is read in one go; a stretch with garbage, an infinite or huge
    number, or an arc's arguments is read token by token with the steps of the character loop. None as soon
    as an arc reaches its flags (which may be written without separators): that loop decides then."""
    parts = _COMMAND_SPLIT.split(text)  # parts[0], before any command, has nothing to read
    segments: list[tuple[str, list[float]]] = []
    for index in range(1, len(parts), 2):
        command, chunk = parts[index], parts[index + 1]
        arity = PATH_ARITY[command.lower()]
        if not segments and command not in "Mm":
            continue  # no segment before the first move
        if arity == 0:
            segments.append((command, []))
            continue
        values = _stretch_numbers(chunk) if command not in "Aa" else None
        if values is not None and (not values or (min(values) >= -MAX_ABS and max(values) <= MAX_ABS)):
            for start in range(0, len(values) - arity + 1, arity):
                segments.append((command, values[start : start + arity]))
                command = _AFTER_MOVE.get(command, command)
            continue
        if not _read_path_tokens(chunk, command, arity, segments):
            return None
    return segments


def _read_path_tokens(chunk: str, command: str, arity: int, segments: list) -> bool:
    """Append the segments of one command's stretch, token by token; False when an arc reaches its flags."""
    args: list[float] = []
    for _, number, _, other in _PATH_TOKEN.findall(chunk):
        if other:
            return True  # garbage: the rest up to the next command letter is skipped
        if not number:
            continue
        value = float(number)
        if value - value != 0.0:  # infinite: poisons the rest of this command
            return True
        args.append(max(-MAX_ABS, min(MAX_ABS, value)))
        if len(args) == arity:
            segments.append((command, args))
            command, args = _AFTER_MOVE.get(command, command), []
        elif len(args) == 3 and command in "Aa":
            return False
    return True


def parse_path(text: str, strict: bool = False) -> list[tuple[str, list[float]]]:
    """Path data -> [(command, arguments)], keeping every complete segment and nothing malformed.

    Repeated arguments after a command are split into separate segments; arc flags may be written without
    separators (`a1 1 0 011 1`); a path must start with a move, so anything before the first M/m is dropped.
    With `strict` (dataset_build's exact geometry), malformed data raises ValueError instead of being skipped,
    numbers are taken as written (not clamped to MAX_ABS) and the first command may be any command.
    """
    if not strict:
        if "a" not in text and "A" not in text:
            simple = _parse_simple_path(text)
            if simple is not None:
                return simple
        quick = _parse_path_quickly(text)
        if quick is not None:
            return quick
    segments: list[tuple[str, list[float]]] = []
    command, arity, args = "", 0, []
    waiting = False  # strict: a command letter that has not yet had its numbers
    position, length = 0, len(text)
    while position < length:
        if command in ("a", "A") and len(args) in (3, 4):  # a flag: one character 0 or 1
            while position < length and text[position] in " \t\r\n,":
                position += 1
            if position < length and text[position] in "01":
                args.append(float(text[position]))
                position += 1
                continue
            if position >= length:
                break
        match = _PATH_TOKEN.match(text, position)
        position = match.end()
        letter, number = match.group(1), match.group(2)
        if letter:
            if strict and (args or waiting):
                raise ValueError(f"path command {command} lacks numbers: {text[:60]!r}")
            command, arity, args = letter, PATH_ARITY[letter.lower()], []
            waiting = arity > 0
            if not strict and not segments and command not in "Mm":
                command = ""  # no segment before the first move
            elif arity == 0:
                segments.append((command, []))
        elif number is not None and command and arity:
            value = float(number) if strict else parse_number(number)
            if value is None:
                command = ""  # a non-finite number poisons the rest of this command
                continue
            args.append(value)
            if len(args) == arity:
                segments.append((command, args))
                waiting = False
                # implicit repetition: further pairs after a move are lines
                command = {"M": "L", "m": "l"}.get(command, command)
                args = []
        elif strict and number is not None:
            raise ValueError(f"path data must start with a command: {text[:60]!r}")
        elif match.group(4) is not None:
            if strict:
                raise ValueError(f"unreadable path data near {text[position - 1:position + 19]!r}")
            command, args = "", []  # garbage: skip until the next command letter
    if strict and (args or waiting):
        raise ValueError(f"path command {command} lacks numbers: {text[:60]!r}")
    return segments


def format_path(segments: list[tuple[str, list[float]]], decimals: int) -> str:
    """Write segments compactly: `M1 2L3-4` (a minus sign is its own separator)."""
    numbers = fmt_all(itertools.chain.from_iterable(args for _, args in segments), decimals)
    out: list[str] = []
    previous = ""
    position = 0
    for command, args in segments:
        text = " ".join(numbers[position : position + len(args)])
        position += len(args)
        # the same command repeated may omit its letter
        out.append(" " + text if command == previous and command not in "MmZz" and args else command + text)
        previous = command
    # every space is a separator written before a number: before a negative one its sign separates alone
    return "".join(out).replace(" -", "-")


def clean_path(text: str, decimals: int) -> str | None:
    """Sanitised, rounded path data, or None when no drawable segment is left."""
    segments = parse_path(text)
    if not any(command not in "MmZz" for command, _ in segments):
        return None
    return format_path(segments, decimals)


def subpath_vertices(segments: list[tuple[str, list[float]]]) -> list[list[tuple[float, float]]]:
    """Absolute end point of every segment, grouped by subpath (a move starts one; control points left out)."""
    subpaths: list[list[tuple[float, float]]] = []
    x = y = start_x = start_y = 0.0
    for command, args in segments:
        kind, relative = command.lower(), command.islower()
        if kind == "z":
            x, y = start_x, start_y
            continue
        if kind == "h":
            x = x + args[0] if relative else args[0]
        elif kind == "v":
            y = y + args[0] if relative else args[0]
        else:
            x, y = (x + args[-2], y + args[-1]) if relative else (args[-2], args[-1])
        if kind == "m" or not subpaths:
            start_x, start_y = x, y
            subpaths.append([])
        subpaths[-1].append((x, y))
    return subpaths


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
