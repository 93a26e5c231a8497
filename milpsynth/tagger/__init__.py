"""The NL4Opt entity tagger (the `ml` extra). Inference on the CPU runs in numpy (no torch import:
`classifier.numpy_encoder`); training and GPUs use torch, transformers and peft.

    >>> from milpsynth.tagger import load_tagger
    >>> tagger = load_tagger()           # the shipped artefact, offline, CPU
    >>> ents = tagger.tag(["Maximize profit: each truck earns $300."])[0]
    >>> [(e.label, e.text, e.start, e.end) for e in ents]      # doctest: +SKIP
    [('OBJ_DIR', 'Maximize', 0, 8), ('OBJ_NAME', 'profit', 9, 15), ('VAR', 'truck', 22, 27), ...]

Entities carry character offsets into the text given (`text[e.start:e.end] == e.text`).
"""
from __future__ import annotations

from pathlib import Path

from .labels import ENTITY_TYPES, TAGS
from .spans import Entity

SHIPPED = Path(__file__).with_name("model")

__all__ = ["load_tagger", "shipped_available", "Entity", "EntityTagger", "TaggerConfig", "ENTITY_TYPES", "TAGS",
           "SHIPPED"]


def shipped_available() -> bool:
    """True when the shipped artefact, the base package and what a runtime needs (numpy's: tokenizers
    + safetensors; or torch + transformers + peft) are installed. Imports none of them."""
    from ..classifier.runtime import shipped_runtime_available
    return (SHIPPED / "milpsynth_tagger.json").is_file() and shipped_runtime_available()


def load_tagger(path=None, *, device: str | None = None, threads: int | None = None, base: str | None = None,
                batch_size: int = 32, decoding: str | None = None, runtime: str | None = None):
    """Load a trained tagger directory (default: the one shipped in the package).

    `runtime`: None = "numpy" on the CPU (float32, no torch import), "torch" when `device` names a
    CUDA GPU; "numpy" or "torch" to choose. `device`: None/"auto"/"cpu" or "cuda[:n]" (with
    runtime="torch", None/"auto" take a GPU when torch sees one). `threads`: CPU threads (torch's, or
    numpy's BLAS through threadpoolctl). `decoding`: "viterbi" (valid BIO only) or "argmax"; None =
    what the artefact recorded.
    """
    from .tagger import EntityTagger
    return EntityTagger.load(Path(path) if path is not None else SHIPPED, base=base, device=device,
                             threads=threads, batch_size=batch_size, decoding=decoding, runtime=runtime)


def __getattr__(name):
    if name == "EntityTagger":
        from .tagger import EntityTagger
        return EntityTagger
    if name == "TaggerConfig":
        from .training import TaggerConfig
        return TaggerConfig
    raise AttributeError(name)
