"""svgtrain: the importable logic behind the training notebooks.

Modules, one job each: `recipe` (YAML -> dataclasses), `data` (dataset -> prompt/completion rows), `model` (base
model, tokens, LoRA), `train` (SFTTrainer, checkpoints, CLI), `curves` (loss curve PNG), `export` (adapter folder +
Kaggle Model metadata), `evaluate` (perplexity, validity, gallery), `memory` (estimate and CUDA measurement).
Nothing heavy is imported here: torch, transformers, peft and trl load inside the functions that need them.
"""
