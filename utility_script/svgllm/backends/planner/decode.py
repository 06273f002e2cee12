"""Greedy, grammar-constrained generation of one scene program (the LLM backend's loader and decoder, reused).

The constrained processor is the one the SVG path uses (`llm.constrained.SvgConstraintProcessor`), given the
program grammar instead of the SVG grammar: each step keeps the model's best token that leaves the text a viable
program prefix, and close to the deadline or the token budget it completes the program itself. What comes back
therefore always parses.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ...deadline import Deadline

MAX_PROGRAM_BYTES = 1024  # far above any program of the language (a few hundred bytes at most)


@dataclass
class ProgramDecoder:
    """A loaded planner: model, tokenizer, token table, grammar, and whether it uses the few-shot prompt."""

    loaded: object  # llm.loading.LoadedModel
    table: object  # llm.tokens.TokenTable
    grammar: object  # llm.program_grammar.ProgramGrammar
    few_shot: bool
    load_seconds: float = 0.0
    stages: dict = field(default_factory=dict)  # seconds per load stage: model, table, grammar

    @classmethod
    def load(cls, model: str, adapter=None, device: str = "auto", restrict_head: bool = True) -> ProgramDecoder:
        """Load `model` (+ LoRA `adapter`, merged); without an adapter the base model is prompted with worked
        examples. The token table comes from the on-disk cache after the first load (`table_cache`).
        `restrict_head`: project onto the tokens a program can contain only (`head`; same choices, faster)."""
        from ..llm.program_grammar import ProgramGrammar, piece_can_occur
        from .head import kept_token_ids, restrict_output_head
        from .loading import load_planner_model
        from .table_cache import cached_table

        started = time.monotonic()
        loaded = load_planner_model(model, adapter, device=device)
        stages = {"model": time.monotonic() - started}
        table = cached_table(loaded.tokenizer, getattr(loaded.model.config, "vocab_size", None), loaded.folder)
        stages["table"] = time.monotonic() - started - stages["model"]
        grammar = ProgramGrammar()
        stages["grammar"] = time.monotonic() - started - stages["model"] - stages["table"]
        if restrict_head:
            restrict_output_head(loaded.model, kept_token_ids(table, piece_can_occur))
            stages["head"] = time.monotonic() - started - sum(stages.values())
        return cls(loaded, table, grammar, few_shot=adapter is None, load_seconds=time.monotonic() - started,
                   stages={k: round(v, 2) for k, v in stages.items()})

    def prompt(self, description: str) -> str:
        """The prompt for `description` (trained: the short planner prompt; base model: few-shot)."""
        from .prompt import few_shot_prompt, planner_prompt

        return few_shot_prompt(description) if self.few_shot else planner_prompt(description)

    def generate(self, description: str, deadline: Deadline, max_new_tokens: int = 96) -> tuple[str, int]:
        """(program, tokens generated) for `description`, finished before `deadline`."""
        import torch
        from transformers import GenerationConfig, LogitsProcessorList, StoppingCriteriaList

        from ..llm.constrained import SvgConstraintProcessor
        from ..llm.stopping import StopAtDeadline

        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        encoded = tokenizer(self.prompt(description), return_tensors="pt")
        input_ids = encoded["input_ids"].to(self.loaded.device)
        processor = SvgConstraintProcessor(self.grammar, self.table, tokenizer, max_new_tokens, MAX_PROGRAM_BYTES,
                                           deadline=deadline, top_k=16, greedy=True)
        generation = GenerationConfig(max_new_tokens=max_new_tokens, do_sample=False, top_k=None, top_p=None,
                                      temperature=None, pad_token_id=tokenizer.pad_token_id,
                                      eos_token_id=self.table.eos_id, bos_token_id=tokenizer.bos_token_id)
        with torch.inference_mode():
            output = model.generate(input_ids=input_ids, attention_mask=encoded["attention_mask"].to(input_ids.device),
                                    generation_config=generation, logits_processor=LogitsProcessorList([processor]),
                                    stopping_criteria=StoppingCriteriaList([StopAtDeadline(deadline)]))
        new = output[0, input_ids.shape[1]:].tolist()
        text = self.table.text(new)
        state = self.grammar.feed(self.grammar.initial(), text)
        if state is None:  # cannot happen with the processor in place; a bug must not leak an invalid program
            raise RuntimeError(f"the planner wrote text outside the program grammar: {text!r}")
        return text + self.grammar.closing(state), len(new)
