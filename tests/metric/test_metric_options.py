"""MetricOptions (dataconfig-loaded) and the "metric" scorer that reads them from SVGLLM_METRIC_OPTIONS."""
from __future__ import annotations

import json
import math

import pytest
from svgllm.metric.options import ENV_NAME, MetricOptions


def test_defaults_and_conversion():
    options = MetricOptions.from_dict({})
    assert (options.device, options.quantize, options.missing_models()) == (
        "auto", None, ["vqa_model", "aesthetic_model", "clip_model"])
    options = MetricOptions.from_dict({"quantize": "false", "device": "CUDA", "clip_model": "/m/clip"})
    assert (options.quantize, options.device, options.missing_models()) == (False, "cuda:0",
                                                                           ["vqa_model", "aesthetic_model"])


def test_errors_name_the_key():
    with pytest.raises(ValueError, match="unknown metric options: devcie"):
        MetricOptions.from_dict({"devcie": "cpu"})
    with pytest.raises(ValueError, match="scorer device must be"):
        MetricOptions.from_dict({"device": "gpu"})
    with pytest.raises(ValueError, match="metric.quantize"):
        MetricOptions.from_dict({"quantize": "maybe"})


def test_every_field_has_its_help():
    import dataclasses

    assert all(item.metadata["help"] for item in dataclasses.fields(MetricOptions))


def test_the_metric_scorer_needs_its_variable_and_all_three_models(monkeypatch):
    from svgllm.metric.score import metric_from_env

    monkeypatch.delenv(ENV_NAME, raising=False)
    with pytest.raises(ValueError, match=ENV_NAME):
        metric_from_env()
    with pytest.raises(ValueError, match="not valid JSON"):
        metric_from_env({ENV_NAME: "{vqa"})
    with pytest.raises(ValueError, match="metric.aesthetic_model, metric.clip_model"):
        metric_from_env({ENV_NAME: json.dumps({"vqa_model": "/m/paligemma"})})


def test_model_keeps_the_best_candidate_by_the_named_metric_scorer(monkeypatch, saved_models):
    from metric_samples import APPLE_SVG
    from svgllm import Model, ModelConfig
    from svgllm.metric.score import MetricScorer
    from svgllm.metric.selection import resolve_scorer

    values = {"vqa_model": saved_models["vqa"], "aesthetic_model": saved_models["head"],
              "clip_model": saved_models["clip"], "device": "cpu"}
    monkeypatch.setenv(ENV_NAME, json.dumps(values))
    scorer = resolve_scorer("metric")
    assert isinstance(scorer, MetricScorer) and scorer.aesthetic.device == "cpu"
    assert math.isfinite(scorer.score("a red apple", APPLE_SVG))
    model = Model(ModelConfig(backends=("composer", "palette"), candidates=2, scorer="metric", deadline_s=60))
    info = model.predict_with_info("a red apple on a wooden table")
    assert info.choice is not None and info.choice.scorer == "metric"
    assert len(info.choice.scores) == 2 and all(math.isfinite(value) for value in info.choice.scores)
