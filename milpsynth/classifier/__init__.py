"""The transformer + LoRA paragraph classifier (the `ml` extra). Inference on the CPU runs in numpy
(`numpy_encoder`: needs `tokenizers`, `safetensors` and the base package, imports no torch);
training, GPUs and int8 use torch, transformers and peft.

    >>> from milpsynth.classifier import load_classifier
    >>> clf = load_classifier()          # the shipped artefact, offline, CPU, numpy
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
    """True when the shipped artefact, the base package and what a runtime needs (numpy's: tokenizers
    + safetensors; or torch + transformers + peft) are installed. Imports none of them."""
    from .runtime import shipped_runtime_available
    return (SHIPPED / "milpsynth_classifier.json").is_file() and shipped_runtime_available()


def load_classifier(path=None, *, device: str | None = None, threads: int | None = None,
                    quantize: bool | None = None, base: str | None = None, batch_size: int = 64,
                    align_direction: bool = True, runtime: str | None = None):
    """Load a trained classifier directory (default: the one shipped in the package).

    `runtime`: None = "numpy" on the CPU (float32, no torch import), "torch" when `device` names a
    CUDA GPU or `quantize=True`; "numpy" or "torch" to choose. `device`: None/"auto"/"cpu" or
    "cuda[:n]" (with runtime="torch", None/"auto" take a GPU when torch sees one). `threads`: CPU
    threads (torch's, or numpy's BLAS through threadpoolctl). `quantize`: dynamic int8 on the CPU,
    torch only; None = what the artefact recommends, on the torch runtime.
    `align_direction`: a bound whose side contradicts the paragraph's words ('at most', 'cannot be less
    than') takes the same family's other side (see `classifier.decoding`); False gives the raw model.
    """
    from .estimator import LoraClassifier
    p = Path(path) if path is not None else SHIPPED
    return LoraClassifier.load(p, base=base, device=device, quantize=quantize, threads=threads,
                               batch_size=batch_size, align_direction=align_direction, runtime=runtime)


def __getattr__(name):
    if name == "LoraClassifier":
        from .estimator import LoraClassifier
        return LoraClassifier
    if name == "TrainConfig":
        from .training import TrainConfig
        return TrainConfig
    raise AttributeError(name)
