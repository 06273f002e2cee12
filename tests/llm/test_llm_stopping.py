"""Stopping criteria: at </svg>, before the byte budget, at the deadline; one answer per row."""
import pytest

torch = pytest.importorskip("torch")  # the llm extra
from svgllm.backends.llm.stopping import StopAtDeadline, StopAtSvgClose, StopBeforeBytes  # noqa: E402
from svgllm.deadline import Deadline  # noqa: E402


def feed(criterion, toy, rows, prompt_len=4):
    """Call `criterion` once per generated token, like generate does; return the answers per step."""
    encoded = [toy.encode(text) for text in rows]
    width = max(len(e) for e in encoded)
    padded = [e + [toy.pad_token_id] * (width - len(e)) for e in encoded]
    ids = torch.full((len(rows), prompt_len), 2, dtype=torch.long)
    answers = []
    for step in range(width):
        ids = torch.cat([ids, torch.tensor([[row[step]] for row in padded])], dim=1)
        answers.append(criterion(ids, None).tolist())
    return answers


def test_stops_each_row_at_its_own_svg_close(toy):
    rows = ['<rect x="1"/></svg>', '<circle r="12"/><circle r="3"/></svg>']
    answers = feed(StopAtSvgClose(toy.table()), toy, rows)
    first = [next(i for i, a in enumerate(answers) if a[r]) for r in range(2)]
    for r, text in enumerate(rows):
        done_text = toy.table().text(toy.encode(text)[: first[r] + 1])
        assert done_text.endswith("</svg>")  # stops exactly on the token completing </svg>
    assert first[0] < first[1]


def test_close_split_over_several_tokens_is_found(toy):
    answers = feed(StopAtSvgClose(toy.table()), toy, ["<g/></s" + "v" + "g>"])
    assert answers[-1] == [True] and not any(a[0] for a in answers[:-1])


def test_stops_before_the_byte_budget(toy):
    text = '<rect x="1"/>' * 10  # 130 bytes
    answers = feed(StopBeforeBytes(toy.table(), max_bytes=100, prefix_bytes=20), toy, [text])
    written = [len(toy.table().text(toy.encode(text)[: i + 1])) for i in range(len(answers))]
    stop_at = next(i for i, a in enumerate(answers) if a[0])
    assert written[stop_at] >= 80 and written[stop_at - 1] < 80


def test_deadline_stops_all_rows():
    now = [0.0]
    deadline = Deadline(2.0, clock=lambda: now[0])
    criterion = StopAtDeadline(deadline, reserve_s=0.5)
    ids = torch.zeros((3, 5), dtype=torch.long)
    assert criterion(ids, None).tolist() == [False] * 3
    now[0] = 1.6
    assert criterion(ids, None).tolist() == [True] * 3
