"""Word lists the composer's parser reads descriptions with: settings, times, weather, shapes, garments, ...

Plain data, one concern per table. Keys are lower-case words (mostly singular: the parser looks words up
as written and through `singular()`); values are the one name the drawing code knows for the thing.
"""

from __future__ import annotations

# fmt: off
# (tables stay packed: one entry per line would make this file four times longer)

# setting word -> terrain the landscape painter knows
SETTINGS = {
    "forest": "forest", "woods": "forest", "woodland": "forest", "jungle": "jungle", "rainforest": "jungle",
    "grove": "forest", "taiga": "forest", "pine": "forest", "beach": "beach", "shore": "beach", "coast": "beach",
    "seashore": "beach", "seaside": "beach", "bay": "beach", "coastline": "beach", "desert": "desert",
    "dune": "desert", "sahara": "desert", "oasis": "desert", "mountain": "mountain", "peak": "mountain",
    "summit": "mountain", "alp": "mountain", "range": "mountain", "ridge": "mountain", "cliff": "cliff",
    "cliffs": "cliff", "canyon": "canyon", "mesa": "canyon", "hill": "hills", "hillside": "hills", "valley": "hills",
    "countryside": "hills", "meadow": "meadow", "field": "meadow", "prairie": "plain", "plain": "plain",
    "savanna": "plain", "steppe": "plain", "grassland": "meadow", "tundra": "plain", "farm": "meadow",
    "garden": "meadow", "park": "meadow", "orchard": "meadow", "vineyard": "meadow", "pasture": "meadow",
    "ranch": "meadow", "ocean": "ocean", "sea": "ocean", "harbor": "ocean", "harbour": "ocean", "lake": "lake",
    "lagoon": "lake", "pond": "lake", "pool": "lake", "reservoir": "lake", "marsh": "lake", "swamp": "lake",
    "river": "river", "stream": "river", "creek": "river", "waterfall": "waterfall", "city": "city", "skyline": "city",
    "town": "city", "downtown": "city", "street": "city", "metropolis": "city", "village": "village",
    "island": "island", "glacier": "snowfield", "iceberg": "snowfield", "volcano": "volcano", "space": "space",
    "galaxy": "space", "cosmos": "space", "universe": "space", "nebula": "space", "sky": "sky", "horizon": "plain",
    "landscape": "hills", "yard": "meadow", "backyard": "meadow", "lawn": "meadow", "playground": "meadow",
    "road": "road", "highway": "road", "lane": "road", "path": "road", "trail": "road", "cave": "cave",
    "underwater": "underwater", "reef": "underwater", "seabed": "underwater",
}
# terrains that are bodies of water (they take the colour of "a turquoise marsh")
WATER = {"ocean", "lake", "river", "underwater", "waterfall"}

TIMES = {
    "dawn": "dawn", "daybreak": "dawn", "sunrise": "sunrise", "morning": "morning", "noon": "midday",
    "midday": "midday", "daytime": "midday", "day": "midday", "afternoon": "afternoon", "sunny": "midday",
    "sunset": "sunset", "sundown": "sunset", "dusk": "dusk", "twilight": "dusk", "evening": "dusk", "night": "night",
    "nighttime": "night", "midnight": "night", "starlit": "night", "starry": "night", "moonlit": "night",
    "nocturnal": "night", "stars": "night", "moon": "night", "moonlight": "night", "golden": None,
    "nightfall": "night",
}
# several-word times, read from the whole text before the phrases ("the end of the day" is not midday)
TIME_PHRASES = {
    "as evening falls": "dusk", "as night falls": "night", "crack of dawn": "dawn", "break of day": "dawn",
    "end of the day": "dusk", "after dark": "night", "dead of night": "night", "late afternoon": "afternoon",
    "before dawn": "dawn",
}
WEATHER = {
    "cloudy": "cloudy", "cloud": "cloudy", "clouds": "cloudy", "overcast": "cloudy", "clouded": "cloudy",
    "rain": "rain", "rainy": "rain", "raining": "rain", "drizzle": "rain", "shower": "rain", "storm": "storm",
    "stormy": "storm", "thunder": "storm", "thunderstorm": "storm", "lightning": "storm", "snowing": "snow",
    "snowfall": "snow", "blizzard": "snow", "snowflakes": "snow", "fog": "fog", "foggy": "fog", "mist": "fog",
    "misty": "fog", "haze": "fog", "hazy": "fog", "windy": "wind", "breezy": "wind", "rainbow": "rainbow",
    "clear": "clear", "drizzly": "rain", "drizzling": "rain", "thundery": "storm", "gusty": "wind",
    "sunless": "cloudy", "gloomy": "cloudy", "cloudless": "clear",
}
# ground cover adjectives ("frozen tundra", "frosty summits", "sandy beach")
COVERS = {
    "snowy": "snow", "snow": "snow", "icy": "snow", "frozen": "snow", "frosty": "snow", "wintry": "snow",
    "sandy": "sand", "sand": "sand", "grassy": "grass", "grass": "grass", "green": None, "rocky": "rock",
    "stony": "rock", "lava": "lava", "volcanic": "lava", "muddy": "mud", "flowery": "flowers", "flowering": "flowers",
    "blooming": "flowers", "wildflower": "flowers",
}

# abstract shapes -> the shape painter's names
SHAPES = {
    "circle": "circle", "disc": "circle", "disk": "circle", "dot": "circle", "ring": "ring", "oval": "ellipse",
    "ellipse": "ellipse", "sphere": "sphere", "orb": "sphere", "ball": "sphere", "bubble": "sphere",
    "square": "square", "rectangle": "rectangle", "block": "rectangle", "bar": "rectangle", "stripe": "stripe",
    "tile": "square", "cube": "cube", "box": "cube", "triangle": "triangle", "pyramid": "pyramid",
    "trapezoid": "trapezoid", "trapezium": "trapezoid", "parallelogram": "parallelogram", "rhombus": "diamond",
    "diamond": "diamond", "lozenge": "diamond", "pentagon": "pentagon", "hexagon": "hexagon", "octagon": "octagon",
    "polygon": "hexagon", "star": "star", "crescent": "crescent", "cone": "cone", "cylinder": "cylinder",
    "tube": "cylinder", "prism": "prism", "heart": "heart", "dodecahedron": "polyhedron", "icosahedron": "polyhedron",
    "octahedron": "polyhedron", "tetrahedron": "pyramid", "polyhedron": "polyhedron", "spiral": "spiral",
    "swirl": "spiral", "line": "line", "thread": "thread", "strand": "thread", "ribbon": "thread", "wave": "wave",
    "zigzag": "zigzag", "arc": "arc", "sheet": "sheet", "plane": "sheet", "panel": "sheet", "layer": "sheet",
    "shape": "mixed", "form": "mixed", "fragment": "mixed", "shard": "triangle", "cross": "cross", "arrow": "arrow",
    "grid": "grid", "lattice": "grid", "mosaic": "grid", "pattern": "mixed", "band": "stripe", "ray": "line",
}
ARRANGEMENTS = {
    "grid": "grid", "lattice": "grid", "mosaic": "grid", "checkerboard": "grid", "rows": "grid", "spiral": "spiral",
    "spiraling": "spiral", "spiralling": "spiral", "swirling": "spiral", "orbiting": "spiral",
    "concentric": "concentric", "nested": "concentric", "radiating": "radial", "radial": "radial",
    "scattered": "scattered", "floating": "scattered", "dancing": "scattered", "drifting": "scattered",
    "tumbling": "scattered", "sprinkled": "scattered", "layered": "layered", "stacked": "layered",
    "overlapping": "layered", "interwoven": "interwoven", "woven": "interwoven", "intertwined": "interwoven",
    "entwined": "interwoven", "tangled": "interwoven", "interlocking": "interwoven", "circling": "ring",
    "encircling": "ring", "surrounding": "ring", "around": "ring", "row": "row", "line": "row", "aligned": "row",
    "diagonal": "diagonal", "cascading": "diagonal", "falling": "scattered",
    # disorder: "strewn", "haphazard", "a disordered array", "higgledy-piggledy"
    "disordered": "scattered", "strewn": "scattered", "haphazard": "scattered", "haphazardly": "scattered",
    "higgledy": "scattered", "jumbled": "scattered", "untidy": "scattered", "ranks": "grid",
}

GARMENTS = {
    "coat": "coat", "overcoat": "coat", "trench": "coat", "parka": "coat", "jacket": "jacket", "blazer": "jacket",
    "cardigan": "jacket", "bomber": "jacket", "suit": "jacket", "tuxedo": "jacket", "windbreaker": "jacket",
    "shirt": "shirt", "blouse": "shirt", "tshirt": "tshirt", "t-shirt": "tshirt", "tee": "tshirt", "top": "tshirt",
    "tank": "tshirt", "sweater": "sweater", "jumper": "sweater", "pullover": "sweater", "hoodie": "sweater",
    "sweatshirt": "sweater", "turtleneck": "sweater", "vest": "vest", "waistcoat": "vest", "pants": "pants",
    "trousers": "pants", "jeans": "pants", "slacks": "pants", "chinos": "pants", "leggings": "pants",
    "joggers": "pants", "shorts": "shorts", "overalls": "overalls", "dungarees": "overalls", "jumpsuit": "overalls",
    "romper": "overalls", "dress": "dress", "gown": "dress", "sundress": "dress", "skirt": "skirt", "kilt": "skirt",
    "tutu": "skirt",
    "scarf": "scarf", "shawl": "scarf", "stole": "scarf", "hat": "hat", "fedora": "hat", "beanie": "beanie",
    "cap": "cap", "beret": "beanie", "bonnet": "hat", "sunhat": "hat", "boot": "boots", "boots": "boots",
    "shoe": "shoes", "shoes": "shoes", "sneaker": "shoes", "sneakers": "shoes", "loafer": "shoes", "heels": "heels",
    "sandal": "shoes", "glove": "gloves", "gloves": "gloves", "mittens": "gloves", "sock": "socks", "socks": "socks",
    "tie": "tie", "necktie": "tie", "bowtie": "tie", "handbag": "bag", "bag": "bag", "purse": "bag",
    "backpack": "bag", "tote": "bag", "clutch": "bag", "satchel": "bag", "belt": "belt", "kimono": "dress",
    "raincoat": "coat", "anorak": "jacket", "peacoat": "coat", "puffer": "jacket", "tunic": "shirt", "polo": "tshirt",
    "camisole": "tshirt", "sweatpants": "pants", "capris": "pants", "pumps": "heels", "stilettos": "heels",
    "slippers": "shoes", "sandals": "shoes", "trainers": "shoes", "mitten": "gloves", "robe": "coat",
    "poncho": "coat", "cape": "coat", "cloak": "coat", "apron": "dress", "uniform": "jacket",
}
# garment parts and trims that "with ..." attaches to a garment
# parts of a creature or thing: "a snowman with a carrot nose" does not draw a second subject for the nose
OBJECT_PARTS = {
    "nose", "eye", "eyes", "ear", "ears", "tail", "mouth", "beak", "wing", "wings", "feather", "feathers", "paw",
    "paws", "horn", "horns", "antler", "antlers", "mane", "whisker", "whiskers", "leg", "legs", "fin", "fins",
    "handle", "lid", "spout", "roof", "chimney", "window", "windows", "door", "doors", "wheel", "wheels", "petal",
    "petals", "stem", "smoke", "frosting", "icing", "syrup", "sprinkles", "steam", "shell", "spots", "stripes",
}
# parts whose colour is the colour of the whole ("a parrot with green feathers"); eyes or a nose are not
COVERING_PARTS = {
    "feather", "feathers", "petal", "petals", "wing", "wings", "shell", "fur", "scales", "spots", "stripes",
}
GARMENT_PARTS = {
    "collar", "pocket", "pockets", "button", "buttons", "trim", "tassel", "tassels", "fringe", "hem", "sleeve",
    "sleeves", "cuff", "cuffs", "lapel", "lapels", "hood", "zipper", "zip", "belt", "buckle", "lace", "ruffle",
    "ruffles", "embroidery", "stitching", "patch", "patches", "bow", "strap", "straps", "lining", "sequins", "beads",
    "beading", "studs", "rivets", "fur", "piping", "ribbon", "brim", "band", "toe", "heel", "laces", "pleats",
    "waistband", "drawstring", "epaulettes", "print", "stripe", "stripes", "dots", "spots",
}
MATERIALS = {
    "wool": "wool", "woolen": "wool", "woollen": "wool", "knit": "knit", "knitted": "knit", "cashmere": "wool",
    "tweed": "wool", "felt": "wool", "fleece": "wool", "mohair": "wool", "cotton": "cotton", "linen": "cotton",
    "denim": "denim", "jean": "denim", "leather": "leather", "suede": "leather", "silk": "silk", "silken": "silk",
    "satin": "silk", "chiffon": "silk", "velvet": "velvet", "velour": "velvet", "corduroy": "corduroy", "fur": "fur",
    "furry": "fur", "faux": None, "sheepskin": "fur", "lace": "lace", "sequined": "sequin", "sequin": "sequin",
    "glitter": "sequin", "nylon": "nylon", "polyester": "nylon", "canvas": "cotton", "flannel": "wool",
    "straw": "straw", "wicker": "straw", "rattan": "straw", "plush": "velvet", "tulle": "silk", "organza": "silk",
    "metal": "metal", "metallic": "metal", "steel": "metal", "iron": "metal", "chrome": "metal", "wooden": "wood",
    "wood": "wood", "glass": "glass", "crystal": "glass", "stone": "stone", "marble": "stone", "ceramic": "ceramic",
    "porcelain": "ceramic", "clay": "ceramic", "paper": "paper", "plastic": "plastic", "rubber": "plastic",
    "golden": "gold", "brass": "gold", "bronze": "bronze", "copper": "bronze", "silver": "silver",
    "translucent": "glass", "transluscent": "glass", "transparent": "glass", "sheer": "glass", "frosted": "glass",
    "iridescent": "glass", "holographic": "glass", "neon": "neon",
}
PATTERNS = {
    "checkered": "checkered", "checked": "checkered", "checkerboard": "checkered", "check": "checkered",
    "gingham": "checkered", "houndstooth": "checkered", "plaid": "plaid", "tartan": "plaid", "striped": "striped",
    "stripes": "striped", "stripy": "striped", "pinstripe": "striped", "pinstriped": "striped", "polka": "dotted",
    "dotted": "dotted", "spotted": "dotted", "dots": "dotted", "floral": "floral", "flowered": "floral",
    "paisley": "floral", "herringbone": "zigzag", "chevron": "zigzag", "zigzag": "zigzag", "argyle": "diamond",
    "camouflage": "camo", "camo": "camo", "leopard-print": "dotted", "ribbed": "ribbed", "quilted": "diamond",
    "geometric": "diamond", "embroidered": "floral", "sequined": "dotted",
}
RELATIONS = {  # single words; multi-word phrases are joined by the parser first ("next to" -> "next_to")
    "on": "on", "atop": "on", "upon": "on", "on_top_of": "on", "onto": "on", "under": "under", "beneath": "under",
    "below": "under", "underneath": "under", "over": "over", "above": "over", "overlooking": "overlooking",
    "beside": "beside", "next_to": "beside", "near": "beside", "by": "beside", "alongside": "beside",
    "around": "around", "surrounding": "around", "encircling": "around", "circling": "around", "orbiting": "around",
    "in_front_of": "in_front", "before": "in_front", "behind": "behind", "inside": "inside", "within": "inside",
    "in": "in", "into": "inside", "among": "among", "amid": "among", "amidst": "among", "between": "between",
    "across": "on", "against": "behind", "through": "in", "crossing": "on", "at": "at", "along": "beside",
    "facing": "beside", "with": "with", "holding": "with", "carrying": "with", "wearing": "with", "of": "of",
    "from": "of", "surrounded_by": "surrounded", "floating_above": "over", "reflected_in": "on", "layered_on": "on",
    "interwoven_with": "interwoven", "spiraling_around": "around", "perched_on": "on", "sitting_on": "on",
    "resting_on": "on", "standing_on": "on", "lying_on": "on", "under_a": "under",
}
# several-word names of one procedural subject, read as one word ("hot air balloons" -> "hot_air_balloons")
COMPOUND_NAMES = ("hot air balloon", "lily pad")
PHRASES = ("in front of", "on top of", "next to", "surrounded by", "floating above", "reflected in")

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "solitary": 1, "two": 2, "pair": 2, "couple": 2, "twin": 2,
    "both": 2, "three": 3, "trio": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "dozen": 12, "several": 4, "few": 3, "many": 7, "multiple": 5, "numerous": 8, "countless": 9, "some": 3,
}
# subject synonyms -> a motif name in the library (checked first, before keyword search)
MOTIF_SYNONYMS = {
    "car": "automobile", "auto": "automobile", "truck": "delivery-truck", "lorry": "articulated-lorry",
    "van": "minibus", "jeep": "sport-utility-vehicle", "suv": "sport-utility-vehicle", "bike": "bicycle",
    "cycle": "bicycle", "plane": "airplane", "aeroplane": "airplane", "jet": "airplane", "boat": "sailboat",
    "rowboat": "canoe", "canoe": "canoe", "raft": "canoe", "gondola": "canoe", "sailboat": "sailboat",
    "yacht": "sailboat", "ship": "ship", "steamboat": "ship", "kayak": "canoe", "train": "locomotive",
    "scooter": "motor-scooter", "motorbike": "motorcycle", "ufo": "flying-saucer", "spaceship": "rocket",
    "puppy": "dog", "hound": "dog", "retriever": "dog", "labrador": "dog", "terrier": "dog", "beagle": "dog",
    "husky": "dog", "corgi": "dog", "dachshund": "dog", "toad": "frog", "gecko": "lizard", "iguana": "lizard",
    "alligator": "crocodile", "hawk": "eagle", "falcon": "eagle", "pigeon": "dove", "heron": "bird",
    "stork": "bird", "pelican": "bird", "moth": "butterfly", "caterpillar": "bug", "walrus": "seal",
    "frisbee": "flying-disc", "fire-truck": "fire-engine", "fire-engine": "fire-engine", "kitten": "cat",
    "kitty": "cat", "bunny": "rabbit", "hare": "rabbit",
    "pony": "horse", "stallion": "horse", "mare": "horse", "foal": "horse", "calf": "cow", "cattle": "cow",
    "bull": "ox", "sheep": "ewe", "lamb": "ewe", "piglet": "pig", "hen": "chicken", "chick": "baby-chick",
    "duckling": "duck", "songbird": "bird", "sparrow": "bird", "robin": "bird", "crow": "black-bird",
    "raven": "black-bird", "hummingbird": "bird", "finch": "bird", "ape": "gorilla", "bee": "honeybee",
    "ladybug": "lady-beetle", "ladybird": "lady-beetle", "dinosaur": "t-rex", "goldfish": "tropical-fish",
    "koi": "tropical-fish", "salmon": "fish", "squirrel": "chipmunk", "kangaroo": "kangaroo",
    "tree": "deciduous-tree", "oak": "deciduous-tree", "maple": "deciduous-tree", "pine": "evergreen-tree",
    "fir": "evergreen-tree", "spruce": "evergreen-tree", "palm": "palm-tree", "flower": "blossom", "daisy": "blossom",
    "bloom": "blossom", "lily": "white-flower", "orchid": "hibiscus", "plant": "potted-plant",
    "houseplant": "potted-plant", "fern": "herb", "succulent": "cactus", "leaf": "maple-leaf",
    "leaves": "fallen-leaf", "clover": "four-leaf-clover", "bouquet": "bouquet", "apple": "red-apple",
    "burger": "hamburger", "fries": "french-fries", "donut": "doughnut", "cake": "shortcake", "pastry": "croissant",
    "cheese": "cheese-wedge", "noodles": "steaming-bowl", "soup": "pot-of-food", "ramen": "steaming-bowl",
    "salad": "green-salad", "coffee": "hot-beverage", "tea": "teacup-without-handle", "mug": "hot-beverage",
    "cup": "hot-beverage", "teacup": "hot-beverage", "wine": "wine-glass", "beer": "beer-mug",
    "milk": "glass-of-milk", "juice": "tropical-drink", "cocktail": "cocktail-glass", "icecream": "ice-cream",
    "sundae": "ice-cream", "corn": "ear-of-corn", "pepper": "bell-pepper", "chili": "hot-pepper",
    "meat": "cut-of-meat", "steak": "cut-of-meat", "orange": "tangerine", "kiwi": "kiwi-fruit",
    "berries": "blueberries", "berry": "strawberry", "egg": "egg", "bread": "bread", "loaf": "bread",
    "lamp": "light-bulb", "bulb": "light-bulb", "clock": "mantelpiece-clock", "phone": "mobile-phone",
    "smartphone": "mobile-phone", "computer": "laptop", "tv": "television", "book": "closed-book",
    "notebook": "notebook", "pen": "pen", "camera": "camera", "key": "old-key", "lantern": "red-paper-lantern",
    "vase": "amphora", "kettle": "teapot", "bucket": "bucket", "gift": "wrapped-gift",
    "present": "wrapped-gift", "balloon": "balloon", "kite": "kite", "guitar": "guitar", "piano": "musical-keyboard",
    "drum": "drum", "violin": "violin", "trumpet": "trumpet", "ball": "soccer-ball", "house": "house",
    "home": "house", "cottage": "house-with-garden", "cabin": "hut", "hut": "hut", "barn": "house",
    "castle": "castle", "palace": "castle", "church": "church", "cathedral": "church", "temple": "hindu-temple",
    "mosque": "mosque", "skyscraper": "office-building", "building": "office-building", "tower": "tokyo-tower",
    "factory": "factory", "school": "school", "hospital": "hospital", "tent": "tent", "bridge": "bridge-at-night",
    "fountain": "fountain", "stadium": "stadium", "windmill": "wind-face", "sun": "sun", "moon": "crescent-moon",
    "star": "star", "cloud": "cloud", "rainbow": "rainbow", "snowman": "snowman", "umbrella": "umbrella",
    "tornado": "tornado", "lightning": "high-voltage", "snowflake": "snowflake", "comet": "comet",
    "planet": "ringed-planet", "saturn": "ringed-planet", "earth": "globe-showing-europe-africa",
    "globe": "globe-showing-americas", "rock": "rock", "boulder": "rock", "fire": "fire", "flame": "fire",
    "campfire": "fire", "candle": "candle", "crown": "crown", "gem": "gem-stone", "jewel": "gem-stone",
    "ring": "ring", "necklace": "prayer-beads", "glasses": "glasses", "sunglasses": "sunglasses",
    "person": "person-standing", "man": "man", "woman": "woman", "girl": "girl", "boy": "boy", "child": "child",
    "kid": "child", "baby": "baby", "people": "busts-in-silhouette", "dancer": "ballet-dancer",
    "astronaut": "astronaut", "robot": "robot", "ghost": "ghost", "skull": "skull", "alien": "alien",
    "mermaid": "mermaid", "fairy": "fairy", "dragon": "dragon", "whale": "spouting-whale",
    "mailbox": "closed-mailbox-with-raised-flag", "chair": "chair", "bed": "bed", "door": "door", "window": "window",
    "mirror": "mirror", "anchor": "anchor", "compass": "compass", "telescope": "telescope", "bell": "bell",
    "hourglass": "hourglass-not-done", "helicopter": "helicopter", "rocket": "rocket", "tractor": "tractor",
    "bus": "bus", "taxi": "taxi", "ambulance": "ambulance", "firetruck": "fire-engine", "satellite": "satellite",
    "parachute": "parachute", "skateboard": "skateboard", "tram": "tram", "ferris": "ferris-wheel",
    "carousel": "carousel-horse", "rollercoaster": "roller-coaster",
    # category words: what stands in for "a fruit" or "a vehicle" (and for kinds of them, through word_meanings)
    "fruit": "red-apple", "vegetable": "carrot", "vehicle": "automobile", "bottle": "bottle-with-popping-cork",
}
# things that hold what is "in" them: the contents are drawn rising out of the container
CONTAINERS = {
    "vase", "basket", "pot", "jar", "bucket", "glass", "cup", "mug", "bowl", "box", "nest", "crate", "planter",
    "teapot", "bottle",
}
# subjects drawn procedurally (no emoji has them, or the emoji reads poorly large)
PROCEDURAL = {"lighthouse", "tower", "bridge", "windmill", "table", "desk", "plate", "sofa", "couch", "bench", "bowl",
              "hot_air_balloon", "lily_pad", "tray", "platter",
              "pot", "planter", "flowerpot"}

# words that never name the subject
STOP = {
    "center", "centre", "middle", "shade", "shades", "tone", "tones", "hue", "hues",
    "a", "an", "the", "and", "or", "of", "with", "its", "their", "his", "her", "is", "are", "that", "which", "very",
    "quite", "some", "made", "covered", "filled", "full", "set", "style", "styled", "shaped", "like", "featuring",
    "showing", "depicting", "image", "picture", "scene", "view", "illustration", "drawing", "art", "design",
    "abstract", "minimalist", "simple", "modern", "vintage", "classic", "elegant", "cozy", "beautiful", "tiny",
    "small", "little", "large", "big", "huge", "giant", "tall", "short", "long", "wide", "old", "new", "ancient",
    "faux", "forming", "form", "distant", "lush", "serene", "calm", "quiet", "peaceful", "vast", "majestic", "lonely",
    "bright", "soft", "gentle", "vibrant", "colorful", "colourful", "colour", "color", "colours", "colors",
}

IRREGULAR = {"cacti": "cactus", "fungi": "fungus", "mice": "mouse", "geese": "goose", "teeth": "tooth",
             "feet": "foot", "children": "child", "people": "person", "knives": "knife", "octopi": "octopus",
             "women": "woman", "men": "man", "wolves": "wolf", "oxen": "ox", "dice": "die", "leaves": "leaf",
             "fish": "fish", "sheep": "sheep", "deer": "deer", "moose": "moose"}
# fmt: on


def singular(word: str) -> str:
    """Cheap English singular that is right for the vocabulary above ("peaks" -> "peak", "boxes" -> "box")."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")) or word in GARMENTS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ves") and word[:-3] + "f" in ("leaf", "shelf", "wolf", "loaf", "calf", "scarf"):
        return word[:-3] + "f"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("oes"):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def plural(word: str) -> bool:
    """True when `word` looks plural ("pyramids", "pants" is treated as one garment)."""
    return word != singular(word) and word not in GARMENTS
