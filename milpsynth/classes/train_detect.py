"""Train the class detector (numpy softmax regression) and write milpsynth/classes/model/detector.json.

    python -m milpsynth.classes.train_detect [--per-combo 4] [--out PATH] [--cv]

Training texts: the project's own generator statements (10 classes x 3 scenarios x 3 levels x
none/objective/augment perturbations, `per_combo` seeds each) and, for `none`, NL4Opt documents,
li2023 paragraphs and MAMO work-half texts. --cv also reports a 5-fold cross-validated `none` rate
on the NL4Opt documents (the final model is trained on all of them).
"""
from __future__ import annotations

import argparse
import math

import numpy as np

from .corpus import li2023_paragraphs, mamo_work_texts, nl4opt_documents, own_corpus, tables_as_lists
from .detector import LABELS, MODEL_PATH, Detector, featurize


CUE_KINDS = "kfso"    # lexicon, format, shape and objective-direction features


def build_vocab(texts, min_df: int = 3, max_features: int = 4000, words: bool = False) -> tuple[list[str], np.ndarray]:
    """Feature names and idf. words=False (the shipped model): cue, format, shape and objective features
    only; the words of the generators' scenarios would not carry over to other wordings."""
    df: dict[str, int] = {}
    for t in texts:
        for k in featurize(t):
            df[k] = df.get(k, 0) + 1
    n = len(texts)
    keep = [k for k, c in df.items() if k[0] in CUE_KINDS or (words and c >= min_df)]
    keep.sort(key=lambda k: (k[0] not in "kfso", -df[k]))
    keep = keep[:max_features]
    idf = np.array([1.0 if k[0] in "kfso" else math.log((1 + n) / (1 + df[k])) + 1.0 for k in keep])
    return keep, idf


def fit(texts, labels, *, l2: float = 1e-3, epochs: int = 400, lr: float = 0.05, seed: int = 0,
        threshold: float = 0.2, none_weight: float = 0.25, words: bool = False) -> Detector:
    """Softmax regression with Adam, classes weighted equally (`none` by none_weight: its texts are
    many and easy, being prose without data lists)."""
    vocab, idf = build_vocab(texts, words=words)
    det = Detector(vocab, idf, np.zeros((len(LABELS), len(vocab))), np.zeros(len(LABELS)), LABELS, threshold)
    X = det.matrix(texts)
    y = np.array([LABELS.index(l) for l in labels])
    K = len(LABELS)
    Y = np.eye(K)[y]
    # class weights: every class counts the same in the loss
    cw = np.bincount(y, minlength=K).astype(float)
    cw = np.where(cw > 0, len(y) / (K * np.maximum(cw, 1)), 0.0)
    cw[LABELS.index("none")] *= none_weight
    sw = cw[y][:, None]
    W = np.zeros((K, X.shape[1]))
    b = np.zeros(K)
    mW, vW, mb, vb = (np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b))
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        Z = X @ W.T + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) * sw / len(y)
        gW = G.T @ X + l2 * W
        gb = G.sum(axis=0)
        mW = b1 * mW + (1 - b1) * gW
        vW = b2 * vW + (1 - b2) * gW ** 2
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb ** 2
        W -= lr * (mW / (1 - b1 ** t)) / (np.sqrt(vW / (1 - b2 ** t)) + eps)
        b -= lr * (mb / (1 - b1 ** t)) / (np.sqrt(vb / (1 - b2 ** t)) + eps)
    det.W, det.b = W, b
    return det


def training_set(per_combo: int = 3, seed: int = 0, extra_none=()):
    """Own statements as rendered (tables) and rewritten with bullet / pair / route lists, plus `none` texts."""
    texts, labels = [], []
    rng = np.random.default_rng(seed)
    for inst in own_corpus(per_combo=per_combo, seed=seed):
        texts += [inst["question"], tables_as_lists(inst["question"], rng)]
        labels += [inst["problem_class"]] * 2
    nones = list(nl4opt_documents()) + list(li2023_paragraphs()) + list(mamo_work_texts()) + list(extra_none)
    texts += nones
    labels += ["none"] * len(nones)
    return texts, labels


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-combo", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--cv", action="store_true", help="report 5-fold cross-validated none rate on NL4Opt")
    args = ap.parse_args(argv)
    texts, labels = training_set(args.per_combo, args.seed)
    print(f"{len(texts)} training texts ({labels.count('none')} none)")
    if args.cv:
        docs = nl4opt_documents()
        idx = np.arange(len(docs))
        rng = np.random.default_rng(0)
        rng.shuffle(idx)
        ok = 0
        for f in range(5):
            test = set(idx[f::5].tolist())
            tr = [(t, l) for t, l in zip(texts, labels) if t not in {docs[i] for i in test}]
            det = fit([t for t, _ in tr], [l for _, l in tr])
            pred = det.predict([docs[i] for i in sorted(test)])
            ok += sum(p is None for p in pred)
        print(f"NL4Opt none rate, 5-fold cross-validated: {ok}/{len(docs)} = {ok / len(docs):.3f}")
    det = fit(texts, labels)
    pred = det.predict(texts)
    acc = np.mean([(p or "none") == l for p, l in zip(pred, labels)])
    print(f"training accuracy {acc:.4f}")
    det.save(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
