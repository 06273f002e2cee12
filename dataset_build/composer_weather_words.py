"""Weather and time-of-day words from WordNet for the composer's tables (`weather_words.json`; built by
`dataset_build.composer_words`): synonyms and kinds of the hand tables' weather and time words."""

from __future__ import annotations

import re

WEATHER_FILES, TIME_FILE = {"19", "26"}, "28"  # noun.phenomenon, noun.state; noun.time


def weather_and_time_words(
    synsets: dict, index: dict, weather: dict, times: dict, taken, near_taken=None
) -> dict[str, dict]:
    """{"weather": word -> label, "times": word -> label, "time_phrases": "first light" -> label} from WordNet:
    the synonyms (and, for weather, the kinds two levels down: "gale", "downpour") of the senses that the parser's
    weather and time words and the weather labels themselves ("wind", "rain") have there. A word counts only when
    its commonest noun sense is that one ("fall" is autumn first, "draft" a first version) and `taken(word)` is
    False (the tables or the meaning table read it already, or it is more often an adjective or verb); a weather
    word one step from a root ("squall", "sleet", "hail") is checked by `near_taken` instead when given (its verb
    is the weather too: "it hails")."""
    found: dict[str, tuple[int, str, str]] = {}  # word -> (depth, kind, label)
    weather_roots = {**weather, **{label: label for label in weather.values() if label}, "cloud": "cloudy"}
    time_roots = {word: label for word, label in times.items() if word not in ("day", "daytime")}
    passes = (("weather", weather_roots, WEATHER_FILES, 2), ("times", time_roots, {TIME_FILE}, 0))
    for kind, table, files, depth in passes:
        starts = {word: _first_sense(word, synsets, index, files) for word, label in table.items() if label}
        if kind == "weather":  # "precipitation", above rain and snow: "sleet" and "hail" are weather too
            for lemma, (label, parent) in shared_parents(starts, table, synsets).items():
                starts.setdefault(lemma, parent)
                table = {**table, lemma: table.get(lemma) or label}
        for word, label in sorted(table.items()):
            if not label or label == "clear" or starts.get(word) is None:
                continue
            frontier = [(starts[word], 0)]
            while frontier:
                node, level = frontier.pop()
                for lemma in synsets[node][1]:
                    previous = found.get(lemma)
                    if _commonest(lemma, node, level, label, table, synsets, index) and (
                        previous is None or (level, kind, label) < previous
                    ):
                        found[lemma] = (level, kind, label)
                if level < depth:
                    frontier += [(child, level + 1) for child in synsets[node][3]]
    out: dict[str, dict] = {"weather": {}, "times": {}, "time_phrases": {}}
    for lemma, (level, kind, label) in sorted(found.items()):
        word = lemma.replace("_", " ")
        check = near_taken if near_taken is not None and kind == "weather" and level <= 1 else taken
        if " " in word and kind == "times" and word.replace(" ", "").isalpha():
            out["time_phrases"][word] = label
        elif word.isalpha() and len(word) > 3 and word not in weather and word not in times and not check(word):
            out[kind][word] = label
    return out


def _first_sense(word: str, synsets: dict, index: dict, files: set[str]) -> str | None:
    """The first of the two commonest senses of `word` that lies in `files` (None where neither does)."""
    return next((o for o in index.get(word, [])[:2] if synsets[o][0] in files), None)


def shared_parents(starts: dict, table: dict, synsets: dict) -> dict:
    """{parent lemma: (label, parent synset)} for a hypernym that the senses (`starts`: word -> synset) of two or
    more weather labels share
    ("precipitation" above rain and snow): its other kinds ("sleet", "hail") are weather too, labelled by the first
    label (sorted). Only labels count, not every table word: "storm" and "cloud" share no useful parent."""
    labels = {word for word, label in table.items() if word == label}
    under: dict[str, set[str]] = {}
    for word in labels:
        for parent in synsets[starts[word]][2] if starts.get(word) else ():
            if synsets[parent][0] == synsets[starts[word]][0]:  # not "aerosol" (a substance) above fog
                under.setdefault(parent, set()).add(word)
    return {synsets[parent][1][0]: (table[min(words)], parent) for parent, words in sorted(under.items())
            if len(words) >= 2}


def _commonest(lemma: str, node: str, level: int, label: str, table: dict, synsets: dict, index: dict) -> bool:
    """True when `node` is the sense a reader takes `lemma` in: its commonest sense, a root's several-word
    synonym, or a commonest sense that is itself a synonym of a table word with the same label ("tempest" is
    first "a storm" of feelings, whose lemmas include "storm")."""
    first = index.get(lemma, [None])[0]
    if first == node or (level == 0 and "_" in lemma):
        return True
    return first is not None and any(table.get(word) == label for word in synsets[first][1] if word != lemma)


def read_adjectives(dict_dir) -> dict[str, tuple[str, list[str], list[str]]]:
    """WordNet's adjective synsets: offset -> (type: "a" head or "s" satellite, lemmas, similar-to offsets)."""
    synsets = {}
    for line in (dict_dir / "data.adj").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
        at = 4 + 2 * count
        pointers = fields[at + 1 : at + 1 + 4 * int(fields[at])]
        similar = [pointers[i + 1] for i in range(0, len(pointers), 4) if pointers[i] == "&"]
        synsets[fields[0]] = (fields[2], lemmas, similar)
    return synsets


def sky_adjectives(adjectives: dict, weather: dict) -> dict[str, str]:
    """{adjective: label} for the adjectives WordNet puts beside a weather adjective of the table ("cloudy":
    "overcast", "leaden", "lowering", "sullen", "heavy"; "stormy": "squally", "blustery"), read of a sky or a day
    only ("a heavy sky", "a leaden afternoon"; not "a heavy coat", "billowing sails")."""
    sky: dict[str, str] = {}
    for kind, lemmas, similar in adjectives.values():
        labels = sorted({weather[w] for w in lemmas if weather.get(w) not in (None, "clear", "rainbow")})
        if kind != "a" or not labels:
            continue
        for offset in similar:
            for lemma in adjectives[offset][1]:
                if re.match(r"^[a-z]+(-[a-z]+)?$", lemma) and lemma not in weather:
                    sky.setdefault(lemma, labels[0])
    return dict(sorted(sky.items()))
