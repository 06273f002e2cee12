"""Seeded sampler of competition-style descriptions across the competition's categories.

The competition's descriptions are short lowercase phrases (<= 200 characters, ~50 on average): scenes
("a teal spruce woodland at twilight"), abstract compositions, clothing with materials and details, and everyday
subjects with a colour or a setting. `sample_descriptions(n, seed)` draws from hand-written templates per category;
every phrase passes `clean_description` (the same filter the LLM generator uses): length limits, no brand or
personal names, no digits-only noise, and the result is deduplicated case-insensitively.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

MAX_CHARS = 200  # the competition's limit on a description
MIN_CHARS = 8  # shorter than "red kite" carries too little to draw
MIN_WORDS = 2
EXTRA_PROBABILITY = 0.85 # share of phrases that get a trailing clause ("... with a winding path")

COLORS = (
    "red", "crimson", "scarlet", "orange", "amber", "yellow", "golden", "lime", "green", "emerald", "olive",
    "teal", "turquoise", "cyan", "blue", "navy", "indigo", "purple", "violet", "lavender", "magenta", "pink",
    "coral", "peach", "brown", "tan", "beige", "ivory", "white", "gray", "charcoal", "black", "silver",
    "burgundy", "maroon", "mint", "mustard", "rust", "cream", "sky blue",
)
TIMES = ("at dawn", "at sunrise", "at noon", "in the afternoon", "at sunset", "at dusk", "at night",
         "under a full moon", "under a starry sky", "in the evening")
WEATHER = ("in the rain", "in the snow", "in thick fog", "on a windy day", "during a storm", "under clear skies",
           "under heavy clouds", "after the rain")
SEASONS = ("in spring", "in summer", "in autumn", "in winter")


@dataclass(frozen=True)
class Category:
    """One category: `templates` use `{slot}` names filled from `slots` (or the shared colour/time lists)."""

    name: str
    templates: tuple[str, ...]
    slots: dict[str, tuple[str, ...]]


def _c(name: str, templates: tuple[str, ...], **slots: tuple[str, ...]) -> Category:
    return Category(name, templates, slots)


CATEGORIES: tuple[Category, ...] = (
    _c("landscape", (
        "a {color} {terrain} {time}", "a {terrain} {time}", "a {terrain} {weather}", "a {terrain} {season}",
        "{adj} {terrain} with a {feature}", "a {feature} beside a {terrain} {time}",
        "a {color} sky over a {terrain}", "a {feature} overlooking the {water}", "a {terrain} {season} {time}",
        "a quiet {water} surrounded by {terrain}s", "{adj} {terrain} under a {color} sky",
    ), extra=("with {color} wildflowers in the foreground", "with a winding path", "reflected in still water",
        "with snow on the peaks", "seen from far away", "with birds in the sky"),
        terrain=("forest", "mountain", "desert", "meadow", "valley", "canyon", "beach", "island", "lake", "river",
                "glacier", "hill", "jungle", "prairie", "volcano", "waterfall", "coastline", "field", "cliff",
                "dune", "village", "harbor", "cityscape"),
        feature=("lighthouse", "cabin", "windmill", "castle", "bridge", "barn", "tent", "stone tower", "pier",
                 "farmhouse", "pagoda", "lone tree"),
        water=("ocean", "sea", "lake", "bay", "river"),
        adj=("misty", "snowy", "rolling", "rocky", "sunlit", "quiet", "wide", "foggy", "green", "golden")),
    _c("abstract", (
        "{color} {shape}s on a {color} background", "{count} {color} {shape}s in a {arrangement}",
        "overlapping {color} and {color} {shape}s", "a {color} {shape} inside a {color} {shape}",
        "{pattern} of {color} and {color}", "a {arrangement} of {color} {shape}s",
        "{color} {shape}s forming a {arrangement}", "a {color} {pattern}",
        "{color} {shape}s and {color} {shape}s {relation}",
    ), extra=("with thin {color} outlines", "in a minimalist style", "with a soft gradient",
        "arranged symmetrically", "on a dark background", "with bold contrast"),
        shape=("circle", "square", "triangle", "hexagon", "spiral", "diamond", "star", "wave", "rectangle",
              "arc", "crescent", "ring", "line", "polygon", "dot"),
        count=("two", "three", "four", "five", "six", "seven", "many"),
        arrangement=("grid", "spiral", "circle", "row", "checkerboard", "mosaic", "stack", "cluster",
                     "zigzag", "diagonal line"),
        pattern=("stripes", "concentric rings", "a checkerboard", "a gradient", "a mosaic", "interlocking waves",
                 "a chevron pattern", "scattered dots"),
        relation=("intertwined", "scattered randomly", "on a white field", "crossing each other")),
    _c("fashion", (
        "{color} {fabric} {garment}", "{color} {fabric} {garment} with {detail}",
        "a {color} {garment} with {detail}", "{color} {fabric} {garment} with {detail} and {detail}",
        "{adj} {color} {garment}", "a {fabric} {garment} in {color} with {detail}",
    ), extra=("on a plain background", "with a matching belt", "with contrast stitching", "folded neatly",
        "on a wooden hanger"),
        garment=("coat", "dress", "skirt", "scarf", "sweater", "jacket", "pants", "overalls", "shirt", "hat",
                "boots", "gloves", "vest", "blouse", "cardigan", "raincoat", "sneakers", "beanie", "poncho",
                "tie", "shorts", "hoodie", "kimono", "cape"),
        fabric=("wool", "corduroy", "denim", "leather", "silk", "linen", "velvet", "cotton", "cashmere",
                "tweed", "satin", "knit", "suede", "flannel", "chiffon"),
        detail=("a shearling collar", "flap pockets", "pearl buttons", "gold buttons", "a wide belt",
                "fringed edges", "embroidered flowers", "a polka dot pattern", "plaid lining", "a hood",
                "long sleeves", "a ruffled hem", "brass zippers", "striped cuffs", "a bow", "pleats", "lace trim",
                "a checkered pattern", "wooden toggles"),
        adj=("oversized", "cropped", "flowing", "fitted", "quilted", "striped", "checkered", "vintage", "knitted")),
    _c("animals", (
        "a {color} {animal} {place}", "a {animal} {place} {time}", "a {adj} {animal}",
        "two {animal}s {place}", "a {animal} and a {animal} {place}", "a {color} {animal}",
    ), extra=("with {color} fur", "looking at the viewer", "with a {color} collar", "under a {color} sky",
        "surrounded by leaves"),
        animal=("cat", "dog", "fox", "owl", "rabbit", "horse", "elephant", "giraffe", "penguin", "whale",
               "dolphin", "turtle", "frog", "butterfly", "bee", "parrot", "deer", "bear", "lion", "tiger",
               "koala", "panda", "snail", "fish", "crab", "swan", "duck", "hedgehog", "squirrel", "octopus"),
        place=("in a meadow", "on a branch", "in the snow", "by a pond", "in a field of flowers", "on the beach",
               "in the grass", "under a tree", "on a rock", "in the water", "on a hill"),
        adj=("sleeping", "tiny", "curious", "spotted", "striped", "fluffy", "happy", "jumping")),
    _c("food", (
        "a {color} {food} on a {surface}", "a bowl of {dish}", "a {food} {place}", "{food}s on a {surface}",
        "a plate of {dish} with {food}s", "a slice of {cake}",
    ), extra=("with a sprig of mint", "next to a {color} napkin", "on a checkered tablecloth",
        "with crumbs around it", "in warm morning light"),
        food=("apple", "pear", "banana", "cherry", "lemon", "orange", "strawberry", "watermelon", "pineapple",
             "grape", "peach", "avocado", "carrot", "tomato", "mushroom", "donut", "cupcake", "croissant",
             "pretzel", "cookie", "pie", "sandwich", "taco", "pizza"),
        dish=("noodles", "soup", "rice", "salad", "berries", "cereal", "pasta", "fruit"),
        cake=("chocolate cake", "cheesecake", "strawberry cake", "lemon tart", "watermelon"),
        surface=("wooden table", "white plate", "blue tablecloth", "kitchen counter", "picnic blanket"),
        place=("in a basket", "on a tray", "next to a cup of tea", "in a glass jar")),
    _c("objects", (
        "a {color} {object} on a {surface}", "a {adj} {object}", "a {color} {object}",
        "a {object} next to a {object}", "a {color} {object} {place}",
    ), extra=("with a {color} handle", "casting a long shadow", "next to a potted plant",
        "with {color} stripes", "in soft light"),
        object=("teapot", "umbrella", "lamp", "clock", "book", "candle", "key", "vase", "mug", "backpack",
               "kite", "balloon", "camera", "lantern", "globe", "bell", "guitar", "drum", "trumpet", "violin",
               "piano", "chair", "sofa", "bed", "bookshelf", "rocking chair", "crown", "gift box", "telescope",
               "hourglass"),
        surface=("wooden table", "shelf", "windowsill", "desk", "stone floor"),
        place=("in a dark room", "by the window", "on a white background", "in the corner of a room"),
        adj=("old", "shiny", "antique", "tiny", "broken", "glowing", "wooden", "brass")),
    _c("vehicles", (
        "a {color} {vehicle} {place}", "a {vehicle} {place} {time}", "a {adj} {color} {vehicle}",
        "a {vehicle} crossing a {crossing}",
    ), extra=("with {color} stripes", "leaving a trail of smoke", "with mountains in the distance",
        "under a {color} sky", "with its lights on"),
        vehicle=("car", "bicycle", "bus", "train", "sailboat", "airplane", "hot air balloon", "tractor",
                "motorcycle", "helicopter", "rowboat", "truck", "rocket", "tram", "scooter", "canoe", "ship"),
        place=("on a country road", "in the city", "on the sea", "in the sky", "by the station", "on a bridge",
               "in a parking lot", "on the lake"),
        crossing=("bridge", "desert", "river", "field", "snowy pass"),
        adj=("vintage", "small", "fast", "old", "shiny", "rusty")),
    _c("buildings", (
        "a {color} {building} {place}", "a {building} {time}", "a {adj} {building} {place}",
        "a {building} with a {color} roof", "a row of {color} {building}s",
    ), extra=("with smoke rising from the chimney", "with {color} shutters", "surrounded by tall trees",
        "with lit windows", "next to a winding road"),
        building=("house", "cottage", "castle", "church", "tower", "lighthouse", "barn", "skyscraper", "temple",
                 "pagoda", "windmill", "cabin", "igloo", "treehouse", "palace", "mosque"),
        place=("on a hill", "by the sea", "in the snow", "in a forest", "by a river", "in the mountains",
               "in a village"),
        adj=("small", "tall", "old", "stone", "brick", "wooden", "abandoned", "colorful")),
    _c("plants", (
        "a {color} {plant} {place}", "a field of {color} {flower}s", "a {plant} {season}",
        "a bouquet of {color} {flower}s", "a {flower} in a {color} pot", "a {adj} {plant}",
    ), extra=("with {color} leaves", "with bees around it", "against a {color} wall", "in morning light",
        "beside a stone path"),
        plant=("tree", "oak tree", "palm tree", "pine tree", "cactus", "fern", "bonsai", "sunflower", "rose",
              "tulip", "cherry blossom tree", "willow", "maple tree", "bamboo", "succulent"),
        flower=("rose", "tulip", "daisy", "sunflower", "lily", "poppy", "orchid", "lotus", "lavender"),
        place=("on a hill", "in a pot", "in the desert", "by a lake", "in a garden", "on a windowsill"),
        adj=("tall", "blooming", "tiny", "twisted", "lonely", "leafy")),
    _c("sky_weather", (
        "a {color} {sky} {time}", "{weather_thing} over a {terrain}", "a {sky} {time}",
        "a {color} {weather_thing}", "{weather_thing} {time}",
    ), extra=("above {color} hills", "over a quiet town", "with scattered stars", "reflected in a lake",
        "behind dark trees"),
        sky=("sky", "sunset", "sunrise", "moon", "crescent moon", "rainbow", "aurora", "cloud", "star"),
        weather_thing=("a thunderstorm", "a rainbow", "falling snow", "dark storm clouds", "a tornado",
                       "a bolt of lightning", "fluffy clouds", "a shooting star", "a full moon"),
        terrain=("city", "field", "ocean", "mountain", "desert", "village", "forest")),
)
CATEGORY_NAMES: tuple[str, ...] = tuple(c.name for c in CATEGORIES)
SHARED_SLOTS = {"color": COLORS, "time": TIMES, "weather": WEATHER, "season": SEASONS}

# Brand, franchise and personal-name words the competition keeps out; an LLM generator tends to produce them.
BLOCKED_WORDS = frozenset({
    "nike", "adidas", "gucci", "prada", "chanel", "apple inc", "iphone", "ipad", "google", "coca", "cola",
    "pepsi", "disney", "marvel", "pokemon", "pikachu", "mickey", "lego", "barbie", "starbucks", "mcdonalds",
    "ferrari", "porsche", "tesla", "bmw", "toyota", "ford", "batman", "superman", "spiderman", "mario", "zelda",
    "harry", "potter", "shakespeare", "picasso", "van gogh", "monet", "einstein", "elvis", "beatles", "levi's",
    "levis", "rolex", "louis", "vuitton", "hermes", "versace", "samsung", "microsoft", "amazon", "netflix",
})
_BLOCKED = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(BLOCKED_WORDS)) + r")\b", re.IGNORECASE)
_ALLOWED_CHARS = re.compile(r"^[a-z0-9 ,'\-]+$")
# Honorifics and "'s" possessives after a capitalised word are how personal names show up in generated text.
_PERSONAL = re.compile(r"\b(mr|mrs|ms|dr|sir|lady|saint|st)\b\.?\s|\b[A-Z][a-z]+'s\b")


def clean_description(text: str) -> str | None:
    """The competition-style form of `text` or None when it must be rejected.

    Lowercases, collapses whitespace, strips quotes, list markers and a final full stop; rejects text shorter
    than `MIN_CHARS`/`MIN_WORDS` or longer than `MAX_CHARS`, text with characters outside a plain-phrase set
    (no digits beyond small counts, no markup), brand words and personal-name patterns. Capitalised words in the
    middle of the raw text read as proper nouns and are rejected as well.
    """
    if not isinstance(text, str):
        return None
    raw = " ".join(text.strip().strip("\"'`").split())
    raw = re.sub(r"^(\d+[.)]|[-*•])\s*", "", raw).rstrip(".!").strip()
    if not raw or _PERSONAL.search(raw) or re.search(r"\s[A-Z][a-z]+", raw):
        return None
    phrase = raw.lower()
    if not (MIN_CHARS <= len(phrase) <= MAX_CHARS) or len(phrase.split()) < MIN_WORDS:
        return None
    if not _ALLOWED_CHARS.match(phrase) or re.search(r"\d{2,}", phrase) or _BLOCKED.search(phrase):
        return None
    return phrase


def dedupe(phrases) -> list[str]:
    """Keep the first of every phrase (compared after `clean_description`), dropping rejected ones."""
    seen: set[str] = set()
    kept: list[str] = []
    for phrase in phrases:
        cleaned = clean_description(phrase)
        if cleaned is not None and cleaned not in seen:
            seen.add(cleaned)
            kept.append(cleaned)
    return kept


def _plural(noun: str) -> str:
    """English plural of the last word of `noun` ("lily" -> "lilies", "peach" -> "peaches")."""
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def _fill(template: str, category: Category, rng: random.Random) -> str:
    """Fill each `{slot}` independently (a template may use one slot twice: two different colours)."""
    def choose(match: re.Match) -> str:
        slot = match.group(1)
        options = category.slots.get(slot) or SHARED_SLOTS.get(slot)
        if not options:
            raise KeyError(f"category {category.name!r}: template slot {slot!r} has no values")
        return rng.choice(options)

    text = re.sub(r"\{(\w+)\}(s?)", lambda m: _plural(choose(m)) if m.group(2) else choose(m), template)
    return re.sub(r"\ba ([aeiou])", r"an \1", text)  # "a orange cat" -> "an orange cat"


def category_by_name(name: str) -> Category:
    """The category called `name`; ValueError listing the known names otherwise."""
    for category in CATEGORIES:
        if category.name == name:
            return category
    raise ValueError(f"unknown category {name!r}; known: {', '.join(CATEGORY_NAMES)}")


def sample_descriptions(n: int, seed: int = 0, categories=None, max_tries_per_item: int = 50
                        ) -> list[tuple[str, str]]:
    """`n` unique (description, category) pairs, spread evenly over `categories` (default: all), seeded.

    The same `n`, `seed` and categories always give the same list. Raises ValueError when the templates cannot
    produce `n` unique phrases (ask for fewer or add templates).
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative int, not {n!r}")
    chosen = [category_by_name(c) for c in categories] if categories else list(CATEGORIES)
    if not chosen:
        raise ValueError("no categories to sample from")
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    tries = 0
    while len(out) < n:
        category = chosen[len(out) % len(chosen)]  # round robin keeps the categories balanced
        text = _fill(rng.choice(category.templates), category, rng)
        extras = category.slots.get("extra")
        if extras and rng.random() < EXTRA_PROBABILITY:  # a trailing clause brings the mean length to ~50
            text = f"{text} {_fill(rng.choice(extras), category, rng)}"
        phrase = clean_description(text)
        tries += 1
        if phrase is not None and phrase not in seen:
            seen.add(phrase)
            out.append((phrase, category.name))
        elif tries > max_tries_per_item * max(n, 1):
            raise ValueError(f"could only sample {len(out)} unique descriptions of the {n} asked for")
    return out


FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "with", "in", "on", "at", "by", "and", "to", "under", "over",
                            "from", "its", "it", "next", "into", "around", "for", "far", "away"})


def guess_category(description: str) -> str:
    """The category whose vocabulary shares most words with `description` ("objects" when nothing matches)."""
    words = set(re.findall(r"[a-z]+", description.lower())) - FUNCTION_WORDS
    best, best_score = "objects", 0
    for category in CATEGORIES:
        vocab = {w for name, values in category.slots.items() if name != "extra"
                 for value in values for w in value.split()} - FUNCTION_WORDS
        score = len(words & vocab)
        if score > best_score:
            best, best_score = category.name, score
    return best
