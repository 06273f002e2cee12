"""The CPU build end to end: shards, resume, splits, schema, Parquet, card, Kaggle metadata, CLI."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from svgllm.rules import check

from dataset_build.assemble import stratified_split
from dataset_build.build import build, plan_shards
from dataset_build.cli import main

COLUMNS = ["description", "svg", "source", "category", "bytes", "tokens"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_config):
    out = tmp_path_factory.mktemp("dataset")
    config = make_config()
    summary = build(config, out, progress=False)
    return config, out, summary


def test_outputs_and_schema(built):
    from datasets import load_from_disk

    config, out, summary = built
    for name in ("README.md", "dataset-metadata.json", "build_config.yaml", "stats.json", "motifs_LICENSE.txt"):
        assert (out / name).is_file(), name
    dataset = load_from_disk(str(out / "hf"))
    assert set(dataset) == {"train", "validation", "test"}
    total = sum(len(dataset[s]) for s in dataset)
    assert total == summary["rows"] and total >= 15  # 20 candidates, a few may be rejected
    assert list(dataset["train"].features) == COLUMNS
    for split in dataset:
        table = pq.read_table(out / f"{split}.parquet")
        assert table.column_names == COLUMNS and table.num_rows == len(dataset[split])
        assert table.schema.field("tokens").metadata[b"method"] == summary["token_method"].encode()
    rows = [row for split in dataset for row in dataset[split]]
    assert {row["source"] for row in rows} == {"composer", "motif"}
    for row in rows:
        assert check(row["svg"]) == ()
        assert row["bytes"] == len(row["svg"].encode()) <= config.normalize.max_bytes
        assert row["tokens"] > 0 and len(row["description"]) <= 200


def test_card_and_kaggle_metadata(built):
    config, out, summary = built
    card = (out / "README.md").read_text()
    assert card.startswith("---\n") and "path: train.parquet" in card
    assert f"| train | {summary['splits']['train']} |" in card
    assert "MIT" in card and "CC BY 4.0" in card and summary["token_method"] in card
    metadata = json.loads((out / "dataset-metadata.json").read_text())
    assert metadata["id"] == f"{config.kaggle.owner}/{config.kaggle.slug}"
    assert 6 <= len(metadata["title"]) <= 50 and metadata["licenses"][0]["name"]
    stats = json.loads((out / "stats.json").read_text())
    assert stats["sources"]["composer"]["candidates"] == 12 and stats["sources"]["motif"]["candidates"] == 8


def test_resume_skips_finished_shards_and_redoes_missing_ones(built, tmp_path, make_config):
    config = make_config()
    out = tmp_path / "resume"
    build(config, out, progress=False)
    shards = sorted((out / "shards").glob("*.parquet"))
    assert len(shards) == len(plan_shards(config)) == 5
    stamps = {p.name: p.stat().st_mtime_ns for p in shards}
    # an interrupted run: one shard never finished (only its temporary file is there)
    victim = shards[1]
    victim.unlink()
    (out / "shards" / f".{victim.name}.tmp").write_bytes(b"partial")
    summary = build(config, out, progress=False)
    for path in sorted((out / "shards").glob("*.parquet")):
        if path.name == victim.name:
            assert path.is_file()
        else:
            assert path.stat().st_mtime_ns == stamps[path.name], f"{path.name} was rebuilt"
    first = json.loads((built[1] / "stats.json").read_text())
    assert summary["rows"] == first["rows"]  # same config, same dataset
    assert build(make_config(num_proc=2), out, progress=False)["rows"] == first["rows"]  # num_proc changes no row
    with pytest.raises(ValueError, match="sources"):
        build(make_config(sources={"composer": 13}), out, progress=False)


def test_stratified_split_keeps_every_stratum_in_train():
    rows = [{"category": c, "source": s, "i": i} for c in "ab" for s in ("x", "y") for i in range(10)]
    rows += [{"category": "lonely", "source": "x", "i": 0}]
    splits = stratified_split(rows, 0.2, 0.1, seed=0)
    assert sum(len(v) for v in splits.values()) == len(rows)
    for category in "ab":
        for source in "xy":
            in_val = [r for r in splits["validation"] if (r["category"], r["source"]) == (category, source)]
            in_test = [r for r in splits["test"] if (r["category"], r["source"]) == (category, source)]
            assert (len(in_val), len(in_test)) == (2, 1)
    assert any(r["category"] == "lonely" for r in splits["train"])
    assert stratified_split(rows, 0.2, 0.1, seed=0) == splits


def test_cli_builds_from_a_config_file_and_rejects_bad_ones(tmp_path, capsys):
    config_file = tmp_path / "mini.yaml"
    config_file.write_text("name: mini\nshard_size: 4\nnum_proc: 1\nsources: {composer: 4, motif: 2}\n")
    assert main(["--profile", str(config_file), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["rows"] >= 4
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources: {composers: 4}\n")
    assert main(["--profile", str(bad), "--out", str(tmp_path / "x")]) == 2
    assert "composers" in capsys.readouterr().err
    assert main(["--profile", "no-such-profile", "--out", str(tmp_path / "x")]) == 2
