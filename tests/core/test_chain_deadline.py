"""The deadline holds everywhere: render bombs from a backend, huge or hostile input, slow str()."""
import os
import time

import pytest
from svgllm import isolation
from svgllm.backends.palette import PaletteBackend
from svgllm.config import ModelConfig
from svgllm.deadline import Deadline, link_budget
from svgllm.model import EMERGENCY_SVG, Model
from svgllm.render import render_problem
from svgllm.rules import check

OVERRUN_MARGIN_S = 0.5  # the stated margin: predict answers within its deadline plus this


def marker_bomb(depth: int = 6, vertices: int = 9) -> str:
    """Markers nested `depth` deep, each painted at every vertex of the path inside the one above (~1 kB).

    The render work grows as vertices ** depth: depth 4 takes seconds to render, depth 6 many minutes.
    """
    points = " ".join(f"L{i * 3} {i % 2 * 3}" for i in range(1, vertices))
    markers = []
    for level in range(depth):
        inner = f' marker-mid="url(#m{level + 1})"' if level < depth - 1 else ""
        markers.append(f'<marker id="m{level}" viewBox="0 0 40 9">'
                       f'<path d="M0 0 {points}" stroke="red" fill="none"{inner}/></marker>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 384"><defs>' + "".join(markers)
            + f'</defs><path d="M0 0 {points}" stroke="blue" marker-mid="url(#m0)"/></svg>')


class Returning:
    def __init__(self, text, name="bomber"):
        self.text, self.name = text, name

    def generate(self, description, deadline):
        return self.text


def timed_predict(model, description="a red kite"):
    started = time.monotonic()
    result = model.predict_with_info(description)
    return result, time.monotonic() - started


def test_the_bomb_is_a_real_one_and_small():
    assert len(marker_bomb().encode()) < 1_200 and check(marker_bomb()) == ()
    outcome, _ = isolation.call_isolated("svgllm.render:render_problem", (marker_bomb(depth=5),), 1.0)
    assert outcome == "timeout"  # even one level less cannot render within a second


def test_a_backend_returning_a_render_bomb_costs_no_deadline():
    model = Model(ModelConfig(deadline_s=3.0, fallback_reserve_s=1.0),
                  backends=[Returning(marker_bomb()), PaletteBackend()])
    assert model.load(warm_up=None).isolated
    result, elapsed = timed_predict(model)
    assert elapsed < 3.0 + OVERRUN_MARGIN_S
    # the sanitizer may defuse the bomb itself; if it cannot in time, the worker is killed and palette answers
    assert result.attempts[0].outcome in ("ok", "timeout")
    assert check(result.svg) == () and render_problem(result.svg) == ""


HANGING_FINISH = """
import time


def finish(raw, budget_bytes, render_check):
    time.sleep(600)  # stands in for a render that never ends
"""


@pytest.fixture
def hanging_model(tmp_path, monkeypatch):
    """A factory of loaded Models whose isolated finishing hangs (a module only a fresh worker can import)."""
    (tmp_path / "svgllm_test_hang.py").write_text(HANGING_FINISH)
    monkeypatch.syspath_prepend(str(tmp_path))
    isolation.shutdown()  # the next worker starts with this sys.path

    def make(*backends, **config):
        model = Model(ModelConfig(**config), backends=list(backends))
        assert model.load(warm_up=None).isolated
        model.finisher.target = "svgllm_test_hang:finish"
        return model

    yield make
    isolation.shutdown()


SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><rect width="9" height="9" fill="red"/></svg>'


def test_a_hanging_finish_is_killed_and_the_next_link_answers(hanging_model):
    # the default reserve (2 s) leaves the fallback time for the replacement worker to boot: the sanitizer's
    # render check runs in it even on the thread path
    model = hanging_model(Returning(SQUARE), PaletteBackend(), deadline_s=5.0, fallback_reserve_s=2.0)
    killed = isolation.worker_pid()
    result, elapsed = timed_predict(model)
    assert elapsed < 5.0 + OVERRUN_MARGIN_S
    assert [(a.backend, a.outcome) for a in result.attempts] == [("bomber", "timeout"), ("palette", "ok")], (
        result.attempts)
    assert result.backend == "palette" and check(result.svg) == () and render_problem(result.svg) == ""
    with pytest.raises(ProcessLookupError):  # the hung worker was killed, not left running
        os.kill(killed, 0)


def test_a_hanging_finish_in_the_last_link_still_answers_in_time(hanging_model):
    model = hanging_model(Returning(SQUARE), deadline_s=1.5)
    result, elapsed = timed_predict(model)
    assert elapsed < 1.5 + OVERRUN_MARGIN_S
    assert result.svg == EMERGENCY_SVG and result.attempts[0].outcome == "timeout"
    assert model.finisher.warm_up() and model.finisher.isolated  # a replacement worker takes over
    again, elapsed = timed_predict(model)
    assert elapsed < 1.5 + OVERRUN_MARGIN_S and again.attempts[0].outcome == "timeout"


def test_a_ten_million_character_description_is_cut_within_the_deadline():
    model = Model(ModelConfig(backends=("palette",), deadline_s=0.05))
    model.predict("warm")  # imports, colour tables
    result, elapsed = timed_predict(model, "crimson " + "x" * 10_000_000)
    assert elapsed < 0.05 + OVERRUN_MARGIN_S
    assert check(result.svg) == ()


class HugeStr:
    """An input whose str() is 50M characters."""

    def __str__(self):
        return "teal " * 10_000_000


class SlowStr:
    """An input whose str() takes three times the deadline (short enough not to hold up the exit for long)."""

    def __str__(self):
        for _ in range(300):
            time.sleep(0.01)
        return "never seen"


@pytest.mark.parametrize("hostile", [HugeStr(), SlowStr()], ids=["50M-char str", "slow str"])
def test_hostile_str_costs_no_deadline(hostile):
    model = Model(ModelConfig(backends=("palette",), deadline_s=1.0))
    model.predict("warm")
    result, elapsed = timed_predict(model, hostile)
    assert elapsed < 1.0 + OVERRUN_MARGIN_S
    assert check(result.svg) == () and result.backend == "palette"


def test_slow_str_is_recorded_and_the_description_left_empty():
    result, _ = timed_predict(Model(ModelConfig(backends=("palette",), deadline_s=1.0)), SlowStr())
    assert (result.attempts[0].backend, result.attempts[0].outcome) == ("input", "error")
    assert "timeout" in result.attempts[0].detail


def test_a_str_subclass_cannot_dodge_the_cut():
    class Sneaky(str):
        def __getitem__(self, key):
            raise RuntimeError("no slicing")

    seen = []

    class Recording(Returning):
        def generate(self, description, deadline):
            seen.append(description)
            return self.text

    square = '<svg viewBox="0 0 9 9"><rect width="9" height="9" fill="red"/></svg>'
    Model(ModelConfig(), backends=[Recording(square)]).predict(Sneaky("a red kite " * 100_000))
    assert seen[0].startswith("a red kite") and len(seen[0]) == 1_000


class Sleeping:
    """A backend that uses all the time its link gets, then has nothing (an LLM that ran out of time)."""

    name = "sleeper"

    def generate(self, description, deadline):
        time.sleep(max(0.0, deadline.remaining()))
        return None


class Quick(Returning):
    """A backend that answers at once (the composer in a chain llm -> composer -> palette)."""


def test_a_middle_link_gets_its_share_of_the_reserve():
    # without shares the reserve was kept back whole at every link: after the first used its time the middle link
    # got nothing and the last one answered
    model = Model(ModelConfig(deadline_s=3.0, fallback_reserve_s=1.0, isolate_finish=False),
                  backends=[Sleeping(), Quick(SQUARE, name="quick"), PaletteBackend()])
    result, elapsed = timed_predict(model)
    assert elapsed < 3.0 + OVERRUN_MARGIN_S
    assert result.attempts[0].backend == "sleeper" and result.attempts[0].outcome != "ok", result.attempts
    assert result.backend == "quick", result.attempts


def test_link_budget_shares_the_reserve_among_later_links():
    deadline = Deadline(10.0)
    budgets = [link_budget(deadline, 2.0, links_after=after, fallbacks=2) for after in (2, 1, 0)]
    assert [round(b) for b in budgets] == [8, 9, 10]
    assert round(link_budget(deadline, 2.0, links_after=0, fallbacks=0)) == 10  # a single backend gets it all
