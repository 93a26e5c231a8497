"""Class recognition: which of the ten OR classes a text states, or None.

A multinomial logistic regression (numpy only) over three kinds of features:
- TF-IDF of words and word pairs (numbers folded to one token),
- counts of class cue words (a small hand-written lexicon per class: 'tour', 'makespan', 'lead time'...),
- counts of data formats ('A to B: 12' pair lines, '(M1, 5) -> (M2, 3)' routes, '[lo, hi]' bounds,
  '{A, B}' sets, tables, bullets with numbers, coordinates, 't = 1, ..., T').
It is trained (`milpsynth.classes.train_detect`) on the project's own generator statements in every
scenario, level and perturbation, plus plain word problems (NL4Opt documents, li2023 paragraphs,
MAMO work-half texts) for `none`; the weights ship as model/detector.json.

A class is returned only when the text carries data in one of the formats the readers know (a list
or table of at least two rows, pair lines, routes or coordinates): prose-only word problems are None
whatever the words say. Among texts with such data, the likeliest class is returned when its
probability is at least `threshold`; when `none` is likeliest but below 0.85, the likeliest class is
returned as a weak recognition (evidence["fallback"]), which `formulate_class` turns into None when no
class reader can read the text.

Figures of the shipped model (classes/model/detector.json, 41 features): C^3-Bench work half 94/94
canonical, 59/59 constraint augmentation, 42/42 objective perturbation; None on 99/99 NL4Opt dev
documents (also 5-fold cross-validated) and 10/10 li2023 dev problems.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("model") / "detector.json"
LABELS = ("none", "tsp", "knapsack", "binpacking", "jobshop", "netflow", "inventory", "portfolio", "production",
          "transportation", "pollution")

LEXICON = {
    "tsp": r"\bvisit\w*|\btour\w*|\bcircuit\w*|\bitinerar\w*|\bround trip\b|\bloop\b|\breturn\w* to\b|\bback to\b|"
           r"\borigin\b|\bstarting point\b|\bexactly once\b|\bprecisely once\b|\btravel\w*\b|\bdistances?\b|"
           r"\bsequence of visits\b|\bsalesman\b|\bcities\b|\bsub-?tours?\b|\bcycl\w*\b|\bconcludes?\b",
    "knapsack": r"\bselect\w*\b|\bchoos\w*\b|\bsubset\b|\bcombination\b|\bknapsack\b|\bbackpack\b|\bpayload\b|"
                r"\bentirety\b|\bleft behind\b|\bindivisible\b|\bwhole or not\b|\btaken whole\b|\bin full or\b|"
                r"\bomitted\b|\binclude\w*\b|\bfully loaded\b|\butility\b|\bvalue\b|\bpick\w*\b|\bworth\b|"
                r"\bwithout exceeding\b|\bweight (?:limit|capacity)\b|\b(?:can|could) (?:carry|hold)\b|\bfit\b|"
                r"\btaken\b|\bleft out\b|\bsubset\b",
    "binpacking": r"\bbins?\b|\bfewest\b|\bminimum number of\b|\bas few\b|\bidentical\b|\bpack\w*\b|\bpallets?\b|"
                  r"\bassign\w*\b|\bexactly one (?:truck|bin|box|container|server|pallet|pod|plane|crate)\b|"
                  r"\bnumber of \w+ (?:used|required|deployed|needed|utili[sz]ed)\b|\bsmallest (?:possible )?"
                  r"(?:number|fleet)\b|"
                  r"\bno shortage of\b|\bunlimited\b|\bexactly one \w+\b|\bone and only one\b|\bidentical\b",
    "jobshop": r"\bmachines?\b|\bjobs?\b|\bmakespan\b|\bcompletion time\b|\binterrupt\w*\b|\bone (?:\w+ )?at a time\b|"
               r"\bprocessing\b|\bsteps?\b|\bstages?\b|\boperations?\b|\b(?:handling|processing) times?\b|"
               r"\bschedul\w*\b|\bmust be visited\b|\bmandatory (?:order|sequence)\b",
    "netflow": r"\barcs?\b|\blinks?\b|\blanes?\b|\bpipelines?\b|\btransmission\b|\bflows?\b|"
               r"\bcapacity = |\bcapacity limits?\b|\bflow limits?\b|\bwhole \w+ must be routed\b|"
               r"\bpower plants?\b|\bsubstations?\b|\broads?\b|\bexist\b",
    "transportation": r"\bsupply\b|\bsupplies\b|\bdemands?\b|\bship\w*\b|\bcost matrix\b|\bfrom each\b|\bto each\b|"
                      r"\bper unit\b|\bfrom / to\b|\bsources?\b|\bdestinations?\b|\bdispatch\w*\b|\ballocation\b|"
                      r"\brows and\b|\bin columns\b",
    "inventory": r"\binventor\w*\b|\bstock\w*\b|\border\w*\b|\blead[- ]?time\b|\bholding\b|\bbacklog\w*\b|"
                 r"\bshortage\w*\b|\breplenish\w*\b|\bprocurement\b|\bstorage\b|\bperiods?\b|\bweeks?\b|\bdays?\b|"
                 r"\bmonths?\b|\bunmet\b|\bhorizon\b|\bwarehouse capacity\b|\bt\s*=\s*1\b|\binitial (?:stock|inventory|"
                 r"reserve|fuel|number)\b|\brequisition\w*\b|\bdelay\b|\bintervals?\b|\bprocure\w*\b|\bshortfall\w*\b|"
                 r"\bstock-?outs?\b|\bcarried forward\b|\bdeferred\b|\bforfeit\w*\b|\bbatch\w*\b",
    "portfolio": r"\bportfolio\b|\binvest\w*\b|\bassets?\b|\breturns?\b|\brisk\w*\b|\ballocat\w*\b|\bbudget\b|"
                 r"\bshares?\b|\bproportions?\b|\bliquid\w*\b|\bfunds?\b|\bbonds?\b|\bfraction\b|\bsum to one\b|"
                 r"\bweights\b|\bprojects?\b",
    "production": r"\bproduc\w*\b|\bprofit\w*\b|\bhours\b|\bprocess\w*\b|\bstages?\b|\bmanufactur\w*\b|"
                  r"\bworkshops?\b|\breactors?\b|\bcapacit\w*\b|\brevenue\b|\bper ton\b|\btonnage\b|"
                  r"\bmaximum sales\b|\bavailable (?:hours|minutes)\b|\bcheckpoints?\b|\bcommodit\w*\b",
    "pollution": r"\bemission\w*\b|\bpollut\w*\b|\babatement\b|\breduc\w*\b|\bremov\w*\b|\bmethods?\b|\btreat\w*\b|"
                 r"\bpractices?\b|\bprotocols?\b|\bphosphorus\b|\bdefects?\b|\bmitigation\b|\bcontrol\b|"
                 r"\befficiency\b|\bP = ",
}
FORMATS = {
    "pairs": r"(?m)^\W{0,3}[^\n:]{1,40}?\s(?:to|-|–)\s[^\n:]{1,40}:\s*[-\d.,$]+",
    "routes": r"\(\s*[^,()\n]+,\s*\d+(?:\.\d+)?\s*\)\s*(?:→|->|⟶|=>)",
    "cells": r"\b[A-Z][a-z]+ \d+ \(\d+\)",
    "interval": r"\[\s*-?\d[\d.,]*\s*,\s*-?\d[\d.,]*\s*\]",
    "set": r"\{[^{}\n]{1,120}\}",
    "coords": r"(?m)^\W{0,3}[A-Z][^\n:]{0,40}:[^\n(]{0,40}\(\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*\)",
    "table": r"(?m)^\s*\|.*\|\s*$",
    "bullets": r"(?m)^\s*(?:[*•·-]|\d+[.)])\s*[^\n]*\d",
    "t_range": r"\bt\s*=\s*1\b",
    "from_block": r"(?m)^\W{0,3}From [^\n:]{1,40}:\s*$",
    "percent": r"\d\s*%",
    "money": r"\$\s*\d",
    "decimals3": r"\b\d+\.\d{3}\b",
}
_FMT = {k: re.compile(v) for k, v in FORMATS.items()}
_LEX = {k: re.compile(v, re.I) for k, v in LEXICON.items()}


def _words(text: str) -> list[str]:
    t = text.lower()
    t = re.sub(r"\d+(?:[.,]\d+)*", " 0 ", t)
    return re.findall(r"[a-z]{2,}|0", t)


def featurize(text: str) -> dict[str, float]:
    """Raw feature counts of a text (word and word-pair counts, cue and format counts)."""
    w = _words(text)
    out: dict[str, float] = {}
    for x in w:
        out["w:" + x] = out.get("w:" + x, 0.0) + 1.0
    for a, b in zip(w, w[1:]):
        k = "b:" + a + "_" + b
        out[k] = out.get(k, 0.0) + 1.0
    prose = "\n".join(ln for ln in text.split("\n") if not re.match(r"\s*(?:[*•·|-]|\d+[.)]\s)", ln))
    for k, rx in _LEX.items():
        out["k:" + k] = math.log1p(len(rx.findall(prose)))
    for k, rx in _FMT.items():
        out["f:" + k] = math.log1p(len(rx.findall(text)))
    out.update(shape_features(text))
    out["f:structured"] = 1.0 if has_structure(text) else 0.0
    return out


_OBJ = {"max": r"\bmaximi[sz]\w*|\bhighest\b|\blargest\b|\bas (?:much|large|high)\b|\bgreatest\b",
        "min": r"\bminimi[sz]\w*|\blowest\b|\bsmallest\b|\bas (?:small|low|little|cheap\w*)\b|\bleast\b|\bcheapest\b|"
               r"\bshortest\b|\bminimal\b",
        "fewest": r"\bfewest\b|\bminimum number\b|\bsmallest (?:possible )?(?:number|fleet)\b|\bas few\b|"
                  r"\bnumber of \w+ (?:used|required|deployed|needed|utili[sz]ed)\b|\bminimal (?:possible )?number\b|"
                  r"\bcount should\b"}
_OBJ_RE = {k: re.compile(v, re.I) for k, v in _OBJ.items()}


def shape_features(text: str) -> dict[str, float]:
    """What the format readers find: item lists by values per item, pair lists, routes, square tables."""
    from . import readers as R
    from .text import Doc
    out: dict[str, float] = {}
    try:
        doc = Doc(text)
        tables = R.read_tables(doc)
        routes = R.read_routes(doc)
        coords = R.read_coords(doc)
        pairs = R.read_pairs(doc)
        lists = R.read_items(doc)
    except Exception:   # noqa: BLE001 - features must never fail
        return out
    sq = sum(1 for t in tables if t.header and [h.strip() for h in t.header[1:]] == t.labels() and len(t.rows) >= 3)
    out["s:square_table"] = math.log1p(sq)
    out["s:table_cols"] = math.log1p(max([len(t.header) - 1 for t in tables if t.header] + [0]))
    out["s:matrix_table"] = math.log1p(sum(1 for t in tables if t.header and len(t.header) >= 3 and len(t.rows) >= 2
                                           and (not t.header[0].strip() or re.search(r"[/\\]", t.header[0]))))
    out["s:arc_table"] = math.log1p(sum(1 for t in tables if t.col(r"^\s*from\b", 0) is not None
                                        and t.col(r"capacit") is not None))
    out["s:tables"] = math.log1p(len(tables))
    out["s:routes"] = math.log1p(len(routes))
    out["s:coords"] = math.log1p(len(coords))
    out["s:pairs1"] = math.log1p(sum(1 for p in pairs if len(p.fields) == 1))
    out["s:pairs2"] = math.log1p(sum(1 for p in pairs if len(p.fields) >= 2))
    for lst in lists:
        for it in lst.items:
            k = min(len(it.fields), 3)
            key = f"s:items{k}"
            out[key] = out.get(key, 0.0) + 1.0
            if any(len(f.values) == 2 for f in it.fields):
                out["s:interval_items"] = out.get("s:interval_items", 0.0) + 1.0
    out["s:lists"] = float(len(lists))
    for k in ("s:items1", "s:items2", "s:items3", "s:interval_items", "s:lists"):
        out[k] = math.log1p(out.get(k, 0.0))
    for k, rx in _OBJ_RE.items():
        out["o:" + k] = math.log1p(len(rx.findall(text)))
    return out


def has_structure(text: str) -> bool:
    """Whether the text carries data in a format the readers know (two or more rows, pairs, routes...)."""
    counts = {k: len(rx.findall(text)) for k, rx in _FMT.items()}
    return (counts["bullets"] >= 2 or counts["table"] >= 3 or counts["pairs"] >= 3 or counts["routes"] >= 2
            or counts["cells"] >= 2 or counts["coords"] >= 3)


class Detector:
    """Softmax regression over TF-IDF word features and cue / format counts."""

    def __init__(self, vocab: list[str], idf: np.ndarray, W: np.ndarray, b: np.ndarray, labels=LABELS,
                 threshold: float = 0.2):
        self.vocab = list(vocab)
        self.index = {t: i for i, t in enumerate(self.vocab)}
        self.idf = np.asarray(idf, dtype=float)
        self.W = np.asarray(W, dtype=float)
        self.b = np.asarray(b, dtype=float)
        self.labels = tuple(labels)
        self.threshold = float(threshold)

    # ---- features ------------------------------------------------------------------------------
    def vector(self, text: str) -> np.ndarray:
        return self.matrix([text])[0]

    def matrix(self, texts) -> np.ndarray:
        X = np.zeros((len(texts), len(self.vocab)))
        for r, t in enumerate(texts):
            for k, v in featurize(t).items():
                j = self.index.get(k)
                if j is not None:
                    X[r, j] = (1.0 + math.log(v)) if k[0] in "wb" and v > 0 else v
        X *= self.idf
        wb = np.array([k[0] in "wb" for k in self.vocab])
        norm = np.linalg.norm(X[:, wb], axis=1, keepdims=True)
        X[:, wb] /= np.maximum(norm, 1e-12)
        return X

    def predict_proba(self, texts) -> np.ndarray:
        Z = self.matrix(texts) @ self.W.T + self.b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        return P / P.sum(axis=1, keepdims=True)

    def predict(self, texts) -> list[str | None]:
        out = []
        for t, p in zip(texts, self.predict_proba(texts)):
            k = int(np.argmax(p))
            lab = self.labels[k]
            out.append(None if lab == "none" or p[k] < self.threshold or not has_structure(t) else lab)
        return out

    # ---- persistence ---------------------------------------------------------------------------
    def to_json(self) -> dict:
        W = np.round(self.W, 4)
        return {"format": "milpsynth-class-detector/1", "labels": list(self.labels), "threshold": self.threshold,
                "vocab": self.vocab, "idf": np.round(self.idf, 4).tolist(), "b": np.round(self.b, 4).tolist(),
                "W": [{str(j): float(v) for j, v in enumerate(row) if abs(v) >= 1e-4} for row in W]}

    @classmethod
    def from_json(cls, d: dict) -> "Detector":
        V = len(d["vocab"])
        W = np.zeros((len(d["labels"]), V))
        for r, row in enumerate(d["W"]):
            for j, v in row.items():
                W[r, int(j)] = v
        return cls(d["vocab"], np.asarray(d["idf"]), W, np.asarray(d["b"]), d["labels"], d.get("threshold", 0.2))

    def save(self, path=MODEL_PATH) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(self.to_json(), separators=(",", ":")), encoding="utf-8")


@lru_cache(maxsize=1)
def load(path: str | None = None) -> Detector:
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        raise FileNotFoundError(f"no class detector at {p}; train one with `python -m milpsynth.classes.train_detect`")
    return Detector.from_json(json.loads(p.read_text(encoding="utf-8")))


def detect(text: str, detector: Detector | None = None) -> tuple[str | None, dict]:
    """(class name or None, evidence): evidence holds the probability, the runner-up, the cue words found
    and whether the text carries data in a known format."""
    det = detector or load()
    p = det.predict_proba([text])[0]
    order = np.argsort(-p)
    k = int(order[0])
    lab = det.labels[k]
    structure = has_structure(text)
    cues = []
    if lab in LEXICON:
        cues = sorted({m.group(0).lower() for m in _LEX[lab].finditer(text)})[:8]
    ev = {"probability": float(p[k]), "label": lab, "runner_up": det.labels[int(order[1])],
          "runner_up_probability": float(p[int(order[1])]), "cues": cues, "structure": structure,
          "ranked": [(det.labels[int(j)], float(p[int(j)])) for j in order[:4]]}
    if lab == "none" and structure and p[k] < 0.85:
        # data in a known format but few cue words: the likeliest class, if it is likely enough (a weak
        # recognition: formulate_class returns None when that class's reader cannot read the text)
        j = int(next(j for j in order if det.labels[int(j)] != "none"))
        if p[j] >= 0.1:
            k, lab = j, det.labels[j]
            ev.update(probability=float(p[j]), label=lab, fallback="none was likeliest (p={:.2f}) but the text "
                      "carries class data".format(float(p[int(order[0])])))
            ev["cues"] = sorted({m.group(0).lower() for m in _LEX[lab].finditer(text)})[:8] if lab in _LEX else []
    if lab == "none" or (p[k] < det.threshold and "fallback" not in ev) or not structure:
        ev["why_none"] = ("the classifier says none" if lab == "none" else
                          f"probability {p[k]:.2f} below {det.threshold}" if p[k] < det.threshold else
                          "no data list, table, pair list or route in the text")
        return None, ev
    return lab, ev
