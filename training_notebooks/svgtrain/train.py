"""Supervised fine-tuning with trl's `SFTTrainer`: loss on the completion only, checkpoints, resume, early stopping.

CLI (single process, or DDP on 2x T4 with `accelerate launch --num_processes 2 -m training_notebooks.svgtrain.train`):

    python -m training_notebooks.svgtrain.train --recipe training_notebooks/recipes/gemma3-270m-cpu-tiny.yaml \
        --dataset DATA [--output-dir runs/x] [--max-steps N] [--set training.learning_rate=1e-4] [--resume auto]

Layout of `training.output_dir`: `checkpoints/checkpoint-N` (optimizer state included: a Kaggle session that ends
mid-run resumes from the latest one), `adapter/` (the export the LLM backend loads, see `export`).
"""
from __future__ import annotations

import dataclasses
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from svgllm import dataconfig

from .recipe import Recipe, load_recipe

log = logging.getLogger(__name__)

_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")


@dataclass
class RunResult:
    """Where a run left its outputs and what it measured."""

    adapter_dir: Path
    checkpoint_dir: Path
    info: dict
    trainer: object = None  # the SFTTrainer, for inspection in notebooks and tests


def latest_checkpoint(folder: str | Path) -> Path | None:
    """The highest-numbered complete `checkpoint-N` folder in `folder` (one holding trainer_state.json), or None."""
    folder = Path(folder)
    found = []
    for path in folder.glob("checkpoint-*") if folder.is_dir() else []:
        match = _CHECKPOINT.match(path.name)
        if match and (path / "trainer_state.json").is_file():  # a checkpoint cut off mid-write lacks it
            found.append((int(match.group(1)), path))
    return max(found)[1] if found else None


def resolve_resume(resume: str, checkpoint_dir: Path) -> str | None:
    """`resume`: "auto" (latest checkpoint if any), "never", or a checkpoint path (must exist)."""
    if resume == "never":
        return None
    if resume == "auto":
        latest = latest_checkpoint(checkpoint_dir)
        return str(latest) if latest else None
    path = Path(resume)
    if not (path / "trainer_state.json").is_file():
        raise FileNotFoundError(f"checkpoint {resume!r} not found (expected a checkpoint-N folder)")
    return str(path)


def sft_config(recipe: Recipe, plan, checkpoint_dir: Path, has_validation: bool):
    """The `SFTConfig` for `recipe` under precision `plan`."""
    from trl import SFTConfig

    t = recipe.training
    evaluate = has_validation
    # transformers 5 folded warmup_ratio into warmup_steps (a float < 1 is a ratio); Kaggle images may be older.
    names = {f.name for f in dataclasses.fields(SFTConfig)}
    warmup = {"warmup_ratio": t.warmup_ratio} if "warmup_ratio" in names else {"warmup_steps": t.warmup_ratio}
    return SFTConfig(
        **warmup,
        output_dir=str(checkpoint_dir),
        num_train_epochs=t.num_train_epochs,
        max_steps=t.max_steps,
        per_device_train_batch_size=t.per_device_train_batch_size,
        per_device_eval_batch_size=t.per_device_eval_batch_size,
        gradient_accumulation_steps=t.gradient_accumulation_steps,
        learning_rate=t.learning_rate,
        lr_scheduler_type=t.lr_scheduler_type,
        weight_decay=t.weight_decay,
        max_grad_norm=t.max_grad_norm,
        optim=plan.optimizer,
        fp16=plan.mixed_precision == "fp16",
        bf16=plan.mixed_precision == "bf16",
        use_cpu=plan.device == "cpu",
        gradient_checkpointing=recipe.model.gradient_checkpointing,
        gradient_checkpointing_kwargs={"use_reentrant": False} if recipe.model.gradient_checkpointing else None,
        ddp_find_unused_parameters=False,
        # The loss is on the SVG + EOS only: the instruction is the same in every row and would dominate it.
        completion_only_loss=True,
        max_length=recipe.data.max_seq_length,
        packing=False,  # packed rows would let one row's prompt leak into another's completion context
        logging_steps=t.logging_steps,
        eval_strategy="steps" if evaluate else "no",
        eval_steps=t.eval_steps if evaluate else None,
        save_strategy="steps",
        save_steps=t.eval_steps,
        save_total_limit=t.save_total_limit,
        load_best_model_at_end=evaluate,
        metric_for_best_model="eval_loss" if evaluate else None,
        greater_is_better=False if evaluate else None,
        seed=t.seed,
        data_seed=t.seed,
        dataloader_num_workers=t.dataloader_num_workers,
        include_num_input_tokens_seen="non_padding",
        report_to="none",
    )


def target_vocab_trainer(token_ids):
    """An `SFTTrainer` whose loss is the softmax over `token_ids` only (`target_vocab.subvocab_loss`)."""
    import torch
    from trl import SFTTrainer

    from .target_vocab import subvocab_loss

    ids = torch.tensor(token_ids, dtype=torch.long)

    class TargetVocabSFTTrainer(SFTTrainer):
        """SFTTrainer with the loss restricted to the completions' vocabulary."""

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            loss = subvocab_loss(model, inputs, ids, num_items_in_batch)
            return (loss, None) if return_outputs else loss

    return TargetVocabSFTTrainer


def trainer_class_for(trained_token_rows: bool):
    """`SFTTrainer`, or - when added tokens' rows train - a subclass computing the loss through the model's head.

    trl 1.16 computes the loss with a fused LM head that reads `lm_head.weight` directly; with trained token rows
    the head is peft's wrapper (the trained rows live in its delta), so the fused path would either fail or skip
    the new rows. The plain path materialises the logits (the memory estimate counts them anyway).
    """
    from transformers import Trainer
    from trl import SFTTrainer

    if not trained_token_rows:
        return SFTTrainer

    class PlainHeadSFTTrainer(SFTTrainer):
        """SFTTrainer whose loss goes through the model's own (peft-wrapped) output head."""

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            return Trainer.compute_loss(self, model, inputs, return_outputs, num_items_in_batch)

        def _save(self, output_dir=None, state_dict=None):
            # peft would save the whole resized embedding in every checkpoint (0.7 GB for Gemma); the trained
            # rows are already in the adapter as token deltas, and resuming only reloads the adapter.
            import os

            import torch

            output_dir = output_dir or self.args.output_dir
            os.makedirs(output_dir, exist_ok=True)
            self.model.save_pretrained(output_dir, save_embedding_layers=False)
            if self.processing_class is not None:
                self.processing_class.save_pretrained(output_dir)
            torch.save(self.args, os.path.join(output_dir, "training_args.bin"))

    return PlainHeadSFTTrainer


def build_trainer(recipe: Recipe, loaded, splits, checkpoint_dir: Path):
    """An `SFTTrainer` for an already wrapped `loaded` (`model.TrainingModel`) and `splits` (`data.Splits`)."""
    from transformers import EarlyStoppingCallback

    has_validation = splits.validation is not None and len(splits.validation) > 0
    config = sft_config(recipe, loaded.plan, checkpoint_dir, has_validation)
    callbacks = []
    if has_validation and recipe.training.early_stopping_patience > 0:
        callbacks.append(EarlyStoppingCallback(recipe.training.early_stopping_patience,
                                               recipe.training.early_stopping_threshold))
    if recipe.training.loss_vocabulary == "targets":
        from .target_vocab import target_token_ids

        texts = list(splits.train["completion"]) + (list(splits.validation["completion"]) if has_validation else [])
        trainer_class = target_vocab_trainer(target_token_ids(loaded.tokenizer, texts, _task_words(recipe)))
    else:
        trainer_class = trainer_class_for(bool(loaded.new_token_ids) and recipe.lora.train_new_tokens)
    return trainer_class(
        model=loaded.model, args=config, train_dataset=splits.train,
        eval_dataset=splits.validation if has_validation else None,
        processing_class=loaded.tokenizer, callbacks=callbacks,
    )


def _task_words(recipe: Recipe) -> str:
    """Words every completion of the task may use, beyond those in the data (the planner's vocabulary)."""
    if recipe.data.task != "planner":
        return ""
    from svgllm.backends.composer.program import vocabulary

    v = vocabulary()
    return " ".join(name for field in dataclasses.fields(v) for name in getattr(v, field.name))


def run(recipe: Recipe, dataset: str | None = None, resume: str = "auto",
        owner: str = "YOUR_KAGGLE_USERNAME") -> RunResult:
    """Train `recipe` (on `dataset` if given), resuming from the latest checkpoint by default; export the adapter."""
    import time

    from . import curves, export
    from .data import prepare_splits
    from .model import load_for_training, trainable_summary

    out = Path(recipe.training.output_dir)
    checkpoint_dir, adapter_dir = out / "checkpoints", out / "adapter"
    if recipe.training.cpu_threads > 0 and recipe.hardware.device == "cpu":
        import torch

        # parallel regions wait for their slowest thread: on busy shared cores one thread beats two
        torch.set_num_threads(recipe.training.cpu_threads)
    resume_from = resolve_resume(resume, checkpoint_dir)
    # the exported recipe.yaml then names the data the run used, so `evaluate --adapter` finds it on its own
    recipe.data.dataset = str(dataset or recipe.data.dataset)
    loaded = load_for_training(recipe)
    splits = prepare_splits(recipe, loaded.tokenizer, dataset)
    trainer = build_trainer(recipe, loaded, splits, checkpoint_dir)
    if resume_from:
        log.info("resuming from %s", resume_from)
    started = time.monotonic()
    result = trainer.train(resume_from_checkpoint=resume_from)
    seconds = time.monotonic() - started
    state = trainer.state
    tokens = int(getattr(state, "num_input_tokens_seen", 0) or 0)
    info = {
        "recipe": recipe.name,
        "plan": dataclasses.asdict(loaded.plan),
        "base_folder": str(loaded.folder),
        "dataset": dataset or recipe.data.dataset,
        "rows": {"train": len(splits.train), "validation": len(splits.validation) if splits.validation else 0},
        "dropped_rows": splits.dropped,
        "new_token_ids": loaded.new_token_ids,
        "parameters": trainable_summary(trainer.model),
        "global_step": state.global_step,
        "resumed_from": resume_from,
        "train_loss": result.training_loss,
        "best_eval_loss": state.best_metric,
        "best_checkpoint": state.best_model_checkpoint,
        "seconds": seconds,
        "tokens_seen": tokens,
        "tokens_per_second": tokens / seconds if seconds > 0 else None,
        "versions": _versions(),
    }
    if trainer.is_world_process_zero():
        export.export_folder(trainer.model, loaded.tokenizer, recipe, adapter_dir, info, owner)
        curves.save_loss_curve(state.log_history, adapter_dir / "loss_curve.png", recipe.name)
    return RunResult(adapter_dir, checkpoint_dir, info, trainer)


def _versions() -> dict:
    """Versions of the libraries that shape training results."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("torch", "transformers", "peft", "trl", "bitsandbytes", "accelerate"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def parse_args(argv: list[str] | None = None):
    """Command-line arguments of `main`; the recipe's own options are made from its fields (help written once)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m training_notebooks.svgtrain.train",
                                     description="QLoRA/LoRA fine-tuning of a causal LM on SVG rows.")
    parser.add_argument("--recipe", required=True, help="recipe YAML (training_notebooks/recipes/*.yaml)")
    dataconfig.add_arguments(parser, Recipe)  # --dataset, --output-dir, --max-steps: over the recipe's values
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override any recipe value (repeatable), e.g. --set lora.r=8")
    parser.add_argument("--resume", default="auto",
                        help="'auto' (latest checkpoint in output_dir, default), 'never', or a checkpoint folder")
    parser.add_argument("--owner", default="YOUR_KAGGLE_USERNAME", help="Kaggle username for the model metadata")
    return parser, parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse, train, print where the adapter went."""
    parser, args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        recipe = load_recipe(args.recipe, args.overrides, dataconfig.overrides_from_args(args, Recipe))
        result = run(recipe, None, args.resume, args.owner)
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"adapter: {result.adapter_dir}  (step {result.info['global_step']}, "
          f"{result.info['tokens_per_second'] or 0:.1f} tokens/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
