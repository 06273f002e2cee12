"""Colours a description names through a thing, read where the words around them say so.

The colour finder (`svgllm.colors.find_colors`) reads colour words on their own; names that are also things
("lobster", "jonquil", "pebble") count only with a suffix ("biscuit-toned"). Three more places say that a thing's
name is a colour:
- before a basic colour word: "lobster red", "watermelon pink" (the thing's shade of that colour);
- alone after "in" / "of", or in a list there: "a harmonica in chrome", "tiles in spruce and frost";
- before "background" / "backdrop": "on a pebble background".
"""

from __future__ import annotations

from ...colors import ColorMention, find_colors, hex_to_rgb
from . import vocab

# colour words a thing's name can give its own shade ("lobster red"); modifiers ("dark red") are the finder's
BASIC = {"red", "blue", "green", "grey", "gray", "pink", "yellow", "orange", "purple", "brown", "black", "white",
         "violet", "gold", "silver"}  # fmt: skip
LIST_STARTS = {"in", "of"}
LIST_JOINS = {"and", ",", "&", "or"}
BACKGROUNDS = {"background", "backdrop"}
_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
# words that after "in" are a place, time, weather or state, not a colour ("a duck in water", "a fox in winter")
_NOT_COLORS = {"water", "light", "shadow", "shadows", "darkness", "bloom", "flight", "motion", "space", "fire",
               "smoke", "flames", "love", "silence", "sunlight", "moonlight", "mid-air", "air", "life"}  # fmt: skip


def thing_color(word: str) -> str | None:
    """The colour a thing's name stands for when the text says it is a colour ("jonquil" -> its yellow)."""
    if word in _NOT_COLORS or word in _SEASONS or _reads_otherwise(word):
        return None
    found = find_colors(f"{word}-coloured")
    return found[0].hex if len(found) == 1 else None


def _reads_otherwise(word: str) -> bool:
    """True when the composer's tables read `word` as something other than a colour."""
    tables = (vocab.SETTINGS, vocab.TIMES, vocab.WEATHER, vocab.COVERS, vocab.RELATIONS, vocab.NUMBERS, vocab.STOP,
              vocab.ARRANGEMENTS, vocab.PATTERNS, vocab.GARMENTS, vocab.SHAPES)
    return not word.isalpha() or any(word in table for table in tables)


def with_context_colors(text: str, tokens: list[tuple[str, int]], mentions: list[ColorMention]) -> list[ColorMention]:
    """`mentions` (the finder's, in order) with the colours named through things added, and "lobster" + "red"
    read as one mention of the lobster's red. `tokens` are the parser's (word, offset) pairs of `text`."""
    by_start = {mention.position: mention for mention in mentions}
    covered = {start for word, start in tokens for m in mentions if m.position <= start < m.position + len(m.words)}
    out = {mention.position: mention for mention in mentions}
    for index, (word, start) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        shade_of = following is not None and following[1] in by_start and by_start[following[1]].words in BASIC
        own = by_start.get(start)
        if own is not None and shade_of and own.words == word and word not in BASIC:
            # "gunmetal grey", "lavender grey": one colour, the first word's shade of the second
            found = find_colors(f"{word}-{by_start[following[1]].words}")
            if len(found) == 1:
                end = following[1] + len(by_start[following[1]].words)
                out[start] = ColorMention(text[start:end].lower(), found[0].hex, start)
                del out[following[1]]
            continue
        if start in covered:
            continue
        mention = None
        if shade_of:
            mention = _shade(text, word, start, by_start[following[1]], _modifies(tokens, index))
            if mention is not None:
                del out[following[1]]
        elif (following and following[0] in BACKGROUNDS) or (
            _in_list(tokens, index, covered) and _ends_list(tokens, index)
        ):
            value = thing_color(word)
            mention = ColorMention(word, value, start) if value else None
        if mention is not None:
            out[start] = mention
            covered.add(start)
    return [out[start] for start in sorted(out)]


def _shade(text: str, word: str, start: int, color: ColorMention, modifier: bool) -> ColorMention | None:
    """ "lobster red": the mention of the lobster's red, when the finder knows the lobster's colour; the plain
    colour, with the word, where the word can only be a modifier of it (`modifier`: "in kingfisher blue")."""
    if _reads_otherwise(word) or word in ("a", "an", "the"):
        return None
    found = find_colors(f"{word}-{color.words}")
    if len(found) == 1 and found[0].hex != color.hex and _same_family(found[0].hex, color.hex):
        value = found[0].hex
    elif modifier:
        value = color.hex
    else:
        return None
    return ColorMention(text[start : color.position + len(color.words)].lower(), value, start)


def _same_family(shade: str, base: str) -> bool:
    """True when `shade` is still a kind of `base` (hue within 45 degrees; for a grey, black or white base: not a
    strong colour). Sourced values of things can be far off ("gooseberry" is brown there): then the plain colour."""
    import colorsys

    (h1, l1, s1), (h2, l2, s2) = (colorsys.rgb_to_hls(*(c / 255 for c in hex_to_rgb(v))) for v in (shade, base))
    if s2 < 0.15 or l2 < 0.08 or l2 > 0.95:
        return s1 < 0.35
    return min(abs(h1 - h2), 1 - abs(h1 - h2)) * 360 <= 45


def _modifies(tokens: list[tuple[str, int]], index: int) -> bool:
    """True when the word at `index`, before a colour word, can only describe that colour: it follows "in", "of"
    or a list join ("in kingfisher blue", "and gunmetal grey"), or the colour goes on to a noun ("a gunmetal grey
    robot")."""
    if index > 0 and tokens[index - 1][0] in LIST_STARTS | LIST_JOINS:
        return True
    after = tokens[index + 2][0] if index + 2 < len(tokens) else None
    return after is not None and after.isalpha() and after not in LIST_JOINS and after not in vocab.RELATIONS


def _in_list(tokens: list[tuple[str, int]], index: int, covered: set[int]) -> bool:
    """True when the word at `index` follows "in"/"of" directly, or through a list of colours ("in teal and
    frost"), with a subject before the "in". A colour right before the word describes it: "in bluish cotton"."""
    at = index - 1
    while at > 1 and tokens[at][0] in LIST_JOINS and tokens[at - 1][1] in covered:
        at -= 2  # back over "teal and"
    if not (0 < at < index and tokens[at][0] in LIST_STARTS):
        return False
    # "of" also names contents ("a cup of coffee"): a list there is of colours only when the finder saw one in it
    return tokens[at][0] == "in" or _list_has_finder_colour(tokens, at + 1, covered)


def _list_has_finder_colour(tokens: list[tuple[str, int]], at: int, covered: set[int]) -> bool:
    while at < len(tokens) and tokens[at][0] not in vocab.RELATIONS and tokens[at][0] != ";":
        if tokens[at][1] in covered:
            return True
        at += 1
    return False


def _ends_list(tokens: list[tuple[str, int]], index: int) -> bool:
    """True when the word at `index` is a whole list item: the text or the list goes on after it, no noun does."""
    if index + 1 == len(tokens):
        return True
    following = tokens[index + 1][0]
    return following in LIST_JOINS or following in vocab.RELATIONS or following in (";", "on", "against")
