"""The CPU proxy scorer: ranks on-topic drawings above off-topic ones and blank or text-like ones lower."""
import pytest
from svgllm.metric.proxy import ProxyScorer, expected_colors

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'


def svg(body):
    return HEAD + body + "</svg>"


TEAL_WOODLAND = svg('<rect width="384" height="384" fill="#2a3550"/>'
                    + "".join(f'<polygon points="{x},310 {x + 25},120 {x + 50},310" fill="#008080"/>'
                              for x in range(0, 384, 45))
                    + '<rect y="310" width="384" height="74" fill="#1f2a2a"/>')
YELLOW_DESERT = svg('<rect width="384" height="384" fill="#87ceeb"/><rect y="220" width="384" height="164" '
                    'fill="#e3c07b"/><circle cx="300" cy="80" r="40" fill="#ffd700"/>')
LAKE_CABIN = svg('<rect width="384" height="384" fill="#d8dde3"/>'
                 '<rect y="230" width="384" height="154" fill="#2f6fb0"/>'
                 '<rect y="300" width="384" height="30" fill="#5a9bd5"/>'
                 '<rect x="130" y="150" width="110" height="80" fill="#f81414"/>'
                 '<polygon points="120,150 185,100 250,150" fill="#5d3a1a"/>')
GREEN_FIELD = svg('<rect width="384" height="384" fill="#f5f5dc"/><rect y="200" width="384" height="184" '
                  'fill="#4caf50"/><circle cx="190" cy="120" r="50" fill="#8b4513"/>')
BLANK = svg('<rect width="384" height="384" fill="#ffffff"/>')


@pytest.mark.parametrize("description, on_topic, off_topic", [
    ("a teal spruce woodland at twilight", TEAL_WOODLAND, YELLOW_DESERT),
    ("a red cabin overlooking a misty lake", LAKE_CABIN, GREEN_FIELD),
    ("golden sand dunes under a blue sky", YELLOW_DESERT, TEAL_WOODLAND),
])
def test_on_topic_ranks_above_off_topic(description, on_topic, off_topic):
    scorer = ProxyScorer()
    assert scorer.score(description, on_topic) > scorer.score(description, off_topic)


def test_a_blank_canvas_ranks_below_a_drawing():
    scorer = ProxyScorer()
    parts = scorer.components("a small house", BLANK)
    assert parts["coverage"] == 0 and parts["contrast"] == 0
    assert scorer.score("a small house", BLANK) < scorer.score("a small house", GREEN_FIELD)


def test_text_like_glyphs_are_penalised():
    # rows of letter-sized dark strokes, like a line of printed text
    letters = "".join(f'<rect x="{20 + 14 * i}" y="{60 + 40 * row}" width="{4 + 3 * (i % 3)}" height="18" '
                      f'fill="#111111"/>' for row in range(5) for i in range(24))
    texted = GREEN_FIELD.replace("</svg>", letters + "</svg>")
    scorer = ProxyScorer()
    assert scorer.components("a green field", GREEN_FIELD)["glyphs"] == 1.0
    assert scorer.components("a green field", texted)["glyphs"] < 0.6
    assert scorer.score("a green field", GREEN_FIELD) > scorer.score("a green field", texted)


def test_invalid_or_unrenderable_svgs_score_zero():
    scorer = ProxyScorer()
    assert scorer.score("x", "<svg><script>alert(1)</script></svg>") == 0.0
    assert scorer.score("x", "not svg at all") == 0.0
    item_result = scorer.score_item(type("I", (), {"id": "i", "description": "x"})(), "nope")
    assert item_result.score == 0.0 and item_result.problem


def test_terms_stay_in_unit_range():
    parts = ProxyScorer().components("a teal spruce woodland at twilight", TEAL_WOODLAND)
    assert all(0.0 <= value <= 1.0 for value in parts.values())


def test_expected_colors_from_names_and_subjects():
    colors = expected_colors("a crimson boat on the oceans")
    assert colors[0] == "#dc143c"  # the named colour comes first
    assert "#1e5fa8" in colors  # "oceans" -> ocean blues
    assert expected_colors("an abstract composition") == []
