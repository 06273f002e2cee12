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


@dataclass
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


class _TreeBuilder(HTMLParser):
    """Builds a `Node` tree under a synthetic root; tolerant of anything."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]
        self.skipped_depth = 0  # open elements ignored because they are too deep
        self.count = 0

    def updatepos(self, i, j):
        # the tokenizer counts lines and columns for error messages only; nothing here reads them
        return j

    def _make(self, tag: str, attrs) -> Node | None:
        if self.count >= MAX_ELEMENTS or len(self.stack) > MAX_DEPTH:
            return None
        self.count += 1
        names = _canonical_names()
        clean: dict[str, str] = {}
        for raw_name, value in attrs:
            # the tokenizer lower-cases names, so most are found as they come (a table key is lower-case)
            name = names.get(raw_name) or canonical(raw_name) if raw_name else ""
            if name and name not in clean:  # first occurrence wins, like an XML parser would insist on
                clean[name] = "" if value is None else XML_INVALID.sub("", value)
        node = Node(names.get(tag) or canonical(tag), clean)
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
        name = _canonical_names().get(tag) or canonical(tag)
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
