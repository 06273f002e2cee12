"""The sanitizer's CSS reading (tinycss2 underneath): declarations, rules, selectors and the cascade.

The cases marked "CSS syntax" are where a hand-written splitter went wrong and a CSS parser reads the text as a
renderer (cairosvg parses CSS with tinycss2 too) does.
"""
import random

from svgllm.sanitize.css import cascade, declarations_in, parse_declarations, parse_stylesheet


def test_declarations_lowercase_names_drop_important_and_later_ones_win():
    assert parse_declarations("FILL : Red; stroke-width:2 !important; fill: blue;;") == {
        "fill": "blue", "stroke-width": "2"}


def test_declarations_skip_empty_values_odd_names_and_garbage():
    assert parse_declarations("fill:; :red; fill red; x1: 3; -x-y: 1; stroke:#000") == {"-x-y": "1", "stroke": "#000"}


def test_declaration_values_keep_functions_and_colons():
    assert parse_declarations("fill: rgb(1, 2,3); stroke:url(#a) ; a:b:c") == {
        "fill": "rgb(1, 2,3)", "stroke": "url(#a)", "a": "b:c"}


def test_css_syntax_a_semicolon_inside_a_block_or_string_does_not_end_the_declaration():
    assert parse_declarations("stroke: {a;b}; fill: red") == {"stroke": "{a;b}", "fill": "red"}
    assert parse_declarations('font-family: "a;b"; fill: red')["fill"] == "red"


def test_css_syntax_escapes_are_read_and_a_comment_separates_tokens():
    assert parse_declarations(r"fill: \72 ed") == {"fill": "red"}
    assert parse_declarations("fill: re/**/d")["fill"] != "red"  # two tokens, as a renderer sees them
    assert parse_declarations("fill: red; /* note */ stroke: blue") == {"fill": "red", "stroke": "blue"}


def test_stylesheet_keeps_simple_selectors_and_skips_the_rest():
    rules = parse_stylesheet("rect, .a, #b, rect.a#b {fill:red} g rect{fill:blue} .a>.b{fill:blue} "
                             "circle:hover{fill:blue} [id=b]{fill:blue} @media print{rect{fill:blue}} "
                             "@import url(x.css); *{stroke:#000}")
    spelled = [(s.tag, s.classes, s.ids, d) for s, d in rules]
    assert spelled == [("rect", (), (), {"fill": "red"}), (None, ("a",), (), {"fill": "red"}),
                       (None, (), ("b",), {"fill": "red"}), ("rect", ("a",), ("b",), {"fill": "red"}),
                       ("*", (), (), {"stroke": "#000"})]


def test_css_syntax_an_unclosed_block_ends_at_the_end_and_a_stray_brace_spoils_the_next_rule():
    assert [d for _, d in parse_stylesheet("rect{fill:red")] == [{"fill": "red"}]
    assert [s.tag for s, _ in parse_stylesheet("rect{fill:red}}circle{fill:blue} g{fill:green}")] == ["rect", "g"]
    assert [s.tag for s, _ in parse_stylesheet("/* x */ rect{fill:red} /* unterminated")] == ["rect"]


def test_cascade_orders_by_specificity_then_document_order():
    rules = parse_stylesheet("#b{fill:green} .a{fill:blue;stroke:#111} rect{fill:red;stroke:#000} .a{stroke:#222}")
    assert cascade(rules, "rect", {"a"}, "b") == {"fill": "green", "stroke": "#222"}
    assert cascade(rules, "RECT", set(), "") == {"fill": "red", "stroke": "#000"}
    assert cascade(rules, "circle", {"a", "z"}, "") == {"fill": "blue", "stroke": "#222"}
    assert cascade(rules, "circle", set(), "c") == {}


def test_simple_declarations_read_without_tinycss2_are_read_as_tinycss2_reads_them():
    # near misses of the fast reader's grammar included: units opening with `e` (tinycss2 writes them
    # escaped), signs, lone points, numbers run together, `!important`, comments, brackets
    rng = random.Random(0)
    values = ["red", "#abc", "#1e5", "1", "1.5", ".5", "-2", "1e5", "50%", "2px", "1e", "RED", "a-b", "-.5", "5.",
              "1-2", "+1", "1.5.5", "--x", "e-1", "3in", "2Px", "1E", "7mm", "1.0em", "#FFF", "!important", "/**/",
              "rgb(1,2,3)", "\\72"]
    for _ in range(3000):
        parts = [rng.choice(["", " ", "\t", "\n"]) + rng.choice(["fill", "Stroke-Width", "x-", "-x", "f1"])
                 + rng.choice(["", " "]) + ":" + rng.choice(["", " ", "  "])
                 + rng.choice([" ", "  "]).join(rng.choice(values) for _ in range(rng.randint(1, 3)))
                 for _ in range(rng.randint(0, 3))]
        text = rng.choice([";", "; ", ";;"]).join(parts) + rng.choice(["", ";", " "])
        fast, reference = parse_declarations(text), declarations_in(text)
        assert (fast, list(fast)) == (reference, list(reference)), text
