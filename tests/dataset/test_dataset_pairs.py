"""Descriptions drawn by the text-driven sources: sampled ones plus an optional JSONL file."""
from __future__ import annotations

import json

import pytest

from dataset_build.build import build
from dataset_build.pairs import read_descriptions_file, source_pairs


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + "\n", encoding="utf-8")
    return path


def test_file_is_filtered_deduplicated_and_categorised(tmp_path):
    path = write_jsonl(tmp_path / "d.jsonl", [
        {"description": "A copper kettle on a stove", "category": "objects"},
        {"description": "a copper kettle on a stove."},  # repeat after cleaning
        {"description": "gucci handbag in red"},  # brand: filtered out
        {"description": "a penguin on an ice floe"},  # category guessed from the words
    ])
    assert read_descriptions_file(path) == [("a copper kettle on a stove", "objects"),
                                            ("a penguin on an ice floe", "animals")]


@pytest.mark.parametrize("line, message", [
    ("not json", ":1: not JSON"),
    ('{"text": "a cat"}', "'description' string"),
    ('{"description": "a cat on a mat", "category": "cats"}', "unknown category"),
])
def test_malformed_lines_are_named(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_descriptions_file(path)


def test_sources_draw_different_samples_and_the_file_goes_to_one_source(tmp_path, make_config):
    path = write_jsonl(tmp_path / "d.jsonl", [{"description": "a copper kettle on a stove"}])
    config = make_config(sources={"composer": 6, "motif": 0, "diffusion": 0}, descriptions_file=str(path),
                         descriptions_source="composer")
    composer = source_pairs(config, "composer")
    assert len(composer) == 7 and composer[-1][0] == "a copper kettle on a stove"
    assert source_pairs(config, "diffusion") == []
    other = make_config(sources={"composer": 6, "motif": 0, "diffusion": 6}, diffusion={"model": "m"})
    assert {d for d, _ in source_pairs(other, "composer")} != {d for d, _ in source_pairs(other, "diffusion")}
    with pytest.raises(ValueError, match="diffusion.model"):
        make_config(descriptions_file=str(path))  # drawn by diffusion (the default) without a model
    with pytest.raises(ValueError, match="not found"):
        make_config(descriptions_file=str(tmp_path / "missing.jsonl"), descriptions_source="composer")


def test_composer_draws_the_file_in_a_build(tmp_path, make_config):
    path = write_jsonl(tmp_path / "d.jsonl", [{"description": "a copper kettle on a stove"},
                                              {"description": "a red fox in the snow", "category": "animals"}])
    config = make_config(sources={"composer": 0, "motif": 0, "diffusion": 0}, descriptions_file=str(path),
                         descriptions_source="composer", split={"validation": 0.0, "test": 0.0})
    summary = build(config, tmp_path / "out", progress=False)
    assert summary["rows"] == 2 and summary["sources"]["composer"]["candidates"] == 2
