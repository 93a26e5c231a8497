"""Batched, length-bucketed inference over a merged classifier: the numpy encoder, or a torch model
(optionally int8-quantised, or on a GPU)."""
from __future__ import annotations

from typing import Callable

import numpy as np

Forward = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def quantize_int8(model):
    """Dynamic int8 quantisation of the Linear layers (CPU only); returns the quantised model."""
    import torch
    from torch.ao.quantization import quantize_dynamic
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def _is_numpy(model) -> bool:
    from .numpy_encoder import NumpyBert
    return isinstance(model, NumpyBert)


def num_labels(model) -> int:
    """Outputs of a numpy encoder or a transformers model."""
    return model.num_labels if _is_numpy(model) else model.config.num_labels


def forward_fn(model, *, device: str = "cpu", dtype=None, token_type_ids: bool = False) -> Forward:
    """`f(input_ids, attention_mask, token_type_ids)` (int64 arrays (batch, width)) -> float32 logits
    as a numpy array. The numpy encoder is that already; a torch model is wrapped (inference mode,
    autocast to `dtype` on a GPU, the token types passed when `token_type_ids`)."""
    if _is_numpy(model):
        return model
    import torch

    def forward(ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        kw = {"input_ids": torch.from_numpy(ids).to(device), "attention_mask": torch.from_numpy(mask).to(device)}
        if token_type_ids:
            kw["token_type_ids"] = torch.from_numpy(types).to(device)
        with torch.inference_mode():
            if dtype is not None and device != "cpu":
                with torch.autocast(device_type="cuda", dtype=dtype):
                    logits = model(**kw).logits
            else:
                logits = model(**kw).logits
            return logits.float().cpu().numpy()
    return forward


def length_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Indices sorted by length and cut into batches, so each is padded only to its own longest member."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    return [order[s:s + batch_size] for s in range(0, len(order), batch_size)]


def pad_batch(seqs: list[list[int]], pad: int, types: list[list[int]] | None = None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(input_ids, attention_mask, token_type_ids), int64 (len(seqs), longest), padded on the right
    (token types 0 where `types` is None and on the padding)."""
    width = max(len(s) for s in seqs)
    ids = np.full((len(seqs), width), pad, dtype=np.int64)
    mask = np.zeros((len(seqs), width), dtype=np.int64)
    tt = np.zeros((len(seqs), width), dtype=np.int64)
    for row, s in enumerate(seqs):
        ids[row, :len(s)] = s
        mask[row, :len(s)] = 1
        if types is not None:
            tt[row, :len(s)] = types[row]
    return ids, mask, tt


def predict_logits(model, tokenizer, texts: list[str], *, batch_size: int = 64, max_length: int = 128,
                   device: str = "cpu", dtype=None, contexts: list[str] | None = None,
                   workers: int = 1) -> np.ndarray:
    """Logits (n, n_labels) in float32, in the order of `texts`.

    With `contexts` each input is the text pair (context, paragraph): `[CLS] context [SEP] paragraph
    [SEP]`, token types 0 then 1 (the tokenizer's pair encoding, truncated longest-first).
    Texts are tokenised once, sorted by length and cut into batches padded only to their own longest
    member, so short paragraphs do not pay for long ones.
    `workers` > 1 (the numpy encoder only): that many batches run at a time in threads, each with one
    BLAS thread (numpy's element-wise work then runs on every core too, not only the matrix
    products); the logits equal one batch at a time's up to float32 rounding (one BLAS thread sums
    in another order than two).
    """
    n = len(texts)
    out = np.zeros((n, num_labels(model)), dtype=np.float32)
    if n == 0:
        return out
    if contexts is not None:
        enc = tokenizer(list(contexts), list(texts), truncation=True, max_length=max_length)
    else:
        enc = tokenizer(list(texts), truncation=True, max_length=max_length)
    ids = enc["input_ids"]
    types = enc.get("token_type_ids")
    forward = forward_fn(model, device=device, dtype=dtype, token_type_ids=types is not None)
    pad = tokenizer.pad_token_id or 0
    batches = length_batches([len(x) for x in ids], batch_size)

    def run(idx):
        out[idx] = forward(*pad_batch([ids[i] for i in idx], pad, None if types is None else [types[i] for i in idx]))

    if workers > 1 and len(batches) > 1 and _is_numpy(model):
        _in_threads(run, batches, workers)
    else:
        for idx in batches:
            run(idx)
    return out


def _in_threads(run, batches, workers: int) -> None:
    """`run(batch)` for every batch, `workers` at a time, BLAS at one thread each meanwhile (the
    limit is lifted afterwards; without threadpoolctl the batches run one at a time)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        for idx in batches:
            run(idx)
        return
    from concurrent.futures import ThreadPoolExecutor
    # the longest batches first, so that no worker is left with a long one at the end
    order = list(reversed(batches))
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(run, order):
            pass


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
