"""Description -> `Scene`: subjects with colours/materials/patterns/counts, setting, time, weather, relations.

A small rule-based reader, not a grammar: the description is cut into noun phrases at relation words,
"and" and commas; in each phrase the last noun-like word is the head and the words before it modify it.
Unknown words never fail: they become adjectives, or the head of an "object" subject drawn generically.
"""

from __future__ import annotations

import re

from ...colors import find_colors, hex_to_rgb
from . import vocab
from .context_colors import with_context_colors
from .meaning import meaning
from .motifs import find_motif, load_library
from .phrases import (
    ARRANGEMENT_NOUNS,
    ARRANGING_VERBS,
    SEPARATORS,
    find_head,
    is_noun,
    polygon_sides,
    split_phrases,
    tokenize,
)
from .scene import Relation, Scene, Subject
from .weather import sky_labels, weather_of

# verbs/participles that carry an arrangement or a relation but never name a subject
_PATTERN_DETAILS = {
    "dot": "dotted",
    "spot": "dotted",
    "stripe": "striped",
    "check": "checkered",
    "pinstripe": "striped",
    "flower": "floral",
    "print": "floral",
}
_SEASONS = {
    "spring": "spring",
    "springtime": "spring",
    "summer": "summer",
    "autumn": "autumn",
    "fall": "autumn",
    "autumnal": "autumn",
    "winter": "winter",
    "wintry": "winter",
}
def parse(description: str) -> Scene:
    """Read `description` into a `Scene` (never raises on odd text)."""
    scene = Scene(description=description)
    lowered = description.lower()
    scene.time = next((time for phrase, time in vocab.TIME_PHRASES.items() if phrase in lowered), None)
    tokens = tokenize(description)
    colors_at: dict = {}  # token start -> its colour mention (None for the later words of "navy blue")
    for mention in with_context_colors(description, tokens, find_colors(description)):
        scene.colors.append(mention.hex)
        for _word, start in tokens:
            if mention.position <= start < mention.position + len(mention.words):
                colors_at[start] = mention if start == mention.position else None
    tokens = _arrangement_prefix(tokens, scene)
    relation: str | None = None  # how the next phrase relates to the main subject
    arranging = False  # after "forming": the next shape word names the arrangement
    main: int | None = None
    owner: int | None = None  # the garment that "with ..." details attach to
    carried: list[tuple[str, int]] = []
    for words, boundary in split_phrases(tokens):
        words, carried = carried + words, []
        subject = _read_phrase(words, colors_at, scene)
        if subject is None:
            colour_words = [start for _, start in words if colors_at.get(start) is not None]
            if colour_words and relation == "in" and scene.subjects and all(
                start in colors_at or w in vocab.STOP or w in vocab.MATERIALS  # "in shades of teal", "in red silk"
                for w, start in words
            ):
                last = scene.subjects[-1]  # "zigzag lines in neon pink": the colour of what came before
                last.colors.extend(colors_at[start].hex for start in colour_words)
                last.color_words.extend(colors_at[start].words for start in colour_words)
            elif words and all(
                start in colors_at or w in vocab.PATTERNS or w in vocab.ARRANGEMENTS or w in ("a", "an", "the")
                for w, start in words
            ):
                # "red and yellow gingham skirt", "interlocking blue and orange rings": colours before "and"
                # join the next phrase
                carried = words
        elif subject.kind == "setting":
            if main is not None and relation not in (None, "and", "with", "of"):
                scene.relations.append(Relation(main, relation, -1))
        elif (
            main is not None
            and (arranging or relation in ("in", "inside", "on"))
            and subject.noun in ARRANGEMENT_NOUNS
            and len(scene.subjects) == 1
            and not subject.colors
        ):
            scene.arrangement = scene.arrangement or ARRANGEMENT_NOUNS[subject.noun]  # "squares in a grid"
        elif (
            owner is not None
            and relation == "with"
            and (subject.noun in vocab.GARMENT_PARTS or subject.kind != "garment")
        ):
            garment = scene.subjects[owner]
            if subject.noun in _PATTERN_DETAILS and not garment.pattern:
                # "a navy scarf with white polka dots": the dots are the garment's pattern, in their colour
                garment.pattern = _PATTERN_DETAILS[subject.noun]
                garment.colors.extend(subject.colors)
            else:
                garment.details.append(subject)
        elif main is not None and relation == "with" and subject.noun in vocab.OBJECT_PARTS:
            owner_of_part = scene.subjects[main]
            owner_of_part.details.append(subject)  # part of the main subject, drawn with it (or not at all)
            if subject.noun in vocab.COVERING_PARTS and not owner_of_part.colors:
                owner_of_part.colors.extend(subject.colors)  # "a parrot with red and blue feathers" is red and blue
                owner_of_part.color_words.extend(subject.color_words)
        else:
            if main is None or relation in _PLACE_RELATIONS:
                _place_of(subject, scene)  # "a seagull on a harbour wall", "a garden shed"
            scene.subjects.append(subject)
            index = len(scene.subjects) - 1
            if main is None:
                main = index
            elif relation not in (None, "and", "of"):
                scene.relations.append(Relation(main, relation, index))
            if subject.kind == "garment" and owner is None:
                owner = index
        arranging = False
        if boundary in SEPARATORS:
            relation = "with" if relation == "with" else "and"
        elif boundary in ARRANGING_VERBS:
            arranging, relation = True, None
        else:
            relation = vocab.RELATIONS.get(boundary) if boundary else None
    if carried and scene.subjects:  # "circles of teal and coral": a last phrase of colours colours the last subject
        last = scene.subjects[-1]
        for _, start in carried:
            if colors_at.get(start) is not None:
                last.colors.append(colors_at[start].hex)
                last.color_words.append(colors_at[start].words)
    _finish(scene)
    return scene


# relations after which a phrase says where the main subject is ("on a harbour wall", "by a river bank")
_PLACE_RELATIONS = {"on", "in", "at", "beside", "under", "over", "overlooking", "behind", "in_front"}


def _place_of(subject: Subject, scene: Scene) -> None:
    """ "a seagull on a harbour wall", "a garden shed": a setting word that describes the main subject or the thing
    it is on or by is the scene's setting when the text names no other (the wall and the shed are still drawn)."""
    if scene.setting is not None or subject.kind != "object":
        return
    terrain_word = next((w for w in subject.adjectives if w in vocab.SETTINGS), None)
    if terrain_word is not None and vocab.SETTINGS[terrain_word] not in ("sky", "space"):
        scene.setting, scene.setting_word = vocab.SETTINGS[terrain_word], terrain_word
        scene.settings.append(scene.setting)


def _arrangement_prefix(tokens: list[tuple[str, int]], scene: Scene) -> list[tuple[str, int]]:
    """ "a grid of hexagons", "a spiral of squares": record the arrangement and drop the words naming it."""
    for index in range(len(tokens) - 1):
        word = tokens[index][0]
        if tokens[index + 1][0] == "of" and word in ARRANGEMENT_NOUNS and word not in ("shape", "line"):
            scene.arrangement = scene.arrangement or ARRANGEMENT_NOUNS[word]
            start = index - 1 if index > 0 and tokens[index - 1][0] in ("a", "an", "the") else index
            return tokens[:start] + tokens[index + 2 :]
    return tokens


def _read_phrase(words: list[tuple[str, int]], colors_at: dict, scene: Scene) -> Subject | None:
    """Read one noun phrase; scene-level words (time, weather, arrangement) are recorded on `scene`."""
    head_index = find_head(words, colors_at)
    for position, (word, _) in enumerate(words):
        if position != head_index:
            _scene_word(word, scene)
    if head_index is None:
        return None
    words, head_index, group = _animal_group(words, head_index)
    written = words[head_index][0]
    head, words, head_index = _mapped_head(words, head_index, colors_at)
    base = vocab.singular(head)
    subject = Subject(noun=base, kind="object", name=base)
    words, head_index = _compound_name(subject, words, head_index, head, colors_at)
    modifiers = words[:head_index]
    for word, start in words[head_index + 1 :]:  # "circles of teal": colours after the head still colour it
        if colors_at.get(start) is not None:
            subject.colors.append(colors_at[start].hex)
            subject.color_words.append(colors_at[start].words)
        elif vocab.MATERIALS.get(word):  # "a gatehouse of stone"
            subject.material = subject.material or vocab.MATERIALS[word]
    count, sides = _read_modifiers(subject, modifiers, colors_at)
    sides = sides or polygon_sides(written)  # "a jumble of dodecagons"
    if head in vocab.PATTERNS and not subject.pattern and head not in vocab.GARMENT_PARTS:
        subject.pattern = vocab.PATTERNS[head]
    plural = vocab.plural(written) or written in ("pants", "trousers", "jeans", "shorts", "overalls")
    subject.count = count if count is not None else (1 if not (group or vocab.plural(written)) else 0)  # 0: "some"
    if _on_the_moon(base, scene):
        return Subject(noun="moon", kind="setting")
    if _scene_head(subject, base, modifiers, colors_at, scene):
        return None
    if base in ("star", "sun", "moon"):  # a coloured or counted celestial body is drawn as a shape
        subject.kind, subject.name = "shape", {"star": "star", "sun": "circle", "moon": "crescent"}[base]
    elif head in vocab.GARMENTS or base in vocab.GARMENTS:
        subject.kind, subject.name = "garment", vocab.GARMENTS.get(head, vocab.GARMENTS.get(base))
        subject.count = 1
    elif base in vocab.SHAPES and (base not in vocab.SETTINGS):
        _shape(subject, base, modifiers, sides)
    elif base in vocab.SETTINGS or head in vocab.SETTINGS:
        return _setting(subject, base, head, modifiers, colors_at, scene)
    elif base in vocab.PROCEDURAL:
        subject.kind, subject.name = "object", base
    if plural and subject.kind != "garment" and subject.count == 1 and count is None:
        subject.count = 0
    return subject


# nouns for a line or band of animals: "a mule train", "a camel caravan", "a husky team" draw the animals
_GROUP_HEADS = {"train", "caravan", "team", "procession", "troop", "convoy", "column"}


def _animal_group(words: list[tuple[str, int]], head_index: int):
    """(words, head index, True) with a group head dropped when the noun before it is an animal ("mule train":
    the mules, several); the words unchanged and False otherwise ("a steam train", "a goods train")."""
    if words[head_index][0] not in _GROUP_HEADS or head_index == 0:
        return words, head_index, False
    before = words[head_index - 1][0]
    motif = find_motif(before) or find_motif(meaning(before) or "")
    if motif is None or motif.category != "Animals & Nature":
        return words, head_index, False
    return words[:head_index] + words[head_index + 1 :], head_index - 1, True


def _mapped_head(words: list[tuple[str, int]], head_index: int, colors_at: dict):
    """(head word, words, head index) with an unknown head mapped by meaning; a two-word name WordNet knows
    ("savoy cabbage", "bowler hat") is read as one word."""
    head = words[head_index][0]
    if is_noun(head):
        return head, words, head_index
    pair = f"{words[head_index - 1][0]}-{head}" if head_index > 0 else ""
    if pair and words[head_index - 1][1] not in colors_at and meaning(pair):
        return meaning(pair), words[: head_index - 1] + words[head_index:], head_index - 1
    return meaning(head) or head, words, head_index  # "catamaran" -> boat, "kerchief" -> scarf


def _compound_name(subject: Subject, words, head_index: int, head: str, colors_at: dict):
    """Name `subject` by the motif its last two or three words name ("palm tree", "cherry blossom tree");
    returns the words and head index without the words used."""
    base = subject.noun
    if (
        head_index > 1
        and base in ("tree", "plant", "bush", "flower", "shrub")
        and f"{words[head_index - 2][0]}-{words[head_index - 1][0]}" in load_library()
    ):
        # "cherry blossom tree": the two words before a generic plant word name the motif
        subject.noun = subject.name = f"{words[head_index - 2][0]}-{words[head_index - 1][0]}"
        return words[: head_index - 2] + words[head_index:], head_index - 2
    if head_index > 0 and words[head_index - 1][1] not in colors_at:
        # compound names the library knows: "palm tree", "polar bear", "hot dog", "teddy bear"
        previous_word = words[head_index - 1][0]
        for compound in (f"{previous_word}-{base}", f"{previous_word}-{head}"):
            if compound in load_library() or compound in vocab.MOTIF_SYNONYMS:  # "fire truck" -> fire-engine
                subject.noun = subject.name = compound
                return words[: head_index - 1] + words[head_index:], head_index - 1
    return words, head_index


def _read_modifiers(subject: Subject, modifiers, colors_at: dict) -> tuple[int | None, int | None]:
    """Colours, material, pattern and adjectives of the words before the head onto `subject`;
    returns (count, sides) as written ("three", "half a dozen", "twelve-sided"), None where not."""
    count = sides = None
    for position, (word, start) in enumerate(modifiers):
        if start in colors_at:
            mention = colors_at[start]
            if mention is not None:
                subject.colors.append(mention.hex)
                subject.color_words.append(mention.words)
            continue
        if word.isdigit():
            count = int(word)
        elif word.endswith("-sided") and (word[:-6].isdigit() or word[:-6] in vocab.NUMBERS):
            sides = int(word[:-6]) if word[:-6].isdigit() else vocab.NUMBERS[word[:-6]]  # "twelve-sided"
        elif word in vocab.NUMBERS and word not in ("a", "an"):
            count = vocab.NUMBERS[word]
            if word == "dozen" and position > 1 and modifiers[position - 2][0] == "half":
                count = 6  # "half a dozen"
        elif vocab.MATERIALS.get(word):
            subject.material = subject.material or vocab.MATERIALS[word]
        elif word in vocab.PATTERNS:
            subject.pattern = subject.pattern or vocab.PATTERNS[word]
        elif word not in vocab.STOP:
            subject.adjectives.append(word)
    return count, sides


# heads that name a time of day whatever the time table says of them
_TIME_HEADS = {"night", "day", "dusk", "dawn", "sunset", "sunrise", "evening", "morning", "midnight", "twilight",
               "noon", "midday", "afternoon"}
# heads that are about the sky, not a subject ("a cloudy sky", "a full moon")
_SKY_HEADS = {"sky", "cloud", "rain", "storm", "fog", "mist", "snowfall", "rainbow", "star", "sun", "moon",
              "lightning", "thunderstorm", "snowflake"}


def _on_the_moon(base: str, scene: Scene) -> bool:
    """ "on the moon", "across the moon": the moon's surface is the setting (recorded on `scene`)."""
    if base not in ("moon", "lunar") or scene.setting is not None:
        return False
    if not re.search(r"\b(on|across) the moon\b", scene.description.lower()):
        return False
    scene.setting, scene.setting_word = "lunar", "moon"
    scene.settings.append("lunar")
    return True


def _scene_head(subject: Subject, base: str, modifiers, colors_at: dict, scene: Scene) -> bool:
    """Record a head that speaks about the whole scene (season, background, time, sky) on
    `scene`; True when it did (the phrase then draws no subject)."""
    if base in _SEASONS:  # "in spring", "an autumn day" are about the whole scene
        scene.style_words.add(_SEASONS[base])
        return True
    if base in ("background", "backdrop", "canvas", "wall", "surface", "ground") and subject.colors:
        scene.background_color = scene.background_color or subject.color
        return True
    if base in ("background", "backdrop"):  # "on a dark background": a tone, not a thing to draw
        tone = next((_TONES[w] for w, _ in modifiers if w in _TONES), None)
        scene.background_color = scene.background_color or tone
        return True
    if base in _TIME_HEADS or (vocab.TIMES.get(base) and base not in ("moon", "stars", "starry", "sunny", "moonlight")):
        # "at nightfall", "at daybreak": any time word the table has heads a phrase about the time
        scene.time = scene.time or vocab.TIMES.get(base)
        scene.weather |= sky_labels(subject.adjectives)  # "a leaden afternoon", "a blustery day"
        if subject.color and base in ("sunset", "sunrise", "dawn", "dusk", "twilight", "evening", "night"):
            scene.sky_color = scene.sky_color or subject.color  # "an orange sunset", "a purple twilight"
        return True
    if base in _SKY_HEADS and not _has_object_use(base, modifiers, colors_at):
        _sky_word(base, subject, scene)
        return True
    if vocab.WEATHER.get(base) not in (None, "clear", "rainbow") and base not in load_library():
        # "in a biting wind", "through a gale": weather over the scene, not a thing ("a shower" is one)
        scene.weather.add(vocab.WEATHER[base])
        for word in subject.adjectives:
            _scene_word(word, scene)
        return True
    return False


def _shape(subject: Subject, base: str, modifiers, sides: int | None) -> None:
    """Make `subject` the shape `base` names; "twelve-sided", "zigzag lines" say which shape exactly."""
    subject.kind, subject.name = "shape", vocab.SHAPES[base]
    if sides:  # "nine-sided shapes", "a twelve-sided polygon": a regular polygon of that many sides
        subject.name = f"polygon-{sides}"
    if subject.name in ("line", "stripe"):  # "zigzag lines", "wavy bands": the modifier says the line's shape
        shaped = next((_LINE_SHAPES[w] for w, _ in modifiers if w in _LINE_SHAPES), None)
        subject.name = shaped or subject.name


def _setting(subject: Subject, base: str, head: str, modifiers, colors_at: dict, scene: Scene) -> Subject | None:
    """Record the terrain a setting word names (its ground cover, its colour, things it is full of) on `scene`."""
    terrain = vocab.SETTINGS.get(base, vocab.SETTINGS.get(head))
    if terrain == "sky":
        _sky_word("sky", subject, scene)
        return None
    scene.settings.append(terrain)
    if scene.setting is None:
        scene.setting, scene.setting_word = terrain, base
        scene.setting_color = subject.color
    for word, start in modifiers:
        if vocab.COVERS.get(word):
            scene.cover = scene.cover or vocab.COVERS[word]
        elif (
            start not in colors_at
            and word not in vocab.STOP
            and word not in vocab.WEATHER  # "a foggy bay": weather, not rows of the fog emoji
            and word not in vocab.TIMES
            and is_noun(word)
            and vocab.singular(word) not in vocab.SETTINGS
        ):
            scene.setting_items.append(vocab.singular(word))  # "sunflower field", "tulip garden"
    subject.kind = "setting"
    return subject


# a background named by its tone only ("on a dark background")
_TONES = {"dark": "#1f2333", "black": "#111111", "light": "#f4f1ea", "pale": "#f4f1ea", "white": "#fafafa",
          "bright": "#fff8e1", "muted": "#b8b2a7", "neutral": "#e8e2d6"}
# words that bend a line or band: "zigzag lines", "wavy stripes", "curvy bands"
_LINE_SHAPES = {"zigzag": "zigzag", "zig-zag": "zigzag", "jagged": "zigzag", "wavy": "wave", "wave": "wave",
                "curvy": "wave", "undulating": "wave", "rippling": "wave"}


def _has_object_use(base: str, modifiers, colors_at: dict) -> bool:
    """ "yellow stars" or "three suns" are drawn subjects; "a cloudy sky" or "a full moon" are the sky's."""
    if base not in ("star", "sun", "moon"):
        return False
    return any(start in colors_at or (w in vocab.NUMBERS and w not in ("a", "an")) for w, start in modifiers)


def _sky_word(base: str, subject: Subject, scene: Scene) -> None:
    if base == "sky":
        scene.style_words.add("sky")
        scene.sky_color = scene.sky_color or subject.color
        if subject.color and _overcast(subject.color):
            scene.weather.add("cloudy")  # "grey skies", "a slate sky": a sky that colour is overcast
        scene.weather |= sky_labels(subject.adjectives)  # "a leaden sky", "a lowering sky"
        for word in subject.adjectives:
            _scene_word(word, scene)
    elif base in ("star", "sun", "moon"):
        scene.celestial.add(base + ("s" if base == "star" else ""))
        if base == "sun" and {"setting", "sinking"} & set(subject.adjectives):
            scene.time = scene.time or "sunset"  # "a setting sun"
        elif base == "sun" and "rising" in subject.adjectives:
            scene.time = scene.time or "sunrise"
    elif base == "snowflake":
        scene.weather.add("snow")
    else:
        scene.weather.add(vocab.WEATHER.get(base, "cloudy"))
        if subject.color and base in ("cloud", "storm", "fog", "mist", "rain"):
            scene.cloud_color = scene.cloud_color or subject.color  # "gray clouds", "pink mist"


def _overcast(hex_color: str) -> bool:
    """True for a grey that is not white: the colour of an overcast sky."""
    import colorsys

    _, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in hex_to_rgb(hex_color)))
    return saturation < 0.2 and 0.15 < lightness < 0.8


def _scene_word(word: str, scene: Scene) -> None:
    """Record a word that speaks about the whole scene (time, weather, arrangement, ground cover)."""
    base = vocab.singular(word)
    if vocab.TIMES.get(word):
        if word in ("stars", "starlit", "starry"):
            scene.celestial.add("stars")
        if word in ("moonlit", "moon", "moonlight"):
            scene.celestial.add("moon")
        if word == "sunny":
            scene.celestial.add("sun")
        scene.time = scene.time or vocab.TIMES[word]
    weather = weather_of(word)  # the table's words and words built on them ("windswept", "fogbound")
    if weather is not None and weather != "clear":
        scene.weather.add(weather)
    if word in vocab.ARRANGEMENTS and word not in ("line", "row", "around"):
        scene.arrangement = scene.arrangement or vocab.ARRANGEMENTS[word]
    if vocab.COVERS.get(word):
        scene.cover = scene.cover or vocab.COVERS[word]
    if word in ("chaotic", "random", "messy", "jumbled", "irregular", "wild"):
        scene.style_words.add("chaotic")
    if word in ("translucent", "transluscent", "transparent", "sheer", "glassy", "see-through", "frosted"):
        scene.style_words.add("translucent")
    if base in _SEASONS:
        scene.style_words.add(_SEASONS[base])
    if word in ("colorful", "colourful", "multicolored", "multicoloured", "rainbow", "vibrant", "bright"):
        scene.style_words.add("colorful")
    if word in ("pastel", "soft"):
        scene.style_words.add("pastel")
    if word in ("glowing", "luminous", "shining", "neon", "radiant", "sparkling", "shimmering"):
        scene.style_words.add("glowing")
    if base in ("golden", "gold") and word == "golden":
        scene.style_words.add("golden")


# motifs of things that float: with no setting named they are drawn at sea
_WATERCRAFT = {"sailboat", "ship", "canoe", "motor-boat", "speedboat", "passenger-ship", "ferry"}


def _floats(subject: Subject) -> bool:
    motif = find_motif(subject.noun) if subject.kind == "object" else None
    return motif is not None and motif.name in _WATERCRAFT


def _finish(scene: Scene) -> None:
    """Fill what the text implies: celestial bodies from the time, a default count for plurals."""
    if scene.setting is None and scene.main is not None and _floats(scene.main):
        scene.setting = "ocean"  # "a fishing trawler battling a gale": a boat the text puts nowhere is at sea
        scene.settings.append("ocean")
    if scene.time == "night" and not scene.celestial:
        scene.celestial.add("moon")
    if scene.time is None and scene.celestial & {"moon", "stars"} and "sun" not in scene.celestial:
        scene.time = "night"
    season = next((w for w in ("spring", "summer", "autumn", "winter") if w in scene.style_words), None)
    if season and (scene.setting is None and (not scene.subjects or scene.main.kind == "object")):
        scene.setting = "forest" if season == "autumn" and not scene.subjects else "meadow"
        scene.settings.append(scene.setting)
    if season == "winter":
        scene.cover = scene.cover or "snow"
    elif season == "spring":
        scene.cover = scene.cover or "flowers"
    elif season == "autumn" and scene.setting == "forest":
        scene.setting_color = scene.setting_color or "#d9742b"  # autumn leaves
    elif season == "summer":
        scene.celestial.add("sun")
    for subject in scene.subjects:
        if subject.count == 0:
            subject.count = 7 if subject.kind == "shape" else 3
