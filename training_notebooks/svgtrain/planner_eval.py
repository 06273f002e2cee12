"""Evaluation of a planner adapter: program validity without the grammar and field accuracy on held-out pairs.

The model writes each program on its own (greedy, no grammar): valid means `from_program` reads the text up to
EOS as it was written. Field accuracy compares the scene with the row's label program: main subject (kind and
name), main colour (within RGB distance 70 of the label's first colour), setting and time, each over the rows
whose label has the field. `evaluate.evaluate` calls this for recipes with `data.task: planner`.
"""
from __future__ import annotations

import time

COLOUR_TOLERANCE = 70.0  # RGB distance; the held-out benchmark's colour check uses the same


def _close(a: str, b: str) -> bool:
    rgb = [[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in (a, b)]
    return sum((x - y) ** 2 for x, y in zip(*rgb, strict=True)) ** 0.5 <= COLOUR_TOLERANCE


def generate_programs(model, tokenizer, descriptions: list[str], max_new_tokens: int) -> list[dict]:
    """Greedy, unconstrained programs: what the planner writes on its own."""
    import torch
    from svgllm.backends.planner.prompt import planner_prompt

    device = next(model.parameters()).device
    out = []
    for description in descriptions:
        encoded = tokenizer(planner_prompt(description), return_tensors="pt").to(device)
        started = time.monotonic()
        with torch.inference_mode():
            output = model.generate(**encoded, max_new_tokens=max_new_tokens, do_sample=False,
                                    eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
        new = output[0, encoded["input_ids"].shape[1]:].tolist()
        out.append({"description": description, "program": tokenizer.decode(new, skip_special_tokens=True),
                    "stopped_at_eos": tokenizer.eos_token_id in new, "new_tokens": len(new),
                    "seconds": time.monotonic() - started})
    return out


def field_marks(program: str, label: str) -> dict:
    """Validity and per-field correctness of one generated program against its label program."""
    from svgllm.backends.composer.program import ProgramError, from_program

    want = from_program(label)
    try:
        got = from_program(program.strip())
    except ProgramError:
        got = None
    marks = {"valid": got is not None}
    if want.main is not None:
        marks["subject"] = got is not None and got.main is not None and (got.main.kind, got.main.name) == (
            want.main.kind, want.main.name)
        if want.main.colors:
            marks["colour"] = got is not None and got.main is not None and bool(got.main.colors) and _close(
                got.main.colors[0], want.main.colors[0])
    if want.setting:
        marks["setting"] = got is not None and got.setting == want.setting
    if want.time:
        marks["time"] = got is not None and got.time == want.time
    return marks


def summarise(generations: list[dict], labels: list[str]) -> dict:
    """Rates over the generated rows (each field over the rows whose label has it)."""
    marks = [field_marks(g["program"], label) for g, label in zip(generations, labels, strict=True)]
    out = {"rows": len(marks)}
    for field in ("valid", "subject", "colour", "setting", "time"):
        values = [m[field] for m in marks if field in m]
        out[field] = {"rate": sum(values) / len(values) if values else None, "rows": len(values)}
    out["stopped_at_eos"] = sum(g["stopped_at_eos"] for g in generations) / max(len(generations), 1)
    seconds = sum(g["seconds"] for g in generations)
    out["tokens_per_second"] = sum(g["new_tokens"] for g in generations) / seconds if seconds else None
    for g, m in zip(generations, marks, strict=True):
        g.update(m)
    return out
