"""Data: dataset_build's schema -> prompt/completion rows with EOS; over-long rows dropped; clear errors."""
from __future__ import annotations

import json

import pytest
import training_rows

from training_notebooks.svgtrain.data import load_dataset_dict, to_rows


def test_rows_end_with_eos_and_long_rows_are_dropped(dataset_dir, tokenizer):
    loaded = load_dataset_dict(dataset_dir)
    assert set(loaded) == {"train", "validation", "test"}
    rows, dropped = to_rows(loaded["train"], tokenizer, max_seq_length=1024)
    assert dropped == 0 and len(rows) == 6
    for row, source in zip(rows, loaded["train"], strict=True):
        assert row["completion"] == source["svg"] + tokenizer.eos_token
        assert source["description"] in row["prompt"] and row["prompt"].endswith("SVG:\n")
    lengths = sorted(len(tokenizer(r["prompt"] + r["completion"])["input_ids"]) for r in rows)
    limit = lengths[2]  # keeps the three shortest rows
    short, dropped = to_rows(loaded["train"], tokenizer, max_seq_length=limit)
    assert len(short) == sum(n <= limit for n in lengths) and dropped == 6 - len(short)


def test_jsonl_is_split_into_train_and_validation(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in training_rows.rows()), encoding="utf-8")
    loaded = load_dataset_dict(path, validation_fraction=0.25, seed=1)
    assert len(loaded["train"]) + len(loaded["validation"]) == 8 and len(loaded["validation"]) == 2


def test_bad_datasets_fail_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        load_dataset_dict(tmp_path / "missing")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"description": "x", "image": "y"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks column"):
        load_dataset_dict(bad)
    with pytest.raises(ValueError, match=".jsonl"):
        load_dataset_dict(_write(tmp_path / "rows.csv", "description,svg\n"))


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path
