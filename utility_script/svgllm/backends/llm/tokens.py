"""The text each token id appends to the output, for tokenizers of any family (SentencePiece, byte-level BPE).

A token's piece is found by decoding it after a fixed anchor token and removing the anchor's text, so leading
spaces survive (decoding a lone SentencePiece token may drop them). Special tokens, partial UTF-8 bytes and
anything that is not printable ASCII (or a newline) get None: the SVG grammar is ASCII, so such tokens are never
allowed. Built once per tokenizer (~1 s for a 262k vocabulary).
"""
from __future__ import annotations

from dataclasses import dataclass, field

_ANCHOR_TEXT = "a"
_ALLOWED = frozenset(chr(c) for c in range(32, 127)) | {"\n"}


@dataclass
class TokenTable:
    """`pieces[i]` is the ASCII text of token i, or None when the token may never appear in an SVG."""

    pieces: list
    eos_id: int
    pad_id: int | None
    single: dict = field(default_factory=dict)  # character -> id of a token that is exactly that character

    @property
    def size(self) -> int:
        """Number of token ids covered."""
        return len(self.pieces)

    def text(self, ids) -> str:
        """Concatenated pieces of `ids` (None pieces, e.g. EOS or padding, add nothing)."""
        return "".join(self.pieces[i] or "" for i in ids if 0 <= i < len(self.pieces))


def build_table(tokenizer, vocab_size: int | None = None) -> TokenTable:
    """Build the table for `tokenizer`; `vocab_size` (the model's logits width) may exceed len(tokenizer)."""
    size = max(len(tokenizer), vocab_size or 0)
    anchor_ids = tokenizer.encode(_ANCHOR_TEXT, add_special_tokens=False)
    if len(anchor_ids) != 1:
        raise ValueError(f"the tokenizer splits the anchor {_ANCHOR_TEXT!r} into {len(anchor_ids)} tokens")
    anchor = anchor_ids[0]
    anchor_text = tokenizer.decode([anchor], clean_up_tokenization_spaces=False)
    known = len(tokenizer)
    decoded = tokenizer.batch_decode([[anchor, i] for i in range(known)], clean_up_tokenization_spaces=False)
    special = set(getattr(tokenizer, "all_special_ids", []) or [])
    # Added tokens are special only when flagged so (Gemma adds plain ones too, e.g. "\n" and runs of spaces).
    special.update(i for i, added in (getattr(tokenizer, "added_tokens_decoder", {}) or {}).items()
                   if getattr(added, "special", False))
    pieces: list = [None] * size
    for i, text in enumerate(decoded):
        if i in special or not text.startswith(anchor_text):
            continue
        piece = text[len(anchor_text):]
        if piece and all(ch in _ALLOWED for ch in piece):
            pieces[i] = piece
    single = {}
    for i, piece in enumerate(pieces):
        if piece is not None and len(piece) == 1 and piece not in single:
            single[piece] = i
    # Prefer the tokenizer's own encoding of a character (the id a model has seen most) where it is one token.
    for ch in list(single):
        ids = tokenizer.encode(ch, add_special_tokens=False)
        if len(ids) == 1 and pieces[ids[0]] == ch:
            single[ch] = ids[0]
    eos = tokenizer.eos_token_id
    if eos is None:
        raise ValueError("the tokenizer has no EOS token; constrained decoding needs one to stop")
    return TokenTable(pieces, eos, tokenizer.pad_token_id, single)


def encode_exact(tokenizer, table: TokenTable, text: str) -> list[int]:
    """Token ids whose pieces concatenate to exactly `text` (tokenizer's encoding, else one token per character).

    Raises ValueError when some character has no single-character token.
    """
    ids = tokenizer.encode(text, add_special_tokens=False)
    if all(0 <= i < table.size and table.pieces[i] is not None for i in ids) and table.text(ids) == text:
        return list(ids)
    missing = [ch for ch in text if ch not in table.single]
    if missing:
        raise ValueError(f"no single-character token for {missing[:5]!r}")
    return [table.single[ch] for ch in text]
