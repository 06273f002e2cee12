"""Sample descriptions, questions and SVGs for the metric tests (written for them, in train.jsonl's style)."""

ITEMS = [
    {"id": "t1", "description": "a red apple on a white table",
     "questions": [{"question": "What fruit is shown?", "choices": ["apple", "banana", "pear"],
                    "answer": "apple"},
                   {"question": "Is the apple red?", "choices": ["no", "yes"], "answer": "yes"}]},
    {"id": "t2", "description": "a blue ocean under a yellow sun",
     "questions": [{"question": "What is under the sun?", "choices": ["desert", "forest", "lake", "ocean"],
                    "answer": "ocean"}]},
]

APPLE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'
             '<rect width="384" height="384" fill="#ffffff"/>'
             '<rect y="260" width="384" height="124" fill="#c8a070"/>'
             '<circle cx="192" cy="200" r="80" fill="#d01010"/><rect x="186" y="100" width="12" height="30" '
             'fill="#5a3a10"/></svg>')
OCEAN_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'
             '<rect width="384" height="384" fill="#87ceeb"/>'
             '<rect y="200" width="384" height="184" fill="#1e5fa8"/>'
             '<circle cx="280" cy="90" r="45" fill="#ffd700"/></svg>')
