"""`dataset_build.shards`: the plan of a build and the one row schema behind Parquet and `datasets`."""
from __future__ import annotations

import pytest

from dataset_build.config import from_dict
from dataset_build.shards import ROW_COLUMNS, Shard, arrow_schema, dataset_features, is_done, plan_shards, write_shard


def test_parquet_and_datasets_schemas_come_from_one_definition():
    pytest.importorskip("datasets")
    schema, features = arrow_schema("tokenizer.json"), dataset_features()
    assert schema.names == list(features) == list(ROW_COLUMNS)
    assert features.arrow_schema.types == schema.types  # the same arrow types, column by column
    assert schema.field("tokens").metadata == {b"method": b"tokenizer.json"}


def test_plan_covers_each_source_in_shard_sized_pieces():
    config = from_dict({"shard_size": 4, "sources": {"composer": 10, "motif": 5, "diffusion": 0}})
    shards = plan_shards(config, sources=("motif",))
    assert shards == [Shard("motif", 0, 0, 4), Shard("motif", 1, 4, 5)]
    assert [s.name for s in shards] == ["motif-00000", "motif-00001"]


def test_a_shard_is_done_only_once_written(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    assert not is_done(tmp_path, "composer-00000")
    row = {"description": "a red kite", "svg": "<svg/>", "source": "composer", "category": "objects",
           "bytes": 6, "tokens": 3}
    path = write_shard([row], {"token_method": "bytes"}, tmp_path, "composer-00000")
    assert is_done(tmp_path, "composer-00000") and not list(tmp_path.glob(".*.tmp"))
    assert pq.read_table(path).to_pylist() == [row]
