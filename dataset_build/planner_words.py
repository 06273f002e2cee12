"""Surface words for the planner's training pairs: how a description may name each canonical program name.

The composer's own tables (`svgllm.backends.composer.vocab`) are read in reverse (word -> name becomes
name -> words); the tables here add what those tables lack on purpose: rarer nouns, synonyms and colour names,
so the planner learns to map vocabulary the rule-based parser has never seen onto the names it can draw.
Written for this project; every target name is checked against the program vocabulary when the data is built.
"""
from __future__ import annotations

# fmt: off
# (packed tables: one entry per line would make this file several times longer)

# colour names beyond the package's colour table, with their usual hex values
EXTRA_COLOURS = {
    "cinnabar": "#e34234", "carmine": "#960018", "cerise": "#de3163", "claret": "#7f1734", "mulberry": "#c54b8c",
    "amaranth": "#e52b50", "crimson red": "#b80f0a", "brick orange": "#cb4154", "persimmon": "#ec5800",
    "butterscotch": "#e09540", "marmalade": "#f08a24", "gamboge": "#e49b0f", "buttercup": "#f3e16b",
    "primrose": "#eee8aa", "citrine": "#e4d00a", "chartreuse green": "#7fff00", "celadon": "#ace1af",
    "viridian": "#40826d", "malachite": "#0bda51", "juniper": "#3a5f4b", "pine green": "#01796f",
    "fern green": "#4f7942", "avocado": "#568203", "pea green": "#8eab12", "spruce green": "#2c5f4a",
    "verdigris": "#43b3ae", "aqua blue": "#00b7eb", "cyan blue": "#1ca9c9", "cornflower": "#6495ed",
    "azure blue": "#007fff", "smalt": "#003399", "prussian blue": "#003153", "lapis": "#26619c",
    "zaffre": "#0014a8", "glaucous": "#6082b6", "heliotrope": "#df73ff", "wisteria": "#c9a0dc",
    "lavender purple": "#967bb6", "byzantium": "#702963", "puce": "#cc8899", "orchid pink": "#f2bdcd",
    "flamingo pink": "#fc8eac", "bubblegum": "#ffc1cc", "salmon pink": "#ff91a4", "coral red": "#ff4040",
    "russet": "#80461b", "sorrel": "#a0522d", "umber brown": "#635147", "walnut": "#5d432c", "cocoa": "#875f42",
    "coffee": "#6f4e37", "hazel": "#8e7618", "khaki green": "#8a865d", "bone white": "#e3dac9",
    "alabaster": "#edeae0", "chalk white": "#f3f3f3", "snow white": "#fffafa", "porcelain white": "#f8f8ff",
    "ash grey": "#b2beb5", "dove grey": "#9e9e9e", "smoke grey": "#738276", "storm grey": "#717486",
    "jet": "#343434", "coal black": "#0c0c0c", "inky black": "#111122", "raven black": "#1c1c1c",
}
COLOUR_MODIFIERS = ("", "", "", "", "vivid ", "rich ", "bright ")  # modifiers that keep the hue's hex

# program object name -> rarer nouns a description may use for it
OBJECT_WORDS = {
    "horse": ["steed", "mare", "stallion", "colt", "mustang", "charger"], "cat": ["feline", "tabby", "tomcat", "moggy"],
    "dog": ["pooch", "mutt", "canine", "hound", "whippet", "poodle", "spaniel"], "cow": ["heifer", "bullock"],
    "ewe": ["sheep", "ram", "lamb"], "pig": ["hog", "swine", "boar"], "rabbit": ["bunny", "hare", "cottontail"],
    "fox": ["vixen"], "wolf": ["timber wolf"], "bear": ["grizzly", "bruin"], "owl": ["barn owl", "screech owl"],
    "eagle": ["raptor", "bird of prey", "osprey", "kestrel"], "bird": ["songbird", "warbler", "wren", "starling"],
    "duck": ["mallard", "drake"], "swan": ["cygnet"], "butterfly": ["swallowtail", "monarch"],
    "snail": ["slug"], "spider": ["tarantula", "arachnid"], "turtle": ["tortoise", "terrapin"],
    "snake": ["serpent", "viper", "python", "cobra"], "frog": ["bullfrog", "tree frog"],
    "fish": ["trout", "carp", "minnow", "cod"], "tropical-fish": ["angelfish", "clownfish"],
    "spouting-whale": ["humpback", "orca", "leviathan"], "octopus": ["cephalopod"], "crab": ["crustacean"],
    "deer": ["stag", "doe", "fawn", "elk", "reindeer"], "elephant": ["pachyderm", "mammoth"],
    "lion": ["lioness", "big cat"], "tiger": ["tigress"], "monkey": ["chimp", "chimpanzee", "baboon"],
    "penguin": ["emperor penguin"], "chicken": ["rooster", "cockerel", "hen"], "parrot": ["macaw", "cockatoo",
    "parakeet"],
    "bat": ["fruit bat"], "dragon": ["wyvern", "drake"], "unicorn": ["winged horse"],
    "deciduous-tree": ["elm", "birch", "beech", "sycamore", "willow", "chestnut tree"],
    "evergreen-tree": ["conifer", "cedar", "hemlock", "larch", "fir tree"], "palm-tree": ["coconut palm", "date palm"],
    "cactus": ["saguaro", "prickly pear"], "blossom": ["bloom", "wildflower", "posy"], "rose": ["briar rose"],
    "sunflower": ["helianthus"], "tulip": ["tulip bloom"], "mushroom": ["toadstool", "fungus"],
    "red-apple": ["apple", "crab apple"], "pear": ["bartlett pear"], "grapes": ["grape cluster", "vine fruit"],
    "lemon": ["citron"], "tangerine": ["mandarin", "clementine", "satsuma"], "cherries": ["cherry"],
    "strawberry": ["berry"], "watermelon": ["melon"], "bread": ["loaf", "baguette", "brioche"],
    "shortcake": ["gateau", "sponge cake", "layer cake"], "doughnut": ["cruller"], "hot-beverage": ["mug of cocoa",
    "latte"],
    "teapot": ["kettle"], "wine-glass": ["goblet", "chalice"], "house": ["dwelling", "homestead", "bungalow", "villa"],
    "hut": ["shack", "shanty", "shed", "chalet"], "castle": ["citadel", "fortress", "keep", "stronghold"],
    "church": ["chapel", "abbey", "basilica"], "office-building": ["tower block", "high-rise"],
    "tent": ["teepee", "wigwam", "yurt", "pavilion"], "lighthouse": ["beacon tower", "pharos"],
    "windmill": ["mill"], "bridge": ["viaduct", "footbridge", "span"], "bench": ["pew", "settee"],
    "table": ["trestle", "workbench", "sideboard"], "sofa": ["divan", "chesterfield", "loveseat"],
    "bowl": ["basin", "tureen"], "plate": ["dish", "saucer", "charger plate"], "hot_air_balloon": ["aerostat"],
    "sailboat": ["sloop", "schooner", "dinghy", "ketch"], "ship": ["galleon", "freighter", "steamer", "frigate"],
    "canoe": ["skiff", "punt", "pirogue"], "automobile": ["sedan", "coupe", "motorcar", "hatchback"],
    "bicycle": ["velocipede", "tandem"], "airplane": ["airliner", "biplane", "aircraft"], "rocket": ["spacecraft",
    "starship"],
    "locomotive": ["steam engine", "express train"], "umbrella": ["parasol", "brolly"], "candle": ["taper", "votive"],
    "crown": ["diadem", "tiara", "coronet"], "gem-stone": ["gemstone", "crystal", "sapphire stone"],
    "closed-book": ["tome", "volume", "ledger"], "guitar": ["lute", "ukulele"], "violin": ["fiddle", "viola"],
    "light-bulb": ["lightbulb", "lamp bulb"], "mantelpiece-clock": ["timepiece", "carriage clock"],
    "crescent-moon": ["crescent"], "sun": ["sunburst"], "star": ["starburst"], "cloud": ["cumulus"],
    "snowman": ["snow figure"], "astronaut": ["cosmonaut", "spaceman"],
    "ringed-planet": ["gas giant"], "rock": ["pebble", "stone", "crag"], "fire": ["bonfire", "blaze", "inferno"],
    "anchor": ["ship's anchor"], "mermaid": ["siren"], "fairy": ["sprite", "pixie"],
}
GARMENT_WORDS = {
    "coat": ["frock coat", "mackintosh", "duster", "greatcoat", "topcoat", "trenchcoat"],
    "jacket": ["jerkin", "spencer", "varsity jacket", "smoking jacket"], "shirt": ["button-down", "oxford shirt"],
    "tshirt": ["crewneck", "singlet"], "sweater": ["jersey", "guernsey", "fair isle sweater"],
    "vest": ["gilet", "bodice"], "pants": ["breeches", "culottes", "flares", "jodhpurs"], "shorts": ["bermudas"],
    "dress": ["frock", "sheath", "caftan", "shift"], "skirt": ["sarong", "dirndl", "miniskirt"],
    "scarf": ["muffler", "cravat", "bandana"], "hat": ["stetson", "panama", "bowler", "trilby", "sombrero"],
    "beanie": ["toque", "watch cap"], "cap": ["baseball cap", "flat cap"], "boots": ["wellingtons", "galoshes",
    "brogans"],
    "shoes": ["moccasins", "brogues", "oxfords", "espadrilles", "clogs"], "heels": ["stilettos", "court shoes"],
    "gloves": ["gauntlets", "mitts"], "socks": ["stockings", "hosiery"], "bag": ["reticule", "knapsack", "rucksack"],
    "belt": ["sash", "girdle"], "tie": ["ascot"], "overalls": ["boilersuit", "coveralls"],
}
SHAPE_WORDS = {
    "circle": ["roundel", "discs"], "ring": ["annulus", "hoop", "loop"], "ellipse": ["ovoid", "egg shape"],
    "sphere": ["globe", "spheroid", "marble"], "square": ["quadrate"], "rectangle": ["oblong", "slab"],
    "triangle": ["wedge", "trigon"], "diamond": ["rhomboid"], "star": ["pentagram"], "crescent": ["sickle shape"],
    "hexagon": ["honeycomb cell"], "spiral": ["helix", "coil", "vortex"], "wave": ["ripple", "undulation"],
    "zigzag": ["chevron", "sawtooth"], "line": ["streak", "stroke"], "cube": ["cuboid"], "cone": ["funnel shape"],
    "cylinder": ["column", "pillar"], "stripe": ["streamer"], "heart": ["love heart"], "arc": ["arch", "bow shape"],
}
SETTING_WORDS = {
    "forest": ["thicket", "copse", "wildwood", "spinney"], "jungle": ["tropical forest", "bush"],
    "beach": ["strand", "sandbar", "cove"], "desert": ["badlands", "wasteland", "salt flat"],
    "mountain": ["massif", "sierra", "highlands", "crags"], "cliff": ["bluff", "escarpment", "precipice"],
    "canyon": ["gorge", "ravine", "gulch"], "hills": ["downs", "moor", "heath", "foothills", "knoll"],
    "meadow": ["glade", "clearing", "paddock", "lea"], "plain": ["veld", "pampas", "flatlands"],
    "ocean": ["high seas", "open water", "gulf", "sound"], "lake": ["loch", "tarn", "mere", "bayou", "fen"],
    "river": ["brook", "rivulet", "canal", "estuary"], "waterfall": ["cascade", "cataract", "falls"],
    "city": ["cityscape", "boulevard", "plaza", "urban sprawl"], "village": ["hamlet", "township"],
    "island": ["atoll", "isle", "islet"], "snowfield": ["ice field", "ice sheet", "polar wastes"],
    "volcano": ["crater", "caldera"], "space": ["outer space", "the void", "starfield"],
    "road": ["avenue", "alley", "dirt track"], "cave": ["grotto", "cavern"], "underwater": ["sea floor", "the deep"],
}
TIME_WORDS = {
    "dawn": ["first light", "crack of dawn", "daybreak"], "sunrise": ["sunup"], "morning": ["early morning",
    "forenoon"],
    "midday": ["high noon", "broad daylight", "noontime"], "afternoon": ["late afternoon", "mid-afternoon"],
    "sunset": ["golden hour", "sundown", "eventide"], "dusk": ["gloaming", "nightfall", "twilight"],
    "night": ["the dead of night", "after dark", "the small hours"],
}
# weather: adjectives (before a noun) and phrases (after it)
WEATHER_ADJECTIVES = {
    "cloudy": ["cloudy", "overcast", "grey-clouded"], "rain": ["rainy", "rain-soaked", "drizzly"],
    "storm": ["stormy", "tempestuous", "thundery"], "snow": ["snowbound", "blizzard-swept"],
    "fog": ["misty", "foggy", "hazy", "murky", "mist-shrouded"], "wind": ["windy", "windswept", "blustery", "gusty"],
}
WEATHER_PHRASES = {
    "cloudy": ["under heavy clouds", "beneath an overcast sky"], "rain": ["in the rain", "during a downpour",
    "in drizzle"],
    "storm": ["during a thunderstorm", "in a tempest", "as lightning strikes"], "snow": ["in falling snow",
    "during a snowfall", "in a flurry of snow"],
    "fog": ["in thick fog", "wrapped in mist", "in a haze"], "wind": ["in a strong wind", "in a gale"],
    "rainbow": ["under a rainbow", "with a rainbow overhead"], "clear": ["under clear skies"],
}
COVER_WORDS = {
    "snow": ["snowy", "snow-covered", "frosty", "icy", "frozen", "snowcapped"], "sand": ["sandy", "dune-strewn"],
    "grass": ["grassy", "verdant", "grass-covered"], "rock": ["rocky", "stony", "craggy", "boulder-strewn"],
    "lava": ["volcanic", "lava-streaked"], "mud": ["muddy", "boggy", "miry"], "flowers": ["flowering", "blooming",
    "flower-strewn"],
}
CELESTIAL_PHRASES = {
    "sun": ["under a blazing sun", "with the sun overhead", "beneath a glowing sun"],
    "moon": ["under a full moon", "by moonlight", "beneath a pale moon"],
    "stars": ["under the stars", "beneath a starry sky", "under a sky full of stars"],
}
MATERIAL_WORDS = {
    "wool": ["gabardine", "merino", "alpaca"], "knit": ["crocheted", "cable-knit"], "cotton": ["jersey", "muslin",
    "calico", "poplin"],
    "denim": ["chambray"], "leather": ["calfskin", "nubuck", "patent leather", "lambskin"], "silk": ["taffeta",
    "charmeuse", "crepe"],
    "velvet": ["chenille", "velveteen"], "corduroy": ["needlecord"], "fur": ["shearling", "mink"],
    "straw": ["raffia", "bamboo"],
    "metal": ["aluminium", "tin", "pewter-metal"], "wood": ["oak", "timber", "pine-wood"], "glass": ["stained glass"],
    "stone": ["granite", "slate stone", "sandstone"], "ceramic": ["terracotta clay", "stoneware", "earthenware"],
    "paper": ["cardboard", "origami"], "plastic": ["acrylic", "vinyl"], "gold": ["gilt", "gold-leaf"],
}
PATTERN_WORDS = {
    "checkered": ["windowpane-check", "chequered", "buffalo-check"], "plaid": ["madras"],
    "striped": ["candy-striped", "banded", "pinstriped"],
    "dotted": ["speckled", "polka-dot", "freckled"], "floral": ["flower-print", "botanical"],
    "zigzag": ["chevron-patterned"],
    "diamond": ["harlequin", "argyle"], "camo": ["camouflaged"], "ribbed": ["cable-ribbed"],
}
ARRANGEMENT_PHRASES = {
    "grid": ["in a grid", "arranged in rows", "in a checkerboard layout", "tiled edge to edge"],
    "spiral": ["in a spiral", "spiralling inward", "swirling in a vortex"], "concentric": ["nested concentrically",
    "in concentric rings"],
    "radial": ["radiating from the centre", "fanning out like spokes"], "scattered": ["scattered about",
    "strewn at random", "drifting loosely"],
    "layered": ["stacked in layers", "overlapping one another"], "interwoven": ["interlocking", "intertwined",
    "braided together"],
    "ring": ["in a circle", "forming a ring", "arranged in a wreath"], "row": ["in a row", "lined up", "side by side"],
    "diagonal": ["along a diagonal", "cascading diagonally"],
}
# relation kind -> phrases between two subjects (or a subject and the setting)
RELATION_PHRASES = {
    "on": ["on", "atop", "perched on", "resting on", "sitting on"], "under": ["under", "beneath", "tucked beneath"],
    "over": ["above", "over", "hovering over"], "beside": ["beside", "next to", "alongside", "nestled beside"],
    "behind": ["behind", "peeking from behind"], "in_front": ["in front of"], "inside": ["inside", "within"],
    "among": ["among", "amid"], "overlooking": ["overlooking", "looking out over"],
}
SETTING_RELATIONS = {"in": ["in", "deep in", "within"], "on": ["on", "upon"], "beside": ["beside", "by"],
                     "overlooking": ["overlooking"], "over": ["over", "high above"]}
NUMBER_WORDS = {2: ["two", "a pair of", "twin"], 3: ["three", "a trio of"], 4: ["four", "several"], 5: ["five"],
                6: ["six", "half a dozen"], 7: ["seven", "many"], 8: ["eight", "numerous"], 9: ["nine"],
                10: ["ten"], 12: ["twelve", "a dozen"]}
# CSS names descriptions use as they are; other CSS names joined from parts ("darkslateblue") are left out
PLAIN_CSS = {"red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "gray", "grey",
             "teal", "navy", "maroon", "olive", "lime", "aqua", "cyan", "magenta", "fuchsia", "silver", "gold",
             "beige", "ivory", "khaki", "coral", "salmon", "crimson", "indigo", "violet", "orchid", "plum", "tan",
             "turquoise", "lavender", "chocolate", "tomato", "wheat", "linen", "azure", "sienna", "thistle",
             "chartreuse", "goldenrod", "aquamarine"}
COMPOUND_PARTS = ("blue", "green", "pink", "red", "gray", "grey", "yellow", "orange", "black", "white", "brown",
                  "purple", "rose", "gold", "wood", "smoke", "lace", "puff")
CSS_ONLY = {"gainsboro", "peru", "bisque", "moccasin", "cornsilk", "honeydew", "seashell", "snow", "linen"}
PAIRED = {"pants", "trousers", "jeans", "shorts", "culottes", "breeches", "jodhpurs", "flares", "bermudas",
          "boots", "shoes", "heels", "gloves", "socks", "overalls", "wellingtons", "galoshes", "brogans", "moccasins",
          "brogues", "oxfords", "espadrilles", "clogs", "stilettos", "mitts", "gauntlets", "stockings", "sneakers",
          "sandals", "slippers", "trainers", "pumps", "mittens", "leggings", "joggers", "slacks", "chinos",
          "dungarees", "capris", "sweatpants", "loafers", "coveralls"}
# times said as adjectives are kept out of time phrases ("at sunny" is not English)
TIME_ADJECTIVES = {"midday": {"sunny", "day", "daytime"}, "night": {"starlit", "starry", "moonlit", "nocturnal",
    "stars",
                                                                    "moon", "moonlight"}}
DAY_PARTS = {"morning", "afternoon", "evening", "early morning", "late afternoon", "mid-afternoon", "forenoon",
             "gloaming", "twilight", "dead of night"}
NO_COVER = {"sky", "space", "underwater", "ocean", "lake", "river", "waterfall", "city"}
FABRICS = {"wool", "knit", "cotton", "denim", "leather", "silk", "velvet", "corduroy", "fur", "lace", "sequin", "nylon",
           "straw"}
FRAMES = ("an illustration of", "a flat drawing of", "a simple picture of", "a minimalist scene with", "a view of")
# fmt: on
