"""Just enough CSS to turn `style` attributes and `<style>` rules into SVG presentation attributes.

Tokenising and rule/declaration parsing are tinycss2's (the CSS parser cairosvg itself uses, so the sanitiser
reads a stylesheet the way the renderer would). Selectors stay deliberately simple: a tag or `*`, then `.class`
and `#id` parts; a selector with combinators, pseudo-classes or attribute tests is skipped, since the cascade
here sees one element at a time, never its place in the tree. cssselect2 would match more than that, so it is
not used.
"""
from __future__ import annotations

import re

_PROPERTY_NAME = re.compile(r"[a-z-]+")


def declarations_in(tokens) -> dict[str, str]:
    """Declarations of a parsed block's content, later ones winning; `!important` is dropped, not honoured."""
    import tinycss2  # imported on use: `import svgllm` stays light

    declarations: dict[str, str] = {}
    for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
        if item.type != "declaration" or not _PROPERTY_NAME.fullmatch(item.lower_name):
            continue
        value = tinycss2.serialize(token for token in item.value if token.type != "comment").strip()
        if value:
            declarations[item.lower_name] = value
    return declarations


# Declarations simple enough to read without tinycss2 (a tenth of its time): a name of letters and hyphens, a
# value of hash, word and number tokens separated by spaces, nothing tinycss2 reads or writes in a special way
# (no escape, comment, string, bracket, `!`, sign, lone point, unit opening with `e` (written escaped), or token
# pair it writes apart with a comment). For such text its declarations, values and order are tinycss2's (tested
# on random text).
_SPACE = "[ \t\n]*"
_TOKEN = r"(?:#[0-9a-zA-Z]+|[a-zA-Z][a-zA-Z-]*|-?(?:\d+(?:\.\d+)?|\.\d+)(?:%|[a-df-zA-DF-Z][a-zA-Z]*)?)"
_DECLARATION = f"{_SPACE}([a-zA-Z][a-zA-Z-]*){_SPACE}:{_SPACE}({_TOKEN}(?: +{_TOKEN})*){_SPACE}"
_SIMPLE = re.compile(f"(?:{_DECLARATION};)*(?:{_DECLARATION})?{_SPACE}")
_SIMPLE_PART = re.compile(_DECLARATION)


def parse_declarations(text: str) -> dict[str, str]:
    """`fill: red; stroke-width:2 !important` -> {"fill": "red", "stroke-width": "2"} (later ones win)."""
    if _SIMPLE.fullmatch(text):
        declarations: dict[str, str] = {}
        for part in text.split(";"):
            match = _SIMPLE_PART.fullmatch(part)
            if match:  # an empty part (`;;`, a last `;`) declares nothing
                declarations[match.group(1).lower()] = match.group(2)
        return declarations
    return declarations_in(text)


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


def _simple_selector(tokens) -> Selector | None:
    """The Selector spelled by one comma-separated part of a rule's prelude, or None when it is not simple."""
    tokens = list(tokens)
    while tokens and tokens[0].type == "whitespace":
        tokens.pop(0)
    while tokens and tokens[-1].type == "whitespace":
        tokens.pop()
    if not tokens:
        return None
    tag = None
    if tokens[0].type == "ident" or (tokens[0].type == "literal" and tokens[0].value == "*"):
        tag = tokens.pop(0).value
    classes, ids = [], []
    while tokens:
        token = tokens.pop(0)
        if token.type == "hash" and token.is_identifier:
            ids.append(token.value)
        elif token.type == "literal" and token.value == "." and tokens and tokens[0].type == "ident":
            classes.append(tokens.pop(0).value)
        else:
            return None  # a combinator, pseudo-class, attribute test or anything stranger
    return Selector(tag, tuple(classes), tuple(ids))


def parse_stylesheet(text: str) -> list[tuple[Selector, dict[str, str]]]:
    """Rules with simple selectors, in document order; combinators, pseudo-classes and at-rules are skipped."""
    import tinycss2

    rules: list[tuple[Selector, dict[str, str]]] = []
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue  # at-rules (@media, @import, @font-face...) and parse errors
        declarations = declarations_in(rule.content)
        if not declarations:
            continue
        part: list = []
        for token in [*rule.prelude, None]:
            if token is None or (token.type == "literal" and token.value == ","):
                selector = _simple_selector(part)
                if selector is not None:
                    rules.append((selector, declarations))
                part = []
            elif token.type != "comment":
                part.append(token)
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
