"""A backend that answers from a script: a list of answers in turn, or a function of the request.

For tests and notebooks: `Scripted(["x <= 10", ...])` or `Scripted(lambda request: ...)`; every
request it was given is kept in `requests`.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..errors import BackendError
from .base import LanguageModel, Request


class Scripted(LanguageModel):
    name = "scripted"

    def __init__(self, answers: Iterable[str] | Callable[[Request], str], *, grammar: bool = True, schema: bool = True):
        self._fn = answers if callable(answers) else None
        self._answers = None if callable(answers) else list(answers)
        self.supports_grammar, self.supports_schema = grammar, schema
        self.requests: list[Request] = []
        self.model = "scripted"

    def generate(self, request: Request) -> str:
        self.requests.append(request)
        if self._fn is not None:
            out = self._fn(request)
        else:
            if not self._answers:
                raise BackendError(f"the scripted backend has no answer left for request {len(self.requests)}",
                                   field="llm")
            out = self._answers.pop(0)
        if not isinstance(out, str):
            raise BackendError(f"a scripted answer must be text, got {type(out).__name__}", field="llm")
        return out


def last_user(request: Request) -> str:
    """The text of the request's last user message (what a script usually looks at)."""
    return next(m["content"] for m in reversed(request.messages) if m["role"] == "user")
