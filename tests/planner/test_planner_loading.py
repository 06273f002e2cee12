"""The planner's own loader: a plain LoRA merged without peft equals peft's merge; the token table cache."""
from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
peft = pytest.importorskip("peft")

from svgllm.backends.llm.tokens import TokenTable  # noqa: E402
from svgllm.backends.planner import loading, table_cache  # noqa: E402


def tiny_model(seed: int = 0):
    """A random Gemma 3 text model of a few thousand weights (no download)."""
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    torch.manual_seed(seed)
    config = Gemma3TextConfig(vocab_size=64, hidden_size=16, intermediate_size=32, num_hidden_layers=2,
                              num_attention_heads=2, num_key_value_heads=1, head_dim=8, max_position_embeddings=64,
                              sliding_window=16, layer_types=["sliding_attention", "full_attention"])
    return Gemma3ForCausalLM(config).eval()


@pytest.fixture(scope="module")
def adapter(tmp_path_factory):
    """A LoRA adapter with random (non-zero) B weights, saved by peft."""
    from peft import LoraConfig, get_peft_model

    model = get_peft_model(tiny_model(), LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj",
                                                                                         "down_proj"]))
    torch.manual_seed(1)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(0, 0.5)
    folder = tmp_path_factory.mktemp("adapter")
    model.save_pretrained(str(folder))
    return folder


def test_direct_merge_equals_peft_merge(adapter):
    from peft import PeftModel

    config = loading.plain_lora(adapter)
    assert config is not None
    ours = tiny_model()
    assert loading.merge_lora(ours, adapter, config) == 6  # 3 modules x 2 layers
    theirs = PeftModel.from_pretrained(tiny_model(), str(adapter)).merge_and_unload()
    ids = torch.tensor([[1, 5, 9, 33, 2]])
    with torch.no_grad():
        base = tiny_model()(ids).logits
        a, b = ours(ids).logits, theirs(ids).logits
    assert not torch.allclose(a, base, atol=1e-4)  # the adapter changed something
    assert torch.allclose(a, b, atol=1e-5)


def test_adapters_merge_cannot_do_exactly_are_left_to_peft(adapter, tmp_path):
    for change in ({"use_dora": True}, {"use_rslora": True}, {"rank_pattern": {"q_proj": 2}},
                   {"modules_to_save": ["lm_head"]}, {"peft_type": "IA3"}):
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        (folder / "adapter_model.safetensors").write_bytes((adapter / "adapter_model.safetensors").read_bytes())
        config = {**json.loads((adapter / "adapter_config.json").read_text()), **change}
        (folder / "adapter_config.json").write_text(json.dumps(config))
        assert loading.plain_lora(folder) is None, change


def test_an_adapter_that_does_not_fit_leaves_the_model_untouched(adapter):
    from safetensors.torch import load_file, save_file

    tensors = load_file(str(adapter / "adapter_model.safetensors"))
    key = sorted(k for k in tensors if "lora_B" in k)[-1]
    tensors[key] = torch.zeros(tensors[key].shape[0] + 1, tensors[key].shape[1])
    folder = adapter.parent / "bad-adapter"
    folder.mkdir(exist_ok=True)
    save_file(tensors, str(folder / "adapter_model.safetensors"))
    (folder / "adapter_config.json").write_text((adapter / "adapter_config.json").read_text())
    model = tiny_model()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    with pytest.raises(ValueError, match="update"):
        loading.merge_lora(model, folder, loading.plain_lora(folder))
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_no_tokenizer_files_means_no_fast_tokenizer(tmp_path):
    assert loading.fast_tokenizer(tmp_path) is None


class PieceTokenizer:
    """The little a table builder asks of a tokenizer, over a fixed list of pieces."""

    pieces = ["<pad>", "<eos>", "a", "b", "ab", " c", "\n"]
    eos_token_id, pad_token_id, all_special_ids, added_tokens_decoder = 1, 0, [0, 1], {}

    def __len__(self):
        return len(self.pieces)

    def encode(self, text, add_special_tokens=False):
        return [self.pieces.index(text)] if text in self.pieces else [2] * len(text)

    def decode(self, ids, clean_up_tokenization_spaces=False):
        return "".join(self.pieces[i] for i in ids)

    def batch_decode(self, rows, clean_up_tokenization_spaces=False):
        return [self.decode(row) for row in rows]


def test_token_table_is_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    from svgllm.backends.llm import tokens

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "tokenizer.json").write_text('{"version": 1}')
    built = table_cache.cached_table(PieceTokenizer(), 8, folder, cache=tmp_path / "cache")
    assert built == tokens.build_table(PieceTokenizer(), 8) and built.pieces[4] == "ab" and built.size == 8

    def refuse(*args):
        raise AssertionError("built again")

    monkeypatch.setattr(tokens, "build_table", refuse)
    again = table_cache.cached_table(PieceTokenizer(), 8, folder, cache=tmp_path / "cache")
    assert again == built and isinstance(again, TokenTable)
    # another tokenizer file or logits width is another key: never a stale table
    assert table_cache.table_key(folder / "tokenizer.json", 8) != table_cache.table_key(folder / "tokenizer.json", 9)
    (folder / "tokenizer.json").write_text('{"version": 2}')
    with pytest.raises(AssertionError, match="built again"):
        table_cache.cached_table(PieceTokenizer(), 8, folder, cache=tmp_path / "cache")


def test_a_torn_cache_file_is_rebuilt(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "tokenizer.json").write_text("{}")
    key = table_cache.table_key(folder / "tokenizer.json", None, "PieceTokenizer")
    path = tmp_path / "cache" / table_cache.FOLDER / f"{key}.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"pieces": [')
    table = table_cache.cached_table(PieceTokenizer(), None, folder, cache=tmp_path / "cache")
    assert table.pieces[2] == "a" and json.loads(path.read_text())["pieces"][2] == "a"
