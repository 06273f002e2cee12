"""The planner's training pairs: labels known by construction, descriptions in the competition's style."""
from __future__ import annotations

import json

import pytest
from svgllm.backends.composer.program import from_program, to_program, vocabulary

from dataset_build import planner_words
from dataset_build.planner_pairs import MAX_CHARS, Lexicon, Sampler, build_pairs, split_of


@pytest.fixture(scope="module")
def pairs():
    return build_pairs(rows=600, seed=3)


def test_labels_are_canonical_programs_and_descriptions_fit(pairs):
    rows = [r for split in pairs.values() for r in split]
    assert len(rows) == 600
    for row in rows:
        assert to_program(from_program(row["program"])) == row["program"]
        assert 0 < len(row["description"]) <= MAX_CHARS and row["description"] == " ".join(row["description"].split())
    descriptions = [r["description"].lower() for r in rows]
    assert len(set(descriptions)) == len(descriptions)  # deduplicated


def test_every_painter_and_field_is_covered(pairs):
    scenes = [from_program(r["program"]) for split in pairs.values() for r in split]
    kinds = {s.main.kind for s in scenes if s.main}
    assert kinds == {"object", "garment", "shape"}
    assert sum(s.main is None and s.setting is not None for s in scenes) > 30  # landscapes
    for field in ("time", "arrangement", "background_color", "sky_color", "cover"):
        assert any(getattr(s, field) for s in scenes), field
    assert any(s.weather for s in scenes) and any(s.relations for s in scenes)
    assert any(s.main and s.main.material for s in scenes) and any(s.main and s.main.pattern for s in scenes)


def test_surface_words_reach_the_label_they_name():
    sampler = Sampler(Lexicon(), seed=11)
    for _ in range(300):
        description, program = sampler.pair()
        scene = from_program(program)
        if scene.main is not None and scene.main.kind == "garment":
            words = Lexicon().garments[scene.main.name]
            assert any(w.split()[-1] in description for w in words), (description, program)


def test_extra_words_name_real_program_names():
    v = vocabulary()
    assert set(planner_words.OBJECT_WORDS) <= set(v.objects)
    assert set(planner_words.SETTING_WORDS) <= set(v.settings)
    assert all(hex_.startswith("#") and len(hex_) == 7 for hex_ in planner_words.EXTRA_COLOURS.values())


def test_splits_are_stable_and_disjoint(pairs):
    for name, rows in pairs.items():
        assert all(split_of(r["description"]) == name for r in rows if r["source"] == "sampled")
    assert {len(rows) > 0 for rows in pairs.values()} == {True}
    assert build_pairs(rows=50, seed=3)["train"][:5] == build_pairs(rows=50, seed=3)["train"][:5]


def test_cli_writes_jsonl_card_and_dataset(tmp_path):
    pytest.importorskip("datasets")
    from dataset_build.planner_pairs import main

    assert main(["--out", str(tmp_path), "--rows", "80", "--samples", str(tmp_path / "none.csv")]) == 0
    card = json.loads((tmp_path / "card.json").read_text())
    assert sum(s["rows"] for s in card["splits"].values()) == 80
    assert card["splits"]["train"]["tokens_total"] > 0 and (tmp_path / "hf" / "dataset_dict.json").is_file()
    first = json.loads((tmp_path / "train.jsonl").read_text().splitlines()[0])
    assert {"description", "program", "source", "description_tokens", "program_tokens"} <= set(first)


def test_a_build_with_an_empty_split_still_loads_for_training(tmp_path):
    """A small build can draw no validation row; hf/ must still load (training holds out a share of train)."""
    pytest.importorskip("datasets")
    from dataset_build.planner_pairs import write
    from training_notebooks.svgtrain.data import load_dataset_dict

    splits = build_pairs(rows=200, seed=1)
    splits["validation"] = []
    assert splits["test"]
    card = write(splits, tmp_path, seed=1)
    assert card["splits"]["validation"]["rows"] == 0
    loaded = load_dataset_dict(tmp_path / "hf", validation_fraction=0.25, task="planner")
    assert len(loaded["validation"]) > 0 and len(loaded["train"]) + len(loaded["validation"]) == len(splits["train"])
    assert (len(loaded["test"]) if "test" in loaded else 0) == len(splits["test"])
