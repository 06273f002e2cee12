"""`LLMBackend`: a causal LM writes the SVG, constrained to stay valid, N candidates per batch, best one kept.

Configuration: `ModelConfig.llm_model` (HF folder, .gguf file, Kaggle handle or "pypi:gemma3-270m"),
`ModelConfig.llm_adapter` (optional LoRA adapter) and `ModelConfig.llm` (`LLMOptions`). The model is
loaded on first use (or by `load()`), once, under a lock; nothing heavy happens at import or construction.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...deadline import Deadline
from ...prompt import COMPACT_ATTRIBUTES, COMPACT_ELEMENTS, SVG_HEADER, build_prompt, prompt_has_bos
from .candidates import get_scorer, pick
from .finish import complete, trivial_close

if TYPE_CHECKING:  # svgllm.config imports this package (for LLMOptions): no import back at run time
    from ...config import ModelConfig

log = logging.getLogger(__name__)


@dataclass
class Generation:
    """One generated SVG: `svg` is the completed text, `raw` what the model wrote (header included)."""

    svg: str
    raw: str
    new_tokens: int
    valid: bool
    budget: str = ""  # the budget ("tokens", "bytes", "time") that shaped the ending under the grammar, if any


@dataclass
class GenerationResult:
    """All candidates of one `generate` call, the chosen index and timings."""

    candidates: list[Generation]
    best: int
    scores: list[float]
    seconds: float
    rounds: int
    processor_seconds: float = 0.0
    new_tokens: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def svg(self) -> str:
        """The chosen SVG."""
        return self.candidates[self.best].svg


class LLMBackend:
    """The "llm" backend of `svgllm.backends.REGISTRY`."""

    name = "llm"

    def __init__(self, config: ModelConfig | None = None):
        if config is None:
            from ...config import ModelConfig

            config = ModelConfig.from_env()
        self.config = config
        if not self.config.llm_model:
            raise ValueError("the llm backend needs a model: set ModelConfig.llm_model (CLI --model, SVGLLM_MODEL)")
        self.options = self.config.llm
        self.scorer = get_scorer(self.options.scorer)
        self.max_bytes = min(self.options.max_bytes or self.config.budget_bytes, self.config.budget_bytes)
        self._lock = threading.Lock()
        self._loaded = None
        self._table = None
        self._grammars: dict = {}
        self.last: GenerationResult | None = None

    # ---------------------------------------------------------------------------------------------- loading
    def load(self):
        """Load model, tokenizer and token table once (thread-safe); returns the `LoadedModel`."""
        with self._lock:
            if self._loaded is None:
                from .loading import load
                from .tokens import build_table

                opts = self.options
                loaded = load(self.config.llm_model, self.config.llm_adapter, quantize=opts.quantize,
                              dtype=opts.dtype, device=opts.device, merge_adapter=opts.merge_adapter)
                vocab = getattr(loaded.model.config, "vocab_size", None)
                self._table = build_table(loaded.tokenizer, vocab)
                self._loaded = loaded
            return self._loaded

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory."""
        return self._loaded is not None

    def grammar(self, header: str | None):
        """The grammar for this backend's profile, starting at `header` (None: after a prefilled header)."""
        if header not in self._grammars:
            from .grammar import SvgGrammar

            compact = self.options.profile == "compact"
            self._grammars[header] = SvgGrammar(
                elements=COMPACT_ELEMENTS if compact else None,
                attributes=COMPACT_ATTRIBUTES if compact else None,
                decimals=self.options.decimals,
                header=header,
            )
        return self._grammars[header]

    # ------------------------------------------------------------------------------------------- generation
    def generate(self, description: str, deadline: Deadline) -> str:
        """The best candidate SVG for `description`, finished before `deadline`."""
        return self.generate_candidates(description, deadline).svg

    def candidates(self, description: str, deadline: Deadline, n: int) -> list[str]:
        """`n` sampled SVGs in one batch for `Model`'s best-of-N, this backend's own pick first.

        Invalid ones are included: `Model` sanitises and checks every candidate and skips what fails.
        """
        result = self.generate_candidates(description, deadline, num_candidates=max(1, int(n)))
        order = [result.best] + [i for i in range(len(result.candidates)) if i != result.best]
        return [result.candidates[i].svg for i in order]

    def generate_candidates(self, description: str, deadline: Deadline | None = None, *,
                            num_candidates: int | None = None, constrained: bool | None = None,
                            max_new_tokens: int | None = None) -> GenerationResult:
        """Generate rounds of candidates until one is valid (or rounds/time run out) and pick the best.

        Keyword arguments override the options for this call (benchmarks compare constrained vs not).
        """
        started = time.monotonic()
        deadline = deadline if deadline is not None else Deadline(self.config.deadline_s)
        self.load()
        opts = self.options
        if deadline.remaining() <= opts.reserve_s:
            # loading ate the budget (a lazy first call): end now rather than generate past the caller's deadline
            raise TimeoutError("no time left to generate after loading the model")
        n = num_candidates or opts.num_candidates
        use_grammar = opts.constrained if constrained is None else constrained
        budget = max_new_tokens or opts.max_new_tokens
        candidates: list[Generation] = []
        processor_seconds, rounds = 0.0, 0
        while rounds < opts.max_rounds and (rounds == 0 or deadline.remaining() > opts.reserve_s + 1.0):
            rounds += 1
            # Greedy decoding would repeat itself: a second round always samples.
            sampling = rounds > 1 or (opts.do_sample if opts.do_sample is not None else n > 1)
            batch, seconds = self._generate_batch(description, deadline, n, use_grammar, budget, sampling)
            candidates.extend(batch)
            processor_seconds += seconds
            if any(c.valid for c in batch):
                break
        best, scores = pick(description, [c.svg for c in candidates], self.scorer)
        result = GenerationResult(candidates, best, scores, time.monotonic() - started, rounds,
                                  processor_seconds, sum(c.new_tokens for c in candidates))
        self.last = result
        return result

    def _generate_batch(self, description: str, deadline: Deadline, n: int, use_grammar: bool,
                        max_new_tokens: int, sampling: bool) -> tuple[list[Generation], float]:
        """One batch of `n` rows; returns the candidates and the time spent in the grammar processor."""
        import torch
        from transformers import GenerationConfig, LogitsProcessorList, StoppingCriteriaList

        from ...rules import check
        from .constrained import SvgConstraintProcessor
        from .stopping import StopAtDeadline, StopAtSvgClose, StopBeforeBytes

        loaded, table, opts = self._loaded, self._table, self.options
        tokenizer = loaded.tokenizer
        prefill = opts.header == "prefill"
        prompt = build_prompt(description, tokenizer) + (SVG_HEADER if prefill else "")
        prefix = SVG_HEADER if prefill else ""
        encoded = tokenizer(prompt, return_tensors="pt", add_special_tokens=not prompt_has_bos(prompt, tokenizer))
        input_ids = encoded["input_ids"].to(loaded.device).repeat(n, 1)
        attention = encoded["attention_mask"].to(loaded.device).repeat(n, 1)
        processors = LogitsProcessorList()
        processor = None
        if use_grammar:
            processor = SvgConstraintProcessor(
                self.grammar(None if prefill else SVG_HEADER), table, tokenizer, max_new_tokens, self.max_bytes,
                deadline=deadline.sub(max(0.0, deadline.remaining() - opts.reserve_s)),
                prefix_bytes=len(prefix.encode("utf-8")), top_k=opts.candidates_per_step,
                greedy=not sampling,
            )
            processors.append(processor)
        stopping = StoppingCriteriaList([
            StopAtSvgClose(table),
            StopBeforeBytes(table, self.max_bytes, prefix_bytes=len(prefix.encode("utf-8"))),
            StopAtDeadline(deadline, reserve_s=opts.reserve_s),
        ])
        generation = GenerationConfig(
            max_new_tokens=max_new_tokens, do_sample=sampling,
            temperature=opts.temperature if sampling else None, top_p=opts.top_p if sampling else None,
            top_k=None, pad_token_id=tokenizer.pad_token_id, eos_token_id=table.eos_id,
            bos_token_id=tokenizer.bos_token_id,
        )
        if opts.seed is not None:
            torch.manual_seed(opts.seed)
        with torch.inference_mode():
            output = loaded.model.generate(
                input_ids=input_ids, attention_mask=attention, generation_config=generation,
                logits_processor=processors, stopping_criteria=stopping,
            )
        new = output[:, input_ids.shape[1]:].tolist()
        full_grammar = self.grammar(SVG_HEADER)
        batch = []
        for index, ids in enumerate(new):
            raw = prefix + table.text(ids)
            if use_grammar:
                svg, _ = complete(raw, full_grammar)
            else:
                svg = trivial_close(raw)
            budget = processor.rows[index].budget if processor is not None and processor.rows else ""
            count = sum(1 for i in ids if i not in (table.eos_id, table.pad_id))
            batch.append(Generation(svg, raw, count, not check(svg), budget))
        return batch, (processor.seconds if processor is not None else 0.0)
