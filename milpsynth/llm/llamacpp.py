"""llama.cpp in process, through the prebuilt `xllamacpp` wheel (pip install 'milpsynth[llamacpp]').

`LlamaCpp("model.gguf", threads=2)` loads a GGUF file once; requests go to its OpenAI-style chat
handler, which honours GBNF grammars and JSON schemas. One slot by default, so that the prompt
prefix a problem's requests share is cached between them.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..errors import BackendError
from .base import LanguageModel, Request


class LlamaCpp(LanguageModel):
    name = "llamacpp"
    supports_grammar = True
    supports_schema = True

    def __init__(self, model: str | os.PathLike, *, threads: int = 2, n_ctx: int = 4096, gpu_layers: int = 0,
                 parallel: int = 1, verbose: bool = False):
        path = Path(model).expanduser()
        if not path.is_file():
            raise BackendError(f"no GGUF model file at {path}", field="model")
        try:
            import xllamacpp
        except ImportError:
            raise BackendError("the llama.cpp backend needs the xllamacpp package: pip install 'milpsynth[llamacpp]'",
                               field="llm") from None
        p = xllamacpp.CommonParams()
        p.model.path = str(path)
        p.n_ctx = int(n_ctx)
        p.cpuparams.n_threads = p.cpuparams_batch.n_threads = int(threads)
        p.n_parallel = int(parallel)
        p.n_gpu_layers = int(gpu_layers)
        p.warmup = False
        if not verbose:
            try:
                p.verbosity = -1
            except (AttributeError, TypeError):
                pass
        self.model, self.threads, self.parallel = str(path), int(threads), int(parallel)
        try:
            self._server = xllamacpp.Server(p)
        except Exception as exc:   # noqa: BLE001 - a file that is no model, too little memory
            raise BackendError(f"llama.cpp could not load {path}: {exc}", field="model") from None

    def generate(self, request: Request) -> str:
        body = {"messages": request.messages, "max_tokens": request.max_tokens, "temperature": request.temperature}
        if request.seed is not None:
            body["seed"] = int(request.seed)
        if request.stop:
            body["stop"] = request.stop
        if request.grammar:
            body["grammar"] = request.grammar
        elif request.json_schema is not None:
            body["response_format"] = {"type": "json_schema", "json_schema": {"schema": request.json_schema}}
        try:
            out = self._server.handle_chat_completions(body)
        except Exception as exc:   # noqa: BLE001 - the library's own errors, whatever their type
            raise BackendError(f"llama.cpp failed: {exc}", field="llm") from None
        try:
            return out["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            raise BackendError(f"llama.cpp answered with no completion: {str(out)[:200]}", field="llm") from None

    def generate_many(self, requests: Sequence[Request]) -> list[str]:
        if self.parallel <= 1 or len(requests) <= 1:
            return [self.generate(r) for r in requests]
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            return list(pool.map(self.generate, requests))
