"""The metric's numeric parts, checked exactly: harmonic mean, OCR penalty, choice probabilities."""
import math

import numpy as np
import pytest
from svgllm.metric.ocr import count_characters, ocr_penalty
from svgllm.metric.score import harmonic_mean
from svgllm.metric.vqa import Question, choice_probabilities, format_question


@pytest.mark.parametrize("a, b, expected", [
    (1.0, 1.0, 1.0),
    (0.5, 0.5, 0.5),
    (1.0, 0.5, 1.25 * 0.5 / (0.25 + 0.5)),  # 0.8333...: the first argument (VQA) weighs more
    (0.5, 1.0, 1.25 * 0.5 / (0.125 + 1.0)),  # 0.5556...
    (0.8, 0.6, 1.25 * 0.48 / (0.2 + 0.6)),
])
def test_harmonic_mean_values(a, b, expected):
    assert harmonic_mean(a, b) == pytest.approx(expected, rel=1e-12)


def test_harmonic_mean_favours_the_first_argument():
    assert harmonic_mean(0.9, 0.3) > harmonic_mean(0.3, 0.9)


@pytest.mark.parametrize("a, b", [(0.0, 0.7), (0.7, 0.0), (-0.1, 0.5), (0.5, -2.0), (0.0, 0.0)])
def test_harmonic_mean_is_zero_when_either_is_not_positive(a, b):
    assert harmonic_mean(a, b) == 0.0


def test_harmonic_mean_with_beta_one_is_the_plain_harmonic_mean():
    assert harmonic_mean(0.2, 0.6, beta=1.0) == pytest.approx(2 * 0.2 * 0.6 / 0.8)


@pytest.mark.parametrize("n, expected", [
    (0, 1.0), (1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0),
    (5, math.exp(-1)), (6, math.exp(-2)), (7, math.exp(-3)), (8, math.exp(-4)),
])
def test_ocr_penalty_for_0_to_8_characters(n, expected):
    assert ocr_penalty(n) == pytest.approx(expected, rel=1e-12)


def test_ocr_penalty_rejects_negative_counts():
    with pytest.raises(ValueError):
        ocr_penalty(-1)


def test_count_characters_ignores_surrounding_whitespace_only():
    assert count_characters("  ab c\n") == 4
    assert count_characters("") == 0


def test_format_question_is_the_metric_prompt():
    prompt = format_question("What color is the sky?", ["blue", "green", "red"])
    assert prompt == "<image>answer en Question: What color is the sky?\nChoices:\nA. blue\nB. green\nC. red"


def test_choice_probabilities_mask_everything_but_the_letters():
    logits = np.zeros(10)
    logits[0] = 50.0  # a huge non-letter logit must not leak into the answer
    logits[[2, 3]] = [1.0, 0.0]
    probs = choice_probabilities(logits, [[2], [3]])
    assert probs == pytest.approx([math.e / (math.e + 1), 1 / (math.e + 1)])


def test_choice_probabilities_sum_with_and_without_leading_space():
    logits = np.full(8, -1e9)
    logits[[1, 2, 5, 6]] = [0.0, 0.0, 0.0, math.log(2)]  # A, " A", B, " B"
    probs = choice_probabilities(logits, [[1, 2], [5, 6]])
    assert probs == pytest.approx([2 / 5, 3 / 5])


def test_choice_probabilities_renormalise_over_the_choices():
    logits = np.zeros(6)
    # the softmax runs over four letters, but only two are choices: their mass (1/2) is scaled back to 1
    probs = choice_probabilities(logits, [[0], [1]], allowed_ids=[0, 1, 2, 3])
    assert probs == pytest.approx([0.5, 0.5])
    logits[1] = math.log(3)
    probs = choice_probabilities(logits, [[0], [1]], allowed_ids=[0, 1, 2, 3])
    assert probs == pytest.approx([0.25, 0.75])
    assert probs.sum() == pytest.approx(1.0)


def test_choice_probabilities_accept_torch_tensors():
    torch = pytest.importorskip("torch")
    logits = torch.tensor([0.0, 2.0, 0.0], dtype=torch.bfloat16)
    probs = choice_probabilities(logits, [[0], [1], [2]])
    assert probs == pytest.approx(np.exp([0, 2, 0]) / np.exp([0, 2, 0]).sum(), rel=1e-6)


def test_question_from_dict_checks_the_answer():
    question = Question.from_dict({"question": "Is it red?", "choices": ["no", "yes"], "answer": "yes"})
    assert question.choices == ("no", "yes")
    with pytest.raises(ValueError, match="not among the choices"):
        Question.from_dict({"question": "Is it red?", "choices": ["no", "yes"], "answer": "maybe"})
    with pytest.raises(ValueError):
        Question.from_dict({"question": "Is it red?"})
