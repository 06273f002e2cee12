"""Property-based fuzzing: sanitize and Model.predict turn anything into a valid, renderable SVG."""
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from svgllm.render import render_problem
from svgllm.rules import check
from svgllm.sanitize import sanitize

SEED_SVGS = [
    '<svg viewBox="0 0 100 100"><rect x="10" y="10" width="80" height="80" fill="red"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="blue"/>'
    '</linearGradient><pattern id="p" width="10" height="10"><circle cx="5" cy="5" r="4" fill="url(#g)"/>'
    '</pattern></defs><g transform="translate(10 10) scale(2)"><path d="M0 0L50 0 50 50z" fill="url(#p)"/>'
    '<use xlink:href="#c"/></g><circle id="c" cx="20" cy="20" r="10" style="fill:green;stroke:black"/></svg>',
    '<svg viewBox="0 0 24 24"><polygon points="1,1 20,3 12,22" fill="#123"/><polyline points="0 0 5 5 9 1"'
    ' stroke="#fff" stroke-dasharray="2 1"/><ellipse cx="12" cy="12" rx="4" ry="2" opacity=".5"/>'
    '<line x1="0" y1="0" x2="24" y2="24" stroke="red"/><text x="1" y="2">hi</text></svg>',
]
MUTATIONS = ["<", ">", '"', "'", "/", "=", " ", "nan", "inf", "1e309", "-", "url(#", "<svg", "</svg>", "<!--",
             "&", "&lt;", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "style=", "href=", "#", "<g>", "</g>", "\x00", "é"]


def _mutate(svg: str, rng: random.Random, count: int) -> str:
    for _ in range(count):
        choice = rng.random()
        position = rng.randrange(len(svg) + 1)
        if choice < 0.4:
            svg = svg[:position] + rng.choice(MUTATIONS) + svg[position:]
        elif choice < 0.7:
            end = min(len(svg), position + rng.randrange(1, 20))
            svg = svg[:position] + svg[end:]
        elif choice < 0.85:
            svg = svg[:position]  # truncation
        else:
            other = rng.choice(SEED_SVGS)
            svg = svg[:position] + other[rng.randrange(len(other)):]
    return svg


def _assert_valid(svg: str) -> None:
    assert check(svg) == (), (svg[:500], check(svg))
    assert render_problem(svg) == "", (svg[:500], render_problem(svg))


@settings(max_examples=1000)
@given(st.text(max_size=400))
def test_arbitrary_text_becomes_valid_svg(text):
    _assert_valid(sanitize(text))


@settings(max_examples=1500)
@given(st.sampled_from(SEED_SVGS), st.randoms(use_true_random=False), st.integers(min_value=1, max_value=12))
def test_mutated_svgs_become_valid_svg(seed_svg, rng, count):
    _assert_valid(sanitize(_mutate(seed_svg, rng, count)))


@settings(max_examples=300)
@given(st.lists(st.sampled_from(list('<>/="\' svgrectpathd=M0 1L2 3z') + MUTATIONS), max_size=120).map("".join))
def test_markup_like_text_becomes_valid_svg(text):
    _assert_valid(sanitize(text))


@settings(max_examples=200)
@given(st.sampled_from(SEED_SVGS), st.randoms(use_true_random=False), st.integers(min_value=200, max_value=2000))
def test_small_budgets_are_respected(seed_svg, rng, budget):
    svg = sanitize(_mutate(seed_svg, rng, 3), budget=budget)
    assert len(svg.encode("utf-8")) <= budget
    _assert_valid(svg)
