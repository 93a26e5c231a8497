"""`EntityTagger`: NL4Opt entity mentions (VAR, PARAM, LIMIT, CONST_DIR, OBJ_DIR, OBJ_NAME) in text."""
from __future__ import annotations

import copy
from pathlib import Path

from ..errors import TaggingError
from ..classifier.base import (BUNDLED_BASE, base_record, check_base, check_texts, load_merged, read_meta,
                              resolve_base, run_config, save_artefact)
from .decoding import decode
from .labels import TAGS
from .spans import Entity, word_entities
from .training import TaggerConfig
from .words import split_words

META_FILE = "milpsynth_tagger.json"
FORMAT = 1


def _check_texts(texts) -> list[str]:
    return check_texts(texts, TaggingError, "text")


class EntityTagger:
    """Text -> entity mentions with character offsets: an encoder with a LoRA token-classification head.

    `fit(docs)` trains on `TaggedDoc`s and returns self; `tag(texts)` gives one list of `Entity` per
    text; `tag_words(word_lists)` one BIO tag per word. Loaded taggers run merged, in eval mode, on
    the numpy runtime (`runtime_ == "numpy"`, the CPU default: no torch) or the torch one (GPUs, and
    after `fit`); see `classifier.runtime.choose_runtime`.
    """

    def __init__(self, base: str | None = BUNDLED_BASE, config: TaggerConfig | None = None, *,
                 batch_size: int = 32, device: str | None = None, threads: int | None = None,
                 decoding: str = "viterbi", runtime: str | None = None):
        self.base = base
        self.runtime = runtime
        self.config = config
        self.batch_size = batch_size
        self.device = device
        self.threads = threads
        self.decoding = decoding

    # --- training -------------------------------------------------------------------------------
    def fit(self, docs, *, eval_docs=None, out_dir=None, progress=True):
        import dataclasses

        from .training import train_tagger
        cfg = self.config or TaggerConfig()
        if self.threads and not cfg.threads:
            cfg = dataclasses.replace(cfg, threads=self.threads)
        base_path = resolve_base(self.base)
        peft_model, tok, info = train_tagger(list(docs), base_path=base_path, config=cfg, eval_docs=eval_docs,
                                             out_dir=out_dir, progress=progress)
        self.train_info_ = {k: v for k, v in info.items() if k != "log_history"}
        self.log_history_ = info["log_history"]
        return self._adopt(peft_model, tok, cfg, base_path)

    def _adopt(self, peft_model, tok, cfg: TaggerConfig, base_path: str) -> "EntityTagger":
        from .. import __version__
        self.peft_model_ = peft_model
        self.tokenizer_ = tok
        self.meta_ = {"format": FORMAT, "milpsynth_version": __version__, "base": base_record(self.base, base_path),
                      "tags": list(TAGS), "max_length": cfg.max_length, "decoding": self.decoding,
                      "training": cfg.to_dict(), "metrics": {}}
        self._set_inference_model(copy.deepcopy(peft_model).merge_and_unload())
        return self

    @classmethod
    def from_checkpoint(cls, path, *, base: str | None = BUNDLED_BASE, config: TaggerConfig | None = None,
                        **kw) -> "EntityTagger":
        """A tagger from a peft adapter directory written during training (a Trainer checkpoint),
        ready to evaluate and `save` (for a run stopped before its end)."""
        from ..classifier.base import load_base
        from ..classifier.quiet import quiet_transformers
        tagger = cls(base=base, config=config, **kw)
        base_path = resolve_base(base)
        with quiet_transformers():
            from peft import PeftModel
            model, tok = load_base(base_path, num_labels=len(TAGS), kind="token")
            peft_model = PeftModel.from_pretrained(model, str(path)).eval()
        tagger.train_info_ = {"from_checkpoint": Path(path).name}
        return tagger._adopt(peft_model, tok, config or TaggerConfig(), base_path)

    # --- inference ------------------------------------------------------------------------------
    def _set_inference_model(self, merged) -> None:
        """Run the merged torch model `merged` (on the GPU when `device` picks one)."""
        from ..classifier.device import select_device
        merged.eval()
        self.device_ = select_device(self.device)
        self.model_ = merged.to(self.device_.device) if self.device_.is_cuda else merged
        self.runtime_ = "torch"

    def _set_numpy_model(self, adapter_dir: Path, base_path: str) -> None:
        """Run the numpy encoder: the base in `base_path` with the adapter in `adapter_dir` merged."""
        from ..classifier.device import DeviceChoice
        from ..classifier.numpy_encoder import FastTokenizer, NumpyBert
        from ..classifier.runtime import set_blas_threads
        set_blas_threads(self.threads)
        self.model_ = NumpyBert.load(base_path, adapter_dir, kind="token", num_labels=len(TAGS))
        self.tokenizer_ = FastTokenizer(base_path)
        self.device_ = DeviceChoice("cpu", "float32")
        self.runtime_ = "numpy"

    def _require_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise TaggingError("the tagger is not trained or loaded yet (call fit or load_tagger)", field="tag")

    def word_scores(self, word_lists):
        """Per document, (n_words, n_tags) log-probabilities of the tags in `TAGS` order."""
        self._require_fitted()
        from .encoding import word_log_probs
        dtype = None
        if self.runtime_ == "torch":
            import torch
            if self.threads:
                torch.set_num_threads(self.threads)
            dtype = self.device_.torch_dtype(torch) if self.device_.is_cuda else None
        return word_log_probs(self.model_, self.tokenizer_, [list(w) for w in word_lists],
                              max_length=self.meta_.get("max_length", 512), batch_size=self.batch_size,
                              device=self.device_.device, dtype=dtype)

    def tag_words(self, word_lists) -> list[list[str]]:
        """One BIO tag per word, for documents already split into words."""
        return [decode(s, self.decoding) for s in self.word_scores(word_lists)]

    def tag(self, texts) -> list[list[Entity]]:
        """The entity mentions of each text, in order, with character offsets into that text."""
        texts = _check_texts(texts)
        words = [split_words(t) for t in texts]
        tags = self.tag_words([[w for w, _, _ in ws] for ws in words])
        return [word_entities(t, ws, tg) for t, ws, tg in zip(texts, words, tags)]

    # --- artefact -------------------------------------------------------------------------------
    def save(self, path, *, metrics: dict | None = None) -> Path:
        """Write the adapter (weights + peft config) and `milpsynth_tagger.json` into `path`."""
        if not hasattr(self, "peft_model_"):
            raise TaggingError("only a tagger trained with fit() can be saved", field="tag")
        return save_artefact(self, path, META_FILE, metrics)

    @classmethod
    def load(cls, path, *, base: str | None = None, device: str | None = None, threads: int | None = None,
             batch_size: int = 32, decoding: str | None = None, runtime: str | None = None) -> "EntityTagger":
        """Rebuild the base (the bundled one unless `base` is given), apply the adapter, merge it.
        `runtime`: None (numpy on the CPU, torch for a CUDA `device`), "numpy" or "torch"."""
        from ..classifier.runtime import choose_runtime
        p, meta = read_meta(path, META_FILE, FORMAT, TaggingError, "tagger")
        if list(meta.get("tags", [])) != list(TAGS):
            raise TaggingError(f"{p}: tags {meta.get('tags')} differ from this milpsynth's {list(TAGS)}", field="path")
        base_name, base_path = check_base(meta["base"], base, f"tagger {p}")
        rt = choose_runtime(runtime, device, base_path, p)
        tagger = cls(base=base_name, config=run_config(meta, TaggerConfig), batch_size=batch_size, device=device,
                     threads=threads, decoding=decoding or meta.get("decoding", "viterbi"), runtime=runtime)
        tagger.meta_ = meta
        if rt == "numpy":
            tagger._set_numpy_model(p, base_path)
            return tagger
        model, tok = load_merged(p, base_path, len(TAGS), kind="token", threads=threads)
        tagger.tokenizer_ = tok
        tagger._set_inference_model(model)
        return tagger
