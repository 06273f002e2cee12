"""Scene programs: a compact, line-based text form of a `Scene` that a small language model can write.

A program is a few short lines, each starting with a keyword, in this fixed order, then the line `end`:

    object red-apple #ff0000 x3          0-3 subject lines: kind, canonical name, up to 3 colours,
    object table wood                      an optional material, an optional pattern, an optional count x2..x12
    setting forest #228b22               the terrain, with an optional colour
    cover snow                           ground cover
    time dusk
    weather fog rain                     one or more, in the order of `WEATHER_ORDER`
    celestial moon stars                 one or more of sun, moon, stars (in that order)
    sky #800080
    background #000000
    arrangement spiral
    relation 0 on 1                      up to 3: subject index, relation kind, subject index or `setting`
    end

Every line is optional; `end` alone is the empty scene. Names come from the composer's shipped vocabularies
(`vocabulary()`): motif names of the emoji library and the procedural subjects for `object`, the garment and
shape painters' names for `garment` and `shape`, the terrain, time, weather, material, pattern, arrangement and
relation names of `vocab`. Colours are lower-case `#rrggbb`. `to_program(scene)` writes the canonical program of a
parsed scene; `from_program(text)` reads one back (ProgramError on anything else) and the composer draws it.
The regular grammar of the same language, for constrained decoding, is `svgllm.backends.llm.program_grammar`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import vocab
from .motifs import find_motif, load_library
from .scene import Relation, Scene, Subject

KINDS = ("object", "garment", "shape")
CELESTIAL_ORDER = ("sun", "moon", "stars")
MAX_SUBJECTS = 3
MAX_COLOURS = 3  # per subject
MAX_RELATIONS = 3
MAX_COUNT = 12
END = "end"
SETTING_TARGET = "setting"  # the relation target that means the setting (index -1 in `Relation`)
COLOUR = re.compile(r"#[0-9a-f]{6}")


class ProgramError(ValueError):
    """The text is not a valid scene program (the message says which line and why)."""


@dataclass(frozen=True)
class Vocabulary:
    """The canonical names a program may use, per slot (sorted tuples: the grammar and the data share them)."""

    objects: tuple[str, ...]
    garments: tuple[str, ...]
    shapes: tuple[str, ...]
    settings: tuple[str, ...]
    covers: tuple[str, ...]
    times: tuple[str, ...]
    weather: tuple[str, ...]  # in canonical program order
    celestial: tuple[str, ...]
    materials: tuple[str, ...]
    patterns: tuple[str, ...]
    arrangements: tuple[str, ...]
    relations: tuple[str, ...]

    def names(self, kind: str) -> tuple[str, ...]:
        """The subject names of `kind` ("object", "garment" or "shape")."""
        return {"object": self.objects, "garment": self.garments, "shape": self.shapes}[kind]


def _motif_is_its_own(name: str) -> bool:
    found = find_motif(name)
    return found is not None and found.name == name


def _values(table: dict) -> tuple[str, ...]:
    return tuple(sorted({v for v in table.values() if v}))


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The program vocabulary, read from the composer's tables and the motif library (cached).

    A motif whose own name the lookup sends to another motif ("person" -> "person-standing", "train" ->
    "locomotive") is left out: the painter draws the other one, so `to_program` writes that name, and a program
    naming the first would not read back as itself.
    """
    procedural = set(vocab.PROCEDURAL)
    objects = {name for name in load_library() if name in procedural or _motif_is_its_own(name)} | procedural
    return Vocabulary(
        objects=tuple(sorted(objects)),
        garments=_values(vocab.GARMENTS),
        shapes=_values(vocab.SHAPES),
        settings=_values(vocab.SETTINGS),
        covers=_values(vocab.COVERS),
        times=_values(vocab.TIMES),
        weather=_values(vocab.WEATHER),
        celestial=CELESTIAL_ORDER,
        materials=_values(vocab.MATERIALS),
        patterns=_values(vocab.PATTERNS),
        arrangements=_values(vocab.ARRANGEMENTS),
        relations=_values(vocab.RELATIONS),
    )


# ------------------------------------------------------------------------------------------------ writing
def canonical_colour(colour: str | None) -> str | None:
    """`#rgb` / `#RRGGBB` -> `#rrggbb`; None for anything that is not a hex colour."""
    if not colour or not colour.startswith("#"):
        return None
    digits = colour[1:].lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    text = "#" + digits
    return text if COLOUR.fullmatch(text) else None


def subject_name(subject: Subject) -> str | None:
    """The canonical program name of a parsed subject, or None when no painter knows it (drawn generically)."""
    v = vocabulary()
    if subject.kind in ("garment", "shape"):
        return subject.name if subject.name in v.names(subject.kind) else None
    for word in (subject.name, subject.noun):
        if word in vocab.PROCEDURAL:
            return word
    motif = find_motif(subject.noun) or find_motif(subject.name)
    return motif.name if motif is not None else None


def _subject_line(subject: Subject, name: str) -> str:
    v = vocabulary()
    parts = [subject.kind, name]
    colours = [c for c in (canonical_colour(c) for c in subject.colors) if c]
    parts += colours[:MAX_COLOURS]  # repeats kept: the program says what the scene says, nothing is merged
    if subject.material in v.materials:
        parts.append(subject.material)
    if subject.pattern in v.patterns:
        parts.append(subject.pattern)
    count = min(max(int(subject.count or 1), 1), MAX_COUNT)
    if count > 1:
        parts.append(f"x{count}")
    return " ".join(parts)


def to_program(scene: Scene) -> str:
    """The canonical program of `scene`; what the program cannot say (unknown subjects, garment details, style
    words) is left out, so `to_program(from_program(p)) == p` for every valid program `p`."""
    v = vocabulary()
    lines, kept = [], {}  # kept: scene subject index -> program subject index
    for index, subject in enumerate(scene.subjects):
        name = subject_name(subject) if subject.kind in KINDS else None
        if name is None or len(kept) == MAX_SUBJECTS:
            continue
        kept[index] = len(kept)
        lines.append(_subject_line(subject, name))
    if scene.setting in v.settings:
        colour = canonical_colour(scene.setting_color)
        lines.append(f"setting {scene.setting}" + (f" {colour}" if colour else ""))
    if scene.cover in v.covers:
        lines.append(f"cover {scene.cover}")
    if scene.time in v.times:
        lines.append(f"time {scene.time}")
    weather = [w for w in v.weather if w in scene.weather]
    if weather:
        lines.append("weather " + " ".join(weather))
    celestial = [c for c in v.celestial if c in scene.celestial]
    if celestial:
        lines.append("celestial " + " ".join(celestial))
    for key, colour in (("sky", scene.sky_color), ("background", scene.background_color)):
        if canonical_colour(colour):
            lines.append(f"{key} {canonical_colour(colour)}")
    if scene.arrangement in v.arrangements:
        lines.append(f"arrangement {scene.arrangement}")
    relations = []
    for r in scene.relations:
        target = SETTING_TARGET if r.target == -1 else kept.get(r.target)
        if r.subject in kept and target is not None and r.kind in v.relations and target != kept[r.subject]:
            relations.append(f"relation {kept[r.subject]} {r.kind} {target}")
    lines += relations[:MAX_RELATIONS]
    return "\n".join(lines + [END])


# ------------------------------------------------------------------------------------------------ reading
_ORDER = ("subject", "setting", "cover", "time", "weather", "celestial", "sky", "background", "arrangement",
          "relation")


def _ordered_subset(words: list[str], order: tuple[str, ...], what: str) -> set[str]:
    if not words:
        raise ProgramError(f"{what}: needs at least one value")
    positions = [order.index(w) if w in order else -1 for w in words]
    if -1 in positions:
        raise ProgramError(f"{what}: unknown value in {words}")
    if positions != sorted(set(positions)):
        raise ProgramError(f"{what}: values must be distinct and in the order {' '.join(order)}")
    return set(words)


def _colour(word: str, what: str) -> str:
    if not COLOUR.fullmatch(word):
        raise ProgramError(f"{what}: {word!r} is not a #rrggbb colour")
    return word


def _read_subject(words: list[str]) -> Subject:
    v = vocabulary()
    kind, name, rest = words[0], words[1] if len(words) > 1 else "", words[2:]
    if name not in v.names(kind):
        raise ProgramError(f"{kind}: unknown name {name!r}")
    subject = Subject(noun=name, kind=kind, name=name)
    slot = 0  # 0 colours, 1 material, 2 pattern, 3 count, 4 nothing more
    for word in rest:
        if word.startswith("#") and slot == 0 and len(subject.colors) < MAX_COLOURS:
            subject.colors.append(_colour(word, kind))
        elif word in v.materials and slot <= 1:
            subject.material, slot = word, 2
        elif word in v.patterns and slot <= 2:
            subject.pattern, slot = word, 3
        elif re.fullmatch(r"x(?:[2-9]|1[0-2])", word) and slot <= 3:
            subject.count, slot = int(word[1:]), 4
        else:
            raise ProgramError(f"{kind} {name}: unexpected {word!r}")
    return subject


def _read_relation(words: list[str], subjects: int) -> Relation:
    v = vocabulary()
    if len(words) != 4 or words[2] not in v.relations:
        raise ProgramError(f"relation: expected 'relation <i> <kind> <j|setting>', got {' '.join(words)!r}")
    valid = [str(i) for i in range(subjects)]
    if words[1] not in valid or (words[3] not in valid and words[3] != SETTING_TARGET) or words[1] == words[3]:
        raise ProgramError(f"relation: indices must name two different subjects of {subjects} (or the setting)")
    target = -1 if words[3] == SETTING_TARGET else int(words[3])
    return Relation(int(words[1]), words[2], target)


def from_program(text: str, description: str = "") -> Scene:
    """The `Scene` a program describes (raises ProgramError when `text` is not exactly a valid program).

    `description` becomes the scene's description (the composer seeds its random parts with it); without one
    the program text itself is used.
    """
    if not isinstance(text, str):
        raise ProgramError(f"a program is a str, not {type(text).__name__}")
    v = vocabulary()
    lines = text.split("\n")
    if lines[-1] != END:
        raise ProgramError("a program ends with the line 'end'")
    scene = Scene(description=description or text)
    stage = 0  # index into _ORDER of the last line read
    relations = 0
    for line in lines[:-1]:
        words = line.split(" ")
        head = "subject" if words[0] in KINDS else words[0]
        if head not in _ORDER or "" in words:
            raise ProgramError(f"unknown or malformed line {line!r}")
        at = _ORDER.index(head)
        repeatable = head in ("subject", "relation")
        if at < stage or (at == stage and not repeatable):
            raise ProgramError(f"line {line!r} is out of order (order: {', '.join(_ORDER)})")
        stage = at
        if head == "subject":
            if len(scene.subjects) == MAX_SUBJECTS:
                raise ProgramError(f"at most {MAX_SUBJECTS} subjects")
            scene.subjects.append(_read_subject(words))
        elif head == "relation":
            relations += 1
            if relations > MAX_RELATIONS:
                raise ProgramError(f"at most {MAX_RELATIONS} relations")
            scene.relations.append(_read_relation(words, len(scene.subjects)))
        else:
            _read_scene_line(scene, head, words[1:], v)
    scene.colors = [c for s in scene.subjects for c in s.colors] + [
        c for c in (scene.setting_color, scene.sky_color, scene.background_color) if c
    ]
    return scene


def _read_scene_line(scene: Scene, head: str, words: list[str], v: Vocabulary) -> None:
    """One of the single scene lines (setting ... arrangement) into `scene`."""
    if head == "weather":
        scene.weather = _ordered_subset(words, v.weather, head)
        return
    if head == "celestial":
        scene.celestial = _ordered_subset(words, v.celestial, head)
        return
    if head in ("sky", "background"):
        if len(words) != 1:
            raise ProgramError(f"{head}: one colour")
        setattr(scene, f"{head}_color", _colour(words[0], head))
        return
    allowed = {"setting": v.settings, "cover": v.covers, "time": v.times, "arrangement": v.arrangements}[head]
    if not words or words[0] not in allowed or len(words) > (2 if head == "setting" else 1):
        raise ProgramError(f"{head}: expected one of the known names, got {' '.join(words)!r}")
    if head == "setting":
        scene.setting = scene.setting_word = words[0]
        scene.settings = [words[0]]
        if len(words) == 2:
            scene.setting_color = _colour(words[1], head)
    else:
        setattr(scene, head, words[0])
