"""Dataset -> prompt/completion rows for SFT, through the same `svgllm.prompt.format_example` inference uses.

Input: a `datasets.DatasetDict` saved with `save_to_disk` (dataset_build's output: description, svg, source,
category, bytes, tokens) or a `.jsonl` file with at least `description` and `svg`. Each row becomes
{"prompt", "completion"} where the completion is the SVG followed by the tokenizer's EOS (the model learns to stop
after `</svg>`). Rows longer than `max_seq_length` tokens are dropped, never truncated: a cut-off target would
teach the model to stop mid-element and never to emit EOS.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from svgllm.prompt import format_example

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("description", "svg")
# per task: the columns a row needs and how it becomes prompt/completion (the planner's target is a scene program)
TASK_COLUMNS = {"svg": REQUIRED_COLUMNS, "planner": ("description", "program")}


def formatter(task: str):
    """The function (description, target, tokenizer) -> prompt/completion row for `task`."""
    if task == "planner":
        from svgllm.backends.planner.prompt import format_planner_example

        return format_planner_example
    return format_example


@dataclass
class Splits:
    """The rows a run uses (datasets.Dataset objects) and how many were dropped as too long."""

    train: object
    validation: object
    test: object | None
    dropped: dict


def load_dataset_dict(path: str | Path, validation_fraction: float = 0.1, seed: int = 0, train_split: str = "train",
                      validation_split: str = "validation", test_split: str = "test", task: str = "svg"):
    """Load a saved DatasetDict folder or a .jsonl file as a DatasetDict with train/validation(/test) splits.

    A .jsonl file (or a DatasetDict without a validation split) is split with `validation_fraction` held out.
    Raises FileNotFoundError / ValueError with the path for missing files, missing splits or missing columns.
    """
    import datasets

    path = Path(path)
    if not str(path) or not path.exists():
        raise FileNotFoundError(f"dataset {str(path)!r} not found: give a save_to_disk folder or a .jsonl file")
    if path.is_file():
        if path.suffix not in (".jsonl", ".json"):
            raise ValueError(f"dataset file {path} must be .jsonl (one JSON object per line)")
        loaded = datasets.DatasetDict({"train": datasets.Dataset.from_json(str(path))})
    else:
        loaded = datasets.load_from_disk(str(path))
        if isinstance(loaded, datasets.Dataset):
            loaded = datasets.DatasetDict({"train": loaded})
    if train_split not in loaded:
        raise ValueError(f"dataset {path} has no {train_split!r} split (has: {', '.join(loaded)})")
    missing = [c for c in TASK_COLUMNS[task] if c not in loaded[train_split].column_names]
    if missing:
        raise ValueError(f"dataset {path} lacks column(s) {', '.join(missing)}")
    out = {"train": loaded[train_split]}
    if validation_split in loaded:
        out["validation"] = loaded[validation_split]
    else:
        parts = loaded[train_split].train_test_split(test_size=validation_fraction, seed=seed)
        out["train"], out["validation"] = parts["train"], parts["test"]
    if test_split in loaded:
        out["test"] = loaded[test_split]
    return datasets.DatasetDict(out)


def to_rows(dataset, tokenizer, max_seq_length: int, max_rows: int | None = None, task: str = "svg"):
    """Map description/svg (or description/program) rows to prompt/completion rows; drop rows over
    `max_seq_length` tokens.

    Returns (rows, dropped_count). The length counted is what the trainer sees: BOS + prompt + completion + EOS.
    """
    # keep_in_memory: never write cache files next to a dataset folder that may be read-only (Kaggle inputs).
    if max_rows is not None:
        dataset = dataset.select(range(min(max_rows, len(dataset))))
    target, make = TASK_COLUMNS[task][1], formatter(task)
    rows = dataset.map(lambda r: make(r["description"], r[target], tokenizer),
                       remove_columns=dataset.column_names, desc="formatting", keep_in_memory=True)

    def fits(row) -> bool:
        ids = tokenizer(row["prompt"] + row["completion"])["input_ids"]
        return len(ids) <= max_seq_length

    kept = rows.filter(fits, desc=f"dropping rows over {max_seq_length} tokens", keep_in_memory=True)
    dropped = len(rows) - len(kept)
    if dropped:
        log.warning("dropped %d of %d rows longer than %d tokens", dropped, len(rows), max_seq_length)
    return kept, dropped


def prepare_splits(recipe, tokenizer, dataset_path: str | None = None) -> Splits:
    """Load the recipe's dataset and turn train/validation (and test) into prompt/completion rows."""
    d = recipe.data
    source = dataset_path or d.dataset
    if not source:
        raise ValueError("no dataset: set data.dataset in the recipe or pass --dataset")
    loaded = load_dataset_dict(source, d.validation_fraction, d.seed, d.train_split, d.validation_split,
                               d.test_split, d.task)
    train, drop_train = to_rows(loaded["train"].shuffle(seed=d.seed, keep_in_memory=True), tokenizer, d.max_seq_length,
                                d.max_train_rows, d.task)
    validation, drop_val = to_rows(loaded["validation"], tokenizer, d.max_seq_length, d.max_eval_rows, d.task)
    if len(train) == 0:
        raise ValueError(f"no training row fits in {d.max_seq_length} tokens (raise data.max_seq_length)")
    test = loaded.get("test")
    return Splits(train, validation, test, {"train": drop_train, "validation": drop_val})
