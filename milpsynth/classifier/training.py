"""Fine-tuning with the HF Trainer: LoRA on the encoder, full pooler + head, class-weighted loss.

Runs on a CPU, on one CUDA GPU in bf16/fp16, or on several through `accelerate launch` / `torchrun`
(the Trainer reads the distributed environment itself). Progress bars and per-epoch metrics come
from the Trainer.
"""
from __future__ import annotations

import math
import tempfile
import time
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..labels import FINE_TO_TYPE, N_FINE
from .base import LoraRunConfig


@dataclass
class TrainConfig(LoraRunConfig):
    """Settings of one classifier fine-tuning run (defaults = the shipped model's)."""

    epochs: float = 25
    label_smoothing: float = 0.0
    class_weight: str = "sqrt"        # "none", "sqrt" (1/sqrt(freq)) or "balanced" (1/freq), over fine labels
    init_adapter: str | None = None   # continue from this saved adapter (same base) instead of a fresh LoRA

    def __post_init__(self):
        if self.class_weight not in {"none", "sqrt", "balanced"}:
            raise ValueError(f"class_weight must be 'none', 'sqrt' or 'balanced', got {self.class_weight!r}")
        super().__post_init__()


def class_weights(labels, mode: str, n: int = N_FINE) -> np.ndarray | None:
    """Loss weights per fine label, mean 1 over the labels seen; None for mode 'none'."""
    if mode == "none":
        return None
    counts = Counter(int(y) for y in labels)
    w = np.zeros(n, dtype=np.float32)
    for k, c in counts.items():
        w[k] = 1.0 / (math.sqrt(c) if mode == "sqrt" else c)
    seen = w[w > 0]
    w[w > 0] = seen / seen.mean()
    return w


def _metrics(eval_pred) -> dict:
    logits, labels = eval_pred
    pred = np.asarray(logits).argmax(-1)
    labels = np.asarray(labels)
    to_t = np.vectorize(FINE_TO_TYPE.get)
    return {"accuracy_fine": float((pred == labels).mean()),
            "accuracy_coarse": float((to_t(pred) == to_t(labels)).mean())}


def train_lora(texts, labels, *, base_path: str, config: TrainConfig, contexts=None, eval_texts=None,
               eval_labels=None, eval_contexts=None, out_dir: str | None = None, progress: bool = True,
               log_history: list | None = None):
    """Fine-tune; returns (peft model on CPU in eval mode, tokenizer, info dict).

    `contexts` (one string per text, or None): train on (context, paragraph) pairs, encoded as the
    inference runtimes encode them (the tokenizer's pair encoding, token types 0 / 1).
    `log_history`, if given, receives the Trainer's per-step/epoch log dicts.
    """
    import torch
    from datasets import Dataset
    from transformers import DataCollatorWithPadding, Trainer, set_seed

    from .base import add_lora, load_base
    from .device import select_device
    from .quiet import quiet_transformers

    if len(texts) != len(labels) or not texts:
        raise ValueError(f"need as many labels as texts (got {len(texts)} texts, {len(labels)} labels)")
    bad = [y for y in labels if not 0 <= int(y) < N_FINE]
    if bad:
        raise ValueError(f"labels must be fine labels 0..{N_FINE - 1}; got {bad[:5]}")
    if config.threads:
        torch.set_num_threads(config.threads)
    dev = select_device(config.device)
    set_seed(config.seed)
    with quiet_transformers():
        model, tok = load_base(base_path)
    if config.init_adapter:
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, str(config.init_adapter), is_trainable=True)
    else:
        model = add_lora(model, config.r, config.alpha, config.dropout, config.targets)

    def encode(tx, ys, cx):
        if cx is None:
            ds = Dataset.from_dict({"text": list(tx), "label": [int(y) for y in ys]})
            return ds.map(lambda b: tok(b["text"], truncation=True, max_length=config.max_length),
                          batched=True, remove_columns=["text"])
        ds = Dataset.from_dict({"context": list(cx), "text": list(tx), "label": [int(y) for y in ys]})
        return ds.map(lambda b: tok(b["context"], b["text"], truncation=True, max_length=config.max_length),
                      batched=True, remove_columns=["context", "text"])

    if contexts is not None and eval_texts is not None and eval_contexts is None:
        raise ValueError("a model trained with contexts needs eval_contexts for its eval texts")
    train_ds = encode(texts, labels, contexts)
    eval_ds = encode(eval_texts, eval_labels, eval_contexts) if eval_texts is not None else None
    weights = class_weights(labels, config.class_weight)
    cfg = config

    class WeightedTrainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            y = inputs.pop("labels")
            out = model(**inputs)
            w = torch.tensor(weights, device=out.logits.device) if weights is not None else None
            loss = torch.nn.functional.cross_entropy(out.logits.float(), y, weight=w,
                                                     label_smoothing=cfg.label_smoothing)
            return (loss, out) if return_outputs else loss

    tmp = None
    if out_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="milpsynth-train-")
        out_dir = tmp.name
    keep_best = config.keep == "best" and eval_ds is not None
    args = config.training_arguments(out_dir, dev, evaluate=eval_ds is not None, metric="accuracy_coarse",
                                     progress=progress, eval_batch_size=64)
    trainer = WeightedTrainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                              data_collator=DataCollatorWithPadding(tok), compute_metrics=_metrics)
    t0 = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - t0
    if log_history is not None:
        log_history.extend(trainer.state.log_history)
    model = trainer.model
    model = model.module if hasattr(model, "module") else model
    model = model.to("cpu").float().eval()
    info = {"train_seconds": seconds, "device": dev.device, "dtype": dev.dtype, "n_train": len(texts),
            "best_checkpoint": trainer.state.best_model_checkpoint if keep_best else None,
            "log_history": trainer.state.log_history}
    if tmp is not None:
        tmp.cleanup()
    return model, tok, info
