"""Path data: reading `d` attributes forgivingly (or strictly), writing them compactly, their points.

One path reader for the whole project (the sanitizer, the vectorizer, dataset_build). Numbers follow the rules
of `svgllm.values` (finite, clamped to MAX_ABS, the NUMBER pattern); most paths are read in C by splitting at
command letters, and only garbage or arc flags fall back to reading token by token or character by character.
"""
from __future__ import annotations

import itertools
import operator
import re

from .values import MAX_ABS, NUMBER, fmt_all, parse_number, plain_numbers

# numbers each path command takes (lower-case letters; upper-case ones take the same)
PATH_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}
_PATH_TOKEN = re.compile(r"([MmLlHhVvCcSsQqTtAaZz])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([\s,]+)|(.)")

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
    values = plain_numbers(chunk)
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
        values = plain_numbers(chunk)
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
    position = 0
    for command, run in itertools.groupby(segments, key=operator.itemgetter(0)):
        run = [args for _, args in run]
        if command not in "MmZz" and all(run):  # a repeated command omits its letter: one letter, all numbers
            count = sum(map(len, run))
            out.append(command + " ".join(numbers[position : position + count]))
            position += count
            continue
        # moves and closes repeat their letter, and so does a segment without numbers
        for index, args in enumerate(run):
            text = " ".join(numbers[position : position + len(args)])
            position += len(args)
            out.append(" " + text if index and args and command not in "MmZz" else command + text)
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
