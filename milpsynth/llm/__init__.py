"""The language-model path: backends behind one small protocol, prompts, answers parsed as data.

    from milpsynth import formulate
    from milpsynth.llm import OpenAICompatible, LlamaCpp, Transformers, Scripted
    f = formulate(text, llm=OpenAICompatible(base_url="http://localhost:11434/v1", model="qwen2.5:7b"))
    f.transcript      # every exchange: stage, paragraph, prompt, raw answer, parsed result, verdict

Backends are imported lazily (transformers and xllamacpp only when used). A model's answer is never
executed: formulas are read by a hand-written parser (`formula`), fitted to the template of the
paragraph's type (`answers`) and checked by the template itself.
"""
from __future__ import annotations

_LAZY = {"OpenAICompatible": "openai_compat", "LlamaCpp": "llamacpp", "Transformers": "transformers_backend",
         "Scripted": "scripted", "LanguageModel": "base", "Request": "base"}

__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
