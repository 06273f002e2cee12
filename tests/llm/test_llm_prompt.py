"""The one prompt template: plain and chat forms, EOS after </svg>, the same function for training and inference."""
import pytest
from svgllm import prompt
from svgllm.rules import check, load_rules


class ChatTokenizer:
    """A tokenizer with a chat template: records what it was asked to render."""

    chat_template = "{{ messages }}"
    eos_token = "<|end|>"
    bos_token = "<s>"

    def __init__(self):
        self.calls = []

    def apply_chat_template(self, messages, tokenize, add_generation_prompt):
        self.calls.append((messages, tokenize, add_generation_prompt))
        return "<s><user>" + messages[0]["content"] + "<assistant>"


class PlainTokenizer:
    chat_template = None
    eos_token = "<eos>"
    bos_token = "<bos>"


def test_plain_prompt_carries_instruction_and_description():
    text = prompt.build_prompt("a red  barn\nat dawn")
    assert text.endswith("Description: a red barn at dawn\nSVG:\n")
    assert "viewBox 0 0 256 256" in text and "integer coordinates" in text
    assert prompt.build_prompt("a red barn at dawn", PlainTokenizer()) == text


def test_chat_template_is_used_when_present():
    tokenizer = ChatTokenizer()
    text = prompt.build_prompt("a blue fish", tokenizer)
    (messages, tokenize, generation), = tokenizer.calls
    assert messages == [{"role": "user", "content": prompt.instruction_for("a blue fish")}]
    assert tokenize is False and generation is True
    assert text.startswith("<s>") and prompt.prompt_has_bos(text, tokenizer)
    assert not prompt.prompt_has_bos(prompt.build_prompt("x"), PlainTokenizer())


def test_target_ends_with_svg_close_then_eos():
    svg = prompt.SVG_HEADER + '<rect width="256" height="256" fill="#123456"/></svg>\n'
    assert prompt.build_target(svg, "<eos>") == svg.strip() + "<eos>"
    with pytest.raises(ValueError, match="must end with"):
        prompt.build_target(svg[:-8], "<eos>")
    with pytest.raises(ValueError, match="EOS"):
        prompt.build_target(svg, None)


def test_format_example_is_the_inference_prompt_plus_target():
    for tokenizer in (PlainTokenizer(), ChatTokenizer()):
        svg = prompt.SVG_HEADER + "</svg>"
        row = prompt.format_example("a cat", svg, tokenizer)
        assert row["prompt"] == prompt.build_prompt("a cat", tokenizer)
        assert row["completion"] == svg + tokenizer.eos_token


def test_bad_description_is_a_clear_error():
    with pytest.raises(TypeError, match="description must be a str"):
        prompt.build_prompt(None)


def test_compact_format_is_on_the_allowlist():
    rules = load_rules()
    assert set(prompt.COMPACT_ELEMENTS) <= set(rules.elements)
    for attribute in prompt.COMPACT_ATTRIBUTES:
        assert any(rules.allows_attribute(e, attribute) for e in prompt.COMPACT_ELEMENTS), attribute
    assert check(prompt.SVG_HEADER + prompt.SVG_CLOSE) == ()
    assert f'viewBox="0 0 {prompt.GRID_SIZE} {prompt.GRID_SIZE}"' in prompt.SVG_HEADER
