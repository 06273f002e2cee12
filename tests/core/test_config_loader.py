"""One way to configure: typed dataclasses, one loader (unknown keys named, values converted one way)."""
import argparse
import dataclasses
import json
import typing

import pytest
from svgllm import dataconfig
from svgllm.backends.composer import ComposerBackend, compose
from svgllm.backends.llm import LLMBackend
from svgllm.backends.llm.options import LLMOptions
from svgllm.config import ENV_PREFIX, ModelConfig

BUSY = "a snowy mountain village with pine trees, a frozen lake, red cabins and a starry night sky"


def test_unknown_keys_are_named_at_every_level():
    with pytest.raises(ValueError, match=r"unknown ModelConfig keys: colour, sizee \(known: backends,"):
        ModelConfig.from_dict({"colour": 1, "sizee": 2})
    with pytest.raises(ValueError, match=r"unknown llm options: llm\.tempreature \(known: candidates_per_step,"):
        ModelConfig.from_dict({"llm": {"tempreature": 0.5}})


def test_values_are_converted_one_way_from_code_json_and_environment(tmp_path):
    from_strings = ModelConfig(deadline_s="12.5", backends="palette, composer", budget_bytes="4000",
                               render_check="false", candidates=" 3 ", llm={"max_new_tokens": "64", "seed": "none"})
    assert (from_strings.deadline_s, from_strings.backends, from_strings.budget_bytes) == (
        12.5, ("palette", "composer"), 4000)
    assert from_strings.render_check is False and from_strings.candidates == 3
    assert from_strings.llm == LLMOptions(max_new_tokens=64)
    env = {"SVGLLM_DEADLINE_S": "12.5", "SVGLLM_BACKENDS": "palette,composer", "SVGLLM_BUDGET_BYTES": "4000",
           "SVGLLM_CANDIDATES": "3", "SVGLLM_LLM_OPTIONS": json.dumps({"max_new_tokens": "64"})}
    from_env = ModelConfig.from_env(env)
    assert from_env == dataclasses.replace(from_strings, render_check=True)
    path = tmp_path / "config.json"
    path.write_text(json.dumps(from_env.to_dict()))
    assert ModelConfig.from_file(path) == from_env  # the saved config reproduces the run


@pytest.mark.parametrize(("values", "message"), [
    ({"render_check": "maybe"}, "render_check must be true or false, got 'maybe'"),
    ({"budget_bytes": 2.5}, "budget_bytes must be an integer, got 2.5"),
    ({"budget_bytes": 50}, r"budget_bytes must be an integer in \[200, 10000\], got 50"),
    ({"fallback_reserve_s": "inf"}, "fallback_reserve_s must be a finite number"),
    ({"backends": 7}, "backends must be a list or a comma-separated string"),
    ({"llm": {"header": "none"}}, "llm.header must be one of prefill, generate, got 'none'"),
    ({"llm": {"top_p": 2}}, r"llm.top_p must be a number in \[0, 1\], got 2.0"),
    ({"llm": "not json"}, r"llm must be a mapping \(a JSON object\), got 'not json'"),
    ({"llm_model": 5}, "llm_model must be a string, got 5"),
])
def test_bad_values_name_their_field(values, message):
    with pytest.raises(ValueError, match=message):
        ModelConfig.from_dict(values)


def test_llm_options_are_typed_and_the_older_extra_spelling_still_reads():
    config = ModelConfig(llm_model="x", llm={"num_candidates": 3})
    assert isinstance(config.llm, LLMOptions) and LLMBackend(config).options.num_candidates == 3
    older = ModelConfig(llm_model="x", extra={"llm": {"num_candidates": 3}, "image": {"steps": 2}})
    assert older.llm == config.llm and older.extra == {"image": {"steps": 2}}
    with pytest.raises(ValueError, match="LLM options given twice"):
        ModelConfig(llm={"num_candidates": 2}, extra={"llm": {"num_candidates": 3}})


def test_environment_names_come_from_the_fields():
    names = dataconfig.env_names(ModelConfig, ENV_PREFIX)
    assert names[:3] == ["SVGLLM_DEADLINE_S", "SVGLLM_BACKENDS", "SVGLLM_BUDGET_BYTES"]
    assert all(name in ModelConfig.from_env.__doc__ for name in names)  # the docstring lists every one


def test_command_line_options_are_made_from_the_fields(capsys):
    from svgllm.cli import build_model, build_parser

    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["draw", "--help"])
    text = "".join(capsys.readouterr().out.split())  # argparse re-wraps lines (also after hyphens)
    for item in dataclasses.fields(ModelConfig):
        if item.metadata.get("cli"):
            assert item.metadata["cli"] in text and "".join(item.metadata["help"].split()) in text
    args = parser.parse_args(["draw", "x", "--deadline", "7", "--backends", "palette", "--budget-bytes", "3000"])
    config = build_model(args).config
    assert (config.deadline_s, config.backends, config.budget_bytes) == (7.0, ("palette",), 3000)


def test_the_composer_honours_the_budget():
    assert ComposerBackend(ModelConfig()).generate(BUSY) == compose(BUSY)  # 10,000 bytes: the drawing as before
    full = len(compose(BUSY).encode())
    small = ComposerBackend(ModelConfig(budget_bytes=1000)).generate(BUSY)
    assert len(small.encode()) <= 960 < full


def test_a_bad_environment_variable_is_named():
    with pytest.raises(ValueError, match="SVGLLM_CANDIDATES: candidates must be an integer, got 'many'"):
        ModelConfig.from_env({"SVGLLM_CANDIDATES": "many"})
    with pytest.raises(ValueError, match=r"SVGLLM_LLM_OPTIONS: unknown llm options: llm\.tempreature"):
        ModelConfig.from_env({"SVGLLM_LLM_OPTIONS": '{"tempreature": 1}'})


def test_a_bad_flag_is_named(capsys):
    from svgllm.cli import main

    assert main(["draw", "x", "--budget-bytes", "lots"]) == 2
    assert "--budget-bytes: budget_bytes must be an integer, got 'lots'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------- the loader's general types
@dataclasses.dataclass
class Inner(dataconfig.Checked):
    """A nested section, as build configs and training recipes have (checked by the base's __post_init__)."""

    rate: float = dataconfig.option(0.5, bounds=(0, 1), open_bounds=(True, False), help="a share in (0, 1]")
    mode: typing.Literal["fast", "exact"] = dataconfig.option("fast", cli="--mode", help="how to run")
    steps: int = dataconfig.option(3, cli="--steps", metavar="N", help="how many steps")


@dataclasses.dataclass
class Outer:
    """Every kind of field the loader converts, one nested section and two flags."""

    name: str = dataconfig.option("x", cli="--name", help="a name")
    size: tuple[int, int] = dataconfig.option((2, 3), help="width and height")
    tokens: list[str] = dataconfig.option(factory=list, help="strings")
    targets: str | list[str] = dataconfig.option("all", help="one name or a list of names")
    weights: dict[str, float] = dataconfig.option(factory=dict, help="weight per name")
    limit: int | None = dataconfig.option(None, help="optional cap")
    inner: Inner = dataconfig.option(factory=Inner, help="the nested section")

    def __post_init__(self):
        dataconfig.coerce_fields(self)


def test_nested_sections_are_named_by_their_path():
    with pytest.raises(ValueError, match=r"unknown keys in inner: inner\.rat \(known: mode, rate, steps\)"):
        dataconfig.from_mapping(Outer, {"inner": {"rat": 1}})
    with pytest.raises(ValueError, match=r"inner\.rate must be a number in \(0, 1\], got 0\.0"):
        dataconfig.from_mapping(Outer, {"inner": {"rate": 0}})
    with pytest.raises(ValueError, match=r"inner\.steps must be an integer, got 'three'"):
        Outer(inner={"steps": "three"})  # also when built in code, not only from a mapping
    with pytest.raises(ValueError, match="inner must be a mapping"):
        dataconfig.from_mapping(Outer, {"inner": [1]})
    assert dataconfig.from_mapping(Outer, {"inner": None}).inner == Inner()  # an empty YAML section: defaults
    assert dataconfig.from_mapping(Outer, {"inner": {"rate": "1"}}).inner.rate == 1.0


def test_literal_tuple_list_dict_union_and_optional_types():
    loaded = dataconfig.from_mapping(Outer, {"size": "4, 5", "tokens": ["a", "b"], "targets": ["q", "v"],
                                             "weights": {"a": "0.5"}, "limit": "none", "inner": {"mode": "exact"}})
    assert (loaded.size, loaded.tokens, loaded.targets, loaded.weights) == ((4, 5), ["a", "b"], ["q", "v"],
                                                                            {"a": 0.5})
    assert loaded.limit is None and loaded.inner.mode == "exact"
    assert Outer(targets="all").targets == "all" and Outer(limit="7").limit == 7
    for values, message in [
        ({"size": [1, 2, 3]}, "size must have 2 items, got 3"),
        ({"size": [1, "x"]}, r"size\[1\] must be an integer, got 'x'"),
        ({"tokens": ["a", 3]}, r"tokens\[1\] must be a string, got 3"),
        ({"targets": 5}, "targets must be a string or a list, got 5"),
        ({"weights": {"a": "heavy"}}, "weights.a must be a finite number, got 'heavy'"),
        ({"inner": {"mode": "slow"}}, "inner.mode must be one of fast, exact, got 'slow'"),
    ]:
        with pytest.raises(ValueError, match=message):
            dataconfig.from_mapping(Outer, values)
    assert dataconfig.from_mapping(Outer, dataconfig.to_dict(loaded)) == loaded  # to_dict round-trips


def test_files_json_and_yaml(tmp_path):
    (tmp_path / "a.json").write_text('{"name": "j", "inner": {"steps": 4}}')
    (tmp_path / "a.yaml").write_text("name: y\ninner:\n  steps: 5\n")
    (tmp_path / "empty.yaml").write_text("# nothing set\n")
    assert dataconfig.from_file(Outer, tmp_path / "a.json") == Outer(name="j", inner=Inner(steps=4))
    assert dataconfig.from_file(Outer, tmp_path / "a.yaml") == Outer(name="y", inner=Inner(steps=5))
    assert dataconfig.from_file(Outer, tmp_path / "empty.yaml") == Outer()
    (tmp_path / "list.yaml").write_text("- 1\n")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(ValueError, match=r"list\.yaml must hold a mapping"):
        dataconfig.read_mapping(tmp_path / "list.yaml")
    with pytest.raises(ValueError, match=r"bad\.json is not valid JSON"):
        dataconfig.read_mapping(tmp_path / "bad.json")


def test_flags_of_nested_sections_come_from_the_fields(capsys):
    parser = argparse.ArgumentParser()
    dataconfig.add_arguments(parser, Outer)
    with pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    text = capsys.readouterr().out
    assert "--name" in text and "--steps N" in text and "how many steps (default 3)" in text
    assert "{fast,exact}" in text  # the Literal's choices
    args = parser.parse_args(["--steps", "9", "--mode", "exact"])
    overrides = dataconfig.overrides_from_args(args, Outer)
    assert overrides == {"inner": {"steps": 9, "mode": "exact"}}
    base = dataconfig.to_dict(Outer(name="file", inner=Inner(rate=0.25)))
    merged = dataconfig.from_mapping(Outer, dataconfig.merge(base, overrides))
    assert (merged.name, merged.inner) == ("file", Inner(rate=0.25, mode="exact", steps=9))
    with pytest.raises(ValueError, match="--steps: inner.steps must be an integer, got 'x'"):
        dataconfig.overrides_from_args(parser.parse_args(["--steps", "x"]), Outer)
    with pytest.raises(SystemExit):
        parser.parse_args(["--mode", "slow"])  # argparse knows the choices too
    only = argparse.ArgumentParser()
    dataconfig.add_arguments(only, Outer, only={"inner.steps"})
    assert only.parse_args(["--steps", "1"]) and "--name" not in only.format_help()
