"""The planner's prompt: description in, scene program out (shared by training rows and inference).

Short on purpose: every prompt token is paid for in CPU training and in every prediction. A fine-tuned planner
needs no instruction; the base model's few-shot prompt (`few_shot_prompt`) prepends worked examples instead.
The target is the program followed by the tokenizer's EOS, so the model learns to stop after `end`.
"""
from __future__ import annotations

from ...prompt import clean

TEMPLATE = "Description: {description}\nProgram:\n"
# Worked examples for the base model (no training): one per painter, written for this prompt.
FEW_SHOT = (
    ("two crimson foxes beside a river at sunset",
     "object fox #dc143c x2\nsetting river\ntime sunset\nrelation 0 beside setting\nend"),
    ("a striped navy wool sweater", "garment sweater #000080 wool striped\nend"),
    ("gold triangles in a grid on a black background",
     "shape triangle #ffd700 x7\nbackground #000000\narrangement grid\nend"),
    ("a foggy pine forest under a grey sky", "setting forest\nweather fog\nsky #808080\nend"),
)


def planner_prompt(description: str) -> str:
    """The prompt a trained planner sees for `description` (the model's answer starts right after it)."""
    return TEMPLATE.format(description=clean(description))


def few_shot_prompt(description: str) -> str:
    """The base model's prompt: the worked examples, then `planner_prompt(description)`."""
    shots = "".join(planner_prompt(d) + program + "\n\n" for d, program in FEW_SHOT)
    return shots + planner_prompt(description)


def planner_target(program: str, eos_token: str | None) -> str:
    """The training target: the program (ending with the line `end`) and the EOS token."""
    from ..composer.program import END

    program = program.strip()
    if not program.endswith(END):
        raise ValueError(f"a training program must end with {END!r}: {program[-40:]!r}")
    if not eos_token:
        raise ValueError("the tokenizer has no EOS token; the target must end with one")
    return program + eos_token


def format_planner_example(description: str, program: str, tokenizer) -> dict[str, str]:
    """One prompt/completion row for supervised fine-tuning of the planner."""
    return {"prompt": planner_prompt(description), "completion": planner_target(program, tokenizer.eos_token)}
