"""The SVG prefix grammar: accepts what the rules allow, rejects the rest, and always closes into a valid SVG."""
import random

import pytest

pytest.importorskip("regex")  # the grammar's partial matching (llm extra)
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from svgllm.backends.llm.grammar import DONE, SvgGrammar, value_kind  # noqa: E402
from svgllm.prompt import COMPACT_ATTRIBUTES, COMPACT_ELEMENTS, SVG_HEADER  # noqa: E402
from svgllm.render import render_problem  # noqa: E402
from svgllm.rules import check  # noqa: E402

BODY = (
    '\n<rect width="256" height="256" fill="#334455"/>\n'
    '<circle cx="128" cy="90" r="40.5" fill="gold" stroke="none"/>\n'
    '<g transform="translate(10 20) rotate(-5)" opacity="0.8"><path d="M10 20L30 40C1 2 3 4 5 6Z" '
    'fill-rule="evenodd"/></g>'
    '<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff"/>'
    '<stop offset="100%" stop-color="#036"/></linearGradient>'
    '<polygon points="1,2 3,4 5,6" fill="url(#sky)"/><ellipse cx="5" cy="6" rx="7" ry="8" fill="#abc"/>'
    "</svg>"
)


@pytest.fixture(scope="module")
def compact():
    return SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES)


def test_accepts_a_typical_compact_document(compact):
    assert compact.accepts(BODY)
    assert check(SVG_HEADER + BODY) == ()


@pytest.mark.parametrize("cut", range(0, len(BODY), 7))
def test_every_prefix_closes_into_a_valid_svg(compact, cut):
    state = compact.feed(compact.initial(), BODY[:cut])
    assert state is not None
    closing = compact.closing(state)
    assert len(closing) <= compact.close_cost(state)
    svg = SVG_HEADER + BODY[:cut] + closing
    assert compact.accepts(BODY[:cut] + closing)
    assert check(svg) == ()


@pytest.mark.parametrize("text", [
    "<text",  # not on the allowlist
    "<image",
    '<rect style="',  # style is never allowed
    '<rect x="1" x="',  # duplicate attribute: not well-formed XML
    '<rect x="a',  # not a number
    '<rect x="1.2.3',
    '<rect fill="#12345"',  # neither 3 nor 6 hex digits
    '<rect fill="url(http',
    "<rect>",  # a rect cannot hold children here
    "</g",  # closes an element that is not open
    "<stop",  # a stop belongs in a gradient
    '<linearGradient><rect',  # and a gradient holds only stops
    "hello",  # no text content
    "<!--",
    '<rect x="1"/></svg>\n',  # nothing after the root element
    "\n\n\n",  # idle whitespace is capped
    '<path d="L1 2',  # path data starts with a moveto
    '<circle r="-1',  # radii are not negative
])
def test_rejects_what_would_break_the_rules(compact, text):
    assert compact.feed(compact.initial(), text) is None


def test_profile_narrows_the_allowlist():
    full = SvgGrammar()
    assert full.feed(full.initial(), "<filter><feFlood/></filter>") is not None
    assert full.feed(full.initial(), "<use") is None  # allowlisted, but cairosvg can recurse on it
    narrow = SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES)
    assert narrow.feed(narrow.initial(), "<use") is None
    with pytest.raises(ValueError, match="not on the allowlist"):
        SvgGrammar(elements=["svg", "script"])


def test_integers_only_when_decimals_is_zero():
    grammar = SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES, decimals=0)
    assert grammar.feed(grammar.initial(), '<rect x="12"') is not None
    assert grammar.feed(grammar.initial(), '<rect x="1.') is None


def test_forced_header_is_a_literal():
    grammar = SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES, header=SVG_HEADER)
    assert grammar.feed(grammar.initial(), "<svg xmlns=") is not None
    assert grammar.feed(grammar.initial(), "<svg width=") is None
    state = grammar.feed(grammar.initial(), "<svg xm")
    assert check("<svg xm" + grammar.closing(state)) == ()
    assert grammar.accepts(SVG_HEADER + BODY)


def test_empty_documents_are_closed_with_a_filler():
    grammar = SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES)
    for text in ("", "<", "<g>"):
        closing = grammar.closing(grammar.feed(grammar.initial(), text))
        assert "<rect" in text + closing and check(SVG_HEADER + text + closing) == ()
    allowed_empty = SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES, min_drawn=0)
    assert allowed_empty.accepts("</svg>")


def test_value_kinds():
    assert value_kind("d") == "path"
    assert value_kind("fill") == "paint"
    assert value_kind("stroke-linecap") == "kw:stroke-linecap"
    assert value_kind("cx") == "coordinate"
    assert value_kind("dx") == "number"


def random_document(grammar, rng, steps):
    """Walk the grammar with random characters (biased to keep going), then close."""
    alphabet = [chr(c) for c in range(32, 127)] + ["\n"]
    text, state = "", grammar.initial()
    for _ in range(steps):
        options = [ch for ch in alphabet if grammar.step(state, ch) is not None]
        if not options:
            break
        ch = rng.choice(options)
        state = grammar.step(state, ch)
        text += ch
        if state.mode == DONE:
            break
    return text + grammar.closing(state)


@settings(max_examples=60)
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(0, 400))
def test_random_walks_always_close_valid_and_renderable(compact, seed, steps):
    text = random_document(compact, random.Random(seed), steps)
    svg = SVG_HEADER + text
    assert compact.accepts(text)
    assert check(svg) == ()
    assert render_problem(svg) == ""


@settings(max_examples=30)
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(0, 300))
def test_random_walks_over_the_full_allowlist_pass_check_and_render(seed, steps):
    grammar = SvgGrammar()
    text = random_document(grammar, random.Random(seed), steps)
    assert check(SVG_HEADER + text) == ()
    assert render_problem(SVG_HEADER + text) == ""


@settings(max_examples=200)
@given(text=st.text(alphabet=st.sampled_from(list('<>/="# abcdefgilmnoprtwxyz0123456789.-\n')), max_size=60))
def test_anything_accepted_is_valid(compact, text):
    state = compact.feed(compact.initial(), text)
    if state is not None:
        assert check(SVG_HEADER + text + compact.closing(state)) == ()
