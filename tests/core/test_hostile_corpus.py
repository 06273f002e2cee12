"""A hostile corpus, class by class: whatever comes in, `sanitize` gives a valid SVG with no external reference,
whose render work is bounded and which renders within the render check's limit.

`hostile_corpus()` is also what `benchmarks/bench_core.py` times (worst-case sanitize).
"""
import itertools

import pytest
from svgllm.render import RENDER_TIMEOUT_S, render_problem
from svgllm.rules import check, external_urls, forbidden_text
from svgllm.sanitize import parse, sanitize
from svgllm.sanitize.render_cost import MAX_RENDER_UNITS, render_units

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 384 384">'
BAD_CHARACTERS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff", "\ud800"]
REFERENCE_ATTRIBUTES = ["fill", "stroke", "filter", "marker-start", "marker-mid", "marker-end", "clip-path", "mask"]
EXTERNAL = ["http://evil/x", "https://evil/x.svg#a", "file:///etc/passwd", "javascript:alert(1)", "//evil/x",
            "data:image/png;base64,AAAA", "'http://evil/x'", " ftp://x ", "#a) url(http://x"]
DEFS = ('<defs><linearGradient id="a"><stop offset="0" stop-color="red"/></linearGradient>'
        '<marker id="m"><circle r="1"/></marker><filter id="f"><feFlood/></filter></defs>')


def wavy(vertices: int) -> str:
    """Path data with `vertices` vertices (each one a marker position)."""
    return "M0 0" + "".join(f"L{i * 3} {i % 2 * 3}" for i in range(1, vertices))


def control_characters() -> dict[str, str]:
    """`data:` and `url(` spelled with a forbidden character in the middle, in many attributes."""
    cases = {}
    for index, (char, attribute) in enumerate(itertools.product(BAD_CHARACTERS, ["stroke-linecap", "fill", "id",
                                                                              "stroke-linejoin", "href"])):
        value = ["da{c}ta:x", "url(da{c}ta:x)", ";ba{c}se64,xx", "u{c}rl(http://x)"][index % 4].format(c=char)
        tag = "use" if attribute == "href" else "rect"
        cases[f"control-{index}"] = f'{HEAD}<{tag} width="9" height="9" {attribute}="{value}"/></svg>'
    cases["control-charref"] = f'{HEAD}<rect width="9" height="9" stroke-linecap="da&#0;ta:" fill="da&#1;ta:"/></svg>'
    cases["control-in-style"] = f'{HEAD}<rect width="9" height="9" style="fill:url(da\x00ta:x);stroke:red"/></svg>'
    return cases


def multiple_urls() -> dict[str, str]:
    """A local reference first, then an external one, in every reference attribute and spelling."""
    cases = {}
    for attribute, (index, target) in itertools.product(REFERENCE_ATTRIBUTES, enumerate(EXTERNAL)):
        separator = ["", " ", ",", "\t"][index % 4]
        value = f"url(#a){separator}url({target})" if index % 2 else f"url({target}) url(#a)"
        cases[f"urls-{attribute}-{index}"] = f'{HEAD}{DEFS}<rect width="9" height="9" {attribute}="{value}"/></svg>'
    cases["urls-upper"] = f'{HEAD}{DEFS}<rect width="9" height="9" fill="URL(#a) URL(http://x)"/></svg>'
    cases["urls-spaced"] = f'{HEAD}{DEFS}<rect width="9" height="9" fill="url (#a) url ( http://x )"/></svg>'
    cases["urls-escaped"] = f'{HEAD}{DEFS}<rect width="9" height="9" marker-mid="\\75 rl(http://x)"/></svg>'
    cases["urls-fallback"] = f'{HEAD}{DEFS}<rect width="9" height="9" fill="url(#a) javascript:x()"/></svg>'
    return cases


def nested_markers(depth: int, vertices: int = 20) -> str:
    """A marker whose content carries the previous marker: vertices ** depth marker drawings."""
    defs = f'<marker id="m0" markerWidth="3" markerHeight="3"><path d="{wavy(vertices)}"/></marker>'
    for level in range(1, depth):
        defs += (f'<marker id="m{level}" markerWidth="3" markerHeight="3"><path d="{wavy(vertices)}" '
                 f'marker-mid="url(#m{level - 1})"/></marker>')
    return f'{HEAD}<defs>{defs}</defs><path d="{wavy(vertices)}" stroke="red" marker-mid="url(#m{depth - 1})"/></svg>'


def use_fan_out(children: int, uses: int) -> str:
    """A group used many times: children x uses shapes."""
    group = '<g id="g">' + "".join(f'<circle cx="{i}" cy="{i}" r="5"/>' for i in range(children)) + "</g>"
    return f'{HEAD}<defs>{group}</defs>' + "".join(f'<use href="#g" x="{i}"/>' for i in range(uses)) + "</svg>"


def use_pattern_chain(depth: int, fan: int = 8) -> str:
    """use -> a rect painted with a pattern -> the pattern holds uses of the previous rect -> ..."""
    defs = '<rect id="r0" width="300" height="300" fill="red"/>'
    for level in range(1, depth):
        uses = "".join(f'<use href="#r{level - 1}" x="{i}"/>' for i in range(fan))
        defs += (f'<pattern id="p{level}" width=".1" height=".1">{uses}</pattern>'
                 f'<rect id="r{level}" width="300" height="300" fill="url(#p{level})"/>')
    return f'{HEAD}<defs>{defs}</defs>' + "".join(f'<use href="#r{depth - 1}" x="{i}"/>' for i in range(fan)) + "</svg>"


def nested_patterns(depth: int, fan: int = 8) -> str:
    """Patterns whose shapes are painted with the previous pattern."""
    defs = ('<pattern id="p0" width="10" height="10" patternUnits="userSpaceOnUse"><rect width="5" height="5"/>'
            "</pattern>")
    for level in range(1, depth):
        shapes = "".join(f'<rect x="{i}" width="50" height="50" fill="url(#p{level - 1})"/>' for i in range(fan))
        defs += f'<pattern id="p{level}" width="60" height="60" patternUnits="userSpaceOnUse">{shapes}</pattern>'
    shapes = "".join(f'<rect x="{i * 9}" width="300" height="300" fill="url(#p{depth - 1})"/>' for i in range(fan))
    return f'{HEAD}<defs>{defs}</defs>{shapes}</svg>'


def markers_through_use(depth: int) -> str:
    """Markers inherited from a group into `use` content, the marker itself using a marked group."""
    defs = f'<marker id="k0"><path d="{wavy(15)}"/></marker><g id="u0"><path d="{wavy(15)}"/></g>'
    for level in range(1, depth):
        defs += (f'<marker id="k{level}"><g marker-mid="url(#k{level - 1})"><use href="#u0"/></g></marker>'
                 f'<g id="u{level}" marker-mid="url(#k{level})"><path d="{wavy(15)}"/></g>')
    return f'{HEAD}<defs>{defs}</defs><g marker-mid="url(#k{depth - 1})"><use href="#u{depth - 1}"/></g></svg>'


def render_bombs() -> dict[str, str]:
    """Work that multiplies with nesting, of several kinds and depths."""
    cases = {f"markers-depth-{depth}": nested_markers(depth) for depth in range(2, 9)}
    cases |= {f"markers-wide-{vertices}": nested_markers(3, vertices) for vertices in (60, 150)}
    cases |= {f"use-fan-{c}x{u}": use_fan_out(c, u) for c, u in ((200, 300), (40, 400), (400, 20))}
    cases |= {f"use-pattern-{depth}": use_pattern_chain(depth) for depth in range(2, 7)}
    cases |= {f"patterns-{depth}": nested_patterns(depth) for depth in range(2, 7)}
    cases |= {f"markers-use-{depth}": markers_through_use(depth) for depth in range(2, 6)}
    far = "M0 0" + "".join(f"L{(i % 2) * 90000} {i}" for i in range(1, 200))
    cases["dash-long-path"] = f'{HEAD}<path d="{far}" fill="none" stroke="red" stroke-dasharray=".01"/></svg>'
    cases["dash-inherited"] = (f'{HEAD}<g stroke="red" stroke-dasharray=".02 .01">'
                               + f'<path d="{far}" fill="none"/>' * 5 + "</g></svg>")
    cases["dash-through-use"] = (f'{HEAD}<defs><path id="d" d="{far}" stroke="red" stroke-dasharray="1"/></defs>'
                                 + '<use href="#d"/>' * 200 + "</svg>")
    cases["marker-inherited-into-itself"] = (f'<svg xmlns="http://www.w3.org/2000/svg" marker-mid="url(#m)">'
                                             f'<marker id="m"><path d="{wavy(30)}"/></marker>'
                                             f'<path d="{wavy(30)}"/></svg>')
    cases["polyline-markers"] = (f'{HEAD}<defs><marker id="q"><polyline points="{" ".join(map(str, range(200)))}" '
                                 f'marker-mid="url(#q)"/></marker></defs><polyline points="'
                                 f'{" ".join(map(str, range(400)))}" marker-mid="url(#q)"/></svg>')
    cases["pattern-href-fan"] = (f'{HEAD}<defs><pattern id="a" width="9" height="9" patternUnits="userSpaceOnUse">'
                                 + '<circle r="1"/>' * 200 + '</pattern><pattern id="b" href="#a"/></defs>'
                                 + '<rect width="9" height="9" fill="url(#b)"/>' * 150 + "</svg>")
    cases["symbol-fan"] = (f'{HEAD}<symbol id="s">' + '<circle r="3"/>' * 150 + "</symbol>"
                           + '<use href="#s"/>' * 300 + "</svg>")
    return cases


def tiny_scales() -> dict[str, str]:
    """Visible drawings behind tiny (or huge) scale factors: rounding must keep their significant digits."""
    return {
        "scale-0.0004": f'{HEAD}<g transform="scale(0.0004)"><rect width="90000" height="90000" fill="red"/></g></svg>',
        "matrix-tiny": f'{HEAD}<path transform="matrix(.00031 0 0 .00029 1 2)" d="M0 0L90000 0 0 90000z"/></svg>',
        "scale-huge": f'{HEAD}<g transform="scale(1000)"><circle cx=".2" cy=".2" r=".004" stroke="blue" '
                      'stroke-width=".0015"/></g></svg>',
        "scale-nested": f'{HEAD}<g transform="scale(.02)"><g transform="scale(.03)"><rect width="2e5" height="2e5"/>'
                        "</g></g></svg>",
    }


def already_held() -> dict[str, str]:
    """What the issue found to hold already, kept in the corpus so it stays that way."""
    return {
        "nested-svg": f'{HEAD}<svg><svg><rect width="9" height="9"/></svg></svg></svg>',
        "huge-viewbox": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e308 1e308"><rect width="1e308" '
                        'height="1e308"/></svg>',
        "nan-viewbox": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="nan 0 NaN inf"><rect width="9"/></svg>',
        "cycle": f'{HEAD}<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>',
        "xlink": f'{HEAD}<use xlink:href="http://evil/x.svg#a"/><use xlink:href="#a" href="http://x"/></svg>',
        "utf16-like": "\ufeff" + f'{HEAD}<rect width="9" height="9" fill="red"/></svg>',
        "cdata": f'{HEAD}<style><![CDATA[rect{{fill:url(http://x)}}]]></style><rect width="9" height="9"/></svg>',
        "entities": '<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">'
                    '<rect width="9" height="9" fill="&e;"/></svg>',
        "many-attributes": "<svg><rect " + " ".join(f'a{i}="{i}"' for i in range(50_000)) + "/></svg>",
        "deep-groups": "<svg>" + "<g>" * 5_000 + '<rect width="9" height="9"/>' + "</g>" * 5_000 + "</svg>",
        "two-megabytes": "<svg>" + '<rect width="9" height="9" fill="red"/>' * 50_000 + "</svg>",
        "javascript-url": f'{HEAD}<rect width="9" height="9" fill="url(javascript:alert(1))"/></svg>',
        "encoded-data": f'{HEAD}<use href="&#x64;ata:image/svg+xml,x"/><rect fill="&#x64;ata:x"/></svg>',
    }


def hostile_corpus() -> dict[str, str]:
    """Every hostile case by name."""
    return control_characters() | multiple_urls() | render_bombs() | tiny_scales() | already_held()


CORPUS = hostile_corpus()


def assert_harmless(svg: str) -> None:
    """Valid per the rules, nothing external, bounded work, and it renders within the render check's limit."""
    assert check(svg) == (), (svg[:400], check(svg))
    assert forbidden_text(svg) == "" and external_urls(svg) == [], svg[:400]
    assert render_units(parse(svg)) <= MAX_RENDER_UNITS
    assert render_problem(svg, timeout_s=RENDER_TIMEOUT_S) == "", svg[:400]


def test_corpus_is_larger_than_the_issue_examples():
    assert len(CORPUS) >= 150
    assert sum(name.startswith(("markers", "use", "patterns", "dash")) for name in CORPUS) >= 25


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_input_becomes_a_harmless_svg(name):
    assert_harmless(sanitize(CORPUS[name]))


@pytest.mark.parametrize("name", [n for n in sorted(CORPUS) if n.startswith(("control", "urls"))])
def test_harmless_without_the_render_check_too(name):
    # verify_render=False is what dataset_build uses: validity must not depend on the render pass
    svg = sanitize(CORPUS[name], verify_render=False)
    assert check(svg) == () and forbidden_text(svg) == ""


def test_render_bombs_are_really_bombs_before_sanitising():
    # the estimate must see the raw bombs as far over the bound, or the corpus tests nothing
    for name in ("markers-depth-4", "use-fan-200x300", "dash-long-path", "markers-use-4"):
        assert render_units(parse(CORPUS[name])) > 10 * MAX_RENDER_UNITS, name
