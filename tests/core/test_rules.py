"""`check` agrees with svg_rules.json: every allowlisted element/attribute passes, every forbidden case fails."""
import json
from importlib import resources

import pytest
from svgllm.rules import check, external_urls, forbidden_text, is_valid, load_rules, local_name

RAW = json.loads(resources.files("svgllm").joinpath("data", "svg_rules.json").read_text())
HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def wrap(body: str) -> str:
    return f"{HEAD}{body}</svg>"


@pytest.mark.parametrize("element", sorted(RAW["elements"]))
def test_every_allowlisted_element_and_its_attributes_pass(element):
    attributes = RAW["elements"][element]
    values = {name: ("#a" if name == "href" else "1") for name in attributes}
    attrs = " ".join(f'{name}="{value}"' for name, value in values.items())
    assert check(wrap(f"<{element} {attrs}/>")) == ()


@pytest.mark.parametrize("attribute", sorted(RAW["common"]))
def test_every_common_attribute_passes_on_any_element(attribute):
    assert check(wrap(f'<rect {attribute}="1"/>')) == ()
    assert check(wrap(f'<g {attribute}="1"/>')) == ()


@pytest.mark.parametrize("element", RAW["not_allowed_examples"])
def test_listed_forbidden_elements_fail(element):
    problems = check(wrap(f"<{element}/>"))
    assert problems == (f"element not allowed: <{element}>",)


@pytest.mark.parametrize("attribute", ["style", "class", "onload", "onclick"])
def test_forbidden_attributes_fail(attribute):
    assert check(wrap(f'<rect {attribute}="x"/>')) == (f"attribute not allowed: <rect {attribute}>",)


def test_attribute_of_another_element_fails():
    assert check(wrap('<circle width="3"/>')) == ("attribute not allowed: <circle width>",)


def test_namespaces_are_stripped():
    assert check(wrap('<use xlink:href="#a"/>')) == ()
    svg = '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:rect s:x="1"/></s:svg>'
    assert check(svg) == ()
    assert local_name("{http://www.w3.org/2000/svg}rect") == "rect"


@pytest.mark.parametrize("value", ["data:image/png;base64,AAA", "DATA:text/plain,x", "x;base64,y"])
def test_embedded_data_fails(value):
    assert any("embedded data" in p for p in check(wrap(f'<rect fill="{value}"/>')))


def test_external_href_fails():
    assert any("external href" in p for p in check(wrap('<use href="http://x/y.svg#a"/>')))
    assert any("external href" in p for p in check(wrap('<use xlink:href="y.svg#a"/>')))


def test_size_limit_is_in_utf8_bytes():
    limit = RAW["max_bytes"]
    filler = "é" * ((limit - len(wrap("")) ) // 2 + 1)  # two bytes each: just over in bytes, under in characters
    svg = wrap(f'<g id="{filler}"/>')
    assert len(svg) < limit + 20 and len(svg.encode()) > limit
    assert any("too large" in p for p in check(svg))
    assert is_valid(wrap('<rect width="1"/>'))


@pytest.mark.parametrize("svg", [
    '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect',
    "not xml at all",
    "",
])
def test_unparseable_or_dtd_fails(svg):
    assert any("does not parse" in p for p in check(svg))


def test_check_never_raises_on_non_strings():
    assert check(None) == ("not a str: NoneType",)
    assert check(b"<svg/>") == ("not a str: bytes",)
    assert check("\ud800") == ("not encodable as UTF-8 (lone surrogate)",)


def test_every_violation_is_listed():
    problems = check(wrap('<text style="x"/><rect class="c" fill="data:x"/>'))
    assert len(problems) == 3


def test_rules_loaded_from_package_data():
    rules = load_rules()
    assert rules.max_bytes == RAW["max_bytes"]
    assert set(rules.elements) == set(RAW["elements"])
    assert rules.allows_attribute("rect", "fill") and not rules.allows_attribute("rect", "r")


@pytest.mark.parametrize("value", ["url(#a) url(http://evil/x)", "url(#a)url(file:///etc/passwd)",
                                   "url(javascript:alert(1))", "URL( 'https://x' )", "url(#a), url(//x)"])
def test_every_external_url_fails_not_only_the_first(value):
    assert any("external url" in p for p in check(wrap(f'<rect fill="{value}" filter="url(#f)"/>')))


@pytest.mark.parametrize("value", ["url(#a)", "url( '#a' )", "url(#a) red", "none"])
def test_local_references_pass(value):
    assert check(wrap(f'<rect fill="{value}" marker-end="{value}"/>')) == ()


def test_forbidden_text_scans_the_written_text():
    assert forbidden_text(wrap('<rect fill="url(#a)"/><use href="#b"/>')) == ""
    assert "external url" in forbidden_text(wrap('<rect fill="url(#a) url(http://x)"/>'))
    assert "external href" in forbidden_text(wrap("<use href='y.svg#a'/>"))
    assert forbidden_text(wrap('<rect stroke="DaTa:x"/>')) == "embedded data"
    assert external_urls("url(#a) url( 'file:x' )url(#b)") == ["file:x"]
