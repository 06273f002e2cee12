"""Best-of-N inside Model: candidates gathered across backends, the scorer's favourite kept, deadline honoured."""
import json
import math
import sys
import time
import types

import pytest
from svgllm.backends.composer import ComposerBackend, compose
from svgllm.chain import Finished
from svgllm.cli import main
from svgllm.config import ModelConfig
from svgllm.metric.proxy import ProxyScorer
from svgllm.metric.selection import check_scorer_spec, resolve_scorer
from svgllm.model import EMERGENCY_SVG, Model
from svgllm.render import render_problem
from svgllm.rules import check


def square(color: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 384"><rect width="384" height="384" '
            f'fill="#ffffff"/><rect x="96" y="96" width="192" height="192" fill="{color}"/></svg>')


RED, GREEN, BLUE = square("#ff0000"), square("#00ff00"), square("#0000ff")


class Offering:
    """A backend with several candidates (each raw text as given); counts how it was asked."""

    def __init__(self, raws, name="offering", delay=0.0):
        self.raws, self.name, self.delay = list(raws), name, delay
        self.asked = []

    def generate(self, description, deadline):
        self.asked.append(("generate", 1))
        time.sleep(self.delay)
        return self.raws[0]

    def candidates(self, description, deadline, n):
        self.asked.append(("candidates", n))
        time.sleep(self.delay)
        return self.raws[:n]


class Single:
    """A backend that cannot vary: only `generate`."""

    def __init__(self, text, name="single", delay=0.0):
        self.text, self.name, self.delay = text, name, delay

    def generate(self, description, deadline):
        time.sleep(self.delay)
        return self.text


class Prefers:
    """Scores 1 for SVGs containing `marker`, 0 otherwise; records what it saw."""

    def __init__(self, marker):
        self.marker = marker
        self.seen = []

    def score(self, description, svg):
        self.seen.append(svg)
        return 1.0 if self.marker in svg else 0.0


class Raises:
    def score(self, description, svg):
        raise RuntimeError("scorer broke")


class Slow:
    def __init__(self, seconds):
        self.seconds = seconds

    def score(self, description, svg):
        time.sleep(self.seconds)
        return 1.0


def model_with(*backends, scorer=None, **config):
    return Model(ModelConfig(**config), scorer=scorer, backends=list(backends))


def test_one_candidate_is_the_plain_chain():
    backend = Offering([RED, BLUE])
    scorer = Prefers("#0000ff")
    result = model_with(backend, scorer=scorer).predict_with_info("x")
    assert ModelConfig().candidates == 1
    assert "#ff0000" in result.svg and result.choice is None
    assert backend.asked == [("generate", 1)] and scorer.seen == []  # no variants drawn, nothing scored
    assert [a.outcome for a in result.attempts] == ["ok"]


def test_the_scorers_favourite_is_kept_and_the_choice_recorded():
    backend = Offering([RED, GREEN, BLUE, square("#123456")])
    scorer = Prefers("#0000ff")
    result = model_with(backend, scorer=scorer, candidates=3).predict_with_info("x")
    assert "#0000ff" in result.svg and check(result.svg) == ()
    assert backend.asked == [("candidates", 3)]
    choice = result.choice
    assert (choice.index, choice.scores, choice.considered) == (2, [0.0, 0.0, 1.0], 3)
    assert choice.backends == ["offering"] * 3 and choice.scorer == "Prefers" and choice.detail == ""
    assert len(scorer.seen) == 3 and "#123456" not in "".join(scorer.seen)  # never more than N


def test_candidates_come_from_several_backends_until_n():
    first, second, third = Single(RED, "first"), Offering([GREEN, BLUE], "second"), Single(BLUE, "third")
    result = model_with(first, second, third, scorer=Prefers("#00ff00"), candidates=3).predict_with_info("x")
    assert result.backend == "second" and "#00ff00" in result.svg
    assert second.asked == [("candidates", 2)]  # asked only for what was still missing
    assert result.choice.backends == ["first", "second", "second"]
    assert [a.backend for a in result.attempts] == ["first", "second", "second"]  # third never asked


def test_real_proxy_scorer_prefers_the_named_colours():
    description = "a blue square on a white background"
    proxy = ProxyScorer()
    assert proxy.score(description, BLUE) > proxy.score(description, RED)
    result = model_with(Offering([RED, BLUE]), candidates=2).predict_with_info(description)  # config default: proxy
    assert result.choice.scorer == "proxy" and result.choice.index == 1
    assert "#0000ff" in result.svg
    assert result.choice.scores[1] == pytest.approx(proxy.score(description, BLUE))


def test_invalid_and_repeated_candidates_are_skipped_and_recorded():
    backend = Offering([12345, "BAD", RED, RED, GREEN])
    model = model_with(backend, scorer=Prefers("#00ff00"), candidates=5)
    real_finish = model.finish
    model.finish = lambda raw, deadline: Finished("", "invalid", "marked bad") if "BAD" in raw else real_finish(
        raw, deadline)
    result = model.predict_with_info("x")
    outcomes = [a.outcome for a in result.attempts]
    assert outcomes == ["invalid", "invalid", "ok", "duplicate", "ok"]
    assert "int" in result.attempts[0].detail and result.attempts[1].detail == "marked bad"
    assert result.choice.considered == 2 and "#00ff00" in result.svg


def test_no_valid_candidate_gives_the_emergency_svg():
    result = model_with(Offering([1, 2]), Single(None), scorer=Prefers("x"), candidates=3).predict_with_info("x")
    assert result.svg == EMERGENCY_SVG and result.backend == "emergency" and result.choice is None


def test_a_raising_scorer_keeps_the_first_valid_candidate():
    result = model_with(Offering([RED, BLUE]), scorer=Raises(), candidates=2).predict_with_info("x")
    assert "#ff0000" in result.svg and result.choice.index == 0
    assert all(math.isnan(s) for s in result.choice.scores)
    assert "scorer broke" in result.choice.detail and "#1, #2" in result.choice.detail


def test_an_unimportable_scorer_keeps_the_first_valid_candidate():
    result = Model(ModelConfig(backends=("palette",), candidates=2, scorer="no_such_module_x:make")).predict_with_info(
        "a red kite")
    assert result.backend == "palette" and check(result.svg) == ()
    assert "no_such_module_x" in result.choice.detail


def test_a_slow_scorer_costs_no_deadline():
    model = model_with(Offering([RED, BLUE]), scorer=Slow(5.0), candidates=2, deadline_s=1.0,
                       selection_reserve_s=0.3)
    started = time.monotonic()
    result = model.predict_with_info("x")
    elapsed = time.monotonic() - started
    assert elapsed < 1.0
    assert "#ff0000" in result.svg and result.choice.index == 0
    assert "Timeout" in result.choice.detail


def test_a_slow_second_backend_costs_no_deadline():
    model = model_with(Single(RED, "fast"), Offering([BLUE, GREEN], "slow", delay=5.0), scorer=Prefers("#0000ff"),
                       candidates=3, deadline_s=1.5, selection_reserve_s=0.5, fallback_reserve_s=0.5)
    started = time.monotonic()
    result = model.predict_with_info("x")
    elapsed = time.monotonic() - started
    assert elapsed < 1.5
    assert result.backend == "fast" and [a.outcome for a in result.attempts] == ["ok", "timeout"]


def test_a_slow_first_backend_leaves_the_fallback_its_turn():
    model = model_with(Offering([BLUE], "slow", delay=5.0), Single(RED, "fast"), scorer=Prefers("#0000ff"),
                       candidates=2, deadline_s=1.5, fallback_reserve_s=0.5)
    started = time.monotonic()
    result = model.predict_with_info("x")
    assert time.monotonic() - started < 1.5
    assert result.backend == "fast" and result.attempts[0].outcome == "timeout"


def test_a_scorer_that_loads_slowly_is_waited_for_only_until_the_deadline(monkeypatch):
    module = types.ModuleType("svgllm_test_slow_scorer")

    def make():
        time.sleep(3.0)  # stands in for loading model weights
        return Prefers("#0000ff")

    module.make = make
    monkeypatch.setitem(sys.modules, module.__name__, module)
    model = Model(ModelConfig(candidates=2, scorer=f"{module.__name__}:make", deadline_s=1.0),
                  backends=[Offering([RED, BLUE])])
    started = time.monotonic()
    result = model.predict_with_info("x")
    assert time.monotonic() - started < 1.0
    assert "#ff0000" in result.svg and "still loading" in result.choice.detail
    model.scorer.wait(5)  # once loaded, the next description is scored
    assert "#0000ff" in model.predict_with_info("x").svg


def test_default_chain_best_of_four_is_valid_and_keeps_the_top_score():
    description = "a snowy mountain peak under a starry night sky"
    result = Model(ModelConfig(candidates=4)).predict_with_info(description)
    assert check(result.svg) == () and render_problem(result.svg) == ""
    choice = result.choice
    assert choice.considered == 4 and choice.backends == ["composer"] * 4
    assert choice.scores[choice.index] == max(choice.scores)
    assert result.svg.count("<") > 3


def test_composer_offers_distinct_variants_default_first():
    backend = ComposerBackend()
    starry = "a snowy mountain peak under a starry night sky"
    variants = backend.candidates(starry, None, 4)
    assert variants[0] == compose(starry) == backend.generate(starry)
    assert len(variants) == 4 and len(set(variants)) == 4
    assert backend.candidates(starry, None, 4) == variants  # deterministic
    plain = "a yellow taxi parked in front of a brick building"  # object painter: nothing random to vary
    assert backend.candidates(plain, None, 4) == [compose(plain)]


def test_scorer_resolution():
    assert isinstance(resolve_scorer("proxy"), ProxyScorer)
    scorer = Prefers("x")
    assert resolve_scorer(scorer) is scorer
    function = resolve_scorer("svgllm.metric.proxy:coverage_term")  # any (a, b)-taking callable is wrapped
    assert callable(function.score)
    with pytest.raises(ValueError, match="score"):
        Model(ModelConfig(), scorer=object())
    for bad in ("", "nope", "a:", ":b", "a b:c", 3):
        with pytest.raises(ValueError, match="module:attribute"):
            check_scorer_spec(bad)


def test_config_knobs_are_validated_and_read_from_env_and_json(tmp_path):
    for bad in (0, 65, "four", True, 2.5, None):
        with pytest.raises(ValueError, match="candidates must be an integer"):
            ModelConfig(candidates=bad)
    for bad in (-1, "soon", float("nan")):
        with pytest.raises(ValueError, match="selection_reserve_s"):
            ModelConfig(selection_reserve_s=bad)
    with pytest.raises(ValueError, match="scorer"):
        ModelConfig(scorer="not a path")
    config = ModelConfig.from_env({"SVGLLM_CANDIDATES": " 4 ", "SVGLLM_SCORER": "mypackage.scorers:Best",
                                   "SVGLLM_SELECTION_RESERVE_S": "0.25"})
    assert (config.candidates, config.scorer, config.selection_reserve_s) == (4, "mypackage.scorers:Best", 0.25)
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"candidates": 3, "scorer": "proxy"}))
    assert ModelConfig.from_file(path).candidates == 3
    assert ModelConfig.from_dict(config.to_dict()) == config


def test_cli_candidates_and_scorer_flags(tmp_path, capsys):
    out = tmp_path / "a.svg"
    assert main(["draw", "a snowy mountain peak under a starry night sky", "-o", str(out), "--candidates", "3",
                 "--scorer", "proxy"]) == 0
    err = capsys.readouterr().err
    assert "best of 3 by proxy: kept #" in err and check(out.read_text()) == ()
    assert main(["draw", "x", "--candidates", "0"]) == 2
    assert "candidates must be an integer" in capsys.readouterr().err
    assert main(["draw", "x", "--scorer", "no scorer"]) == 2
    descriptions = tmp_path / "d.csv"
    descriptions.write_text("id,description\na,a red barn beside a golden wheat field\nb,a blue kite\n")
    assert main(["run", str(descriptions), "-o", str(tmp_path / "s.csv"), "-q", "--candidates", "2"]) == 0
    assert "best-of-N: " in capsys.readouterr().err


def test_cli_help_documents_the_flags(capsys):
    with pytest.raises(SystemExit):
        main(["draw", "--help"])
    text = capsys.readouterr().out
    assert "--candidates N" in text and "--scorer" in text and "best-of-N" in text
