"""Evaluation pieces without a model: completion-only NLL on hand-computable logits, first-attempt validity,
summaries, and the loss curve PNG."""
from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

from training_notebooks.svgtrain.curves import loss_points, save_loss_curve  # noqa: E402
from training_notebooks.svgtrain.evaluate import completion_nll, first_attempt, summarise  # noqa: E402


def test_uniform_logits_give_perplexity_equal_to_the_vocabulary():
    logits = torch.zeros(1, 6, 5)  # every next token equally likely among 5
    labels = torch.tensor([[-100, -100, -100, 3, 1, 4]])
    nll, count = completion_nll(logits, labels)
    assert count == 3
    assert math.exp(nll / count) == pytest.approx(5.0)


def test_only_completion_positions_count_and_logits_are_shifted():
    # Vocabulary of 2. Position t predicts token t+1. Logit log(3) on token 1 gives p(1) = 3/4, p(0) = 1/4.
    logits = torch.zeros(1, 4, 2)
    logits[0, :, 1] = math.log(3.0)
    labels = torch.tensor([[-100, -100, 1, 0]])  # prompt of 2 tokens, completion "1 0"
    nll, count = completion_nll(logits, labels)
    # Targets: position 1 -> label 1 (p 3/4), position 2 -> label 0 (p 1/4); position 0's target is masked.
    assert count == 2
    assert nll == pytest.approx(-math.log(0.75) - math.log(0.25))
    # Making the prompt's prediction confidently wrong changes nothing: it is not counted.
    logits[0, 0, :] = torch.tensor([50.0, -50.0])
    assert completion_nll(logits, labels)[0] == pytest.approx(nll)
    # Padding inside the batch (label -100) is ignored as well.
    padded = torch.cat([labels, torch.tensor([[-100]])], dim=1)
    assert completion_nll(torch.cat([logits, torch.zeros(1, 1, 2)], dim=1), padded) == (pytest.approx(nll), 2)


def test_no_completion_tokens_is_not_a_division_by_zero():
    assert completion_nll(torch.zeros(1, 3, 4), torch.full((1, 3), -100)) == (0.0, 0)


def test_first_attempt_judges_the_text_as_written():
    good = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256"><rect width="9" height="9"/></svg>'
    svg, closed, problems = first_attempt("Sure!\n" + good + "\ntrailing chatter")
    assert svg == good and closed and problems == ()
    svg, closed, problems = first_attempt(good[:-6])  # cut off before </svg>
    assert not closed and problems
    _, closed, problems = first_attempt(good.replace("<rect", "<text"))
    assert closed and problems  # <text> is not allowed by the competition rules


def test_summary_rates():
    rows = [{"valid": True, "closed": True, "stopped_at_eos": True, "bytes": 100, "new_tokens": 50, "seconds": 1.0},
            {"valid": False, "closed": False, "stopped_at_eos": False, "bytes": 300, "new_tokens": 150,
             "seconds": 3.0}]
    summary = summarise(rows)
    assert summary["valid_first_attempt"] == 0.5 and summary["mean_bytes"] == 200
    assert summary["tokens_per_second"] == pytest.approx(50.0)
    assert summarise([]) == {"rows": 0}


def test_loss_curve_png(tmp_path):
    history = [{"loss": 2.0, "step": 1}, {"loss": 1.5, "step": 2}, {"eval_loss": 1.7, "step": 2},
               {"train_runtime": 3.0, "step": 2}]
    assert loss_points(history) == {"loss": [(1, 2.0), (2, 1.5)], "eval_loss": [(2, 1.7)]}
    path = save_loss_curve(history, tmp_path / "curve.png", "t")
    from PIL import Image

    with Image.open(path) as image:
        assert image.format == "PNG" and image.size[0] > 300
    assert (tmp_path / "curve.json").is_file()


@pytest.mark.parametrize("name", ["sft", "evaluate"])
def test_notebook_pairs_are_in_sync(name):
    """The .ipynb Kaggle runs holds exactly the cells of its jupytext source (regenerate with jupytext --sync)."""
    jupytext = pytest.importorskip("jupytext")
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "training_notebooks"
    source = jupytext.read(folder / f"{name}.py")
    paired = jupytext.read(folder / f"{name}.ipynb")
    cells = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert cells(source) == cells(paired) and len(source.cells) >= 5
