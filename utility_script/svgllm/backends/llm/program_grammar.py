"""The scene-program grammar for constrained decoding: which text can still become a valid program.

The program language (`svgllm.backends.composer.program`) is finite and regular, so one regular expression
describes it, built from the shipped vocabularies; a prefix is viable when the `regex` module's partial match
accepts it. `ProgramGrammar` offers what `constrained.SvgConstraintProcessor` asks of a grammar (`initial`,
`feed`, `closing`, `close_cost`, states with a `mode` that is `DONE` once the program is complete), so the same
processor keeps every generated program parseable. The grammar is written independently of `from_program`'s
reader; the tests check that the two accept exactly the same texts.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

from .grammar import DONE

PARTIAL = "partial"  # a viable prefix that is not yet a complete program
# characters tried, in order, when completing a program: end the line, then the word "end", then fillers
_FILL_ORDER = "\nend0123456789abcdefghijklmnopqrstuvwxyz#-_ "
_MAX_PROGRAM_CHARS = 4096  # no program of the language is longer (3 subject lines of ~100 characters, ...)


class ProgramState(NamedTuple):
    """The text so far and whether it is a complete program (`mode` is `DONE`) or only a viable prefix."""

    mode: str
    text: str = ""


def _alternatives(names) -> str:
    import regex

    return "(?:" + "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"


def _ordered(names) -> str:
    """One or more of `names`, distinct, in the given order, separated by single spaces."""
    names = list(names)
    options = []
    for i, first in enumerate(names):
        rest = "".join(f"(?: {n})?" for n in names[i + 1:])
        options.append(first + rest)
    return "(?:" + "|".join(options) + ")"


@functools.lru_cache(maxsize=1)
def program_pattern() -> str:
    """The regular expression of complete programs (cached: it is built from ~1,000 motif names)."""
    from ..composer import program as p

    v = p.vocabulary()
    colour = "#[0-9a-f]{6}"
    count = f"x(?:[2-9]|1[0-{p.MAX_COUNT - 10}])"
    materials, patterns = _alternatives(v.materials), _alternatives(v.patterns)
    subject = "(?:" + "|".join(
        f"{kind} {_alternatives(v.names(kind))}" for kind in p.KINDS
    ) + f")(?: {colour}){{0,{p.MAX_COLOURS}}}(?: {materials})?(?: {patterns})?(?: {count})?\n"
    scene = (
        f"(?:setting {_alternatives(v.settings)}(?: {colour})?\n)?"
        f"(?:cover {_alternatives(v.covers)}\n)?"
        f"(?:time {_alternatives(v.times)}\n)?"
        f"(?:weather {_ordered(v.weather)}\n)?"
        f"(?:celestial {_ordered(v.celestial)}\n)?"
        f"(?:sky {colour}\n)?"
        f"(?:background {colour}\n)?"
        f"(?:arrangement {_alternatives(v.arrangements)}\n)?"
    )
    # relation indices are checked against the number of subjects by `relations_fit` (a regular expression
    # that counted subjects would repeat the ~1,000-name subject line once per branch)
    indices = "[0-" + str(p.MAX_SUBJECTS - 1) + "]"
    relation = f"relation {indices} {_alternatives(v.relations)} (?:{indices}|{p.SETTING_TARGET})\n"
    return f"(?:{subject}){{0,{p.MAX_SUBJECTS}}}{scene}(?:{relation}){{0,{p.MAX_RELATIONS}}}{p.END}"


@functools.lru_cache(maxsize=1)
def _word_parts() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """(words, prefixes, suffixes, substrings) of every word a program can spell: the runs of letters, digits, "-" and
    "_" in the program pattern (keywords, vocabulary names, and a few harmless fragments of regex syntax)."""
    import regex

    words = frozenset(regex.findall(r"[a-z0-9_-]+", program_pattern().replace("\\", "")))
    prefixes = frozenset(w[:i] for w in words for i in range(1, len(w) + 1))
    suffixes = frozenset(w[i:] for w in words for i in range(len(w)))
    substrings = frozenset(w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1))
    return words, prefixes, suffixes, substrings


def _number_like(segment: str) -> bool:
    """A piece of a colour ("#1a2b3c"), a count ("x12") or a relation index ("2")."""
    body = segment[1:] if segment[:1] in ("#", "x") else segment
    return all(c in "0123456789abcdef" for c in body) and (segment[:1] != "x" or body.isdigit())


def piece_can_occur(piece: str) -> bool:
    """False when no program of the language contains `piece` as a substring (a quick test that never says False
    for a piece that can occur: each space/newline-separated part must be part of a word the programs spell, or of
    a colour, count or index; the first part may end a word, the last begin one, a lone part lie inside one)."""
    if not piece:
        return False
    words, prefixes, suffixes, substrings = _word_parts()
    parts = piece.replace("\n", " ").split(" ")  # the language's only separators
    for index, part in enumerate(parts):
        if not part or _number_like(part):
            continue
        first, last = index == 0, index == len(parts) - 1
        known = substrings if first and last else suffixes if first else prefixes if last else words
        if part not in known:
            return False
    return True


def relations_fit(text: str) -> bool:
    """True when every relation line (complete or being written) names existing, different subjects."""
    from ..composer.program import KINDS

    lines = text.split("\n")
    subjects = sum(1 for line in lines[:-1] if line.split(" ", 1)[0] in KINDS)
    for line in lines:
        words = line.split(" ")
        if not subjects and line and "relation".startswith(words[0]):
            return False  # no subject to relate: the line could never be completed
        if words[0] != "relation":
            continue
        first = words[1] if len(words) > 1 else ""
        last = words[3] if len(words) > 3 else ""
        if first.isdigit() and int(first) >= subjects:
            return False
        if last.isdigit() and (int(last) >= subjects or last == first):
            return False
    return True


class ProgramGrammar:
    """Prefix language of scene programs, with the interface the constrained decoder uses."""

    def __init__(self):
        import regex  # ships with transformers; supports partial (prefix) matching

        self._pattern = regex.compile(program_pattern())
        self._closing_cache: dict = {}

    def initial(self) -> ProgramState:
        """The state before the first character."""
        return ProgramState(PARTIAL, "")

    def _state(self, text: str) -> ProgramState | None:
        if "r" in text and not relations_fit(text):
            return None
        if self._pattern.fullmatch(text) is not None:
            return ProgramState(DONE, text)
        if self._pattern.fullmatch(text, partial=True) is not None:
            return ProgramState(PARTIAL, text)
        return None

    def feed(self, state: ProgramState | None, text: str) -> ProgramState | None:
        """The state after `text`; None as soon as it leaves the language (nothing may follow a complete one)."""
        if state is None or (state.mode == DONE and text):
            return None
        return self._state(state.text + text) if text else state

    def step(self, state: ProgramState, ch: str) -> ProgramState | None:
        """The state after one character."""
        return self.feed(state, ch)

    def accepts(self, text: str) -> bool:
        """True when `text` is a complete program."""
        state = self._state(text)
        return state is not None and state.mode == DONE

    def closing(self, state: ProgramState) -> str:
        """A short suffix that completes the program: greedy, ending lines as soon as the language allows,
        so a cut-off program keeps what it had and ends with `end`."""
        cached = self._closing_cache.get(state.text)
        if cached is not None:
            return cached
        text = state.text
        while not self.accepts(text):
            for ch in _FILL_ORDER:
                grown = self._state(text + ch)
                if grown is not None:
                    text += ch
                    break
            else:
                raise RuntimeError(f"no completion found for {state.text!r}")
            if len(text) > _MAX_PROGRAM_CHARS:
                raise RuntimeError(f"no completion found for {state.text!r}")
        if len(self._closing_cache) > 10_000:
            self._closing_cache.clear()
        self._closing_cache[state.text] = text[len(state.text):]
        return self._closing_cache[state.text]

    def close_cost(self, state: ProgramState) -> int:
        """An upper bound of len(closing(state)): the rest of the longest line, a newline and `end`."""
        return 0 if state.mode == DONE else 128
