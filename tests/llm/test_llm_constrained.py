"""The constrained logits processor on a toy tokenizer with random logits: every run ends in a valid SVG."""
import math

import pytest

torch = pytest.importorskip("torch")  # the llm extra
from svgllm.backends.llm.constrained import SvgConstraintProcessor  # noqa: E402
from svgllm.backends.llm.grammar import SvgGrammar  # noqa: E402
from svgllm.deadline import Deadline  # noqa: E402
from svgllm.prompt import COMPACT_ATTRIBUTES, COMPACT_ELEMENTS, SVG_HEADER  # noqa: E402
from svgllm.rules import check  # noqa: E402

HEADER_BYTES = len(SVG_HEADER)


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def decode(processor, table, steps, batch=3, seed=0, clock=None, step_s=0.0, sample=False):
    """Drive the processor like `generate` does: random logits, pick a token, append, until EOS or `steps`."""
    gen = torch.Generator().manual_seed(seed)
    ids = torch.full((batch, 5), 2, dtype=torch.long)  # a 5-token "prompt"
    finished = [False] * batch
    for _ in range(steps):
        scores = torch.randn((batch, table.size), generator=gen) * 3
        out = processor(ids, scores)
        assert torch.isfinite(out).any(dim=-1).all(), "every row must keep at least one token"
        if sample:  # uniform over the allowed tokens: the widest exploration of the grammar
            choices = [torch.nonzero(torch.isfinite(row)).flatten() for row in out]
            nxt = torch.stack([c[torch.randint(len(c), (1,), generator=gen)[0]] for c in choices])
        else:
            nxt = out.argmax(dim=-1)
        nxt = torch.where(torch.tensor(finished), torch.tensor(table.pad_id), nxt)
        finished = [f or t == table.eos_id for f, t in zip(finished, nxt.tolist(), strict=True)]
        ids = torch.cat([ids, nxt[:, None]], dim=1)
        if clock is not None:
            clock.now += step_s
        if all(finished):
            break
    return [table.text(row[5:].tolist()) for row in ids], finished


@pytest.fixture
def grammar():
    return SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("sample", [False, True])
def test_random_logits_still_give_valid_svgs(toy, grammar, seed, sample):
    table = toy.table()
    processor = SvgConstraintProcessor(grammar, table, toy, max_new_tokens=400, max_bytes=10_000,
                                       prefix_bytes=HEADER_BYTES, top_k=8, greedy=not sample)
    texts, _ = decode(processor, table, 400, seed=seed, sample=sample)
    for text in texts:
        assert grammar.accepts(text), text  # complete by the last step (EOS itself may not fit)
        assert check(SVG_HEADER + text) == ()


@pytest.mark.parametrize("budget", [32, 48, 90])  # the smallest document (a filler rect) needs ~25
def test_closes_within_the_token_budget(toy, grammar, budget):
    table = toy.table()
    processor = SvgConstraintProcessor(grammar, table, toy, max_new_tokens=budget, max_bytes=10_000,
                                       prefix_bytes=HEADER_BYTES, top_k=8)
    texts, _ = decode(processor, table, budget, seed=budget)
    for text in texts:
        assert grammar.accepts(text), text
        assert check(SVG_HEADER + text) == ()


@pytest.mark.parametrize("max_bytes", [120, 300])
def test_stays_under_the_byte_budget(toy, grammar, max_bytes):
    table = toy.table()
    processor = SvgConstraintProcessor(grammar, table, toy, max_new_tokens=2000, max_bytes=max_bytes,
                                       prefix_bytes=HEADER_BYTES, top_k=8)
    texts, finished = decode(processor, table, 2000, seed=7)
    assert all(finished)
    for text in texts:
        assert grammar.accepts(text)
        svg = SVG_HEADER + text
        assert len(svg.encode()) <= max_bytes
        assert check(svg) == ()
    assert any(row.budget == "bytes" for row in processor.rows)


def test_closes_before_the_deadline(toy, grammar):
    clock = FakeClock()
    deadline = Deadline(3.0, clock=clock)
    table = toy.table()
    processor = SvgConstraintProcessor(grammar, table, toy, max_new_tokens=5000, max_bytes=10_000,
                                       deadline=deadline, prefix_bytes=HEADER_BYTES, top_k=8, clock=clock)
    texts, finished = decode(processor, table, 5000, seed=3, clock=clock, step_s=0.05)
    assert all(finished)
    assert clock.now <= 3.0 + 0.05  # finished (EOS emitted) by the deadline
    assert all(grammar.accepts(text) for text in texts)
    assert all(row.budget == "time" for row in processor.rows)


def test_forced_header_mode(toy):
    grammar = SvgGrammar(COMPACT_ELEMENTS, COMPACT_ATTRIBUTES, header=SVG_HEADER)
    table = toy.table()
    processor = SvgConstraintProcessor(grammar, table, toy, max_new_tokens=300, max_bytes=10_000, top_k=8)
    texts, _ = decode(processor, table, 300, seed=11)
    for text in texts:
        assert text.startswith(SVG_HEADER)
        assert check(text) == ()


def test_only_eos_after_the_document_and_forbidden_tokens_masked(toy, grammar):
    table = toy.table()
    processor = SvgConstraintProcessor(grammar, table, toy, max_new_tokens=50, max_bytes=10_000, top_k=len(toy))
    prompt = torch.full((1, 3), 2, dtype=torch.long)
    scores = torch.zeros((1, table.size))
    out = processor(prompt, scores)
    allowed = {table.pieces[i] for i in torch.nonzero(torch.isfinite(out[0])).flatten().tolist()}
    assert "<text" not in allowed and " style" not in allowed and "hello world" not in allowed
    assert "<rect" in allowed and "</svg>" not in allowed  # nothing drawn yet: the root may not close
    ids = prompt
    for piece in ("<rect", "/", ">", "</svg>"):
        ids = torch.cat([ids, torch.tensor([[toy.ids[piece]]])], dim=1)
        out = processor(ids, scores)
    finite = torch.nonzero(torch.isfinite(out[0])).flatten().tolist()
    assert finite == [table.eos_id]
    assert out[0, table.eos_id] != -math.inf
