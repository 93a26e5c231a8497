"""Any OpenAI-compatible chat server over HTTP (Ollama, vLLM, llama.cpp's llama-server, hosted APIs).

Standard library only (urllib). Retries with exponential backoff on 429 and 5xx, honouring
Retry-After (seconds or an HTTP date), and on timeouts and refused connections; other 4xx answers
and bodies that are not the expected JSON are a `BackendError` at once. `generate_many` sends up to
`concurrency` requests at a time. The API key is taken from `api_key`, else $MILPSYNTH_LLM_API_KEY,
else $OPENAI_API_KEY (servers on localhost need none).

Grammars are not part of the OpenAI API: `grammar="llama.cpp"` sends them as llama-server's
`grammar` field, `grammar="vllm"` as vLLM's `guided_grammar`; JSON schemas go as `response_format`.
"""
from __future__ import annotations

import email.utils
import json
import os
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Sequence

from ..errors import BackendError
from .base import LanguageModel, Request

RETRY_STATUS = (429, 500, 502, 503, 504)
_GRAMMAR_FIELD = {"llama.cpp": "grammar", "llamacpp": "grammar", "vllm": "guided_grammar", None: None}


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class OpenAICompatible(LanguageModel):
    name = "openai"

    def __init__(self, base_url: str = "http://localhost:11434/v1", model: str = "", *, api_key: str | None = None,
                 timeout: float = 120.0, retries: int = 3, backoff: float = 1.0, max_backoff: float = 60.0,
                 concurrency: int = 4, grammar: str | None = None, schema: bool = True,
                 headers: dict | None = None, sleep: Callable[[float], None] = time.sleep):
        if grammar not in _GRAMMAR_FIELD:
            raise BackendError(f"grammar must be one of {[k for k in _GRAMMAR_FIELD if k]} or None, got {grammar!r}",
                               field="grammar")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model, self.timeout, self.retries = model, float(timeout), int(retries)
        self.backoff, self.max_backoff, self.concurrency = float(backoff), float(max_backoff), max(1, int(concurrency))
        self.grammar_field = _GRAMMAR_FIELD[grammar]
        self.supports_grammar, self.supports_schema = self.grammar_field is not None, bool(schema)
        key = api_key or os.environ.get("MILPSYNTH_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY")
        self.headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {key}"} if key else {}),
                        **(headers or {})}
        self.sleep = sleep

    def payload(self, request: Request) -> dict:
        body = {"model": self.model, "messages": request.messages, "temperature": request.temperature,
                "max_tokens": request.max_tokens}
        if request.seed is not None:
            body["seed"] = request.seed
        if request.stop:
            body["stop"] = request.stop
        if request.grammar and self.grammar_field:
            body[self.grammar_field] = request.grammar
        elif request.json_schema is not None and self.supports_schema:
            body["response_format"] = {"type": "json_schema",
                                       "json_schema": {"name": "answer", "schema": request.json_schema, "strict": True}}
        return body

    def generate(self, request: Request) -> str:
        data = json.dumps(self.payload(request)).encode("utf-8")
        last = ""
        for attempt in range(self.retries + 1):
            wait = min(self.max_backoff, self.backoff * 2 ** attempt)
            try:
                req = urllib.request.Request(self.url, data=data, headers=self.headers, method="POST")
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return self._content(resp.read())
            except urllib.error.HTTPError as exc:
                body = exc.read()[:300].decode("utf-8", "replace")
                last = f"HTTP {exc.code} from {self.url}: {body}"
                if exc.code not in RETRY_STATUS:
                    raise BackendError(last, field="llm") from None
                asked = retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                if asked is not None:
                    wait = min(self.max_backoff, asked)
            except (TimeoutError, socket.timeout) as exc:
                last = f"no answer from {self.url} within {self.timeout:g} s ({exc})"
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    last = f"no answer from {self.url} within {self.timeout:g} s"
                else:
                    last = f"cannot reach {self.url}: {exc.reason}"
            except (ConnectionError, OSError) as exc:
                last = f"connection to {self.url} failed: {exc}"
            if attempt < self.retries:
                self.sleep(wait)
        raise BackendError(f"{last} (after {self.retries + 1} attempts)", field="llm")

    def _content(self, raw: bytes) -> str:
        try:
            body = json.loads(raw)
            content = body["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise BackendError(f"the server's answer is not an OpenAI chat completion: {raw[:200]!r}",
                               field="llm") from None
        if not isinstance(content, str):
            raise BackendError(f"the server's answer has no text content: {content!r}"[:300], field="llm")
        return content

    def generate_many(self, requests: Sequence[Request]) -> list[str]:
        if len(requests) <= 1 or self.concurrency == 1:
            return [self.generate(r) for r in requests]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(requests))) as pool:
            return list(pool.map(self.generate, requests))
