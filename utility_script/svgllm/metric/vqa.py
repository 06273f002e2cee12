"""VQA with PaliGemma: each question as multiple choice, answered by the letter-token probabilities.

Facts (competition README): the prompt is `<image>answer en Question: {q}\\nChoices:\\nA. {c1}\\nB. {c2}...`;
the next-token logits are restricted to the letter tokens (with and without a leading space), softmaxed,
summed per choice and renormalised; the VQA score is the mean probability of the correct choices.
PaliGemma's processor adds `<bos>` after the image tokens and the "\\n" that ends the prefix, so the prompt
text here stops after the last choice.
"""
from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

LETTERS = string.ascii_uppercase


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; `answer` must be one of `choices`."""

    question: str
    choices: tuple[str, ...]
    answer: str

    @classmethod
    def from_dict(cls, row: dict) -> Question:
        """Build from a train.jsonl question object (`question`, `choices`, `answer`), checking it."""
        try:
            question, choices, answer = row["question"], tuple(row["choices"]), row["answer"]
        except (KeyError, TypeError) as error:
            raise ValueError(f"question needs 'question', 'choices' and 'answer': {row!r}") from error
        if not 1 <= len(choices) <= len(LETTERS):
            raise ValueError(f"question {question!r} has {len(choices)} choices")
        if answer not in choices:
            raise ValueError(f"answer {answer!r} is not among the choices {choices!r} of {question!r}")
        return cls(str(question), tuple(str(c) for c in choices), str(answer))


def format_question(question: str, choices: Sequence[str]) -> str:
    """The metric's multiple-choice prompt (without the "\\n" the processor appends)."""
    lines = [f"<image>answer en Question: {question}", "Choices:"]
    lines += [f"{LETTERS[index]}. {choice}" for index, choice in enumerate(choices)]
    return "\n".join(lines)


def letter_token_ids(tokenizer, n_choices: int) -> list[list[int]]:
    """For each of the first `n_choices` letters, the ids of "L" and " L" where each is a single token."""
    groups: list[list[int]] = []
    for letter in LETTERS[:n_choices]:
        ids: list[int] = []
        for text in (letter, " " + letter):
            encoded = tokenizer.encode(text, add_special_tokens=False)
            if len(encoded) == 1 and encoded[0] not in ids:
                ids.append(int(encoded[0]))
        if not ids:
            raise ValueError(f"the tokenizer has no single token for the letter {letter!r}")
        groups.append(ids)
    return groups


def choice_probabilities(logits, groups: Sequence[Sequence[int]], allowed_ids: Sequence[int] | None = None):
    """Probability of each choice from one position's next-token logits.

    The logits are restricted to `allowed_ids` (by default every id in `groups`), softmaxed over that set,
    summed per choice (the letter with and without a leading space) and renormalised so the choices sum to 1.
    Returns a float64 numpy array with one entry per group.
    """
    values = np.asarray(_to_numpy(logits), dtype=np.float64).reshape(-1)
    if allowed_ids is None:
        allowed_ids = sorted({int(i) for group in groups for i in group})
    allowed = np.asarray(list(allowed_ids), dtype=np.int64)
    restricted = values[allowed]
    restricted = restricted - restricted.max()  # stable softmax
    weights = np.exp(restricted)
    probs = dict(zip(allowed.tolist(), (weights / weights.sum()).tolist(), strict=True))
    per_choice = np.array([sum(probs.get(int(i), 0.0) for i in group) for group in groups], dtype=np.float64)
    total = per_choice.sum()
    if total <= 0:  # only when every letter underflowed: no information, so stay uniform
        return np.full(len(groups), 1.0 / len(groups))
    return per_choice / total


def _to_numpy(array):
    if hasattr(array, "detach"):  # a torch tensor: float32 first, since numpy has no bf16
        return array.detach().float().cpu().numpy()
    return array


class PaliGemma:
    """A PaliGemma model with its processor, shared by VQA and OCR."""

    def __init__(self, model, processor, device: str | None = None):
        self.model = model
        self.processor = processor
        self.device = str(device if device is not None else next(model.parameters()).device)
        # left padding keeps every prompt's last token at position -1 of a batch
        self.processor.tokenizer.padding_side = "left"

    @classmethod
    def load(cls, spec: str, device: str = "cuda:0", quantize: bool | None = None, dtype=None) -> PaliGemma:
        """Load from a local folder or kagglehub handle. `quantize` (default: on CUDA) loads 4-bit NF4."""
        from transformers import AutoProcessor, PaliGemmaForConditionalGeneration

        from .loading import default_dtype, nf4_config, resolve_model_path

        path = resolve_model_path(spec)
        on_cuda = str(device).startswith("cuda")
        quantize = on_cuda if quantize is None else quantize
        if quantize and not on_cuda:
            raise ValueError("4-bit NF4 loading needs a CUDA device")
        options = {"dtype": dtype or default_dtype(device), "device_map": {"": device}}
        if quantize:
            options["quantization_config"] = nf4_config()
        model = PaliGemmaForConditionalGeneration.from_pretrained(path, **options).eval()
        return cls(model, AutoProcessor.from_pretrained(path), device)

    def model_inputs(self, images, prompts) -> dict:
        """The processor's tensors for `images` x `prompts` (padded to the longest), on the model's device, pixel
        values in the model's dtype: exactly what `next_token_logits` and `generate` feed the model."""
        inputs = self.processor(images=list(images), text=list(prompts), return_tensors="pt",
                                padding="longest")
        inputs.pop("labels", None)  # only used for training
        dtype = next(self.model.parameters()).dtype
        moved = {}
        for key, value in inputs.items():
            value = value.to(self.device)
            if key == "pixel_values" and value.is_floating_point() and dtype.is_floating_point:
                value = value.to(dtype)
            moved[key] = value
        return moved

    def next_token_logits(self, images, prompts):
        """Logits of the token after each prompt, shape (batch, vocab), as float32 on the CPU."""
        import torch

        inputs = self.model_inputs(images, prompts)
        with torch.inference_mode():
            logits = self.model(**inputs).logits[:, -1, :]
        return logits.float().cpu()

    def generate(self, images, prompts, max_new_tokens: int) -> list[str]:
        """Greedy continuation of each prompt, decoded without special tokens."""
        import torch

        inputs = self.model_inputs(images, prompts)
        with torch.inference_mode():
            output = self.model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False)
        new_tokens = output[:, inputs["input_ids"].shape[1] :]
        return self.processor.batch_decode(new_tokens, skip_special_tokens=True)


class VQA:
    """Answers multiple-choice questions about an image with a `PaliGemma`."""

    def __init__(self, paligemma: PaliGemma, batch_size: int = 8):
        self.paligemma = paligemma
        self.batch_size = batch_size

    def probabilities(self, image, questions: Sequence[Question]) -> list[np.ndarray]:
        """For each question, the probability of each of its choices (summing to 1)."""
        tokenizer = self.paligemma.processor.tokenizer
        results: list[np.ndarray] = []
        for start in range(0, len(questions), self.batch_size):
            batch = questions[start : start + self.batch_size]
            prompts = [format_question(q.question, q.choices) for q in batch]
            logits = self.paligemma.next_token_logits([image] * len(batch), prompts)
            for row, question in zip(logits, batch, strict=True):
                results.append(choice_probabilities(row, letter_token_ids(tokenizer, len(question.choices))))
        return results

    def score(self, image, questions: Sequence[Question]) -> float:
        """Mean probability of the correct choice over `questions` (the metric's VQA score)."""
        if not questions:
            raise ValueError("VQA needs at least one question")
        probabilities = self.probabilities(image, questions)
        correct = [p[q.choices.index(q.answer)] for p, q in zip(probabilities, questions, strict=True)]
        return float(np.mean(correct))
