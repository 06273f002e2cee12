"""The hybrid scene: the planner's reading of the scene with the composer parser's colours.

On the held-out set (benchmarks/REPORT.md, planner section) the planner reads settings and times better than the
composer's parser while the parser reads colour names far better (its colour table knows hundreds of names; the
planner, trained on a few thousand rows, rarely turns a colour word into the right hex). `merge_scenes` takes each
field from the side that reads it better. Which side wins per field (`MergeRule`) was chosen on the dev set
(tests/composer/fixtures/dev_vocabulary.jsonl, `benchmarks/bench_planner.py --data ... --merge-grid`), never on
the held-out file.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from ..composer.program import subject_name
from ..composer.scene import Scene, Subject
from ..composer.shapes import knows_shape

SUBJECT_SOURCES = ("planner", "parser", "drawable-parser")  # drawable-parser: the parser's when a painter knows it
FIELD_SOURCES = ("planner", "parser", "planner-first", "parser-first")  # "-first": that side's, else the other's


@dataclass(frozen=True)
class MergeRule:
    """Where each part of the merged scene comes from. Colours always come from the parser.

    The defaults are the dev set's best (177 rows, 2026-12-02, parser with meaning fallback as in the tree then):
    main subject 71.2% vs the parser's 69.5% and the planner's 48.6%, setting 77.0% vs 70.3% / 75.7%, time and
    colour the parser's (94.7%, 80.0%; the planner's own times were worse, 68.4%). "drawable-parser" and "parser"
    tied for subjects; the first is kept because a generic stand-in is never the subject asked for. Weather is
    not scored by the benchmark; it stays the parser's, as times do, since the planner was seen to invent them.
    """

    subjects: str = "drawable-parser"
    setting: str = "planner-first"
    time: str = "parser"
    weather: str = "parser"

    def __post_init__(self):
        if self.subjects not in SUBJECT_SOURCES:
            raise ValueError(f"subjects must be one of {SUBJECT_SOURCES}, got {self.subjects!r}")
        for name in ("setting", "time", "weather"):
            if getattr(self, name) not in FIELD_SOURCES:
                raise ValueError(f"{name} must be one of {FIELD_SOURCES}, got {getattr(self, name)!r}")


DEFAULT_RULE = MergeRule()


def _pick(source: str, planned, parsed):
    """The value `source` names, with an empty value on the first side falling back to the other."""
    if source == "planner":
        return planned
    if source == "parser":
        return parsed
    first, second = (planned, parsed) if source == "planner-first" else (parsed, planned)
    return first if first else second


def _drawable(subject: Subject | None) -> bool:
    """True when a painter of the composer knows `subject` (so it is not drawn as a generic stand-in). A shape
    the program language cannot name ("polygon-12" from "a twelve-sided polygon") still has its own painter."""
    if subject is None:
        return False
    if subject.kind == "shape" and knows_shape(subject.name):
        return True
    return subject_name(subject) is not None


def _recoloured(planned: list[Subject], parsed: list[Subject]) -> list[Subject]:
    """The planner's subjects with the parser's colours, material and pattern, matched by position; a planner
    subject without a parsed counterpart keeps no colour of its own (the painter's natural colours instead of the
    planner's guesses)."""
    out = []
    for index, subject in enumerate(planned):
        subject = copy.deepcopy(subject)
        twin = parsed[index] if index < len(parsed) else None
        subject.colors = list(twin.colors) if twin is not None else []
        subject.color_words = list(twin.color_words) if twin is not None else []
        if twin is not None:
            subject.material = twin.material or subject.material
            subject.pattern = twin.pattern or subject.pattern
            subject.adjectives = list(twin.adjectives)
        out.append(subject)
    return out


def merge_scenes(planned: Scene, parsed: Scene, rule: MergeRule = DEFAULT_RULE) -> Scene:
    """One scene from the planner's (`planned`, read from its program) and the parser's (`parsed`) of the same
    description: the parser's scene with the fields `rule` gives to the planner replaced by the planner's.

    Colours (subjects', setting, sky, background, clouds) and everything a program cannot say (garment details,
    style words, items dotted over a setting) stay the parser's.
    """
    merged = copy.deepcopy(parsed)
    use_planner_subjects = planned.subjects and (
        rule.subjects == "planner" or (rule.subjects == "drawable-parser" and not _drawable(parsed.main)))
    if use_planner_subjects:
        merged.subjects = _recoloured(planned.subjects, parsed.subjects)
        merged.relations = copy.deepcopy(planned.relations)
        merged.arrangement = parsed.arrangement or planned.arrangement
    setting = _pick(rule.setting, planned.setting, parsed.setting)
    if setting != parsed.setting:
        merged.setting = merged.setting_word = setting
        merged.settings = [setting] if setting else []
        merged.setting_items = []  # they belonged to the parser's terrain
        if not setting:
            merged.setting_color = None
    merged.time = _pick(rule.time, planned.time, parsed.time)
    merged.weather = set(_pick(rule.weather, planned.weather, parsed.weather))
    merged.celestial = set(parsed.celestial or planned.celestial)
    merged.cover = parsed.cover or planned.cover
    return merged
