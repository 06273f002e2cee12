"""The scene spec: what the parser reads out of a description and what the painters draw.

The flow runs one way: the parser (and `program.from_program`) fill in a mutable `Scene` as they read; the
composer's entry turns it into a `FrozenScene` with `freeze` before anything is laid out or painted, and every
later step (`layout.resolve`, the painters) returns new data instead of changing the scene it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


class _SubjectQueries:
    """What both subject forms answer."""

    colors: list[str] | tuple[str, ...]

    @property
    def color(self) -> str | None:
        """The first colour named for this subject, if any."""
        return self.colors[0] if self.colors else None


class _SceneQueries:
    """What both scene forms answer."""

    subjects: list[Subject] | tuple[FrozenSubject, ...]
    relations: list[Relation] | tuple[Relation, ...]

    @property
    def main(self):
        """The main subject: the first one named."""
        return self.subjects[0] if self.subjects else None

    def relation_of(self, index: int) -> Relation | None:
        """The first relation whose subject is `index`."""
        return next((r for r in self.relations if r.subject == index), None)


@dataclass
class Subject(_SubjectQueries):
    """One thing to draw: "sage cotton shorts", "three red apples", "a white cylinder"."""

    noun: str  # singular head word as written ("pyramid", "pants", "lighthouse")
    kind: str  # "shape" | "garment" | "object"
    name: str = ""  # canonical name for the painter: shape/garment name, or motif name for objects
    colors: list[str] = field(default_factory=list)  # hex colours in the order written
    color_words: list[str] = field(default_factory=list)
    material: str | None = None
    pattern: str | None = None
    count: int = 1
    adjectives: list[str] = field(default_factory=list)  # other words before the noun ("patch", "chaotic")
    details: list[Subject] = field(default_factory=list)  # garment parts: collar, pockets, buttons, trim


@dataclass(frozen=True)
class Relation:
    """`subject` (index) is `kind` of `target` (index into subjects, or -1 for the setting)."""

    subject: int
    kind: str
    target: int


@dataclass
class Scene(_SceneQueries):
    """Everything the composer understood of a description (the parser's working copy; see `freeze`)."""

    description: str
    subjects: list[Subject] = field(default_factory=list)
    setting: str | None = None  # terrain name from vocab.SETTINGS values
    setting_word: str | None = None  # the word as written ("lagoon", "peaks")
    setting_color: str | None = None
    settings: list[str] = field(default_factory=list)  # every terrain named, main first ("city", "river")
    setting_items: list[str] = field(default_factory=list)  # "sunflower field": motifs dotted over the ground
    cover: str | None = None  # ground cover: snow, sand, grass, rock, lava, flowers
    sky_color: str | None = None  # "a purple sky"
    background_color: str | None = None  # "on a black background"
    cloud_color: str | None = None  # "gray clouds"
    time: str | None = None  # dawn, sunrise, morning, midday, afternoon, sunset, dusk, night
    weather: set[str] = field(default_factory=set)  # cloudy, rain, storm, snow, fog, wind, rainbow
    celestial: set[str] = field(default_factory=set)  # sun, moon, stars
    arrangement: str | None = None  # grid, spiral, concentric, scattered, layered, interwoven, ring, row, ...
    relations: list[Relation] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)  # every colour named, in order
    style_words: set[str] = field(default_factory=set)  # chaotic, translucent, glowing, ...


@dataclass(frozen=True)
class FrozenSubject(_SubjectQueries):
    """A `Subject` that can no longer change: the same fields, lists as tuples."""

    noun: str
    kind: str
    name: str = ""
    colors: tuple[str, ...] = ()
    color_words: tuple[str, ...] = ()
    material: str | None = None
    pattern: str | None = None
    count: int = 1
    adjectives: tuple[str, ...] = ()
    details: tuple[FrozenSubject, ...] = ()


@dataclass(frozen=True)
class FrozenScene(_SceneQueries):
    """A `Scene` that can no longer change: the same fields, lists as tuples and sets as frozensets. Steps
    after parsing derive new scenes from it with `dataclasses.replace`."""

    description: str
    subjects: tuple[FrozenSubject, ...] = ()
    setting: str | None = None
    setting_word: str | None = None
    setting_color: str | None = None
    settings: tuple[str, ...] = ()
    setting_items: tuple[str, ...] = ()
    cover: str | None = None
    sky_color: str | None = None
    background_color: str | None = None
    cloud_color: str | None = None
    time: str | None = None
    weather: frozenset[str] = frozenset()
    celestial: frozenset[str] = frozenset()
    arrangement: str | None = None
    relations: tuple[Relation, ...] = ()
    colors: tuple[str, ...] = ()
    style_words: frozenset[str] = frozenset()


def freeze(scene: Scene | FrozenScene) -> FrozenScene:
    """`scene` as a `FrozenScene` (a frozen one is returned as it is); the `Scene` given is left unchanged."""
    if isinstance(scene, FrozenScene):
        return scene
    return FrozenScene(**{f.name: _frozen(getattr(scene, f.name)) for f in fields(FrozenScene)})


def freeze_subject(subject: Subject | FrozenSubject) -> FrozenSubject:
    """`subject` as a `FrozenSubject` (details included)."""
    if isinstance(subject, FrozenSubject):
        return subject
    return FrozenSubject(**{f.name: _frozen(getattr(subject, f.name)) for f in fields(FrozenSubject)})


def _frozen(value):
    """A field's value with its lists as tuples, its sets as frozensets and its subjects frozen."""
    if isinstance(value, (Subject, FrozenSubject)):
        return freeze_subject(value)
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    return value
