"""Hints for the prompt: the problem's kind picks (error, preventive hint) pairs from the data files.

hints/classes.json: the ten OPT-Engine classes, recognised by `milpsynth.classes.detector`;
hints/kinds.json: common word-problem kinds, recognised by how many of their cue words occur;
hints/checklist.json: general checks, each put in only where its words occur in the problem.
Only the hints that apply go into the prompt (`choose`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HINTS = Path(__file__).with_name("hints")
CLASS_MIN_PROB = 0.5


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    data = json.loads((HINTS / name).read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


@dataclass
class Hints:
    kinds: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"kinds": list(self.kinds), "hints": list(self.lines)}


def problem_class(text: str) -> str | None:
    """One of the ten OPT-Engine classes where the detector is confident of it, else None."""
    try:
        from ..classes.detector import detect
        label, evidence = detect(text)
    except Exception:    # noqa: BLE001 - no detector installed: no class hints
        return None
    if label in (None, "none") or evidence.get("probability", 0.0) < CLASS_MIN_PROB:
        return None
    return label


def word_kinds(text: str) -> list[str]:
    words = text.lower()
    out = []
    for kind, spec in _load("kinds.json").items():
        found = {c for c in spec["cues"] if re.search(r"\b" + re.escape(c) + r"\b", words)}
        if len(found) >= spec.get("min", 1):
            out.append(kind)
    return out


def choose(text: str, *, max_lines: int = 8) -> Hints:
    """The kinds the problem is taken for and the hint lines that apply, at most `max_lines`."""
    out = Hints()
    cls = problem_class(text)
    if cls is not None:
        out.kinds.append(cls)
        out.lines += [h["hint"] for h in _load("classes.json").get(cls, [])]
    for kind in word_kinds(text):
        out.kinds.append(kind)
        out.lines += [h["hint"] for h in _load("kinds.json")[kind]["hints"]]
    for item in _load("checklist.json")["items"]:
        if re.search(item["when"], text, re.I):
            out.lines.append(item["hint"])
    seen = []
    for line in out.lines:
        if line not in seen:
            seen.append(line)
    out.lines = seen[:max_lines]
    return out
