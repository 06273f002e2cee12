"""A forgiving SVG reader and a compact writer.

The reader is built on the standard library's HTML tokenizer because it never gives up: it accepts upper-case
tags, unquoted attributes, truncated input and stray text, which an XML parser rejects outright. Names come back
lower-cased, so they are mapped back to SVG's camelCase spellings (`viewBox`, `linearGradient`) from the allowlist.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..rules import load_rules

MAX_DEPTH = 48  # deeper elements are dropped: real drawings nest a few levels, hostile input thousands
MAX_ELEMENTS = 10_000  # a 10 kB SVG holds far fewer; bounds the work on hostile input
_FEED_CHUNK = 262_144  # characters fed to the tokenizer at a time, so reading stops soon after MAX_ELEMENTS
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Characters XML 1.0 forbids anywhere in a document (a parser rejects the whole SVG for one of them). They are
# removed as the text is read, so every later check sees exactly the characters that will be written out
# (`da\x00ta:` must be caught as `data:`).
_INVALID_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"  # a regex class body
XML_INVALID = re.compile(f"[{_INVALID_CHARS}]")

# camelCase SVG names that are not in the allowlist but must be recognised to be removed (or unwrapped) cleanly.
_OTHER_CAMEL_NAMES = (
    "clipPath", "foreignObject", "textPath", "animateTransform", "animateMotion", "feGaussianBlur",
    "feTurbulence", "feColorMatrix", "feImage", "feComposite", "feMerge", "feMergeNode", "feMorphology",
    "feDisplacementMap", "feDropShadow", "feComponentTransfer", "feConvolveMatrix", "feSpecularLighting",
    "feDiffuseLighting", "feTile", "clipPathUnits", "maskUnits", "maskContentUnits", "textLength",
)


@dataclass(slots=True)
class Node:
    """One element: canonical tag name, attributes in document order, children, raw text (kept for <style>)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def iter(self):
        """This node and every descendant, depth first, document order (iterative: deep trees are fine)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def walk_with_parents(self, ancestors: tuple[Node, ...] = ()):
        """Yield (node, ancestors) pairs, depth first."""
        stack = [(self, ancestors)]
        while stack:
            node, parents = stack.pop()
            yield node, parents
            inner = parents + (node,)
            stack.extend((child, inner) for child in reversed(node.children))


@functools.lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    rules = load_rules()
    names: set[str] = set(rules.elements) | set(rules.common) | set(_OTHER_CAMEL_NAMES)
    for attributes in rules.elements.values():
        names |= set(attributes)
    return {name.lower(): name for name in names}


def canonical(name: str) -> str:
    """Map a lower-cased name back to its SVG spelling; unknown names stay lower-case."""
    return _canonical_names().get(name.lower(), name.lower())


# A fast reader for plain, well-formed markup, making the handler calls html.parser makes for it. html.parser is
# pure Python and was a third of sanitising a 50 kB drawing, and most input is plain: tags with quoted
# attributes, end tags, text, no entity or character reference, no comment or declaration (the text passes
# removed those). For such text a few regexes find the same tokens in C; anything outside that subset (an `&`, a
# bare `<`, an unquoted or valueless attribute, a `>` inside a value, odd whitespace, raw-text content with a `<`
# in it...) is left to html.parser. The subset is small on purpose: every Python version's html.parser reads it
# alike (3.13 and later changed how script, style, title and textarea content and unusual tags are read, never
# plain tags like these).
_SPACE = "[ \t\n\r]"  # whitespace every html.parser version skips inside tags (\f and Unicode spaces: fallback)
_NAME = "[a-zA-Z][-a-zA-Z0-9:_.]*"  # a tag name html.parser reads whole (and lower-cases)
_ATTRIBUTE_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
# name="value" or name='value': no `&` (a character reference to unescape) and no `<` or `>` in the value
_ATTRIBUTE = re.compile(f"{_SPACE}+({_ATTRIBUTE_NAME}){_SPACE}*={_SPACE}*(?:\"([^\"<>&]*)\"|'([^'<>&]*)')")
_ANY_ATTRIBUTE = f"{_SPACE}+{_ATTRIBUTE_NAME}{_SPACE}*={_SPACE}*(?:\"[^\"<>&]*\"|'[^'<>&]*')"  # the same, no groups
# One token: text, a start tag (its attributes as one group, read again by _ATTRIBUTE), an end tag, or any other
# character (which makes the text not plain). With that last choice every position starts a token, so findall
# reads the text whole, token after token.
_TOKEN = re.compile(f"([^<&]+)|<({_NAME})((?:{_ANY_ATTRIBUTE})*){_SPACE}*(/?)>|</({_NAME}){_SPACE}*>|(.)", re.DOTALL)
# Elements whose content some html.parser version reads as raw text: theirs must be plain text (no `<`, no `&`)
# followed at once by their own end tag, and they may not be self-closing, or the reading is left to html.parser.
_RAW_TEXT_ELEMENTS = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea",
                               "title", "plaintext"})


def feed_plain(text: str, handler) -> bool:
    """Make on `handler` the calls html.parser would make for `text` (`handle_starttag(tag, attributes)`,
    `handle_startendtag`, `handle_endtag(tag)`, `handle_data(text)`, names lower-cased as html.parser gives
    them) and return True; or return False, having made some of them, when `text` is not plain markup (the
    caller then starts again with html.parser and a fresh handler)."""
    raw_text_open = ""  # the raw-text element whose end tag must come next
    for data, start, attributes, self_closing, end, other in _TOKEN.findall(text):
        if other:  # a character no token takes (`&`, a stray `<`)
            return False
        if data:
            handler.handle_data(data)
        elif end:
            end = end.lower()
            if raw_text_open and end != raw_text_open:
                return False
            raw_text_open = ""
            handler.handle_endtag(end)
        else:
            if raw_text_open:  # a tag inside raw text is text there
                return False
            start = start.lower()
            if start in _RAW_TEXT_ELEMENTS:
                if self_closing or start == "plaintext":  # plaintext: all that follows is text, end tags too
                    return False
                raw_text_open = start
            pairs = [(name.lower(), double or single) for name, double, single in _ATTRIBUTE.findall(attributes)]
            (handler.handle_startendtag if self_closing else handler.handle_starttag)(start, pairs)
    return not raw_text_open


class _TreeBuilder(HTMLParser):
    """Builds a `Node` tree under a synthetic root; tolerant of anything."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]
        self.skipped_depth = 0  # open elements ignored because they are too deep
        self.count = 0
        self.values_are_valid = False  # True when the text has no XML-invalid character: nothing to remove
        self.names = _canonical_names()

    def updatepos(self, i, j):
        # the tokenizer counts lines and columns for error messages only; nothing here reads them
        return j

    def _make(self, tag: str, attrs) -> Node | None:
        if self.count >= MAX_ELEMENTS or len(self.stack) > MAX_DEPTH:
            return None
        self.count += 1
        names = self.names
        clean: dict[str, str] = {}
        for raw_name, value in attrs:
            # the tokenizer lower-cases names, so most are found as they come (a table key is lower-case)
            name = names.get(raw_name)
            if name is None:
                if not raw_name:
                    continue
                name = canonical(raw_name)
            if name not in clean:  # first occurrence wins, like an XML parser would insist on
                if value is None:  # a name without a value
                    value = ""
                elif not self.values_are_valid:
                    value = XML_INVALID.sub("", value)
                clean[name] = value
        node = Node(names.get(tag) or canonical(tag), clean, [])
        self.stack[-1].children.append(node)
        return node

    def handle_starttag(self, tag, attrs):
        if self.skipped_depth:
            self.skipped_depth += 1
            return
        node = self._make(tag, attrs)
        if node is None:
            self.skipped_depth = 1
        else:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        if not self.skipped_depth:
            self._make(tag, attrs)

    def handle_endtag(self, tag):
        if self.skipped_depth:
            self.skipped_depth -= 1
            return
        name = self.names.get(tag) or canonical(tag)
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == name:
                del self.stack[depth:]
                return
        # an end tag with no open element of that name is ignored

    def handle_data(self, data):
        if not self.skipped_depth and self.stack[-1].tag == "style":
            self.stack[-1].text += XML_INVALID.sub("", data)


def parse(text: str) -> Node:
    """Parse `text` into a synthetic `#document` node; never raises."""
    builder = _TreeBuilder()
    # Plain markup (most drawings) is read by regexes, with the handler calls html.parser would make; only
    # text that one feed reads (feeding in chunks, below, stops early) and with no XML-invalid character (so
    # no value needs cleaning).
    if len(text) <= _FEED_CHUNK and not XML_INVALID.search(text):
        builder.values_are_valid = True
        if feed_plain(text, builder):
            return builder.root
        builder = _TreeBuilder()
    try:
        for start in range(0, len(text), _FEED_CHUNK):
            if builder.count >= MAX_ELEMENTS:  # the rest would be tokenised only to be ignored
                break
            builder.feed(text[start : start + _FEED_CHUNK])
        builder.close()
    except Exception:  # noqa: BLE001 - the tokenizer's rare complaints only cost the rest of the input
        pass
    return builder.root


_NEEDS_ESCAPE = re.compile(f'[&<>"\n\r\t{_INVALID_CHARS}]')


def _escape(value: str) -> str:
    if not _NEEDS_ESCAPE.search(value):  # the common case: nothing to change
        return value
    value = XML_INVALID.sub("", value)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", " ").replace("\r", " ").replace("\t", " "))


_SPECIAL = re.compile(f"[&<>\n\r\t{_INVALID_CHARS}]")  # what _NEEDS_ESCAPE finds but '"'


def _attributes(attrs: dict[str, str]) -> str:
    text = "".join([f' {name}="{value}"' for name, value in attrs.items()])
    # the common case, checked on the whole text at once: no value holds anything to escape (the only quotes
    # are the two around each value)
    if text.count('"') == 2 * len(attrs) and not _SPECIAL.search(text):
        return text
    return "".join(f' {name}="{_escape(value)}"' for name, value in attrs.items())


def attribute_size(name: str, value: str) -> int:
    """UTF-8 bytes that one attribute takes in `serialize`'s output."""
    return len(f' {name}="{_escape(value)}"'.encode())


def serialize(node: Node) -> str:
    """Write `node` as compact XML (self-closing empty elements, double-quoted escaped attributes)."""
    if not node.children and node.tag != "#document":  # a single shape: what the byte budget measures most
        return f"<{node.tag}{_attributes(node.attrs)}/>"
    out: list[str] = []
    # explicit stack instead of recursion: trees can be deep
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        current, closing = stack.pop()
        if closing:
            out.append(f"</{current.tag}>")
            continue
        if current.tag == "#document":
            stack.extend((child, False) for child in reversed(current.children))
            continue
        attrs = _attributes(current.attrs)
        if current.children:
            out.append(f"<{current.tag}{attrs}>")
            stack.append((current, True))
            stack.extend((child, False) for child in reversed(current.children))
        else:
            out.append(f"<{current.tag}{attrs}/>")
    return "".join(out)
