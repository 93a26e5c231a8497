"""Hugging Face transformers: any causal LM by name or directory, or a model and tokenizer already
loaded (pip install 'milpsynth[llm]'). The tokenizer's chat template builds the prompt where it has
one; greedy at temperature 0, sampled above; CUDA and bfloat16 where present. Grammars are not
applied (every answer is validated all the same).
"""
from __future__ import annotations

from typing import Any

from ..errors import BackendError
from .base import LanguageModel, Request


class Transformers(LanguageModel):
    name = "transformers"

    def __init__(self, model: Any, *, tokenizer: Any = None, device: str | None = None, dtype: Any = None):
        try:
            import torch
            import transformers
        except ImportError:
            raise BackendError("the transformers backend needs torch and transformers: pip install 'milpsynth[llm]'",
                               field="llm") from None
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        if dtype is None:
            dtype = torch.bfloat16 if self.device.startswith("cuda") else torch.float32
        if isinstance(model, str):
            try:
                tokenizer = tokenizer or transformers.AutoTokenizer.from_pretrained(model)
                model = transformers.AutoModelForCausalLM.from_pretrained(model, dtype=dtype)
            except Exception as exc:   # noqa: BLE001 - no such model, no network, a broken directory
                raise BackendError(f"cannot load the model {model!r}: {exc}", field="model") from None
        if tokenizer is None:
            raise BackendError("give the tokenizer with a model object", field="tokenizer")
        self.model_obj = model.to(self.device).train(False)      # inference mode
        self.tokenizer = tokenizer
        self.model = getattr(getattr(model, "config", None), "name_or_path", "") or type(model).__name__

    def _prompt_ids(self, messages: list[dict]):
        tok = self.tokenizer
        if getattr(tok, "chat_template", None):
            text = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        else:
            text = "\n\n".join(f"{m['role']}: {m['content']}" for m in messages) + "\n\nassistant: "
        return tok(text, return_tensors="pt").to(self.device)

    def generate(self, request: Request) -> str:
        import torch
        inputs = self._prompt_ids(request.messages)
        sample = request.temperature > 0
        if request.seed is not None:
            torch.manual_seed(int(request.seed))
        kwargs = {"max_new_tokens": int(request.max_tokens), "do_sample": sample}
        if sample:
            kwargs["temperature"] = float(request.temperature)
        pad = self.tokenizer.pad_token_id
        if pad is None:
            pad = self.tokenizer.eos_token_id
        try:
            with torch.no_grad():
                out = self.model_obj.generate(**inputs, pad_token_id=pad, **kwargs)
        except Exception as exc:   # noqa: BLE001 - the library's own errors
            raise BackendError(f"transformers generation failed: {exc}", field="llm") from None
        text = self.tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
        for stop in request.stop or ():
            text = text.split(stop)[0]
        return text
