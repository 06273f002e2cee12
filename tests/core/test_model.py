"""Model: the backend chain under a deadline always returns a valid SVG, and says who drew it."""
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from svgllm.backends import REGISTRY, create_backend
from svgllm.config import ModelConfig
from svgllm.inputs import clean_description
from svgllm.model import EMERGENCY_SVG, Model
from svgllm.render import render_problem
from svgllm.rules import check


class Raising:
    name = "raising"

    def generate(self, description, deadline):
        raise RuntimeError("boom")


class Sleeping:
    name = "sleeping"

    def __init__(self, seconds):
        self.seconds = seconds

    def generate(self, description, deadline):
        time.sleep(self.seconds)
        return "<svg><rect width='9' height='9'/></svg>"


class Returning:
    def __init__(self, text, name="returning"):
        self.text, self.name = text, name
        self.calls = []

    def generate(self, description, deadline):
        self.calls.append(description)
        return self.text


def model_with(*backends, **config):
    return Model(ModelConfig(**config), backends=list(backends))


def test_default_model_draws_valid_svg_with_colours():
    result = Model(ModelConfig(backends=("palette",))).predict_with_info("a crimson kite over a teal lake")
    assert check(result.svg) == () and render_problem(result.svg) == ""
    assert result.backend == "palette"
    assert "#dc143c" in result.svg and "#008080" in result.svg
    assert [a.outcome for a in result.attempts] == ["ok"]


def test_failing_backends_hand_over_in_order():
    last = Returning('<svg viewBox="0 0 10 10"><circle r="3" fill="red"/></svg>', name="last")
    result = model_with(Raising(), Returning(12345), Returning("no svg at all, and no shapes"), last
                        ).predict_with_info("x")
    outcomes = [(a.backend, a.outcome) for a in result.attempts]
    assert outcomes[:2] == [("raising", "error"), ("returning", "error")]
    assert result.backend in ("returning", "last")  # plain text sanitises to a valid (background-only) SVG
    assert check(result.svg) == ()


def test_invalid_output_is_repaired_not_returned_raw():
    result = model_with(Returning('<svg><text>hi</text><rect width="5" height="5" style="fill:red"/>'
                                  )).predict_with_info("x")
    assert "<text" not in result.svg and 'fill="red"' in result.svg and check(result.svg) == ()


def test_slow_backend_times_out_and_next_one_answers():
    model = model_with(Sleeping(5.0), Returning("<svg><rect/></svg>", name="fast"), deadline_s=1.5,
                       fallback_reserve_s=0.5)
    started = time.monotonic()
    result = model.predict_with_info("x")
    elapsed = time.monotonic() - started
    assert result.backend == "fast"
    assert result.attempts[0].outcome == "timeout"
    assert elapsed < 1.5


def test_every_backend_failing_gives_the_emergency_svg():
    result = model_with(Raising(), Raising()).predict_with_info("x")
    assert result.svg == EMERGENCY_SVG and result.backend == "emergency"
    assert check(EMERGENCY_SVG) == () and render_problem(EMERGENCY_SVG) == ""


def test_unknown_backend_name_does_not_crash_predict():
    model = Model(ModelConfig(backends=("no-such-backend",)))
    result = model.predict_with_info("x")
    assert result.backend == "emergency" and "no-such-backend" in result.attempts[0].detail


def test_descriptions_are_cleaned_before_backends_see_them():
    backend = Returning("<svg/>")
    model_with(backend).predict("a\x00b\nc\t " + "x" * 5000)
    assert backend.calls[0].startswith("a b c x") and len(backend.calls[0]) == 1000
    assert clean_description(None) == "" and clean_description(42) == "42"


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=300), st.none(), st.integers(), st.binary(max_size=50)))
def test_predict_is_total(description):
    svg = Model(ModelConfig(backends=("palette",))).predict(description)
    assert isinstance(svg, str) and check(svg) == ()


def test_long_and_odd_descriptions():
    model = Model(ModelConfig(backends=("palette",)))
    for description in ("", "x" * 10_000, "日本の赤い橋 🌉", "\x00\x01\x7f", "\ud800 lone surrogate"):
        svg = model.predict(description)
        assert check(svg) == () and render_problem(svg) == ""


def test_config_validation_and_sources(tmp_path):
    with pytest.raises(ValueError, match="deadline_s"):
        ModelConfig(deadline_s=400)
    with pytest.raises(ValueError, match="unknown ModelConfig keys: colour"):
        ModelConfig.from_dict({"colour": 1})
    path = tmp_path / "c.json"
    path.write_text('{"deadline_s": 30, "backends": ["palette"]}')
    config = ModelConfig.from_env({"SVGLLM_CONFIG": str(path), "SVGLLM_BUDGET_BYTES": "5000"})
    assert (config.deadline_s, config.backends, config.budget_bytes) == (30.0, ("palette",), 5000)
    assert ModelConfig(llm_model="/m", backends="palette").backends == ("llm", "palette")
    path.write_text("[1]")
    with pytest.raises(ValueError, match="JSON object"):
        ModelConfig.from_file(path)


def test_budget_is_honoured():
    big = "<svg>" + "".join(f'<circle cx="{i}" cy="{i}" r="{i % 9 + 1}"/>' for i in range(2000)) + "</svg>"
    svg = model_with(Returning(big), budget_bytes=2000).predict("x")
    assert len(svg.encode()) <= 2000 and check(svg) == ()


def test_backends_are_created_lazily_by_name():
    assert "palette" in REGISTRY
    model = Model(ModelConfig(backends=("palette",)))
    assert model._backends is None
    assert [b.name for b in model.backends] == ["palette"]
    with pytest.raises(ValueError, match="unknown backend 'nope'"):
        create_backend("nope")
