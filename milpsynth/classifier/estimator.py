"""`LoraClassifier`: a scikit-learn-style paragraph classifier (fit / predict / predict_proba / save)."""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import numpy as np

from ..document import Prediction
from ..errors import ClassificationError
from ..labels import FINE_NAMES, FINE_TO_TYPE, N_FINE, TYPE_NAMES
from ..nlp.spelling import american
from .decoding import aligned_type
from .base import (BUNDLED_BASE, base_record, check_base, check_texts, load_merged, read_meta, resolve_base,
                   run_config, save_artefact)
from .inference import predict_logits, quantize_int8, softmax
from .training import TrainConfig

META_FILE = "milpsynth_classifier.json"
FORMAT = 1
_FINE_TO_TYPE = np.array([FINE_TO_TYPE[i] for i in range(N_FINE)])
N_TYPES = len(TYPE_NAMES)


def _check_texts(texts) -> list[str]:
    return check_texts(texts, ClassificationError, "paragraph")


def fine_to_type_proba(fine: np.ndarray) -> np.ndarray:
    """Sum fine-label probabilities (n, 21) into type probabilities (n, 14)."""
    out = np.zeros((fine.shape[0], N_TYPES), dtype=np.float64)
    np.add.at(out.T, _FINE_TO_TYPE, fine.T)
    return out


def _paragraphs_of(problem, texts):
    """The paragraphs of `problem` whose texts are `texts` (in order; the classify stage passes the
    ones still to classify), else stand-ins at the positions of the texts."""
    from ..document import Paragraph
    pool = [p for p in problem.paragraphs if not p.skipped]
    out, k = [], 0
    for i, t in enumerate(texts):
        while k < len(pool) and pool[k].text != t:
            k += 1
        out.append(pool[k] if k < len(pool) else Paragraph(i, t))
        k = k + 1 if k < len(pool) else k
    return out


class LoraClassifier:
    """Paragraph -> type (0..13) and fine label (0..20): an encoder with a LoRA adapter.

    `__init__` only stores settings; `fit(texts, fine_labels, contexts=...)` trains and returns self; learned state
    ends in `_`. `predict` gives `Prediction`s, `predict_proba` fine-label probabilities (n, 21),
    `predict_type_proba` type probabilities (n, 14). Loaded classifiers run merged, in eval mode, on
    the numpy runtime (`runtime_ == "numpy"`, the CPU default: no torch) or the torch one (GPUs,
    int8, and after `fit`); see `classifier.runtime.choose_runtime`.

    Context: a classifier trained with `contexts` (one `classifier.context.context_text` per
    paragraph) reads each paragraph as the pair (context, paragraph); `predict(texts, problem=...)`
    (what the classify stage calls) builds the contexts from the problem's decisions and applies the
    problem-level decoding of `classifier.decoding`. One trained without context ignores contexts.
    """

    name = "lora"
    classes_ = np.arange(N_FINE)

    def __init__(self, base: str | None = BUNDLED_BASE, config: TrainConfig | None = None, *,
                 batch_size: int = 64, device: str | None = None, quantize: bool = False,
                 threads: int | None = None, align_direction: bool = True, runtime: str | None = None):
        self.base = base
        self.runtime = runtime
        self.align_direction = align_direction
        self.config = config
        self.batch_size = batch_size
        self.device = device
        self.quantize = quantize
        self.threads = threads

    # --- training -------------------------------------------------------------------------------
    def fit(self, texts, labels, *, contexts=None, eval_texts=None, eval_labels=None, eval_contexts=None,
            out_dir=None, progress=True):
        from .training import train_lora
        cfg = self.config or TrainConfig()
        if self.threads and not cfg.threads:
            cfg = dataclasses.replace(cfg, threads=self.threads)
        texts = _check_texts(texts)
        if contexts is not None:
            contexts = list(contexts)
            if len(contexts) != len(texts):
                raise ClassificationError(f"{len(contexts)} contexts for {len(texts)} paragraphs", field="contexts")
        base_path = resolve_base(self.base)
        peft_model, tok, info = train_lora(texts, list(labels), base_path=base_path, config=cfg,
                                           contexts=contexts, eval_texts=eval_texts, eval_labels=eval_labels,
                                           eval_contexts=eval_contexts, out_dir=out_dir, progress=progress)
        self.peft_model_ = peft_model
        self.tokenizer_ = tok
        self.train_info_ = {k: v for k, v in info.items() if k != "log_history"}
        self.log_history_ = info["log_history"]
        self.meta_ = self._meta(base_path, cfg)
        if contexts is not None:
            from .context import FORMAT as CONTEXT_FORMAT
            self.meta_["context"] = {"format": CONTEXT_FORMAT}
        self._set_inference_model(copy.deepcopy(peft_model).merge_and_unload())
        return self

    def _meta(self, base_path: str, cfg: TrainConfig) -> dict:
        from .. import __version__
        return {"format": FORMAT, "milpsynth_version": __version__,
                "base": base_record(self.base, base_path),
                "labels": {str(i): FINE_NAMES[i] for i in range(N_FINE)},
                "fine_to_type": {str(i): FINE_TO_TYPE[i] for i in range(N_FINE)},
                "max_length": cfg.max_length, "training": cfg.to_dict(), "metrics": {}}

    # --- inference ------------------------------------------------------------------------------
    def _set_inference_model(self, merged) -> None:
        """Run the merged torch model `merged` (on the GPU, or int8 per `quantize`)."""
        from .device import select_device
        merged.eval()
        dev = select_device(self.device)
        self.device_ = dev
        if dev.is_cuda:
            merged = merged.to(dev.device)
        elif self.quantize:
            merged = quantize_int8(merged)
        self.model_ = merged
        self.runtime_ = "torch"

    def _set_numpy_model(self, adapter_dir: Path, base_path: str) -> None:
        """Run the numpy encoder: the base in `base_path` with the adapter in `adapter_dir` merged."""
        from .device import DeviceChoice
        from .numpy_encoder import FastTokenizer, NumpyBert
        from .runtime import set_blas_threads
        set_blas_threads(self.threads)
        self.model_ = NumpyBert.load(base_path, adapter_dir, kind="sequence", num_labels=len(self.meta_["labels"]))
        self.tokenizer_ = FastTokenizer(base_path)
        self.device_ = DeviceChoice("cpu", "float32")
        self.quantize = False
        self.runtime_ = "numpy"

    def _require_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise ClassificationError("the classifier is not trained or loaded yet (call fit or load_classifier)",
                                      field="classify")

    @property
    def uses_context(self) -> bool:
        """True when the model was trained on (context, paragraph) pairs."""
        return bool(getattr(self, "meta_", {}).get("context"))

    uses_problem = True      # the classify stage passes the problem: contexts and problem-level decoding

    def decision_function(self, texts, contexts=None) -> np.ndarray:
        """Raw fine-label logits (n, 21); `contexts` (one string per text) are read only by a model
        trained with context (one trained with context and given none reads 'decisions: none found')."""
        self._require_fitted()
        texts = [american(t) for t in _check_texts(texts)]     # 'minimise' reads as 'minimize'
        if self.uses_context:
            from .context import context_text
            contexts = list(contexts) if contexts is not None else [context_text([])] * len(texts)
            if len(contexts) != len(texts):
                raise ClassificationError(f"{len(contexts)} contexts for {len(texts)} paragraphs", field="contexts")
        else:
            contexts = None
        if self.threads and self.runtime_ == "torch":
            import torch
            torch.set_num_threads(self.threads)
        dtype = self.device_.torch_dtype(__import__("torch")) if self.device_.is_cuda else None
        return predict_logits(self.model_, self.tokenizer_, texts, batch_size=self.batch_size,
                              max_length=self.meta_.get("max_length", 128), device=self.device_.device,
                              dtype=dtype, contexts=contexts,
                              workers=self.threads if self.runtime_ == "numpy" and self.threads else 1)

    def predict_proba(self, texts, contexts=None) -> np.ndarray:
        """Fine-label probabilities, shape (n, 21), columns in `classes_` order."""
        return softmax(self.decision_function(texts, contexts))

    def predict_type_proba(self, texts, contexts=None) -> np.ndarray:
        """Type probabilities (objective + 13 constraint types), shape (n, 14)."""
        return fine_to_type_proba(self.predict_proba(texts, contexts))

    def predict(self, texts, problem=None, contexts=None) -> list[Prediction]:
        """One `Prediction` per paragraph: the most probable type, the most probable fine label of it,
        `prob` = that type's probability (fine probabilities of a type summed), `probs` per type.

        With `align_direction` (the default) a bound whose side contradicts the paragraph's own words
        moves to the same family's other side (`decoding.aligned_type`; the move is in `note`, and
        `prob` is then the two types' probabilities together).

        `problem` (a `Problem` after the variables stage, `texts` being its paragraphs' texts in
        order, as the classify stage calls it): the contexts come from it and the problem-level
        decoding (`decoding.decode_problem`) runs after the paragraph-level one."""
        texts = _check_texts(texts)
        todo = None
        if problem is not None and contexts is None:
            from .context import problem_contexts
            todo = _paragraphs_of(problem, texts)
            contexts = problem_contexts(problem, todo)
        fine = self.predict_proba(texts, contexts)
        types = fine_to_type_proba(fine)
        preds = []
        for text, f, t in zip(texts, fine, types):
            ty = int(t.argmax())
            prob, note = float(t[ty]), ""
            if self.align_direction:
                moved, note = aligned_type(text, ty)
                if moved != ty:
                    prob, ty = float(t[ty] + t[moved]), moved
            members = np.flatnonzero(_FINE_TO_TYPE == ty)
            fi = int(members[f[members].argmax()])
            preds.append(Prediction(type=ty, fine=fi, prob=prob, source="lora",
                                    probs={k: float(v) for k, v in enumerate(t)},
                                    fine_probs={k: float(v) for k, v in enumerate(f)}, note=note))
        if problem is not None and self.align_direction:
            from .decoding import decode_problem
            preds = decode_problem(texts, preds, problem)
        return preds

    def score(self, texts, labels, contexts=None) -> float:
        """Type (coarse) accuracy against fine labels, as scikit-learn's `score` would."""
        pred = np.array([p.type for p in self.predict(texts, contexts=contexts)])
        return float((pred == _FINE_TO_TYPE[np.asarray(labels, dtype=int)]).mean())

    # --- artefact -------------------------------------------------------------------------------
    def save(self, path, *, metrics: dict | None = None) -> Path:
        """Write the adapter (weights + peft config) and `milpsynth_classifier.json` into `path`."""
        if not hasattr(self, "peft_model_"):
            raise ClassificationError("only a classifier trained with fit() can be saved", field="classify")
        return save_artefact(self, path, META_FILE, metrics)

    @classmethod
    def load(cls, path, *, base: str | None = None, device: str | None = None, quantize: bool | None = False,
             threads: int | None = None, batch_size: int = 64, align_direction: bool = True,
             runtime: str | None = None) -> "LoraClassifier":
        """Rebuild the base (the bundled one unless `base` is given), apply the adapter, merge it.

        `runtime`: None (numpy on the CPU, torch for a CUDA `device` or `quantize=True`), "numpy" or
        "torch". `quantize=None`: int8 when the artefact recommends it, on the torch runtime only."""
        from .runtime import choose_runtime
        p, meta = read_meta(path, META_FILE, FORMAT, ClassificationError, "classifier")
        base_name, base_path = check_base(meta["base"], base, f"classifier {p}")
        rt = choose_runtime(runtime, device, base_path, p, quantize=bool(quantize))
        if quantize is None:
            quantize = rt == "torch" and bool(meta.get("inference", {}).get("quantize", False))
        clf = cls(base=base_name, config=run_config(meta, TrainConfig), batch_size=batch_size, device=device,
                  quantize=quantize, threads=threads, align_direction=align_direction, runtime=runtime)
        clf.meta_ = meta
        if rt == "numpy":
            clf._set_numpy_model(p, base_path)
            return clf
        model, tok = load_merged(p, base_path, len(meta["labels"]), threads=threads)
        clf.tokenizer_ = tok
        clf._set_inference_model(model)
        return clf
