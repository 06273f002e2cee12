"""The OCR penalty: text that PaliGemma can read in the image costs score.

Facts (competition README): on the lightly processed image (crop of up to 5% per side, JPEG q90)
PaliGemma is prompted with `<image>ocr\\n`, decoded greedily for 32 new tokens, and
`ocr = min(1, exp(4 - characters read))`: up to 4 characters cost nothing, each further one divides by e.
"""
from __future__ import annotations

import math

OCR_PROMPT = "<image>ocr"  # PaliGemma's processor appends the "\n" that ends the prefix
OCR_MAX_NEW_TOKENS = 32
FREE_CHARACTERS = 4


def ocr_penalty(n_characters: int) -> float:
    """min(1, exp(4 - n)): 1.0 for up to 4 characters, then a factor e smaller per extra character."""
    if n_characters < 0:
        raise ValueError(f"a character count cannot be negative: {n_characters}")
    return min(1.0, math.exp(FREE_CHARACTERS - n_characters))


def count_characters(text: str) -> int:
    """Characters PaliGemma read: the decoded text without the whitespace around it (inner spaces count)."""
    return len(text.strip())


class OCR:
    """Reads text in an image with a `svgllm.metric.vqa.PaliGemma` and turns it into the metric's penalty."""

    def __init__(self, paligemma, max_new_tokens: int = OCR_MAX_NEW_TOKENS):
        self.paligemma = paligemma
        self.max_new_tokens = max_new_tokens

    def read(self, image) -> str:
        """The text PaliGemma reads in `image` (greedy, `max_new_tokens` tokens at most)."""
        return self.paligemma.generate([image], [OCR_PROMPT], self.max_new_tokens)[0]

    def penalty(self, image) -> tuple[float, str]:
        """(penalty factor in (0, 1], text read)."""
        text = self.read(image)
        return ocr_penalty(count_characters(text)), text
