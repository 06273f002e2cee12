"""Build configs: every profile parses, unknown keys and bad values are rejected, the resolved config round-trips."""
from __future__ import annotations

import dataclasses

import pytest
import yaml
from svgllm import dataconfig

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
    ({"sourcez": {}}, r"unknown config keys: sourcez \(known: descriptions_file,"),
    ({"sources": {"composr": 3}}, r"unknown keys in sources: sources\.composr \(known: composer, diffusion, motif\)"),
    ({"normalize": {"grid": 256, "colour": 1}}, "normalize.colour"),
    ({"seed": "zero"}, "seed must be an integer, got 'zero'"),
    ({"num_proc": True}, "num_proc must be an integer, got True"),
    ({"kaggle": {"owner": 7}}, "kaggle.owner must be a string, got 7"),
    ({"sources": []}, "sources must be a mapping"),
    ({"shard_size": 0}, r"shard_size must be an integer in \[1, \.\.\.\], got 0"),
    ({"sources": {"motif": -2}}, r"sources\.motif must be an integer in \[-1, \.\.\.\]"),
    ({"normalize": {"grid": 8}}, r"normalize\.grid must be an integer in \[16, 4096\]"),
    ({"split": {"test": 1.0}}, r"split\.test must be a number in \[0, 1\)"),
    ({"descriptions_source": "motif"}, "descriptions_source must be one of diffusion, composer"),
    ({"split": {"validation": 0.6, "test": 0.5}}, "split shares must sum to less than 1"),
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


@pytest.mark.parametrize("profile", sorted(p.stem for p in PROFILES_DIR.glob("*.yaml")))
def test_every_profile_round_trips_through_its_saved_file(profile, tmp_path):
    config = load_config(profile)
    save_config(config, tmp_path / "build_config.yaml")
    assert load_config(str(tmp_path / "build_config.yaml")) == config


def test_an_empty_section_means_its_defaults_and_edits_are_checked_again():
    config = from_dict(yaml.safe_load("name: x\nsources:\n"))  # every key of the section commented out
    assert config.sources == BuildConfig().sources
    config.normalize.grid = 5  # the notebook edits a loaded config in place, then validates it
    with pytest.raises(ValueError, match="normalize.grid must be an integer in"):
        config.validate()


def test_cli_options_are_made_from_the_fields(tmp_path, capsys):
    from dataset_build.cli import build_parser, main

    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    help_text = next(f for f in dataclasses.fields(BuildConfig) if f.name == "num_proc").metadata["help"]
    assert f"--num-proc N {help_text} (default 2; in [1, ...])" in text
    args = build_parser().parse_args(["--profile", "tiny", "--num-proc", "1"])
    config = load_config(args.profile, dataconfig.overrides_from_args(args, BuildConfig))
    assert config.num_proc == 1 and config == dataclasses.replace(load_config("tiny"), num_proc=1)
    assert main(["--profile", "tiny", "--num-proc", "0", "--out", str(tmp_path)]) == 2
    assert "num_proc must be an integer in [1, ...], got 0" in capsys.readouterr().err
    assert main(["--profile", "tiny", "--num-proc", "two", "--out", str(tmp_path)]) == 2
    assert "--num-proc: num_proc must be an integer, got 'two'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # rejected before anything was built


def test_missing_profile_names_the_known_ones():
    with pytest.raises(FileNotFoundError, match="tiny"):
        load_config("no-such-profile")
