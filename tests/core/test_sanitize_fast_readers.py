"""The sanitizer's quick readings and writings give exactly what their plain descriptions give.

Paths are read in one go when plain, token by token when not, character by character once an arc reaches its
flags; numbers are written many at a time; the byte budget is met by rounding joined values and following the
size arithmetically. Each is compared here with the plain steps written out (or with an input that routes to the
careful reading), on random and hostile data.
"""
import math
import random

import pytest
from svgllm import values as v
from svgllm.path_data import parse_path
from svgllm.sanitize import sanitize
from svgllm.sanitize.budget import drop_unused_ids, fit_budget, round_all, shape_area, size_of
from svgllm.sanitize.content import decimals_for
from svgllm.sanitize.tree import Node, attribute_size, parse, serialize

ROOT = '<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'
ARC = " a1 1 0 0 1 1 1"  # reaching an arc's flags hands the whole text to the character-by-character loop


def _careful(text: str) -> list:
    """parse_path's character-by-character reading of `text` (the arc added at the end is taken off again)."""
    segments = parse_path(text + ARC)
    assert segments[-1] == ("a", [1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    return segments[:-1]


def _random_path(rng: random.Random, noise: list[str]) -> str:
    text = "M" + " ".join(str(round(rng.uniform(-50, 50), rng.randint(0, 3))) for _ in range(2))
    for _ in range(rng.randint(0, 6)):
        text += rng.choice("MLHVCSQTZmlhvcsqtz") + ",".join(
            str(round(rng.uniform(-50, 50), 2)) for _ in range(rng.randint(0, 8)))
        if noise and rng.random() < 0.3:
            text += rng.choice(noise)
    return text


def test_plain_paths_read_in_one_go_agree_with_the_careful_reading():
    rng = random.Random(7)
    for _ in range(2000):
        text = _random_path(rng, [])
        assert parse_path(text) == _careful(text)
        assert parse_path(text + "A") == _careful(text)  # a stray arc letter: the token reading


def test_hostile_paths_read_token_by_token_agree_with_the_careful_reading():
    rng = random.Random(8)
    noise = [" nan", "1e999", " x ", "..5", "-", "e", "٣", "1e6", "\n", " a1 2", "A 1 1 0 1"]
    for _ in range(3000):
        text = _random_path(rng, noise)
        assert parse_path(text + "A") == _careful(text), text  # the stray arc letter: the token reading


def test_the_one_go_reading_cuts_numbers_any_way_that_fits():
    # kept as it always was (sanitised drawings must not change): plain arc-free data is read when it can be cut
    # into numbers in any way, `15.30.` as `15.3` and `0.`, where the token reading sees garbage after `15.30`
    assert parse_path("M0 0L15.30.,219 1") == [("M", [0.0, 0.0]), ("L", [15.3, 219.0])]
    assert parse_path("M0 0L15.30.,219 1A") == _careful("M0 0L15.30.,219 1") == [("M", [0.0, 0.0])]
    assert parse_path("M0 0L1e5e5 1") == [("M", [0.0, 0.0])]  # no cut fits: garbage either way


def test_a_long_digit_run_before_garbage_is_read_at_once():
    # a whole-stretch regex tried every split of the digits: `M111...1x` took 19 s for 20 digits, 2x per digit
    text = "M0 0L" + "1" * 60 + "x 5 5L2 2"
    assert parse_path(text) == [("M", [0.0, 0.0]), ("L", [2.0, 2.0])]
    svg = sanitize(f'<svg viewBox="0 0 9 9"><path d="M0 0L1 1L{"0" * 5000}x"/></svg>', verify_render=False)
    assert '<path d="M0 0L1 1"/>' in svg


def test_numbers_written_many_at_a_time_match_fmt():
    rng = random.Random(9)
    specials = [0.0, -0.0, 1e-9, -1e-9, 0.5, -0.04, 100.0, -100.0, 1e5, math.inf, -math.inf]
    for _ in range(5000):
        values = [rng.choice(specials + [rng.uniform(-1, 1), rng.uniform(-1e5, 1e5),
                                         round(rng.uniform(-10, 10), rng.randint(0, 4))])
                  for _ in range(rng.randint(0, 12))]
        decimals = rng.randint(0, 8)
        assert v.fmt_all(values, decimals) == [v.fmt(value, decimals) for value in values]


def test_number_lists_keep_their_reading():
    assert v.numbers_in(" 1,2  3 ") == [1.0, 2.0, 3.0]
    assert v.numbers_in("1 2x") is None and v.numbers_in("1 1e999") is None and v.numbers_in("") == []
    assert v.numbers_in("-3e5 7") == [-v.MAX_ABS, 7.0]  # clamped
    assert v.clean_points("0,0 1e999 4,0 4,4", 2) == "0,0 4,0 4,4"  # the infinite number alone is dropped


def test_cutting_to_integers_matches_the_two_substitutions():
    """round_numbers(text, 0) is: bare fractions become 0, then a fraction after a digit goes (left to right, so
    `1.2.3` keeps `1.3`), whichever patterns do it."""
    import re

    bare, integer = re.compile(r"(?<![\d.])\.\d+"), re.compile(r"(\d)\.\d+")
    rng = random.Random(5)
    texts = ["1.2.3", "1.2.3.4", ".5", "-.5 1.5", "1..5", "M1.5 2L.25-3.75", "12.5\x00.5,1.2.3e4"]
    texts += ["".join(rng.choice("0123456789..-  ,Me") for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    for text in texts:
        assert v.round_numbers(text, 0) == integer.sub(r"\1", bare.sub("0", text)), text


def test_serialize_writes_each_attribute_as_counted():
    node = Node("rect", {"x": "1", "fill": 'a"<&b', "id": "é\ud800"})
    assert serialize(node) == '<rect x="1" fill="a&quot;&lt;&amp;b" id="é"/>'
    assert len(serialize(node).encode()) == len("<rect/>") + sum(attribute_size(k, val) for k, val in
                                                                 node.attrs.items())


def _plain_fit_budget(doc: Node, budget: int) -> Node:
    """fit_budget as first written: round the tree a decimal at a time, serialising to measure; drop the
    smallest shapes by a running sum of their bytes; keep only the background if it still does not fit."""
    if size_of(doc) <= budget:
        return doc
    drop_unused_ids(doc)
    decimals = decimals_for(doc)
    while decimals > 0:
        before = size_of(doc)
        if before <= budget:
            return doc
        decimals -= 1
        round_all(doc, decimals)
        after = size_of(doc)
        if after > budget and decimals > 0 and after - (before - after) * decimals > budget:
            round_all(doc, 0)
            break
    if size_of(doc) <= budget:
        return doc
    root = doc.children[0]
    pairs, stack = [], [root]
    while stack:
        node = stack.pop()
        for index, child in enumerate(node.children):
            if child.tag == "defs":
                continue
            if child.tag in ("rect", "circle", "ellipse", "line", "path", "polygon", "polyline", "use") \
                    and not (node is root and index == 0):
                pairs.append(child)
            stack.append(child)
    excess, removed = size_of(doc) - budget, set()
    for shape in sorted(pairs, key=shape_area):
        if excess <= 0:
            break
        removed.add(id(shape))
        excess -= len(serialize(shape).encode())

    def copy(node):
        return Node(node.tag, node.attrs, [copy(c) for c in node.children if id(c) not in removed], node.text)

    result = copy(doc)
    if size_of(result) > budget:
        result.children[0].children = result.children[0].children[:1]
    return result


def _random_drawing(rng: random.Random) -> str:
    parts = [f'<svg viewBox="0 0 {rng.choice([1, 24, 384, 5000])} 384">', '<rect width="9" height="9"/>']
    for _ in range(rng.randint(1, 60)):
        number = lambda: f"{rng.uniform(-500, 500):.{rng.randint(0, 6)}f}"  # noqa: E731
        kind = rng.random()
        if kind < 0.3:
            parts.append(f'<path d="M{number()} {number()}' + "".join(
                f"{rng.choice('LlCcHhQqz')}{number()} {number()} {number()} {number()} {number()} {number()}"
                for _ in range(rng.randint(1, 5))) + '"/>')
        elif kind < 0.5:
            parts.append(f'<polygon points="{" ".join(number() for _ in range(2 * rng.randint(2, 9)))}" '
                         f'fill-opacity="{rng.random():.5f}"/>')
        elif kind < 0.7:
            parts.append(f'<g transform="scale({rng.choice(["0.001", "1", "40", "2000"])})" id="g{rng.randint(0, 9)}">'
                         f'<circle cx="{number()}" cy="{number()}" r="{abs(float(number()))}"/>'
                         f'<rect x="{number()}" width="{number()}%" height="{number()}"></g>')
        elif kind < 0.85:
            parts.append(f'<use href="#g{rng.randint(0, 9)}" x="{number()}"/><line x1="{number()}" '
                         f'x2="{number()}" stroke-width="{number()}" stroke-dasharray="{number()} 2.25"/>')
        else:
            parts.append(f'<ellipse rx="{number()}" ry="{number()}" opacity="{rng.random():.4f}"><rect '
                         f'width="{number()}" height="1.5"/></ellipse>')
    return "".join(parts) + "</svg>"


@pytest.mark.parametrize("seed", range(6))
def test_fit_budget_gives_what_the_plain_steps_give(seed):
    from svgllm.sanitize import TEXT_PASSES, TREE_PASSES

    rng = random.Random(seed)
    for _ in range(40):
        text = _random_drawing(rng)
        for text_pass in TEXT_PASSES:
            text = text_pass(text)
        budget = rng.choice([200, 600, 1500, 3000, 8000])
        fitted = []
        for fit in (fit_budget, _plain_fit_budget):
            doc = parse(text)
            for tree_pass in TREE_PASSES:
                doc = tree_pass(doc)
            fitted.append(serialize(fit(doc, budget)))
        assert fitted[0] == fitted[1]


def test_fit_budget_without_joinable_values_gives_the_same():
    # a value holding the joining character cannot be joined: the tree itself is rounded then
    text = ROOT + '<rect width="384" height="384"/>' + "".join(
        f'<path d="M{i}.123456 0L{i}.98765 50.5555 {i}.1 {i}.2z"/>' for i in range(60)) + "</svg>"
    fitted = []
    for fit in (fit_budget, _plain_fit_budget):
        doc = parse(text)
        doc.children[0].children[5].attrs["d"] = "M1.23456\x007.891 3L4 5"
        fitted.append(serialize(fit(doc, 2500)))
    assert fitted[0] == fitted[1] and len(fitted[0].encode()) <= 2500
