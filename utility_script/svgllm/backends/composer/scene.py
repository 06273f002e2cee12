"""The scene spec: what the parser reads out of a description and what the painters draw."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Subject:
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

    @property
    def color(self) -> str | None:
        """The first colour named for this subject, if any."""
        return self.colors[0] if self.colors else None


@dataclass
class Relation:
    """`subject` (index) is `kind` of `target` (index into subjects, or -1 for the setting)."""

    subject: int
    kind: str
    target: int


@dataclass
class Scene:
    """Everything the composer understood of a description."""

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

    @property
    def main(self) -> Subject | None:
        """The main subject: the first one named."""
        return self.subjects[0] if self.subjects else None

    def relation_of(self, index: int) -> Relation | None:
        """The first relation whose subject is `index`."""
        return next((r for r in self.relations if r.subject == index), None)
