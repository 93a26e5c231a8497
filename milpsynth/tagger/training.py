"""Fine-tuning the tagger with the HF Trainer: LoRA on the encoder, the token-classification head
trained in full, entity-level F1 on the held-out documents after every epoch, best epoch kept.

Runs on a CPU, or on a CUDA GPU in bf16/fp16 (the same device choice as the classifier).
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass

import numpy as np

from ..classifier.base import LoraRunConfig
from .labels import TAG_TO_ID, TAGS


@dataclass
class TaggerConfig(LoraRunConfig):
    """Settings of one tagger fine-tuning run (defaults = the shipped tagger's)."""

    epochs: float = 10
    batch_size: int = 8
    max_length: int = 512             # sub-tokens per window; longer documents are windowed
    keep: str = "best"                # "best" (by held-out entity F1; needs eval docs) or "last"


def _metrics(eval_pred) -> dict:
    """Entity micro-F1 over the eval windows (argmax at first sub-tokens)."""
    from .metrics import entity_scores
    logits, labels = eval_pred
    pred = np.asarray(logits).argmax(-1)
    labels = np.asarray(labels)
    gold_seqs, pred_seqs = [], []
    for p, y in zip(pred, labels):
        keep = y != -100
        gold_seqs.append([TAGS[k] for k in y[keep]])
        pred_seqs.append([TAGS[k] for k in p[keep]])
    s = entity_scores(gold_seqs, pred_seqs)["micro"]
    return {"f1": s["f1"], "precision": s["precision"], "recall": s["recall"]}


def train_tagger(docs, *, base_path: str, config: TaggerConfig, eval_docs=None, out_dir: str | None = None,
                 progress: bool = True):
    """Fine-tune on `docs` (`TaggedDoc`s); returns (peft model on CPU in eval mode, tokenizer, info)."""
    import torch
    from datasets import Dataset
    from transformers import DataCollatorForTokenClassification, Trainer, set_seed

    from ..classifier.base import add_lora, load_base
    from ..classifier.device import select_device
    from ..classifier.quiet import quiet_transformers
    from .encoding import training_features

    if not docs:
        raise ValueError("no training documents")
    if config.threads:
        torch.set_num_threads(config.threads)
    dev = select_device(config.device)
    set_seed(config.seed)
    with quiet_transformers():
        model, tok = load_base(base_path, num_labels=len(TAGS), kind="token")
    model.config.id2label = dict(enumerate(TAGS))
    model.config.label2id = dict(TAG_TO_ID)
    model = add_lora(model, config.r, config.alpha, config.dropout, config.targets,
                     task_type="TOKEN_CLS", modules_to_save=["classifier"])

    def encode(ds):
        return Dataset.from_dict(training_features(tok, [d.tokens for d in ds],
                                                   [[TAG_TO_ID[t] for t in d.tags] for d in ds],
                                                   config.max_length))

    train_ds = encode(docs)
    eval_ds = encode(eval_docs) if eval_docs else None
    tmp = None
    if out_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="milpsynth-tagger-")
        out_dir = tmp.name
    keep_best = config.keep == "best" and eval_ds is not None
    args = config.training_arguments(out_dir, dev, evaluate=eval_ds is not None, metric="f1",
                                     progress=progress, eval_batch_size=32)
    trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds,
                      data_collator=DataCollatorForTokenClassification(tok), compute_metrics=_metrics)
    t0 = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - t0
    model = trainer.model
    model = model.module if hasattr(model, "module") else model
    model = model.to("cpu").float().eval()
    best_epoch = None
    if keep_best:
        evals = [r for r in trainer.state.log_history if "eval_f1" in r]
        best_epoch = max(evals, key=lambda r: r["eval_f1"])["epoch"] if evals else None
    info = {"train_seconds": seconds, "device": dev.device, "dtype": dev.dtype, "n_train": len(docs),
            "n_train_windows": len(train_ds), "n_eval": len(eval_docs or []), "best_epoch": best_epoch,
            "log_history": trainer.state.log_history}
    if tmp is not None:
        tmp.cleanup()
    return model, tok, info
