"""The protocol every backend speaks: chat messages in, text out.

`generate(Request)` returns the text of one answer; `generate_many(requests)` several (a backend
that can run them at once overrides it). A request may carry a GBNF `grammar` or a JSON schema
(`json_schema`); a backend that cannot honour one ignores it (`supports_grammar` /
`supports_schema` say which it honours), since every answer is parsed and validated anyway.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..errors import BackendError

ROLES = ("system", "user", "assistant")


@dataclass
class Request:
    messages: list[dict]
    grammar: str | None = None
    json_schema: dict | None = None
    temperature: float = 0.0
    seed: int | None = None
    max_tokens: int = 256
    stop: list[str] | None = None
    meta: dict[str, Any] = field(default_factory=dict)   # what the caller wants to remember (stage, paragraph)

    def __post_init__(self) -> None:
        check_messages(self.messages)
        if not 0.0 <= float(self.temperature) <= 5.0:
            raise BackendError(f"temperature must be in [0, 5], got {self.temperature!r}", field="temperature")
        if int(self.max_tokens) < 1:
            raise BackendError(f"max_tokens must be at least 1, got {self.max_tokens!r}", field="max_tokens")


def check_messages(messages: Any) -> None:
    if not isinstance(messages, (list, tuple)) or not messages:
        raise BackendError("messages must be a non-empty list of {'role', 'content'}", field="messages")
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or m.get("role") not in ROLES or not isinstance(m.get("content"), str):
            raise BackendError(f"message {i + 1} must be {{'role': one of {ROLES}, 'content': text}}, got {m!r}"[:300],
                               field="messages")


class LanguageModel:
    """Base of the backends; subclasses implement `generate`."""

    name = "llm"
    supports_grammar = False
    supports_schema = False

    def generate(self, request: Request) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def generate_many(self, requests: Sequence[Request]) -> list[str]:
        return [self.generate(r) for r in requests]

    def complete(self, messages: list[dict], **options) -> str:
        """One answer to `messages`; options as in `Request` (grammar, json_schema, temperature, seed, ...)."""
        return self.generate(Request(list(messages), **options))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({getattr(self, 'model', '')!r})"
