"""LLMBackend configuration: options, registry, scorers; nothing is loaded."""
import math

import pytest
from svgllm.backends import REGISTRY, create_backend
from svgllm.backends.llm import LLMBackend
from svgllm.backends.llm.candidates import get_scorer, pick
from svgllm.backends.llm.options import LLMOptions
from svgllm.config import ModelConfig
from svgllm.prompt import SVG_HEADER

VALID = SVG_HEADER + "</svg>"
INVALID = "<svg><text>x</text></svg>"


def test_registered_and_lazy():
    assert REGISTRY["llm"] == "svgllm.backends.llm:LLMBackend"
    backend = create_backend("llm", ModelConfig(llm_model="/nowhere", extra={"llm": {"num_candidates": 3}}))
    assert backend.name == "llm" and not backend.loaded
    assert backend.options.num_candidates == 3 and backend.options.sampling


def test_needs_a_model():
    with pytest.raises(ValueError, match="needs a model"):
        LLMBackend(ModelConfig())


def test_options_are_validated():
    with pytest.raises(ValueError, match="unknown llm options: tempreature"):
        LLMOptions.from_dict({"tempreature": 0.5})
    with pytest.raises(ValueError, match="header"):
        LLMOptions(header="none")
    with pytest.raises(ValueError, match="num_candidates"):
        LLMOptions(num_candidates=0)
    with pytest.raises(ValueError, match="quantize"):
        LLMOptions(quantize="8bit")
    assert not LLMOptions().sampling and LLMOptions(do_sample=True).sampling


def test_byte_budget_never_exceeds_the_config():
    backend = LLMBackend(ModelConfig(llm_model="x", budget_bytes=4000, extra={"llm": {"max_bytes": 9000}}))
    assert backend.max_bytes == 4000
    assert LLMBackend(ModelConfig(llm_model="x", extra={"llm": {"max_bytes": 3000}})).max_bytes == 3000


def test_scorers():
    first_valid = get_scorer("first_valid")  # the LLM options' default: the project's one scorer protocol
    assert [first_valid.score("d", svg) for svg in (INVALID, VALID)] == [0.0, 1.0]
    assert pick("d", [INVALID, VALID, VALID], first_valid) == (1, [0.0, 1.0, 1.0])  # earliest among the best
    assert get_scorer("svgllm.metric.selection:CompactValid").score("d", VALID) > 1.0
    custom = get_scorer(lambda d, svg: len(svg))  # a plain function rates one SVG
    assert pick("d", ["a", "abc", "ab"], custom) == (1, [1.0, 3.0, 2.0])
    with pytest.raises(ValueError, match="module:attribute"):
        get_scorer("best")
    index, scores = pick("d", ["a", VALID], get_scorer(lambda d, svg: 1 / (len(svg) - 1)))  # "a" raises: NaN
    assert index == 1 and math.isnan(scores[0])
    with pytest.raises(ValueError, match="no candidates"):
        pick("d", [], first_valid)
