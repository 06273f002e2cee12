"""The normaliser: golden before/after pairs, the compact-format invariants, fidelity on real sources."""
from __future__ import annotations

import re

import numpy as np
import pytest
from svgllm.prompt import COMPACT_ATTRIBUTES, COMPACT_ELEMENTS, SVG_CLOSE, SVG_HEADER
from svgllm.rules import check

from dataset_build.geometry import absolute_segments, encode_path, transform_matrix
from dataset_build.normalize import NormalizeError, normalize_svg

NS = 'xmlns="http://www.w3.org/2000/svg"'


def body(svg: str) -> list[str]:
    """The element lines between the header and the closing tag."""
    lines = svg.split("\n")
    assert lines[0] == SVG_HEADER and lines[-1] == SVG_CLOSE
    return lines[1:-1]


GOLDEN = [
    # viewBox 0 0 512 512 -> halves; x="0"/y="0" and the default black fill are dropped
    ("viewbox-mapping",
     f'<svg {NS} viewBox="0 0 512 512"><rect x="0" y="0" width="512" height="512" fill="#FFF"/>'
     '<circle cx="100" cy="50.6" r="22.6" fill="black"/></svg>',
     ['<rect width="256" height="256" fill="#ffffff"/>', '<circle cx="50" cy="25" r="11"/>']),
    # no viewBox: the metric's 384 canvas; style declarations become attributes; redundant ones vanish
    ("style-and-defaults",
     f'<svg {NS} width="384" height="384"><ellipse cx="192" cy="96" rx="96" ry="48" '
     'style="fill:rgb(255,0,0);stroke:none;opacity:1;fill-opacity:0.5"/></svg>',
     ['<ellipse cx="128" cy="64" rx="64" ry="32" fill="#ff0000" fill-opacity=".5"/>']),
    # group transforms are multiplied into the geometry; the group's paint lands on each child
    ("flatten-group",
     f'<svg {NS} viewBox="0 0 100 100"><g transform="translate(10 10) scale(2)" fill="blue" stroke="red">'
     '<path d="M0 0h10v10z"/><line x1="0" y1="0" x2="5" y2="5"/></g></svg>',
     ['<path d="M26 26H77V77z" fill="#0000ff" stroke="#ff0000" stroke-width="5"/>',
      '<line x1="26" y1="26" x2="51" y2="51" stroke="#ff0000" stroke-width="5"/>']),
    # a rotated ellipse keeps one rotate(); a rotated plain rect becomes a polygon
    ("rotation",
     f'<svg {NS} viewBox="0 0 256 256"><ellipse cx="100" cy="100" rx="40" ry="20" transform="rotate(30 100 100)" '
     'fill="#123456"/><rect x="10" y="10" width="20" height="20" transform="rotate(45 20 20)" fill="#654321"/></svg>',
     ['<ellipse cx="100" cy="100" rx="40" ry="20" transform="rotate(30 100 100)" fill="#123456"/>',
      '<polygon points="20 6 34 20 20 34 6 20" fill="#654321"/>']),
    # <use> is inlined at its offset; <text>, <title> and invisible shapes are dropped
    ("use-text-invisible",
     f'<svg {NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 256 256"><defs>'
     '<rect id="r" width="10" height="10" fill="#00ff00"/></defs><title>t</title><text x="5" y="5">hi</text>'
     '<use xlink:href="#r" x="100" y="50"/><circle cx="5" cy="5" r="4" fill="none"/>'
     '<circle cx="9" cy="9" r="4" fill="#111111" opacity="0"/></svg>',
     ['<rect x="100" y="50" width="10" height="10" fill="#00ff00"/>']),
    # gradients keep short ids and drop default coordinates; a pattern fill becomes its background colour
    ("gradient-and-pattern",
     f'<svg {NS} viewBox="0 0 256 256"><defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">'
     '<stop offset="0%" stop-color="#000080"/><stop offset="100%" stop-color="#87CEEB" stop-opacity="0.5"/>'
     '</linearGradient><pattern id="p" width="4" height="4"><rect width="4" height="4" fill="#aa0000"/>'
     '<circle cx="2" cy="2" r="1" fill="#ffffff"/></pattern></defs>'
     '<rect width="256" height="128" fill="url(#sky)"/><rect y="128" width="256" height="128" fill="url(#p)"/></svg>',
     ['<defs>', '<linearGradient id="g1" x2="0" y2="1">', '<stop offset="0" stop-color="#000080"/>',
      '<stop offset="1" stop-color="#87ceeb" stop-opacity=".5"/>', '</linearGradient>', '</defs>',
      '<rect width="256" height="128" fill="url(#g1)"/>', '<rect y="128" width="256" height="128" fill="#aa0000"/>']),
    # a vectoriser's half-pixel viewBox: the oversized background is cut to the canvas; short colours expand
    ("clamp-background",
     f'<svg {NS} width="384" height="384" viewBox="-.5 -.5 256 256"><rect x="-1" y="-1" width="258" height="258" '
     'fill="#c66"/><path fill="#47a" d="M255.5 255.5h-256v-10.2z"/></svg>',
     ['<rect width="256" height="256" fill="#cc6666"/>', '<path d="M256 256H0V246z" fill="#4477aa"/>']),
    # a user-space gradient moves with the shape that uses it (one copy per placement); defaults written out
    ("user-space-gradient",
     f'<svg {NS} viewBox="0 0 512 512"><defs><linearGradient id="u" gradientUnits="userSpaceOnUse" x1="0" '
     'x2="100"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/></linearGradient></defs>'
     '<rect width="100" height="100" fill="url(#u)"/><g transform="translate(200 0)">'
     '<rect width="100" height="100" fill="url(#u)"/></g></svg>',
     ['<defs>', '<linearGradient id="g1" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="50" y2="0">',
      '<stop offset="0" stop-color="#ff0000"/>', '<stop offset="1" stop-color="#0000ff"/>', '</linearGradient>',
      '<linearGradient id="g2" gradientUnits="userSpaceOnUse" x1="100" y1="0" x2="150" y2="0">',
      '<stop offset="0" stop-color="#ff0000"/>', '<stop offset="1" stop-color="#0000ff"/>', '</linearGradient>',
      '</defs>', '<rect width="50" height="50" fill="url(#g1)"/>',
      '<rect x="100" width="50" height="50" fill="url(#g2)"/>']),
    # three or more shapes sharing a fill are grouped under one <g fill>
    ("regroup-runs",
     f'<svg {NS} viewBox="0 0 256 256"><circle cx="10" cy="10" r="5" fill="#abcdef"/>'
     '<circle cx="30" cy="10" r="5" fill="#abcdef"/><circle cx="50" cy="10" r="5" fill="#abcdef"/></svg>',
     ['<g fill="#abcdef">', '<circle cx="10" cy="10" r="5"/>', '<circle cx="30" cy="10" r="5"/>',
      '<circle cx="50" cy="10" r="5"/>', '</g>']),
]


@pytest.mark.parametrize("name, source, expected", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden(name, source, expected):
    result = normalize_svg(source)
    assert body(result) == expected
    assert check(result) == ()


def test_path_encoding_prefers_short_relative_commands_and_merges_collinear_steps():
    segments = absolute_segments("M10.4 10 L20 10 L30 10 L30 30 C30 40 40 40 40 30 Z")
    assert encode_path(segments) == "M10 10H30V30c0 10 10 10 10 0z"


def test_arc_flags_without_separators_and_mirrored_sweep():
    segments = absolute_segments("M0 0a5 5 0 0110 0")
    assert segments[1] == ("A", 5.0, 5.0, 0.0, 0, 1, 10.0, 0.0)
    mirrored = normalize_svg(f'<svg {NS} viewBox="0 0 256 256"><path transform="scale(-1 1) translate(-100 0)" '
                             'd="M0 50a20 20 0 0 1 40 0z"/></svg>')
    assert body(mirrored) == ['<path d="M100 50a20 20 0 0 0-40 0z"/>']


def test_transform_parsing():
    assert transform_matrix("translate(5) scale(2 3)") == (2.0, 0.0, 0.0, 3.0, 5.0, 0.0)
    with pytest.raises(ValueError):
        transform_matrix("scale(1 2 3)")


def test_use_fan_out_is_capped():
    levels = ['<circle id="l0" cx="5" cy="5" r="4"/>']
    for level in range(1, 7):  # 6 levels of 5 uses each: 15,625 circles if expanded
        uses = "".join(f'<use href="#l{level - 1}" x="{k}"/>' for k in range(5))
        levels.append(f'<g id="l{level}">{uses}</g>')
    svg = f'<svg {NS} viewBox="0 0 256 256"><defs>{"".join(levels)}</defs><use href="#l6"/></svg>'
    with pytest.raises(NormalizeError, match="more than"):
        normalize_svg(svg)


def test_unreadable_or_empty_inputs_raise_clear_errors():
    with pytest.raises(NormalizeError):
        normalize_svg(f'<svg {NS} viewBox="0 0 10 10"><circle r="0"/></svg>')
    with pytest.raises(NormalizeError):
        normalize_svg(12)


INVARIANT_NUMBER = re.compile(r'(?<![\w-])(?:x|y|width|height|cx|cy|r|rx|ry|x1|x2|y1|y2)="([^"]*)"')


def assert_compact(svg: str) -> None:
    """Every compact-format rule the training data promises."""
    from defusedxml import ElementTree

    assert check(svg) == ()
    assert svg.startswith(SVG_HEADER + "\n") and svg.endswith("\n" + SVG_CLOSE)
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag in COMPACT_ELEMENTS, tag
        assert set(element.attrib) <= set(COMPACT_ATTRIBUTES) | {"xmlns"}, element.attrib
        if tag in ("rect", "circle", "ellipse", "line"):
            for value in INVARIANT_NUMBER.findall(" ".join(f'{k}="{v}"' for k, v in element.attrib.items())):
                assert re.fullmatch(r"-?\d+", value), (tag, value)
        if tag in ("polygon", "polyline"):
            assert re.fullmatch(r"[-\d ]+", element.attrib["points"])
        if tag == "path":
            assert not re.search(r"\d\.\d|\.\d", element.attrib["d"]), element.attrib["d"]
        for key in ("fill", "stroke"):
            value = element.attrib.get(key)
            assert value is None or value == "none" or value.startswith("url(#g") or re.fullmatch(
                r"#[0-9a-f]{6}", value), value


def _pixels(svg):
    from svgllm.render import render

    return np.asarray(render(svg).resize((96, 96)), dtype=np.float32)


def test_composer_and_motif_sources_stay_faithful_and_compact():
    from dataset_build.descriptions import sample_descriptions
    from dataset_build.targets import composer_candidates, motif_candidates

    candidates = composer_candidates(sample_descriptions(10, seed=4)) + motif_candidates(6, seed=4)
    for candidate in candidates:
        result = normalize_svg(candidate.svg)
        assert_compact(result)
        assert normalize_svg(result) == result  # idempotent: the format is a fixed point
        difference = float(np.abs(_pixels(result) - _pixels(candidate.svg)).mean())
        assert difference < 40, (candidate.description, difference)
