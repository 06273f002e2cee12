"""The render cost bound: the estimate follows every multiplier, and the bound removes the costliest repeats."""
import pytest
from svgllm.backends.composer.compose import compose
from svgllm.sanitize import parse, serialize
from svgllm.sanitize.render_cost import MAX_RENDER_UNITS, bound_render_cost, render_units

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 384">'


def units(body: str) -> float:
    return render_units(parse(f"{HEAD}{body}</svg>"))


def marker_chain(depth: int, vertices: int = 10) -> str:
    path = "M0 0" + "".join(f"L{i} {i % 2}" for i in range(1, vertices))
    defs = f'<marker id="m0"><path d="{path}"/></marker>'
    for level in range(1, depth):
        defs += f'<marker id="m{level}"><path d="{path}" marker-mid="url(#m{level - 1})"/></marker>'
    return f'<defs>{defs}</defs><path id="top" d="{path}" marker-mid="url(#m{depth - 1})"/>'


def test_plain_shapes_cost_about_one_unit_each():
    assert 10 <= units('<rect width="1" height="1"/>' * 10) <= 12


def test_nested_markers_multiply_with_depth():
    costs = [units(marker_chain(depth)) for depth in (1, 2, 3, 4)]
    for shallow, deep in zip(costs, costs[1:], strict=False):
        assert deep > 6 * shallow  # 8 mid vertices per level


def test_use_repeats_its_target_and_inherits_markers_from_the_use():
    group = '<defs><g id="g">' + '<circle r="1"/>' * 50 + "</g></defs>"
    once, many = units(group + '<use href="#g"/>'), units(group + '<use href="#g"/>' * 20)
    assert many > 19 * (once - 1)
    path = "M0 0" + "L1 1" * 40
    marked = (f'<defs><marker id="m"><circle r="1"/></marker><path id="p" d="{path}"/></defs>'
              '<use href="#p" marker-mid="url(#m)"/>')
    assert units(marked) > units(marked.replace(' marker-mid="url(#m)"', "")) + 30


def test_pattern_content_is_counted_per_painted_shape():
    pattern = ('<defs><pattern id="p" width="9" height="9" patternUnits="userSpaceOnUse">'
               + '<circle r="1"/>' * 30 + "</pattern></defs>")
    assert units(pattern + '<rect width="9" height="9" fill="url(#p)"/>' * 10) > 300


def test_dense_dashes_on_a_long_path_are_expensive():
    far = "M0 0" + "".join(f"L{(i % 2) * 90000} {i}" for i in range(1, 50))
    dashed = f'<path d="{far}" stroke="red" stroke-dasharray=".01"/>'
    assert units(dashed) > 100 * MAX_RENDER_UNITS
    assert units(dashed.replace(".01", "40")) < MAX_RENDER_UNITS


def test_a_reference_cycle_is_infinite():
    assert units('<g marker-mid="url(#m)"><marker id="m"><path d="M0 0L1 1 2 2"/></marker></g>'
                 '<path d="M0 0L1 1 2 2" marker-mid="url(#m)"/>') == float("inf")
    root_marker = parse('<svg xmlns="http://www.w3.org/2000/svg" marker-mid="url(#m)"><marker id="m">'
                        '<path d="M0 0L1 1 2 2"/></marker><path d="M0 0L1 1 2 2"/></svg>')
    assert render_units(root_marker) == float("inf")


def test_bound_removes_the_outer_marker_and_keeps_the_drawing():
    doc = parse(f"{HEAD}{marker_chain(6)}</svg>")
    assert render_units(doc) > MAX_RENDER_UNITS
    bound_render_cost(doc)
    assert render_units(doc) <= MAX_RENDER_UNITS
    top = next(node for node in doc.iter() if node.attrs.get("id") == "top")
    assert "marker-mid" not in top.attrs and top.attrs["d"]
    assert sum(node.tag == "marker" for node in doc.iter()) == 6  # definitions stay; only the repeat went


def test_bound_drops_just_enough_uses():
    body = '<defs><g id="g">' + '<circle r="1"/>' * 100 + "</g></defs>" + '<use href="#g"/>' * 100
    doc = parse(f"{HEAD}{body}</svg>")
    bound_render_cost(doc)
    kept = sum(node.tag == "use" for node in doc.iter())
    assert render_units(doc) <= MAX_RENDER_UNITS
    assert 10 <= kept < 100  # not every use went


def test_dropped_pattern_paint_falls_back_to_its_colour():
    pattern = ('<defs><pattern id="p" width="9" height="9" patternUnits="userSpaceOnUse">'
               + '<circle r="1"/>' * 400 + "</pattern></defs>")
    doc = parse(f'{HEAD}{pattern}' + '<rect width="9" height="9" fill="url(#p) green"/>' * 20 + "</svg>")
    bound_render_cost(doc)
    fills = [node.attrs.get("fill") for node in doc.iter() if node.tag == "rect"]
    assert "green" in fills and render_units(doc) <= MAX_RENDER_UNITS


@pytest.mark.parametrize("description", ["a forest of pine trees under a full moon", "polka dot umbrella in the rain",
                                         "a city skyline at sunset with many windows", "checkered orange tiles"])
def test_real_drawings_are_left_alone(description):
    svg = compose(description)
    doc = parse(svg)
    assert render_units(doc) < MAX_RENDER_UNITS / 10
    assert serialize(bound_render_cost(doc)) == serialize(parse(svg))


def test_a_pattern_without_content_costs_what_it_links_to():
    content = '<circle r="1"/>' * 60
    linked = (f'<defs><pattern id="a" width="9" height="9" patternUnits="userSpaceOnUse">{content}</pattern>'
              '<pattern id="b" href="#a"/></defs>' + '<rect width="9" height="9" fill="url(#b)"/>' * 10)
    assert units(linked) > 600
