"""Acceptance of normalised targets, and how a build counts what it rejects."""
from __future__ import annotations

from dataset_build.build import to_row
from dataset_build.quality import assess
from dataset_build.targets import RawPair
from dataset_build.tokens import TokenCounter

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256">'
SCENE = HEAD + '<rect width="256" height="256" fill="#87ceeb"/><circle cx="128" cy="128" r="60" fill="#ffcc00"/></svg>'


def test_a_drawing_is_accepted_and_its_own_reference_matches():
    assert assess(SCENE) == ""
    assert assess(SCENE, reference=SCENE) == ""


def test_rejections_say_why():
    blank = HEAD + '<rect width="256" height="256" fill="#ffffff"/></svg>'
    assert assess(blank) == "near-blank render"
    assert assess(SCENE, max_bytes=50).startswith("too large")
    assert assess(SCENE.replace("<circle", "<text>hi</text><circle")).startswith("invalid")
    other = HEAD + '<rect width="256" height="256" fill="#202020"/><circle cx="20" cy="20" r="9" fill="#f00"/></svg>'
    assert assess(SCENE, reference=other).startswith("unfaithful")


def test_to_row_records_bytes_tokens_and_rejection_kinds(make_config, tmp_path, monkeypatch):
    monkeypatch.setenv("SVGLLM_CACHE", str(tmp_path))
    config = make_config()
    counter = TokenCounter(allow_gguf=False)
    row, reason = to_row(RawPair("a sun in a blue sky", "sky_weather", "composer", SCENE), config, counter)
    assert reason == "" and row["bytes"] == len(row["svg"].encode()) and row["tokens"] == counter.count(row["svg"])
    assert row["source"] == "composer" and row["category"] == "sky_weather"
    _, reason = to_row(RawPair("nothing", "objects", "composer", "<svg><g/></svg>"), config, counter)
    assert reason.startswith("normalize: nothing drawable")
    _, reason = to_row(RawPair("white", "objects", "composer", HEAD + '<rect width="256" height="256" '
                                 'fill="#fff"/></svg>'), config, counter)
    assert reason == "near-blank render"
