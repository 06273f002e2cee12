"""`python -m dataset_build.motifs` on a small fixture icon set written here."""

from __future__ import annotations

import json

from svgllm.rules import check

from dataset_build import motifs as build

ICONS = {
    "prefix": "fixture",
    "width": 32,
    "height": 32,
    "icons": {
        # dominant orange body with a darker orange shade and a black eye: the family is the two oranges
        "fox": {
            "body": '<path fill="#F70" d="M2 2h28v28H2z"/><path fill="#c05a00" d="M2 20.123456h28v10H2z"/>'
            '<circle cx="16" cy="10" r="2" fill="#000"/>'
        },
        # needs a clip path: the allowlist forbids <clipPath>, so the icon is dropped
        "clipped": {
            "body": '<clipPath id="a"><path d="M0 0h4v4H0z"/></clipPath><g clip-path="url(#a)">'
            '<path fill="red" d="M0 0h32v32H0z"/></g>'
        },
        "fox-dark": {"body": '<path fill="#333" d="M2 2h28v28H2z"/>'},  # skin-tone style variant: skipped
        "blank": {"body": '<path fill="none" d="M0 0h1v1H0z"/>'},  # nothing to see: skipped
        "blue-whale": {"body": '<path fill="blue" d="M4 12h24v12H4z"/>'},  # named colour normalised to hex
    },
}
METADATA = {"categories": {"Animals & Nature": ["fox", "clipped", "fox-dark", "blank", "blue-whale"]}}
INFO = {"name": "Fixture Emoji", "author": {"name": "Tests"}, "license": {"title": "MIT", "spdx": "MIT"}}


def make_package(root):
    package = root / "package"
    package.mkdir()
    (package / "icons.json").write_text(json.dumps(ICONS))
    (package / "metadata.json").write_text(json.dumps(METADATA))
    (package / "info.json").write_text(json.dumps(INFO))
    return package


def test_build_from_fixture(tmp_path):
    out = tmp_path / "out"
    assert build.main(["--source", str(make_package(tmp_path)), "--out", str(out)]) == 0
    library = json.loads((out / build.LIBRARY_FILE).read_text())
    motifs = library["motifs"]
    assert sorted(motifs) == ["blue-whale", "fox"]
    fox = motifs["fox"]
    assert fox["d"] == "#ff7700" and sorted(fox["f"]) == ["#c05a00", "#ff7700"]
    assert fox["k"] == ["fox"] and motifs["blue-whale"]["k"] == ["blue", "whale"]
    assert "20.12" in fox["b"] and "20.123" not in fox["b"]  # numbers shortened
    assert "#0000ff" in motifs["blue-whale"]["b"]
    for motif in motifs.values():
        assert check(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">{motif["b"]}</svg>') == ()
    licence = (out / build.LICENSE_FILE).read_text()
    assert "Fixture Emoji" in licence and "MIT" in licence


def test_missing_source_is_a_clear_error(tmp_path, capsys):
    assert build.main(["--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    assert "icons.json" in capsys.readouterr().err


def test_number_shortening_keeps_paths_intact():
    body = '<path fill="#000" d="M6.02 11.587c0-.32.223-.567.49-.567 1.2.0049"/>'
    cleaned = build.clean_body(body)
    assert "c0-.32.22-.57.49-.57" in cleaned and "1.2 0" in cleaned
