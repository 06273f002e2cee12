"""The regex reader of plain markup (`tree.feed_plain`) builds the tree html.parser builds, and leaves everything
outside its subset to html.parser."""
import random

import pytest
from svgllm.sanitize import parse
from svgllm.sanitize.tree import _TreeBuilder, feed_plain

PLAIN = [
    "<svg viewBox='0 0 10 10'><rect x=\"1\" y='2' width = '3'/><g transform='scale(2)'><path d='M0 0L1 1'/></g></svg>",
    "<SVG><Rect X='1'/><style>.a{fill:red}</style><script>alert(1)</script><text>hi > there</text></SVG>",
    "<svg>\n  <circle\n\tcx='1'\r\n r=\"2\" fill='url(#g)' data-x=\"it's\" />\n</svg> trailing",
    "<svg><title>a title</title><foreignObject><div>x</div></foreignObject><g></g></g></svg>",
    "<svg><rect x='1' x='2'/></svg>",  # the first value wins
    "prose only",
    "",
]
NOT_PLAIN = [
    "<svg><rect fill='a&amp;b'/></svg>",  # a character reference
    "<svg><rect x=1/></svg>",  # unquoted value
    "<svg><rect hidden/></svg>",  # a name without a value
    "<svg><rect x='1'y='2'/></svg>",  # no space between attributes
    "<svg><rect x='a>b'/></svg>",  # `>` inside a value
    "<svg><style>a<b</style></svg>",  # `<` in raw text
    "<svg><style/><rect/></svg>",  # a self-closing raw-text element
    "<svg><title>a<b/></title></svg>",  # a tag in an element that newer html.parsers read as raw text
    "<svg><style>a{}</stylex></svg>",  # not its own end tag
    "<svg><style>a{}",  # raw text never closed
    "<svg><plaintext></plaintext></svg>",
    "<svg>a < b</svg>",  # a bare `<`
    "<svg><rect\fx='1'/></svg>",  # a form feed
    "<svg></ g></svg>",
    "<svg><!-- c --></svg>",
]


class _Calls:
    """Records handler calls."""

    def __init__(self):
        self.calls = []

    def handle_starttag(self, tag, attrs):
        self.calls.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.calls.append(("startend", tag, attrs))

    def handle_endtag(self, tag):
        self.calls.append(("end", tag))

    def handle_data(self, data):
        self.calls.append(("data", data))


class _HtmlParserCalls(_TreeBuilder):
    """html.parser's own calls for the same text (data merged, as the builder only concatenates it)."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def handle_starttag(self, tag, attrs):
        self.calls.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.calls.append(("startend", tag, attrs))

    def handle_endtag(self, tag):
        self.calls.append(("end", tag))

    def handle_data(self, data):
        self.calls.append(("data", data))


def _html_parser_calls(text: str) -> list:
    parser = _HtmlParserCalls()
    parser.feed(text)
    parser.close()
    merged = []
    for call in parser.calls:
        if call[0] == "data" and merged and merged[-1][0] == "data":
            merged[-1] = ("data", merged[-1][1] + call[1])
        else:
            merged.append(call)
    return merged


def _slow_tree(text: str):
    """The tree html.parser's reading builds (its rare complaints cost the rest of the text, as in `parse`)."""
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except AssertionError:
        pass
    return builder.root


@pytest.mark.parametrize("text", PLAIN)
def test_plain_markup_gives_html_parsers_calls(text):
    calls = _Calls()
    assert feed_plain(text, calls)
    assert calls.calls == _html_parser_calls(text)
    assert parse(text) == _slow_tree(text)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_is_left_to_html_parser(text):
    assert not feed_plain(text, _Calls())
    assert parse(text) == _slow_tree(text)


def test_perturbed_markup_is_read_alike_or_left_to_html_parser():
    rng = random.Random(0)
    pieces = ["'", '"', " ", "=", "/", ">", "<", "\n", "\f", "x", "</style>", "<style>", "<title>", "</title>", "&",
              "\u00a0", "<b", "</", "<!-- -->", "<![CDATA[", "<?x?>", "\t"]
    read_plainly = 0
    for _ in range(3000):
        text = rng.choice(PLAIN)
        for _ in range(rng.randint(1, 3)):
            position = rng.randrange(len(text) + 1)
            text = text[:position] + rng.choice(pieces) + text[position:]
        calls = _Calls()
        if feed_plain(text, calls):
            read_plainly += 1
            assert calls.calls == _html_parser_calls(text), text
        assert parse(text) == _slow_tree(text), text
    assert 300 < read_plainly < 2700  # both ways were taken
