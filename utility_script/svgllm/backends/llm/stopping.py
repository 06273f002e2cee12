"""Stopping criteria: end a row at `</svg>`, before the byte budget, and every row at the deadline.

They follow transformers' StoppingCriteria protocol (called with `input_ids, scores`, returning one bool per
row) without importing transformers at module import. Text is tracked incrementally from a `TokenTable`, so a
step costs a dictionary look-up per row, not a decode of the whole sequence.
"""
from __future__ import annotations

from .tokens import TokenTable

SVG_CLOSE = "</svg>"


class _RowText:
    """Generated text per row, extended by the newest token at each call."""

    def __init__(self, table: TokenTable):
        self.table = table
        self.prompt_len: int | None = None
        self.rows: list[str] = []
        self.nbytes: list[int] = []

    def update(self, input_ids) -> None:
        batch, length = input_ids.shape
        if self.prompt_len is None or len(self.rows) != batch:
            # The first call comes after the first new token: everything before it is the prompt.
            self.prompt_len = length - 1
            self.rows, self.nbytes = [""] * batch, [0] * batch
        last = input_ids[:, -1].tolist()
        for index, token in enumerate(last):
            piece = self.table.pieces[token] if 0 <= token < self.table.size else None
            if piece:
                self.rows[index] += piece
                self.nbytes[index] += len(piece.encode("utf-8"))


def _bools(values, like):
    import torch

    return torch.tensor(values, dtype=torch.bool, device=like.device)


class StopAtSvgClose:
    """Stop a row once its generated text contains `</svg>` (nothing after the root element is wanted)."""

    def __init__(self, table: TokenTable):
        self.text = _RowText(table)

    def __call__(self, input_ids, scores=None, **kwargs):
        self.text.update(input_ids)
        # Only the tail can hold a new `</svg>`: look at the last piece plus the marker's length.
        return _bools([SVG_CLOSE in row[-(len(SVG_CLOSE) + 64):] for row in self.text.rows], input_ids)


class StopBeforeBytes:
    """Stop a row when its text (plus `prefix_bytes` already written) comes within `margin` bytes of `max_bytes`."""

    def __init__(self, table: TokenTable, max_bytes: int, prefix_bytes: int = 0, margin: int = 0):
        self.text = _RowText(table)
        self.limit = int(max_bytes) - int(prefix_bytes) - int(margin)

    def __call__(self, input_ids, scores=None, **kwargs):
        self.text.update(input_ids)
        return _bools([n >= self.limit for n in self.text.nbytes], input_ids)


class StopAtDeadline:
    """Stop every row once `deadline` (a `svgllm.deadline.Deadline`) has less than `reserve_s` seconds left
    plus the time of one more step.

    A decoding step cannot be interrupted, and on a busy machine one can take seconds: stopping only once the
    reserve is reached would let the next step run past the deadline. The last step's duration (the time
    between two calls) is the estimate of the next one.
    """

    def __init__(self, deadline, reserve_s: float = 0.0):
        self.deadline = deadline
        self.reserve_s = float(reserve_s)
        self.step_s = 0.0  # duration of the last decoding step
        self._last: float | None = None

    def __call__(self, input_ids, scores=None, **kwargs):
        now = self.deadline.elapsed()
        if self._last is not None:
            self.step_s = now - self._last
        self._last = now
        stop = self.deadline.remaining() <= self.reserve_s + self.step_s
        return _bools([stop] * input_ids.shape[0], input_ids)
