"""The CSS colour names `svgllm.colors` takes from Pillow (`ImageColor`), and the colour finder reading them."""
from PIL import ImageColor
from svgllm.colors import css_color_names, find_colors


def test_css_names_are_the_css_colour_module_table_as_hex():
    names = css_color_names()
    assert len(names) == 148 and list(names) == sorted(names)
    assert names["rebeccapurple"] == "#663399" and names["lightgoldenrodyellow"] == "#fafad2"
    assert names["grey"] == names["gray"] == "#808080"
    assert all(len(value) == 7 and value.startswith("#") and value == value.lower() for value in names.values())


def test_css_names_read_right_after_pillow_cached_a_lookup():
    ImageColor.getrgb("red")  # Pillow now keeps (255, 0, 0) in its colormap where "#ff0000" was
    css_color_names.cache_clear()
    assert css_color_names()["red"] == "#ff0000"


def test_finder_reads_css_names_joined_or_written_apart():
    assert [(m.words, m.hex) for m in find_colors("a crimson kite over a dark slate blue lake")] == [
        ("crimson", "#dc143c"), ("dark slate blue", "#483d8b")]
