"""The LLM backend: a causal LM (GGUF file, HF folder or Kaggle handle, plus LoRA) writes the SVG.

Configure it through `ModelConfig`::

    ModelConfig(backends=("llm", "composer", "palette"),
                llm_model="pypi:gemma3-270m",            # or an HF folder, a .gguf file, owner/model/fw/variation
                llm_adapter=None,                        # or a peft LoRA folder / Kaggle handle
                extra={"llm": {"num_candidates": 1, "quantize": "none"}})   # see options.LLMOptions

Submodules: `sources` (where weights come from, GGUF conversion cache), `loading` (device/dtype/4-bit, adapter),
`tokens` (token -> text table), `grammar` (the SVG prefix language), `constrained` (the logits processor),
`stopping`, `finish`, `candidates` (scorers), `options`, `backend`. Importing this package loads nothing heavy:
torch and transformers are imported on first use; call `LLMBackend.load()` at start-up to pay the load early.
"""
from .backend import Generation, GenerationResult, LLMBackend
from .sources import hf_folder

__all__ = ["LLMBackend", "Generation", "GenerationResult", "hf_folder"]
