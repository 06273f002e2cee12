"""One way to configure: typed dataclasses, one loader (unknown keys named, values converted one way)."""
import dataclasses
import json

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
    with pytest.raises(ValueError, match="unknown llm options: tempreature"):
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
    ({"llm": "not json"}, "llm must be a JSON object"),
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
