"""Words -> model inputs: sub-word windows of at most `max_length` tokens, the first sub-token of
each word carrying its label (the others -100), and per-word scores back from the model's logits.

A document longer than one window is cut at word starts into windows overlapping by half; each word
is read from the window where it sits furthest from an edge, so no word is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

IGNORE = -100


@dataclass
class Window:
    doc: int
    input_ids: list[int]
    positions: list[tuple[int, int]]      # (word index, token position in input_ids) of first sub-tokens


def _spans(word_starts: list[int], n: int, room: int) -> list[tuple[int, int]]:
    """[start, end) sub-token ranges of the windows; cuts fall on word starts where possible."""
    if n <= room:
        return [(0, n)]
    out, s = [], 0
    while True:
        limit = s + room
        if limit >= n:
            out.append((s, n))
            return out
        cuts = [p for p in word_starts if s < p <= limit]
        e = cuts[-1] if cuts else limit
        out.append((s, e))
        nxt = [p for p in word_starts if e - room // 2 <= p < e and p > s]
        s = nxt[0] if nxt else e


def _specials(tokenizer) -> tuple[list[int], list[int]]:
    """The special tokens around one sequence: [CLS] ... [SEP] (BERT) or <s> ... </s>."""
    first = tokenizer.cls_token_id if tokenizer.cls_token_id is not None else tokenizer.bos_token_id
    last = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
    return ([first] if first is not None else []), ([last] if last is not None else [])


def doc_windows(tokenizer, words, doc: int, max_length: int) -> tuple[list[Window], dict[int, int]]:
    """Windows of one document and, for each word that has a sub-token, the index (in the returned
    list) of the window it is read from. Words the tokenizer maps to nothing have no entry."""
    enc = tokenizer(list(words), is_split_into_words=True, add_special_tokens=False)
    ids, wids = enc["input_ids"], enc.word_ids()
    first: dict[int, int] = {}
    for k, w in enumerate(wids):
        if w is not None and w not in first:
            first[w] = k
    head, tail = _specials(tokenizer)
    room = max_length - len(head) - len(tail)
    if room < 1:
        raise ValueError(f"max_length {max_length} leaves no room for text")
    lead = len(head)
    windows, owner, best = [], {}, {}
    for s, e in _spans(sorted(first.values()), len(ids), room):
        full = head + ids[s:e] + tail
        pos = [(w, k - s + lead) for w, k in first.items() if s <= k < e]
        for w, k in first.items():
            if s <= k < e:
                margin = min(k - s, e - 1 - k)
                if margin > best.get(w, -1):
                    best[w], owner[w] = margin, len(windows)
        windows.append(Window(doc, full, sorted(pos)))
    return windows, owner


def training_features(tokenizer, docs, tag_ids, max_length: int) -> dict[str, list]:
    """input_ids / attention_mask / labels of every window of `docs` (word lists) with `tag_ids`."""
    feats: dict[str, list] = {"input_ids": [], "attention_mask": [], "labels": []}
    for d, (words, tags) in enumerate(zip(docs, tag_ids)):
        for win in doc_windows(tokenizer, words, d, max_length)[0]:
            labels = [IGNORE] * len(win.input_ids)
            for w, pos in win.positions:
                labels[pos] = int(tags[w])
            feats["input_ids"].append(win.input_ids)
            feats["attention_mask"].append([1] * len(win.input_ids))
            feats["labels"].append(labels)
    return feats


def word_log_probs(model, tokenizer, docs, *, max_length: int, batch_size: int = 32, device: str = "cpu",
                   dtype=None) -> list[np.ndarray]:
    """Per document, an array (n_words, n_tags) of log-probabilities read at each word's first
    sub-token (rows of words without a sub-token: log 1 for "O", tag 0, and -inf elsewhere).
    `model`: the numpy encoder or a torch token-classification model (see `classifier.inference`)."""
    from ..classifier.inference import forward_fn, length_batches, num_labels, pad_batch
    from ..classifier.numpy_encoder import log_softmax
    n_tags = num_labels(model)
    windows, owners = [], []
    for d, words in enumerate(docs):
        ws, owner = doc_windows(tokenizer, words, d, max_length)
        owners.append({w: len(windows) + i for w, i in owner.items()})
        windows.extend(ws)
    forward = forward_fn(model, device=device, dtype=dtype)
    pad = tokenizer.pad_token_id or 0
    scores: list[np.ndarray | None] = [None] * len(windows)
    for idx in length_batches([len(w.input_ids) for w in windows], batch_size):
        lp = log_softmax(forward(*pad_batch([windows[i].input_ids for i in idx], pad)))
        for row, i in enumerate(idx):
            scores[i] = lp[row]
    out = []
    for d, words in enumerate(docs):
        arr = np.full((len(words), n_tags), -np.inf, dtype=np.float32)
        arr[:, 0] = 0.0
        for w, wi in owners[d].items():
            pos = dict(windows[wi].positions)[w]
            arr[w] = scores[wi][pos]
        out.append(arr)
    return out
