"""Evaluate a classifier on a (text, fine label) file: JSON report + confusion-matrix PNG.

    python -m finetune.evaluate --model milpsynth/classifier/model --data ../shared/data/li2023/val.jsonl --out report/
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from milpsynth.labels import FINE_TO_TYPE, N_FINE, TYPE_NAMES

N_TYPES = len(TYPE_NAMES)


def confusion(true, pred, n: int) -> list[list[int]]:
    m = np.zeros((n, n), dtype=int)
    for t, p in zip(true, pred):
        m[t, p] += 1
    return m.tolist()


def report(texts, fine_true, fine_pred, type_pred, probs=None) -> dict:
    """Accuracies (fine, coarse), per-type precision/recall, confusion matrix, the errors."""
    fine_true = [int(y) for y in fine_true]
    type_true = [FINE_TO_TYPE[y] for y in fine_true]
    n = len(texts)
    acc_f = sum(a == b for a, b in zip(fine_true, fine_pred)) / n
    acc_c = sum(a == b for a, b in zip(type_true, type_pred)) / n
    per_type = {}
    for t in range(N_TYPES):
        tp = sum(a == t and b == t for a, b in zip(type_true, type_pred))
        n_pred = sum(b == t for b in type_pred)
        n_true = sum(a == t for a in type_true)
        per_type[str(t)] = {"name": TYPE_NAMES[t], "support": n_true,
                            "precision": tp / n_pred if n_pred else None,
                            "recall": tp / n_true if n_true else None}
    errors = [{"text": texts[i], "true_type": type_true[i], "pred_type": int(type_pred[i]),
               "true_fine": fine_true[i], "pred_fine": int(fine_pred[i]),
               **({"prob": float(probs[i])} if probs is not None else {})}
              for i in range(n) if type_true[i] != type_pred[i]]
    fine_errors = [{"text": texts[i], "true_fine": fine_true[i], "pred_fine": int(fine_pred[i])}
                   for i in range(n) if fine_true[i] != fine_pred[i] and type_true[i] == type_pred[i]]
    return {"n": n, "accuracy_fine": acc_f, "accuracy_coarse": acc_c,
            "errors_coarse": n - round(acc_c * n), "errors_fine": n - round(acc_f * n),
            "per_type": per_type, "confusion_coarse": confusion(type_true, type_pred, N_TYPES),
            "confusion_fine": confusion(fine_true, fine_pred, N_FINE),
            "misclassified": errors, "fine_only_errors": fine_errors}


def evaluate(clf, texts, labels, contexts=None) -> dict:
    preds = clf.predict(texts, contexts=contexts) if contexts is not None else clf.predict(texts)
    return report(texts, labels, [p.fine for p in preds], [p.type for p in preds], [p.prob for p in preds])


def write_report(rep: dict, out_dir, stem: str = "eval") -> Path:
    from .png import confusion_png
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(rep, indent=2) + "\n")
    confusion_png(out / f"{stem}_confusion.png", rep["confusion_coarse"])
    return out / f"{stem}.json"


def main(argv=None) -> int:
    from milpsynth.classifier import load_classifier

    from .data import read_jsonl
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="classifier directory (default: the shipped one)")
    ap.add_argument("--data", required=True, help="JSON lines with text and fine label")
    ap.add_argument("--out", required=True, help="directory for eval.json and eval_confusion.png")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--quantize", action=argparse.BooleanOptionalAction, default=None)
    ap.add_argument("--align-direction", action=argparse.BooleanOptionalAction, default=True,
                    help="direction-consistent decoding (default); --no-align-direction: the encoder alone")
    a = ap.parse_args(argv)
    texts, labels = read_jsonl(a.data)
    clf = load_classifier(a.model, threads=a.threads, quantize=a.quantize, align_direction=a.align_direction)
    rep = evaluate(clf, texts, labels)
    path = write_report(rep, a.out)
    print(f"coarse accuracy {rep['accuracy_coarse']:.4f}  fine accuracy {rep['accuracy_fine']:.4f}  "
          f"({rep['errors_coarse']} / {rep['n']} wrong types) -> {path}")
    for e in rep["misclassified"]:
        print(f"  true {e['true_type']:>2} pred {e['pred_type']:>2} ({e['prob']:.2f}): {e['text'][:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
