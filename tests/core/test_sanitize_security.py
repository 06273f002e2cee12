"""Forbidden content is judged on the characters that ship, every url() is checked, small scales survive rounding."""
import pytest
from svgllm.render import render
from svgllm.rules import check, forbidden_text
from svgllm.sanitize import parse, sanitize

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 384">'
DEFS = '<defs><linearGradient id="a"><stop offset="0" stop-color="red"/></linearGradient></defs>'


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1f", "\ufffe", "\uffff"])
def test_control_characters_cannot_hide_embedded_data(char):
    svg = sanitize(f'{HEAD}<rect width="9" height="9" stroke-linecap="da{char}ta:x" fill="u{char}rl(http://x)"/></svg>')
    assert check(svg) == () and "data:" not in svg and "http://x" not in svg
    assert char not in svg


def test_characters_are_removed_as_the_text_is_read():
    doc = parse(f'{HEAD}<rect id="a\x00b" fill="re\x01d"/></svg>')
    rect = next(node for node in doc.iter() if node.tag == "rect")
    assert rect.attrs == {"id": "ab", "fill": "red"}


@pytest.mark.parametrize("attribute", ["fill", "stroke", "filter", "marker-start", "marker-mid", "marker-end"])
@pytest.mark.parametrize("tail", [" url(http://evil/x)", "url(file:///etc/passwd)", " url(javascript:alert(1))"])
def test_local_reference_survives_alone_when_an_external_one_follows(attribute, tail):
    svg = sanitize(f'{HEAD}{DEFS}<rect width="9" height="9" {attribute}="url(#a){tail}"/></svg>')
    assert check(svg) == () and forbidden_text(svg) == ""
    assert "evil" not in svg and "file:" not in svg and "javascript" not in svg


def test_the_gradient_reference_itself_is_kept():
    svg = sanitize(f'{HEAD}{DEFS}<rect width="9" height="9" fill="url(#a) url(http://evil/x)"/></svg>')
    assert 'fill="url(#a)"' in svg


@pytest.mark.parametrize("value", ["url(http://x)", "\\75 rl(http://x)", "javascript:x", "u\\rl(#a)"])
def test_reference_attributes_keep_only_local_references(value):
    svg = sanitize(f'{HEAD}<path d="M0 0L9 9" stroke="red" marker-end="{value}" filter="{value}"/></svg>')
    assert "marker-end" not in svg and "filter" not in svg and check(svg) == ()


def test_a_paint_fallback_must_be_a_colour():
    svg = sanitize(f'{HEAD}{DEFS}<rect width="9" height="9" fill="url(#a) javascript:x()"/></svg>')
    assert 'fill="url(#a)"' in svg
    assert 'fill="url(#a) green"' in sanitize(f'{HEAD}{DEFS}<rect width="9" height="9" fill="url(#a) green"/></svg>')


def test_tiny_scale_keeps_its_significant_digits_and_stays_visible():
    svg = sanitize(f'{HEAD}<g transform="scale(0.0004)"><rect width="90000" height="90000" fill="red"/></g></svg>')
    assert "scale(.0004)" in svg
    assert render(svg).getpixel((10, 10)) == (255, 0, 0)


def test_tiny_matrix_entries_keep_their_digits():
    svg = sanitize(f'{HEAD}<path transform="matrix(.00031 0 0 .00029 1 2)" d="M0 0L90000 0 0 90000z"/></svg>')
    assert "matrix(.00031 0 0 .00029 1 2)" in svg


def test_lengths_inside_a_magnifying_group_keep_more_decimals():
    svg = sanitize(f'{HEAD}<g transform="scale(1000)"><circle cx=".2" cy=".2" r=".004" stroke="blue" '
                   'stroke-width=".0015"/></g></svg>')
    assert 'r=".004"' in svg and 'stroke-width=".0015"' in svg
    image = render(svg)
    assert image.getpixel((200, 200)) != (255, 255, 255)  # a 4-pixel circle at (200, 200)


def test_magnified_lengths_survive_the_byte_budget_rounding():
    circles = "".join(f'<circle cx=".{i:03d}1" cy=".1234" r=".0041"/>' for i in range(300))
    svg = sanitize(f'{HEAD}<g transform="scale(1000)">{circles}</g></svg>', budget=9_000)
    assert len(svg.encode()) <= 9_000 and check(svg) == ()
    assert 'r="0"' not in svg and 'r=".00"' not in svg
