"""best_of: keeps the best candidate, survives failing scorers, respects the deadline, pulls lazily."""
import math

import pytest
from svgllm.metric.selection import Scorer, best_of


class TableScorer:
    """Scores an SVG by looking it up; raises for "boom"."""

    def __init__(self, table):
        self.table = table
        self.calls = []

    def score(self, description, svg):
        self.calls.append((description, svg))
        if svg == "boom":
            raise RuntimeError("cannot score")
        return self.table[svg]


class CountdownDeadline:
    """Expires after `n` calls to expired()."""

    def __init__(self, n):
        self.left = n

    def expired(self):
        self.left -= 1
        return self.left < 0


def test_keeps_the_highest_score_and_reports_all():
    scorer = TableScorer({"a": 0.2, "b": 0.9, "c": 0.5})
    selection = best_of(["a", "b", "c"], scorer, "a red barn")
    assert (selection.svg, selection.score, selection.index) == ("b", 0.9, 1)
    assert selection.scores == [0.2, 0.9, 0.5]
    assert scorer.calls[0] == ("a red barn", "a")


def test_ties_go_to_the_earliest():
    selection = best_of(["a", "b"], TableScorer({"a": 0.5, "b": 0.5}), "d")
    assert selection.index == 0


def test_failing_and_non_finite_scores_are_skipped():
    scorer = TableScorer({"a": 0.1, "nan": math.nan, "inf": math.inf})
    selection = best_of(["boom", "nan", "a", "inf"], scorer, "d")
    assert selection.svg == "a"
    assert set(selection.errors) == {0, 1, 3} and "cannot score" in selection.errors[0]
    assert math.isnan(selection.scores[0])


def test_when_nothing_scores_the_first_candidate_is_kept():
    selection = best_of(["boom", "boom"], TableScorer({}), "d")
    assert selection.index == 0 and selection.svg == "boom" and math.isnan(selection.score)


def test_empty_candidates_are_an_error():
    with pytest.raises(ValueError):
        best_of([], TableScorer({}), "d")


def test_deadline_stops_pulling_candidates():
    pulled = []

    def candidates():
        for svg in ["a", "b", "c", "d"]:
            pulled.append(svg)
            yield svg

    selection = best_of(candidates(), TableScorer({"a": 0.1, "b": 0.3, "c": 0.9, "d": 1.0}), "x",
                        deadline=CountdownDeadline(2))
    assert pulled == ["a", "b", "c"] and selection.considered == 3 and selection.svg == "c"


def test_an_expired_deadline_still_takes_one_candidate():
    scorer = TableScorer({"a": 0.1, "b": 0.3})
    selection = best_of(iter(["a", "b"]), scorer, "x", deadline=CountdownDeadline(0))
    assert selection.svg == "a" and selection.considered == 1


def test_the_scorers_satisfy_the_protocol():
    from svgllm.metric.proxy import ProxyScorer
    from svgllm.metric.score import MetricScorer

    assert isinstance(ProxyScorer(), Scorer)
    assert isinstance(MetricScorer(None, None, None), Scorer)
    assert isinstance(TableScorer({}), Scorer)
