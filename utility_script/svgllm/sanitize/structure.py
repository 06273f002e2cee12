"""Tree passes that decide which elements and attributes stay: root, styles, allowlist."""
from __future__ import annotations

import re

from ..rules import load_rules
from ..values import CANVAS_SIZE
from .css import cascade, parse_declarations, parse_stylesheet
from .tree import SVG_NAMESPACE, Node

# Wrappers whose content is still drawing: the wrapper goes, its children stay.
UNWRAP = frozenset({"a", "switch", "html", "body", "div", "span", "p", "main", "section", "figure", "center",
                    "article", "picture"})
_URL_VALUE = re.compile(r"^\s*url\(\s*['\"]?#([\w.:-]+)['\"]?\s*\)\s*(.*)$", re.IGNORECASE)
_URL_OPEN = re.compile(r"url\s*\(", re.IGNORECASE)
_MAY_BE_UNSAFE = re.compile(r"[:;\\(]")  # what every value `value_is_safe` refuses (but an href) contains
_ROOT_SIZE = str(CANVAS_SIZE)


def select_root(doc: Node) -> Node:
    """Make the document exactly one <svg> root: the first <svg> found, or a new one around the content."""
    for node in doc.iter():
        if node.tag == "svg" and node is not doc:
            return Node("#document", children=[node])
    return Node("#document", children=[Node("svg", children=list(doc.children))])


def inline_styles(doc: Node) -> Node:
    """Turn `<style>` rules and `style` attributes into presentation attributes, then drop both and `class`.

    Precedence follows CSS: presentation attribute < stylesheet rule (by specificity) < style attribute.
    Only properties the allowlist knows survive (later passes check each element's list).
    """
    nodes = list(doc.iter())  # walked twice: the stylesheet is read whole before any element takes from it
    rules_text = "".join([node.text for node in nodes if node.tag == "style"])
    stylesheet = parse_stylesheet(rules_text) if rules_text.strip() else []
    allowed = load_rules().common
    # the allowlisted declarations of the stylesheet for each (tag, classes, id): many elements share them
    cascaded: dict[tuple[str, str, str], dict[str, str]] = {}
    for node in nodes:
        attrs = node.attrs
        if not stylesheet and "style" not in attrs:  # most elements without a stylesheet: only `class` goes
            attrs.pop("class", None)
            continue
        declared: dict[str, str] = {}
        if stylesheet:
            key = (node.tag, attrs.get("class", ""), attrs.get("id", ""))
            declared = cascaded.get(key)
            if declared is None:
                rules = cascade(stylesheet, key[0], set(key[1].split()), key[2])
                declared = cascaded[key] = {name: value for name, value in rules.items() if name in allowed}
        if "style" in attrs:
            inline = parse_declarations(attrs["style"])
            declared = {**declared, **{name: value for name, value in inline.items() if name in allowed}}
        attrs.update(declared)
        attrs.pop("style", None)
        attrs.pop("class", None)
    return doc


def remove_forbidden_elements(doc: Node) -> Node:
    """Drop elements the allowlist forbids (text, image, script, clipPath, animation...) with their content;
    unwrap link and HTML wrappers so the drawing inside them stays."""
    rules = load_rules()

    def keep(children: list[Node]) -> list[Node]:
        kept: list[Node] = []
        for child in children:
            if rules.allows_element(child.tag):
                kept.append(child)
            elif child.tag in UNWRAP:
                kept.extend(keep(child.children))
        return kept

    # iterative over the tree: each node's children are filtered once
    stack = [doc]
    while stack:
        node = stack.pop()
        node.children = keep(node.children)
        stack.extend(node.children)
    return doc


def value_is_safe(name: str, value: str) -> bool:
    """True when `value` embeds no data and refers to nothing outside the document.

    A `url(...)` must be the value's only one and point at a local `#id` (`url(#a) url(http://x)` and
    `url(#a)url(file:...)` are refused whole); backslashes (CSS escapes that could spell `url` or `data`) too.
    """
    lowered = value.lower()
    if "data:" in lowered or ";base64" in lowered or "\\" in value:
        return False
    if name == "href":
        return value.startswith("#")
    urls = len(_URL_OPEN.findall(value)) if "(" in value else 0  # no bracket, no url(
    if urls:
        return urls == 1 and bool(_URL_VALUE.match(value))  # only same-document references, never fetched
    return True


def remove_forbidden_attributes(doc: Node) -> Node:
    """Keep allowlisted attributes only (namespace prefixes stripped: `xlink:href` becomes `href`); drop event
    handlers, namespace declarations, embedded data, external hrefs and non-local `url(...)` values."""
    rules = load_rules()
    allowed_on: dict[str, frozenset[str]] = {}  # tag -> the names `rules.allows_attribute` allows there
    for node in doc.iter():
        if node.tag == "#document":
            continue
        allowed = allowed_on.get(node.tag)
        if allowed is None:
            allowed = allowed_on[node.tag] = rules.common | rules.elements.get(node.tag, frozenset())
        kept: dict[str, str] = {}
        for raw_name, value in node.attrs.items():
            if ":" in raw_name:
                if raw_name.startswith("xmlns:"):
                    continue
                name = raw_name.rsplit(":", 1)[-1]
            elif raw_name == "xmlns":
                continue
            else:
                name = raw_name
            if name in kept or name not in allowed:
                continue
            value = value.strip()
            # a value with none of `:;\(` holds no `data:`, `;base64`, escape or `url(`: safe but for an href
            if (name != "href" and not _MAY_BE_UNSAFE.search(value)) or value_is_safe(name, value):
                kept[name] = value
            elif name != "href" and (local := url_target(value)) and value_is_safe(name, f"url(#{local[0]})"):
                kept[name] = f"url(#{local[0]})"  # `url(#a) url(http://x)`: the local reference alone survives
        node.attrs = kept
    return doc


def _view_box(attrs: dict[str, str]) -> tuple[float, float, float, float] | None:
    from ..values import numbers_in, parse_number

    values = numbers_in(attrs.get("viewBox", ""))
    if values and len(values) == 4 and values[2] > 0 and values[3] > 0:
        return tuple(values)  # type: ignore[return-value]
    width = parse_number(re.sub(r"(px)?\s*$", "", attrs.get("width", "")))
    height = parse_number(re.sub(r"(px)?\s*$", "", attrs.get("height", "")))
    if width and height and width > 0 and height > 0:
        return (0.0, 0.0, width, height)
    return None


def normalize_root(doc: Node) -> Node:
    """Give the root the namespace, a valid viewBox and the metric's 384x384 size.

    The metric stretches any render to 384x384, so a non-square viewBox is stretched the same way here
    (`preserveAspectRatio="none"`) instead of leaving unpainted (black) margins.
    """
    from ..values import fmt

    root = doc.children[0]
    box = _view_box(root.attrs) or (0.0, 0.0, float(CANVAS_SIZE), float(CANVAS_SIZE))
    attrs = {"xmlns": SVG_NAMESPACE, "width": _ROOT_SIZE, "height": _ROOT_SIZE,
             "viewBox": " ".join(fmt(v, 3) for v in box)}
    if abs(box[2] - box[3]) > 1e-6 * max(box[2], box[3]):
        attrs["preserveAspectRatio"] = "none"
    for name, value in root.attrs.items():
        if name not in ("width", "height", "viewBox", "preserveAspectRatio", "xmlns"):
            attrs[name] = value
    root.attrs = attrs
    return doc


def root_view_box(doc: Node) -> tuple[float, float, float, float]:
    """The viewBox of a normalised root."""
    return _view_box(doc.children[0].attrs) or (0.0, 0.0, float(CANVAS_SIZE), float(CANVAS_SIZE))


def url_target(value: str) -> tuple[str, str] | None:
    """`url(#id) fallback` -> ("id", "fallback"); None when the value is no local reference."""
    if "(" not in value:  # most values: no regex needed to know
        return None
    match = _URL_VALUE.match(value)
    return (match.group(1), match.group(2).strip()) if match else None
