"""Contexts for the li2023 paragraphs: each paragraph's problem decisions, as inference will see them.

The li2023 paragraphs of types 0-9 were cut from the 99 NL4Opt development documents
(`../shared/data/nl4opt/generation_dev.jsonl`). Each paragraph is matched to the document sharing
most of its word trigrams; that document goes through the split and variables stages (as the
pipeline runs them before classify) and the decisions found are the paragraph's context, its place
in the document its position. Paragraphs without a document (the hand-written logic ones, types
10-13, and the project's own `datasets/` files) get the entities they name as yes/no decisions
(`guess_yes_no`), or no decisions.

    python -m finetune.contexts            # cache runs/contexts_li2023.json (about a minute)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from milpsynth.classifier.context import context_text, position_word

ROOT = Path(__file__).resolve().parents[1]
NL4OPT = ROOT.parent / "shared" / "data" / "nl4opt" / "generation_dev.jsonl"
CACHE = ROOT / "runs" / "contexts_nl4opt.json"
_W = re.compile(r"[a-z0-9]+")


def _trigrams(text: str) -> set[tuple[str, ...]]:
    w = _W.findall(text.lower())
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}


def nl4opt_documents(path: Path = NL4OPT) -> list[str]:
    if not path.is_file():
        return []
    return [next(iter(json.loads(line).values()))["document"] for line in path.read_text().splitlines() if line.strip()]


def document_decisions(docs: list[str], cache: Path = CACHE) -> list[dict]:
    """For each document: {"names", "yes_no", "paragraphs"} from the split and variables stages
    (cached in `cache`, keyed by the documents' text)."""
    if cache.is_file():
        data = json.loads(cache.read_text())
        if data.get("docs") == [d[:80] for d in docs]:
            return data["decisions"]
    from milpsynth.api import make_problem
    from milpsynth.classifier.context import decision_names
    from milpsynth.pipeline import create
    split, variables = create("split", "statements"), create("variables", "auto")
    out = []
    for d in docs:
        try:
            p = variables(split(make_problem(d)))
            names, yes_no = decision_names(p)
            out.append({"names": names, "yes_no": yes_no, "paragraphs": [q.text for q in p.paragraphs]})
        except Exception as exc:     # a document the stages cannot read: no decisions
            out.append({"names": [], "yes_no": False, "paragraphs": [], "error": f"{type(exc).__name__}: {exc}"})
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"docs": [d[:80] for d in docs], "decisions": out}))
    return out


_ENTITY = re.compile(r"\b(?:(?i:project|option|site|location|warehouse|candidate|property|plan|route|"
                     r"item|investment|city|store|supplier|machine|factory|product|component|container|task|session|"
                     r"course|team|fund|package|module|unit|station|hub|link|road)"
                     r"\s+[A-Z0-9]\w*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
_NOT_NAMES = {"If", "The", "They", "He", "She", "It", "Either", "Neither", "Exactly", "At", "Only", "But",
              "Both", "When", "Unless", "In", "A", "An", "Of", "One", "No", "This", "That", "There", "We",
              "Each", "Any", "For", "To", "And", "Or", "Not", "Should", "Whenever", "Provided", "Then"}


def guess_yes_no(text: str) -> list[str]:
    """The entities a logic paragraph names ('project A', 'Harry'): the yes/no decisions it is about."""
    out = []
    for m in _ENTITY.finditer(text):
        name = m.group(0)
        if name.split()[0] in _NOT_NAMES and len(name.split()) == 1:
            continue
        if name.split()[0] in _NOT_NAMES:
            name = " ".join(name.split()[1:])
        if name and name not in out:
            out.append(name)
    return out[:6]


def li2023_contexts(texts: list[str], labels: list[int], docs: list[str] | None = None) -> list[str]:
    """One context per li2023 paragraph (see the module docstring)."""
    docs = nl4opt_documents() if docs is None else docs
    decided = document_decisions(docs) if docs else []
    grams = [_trigrams(d) for d in docs]
    out = []
    for text, label in zip(texts, labels):
        g = _trigrams(text)
        best, score = None, 0.0
        if g and label < 10:
            for i, dg in enumerate(grams):
                s = len(g & dg) / len(g)
                if s > score:
                    best, score = i, s
        if best is not None and score >= 0.5:
            info = decided[best]
            paras = info["paragraphs"] or [docs[best]]
            idx = max(range(len(paras)), key=lambda j: len(g & _trigrams(paras[j])))
            out.append(context_text(info["names"], info["yes_no"], position_word(idx, len(paras))))
        elif label >= 10:
            out.append(context_text(guess_yes_no(text), True, "middle"))
        else:
            out.append(context_text([], False, "middle"))
    return out


def main() -> int:
    docs = nl4opt_documents()
    dec = document_decisions(docs)
    print(f"{len(dec)} documents; {sum(1 for d in dec if d['names'])} with decisions; cache {CACHE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
