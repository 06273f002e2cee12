"""The competition's SVG rules, read from package data, and `check(svg)` that lists every violation.

Semantics follow `svg_rules.json` (shipped in `svgllm/data/`): an SVG is valid when it is a str of at most
`max_bytes` UTF-8 bytes that parses as XML with DTDs, entities and external references forbidden, and every
element and attribute (local names, namespaces stripped) is allowlisted, with no `data:` / `;base64` values and
only same-document (`#...`) hrefs. This project also refuses any `url(...)` that does not point at a local `#id`
(the rules' own "no external references", which cairosvg would otherwise fetch). `check` never raises: a parse
failure is one more violation.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_RULES_FILE = "svg_rules.json"
# Every `url(...)` in a value, with what it points at (the renderer would follow each one, not only the first).
_URL = re.compile(r"url\s*\(([^)]*)\)?", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Rules:
    """The allowlist as data: `elements` maps an element's local name to its own attributes."""

    max_bytes: int
    common: frozenset[str]
    elements: dict[str, frozenset[str]]

    def allows_element(self, name: str) -> bool:
        """True when the element's local name is allowlisted."""
        return name in self.elements

    def allows_attribute(self, element: str, attribute: str) -> bool:
        """True when `attribute` (local name) may appear on `element`."""
        return attribute in self.common or attribute in self.elements.get(element, ())


@functools.lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read the allowlist shipped as package data (cached; nothing is read at import time)."""
    raw = json.loads(resources.files("svgllm").joinpath("data", _RULES_FILE).read_text(encoding="utf-8"))
    return Rules(
        max_bytes=int(raw["max_bytes"]),
        common=frozenset(raw["common"]),
        elements={name: frozenset(attrs) for name, attrs in raw["elements"].items()},
    )


def local_name(name: str) -> str:
    """Strip an ElementTree namespace (`{uri}name`) or an XML prefix (`xlink:href`) from a name."""
    if name.startswith("{"):
        name = name.split("}", 1)[1]
    return name.rsplit(":", 1)[-1]


def external_urls(value: str) -> list[str]:
    """The targets of every `url(...)` in `value` that is not a same-document `#id` reference."""
    targets = (match.group(1).strip().strip("'\"").strip() for match in _URL.finditer(value))
    return [target for target in targets if not target.startswith("#")]


def forbidden_text(svg: str) -> str:
    """A quick scan of serialised SVG text for forbidden content (embedded data, external references).

    Returns the first problem found, or "" — a cheap backstop for writers that build the text themselves; it
    may flag text outside attributes too, which only makes it stricter than `check`.
    """
    lowered = svg.lower()
    if "data:" in lowered or ";base64" in lowered:
        return "embedded data"
    if "url" in lowered and external_urls(svg):
        return f"external url({external_urls(svg)[0][:40]!r})"
    for match in _HREF.finditer(svg):
        if not match.group(2).startswith("#"):
            return f"external href {match.group(2)[:40]!r}"
    return ""


def _parse(svg: str):
    """Parse with defusedxml, forbidding DTDs, entities and external references. Raises on failure."""
    # Imported here so `import svgllm` stays light (nothing heavy loaded at import time).
    from defusedxml import ElementTree as SafeET

    return SafeET.fromstring(svg, forbid_dtd=True, forbid_entities=True, forbid_external=True)


def check(svg: object, rules: Rules | None = None) -> tuple[str, ...]:
    """Return every rule violation of `svg` as a tuple of messages; the empty tuple means valid.

    Never raises, whatever `svg` is.
    """
    rules = rules or load_rules()
    if not isinstance(svg, str):
        return (f"not a str: {type(svg).__name__}",)
    problems: list[str] = []
    try:
        size = len(svg.encode("utf-8"))
    except UnicodeEncodeError:
        return ("not encodable as UTF-8 (lone surrogate)",)
    if size > rules.max_bytes:
        problems.append(f"too large: {size} bytes > {rules.max_bytes}")
    try:
        root = _parse(svg)
    except Exception as error:  # defusedxml and expat raise several unrelated types; all mean "invalid"
        problems.append(f"does not parse as safe XML: {type(error).__name__}: {error}")
        return tuple(problems)
    if local_name(root.tag) != "svg":
        problems.append(f"root element is <{local_name(root.tag)}>, not <svg>")
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments / processing instructions kept by some parsers
            continue
        tag = local_name(element.tag)
        if not rules.allows_element(tag):
            problems.append(f"element not allowed: <{tag}>")
            continue
        for raw_name, value in element.attrib.items():
            name = local_name(raw_name)
            if not rules.allows_attribute(tag, name):
                problems.append(f"attribute not allowed: <{tag} {name}>")
            lowered = value.lower()
            if "data:" in lowered or ";base64" in lowered:
                problems.append(f"embedded data in <{tag} {name}>")
            if name == "href" and not value.startswith("#"):
                problems.append(f"external href in <{tag}>: {value[:40]!r}")
            if "url" in lowered and external_urls(value):
                problems.append(f"external url(...) in <{tag} {name}>: {external_urls(value)[0][:40]!r}")
    return tuple(problems)


def is_valid(svg: object) -> bool:
    """True when `check(svg)` finds nothing."""
    return not check(svg)
