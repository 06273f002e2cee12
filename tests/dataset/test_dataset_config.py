"""Build configs: every profile parses, unknown keys and bad values are rejected, the resolved config round-trips."""
from __future__ import annotations

import pytest
import yaml

from dataset_build.config import PROFILES_DIR, BuildConfig, from_dict, load_config, save_config, to_dict


@pytest.mark.parametrize("profile", sorted(p.stem for p in PROFILES_DIR.glob("*.yaml")))
def test_every_profile_parses(profile):
    config = load_config(profile)
    assert isinstance(config, BuildConfig) and config.name == profile


def test_tiny_profile_is_small_and_cpu_only():
    config = load_config("tiny")
    assert config.sources.diffusion == 0
    assert 0 < config.sources.composer + config.sources.motif <= 200


@pytest.mark.parametrize("data, message", [
    ({"sourcez": {}}, "unknown config key"),
    ({"sources": {"composr": 3}}, "sources.composr"),
    ({"normalize": {"grid": 256, "colour": 1}}, "normalize.colour"),
    ({"seed": "zero"}, "seed must be int"),
    ({"num_proc": True}, "num_proc must be int"),
    ({"sources": []}, "must be a mapping"),
    ({"shard_size": 0}, "shard_size"),
    ({"split": {"validation": 0.6, "test": 0.5}}, "split"),
    ({"sources": {"diffusion": 10}}, "diffusion.model"),
])
def test_bad_configs_are_rejected(data, message):
    with pytest.raises(ValueError, match=message):
        from_dict(data)


def test_floats_accept_ints_and_resolved_config_round_trips(tmp_path):
    config = from_dict({"normalize": {"min_std": 3}, "sources": {"composer": 5}})
    assert config.normalize.min_std == 3.0 and isinstance(config.normalize.min_std, float)
    save_config(config, tmp_path / "c.yaml")
    assert from_dict(yaml.safe_load((tmp_path / "c.yaml").read_text())) == config
    assert to_dict(config)["sources"]["composer"] == 5


def test_missing_profile_names_the_known_ones():
    with pytest.raises(FileNotFoundError, match="tiny"):
        load_config("no-such-profile")
