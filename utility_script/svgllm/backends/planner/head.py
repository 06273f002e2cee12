"""The planner's output projection cut down to the tokens a scene program can contain.

Gemma 3 has a 262,144-token vocabulary, and its output projection (640 x 262,144) outweighs the rest of the 270M
model: profiled on 2 CPU cores it took more than half of every decoding step. The constrained decoder can only
ever pick a token whose text occurs in some program (`program_grammar.piece_can_occur`: about 6,700 of them), so
the head projects onto those rows alone and gives every other token -inf. The scores of the kept tokens are the
same numbers as before, so greedy decoding chooses the same token whenever the full head's best fitting token was
among its top candidates (and a fitting token otherwise, where the full head fell back to single characters).
"""
from __future__ import annotations


def kept_token_ids(table, can_occur) -> list[int]:
    """The ids of `table` (an `llm.tokens.TokenTable`) whose piece `can_occur`, plus EOS and padding."""
    ids = {i for i, piece in enumerate(table.pieces) if piece and can_occur(piece)}
    ids.add(table.eos_id)
    if table.pad_id is not None:
        ids.add(table.pad_id)
    return sorted(i for i in ids if 0 <= i < table.size)


def restrict_output_head(model, token_ids: list[int]) -> int:
    """Replace `model.lm_head` (a bias-free linear layer) by one that computes only `token_ids`' logits and
    writes -inf for the rest, keeping the logits' full width; returns how many rows it keeps."""
    import torch

    head = model.lm_head
    if not isinstance(head, torch.nn.Linear) or head.bias is not None:
        raise TypeError(f"expected a bias-free torch.nn.Linear output head, got {type(head).__name__}")
    ids = torch.tensor(token_ids, dtype=torch.long, device=head.weight.device)
    weight = head.weight.detach().index_select(0, ids).clone()  # a copy: the full matrix is tied to the embeddings
    model.lm_head = _subset_head(weight, ids, head.out_features)
    return len(token_ids)


def _subset_head(weight, ids, vocab_size: int):
    """A torch module: hidden states -> full-width logits, computed for `ids` (rows of `weight`) only."""
    import torch

    class SubsetHead(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("weight", weight, persistent=False)
            self.register_buffer("ids", ids, persistent=False)
            self.out_features = vocab_size

        def forward(self, hidden):
            logits = torch.nn.functional.linear(hidden, self.weight)
            full = logits.new_full((*logits.shape[:-1], self.out_features), float("-inf"))
            return full.index_copy_(-1, self.ids, logits)

    return SubsetHead()
