"""The context recipe: the training set of (paragraph, fine label, context) the shipped model is
trained on, and the li2023 val paragraphs with their contexts.

Training set = li2023 train.jsonl (464, contexts from their NL4Opt documents, `finetune.contexts`)
+ the project's hand-written `datasets/*.jsonl` (145) + the generators' labelled statements of the
ten classes (`milpsynth.generators.training_paragraphs`, with each class's decisions as we would
name them) + the style families of `finetune.styles`. The li2023 val paragraphs are never part of
it (their texts are read as they are; only their contexts are added, the same way as train's).
"""
from __future__ import annotations

from pathlib import Path

from milpsynth.classifier.context import context_text

from .contexts import guess_yes_no, li2023_contexts
from .data import read_jsonl, read_split

ROOT = Path(__file__).resolve().parents[1]
LI2023 = ROOT.parent / "shared" / "data" / "li2023"
HANDWRITTEN = [ROOT / "datasets" / "li2023_handwritten.jsonl", ROOT / "datasets" / "li2023_handwritten_2.jsonl"]

# the decisions of each generator class, named as a reader of its statements would (yes/no where
# the class decides yes/no)
CLASS_DECISIONS = {
    "inventory": (["order quantity", "stock level", "shortage"], False),
    "portfolio": (["fund 1", "fund 2", "fund 3", "bond 1"], False),
    "production": (["product 1", "product 2", "compound 1", "compound 2"], False),
    "transportation": (["shipments from plant 1 to store 1", "shipments from plant 2 to store 2"], False),
    "pollution": (["method 1 at factory 1", "method 2 at factory 2"], False),
    "tsp": (["leg from stop 1 to stop 2", "leg from stop 2 to stop 3"], True),
    "knapsack": (["item 1", "item 2", "item 3"], True),
    "binpacking": (["parcel 1 in box 1", "parcel 2 in box 1", "box 1 used"], True),
    "jobshop": (["start of order 1", "start of order 2", "makespan"], False),
    "netflow": (["flow on pipeline 1", "flow on pipeline 2"], False),
}


def generator_examples(per_class: int = 30, seed: int = 0) -> list[dict]:
    """Labelled statements of every generator class with that class's decisions as context."""
    import random

    from milpsynth.generators import CLASSES, training_paragraphs
    rng = random.Random(seed)
    out = []
    for c in CLASSES:
        names, yes_no = CLASS_DECISIONS[c]
        for row in training_paragraphs(per_class, seed=seed, include_core=True, classes=[c]):
            pos = "first" if row["label"] == 0 and rng.random() < 0.5 else rng.choice(["middle", "middle", "last"])
            out.append({**row, "context": context_text(names, yes_no, pos)})
    return out


def handwritten_examples() -> list[dict]:
    """datasets/*.jsonl with contexts: the entities of a logic paragraph as yes/no decisions, else none."""
    out = []
    for path in HANDWRITTEN:
        if not path.is_file():
            continue
        texts, labels = read_jsonl(path)
        for t, y in zip(texts, labels):
            ctx = context_text(guess_yes_no(t), True) if y >= 10 else context_text([])
            out.append({"text": t, "label": y, "context": ctx})
    return out


def li2023_split(split: str, data_dir: Path = LI2023) -> tuple[list[str], list[int], list[str]]:
    texts, labels = read_split(data_dir, split)
    return texts, labels, li2023_contexts(texts, labels)


def training_set(seed: int = 0, n_styles: int = 800, per_class: int = 30, data_dir: Path = LI2023,
                 li2023_indices: list[int] | None = None, version: int = 1,
                 n_styles_v2: int = 600) -> tuple[list[str], list[int], list[str]]:
    """(texts, fine labels, contexts) of the recipe; `li2023_indices` keeps only those li2023 train
    rows (cross-validation folds). `version` 2 adds `n_styles_v2` examples of the version-2 style
    families (`finetune.styles.style_examples_v2`); version 1 is the first context recipe."""
    from .styles import style_examples, style_examples_v2
    if version not in (1, 2):
        raise ValueError(f"recipe version must be 1 or 2, got {version!r}")
    t, y, c = li2023_split("train", data_dir)
    if li2023_indices is not None:
        keep = set(li2023_indices)
        t, y, c = ([v for i, v in enumerate(col) if i in keep] for col in (t, y, c))
    rows = handwritten_examples() + generator_examples(per_class, seed) + style_examples(n_styles, seed)
    if version == 2:
        rows += style_examples_v2(n_styles_v2, seed)
    return (t + [r["text"] for r in rows], y + [int(r["label"]) for r in rows], c + [r["context"] for r in rows])
