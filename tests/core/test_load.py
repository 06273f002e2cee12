"""Model.load: everything made ready up front, failures named, idempotent; predict loads nothing afterwards."""
import time

import pytest
from svgllm.backends import REGISTRY
from svgllm.config import ModelConfig
from svgllm.model import Model, ModelLoadError
from svgllm.render import render_problem
from svgllm.rules import check

SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 384"><rect width="99" height="99" fill="red"/></svg>'


class Loading:
    """A backend with weights to load: counts loads and checks that drawing never loads."""

    name = "loading"

    def __init__(self, fail=False):
        self.fail = fail
        self.loads = 0
        self.loaded_when_drawing = []

    def load(self):
        if self.fail:
            raise OSError("weights file missing")
        self.loads += 1

    def generate(self, description, deadline):
        self.loaded_when_drawing.append(self.loads)
        return SQUARE


def test_load_makes_every_part_ready_and_reports_each_step():
    backend = Loading()
    model = Model(ModelConfig(backends=("palette",)), backends=[backend])
    report = model.load()
    steps = [step for step, _ in report.steps]
    assert steps == ["load loading", "start finishing worker", "warm-up drawing"]
    assert all(seconds >= 0 for _, seconds in report.steps)
    assert report.seconds == pytest.approx(sum(s for _, s in report.steps))
    assert report.isolated and report.backends == ["loading"]
    assert report.warm_up.backend == "loading" and check(report.warm_up.svg) == ()
    assert "warm-up drawing" in report.summary()
    assert model.load() is report and backend.loads == 1  # idempotent: nothing is loaded twice
    svg = model.predict("a red square")
    assert check(svg) == () and render_problem(svg) == ""
    assert backend.loaded_when_drawing == [1, 1]  # the warm-up and this call both found it loaded


def test_load_creates_the_named_backends_and_loads_the_composer_library():
    model = Model(ModelConfig(backends=("composer", "palette")))
    report = model.load(warm_up=None)
    steps = [step for step, _ in report.steps]
    assert steps[:3] == ["create composer", "create palette", "load composer"]
    assert report.warm_up is None
    assert [b.name for b in model.backends] == ["composer", "palette"]
    assert model.predict_with_info("a yellow taxi beside a brick building").backend == "composer"


def test_a_backend_that_cannot_be_created_is_named_with_its_cause(monkeypatch):
    monkeypatch.setitem(REGISTRY, "ghost", "svgllm_no_such_module_x:GhostBackend")
    with pytest.raises(ModelLoadError, match=r"backend 'ghost' could not be created: ModuleNotFoundError"):
        Model(ModelConfig(backends=("palette", "ghost"))).load()
    with pytest.raises(ModelLoadError, match="unknown backend 'nope'"):
        Model(ModelConfig(backends=("nope",))).load()


def test_a_backend_whose_load_fails_is_named_with_its_cause():
    with pytest.raises(ModelLoadError, match=r"backend 'loading' could not load: OSError\('weights file missing"):
        Model(ModelConfig(), backends=[Loading(fail=True)]).load(warm_up=None)


def test_load_resolves_the_best_of_n_scorer():
    model = Model(ModelConfig(backends=("palette",), candidates=2))
    report = model.load(warm_up=None)
    assert "load scorer proxy" in [step for step, _ in report.steps]
    assert model.scorer.value is not None
    with pytest.raises(ModelLoadError, match="scorer 'no_such_module_x:make'"):
        Model(ModelConfig(backends=("palette",), candidates=2, scorer="no_such_module_x:make")).load(warm_up=None)


def test_without_isolation_load_keeps_the_thread_path():
    model = Model(ModelConfig(backends=("palette",), isolate_finish=False))
    report = model.load(warm_up=None)
    assert not report.isolated and "start finishing worker" not in [s for s, _ in report.steps]
    started = time.monotonic()
    assert check(model.predict("a teal circle")) == ()
    assert time.monotonic() - started < 5
