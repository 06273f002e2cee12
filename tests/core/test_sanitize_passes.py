"""Golden before/after pairs, one table per sanitizer pass, each pass run alone."""
import pytest
from svgllm.sanitize import run_tree_pass, sanitize
from svgllm.sanitize.budget import fit_budget, shape_area
from svgllm.sanitize.content import clean_values, ensure_background, resolve_references
from svgllm.sanitize.structure import (
    inline_styles,
    normalize_root,
    remove_forbidden_attributes,
    remove_forbidden_elements,
    select_root,
)
from svgllm.sanitize.text_passes import close_truncated_tag, extract_svg, strip_noise
from svgllm.sanitize.tree import Node, parse, serialize

NS = 'xmlns="http://www.w3.org/2000/svg"'
ROOT = f'<svg {NS} width="384" height="384" viewBox="0 0 384 384">'

TEXT_GOLDEN = [
    (extract_svg, "Sure! ```svg\n<svg><rect/></svg>\n``` Enjoy.", "<svg><rect/></svg>"),
    (extract_svg, "<html><body><svg><g/></svg></body></html>", "<svg><g/></svg>"),
    (extract_svg, "<svg></svg> then <svg><circle r='1'/></svg>", "<svg><circle r='1'/></svg>"),
    (extract_svg, "<svg><rect/><svg><g/></svg></svg>tail", "<svg><rect/><svg><g/></svg></svg>"),
    (extract_svg, "Here: <svg><rect x='1'", "<svg><rect x='1'"),
    (extract_svg, "<svg><rect/>\n```\nprose", "<svg><rect/>\n"),
    (extract_svg, "<rect width='5'/> only", "<svg><rect width='5'/> only</svg>"),
    (extract_svg, "no drawing here", ""),
    (extract_svg, "<SVG><RECT/></SVG>", "<SVG><RECT/></SVG>"),
    (strip_noise, "<svg><!-- a --><rect/><!-- unterminated", "<svg><rect/>"),
    (strip_noise, '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg/>', "<svg/>"),
    (strip_noise, "<style><![CDATA[rect{fill:red}]]></style>", "<style>rect{fill:red}</style>"),
    (close_truncated_tag, '<svg><rect x="1" y="2" fill="re', '<svg><rect x="1" y="2"/>'),
    (close_truncated_tag, "<svg><rect/></sv", "<svg><rect/>"),
    (close_truncated_tag, "<svg><rect/><", "<svg><rect/>"),
    (close_truncated_tag, "<svg><circ", "<svg>"),
    (close_truncated_tag, "<svg><rect/>", "<svg><rect/>"),
]

TREE_GOLDEN = [
    (select_root, "<svg><rect/></svg>", "<svg><rect/></svg>"),
    (select_root, "<rect/><circle/>", "<svg><rect/><circle/></svg>"),
    (select_root, "<div><svg><g/></svg></div>", "<svg><g/></svg>"),
    (inline_styles, '<svg><rect style="fill: red; stroke-width:2 !important; font-size:3"/></svg>',
     '<svg><rect fill="red" stroke-width="2"/></svg>'),
    (inline_styles, '<svg><style>.a{fill:blue} rect{fill:red;stroke:#000} #b{fill:green}</style>'
     '<rect class="a"/><rect id="b" class="a"/><rect fill="pink"/></svg>',
     '<svg><style/><rect fill="blue" stroke="#000"/><rect id="b" fill="green" stroke="#000"/>'
     '<rect fill="red" stroke="#000"/></svg>'),
    (inline_styles, '<svg><style>@media print{rect{fill:red}} circle:hover{fill:red}</style><circle/></svg>',
     "<svg><style/><circle/></svg>"),
    (remove_forbidden_elements, "<svg><text>hi</text><script>x()</script><image/><rect/></svg>",
     "<svg><rect/></svg>"),
    (remove_forbidden_elements, '<svg><a href="x"><circle/></a><clipPath id="c"><rect/></clipPath></svg>',
     "<svg><circle/></svg>"),
    (remove_forbidden_elements, "<svg><foreignObject><div/></foreignObject><animate/><set/></svg>", "<svg/>"),
    (remove_forbidden_elements, "<svg><filter><feGaussianBlur/><feOffset dx='1'/></filter></svg>",
     '<svg><filter><feOffset dx="1"/></filter></svg>'),
    (remove_forbidden_attributes, '<svg><rect onclick="x()" x="1" r="3" xlink:href="#a" fill="red"/></svg>',
     '<svg><rect x="1" fill="red"/></svg>'),
    (remove_forbidden_attributes, '<svg><use xlink:href="#a"/><use href="http://e/x.svg#a"/></svg>',
     '<svg><use href="#a"/><use/></svg>'),
    (remove_forbidden_attributes, '<svg><rect fill="url(http://e/p.png)" stroke="url(#g)"/></svg>',
     '<svg><rect stroke="url(#g)"/></svg>'),
    (remove_forbidden_attributes, '<svg><rect fill="url(data:image/png;base64,AA)"/></svg>', "<svg><rect/></svg>"),
    (normalize_root, "<svg><rect/></svg>", f"{ROOT}<rect/></svg>"),
    (normalize_root, '<svg width="200px" height="100"/>',
     f'<svg {NS} width="384" height="384" viewBox="0 0 200 100" preserveAspectRatio="none"/>'),
    (normalize_root, '<svg viewBox="0 0 24 24" width="1e9"/>',
     f'<svg {NS} width="384" height="384" viewBox="0 0 24 24"/>'),
    (normalize_root, '<svg viewBox="0 0 -1 nan"/>', f"{ROOT[:-1]}/>"),
    (clean_values, '<svg viewBox="0 0 384 384"><rect x="1.23456" width="-5" height="nan" opacity="150%"/></svg>',
     '<svg viewBox="0 0 384 384"><rect x="1.23" opacity="1"/></svg>'),
    (clean_values, '<svg viewBox="0 0 384 384"><path d="L5 5 M0 0 L10 1e999 20 20 C1 2 3 4 5 6 7 z"/>'
     '<path d="garbage"/></svg>', '<svg viewBox="0 0 384 384"><path d="M0 0C1 2 3 4 5 6z"/></svg>'),
    (clean_values, '<svg viewBox="0 0 384 384"><polygon points="0,0 10,0 10,10 5"/><polyline points="1"/></svg>',
     '<svg viewBox="0 0 384 384"><polygon points="0,0 10,0 10,10"/></svg>'),
    (clean_values, '<svg viewBox="0 0 384 384"><g transform="scale(0)"><rect/></g><g transform="rotate(x)"/>'
     '<g transform="translate(1,2) rotate(45)"/></svg>',
     '<svg viewBox="0 0 384 384"><g/><g transform="translate(1 2) rotate(45)"/></svg>'),
    (clean_values, '<svg viewBox="0 0 384 384"><rect fill="rgb(1,2,3)" stroke="#12345" stroke-dasharray="0 0"/>'
     '</svg>', '<svg viewBox="0 0 384 384"><rect fill="rgb(1,2,3)"/></svg>'),
    (clean_values, '<svg viewBox="0 0 1 1"><circle cx=".123456" r="0.5"/></svg>',
     '<svg viewBox="0 0 1 1"><circle cx=".1235" r=".5"/></svg>'),
    (resolve_references, '<svg><rect fill="url(#missing) red"/><rect stroke="url(#nope)"/></svg>',
     '<svg><rect fill="red"/><rect/></svg>'),
    (resolve_references, '<svg><g id="a"><use href="#a"/></g><use href="#a"/><use href="#z"/></svg>',
     '<svg><g id="a"/></svg>'),
    (resolve_references, '<svg><pattern id="p"><rect fill="url(#q)"/></pattern>'
     '<pattern id="q"><rect fill="url(#p)"/></pattern></svg>',
     '<svg><pattern id="p"><rect/></pattern><pattern id="q"><rect/></pattern></svg>'),
    (resolve_references, '<svg><linearGradient id="g"/><rect id="g"/><circle fill="url(#g)"/></svg>',
     '<svg><linearGradient id="g"/><rect/><circle fill="url(#g)"/></svg>'),
    (resolve_references, '<svg><rect id="r"/><circle fill="url(#r)"/></svg>', '<svg><rect id="r"/><circle/></svg>'),
    (ensure_background, '<svg viewBox="0 0 10 10"><circle/></svg>',
     '<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/><circle/></svg>'),
    (ensure_background, '<svg viewBox="0 0 10 10"><rect width="100%" height="100%" fill="navy"/></svg>',
     '<svg viewBox="0 0 10 10"><rect width="100%" height="100%" fill="navy"/></svg>'),
    (ensure_background, '<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="navy" opacity=".5"/></svg>',
     '<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/>'
     '<rect width="10" height="10" fill="navy" opacity=".5"/></svg>'),
]


@pytest.mark.parametrize(("text_pass", "before", "after"), TEXT_GOLDEN,
                         ids=[f"{p.__name__}-{i}" for i, (p, _, _) in enumerate(TEXT_GOLDEN)])
def test_text_pass_golden(text_pass, before, after):
    assert text_pass(before) == after


@pytest.mark.parametrize(("tree_pass", "before", "after"), TREE_GOLDEN,
                         ids=[f"{p.__name__}-{i}" for i, (p, _, _) in enumerate(TREE_GOLDEN)])
def test_tree_pass_golden(tree_pass, before, after):
    assert run_tree_pass(tree_pass, before) == after


def test_parser_restores_svg_names_and_survives_deep_nesting():
    doc = parse('<SVG VIEWBOX="0 0 1 1"><LINEARGRADIENT/>' + "<g>" * 5000 + "<rect/>" + "</g>" * 5000 + "</SVG>")
    svg = doc.children[0]
    assert svg.tag == "svg" and svg.attrs == {"viewBox": "0 0 1 1"}
    assert svg.children[0].tag == "linearGradient"
    assert sum(1 for _ in doc.iter()) < 100  # elements beyond the depth limit are dropped


def test_serialize_escapes_and_drops_xml_invalid_characters():
    node = Node("svg", {"id": 'a"<&\x00b'})
    assert serialize(node) == '<svg id="a&quot;&lt;&amp;b"/>'


def test_fit_budget_rounds_before_dropping_and_drops_smallest_first():
    shapes = "".join(f'<circle cx="{i}.123" cy="{i}.456" r="{1 + i % 7}.5"/>' for i in range(300))
    big = f'<svg viewBox="0 0 384 384"><rect width="384" height="384" fill="#fff"/>{shapes}' \
          '<circle cx="192" cy="192" r="150" fill="red"/></svg>'
    svg = sanitize(big, budget=4000)
    assert len(svg.encode()) <= 4000
    assert 'r="150" fill="red"' in svg  # the largest shape survives
    assert '.123"' not in svg  # numbers were rounded first
    assert svg.count("<circle") > 50  # only as many small shapes as needed were dropped


def test_fit_budget_keeps_background():
    doc = parse(f'{ROOT}<rect width="384" height="384" fill="#abc"/>'
                + '<path d="M0 0L1 1 2 2z"/>' * 200 + "</svg>")
    fitted = fit_budget(doc, 300)
    assert '<rect width="384" height="384" fill="#abc"/>' in serialize(fitted)
    assert len(serialize(fitted)) <= 300


@pytest.mark.parametrize(("svg", "area"), [
    ('<rect width="4" height="5"/>', 20), ('<circle r="2"/>', 12.566), ('<ellipse rx="1" ry="2"/>', 6.283),
    ('<path d="M0 0h10v5h-10z"/>', 50), ('<polygon points="0,0 4,0 4,4"/>', 16),
])
def test_shape_area(svg, area):
    node = parse(svg).children[0]
    assert shape_area(node) == pytest.approx(area, rel=1e-2)


def test_whole_pipeline_keeps_the_drawing():
    raw = ("Here you go:\n```xml\n<?xml version='1.0'?>\n<SVG xmlns='http://www.w3.org/2000/svg' "
           "viewBox='0 0 100 100'><style>.sun{fill:gold}</style><rect width='100' height='100' fill='skyblue'/>"
           "<circle class='sun' cx='70' cy='30' r='15' onclick='alert(1)'/><text x='5' y='90'>sky</text>"
           "<path d='M0 80 Q50 60 100 80 V100 H0 Z' style='fill:green'/><rect x='1' y='2' width='3' heig")
    svg = sanitize(raw)
    assert svg == (f'<svg {NS} width="384" height="384" viewBox="0 0 100 100">'
                   '<rect width="100" height="100" fill="skyblue"/><circle cx="70" cy="30" r="15" fill="gold"/>'
                   '<path d="M0 80Q50 60 100 80V100H0Z" fill="green"/><rect x="1" y="2" width="3"/></svg>')


def test_ensure_renderable_degrades_until_cairosvg_renders():
    from svgllm.render import render_problem
    from svgllm.sanitize.render_guard import ensure_renderable

    # valid by the rules, but cairosvg cannot paint a pattern on a zero-height shape
    svg = (f'{ROOT}<rect width="384" height="384" fill="#abc"/><defs><pattern id="p" width="10" height="10">'
           '<circle cx="5" cy="5" r="4"/></pattern></defs><path d="M0 0L50 0z" fill="url(#p)"/>'
           '<circle cx="9" cy="9" r="5" fill="red"/></svg>')
    assert render_problem(svg) != ""
    fixed = serialize(ensure_renderable(parse(svg), serialize))
    assert render_problem(fixed) == ""
    assert 'fill="url(#p)"' not in fixed and '<circle cx="9" cy="9" r="5" fill="red"/>' in fixed  # rest kept
    assert sanitize(svg) == fixed


@pytest.mark.parametrize("text", ["M0 0L1", "M0 0 Lz", "M1 2x3", "1 2", "M0 0z 3 4", "M0 0h", "M0 0L1 nan"])
def test_strict_path_parsing_refuses_what_the_forgiving_one_skips(text):
    from svgllm.path_data import parse_path

    with pytest.raises(ValueError):
        parse_path(text, strict=True)
    parse_path(text)  # forgiving: never raises


def test_strict_path_parsing_keeps_numbers_as_written_and_any_first_command():
    from svgllm.path_data import parse_path
    from svgllm.values import MAX_ABS

    assert parse_path("L1 2 3 4", strict=True) == [("L", [1.0, 2.0]), ("L", [3.0, 4.0])]
    assert parse_path("M0 0L1 2", strict=True) == parse_path("M0 0L1 2")
    big = parse_path(f"M0 0L{MAX_ABS * 3} 1", strict=True)
    assert big[1] == ("L", [MAX_ABS * 3, 1.0])
    assert parse_path(f"M0 0L{MAX_ABS * 3} 1")[1] == ("L", [MAX_ABS, 1.0])  # the sanitizer clamps


def test_one_table_gives_the_sanitizer_and_the_grammar_their_value_kinds():
    from svgllm.backends.llm.grammar import value_kind
    from svgllm.sanitize.content import COLORS, LENGTHS, NON_NEGATIVE_LENGTHS
    from svgllm.values import ATTRIBUTE_KINDS

    assert {value_kind(name) for name in COLORS} == {"paint", "colour"}
    assert {value_kind(name) for name in NON_NEGATIVE_LENGTHS} == {"length", "positive"}
    assert all(ATTRIBUTE_KINDS[name] in ("coordinate", "number") for name in LENGTHS)
