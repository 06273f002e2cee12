"""The one prompt template shared by training and inference, and the compact SVG format it asks for.

Training formats every row with `format_example` and inference builds its prompt with `build_prompt`, so the
model always sees exactly the text it was trained on. The target is the SVG followed by the tokenizer's EOS
token: a fine-tuned model learns to stop right after `</svg>` (the seed project never trained an EOS and its
generations ran away).

The compact format (what the dataset builder writes and the constrained decoder allows by default):
a fixed `<svg>` header with a `0 0 256 256` viewBox, integer coordinates on that grid, only the elements and
attributes of `COMPACT_ELEMENTS` / `COMPACT_ATTRIBUTES` (a subset of the competition allowlist), colours as
`#rrggbb`, no text, no CSS, at most `MAX_SVG_BYTES` bytes.
"""
from __future__ import annotations

GRID_SIZE = 256  # the viewBox is 0 0 GRID_SIZE GRID_SIZE; coordinates are integers on this grid
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
SVG_HEADER = f'<svg xmlns="{SVG_NAMESPACE}" viewBox="0 0 {GRID_SIZE} {GRID_SIZE}">'
SVG_CLOSE = "</svg>"
ELEMENT_SEPARATOR = "\n"  # one element per line: short lines tokenise predictably and diff well
MAX_SVG_BYTES = 10_000  # the competition's cap; datasets may choose a lower one

# Drawing elements of the compact format, all on the competition allowlist. Gradients are kept because a
# background gradient is cheap and scores well aesthetically; filters, patterns, markers and <use> are left
# out (expensive to render, rarely useful at this size, and <use> can recurse).
COMPACT_ELEMENTS: tuple[str, ...] = (
    "svg", "g", "defs", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
    "linearGradient", "radialGradient", "stop",
)
# Attributes of the compact format (each must also be allowed on its element by the competition rules).
COMPACT_ATTRIBUTES: tuple[str, ...] = (
    "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "d",
    "fill", "stroke", "stroke-width", "opacity", "fill-opacity", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "fill-rule", "transform", "id", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "fx", "fy", "viewBox",
)

# What the instruction tells the model: the format in a few words, because every prompt token costs time at
# inference and in training (the header itself is written by the model, or prefilled by the decoder).
INSTRUCTION = (
    f"Draw the description as a compact SVG: viewBox 0 0 {GRID_SIZE} {GRID_SIZE}, integer coordinates, "
    "#rrggbb colours, a background first, only rect circle ellipse line polyline polygon path g "
    "linearGradient radialGradient stop, no text."
)
PLAIN_TEMPLATE = "{instruction}\nDescription: {description}\nSVG:\n"


def has_chat_template(tokenizer) -> bool:
    """True when `tokenizer` carries a chat template (instruction-tuned models); base models have none."""
    return bool(getattr(tokenizer, "chat_template", None))


def instruction_for(description: str) -> str:
    """The user message: the fixed instruction followed by the description."""
    return f"{INSTRUCTION}\nDescription: {clean(description)}"


def clean(description: str) -> str:
    """Collapse whitespace (newlines would break the plain template's line structure)."""
    if not isinstance(description, str):
        raise TypeError(f"description must be a str, not {type(description).__name__}")
    return " ".join(description.split())


def build_prompt(description: str, tokenizer=None) -> str:
    """The prompt text for `description`: the tokenizer's chat template if it has one, the plain template otherwise.

    The chat form ends with the generation prompt (the assistant turn is open); the plain form ends with
    "SVG:\\n". Either way the model's answer starts with `SVG_HEADER`.
    """
    if tokenizer is not None and has_chat_template(tokenizer):
        messages = [{"role": "user", "content": instruction_for(description)}]
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return PLAIN_TEMPLATE.format(instruction=INSTRUCTION, description=clean(description))


def build_target(svg: str, eos_token: str | None) -> str:
    """The training target: the SVG (stripped, ending with `</svg>`) followed by the EOS token.

    Raises ValueError when `svg` does not end with `</svg>` (a truncated target would teach truncation) or when
    there is no EOS token (the model would never learn to stop).
    """
    svg = svg.strip()
    if not svg.endswith(SVG_CLOSE):
        raise ValueError(f"training SVG must end with {SVG_CLOSE!r}: {svg[-40:]!r}")
    if not eos_token:
        raise ValueError("the tokenizer has no EOS token; the target must end with one")
    return svg + eos_token


def format_example(description: str, svg: str, tokenizer) -> dict[str, str]:
    """One prompt/completion row for supervised fine-tuning (trl's prompt-completion format)."""
    return {"prompt": build_prompt(description, tokenizer), "completion": build_target(svg, tokenizer.eos_token)}


def prompt_has_bos(prompt: str, tokenizer) -> bool:
    """True when the prompt text already starts with the BOS token (chat templates write it themselves).

    Inference then encodes without special tokens so the BOS is not doubled.
    """
    bos = getattr(tokenizer, "bos_token", None)
    return bool(bos) and prompt.startswith(bos)
