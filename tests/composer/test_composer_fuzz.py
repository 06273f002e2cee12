"""Fuzz: any text, and any mix of the vocabulary, draws a valid SVG."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from svgllm.backends.composer import compose, vocab
from svgllm.render import render_problem
from svgllm.rules import check

WORDS = sorted(
    set(vocab.SETTINGS)
    | set(vocab.SHAPES)
    | set(vocab.GARMENTS)
    | set(vocab.RELATIONS)
    | set(vocab.MATERIALS)
    | set(vocab.PATTERNS)
    | set(vocab.TIMES)
    | set(vocab.WEATHER)
    | set(vocab.MOTIF_SYNONYMS)
    | set(vocab.NUMBERS)
    | {"and", "with", ",", "red", "dark", "neon", "pale", "navy", "blue", "sky", "rose", "gold"}
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join))
def test_vocabulary_soup_is_valid(text):
    svg = compose(text)
    assert check(svg) == ()
    assert svg == compose(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_valid(text):
    assert check(compose(text)) == ()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join))
def test_soup_renders(text):
    assert render_problem(compose(text)) == ""
