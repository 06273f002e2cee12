"""Loss over the target vocabulary only: for short, formal targets (scene programs) on a CPU.

Gemma 3's output layer has 262,144 rows; for a 270M model it costs more than the whole transformer body per
token, and the full logits of a batch take gigabytes. A planner's completions use a few thousand distinct tokens,
and at inference a grammar allows only those anyway, so the loss can be the cross-entropy over that
sub-vocabulary, computed at the completion positions only: the same head rows, normalised over the tokens that
can occur. Greedy choices among the allowed tokens are unchanged by the normalisation, which is what the
constrained decoder relies on. Turned on by the recipe key `training.loss_vocabulary: targets`.
"""
from __future__ import annotations


def target_token_ids(tokenizer, texts, extra: str = "") -> list[int]:
    """Sorted ids of every token in `texts` (tokenised as completions are), `extra`, EOS and one-character tokens."""
    ids: set[int] = {tokenizer.eos_token_id}
    for text in list(texts) + [extra]:
        ids.update(tokenizer(text, add_special_tokens=False)["input_ids"])
    for code in list(range(32, 127)) + [10]:
        piece = tokenizer(chr(code), add_special_tokens=False)["input_ids"]
        if len(piece) == 1:
            ids.update(piece)
    return sorted(ids)


def subvocab_loss(model, inputs, token_ids, num_items_in_batch=None):
    """Mean cross-entropy of the labelled positions over `token_ids` (a LongTensor of vocabulary ids).

    `model` is the peft-wrapped causal LM; its decoder runs with the LoRA layers, the (untouched, tied) output
    rows of `token_ids` give the logits. Labels outside `token_ids` are ignored.
    """
    import torch
    import torch.nn.functional as F

    causal = model.get_base_model() if hasattr(model, "get_base_model") else model
    hidden = causal.model(input_ids=inputs["input_ids"], attention_mask=inputs.get("attention_mask")).last_hidden_state
    labels = inputs["labels"][:, 1:]
    positions = labels != -100
    states = hidden[:, :-1][positions]
    token_ids = token_ids.to(states.device)
    remap = torch.full((causal.config.vocab_size,), -100, dtype=torch.long, device=states.device)
    remap[token_ids] = torch.arange(len(token_ids), device=states.device)
    targets = remap[labels[positions]]
    logits = states @ causal.get_output_embeddings().weight[token_ids].T
    cap = getattr(causal.config, "final_logit_softcapping", None)
    if cap:
        logits = torch.tanh(logits / cap) * cap
    total = F.cross_entropy(logits.float(), targets, ignore_index=-100, reduction="sum")
    count = num_items_in_batch if num_items_in_batch is not None else (targets != -100).sum()
    return total / torch.clamp(torch.as_tensor(count, device=total.device, dtype=total.dtype), min=1)
