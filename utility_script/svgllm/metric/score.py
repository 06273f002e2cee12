"""The competition metric end to end: render, defences, VQA, aesthetic, OCR, weighted harmonic mean.

Facts (competition README): per description, `score = harmonic_mean(vqa, aesthetic, beta=0.5) * ocr`, then the
mean over descriptions. VQA and the aesthetic predictor see the defended image; OCR sees the lightly processed
render. An SVG that breaks the rules or does not render fails the whole submission on Kaggle; here it scores 0
and says why, so one bad row does not hide the rest.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .vqa import Question

DEFAULT_BETA = 0.5


def harmonic_mean(a: float, b: float, beta: float = DEFAULT_BETA) -> float:
    """Weighted harmonic mean (1 + beta^2) a b / (beta^2 a + b); 0 when either is <= 0; beta < 1 favours a."""
    if a <= 0 or b <= 0:
        return 0.0
    return (1 + beta**2) * a * b / (beta**2 * a + b)


@dataclass(frozen=True)
class Item:
    """A description to score, with its multiple-choice questions (may be empty for the proxy scorer)."""

    id: str
    description: str
    questions: tuple[Question, ...] = ()

    @classmethod
    def from_dict(cls, row: dict) -> Item:
        """Build from a train.jsonl row (`id`, `description`, `questions`)."""
        if "description" not in row:
            raise ValueError(f"row has no 'description': {str(row)[:200]}")
        questions = row.get("questions") or []
        if isinstance(questions, str):  # Kaggle's CSV stores the list as JSON text
            questions = json.loads(questions)
        return cls(str(row.get("id", "")), str(row["description"]),
                   tuple(Question.from_dict(q) for q in questions))


def load_items(path: str | Path) -> list[Item]:
    """Read descriptions + questions from a JSON-lines file (one train.jsonl-style object per line)."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                items.append(Item.from_dict(json.loads(line)))
            except (json.JSONDecodeError, ValueError) as error:
                raise ValueError(f"{path}:{line_number}: {error}") from None
    return items


@dataclass
class ItemScore:
    """One description's result. `components` holds the parts (vqa/aesthetic/ocr, or the proxy's)."""

    id: str
    description: str
    score: float
    components: dict[str, float] = field(default_factory=dict)
    problem: str = ""  # why the SVG scored 0 without being looked at (invalid, unrenderable)
    notes: dict[str, str] = field(default_factory=dict)  # e.g. the text OCR read

    def to_dict(self) -> dict:
        """JSON-ready copy."""
        return {"id": self.id, "description": self.description, "score": self.score,
                "components": dict(self.components), "problem": self.problem, "notes": dict(self.notes)}

    @classmethod
    def from_dict(cls, row: dict) -> ItemScore:
        """Inverse of `to_dict`."""
        return cls(row["id"], row["description"], float(row["score"]), dict(row.get("components", {})),
                   row.get("problem", ""), dict(row.get("notes", {})))


@dataclass
class Report:
    """Per-item results and the mean score (the competition's number)."""

    items: list[ItemScore]

    @property
    def mean(self) -> float:
        """Mean of the item scores (NaN when there are none)."""
        return float(np.mean([item.score for item in self.items])) if self.items else math.nan

    def component_means(self) -> dict[str, float]:
        """Mean of each component over the items that have it."""
        names: list[str] = []
        for item in self.items:
            names += [name for name in item.components if name not in names]
        return {name: float(np.mean([i.components[name] for i in self.items if name in i.components]))
                for name in names}


def render_valid(svg: object):
    """(metric render, "") for a competition-valid SVG that renders, else (None, the reason)."""
    from ..render import render
    from ..rules import check

    if not isinstance(svg, str):
        return None, f"not a str but {type(svg).__name__}"
    problems = check(svg)
    if problems:
        return None, "invalid: " + "; ".join(problems[:3])
    try:
        return render(svg), ""
    except Exception as error:  # noqa: BLE001 - cairosvg/cairo/PIL raise many unrelated types; all fail
        return None, f"render failed: {type(error).__name__}: {str(error)[:200]}"


class MetricScorer:
    """The competition metric with real (or test) models: `score_item(item, svg) -> ItemScore`.

    Also a `selection.Scorer`: `score(description, svg)` asks one yes/no question ("Does the image show ...?")
    in place of the unknown test questions, so it can pick the best of N candidates at inference time.
    """

    def __init__(self, vqa, aesthetic, ocr, beta: float = DEFAULT_BETA):
        self.vqa = vqa
        self.aesthetic = aesthetic
        self.ocr = ocr
        self.beta = beta

    @classmethod
    def load(cls, vqa_model: str, aesthetic_model: str, clip_model: str, device: str = "auto",
             quantize: bool | None = None) -> MetricScorer:
        """Load PaliGemma, CLIP and the aesthetic head (paths or Kaggle Models handles) on `device`.

        device: `loading.SCORER_DEVICE_HELP` ("auto": all of it on cuda:1 with two GPUs, cuda:0 with one, else
        the CPU). quantize: 4-bit NF4 PaliGemma, default on when it runs on CUDA.
        """
        from .aesthetic import Aesthetic
        from .loading import pick_devices, resolve_model_path
        from .ocr import OCR
        from .vqa import VQA, PaliGemma

        devices = pick_devices(device)  # a device this machine lacks fails before any loading
        # resolve every location first: a typo in the last one should not cost loading a 10B model
        vqa_model, aesthetic_model, clip_model = (resolve_model_path(spec)
                                                  for spec in (vqa_model, aesthetic_model, clip_model))
        paligemma = PaliGemma.load(vqa_model, devices.vqa, quantize=quantize)
        aesthetic = Aesthetic.load(clip_model, aesthetic_model, devices.aesthetic)
        return cls(VQA(paligemma), aesthetic, OCR(paligemma))

    @classmethod
    def from_options(cls, options) -> MetricScorer:
        """`load` with a `metric.options.MetricOptions` (or its mapping); ValueError naming a missing model."""
        from .options import MetricOptions

        if not isinstance(options, MetricOptions):
            options = MetricOptions.from_dict(options)
        missing = options.missing_models()
        if missing:
            raise ValueError(f"the metric scorer needs {', '.join('metric.' + name for name in missing)}")
        return cls.load(options.vqa_model, options.aesthetic_model, options.clip_model, options.device,
                        options.quantize)

    def images(self, description: str, image):
        """(defended image, OCR image) from the metric render, with the RNG seeded from the description."""
        from .defences import defend, defend_for_ocr, description_seed

        seed = description_seed(description)
        # two independent streams from one seed: the OCR chain starts again from the plain render
        defended = defend(image, np.random.default_rng([seed, 0]))
        return defended, defend_for_ocr(image, np.random.default_rng([seed, 1]))

    def components(self, description: str, image, questions: Sequence[Question]) -> tuple[dict, dict]:
        """({vqa, aesthetic, ocr, score}, {ocr_text}) for the metric render of a valid SVG."""
        defended, ocr_image = self.images(description, image)
        vqa = self.vqa.score(defended, questions)
        aesthetic = self.aesthetic.score(defended)
        ocr, text = self.ocr.penalty(ocr_image)
        combined = harmonic_mean(vqa, aesthetic, self.beta) * ocr
        return {"vqa": vqa, "aesthetic": aesthetic, "ocr": ocr, "score": combined}, {"ocr_text": text}

    def score_item(self, item: Item, svg: str) -> ItemScore:
        """The metric for one description (0 with a reason for an invalid or unrenderable SVG)."""
        if not item.questions:
            raise ValueError(f"item {item.id!r} has no questions: the metric needs them")
        image, problem = render_valid(svg)
        if problem:
            return ItemScore(item.id, item.description, 0.0, problem=problem)
        parts, notes = self.components(item.description, image, item.questions)
        score = parts.pop("score")
        return ItemScore(item.id, item.description, score, parts, notes=notes)

    def score(self, description: str, svg: str) -> float:
        """Selection score without known questions: P("yes" to "Does the image show {description}?") in place
        of VQA, combined with the aesthetic score and the OCR penalty as the metric does."""
        image, problem = render_valid(svg)
        if problem:
            return 0.0
        question = Question(f"Does the image show {description}?", ("no", "yes"), "yes")
        return self.components(description, image, [question])[0]["score"]


def metric_from_env(environ: Mapping[str, str] | None = None) -> MetricScorer:
    """The "metric" scorer of `selection.SCORERS`: `MetricScorer.from_options` of the JSON object in the
    SVGLLM_METRIC_OPTIONS variable (`options.MetricOptions` keys; e.g. set by the submission notebook)."""
    import os

    from .options import ENV_NAME, MetricOptions

    text = (os.environ if environ is None else environ).get(ENV_NAME, "")
    if not text.strip():
        raise ValueError(f"the 'metric' scorer reads its models from {ENV_NAME} (a JSON object), which is not set")
    try:
        values = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{ENV_NAME} is not valid JSON: {error}") from None
    if not isinstance(values, dict):
        raise ValueError(f"{ENV_NAME} must hold a JSON object, got {type(values).__name__}")
    return MetricScorer.from_options(MetricOptions.from_dict(values))


def score(items: Sequence[Item], svgs: Mapping[str, str] | Sequence[str], scorer, *,
          done: Mapping[str, ItemScore] | None = None, on_result: Callable[[ItemScore], None] | None = None,
          progress: bool = False) -> Report:
    """Score every item's SVG with `scorer` (anything with `score_item(item, svg) -> ItemScore`).

    svgs: a mapping id -> svg, or a sequence aligned with `items`; an item with no SVG scores 0 (with a
    problem).
    done: results already computed (by id) are reused, not rescored, which makes long runs resumable;
    on_result is called with each new result (e.g. to append it to a file). progress shows a tqdm bar.
    """
    if not isinstance(svgs, Mapping):
        svgs = list(svgs)
        if len(svgs) != len(items):
            raise ValueError(f"{len(svgs)} SVGs for {len(items)} items")
        svgs = {item.id: svg for item, svg in zip(items, svgs, strict=True)}
    done = done or {}
    results: list[ItemScore] = []
    iterator: Iterable[Item] = items
    if progress:
        from tqdm import tqdm

        iterator = tqdm(items, desc="scoring", unit="svg")
    for item in iterator:
        if item.id in done:
            results.append(done[item.id])
            continue
        if item.id not in svgs:
            result = ItemScore(item.id, item.description, 0.0, problem="no SVG for this id")
        else:
            result = scorer.score_item(item, svgs[item.id])
        results.append(result)
        if on_result is not None:
            on_result(result)
    return Report(results)
