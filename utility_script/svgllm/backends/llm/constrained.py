"""A logits processor that keeps every generated row a prefix of a valid, allowlisted SVG.

At each step only the model's `top_k` best tokens are tried against the grammar (`grammar.SvgGrammar`), so the
overhead is a few hundred character steps per row, not a pass over the whole vocabulary; if none of them fits,
every single-character token is tried; if still nothing fits, the row is closed. Close to a budget (new tokens,
bytes, or time before the deadline) each candidate must also leave room for the closing suffix, and when no
candidate does the processor writes the closing suffix itself, token by token, then EOS. A finished row may
only emit EOS. The result: the text of every row is a complete, valid document, or (if generation is cut from
outside) a prefix that `grammar.closing` completes.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field

from .grammar import DONE, State, SvgGrammar
from .tokens import TokenTable, encode_exact

log = logging.getLogger(__name__)

_NEAR_TOKENS = 32  # slack (in tokens) beyond the closing bound where candidates start being checked precisely
_NEAR_BYTES = 96  # same in bytes (covers the longest token piece)
_TIME_SAFETY = 1.3  # step-time estimates are multiplied by this before budgeting the remaining steps


@dataclass
class RowState:
    """Per-row progress: grammar state, bytes written, and the forced closing tokens still to emit."""

    state: State | None
    nbytes: int
    forced: list = field(default_factory=list)
    budget: str = ""  # the budget that shaped the row's ending: "", "tokens", "bytes" or "time"
    forced_close: bool = False  # True when the processor wrote the closing suffix itself

    @property
    def done(self) -> bool:
        """True once the document is complete."""
        return self.state is not None and self.state.mode == DONE


class SvgConstraintProcessor:
    """`transformers` LogitsProcessor (duck-typed: generate only calls it) enforcing `grammar` on each row.

    `max_new_tokens`: the generation's token budget; `max_bytes`: cap on the whole SVG (including
    `prefix_bytes` already in the prompt, e.g. a prefilled header); `deadline`: optional `svgllm.deadline.Deadline`
    by which the row must be closed; `top_k`: candidates tried per step; `greedy`: stop at the best fitting
    candidate (enough for greedy decoding, and cheaper) instead of keeping every fitting one for sampling.
    """

    def __init__(self, grammar: SvgGrammar, table: TokenTable, tokenizer, max_new_tokens: int, max_bytes: int,
                 deadline=None, prefix_bytes: int = 0, top_k: int = 32, greedy: bool = False,
                 clock=time.monotonic):
        self.grammar = grammar
        self.table = table
        self.tokenizer = tokenizer
        self.max_new_tokens = int(max_new_tokens)
        self.max_bytes = int(max_bytes)
        self.deadline = deadline
        self.prefix_bytes = int(prefix_bytes)
        self.top_k = int(top_k)
        self.greedy = bool(greedy)
        self.clock = clock
        self.rows: list[RowState] = []
        self.prompt_len: int | None = None
        self.calls = 0
        self.seconds = 0.0  # time spent inside the processor (the overhead benchmarks report)
        self._last_call: float | None = None
        self._step_time: float | None = None
        self._buffer = None
        self._token_counts: dict = {}

    # ------------------------------------------------------------------------------------------ bookkeeping
    def _start(self, batch: int, prompt_len: int) -> None:
        self.prompt_len = prompt_len
        self.rows = [RowState(self.grammar.initial(), self.prefix_bytes) for _ in range(batch)]

    def _advance(self, row: RowState, token: int) -> None:
        """Feed the token a row just emitted into its grammar state."""
        if row.forced and row.forced[0] == token:
            row.forced.pop(0)
        if row.state is None or row.done:
            return
        piece = self.table.pieces[token] if 0 <= token < self.table.size else None
        if piece is None:
            # Only EOS/padding can get here (the mask allows nothing else); a row ended before completing.
            return
        row.state = self.grammar.feed(row.state, piece)
        row.nbytes += len(piece.encode("utf-8"))
        if row.state is None:
            log.warning("a generated token left the SVG grammar: %r", piece)

    def _time_steps_left(self) -> int | None:
        """How many more steps fit before the deadline, from the measured step time (None: no estimate)."""
        if self.deadline is None or self._step_time is None:
            return None
        return int(self.deadline.remaining() / (self._step_time * _TIME_SAFETY)) - 1

    def _measure(self) -> None:
        now = self.clock()
        if self._last_call is not None and self.calls > 1:  # the first interval includes the prompt's prefill
            interval = now - self._last_call
            # A moving average that reacts at once to a slower step (the machine got busier).
            smooth = interval if self._step_time is None else 0.7 * self._step_time + 0.3 * interval
            self._step_time = max(interval, smooth)
        self._last_call = now

    # ----------------------------------------------------------------------------------------------- logits
    def __call__(self, input_ids, scores):
        import torch

        started = time.perf_counter()
        self.calls += 1
        self._measure()
        batch, length = input_ids.shape
        if self.prompt_len is None or len(self.rows) != batch:
            self._start(batch, length)
        else:
            for row, token in zip(self.rows, input_ids[:, -1].tolist(), strict=True):
                self._advance(row, token)
        generated = length - self.prompt_len
        tokens_left = self.max_new_tokens - generated
        by_time = self._time_steps_left()
        k = min(self.top_k, scores.shape[-1])
        top_ids = torch.topk(scores, k, dim=-1).indices.tolist()
        # One reused buffer (a fresh 1 MB tensor per step costs page faults on a busy CPU); generate uses the
        # returned scores within the step, and the backend never asks for output_scores.
        if self._buffer is None or self._buffer.shape != scores.shape or self._buffer.dtype != scores.dtype:
            self._buffer = torch.empty_like(scores)
        out = self._buffer.fill_(-math.inf)
        for index, row in enumerate(self.rows):
            allowed = self._allowed(row, top_ids[index], by_time, tokens_left)
            ids = torch.tensor(allowed, device=scores.device, dtype=torch.long)
            values = scores[index, ids]
            # Forced or fallback tokens may have been masked by an earlier processor: give them a finite score.
            out[index, ids] = torch.where(torch.isfinite(values), values, torch.zeros_like(values))
        self.seconds += time.perf_counter() - started
        return out

    def _allowed(self, row: RowState, top: list, by_time: int | None, tokens_left: int) -> list[int]:
        """Token ids this row may emit now (never empty)."""
        eos = self.table.eos_id
        if row.state is None or row.done:
            return [eos]
        if row.forced:
            return [row.forced[0]]
        bound = self.grammar.close_cost(row.state)
        steps_left = tokens_left if by_time is None else min(tokens_left, by_time)
        near = ""
        if self.max_bytes - row.nbytes <= bound + _NEAR_BYTES:
            near = "bytes"
        elif by_time is not None and by_time < tokens_left and by_time <= bound + _NEAR_TOKENS:
            near = "time"
        elif tokens_left <= bound + _NEAR_TOKENS:
            near = "tokens"
        row.budget = row.budget or near
        if self.greedy:
            best = next((t for t in top if self._fits(row, t, bool(near), steps_left)), None)
            allowed = [] if best is None else [best]
        else:
            allowed = [t for t in top if self._fits(row, t, bool(near), steps_left)]
        if not allowed:
            allowed = [t for t in self.table.single.values() if self._fits(row, t, bool(near), steps_left)]
        if allowed:
            return allowed
        return self._force_close(row)

    def _fits(self, row: RowState, token: int, near: bool, steps_left: int) -> bool:
        """True when `token` keeps the row a valid prefix (and, near a budget, still closable within it)."""
        piece = self.table.pieces[token] if 0 <= token < self.table.size else None
        if piece is None:
            return False
        state = self.grammar.feed(row.state, piece)
        if state is None:
            return False
        if state.mode == DONE:
            return row.nbytes + len(piece) <= self.max_bytes
        if not near:
            return True
        bound = self.grammar.close_cost(state)  # cheap upper bound first; the exact closing only when needed
        if row.nbytes + len(piece) + bound <= self.max_bytes and bound <= steps_left - 1:
            return True
        closing = self.grammar.closing(state)
        if row.nbytes + len(piece) + len(closing) > self.max_bytes:
            return False
        # One step is this token itself; the closing needs at most one token per character, else count exactly.
        return len(closing) <= steps_left - 1 or self._closing_tokens(closing) <= steps_left - 1

    def _closing_tokens(self, closing: str) -> int:
        """Tokens a forced close of `closing` takes (cached: few distinct closings occur)."""
        count = self._token_counts.get(closing)
        if count is None:
            count = len(encode_exact(self.tokenizer, self.table, closing))
            if len(self._token_counts) > 10_000:
                self._token_counts.clear()
            self._token_counts[closing] = count
        return count

    def _force_close(self, row: RowState) -> list[int]:
        """Queue the closing suffix's tokens for `row` and return the first one."""
        closing = self.grammar.closing(row.state)
        row.forced_close = True
        if not closing:
            return [self.table.eos_id]
        row.forced = encode_exact(self.tokenizer, self.table, closing)
        return [row.forced[0]]
