"""Just enough CSS to turn `style` attributes and `<style>` rules into SVG presentation attributes."""
from __future__ import annotations

import re

_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_AT_BLOCK = re.compile(r"@[^{;]*(?:;|\{(?:[^{}]|\{[^{}]*\})*\})", re.DOTALL)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^(\*|[A-Za-z][\w-]*)?((?:[.#][\w-]+)*)$")


def parse_declarations(text: str) -> dict[str, str]:
    """`fill: red; stroke-width:2 !important` -> {"fill": "red", "stroke-width": "2"} (later ones win)."""
    declarations: dict[str, str] = {}
    for part in _COMMENT.sub("", text).split(";"):
        name, colon, value = part.partition(":")
        name, value = name.strip().lower(), value.replace("!important", "").strip()
        if colon and name and value and re.fullmatch(r"[a-z-]+", name):
            declarations[name] = value
    return declarations


class Selector:
    """A simple selector: optional tag or `*`, then any number of `.class` and `#id` parts."""

    def __init__(self, tag: str | None, classes: tuple[str, ...], ids: tuple[str, ...]):
        self.tag, self.classes, self.ids = tag, classes, ids
        self.specificity = (len(ids), len(classes), 0 if tag in (None, "*") else 1)

    def matches(self, tag: str, class_names: set[str], element_id: str) -> bool:
        """True when an element with this tag, classes and id is selected."""
        if self.tag not in (None, "*") and self.tag.lower() != tag.lower():
            return False
        if any(name not in class_names for name in self.classes):
            return False
        return all(name == element_id for name in self.ids)


def parse_stylesheet(text: str) -> list[tuple[Selector, dict[str, str]]]:
    """Rules with simple selectors, in document order; combinators, pseudo-classes and at-rules are skipped."""
    text = _AT_BLOCK.sub("", _COMMENT.sub("", text))
    rules: list[tuple[Selector, dict[str, str]]] = []
    for selectors, body in _RULE.findall(text):
        declarations = parse_declarations(body)
        if not declarations:
            continue
        for raw in selectors.split(","):
            match = _SIMPLE_SELECTOR.match(raw.strip())
            if not match or not raw.strip():
                continue
            parts = re.findall(r"[.#][\w-]+", match.group(2) or "")
            rules.append((Selector(match.group(1), tuple(p[1:] for p in parts if p[0] == "."),
                                   tuple(p[1:] for p in parts if p[0] == "#")), declarations))
    return rules


def cascade(rules: list[tuple[Selector, dict[str, str]]], tag: str, class_names: set[str],
            element_id: str) -> dict[str, str]:
    """Declarations that apply to one element: by specificity, then document order."""
    matched = [(selector.specificity, order, declarations)
               for order, (selector, declarations) in enumerate(rules)
               if selector.matches(tag, class_names, element_id)]
    result: dict[str, str] = {}
    for _, _, declarations in sorted(matched, key=lambda item: (item[0], item[1])):
        result.update(declarations)
    return result
