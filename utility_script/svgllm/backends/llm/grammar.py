"""A character-level grammar of allowlisted SVG: which text can still become a valid document.

`SvgGrammar.step(state, ch)` returns the state after one more character, or None when no valid document starts
with the text so far. Feeding text character by character therefore answers "is this a prefix of a valid SVG?",
which is what the constrained decoder asks of every candidate token. `closing(state)` gives a short suffix that
turns the current prefix into a complete document (used when a budget runs out).

The language is a strict, compact subset of XML: elements and attributes from the competition allowlist
(`svgllm.rules.load_rules()`, optionally narrowed to a profile), double-quoted values checked by a small regular
language per attribute (numbers, number lists, path data, colours, transforms, references, keywords), no text
content, no comments or entities, no duplicate attributes, closing tags that match. Every complete document is
well-formed XML that `svgllm.rules.check` accepts.

States are immutable tuples so a candidate can be tried without copying anything.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

from ...colors import css_color_names
from ...values import ATTRIBUTE_KINDS

# Modes of the state machine.
LIT = "lit"  # inside a forced literal (the header)
TEXT = "text"  # between elements
LT = "lt"  # after "<"
OPEN = "open"  # reading a start tag's name (buf)
SPACE = "space"  # after a space inside a start tag
ATTR = "attr"  # reading an attribute name (buf)
EQ = "eq"  # after an attribute name and "=": expecting the opening quote
VALUE = "value"  # inside a quoted value (buf holds the value so far)
AFTER = "after"  # after a closing quote inside a start tag
SLASH = "slash"  # after "/" of "/>"
CLOSE = "close"  # reading a closing tag's name after "</" (buf)
DONE = "done"  # the root element is closed

CONTAINERS = frozenset({"svg", "g", "defs", "symbol", "marker", "pattern", "linearGradient", "radialGradient",
                        "filter"})
GRADIENTS = frozenset({"linearGradient", "radialGradient"})
FILTER_PRIMITIVES = frozenset({"feBlend", "feFlood", "feOffset"})
DRAWING = frozenset({"rect", "circle", "ellipse", "line", "polyline", "polygon", "path"})
# What a forced close writes when nothing was drawn yet: a neutral full-canvas background (transparent would
# render black). Coordinates assume the compact 256 grid; on a larger viewBox it simply covers less.
FILLER = '<rect width="100%" height="100%" fill="#808080"/>'
# Allowlisted but never generated: cairosvg recurses without end on a <use> with no or a circular href, and
# fails on a marker reference whose target is missing.
EXCLUDED = frozenset({"use"})
EXCLUDED_ATTRIBUTES = frozenset({"marker-start", "marker-mid", "marker-end"})
NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
WHITESPACE = " \n"
MAX_WHITESPACE_RUN = 2  # between elements; stops a model from idling on blank lines
MAX_FILL_CHARS = 64  # bound on the characters added to complete one value (the longest need about a dozen)
# Characters tried, in order, when completing a value for a forced close: short neutral fillers first.
_FILL_ORDER = " 0)#" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ123456789(.,-%"
_FINISHERS = "0)Z"  # characters that often complete a value in one step (a digit, a parenthesis, a closepath)


class State(NamedTuple):
    """Where the parser is. `stack` holds the open elements, `elem`/`used`/`attr` the tag being written."""

    mode: str
    stack: tuple = ()
    buf: str = ""
    elem: str = ""
    used: frozenset = frozenset()
    attr: str = ""
    run: int = 0  # whitespace run length in TEXT
    drawn: int = 0  # drawing elements started so far (saturates at the grammar's `min_drawn`)


def _value_patterns(decimals: int, colour_names: tuple[str, ...]) -> dict[str, str]:
    """Regular languages of attribute values, keyed by kind."""
    # [0-9], not \d: the `regex` module's \d also matches non-ASCII digits.
    frac = rf"(?:\.[0-9]{{1,{decimals}}})?" if decimals > 0 else ""
    num = rf"-?[0-9]{{1,4}}{frac}"
    pos = rf"[0-9]{{1,4}}{frac}"
    sep = "[ ,]"
    pair = f"{num}{sep}{num}"
    ident = r"[A-Za-z][A-Za-z0-9_-]{0,15}"
    names = "|".join(sorted(colour_names, key=len, reverse=True))
    colour = r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|none" + (f"|{names}" if names else "")
    path_command = (
        rf"[MmLlTt] ?{pair}(?:{sep}{pair})*|[HhVv] ?{num}(?:{sep}{num})*"
        rf"|[Cc] ?{pair}{sep}{pair}{sep}{pair}(?:{sep}{pair}{sep}{pair}{sep}{pair})*"
        rf"|[SsQq] ?{pair}{sep}{pair}(?:{sep}{pair}{sep}{pair})*"
        rf"|[Aa] ?{pos}{sep}{pos}{sep}{num}{sep}[01]{sep}[01]{sep}{pair}"
        rf"(?:{sep}{pos}{sep}{pos}{sep}{num}{sep}[01]{sep}[01]{sep}{pair})*|[Zz]"
    )
    # Each function with exactly the argument counts renderers accept (cairosvg fails on others).
    arg = f"{sep} ?{num}"
    transform_one = (
        rf"(?:translate|scale)\({num}(?:{arg})?\)|rotate\({num}(?:{arg}{arg})?\)|skew[XY]\({num}\)"
        rf"|matrix\({num}{arg}{arg}{arg}{arg}{arg}\)"
    )
    return {
        "number": num,  # plain numbers: cairosvg reads some attributes with float() (no units, no %)
        "coordinate": f"{num}%?",
        "length": f"{pos}%?",
        "positive": pos,
        "opacity": r"0(?:\.[0-9]{1,3})?|1(?:\.0{1,3})?|\.[0-9]{1,3}",
        "lengths": f"{pos}(?:{sep}{pos})*",  # dash arrays: cairo rejects negative dashes
        "viewbox": f"{num}{sep}{num}{sep}{pos}{sep}{pos}",
        "points": f"{pair}(?:{sep}{pair})*",
        "path": rf"[Mm] ?{pair}(?:{sep}{pair})*(?: ?(?:{path_command}))*",
        "paint": rf"{colour}|url\(#{ident}\)",
        "colour": colour,
        "ref": rf"url\(#{ident}\)|none",
        "href": f"#{ident}",
        "id": ident,
        "transform": f"(?:{transform_one})(?: (?:{transform_one}))*",
        "aspect": r"none|x(?:Min|Mid|Max)Y(?:Min|Mid|Max)(?: meet| slice)?",
        "word": r"[A-Za-z][A-Za-z0-9-]{0,23}",
        "offset": rf"{pos}%?",
    }


_KEYWORDS = {
    "fill-rule": "nonzero|evenodd",
    "clip-rule": "nonzero|evenodd",
    "stroke-linecap": "butt|round|square",
    "stroke-linejoin": "miter|round|bevel",
    "gradientUnits": "userSpaceOnUse|objectBoundingBox",
    "patternUnits": "userSpaceOnUse|objectBoundingBox",
    "patternContentUnits": "userSpaceOnUse|objectBoundingBox",
    "filterUnits": "userSpaceOnUse|objectBoundingBox",
    "primitiveUnits": "userSpaceOnUse|objectBoundingBox",
    "markerUnits": "strokeWidth|userSpaceOnUse",
    "spreadMethod": "pad|reflect|repeat",
    "display": "inline|block|none",
    "paint-order": "normal|fill|stroke|markers",
    "mode": "normal|multiply|screen|darken|lighten",
}


def value_kind(attribute: str) -> str:
    """The value language of `attribute` ("number", a plain number, for anything unlisted)."""
    if attribute in _KEYWORDS:
        return "kw:" + attribute
    return ATTRIBUTE_KINDS.get(attribute, "number")


@functools.lru_cache(maxsize=1)
def css_colour_names() -> tuple[str, ...]:
    """CSS named colours (lower case, alphabetical), from `svgllm.colors`."""
    return tuple(css_color_names())


class SvgGrammar:
    """The prefix language of allowlisted, compact SVG documents. Safe to share between threads (the only
    mutable part is a cache of closing suffixes, where a lost update costs nothing)."""

    def __init__(self, elements=None, attributes=None, decimals: int = 2, named_colours: bool = True,
                 header: str | None = None, min_drawn: int = 1):
        """`elements` / `attributes`: optional subsets of the allowlist (None = everything the rules allow,
        except `EXCLUDED`).

        `decimals`: digits allowed after a decimal point (0 = integers only). `header`: a literal the document
        must start with (it has to open the root `<svg>`); None means the document starts after the header,
        with `<svg>` already open. `min_drawn`: drawing elements (rect, path, ...) required before the root may
        close (0 allows an empty image).
        """
        import regex  # ships with transformers; supports partial (prefix) matching

        from ...rules import load_rules

        rules = load_rules()
        wanted = set(elements) if elements is not None else set(rules.elements) - EXCLUDED
        unknown = wanted - set(rules.elements)
        if unknown:
            raise ValueError(f"elements not on the allowlist: {sorted(unknown)}")
        self.elements = frozenset(wanted)
        keep = set(attributes) if attributes is not None else None
        self.attributes = {
            name: frozenset(a for a in (rules.common | rules.elements[name]) - EXCLUDED_ATTRIBUTES
                            if keep is None or a in keep)
            for name in self.elements
        }
        self.header = header
        self.min_drawn = int(min_drawn)
        if self.min_drawn and not {"rect", "svg"} <= self.elements:
            raise ValueError("min_drawn needs <rect> in the elements (the forced close draws one)")
        if header is not None and not header.startswith("<svg"):
            raise ValueError("the header must open the root <svg> element")
        patterns = _value_patterns(decimals, css_colour_names() if named_colours else ())
        for attribute, words in _KEYWORDS.items():
            patterns["kw:" + attribute] = words
        self._patterns = {kind: regex.compile(f"(?:{p})") for kind, p in patterns.items()}
        self._closing_cache: dict = {}  # state -> closing suffix (states are hashable tuples)

    # ----------------------------------------------------------------------------------------------- states
    def initial(self) -> State:
        """The state before the first character of the model's output."""
        if self.header is not None:
            return State(LIT, buf=self.header)
        return State(TEXT, stack=("svg",))

    def feed(self, state: State | None, text: str) -> State | None:
        """Advance over `text`; None as soon as it leaves the language."""
        for ch in text:
            if state is None:
                return None
            state = self.step(state, ch)
        return state

    def accepts(self, text: str) -> bool:
        """True when `text` is a complete document."""
        state = self.feed(self.initial(), text)
        return state is not None and state.mode == DONE

    def children(self, stack: tuple) -> frozenset:
        """Elements allowed inside the innermost open element."""
        parent = stack[-1] if stack else ""
        if parent in GRADIENTS:
            return frozenset({"stop"}) & self.elements
        allowed = self.elements - {"svg", "stop"} - FILTER_PRIMITIVES
        if parent == "filter":
            allowed = FILTER_PRIMITIVES & self.elements
        return allowed

    def step(self, s: State, ch: str) -> State | None:
        """The state after `ch`, or None when `ch` cannot follow."""
        mode = s.mode
        if mode == VALUE:
            return self._step_value(s, ch)
        if mode == TEXT:
            if ch in WHITESPACE:
                return s._replace(run=s.run + 1) if s.run < MAX_WHITESPACE_RUN else None
            return State(LT, stack=s.stack, drawn=s.drawn) if ch == "<" else None
        if mode == ATTR:
            name = s.buf + ch
            if ch == "=":
                ok = s.buf in self.attributes[s.elem] and s.buf not in s.used
                return s._replace(mode=EQ, attr=s.buf, buf="") if ok else None
            if ch in NAME_CHARS and any(a.startswith(name) for a in self.attributes[s.elem] - s.used):
                return s._replace(buf=name)
            return None
        if mode == AFTER:
            if ch == " ":
                return s._replace(mode=SPACE)
            return self._end_tag(s, ch)
        if mode == SPACE:
            if ch in NAME_CHARS and any(a.startswith(ch) for a in self.attributes[s.elem] - s.used):
                return s._replace(mode=ATTR, buf=ch)
            return self._end_tag(s, ch)
        if mode == EQ:
            return s._replace(mode=VALUE) if ch == '"' else None
        if mode == LT:
            if ch == "/":
                # The root may close only once something is drawn (an empty SVG renders black).
                closable = len(s.stack) > 1 or s.drawn >= self.min_drawn
                return State(CLOSE, stack=s.stack, drawn=s.drawn) if closable else None
            return self._step_open(State(OPEN, stack=s.stack, drawn=s.drawn), ch)
        if mode == OPEN:
            return self._step_open(s, ch)
        if mode == SLASH:
            return State(TEXT, stack=s.stack, drawn=s.drawn) if ch == ">" else None
        if mode == CLOSE:
            top = s.stack[-1]
            if s.buf == top:
                if ch != ">":
                    return None
                stack = s.stack[:-1]
                return State(DONE) if not stack else State(TEXT, stack=stack, drawn=s.drawn)
            return s._replace(buf=s.buf + ch) if top.startswith(s.buf + ch) else None
        if mode == LIT:
            if s.buf[0] != ch:
                return None
            rest = s.buf[1:]
            return s._replace(buf=rest) if rest else State(TEXT, stack=("svg",))
        return None  # DONE: nothing may follow

    def _step_open(self, s: State, ch: str) -> State | None:
        """A character of a start tag's name, or the first character after it."""
        if s.buf in self.elements and s.buf in self.children(s.stack) and ch in " />":
            drawn = min(self.min_drawn, s.drawn + (s.buf in DRAWING))
            opened = s._replace(elem=s.buf, buf="", used=frozenset(), drawn=drawn)
            return opened._replace(mode=SPACE) if ch == " " else self._end_tag(opened, ch)
        name = s.buf + ch
        if any(e.startswith(name) for e in self.children(s.stack)):
            return s._replace(buf=name)
        return None

    def _end_tag(self, s: State, ch: str) -> State | None:
        """"/" (self-closing) or ">" (opens a container) after a start tag's name or attributes."""
        if ch == "/":
            return State(SLASH, stack=s.stack, drawn=s.drawn)
        if ch == ">" and s.elem in CONTAINERS:
            return State(TEXT, stack=s.stack + (s.elem,), drawn=s.drawn)
        return None

    def _step_value(self, s: State, ch: str) -> State | None:
        """A character inside a quoted value: the closing quote only when the value is complete."""
        pattern = self._patterns[value_kind(s.attr)]
        if ch == '"':
            if pattern.fullmatch(s.buf) is None:
                return None
            return s._replace(mode=AFTER, used=s.used | {s.attr}, attr="", buf="")
        value = s.buf + ch
        if pattern.fullmatch(value, partial=True) is None:
            return None
        return s._replace(buf=value)

    # ---------------------------------------------------------------------------------------------- closing
    def closing(self, state: State) -> str:
        """A short suffix that completes the document from `state` ("" when it is already complete).

        Greedy: each step takes the first character (in a fixed order of neutral fillers) that keeps the
        document completable, preferring characters that close things. Raises RuntimeError if no completion is
        found within a generous bound, which the grammar's tests say cannot happen.
        """
        cached = self._closing_cache.get(state)
        if cached is not None:
            return cached
        if len(self._closing_cache) > 50_000:  # bounded memory over a long run
            self._closing_cache.clear()
        out: list[str] = []
        s = state
        for _ in range(4096):
            if s.mode == DONE:
                self._closing_cache[state] = "".join(out)
                return self._closing_cache[state]
            forced = self._closing_step(s)
            out.append(forced)
            s = self.feed(s, forced)
            if s is None:
                break
        raise RuntimeError(f"no completion found from {state!r}")

    def _closing_step(self, s: State) -> str:
        """The next chunk of the closing suffix."""
        mode = s.mode
        if mode == LIT:
            return s.buf
        if mode == TEXT:
            if len(s.stack) == 1 and s.drawn < self.min_drawn:
                return FILLER
            return f"</{s.stack[-1]}>"
        if mode == LT:
            if len(s.stack) == 1 and s.drawn < self.min_drawn:
                return FILLER[1:]
            return f"/{s.stack[-1]}>"
        if mode == CLOSE:
            return s.stack[-1][len(s.buf):] + ">"
        if mode in (SPACE, AFTER):
            return "/"
        if mode == SLASH:
            return ">"
        if mode == OPEN:
            if s.buf in self.elements and s.buf in self.children(s.stack):
                return "/"
            names = sorted((e for e in self.children(s.stack) if e.startswith(s.buf)), key=len)
            return names[0][len(s.buf):]
        if mode == ATTR:
            names = sorted((a for a in self.attributes[s.elem] - s.used if a.startswith(s.buf)), key=len)
            if s.buf in names:
                return "="
            return names[0][len(s.buf):]
        if mode == EQ:
            return '"'
        return self._fill_value(s)

    def _fill_value(self, s: State) -> str:
        """Characters that complete the current value and close its quote.

        Each round first tries the few characters that often finish a value in one step, then extends the
        value with the first viable filler (never two spaces in a row, which would loop on separators).
        """
        pattern = self._patterns[value_kind(s.attr)]
        value, added = s.buf, ""
        for _ in range(MAX_FILL_CHARS):
            if pattern.fullmatch(value) is not None:
                return added + '"'
            finisher = next((ch for ch in _FINISHERS if pattern.fullmatch(value + ch) is not None), None)
            if finisher is not None:
                return added + finisher + '"'
            for ch in _FILL_ORDER:
                if (ch != " " or not value.endswith(" ")) and pattern.fullmatch(value + ch, partial=True):
                    value, added = value + ch, added + ch
                    break
            else:
                break
        raise RuntimeError(f"cannot complete value {s.buf!r} of {s.attr!r}")

    def close_cost(self, state: State) -> int:
        """An upper bound of len(closing(state)) in bytes, cheap enough to evaluate for every candidate token."""
        if state.mode == DONE:
            return 0
        if state.mode == LIT:
            return len(state.buf) + len(FILLER) + len("</svg>")
        # Finishing the tag being written: longest attribute name (27) + '="' + a value filler + '"/>'.
        filler = len(FILLER) if state.drawn < self.min_drawn else 0
        return sum(len(name) + 3 for name in state.stack) + 64 + filler
