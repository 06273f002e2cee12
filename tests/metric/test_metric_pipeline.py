"""The whole metric end to end with tiny randomly initialised PaliGemma and CLIP models (no real weights)."""
import math

import numpy as np
import pytest

pytest.importorskip("transformers")

from metric_samples import APPLE_SVG, OCEAN_SVG
from svgllm.metric.ocr import OCR, count_characters, ocr_penalty
from svgllm.metric.score import MetricScorer, harmonic_mean, score
from svgllm.metric.selection import best_of
from svgllm.metric.vqa import VQA, Question, letter_token_ids


@pytest.fixture(scope="module")
def scorer(tiny_paligemma, tiny_aesthetic):
    return MetricScorer(VQA(tiny_paligemma), tiny_aesthetic, OCR(tiny_paligemma))


def test_letter_tokens_with_and_without_space(tiny_paligemma):
    tokenizer = tiny_paligemma.processor.tokenizer
    groups = letter_token_ids(tokenizer, 3)
    assert [tokenizer.convert_ids_to_tokens(g) for g in groups] == [["A", "▁A"], ["B", "▁B"], ["C", "▁C"]]


def test_prompt_reaches_the_model_as_the_metric_writes_it(tiny_paligemma, tiny_aesthetic):
    from PIL import Image
    from svgllm.metric.vqa import format_question

    prompt = format_question("Is it red?", ["no", "yes"])
    inputs = tiny_paligemma.model_inputs([Image.new("RGB", (64, 64), "red")], [prompt])
    text = tiny_paligemma.processor.tokenizer.decode(inputs["input_ids"][0])
    assert text.endswith("<bos>answer en Question: Is it red?\nChoices:\nA. no\nB. yes\n")
    assert text.startswith("<image>" * 4)


def test_vqa_reads_the_last_position_letter_logits(tiny_paligemma, monkeypatch):
    """With fake next-token logits favouring "B"/" B", the VQA score is P(B) for questions answered B."""
    import torch
    from PIL import Image

    tokenizer = tiny_paligemma.processor.tokenizer
    _, b_ids = letter_token_ids(tokenizer, 2)

    def fake_logits(images, prompts):
        logits = torch.zeros(len(prompts), len(tokenizer))
        logits[:, b_ids] = math.log(3.0)  # each B token 3x as likely as each A token
        logits[:, 0] = 100.0  # a non-letter token that must be masked away
        return logits

    monkeypatch.setattr(tiny_paligemma, "next_token_logits", fake_logits)
    vqa = VQA(tiny_paligemma)
    image = Image.new("RGB", (32, 32))
    on_b = Question("q?", ("x", "y"), "y")
    on_a = Question("q?", ("x", "y"), "x")
    assert vqa.score(image, [on_b]) == pytest.approx(0.75)
    assert vqa.score(image, [on_b, on_a]) == pytest.approx((0.75 + 0.25) / 2)


def test_vqa_probabilities_are_distributions(tiny_paligemma, items):
    from PIL import Image

    probabilities = VQA(tiny_paligemma, batch_size=1).probabilities(Image.new("RGB", (64, 64), "blue"),
                                                                     items[0].questions)
    assert [len(p) for p in probabilities] == [3, 2]
    for p in probabilities:
        assert p.sum() == pytest.approx(1.0) and (p > 0).all()


def test_aesthetic_is_the_head_on_normalised_clip_features_over_ten(tiny_aesthetic):
    import torch
    from PIL import Image

    image = Image.new("RGB", (64, 64), "orange")
    pixels = tiny_aesthetic.clip_processor(images=[image], return_tensors="pt")["pixel_values"]
    with torch.no_grad():
        vision = tiny_aesthetic.clip_model.vision_model(pixel_values=pixels).pooler_output
        features = tiny_aesthetic.clip_model.visual_projection(vision)
        expected = tiny_aesthetic.head(features / features.norm(dim=-1, keepdim=True)).item() / 10
    assert tiny_aesthetic.score(image) == pytest.approx(expected, rel=1e-5)
    assert tiny_aesthetic.features([image]).norm(dim=-1).item() == pytest.approx(1.0, rel=1e-5)


def test_ocr_penalty_follows_what_was_read(tiny_paligemma):
    from PIL import Image

    factor, text = OCR(tiny_paligemma).penalty(Image.new("RGB", (64, 64), "white"))
    assert isinstance(text, str)
    assert factor == pytest.approx(ocr_penalty(count_characters(text)))


def test_score_end_to_end(scorer, items):
    report = score(items, {"t1": APPLE_SVG, "t2": OCEAN_SVG}, scorer)
    assert [r.id for r in report.items] == ["t1", "t2"]
    for result in report.items:
        parts = result.components
        assert set(parts) == {"vqa", "aesthetic", "ocr"}
        assert 0 < parts["vqa"] < 1 and 0 < parts["ocr"] <= 1
        assert result.score == pytest.approx(harmonic_mean(parts["vqa"], parts["aesthetic"]) * parts["ocr"])
        assert "ocr_text" in result.notes
    assert report.mean == pytest.approx(np.mean([r.score for r in report.items]))
    again = score(items, [APPLE_SVG, OCEAN_SVG], scorer)  # same seeds, same models: same numbers
    assert [r.score for r in again.items] == [r.score for r in report.items]


def test_bad_svgs_score_zero_with_a_reason(scorer, items):
    report = score(items, {"t1": "<svg><script/></svg>"}, scorer)
    assert report.items[0].score == 0.0 and report.items[0].problem.startswith("invalid")
    assert report.items[1].score == 0.0 and report.items[1].problem == "no SVG for this id"


def test_metric_scorer_selects_among_candidates(scorer):
    selection = best_of([APPLE_SVG, "not an svg", OCEAN_SVG], scorer, "a red apple")
    assert selection.scores[1] == 0.0
    assert selection.index in (0, 2) and selection.score == max(selection.scores)


def test_models_load_from_saved_folders(saved_models, tiny_aesthetic):
    from PIL import Image
    from svgllm.metric.aesthetic import Aesthetic
    from svgllm.metric.vqa import PaliGemma

    paligemma = PaliGemma.load(saved_models["vqa"], device="cpu")
    assert paligemma.device == "cpu"
    with pytest.raises(ValueError, match="CUDA"):
        PaliGemma.load(saved_models["vqa"], device="cpu", quantize=True)
    aesthetic = Aesthetic.load(saved_models["clip"], saved_models["head"], device="cpu")
    image = Image.new("RGB", (64, 64), "purple")
    assert aesthetic.score(image) == pytest.approx(tiny_aesthetic.score(image), rel=1e-5)


def test_batched_questions_match_one_at_a_time(tiny_paligemma):
    """Left padding in a batch must not change any question's answer (prompts differ in length)."""
    from PIL import Image

    image = Image.new("RGB", (64, 64), "green")
    questions = [Question("Is it green?", ("no", "yes"), "yes"),
                 Question("Which of these shapes is drawn in the middle of the picture?",
                          ("circle", "square", "star", "triangle"), "circle")]
    batched = VQA(tiny_paligemma, batch_size=8).probabilities(image, questions)
    single = VQA(tiny_paligemma, batch_size=1).probabilities(image, questions)
    for one, other in zip(batched, single, strict=True):
        assert one == pytest.approx(other, abs=1e-4)
