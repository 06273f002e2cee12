"""The sanitizer's CSS reading (tinycss2 underneath): declarations, rules, selectors and the cascade.

The cases marked "CSS syntax" are where a hand-written splitter went wrong and a CSS parser reads the text as a
renderer (cairosvg parses CSS with tinycss2 too) does.
"""
from svgllm.sanitize.css import cascade, parse_declarations, parse_stylesheet


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
