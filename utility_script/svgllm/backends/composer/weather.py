"""Weather read from words the weather table lacks but that are built from a word it has:
"windswept", "snowbound", "rain-lashed" (a weather noun + a participle), "frosty", "foggy" (a weather noun + -y).

A derivation counts only when its stem is itself a weather word, so "shady", "rusty" or "salty" stay plain
adjectives; the table's own entries always win.
"""

from __future__ import annotations

from . import vocab

# participles that make "<weather>-<participle>" adjectives ("windswept", "sun-bleached" is no weather)
PARTICIPLES = ("swept", "bound", "blown", "lashed", "soaked", "drenched", "laden", "beaten", "battered", "whipped",
               "sodden", "shrouded", "wrapped")  # not "covered"/"capped": "snow-capped peaks" is ground, not weather
_NOT_WEATHER = {"clear", "rainbow"}  # labels that draw nothing over a scene


def weather_of(word: str) -> str | None:
    """The weather label `word` names or is built from ("gusty" -> "wind", "windswept" -> "wind"), or None."""
    word = word.lower()
    table = vocab.WEATHER
    if word in table:
        return table[word]
    for participle in PARTICIPLES:
        if word.endswith(participle) and len(word) > len(participle) + 2:
            label = _stem_label(word[: -len(participle)].rstrip("-"), labels_too=True)
            if label:
                return label
    if word.endswith("y") and len(word) > 4:
        # "foggy" -> fog, "frosty" -> frost, "icy" is too short to be safe
        for stem in (word[:-1], word[:-2] if word[-2] == word[-3] else "", word[:-1] + "e"):
            label = _stem_label(stem, labels_too=False)  # not "snowy": "a snowy owl" is a kind of owl
            if label:
                return label
    return None


def _stem_label(stem: str, labels_too: bool) -> str | None:
    """The weather a stem names: a table word, or (`labels_too`) a label itself ("snow" is a ground cover, not in
    the weather table)."""
    if not stem:
        return None
    label = vocab.WEATHER.get(stem) or vocab.WEATHER.get(vocab.singular(stem))
    if label is None and labels_too and stem in set(vocab.WEATHER.values()):
        label = stem
    return label if label and label not in _NOT_WEATHER else None


def sky_weather(word: str) -> str | None:
    """The weather an adjective names when it describes a sky or a day: "leaden", "lowering", "sullen" ->
    cloudy, "squally" -> storm (WordNet's neighbours of "cloudy" and "stormy"); the weather words too."""
    return weather_of(word) or vocab.SKY_WEATHER.get(word.lower())


def sky_labels(adjectives: list[str]) -> set[str]:
    """The weather labels the adjectives of a sky or a day name ("a leaden, lowering sky" -> {"cloudy"})."""
    labels = {sky_weather(word) for word in adjectives}
    return labels - {None} - _NOT_WEATHER
