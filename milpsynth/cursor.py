"""A cursor over (kind, text) tokens: what the hand-written formula parsers (a language model's
answers in `milpsynth.formulas.parse`, reference models in `milpsynth.reference`) step through."""
from __future__ import annotations


class TokenCursor:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.toks = tokens
        self.i = 0

    def peek(self) -> tuple[str | None, str | None]:
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self) -> tuple[str | None, str | None]:
        tok = self.peek()
        self.i += 1
        return tok
