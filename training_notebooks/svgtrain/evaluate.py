"""Evaluate an adapter on the test split: completion-only perplexity, validity at the first attempt, size, gallery.

Perplexity counts the completion tokens only (the SVG and its EOS) - never the prompt and never padding, unlike
the seed project's number. Validity at the first attempt: the model writes the SVG on its own (no grammar, no
repair) and `svgllm.rules.check` must accept the text between `<svg` and `</svg>` as written. Results go to
`eval_results.json` next to the adapter, the gallery to `gallery/` there.

CLI: python -m training_notebooks.svgtrain.evaluate --adapter runs/x/adapter [--dataset DATA] [--baseline]
"""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

RESULTS_FILE = "eval_results.json"


def completion_nll(logits, labels) -> tuple[float, int]:
    """Summed negative log-likelihood and token count over positions whose label is not -100.

    `logits` [batch, time, vocab] predict the *next* token, so position t is scored against labels[t + 1]
    (the same shift the causal-LM loss uses). Labels are the input ids with prompt and padding set to -100.
    """
    import torch

    shifted_logits = logits[:, :-1, :].float()
    targets = labels[:, 1:]
    mask = targets != -100
    if not bool(mask.any()):
        return 0.0, 0
    log_probs = torch.log_softmax(shifted_logits, dim=-1)
    picked = log_probs.gather(-1, targets.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return float(-(picked * mask).sum()), int(mask.sum())


def completion_labels(tokenizer, prompt: str, completion: str) -> tuple[list[int], list[int]]:
    """Input ids of prompt + completion and labels with the prompt masked (-100), tokenised as the trainer does."""
    prompt_ids = tokenizer(prompt)["input_ids"]
    ids = tokenizer(prompt + completion)["input_ids"]
    common = 0
    while common < min(len(prompt_ids), len(ids)) and prompt_ids[common] == ids[common]:
        common += 1
    return ids, [-100] * common + ids[common:]


def perplexity(model, tokenizer, rows, max_seq_length: int | None = None) -> dict:
    """Completion-only perplexity over `rows` (dicts with prompt/completion), one row per forward pass.

    Token-weighted: exp(total NLL / total completion tokens). Rows longer than `max_seq_length` are skipped.
    """
    import torch
    from tqdm.auto import tqdm

    total, count, skipped = 0.0, 0, 0
    device = next(model.parameters()).device
    for row in tqdm(rows, desc="perplexity"):
        ids, labels = completion_labels(tokenizer, row["prompt"], row["completion"])
        if max_seq_length and len(ids) > max_seq_length:
            skipped += 1
            continue
        with torch.inference_mode():
            logits = model(input_ids=torch.tensor([ids], device=device)).logits
        nll, n = completion_nll(logits, torch.tensor([labels], device=device))
        total, count = total + nll, count + n
    return {"perplexity": math.exp(total / count) if count else None,
            "nll_per_token": total / count if count else None, "completion_tokens": count,
            "rows": len(rows) - skipped, "skipped_rows": skipped}


def first_attempt(raw: str) -> tuple[str, bool, tuple]:
    """The SVG as written (from `<svg` to the first `</svg>`), whether it was closed, and its rule violations."""
    from svgllm.prompt import SVG_CLOSE
    from svgllm.rules import check

    start = raw.find("<svg")
    end = raw.find(SVG_CLOSE, max(start, 0))
    closed = start >= 0 and end >= 0
    svg = raw[start:end + len(SVG_CLOSE)] if closed else raw[max(start, 0):]
    return svg, closed, tuple(check(svg)) if closed else ("not closed with </svg>",)


def generate(model, tokenizer, descriptions: list[str], max_new_tokens: int) -> list[dict]:
    """Greedy, unconstrained generation per description; what the model writes on its own."""
    import torch
    from svgllm.prompt import build_prompt, prompt_has_bos
    from tqdm.auto import tqdm

    device = next(model.parameters()).device
    out = []
    for description in tqdm(descriptions, desc="generating"):
        prompt = build_prompt(description, tokenizer)
        encoded = tokenizer(prompt, return_tensors="pt", add_special_tokens=not prompt_has_bos(prompt, tokenizer))
        started = time.monotonic()
        with torch.inference_mode():
            output = model.generate(**encoded.to(device), max_new_tokens=max_new_tokens, do_sample=False,
                                    eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
        new = output[0, encoded["input_ids"].shape[1]:].tolist()
        seconds = time.monotonic() - started
        stopped = tokenizer.eos_token_id in new
        raw = tokenizer.decode(new, skip_special_tokens=True)
        svg, closed, problems = first_attempt(raw)
        out.append({"description": description, "raw": raw, "svg": svg, "closed": closed, "valid": not problems,
                    "problems": list(problems)[:5], "stopped_at_eos": stopped, "new_tokens": len(new),
                    "bytes": len(svg.encode("utf-8")), "seconds": seconds})
    return out


def summarise(generations: list[dict]) -> dict:
    """Rates and sizes over generated rows."""
    n = len(generations)
    if not n:
        return {"rows": 0}
    mean = lambda key: sum(g[key] for g in generations) / n  # noqa: E731 - a local shorthand
    tokens = sum(g["new_tokens"] for g in generations)
    seconds = sum(g["seconds"] for g in generations)
    return {"rows": n, "valid_first_attempt": mean("valid"), "closed": mean("closed"),
            "stopped_at_eos": mean("stopped_at_eos"), "mean_bytes": mean("bytes"),
            "mean_new_tokens": mean("new_tokens"),
            "tokens_per_second": tokens / seconds if seconds else None}


def gallery_rows(generations: list[dict]) -> list[dict]:
    """Rows for `svgllm.gallery.write_gallery`: the sanitised SVG (what would be submitted), validity as a note."""
    from svgllm.sanitize import sanitize

    return [{"id": f"row{i:03d}", "description": g["description"], "svg": sanitize(g["svg"] or g["raw"]),
             "backend": "valid as written" if g["valid"] else "repaired", "ms": 1000 * g["seconds"]}
            for i, g in enumerate(generations)]


def evaluate(adapter: str | Path | None, recipe, dataset: str | None = None, out_dir: str | Path | None = None,
             split: str = "test") -> dict:
    """Evaluate `adapter` (None: the base model) on `split`; write results JSON and gallery; return the results."""
    from svgllm.gallery import write_gallery

    from .data import load_dataset_dict, to_rows
    from .model import load_trained

    e, d = recipe.evaluation, recipe.data
    model, tokenizer = load_trained(recipe.model.source, adapter, recipe.model.quantize)
    loaded = load_dataset_dict(dataset or d.dataset, d.validation_fraction, d.seed, d.train_split,
                               d.validation_split, d.test_split, d.task)
    name = split if split in loaded else "validation"
    test = loaded[name]
    rows, dropped = to_rows(test, tokenizer, d.max_seq_length, e.max_rows, d.task)
    results = {"adapter": str(adapter) if adapter else None, "base": recipe.model.source, "split": name,
               "perplexity": perplexity(model, tokenizer, rows, d.max_seq_length), "dropped_rows": dropped}
    descriptions = test.select(range(min(e.generate_rows, len(test))))["description"]
    out = Path(out_dir) if out_dir else (Path(adapter) if adapter else Path(recipe.training.output_dir) / "base")
    out.mkdir(parents=True, exist_ok=True)
    if d.task == "planner":  # programs, not SVGs: validity as written and field accuracy against the labels
        from . import planner_eval

        generations = planner_eval.generate_programs(model, tokenizer, descriptions, e.max_new_tokens)
        labels = test.select(range(len(descriptions)))["program"]
        results["generation"] = planner_eval.summarise(generations, labels)
        results["samples"] = generations
        (out / RESULTS_FILE).write_text(json.dumps(results, indent=1), encoding="utf-8")
        return results
    generations = generate(model, tokenizer, descriptions, e.max_new_tokens)
    results["generation"] = summarise(generations)
    write_gallery(gallery_rows(generations), out / "gallery")
    results["samples"] = generations
    (out / RESULTS_FILE).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    """CLI: evaluate an exported adapter folder (its recipe.yaml is used) or, with --baseline, the base model."""
    import argparse

    from svgllm import dataconfig

    from .recipe import Recipe, load_recipe

    parser = argparse.ArgumentParser(prog="python -m training_notebooks.svgtrain.evaluate", description=main.__doc__)
    parser.add_argument("--adapter", type=Path, required=True, help="exported adapter folder (holds recipe.yaml)")
    dataconfig.add_arguments(parser, Recipe, only={"data.dataset"})  # over the recipe's data.dataset
    parser.add_argument("--split", default="test")
    parser.add_argument("--baseline", action="store_true", help="evaluate the base model instead (written to OUT)")
    parser.add_argument("--out", type=Path, help="results folder (default: the adapter folder)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE")
    args = parser.parse_args(argv)
    try:
        recipe = load_recipe(args.adapter / "recipe.yaml", args.overrides, dataconfig.overrides_from_args(args, Recipe))
        out = args.out or (args.adapter / "baseline" if args.baseline else args.adapter)
        results = evaluate(None if args.baseline else args.adapter, recipe, None, out, args.split)
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps({k: results[k] for k in ("perplexity", "generation")}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
