"""A BERT encoder in plain numpy for CPU inference: no torch, transformers or peft to import.

The base weights (`model.safetensors` + `config.json` of a BERT directory) are read with
`safetensors.numpy`; a peft LoRA adapter is merged into them once at load, exactly as peft's
`merge_and_unload` does (W += B @ A * alpha / r; the heads in `modules_to_save` replace the base's),
everything in float32. `NumpyBert(input_ids, attention_mask)` gives the logits of a
`BertForSequenceClassification` (pooler tanh on [CLS], then the classifier) or of a
`BertForTokenClassification` (the classifier on every position), as transformers computes them in
eval mode (dropout off). A third argument, `token_type_ids`, carries the segments of a text pair
(0 = first text, 1 = second), as BERT's token type embeddings read them; without it every token is
segment 0.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np

F32 = np.float32
KINDS = ("sequence", "token")
TOKEN_BLOCK = 4096            # tokens per forward pass: bounds the activations' memory
ATTENTION_BLOCK = 1 << 21     # attention scores computed at a time (8 MB)

# erf on float32: a rational approximation on [-4, 4] (erf is +-1 to float32 precision beyond);
# |error| < 5e-7 over the real line, relative error < 3e-7 near 0 (tests/test_numpy_runtime.py).
_ERF_P = tuple(F32(c) for c in (-2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06,
                                -5.69250639462346e-05, -7.34990630326855e-04, -2.95459980854025e-03,
                                -1.60960333262415e-02))
_ERF_Q = tuple(F32(c) for c in (-1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03,
                                -7.37332916720468e-03, -1.42647390514189e-02))


def erf(x: np.ndarray) -> np.ndarray:
    """The error function, elementwise, float32-accurate (numpy has none, scipy is slow to import)."""
    u = np.clip(x, F32(-4), F32(4))
    x2 = u * u
    p = x2 * _ERF_P[0]
    p += _ERF_P[1]
    for c in _ERF_P[2:]:
        p *= x2
        p += c
    q = x2 * _ERF_Q[0]
    q += _ERF_Q[1]
    for c in _ERF_Q[2:]:
        q *= x2
        q += c
    p *= u
    p /= q
    return p


def gelu_(x: np.ndarray, block: int = 1 << 15) -> np.ndarray:
    """Exact (erf) GELU, as transformers' "gelu": x * (1 + erf(x / sqrt 2)) / 2, computed in place
    on a C-contiguous float32 `x` (returned), a cache-sized block at a time."""
    flat = x.reshape(-1)
    for s in range(0, flat.size, block):
        v = flat[s:s + block]
        e = erf(v * F32(1 / math.sqrt(2)))
        e += F32(1)
        v *= e
        v *= F32(0.5)
    return x


def layer_norm_(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    """LayerNorm over the last axis of a 2-D float32 `x`, in place (returned)."""
    x -= x.mean(-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x)[:, None]
    var *= F32(1 / x.shape[-1])
    var += F32(eps)
    x *= F32(1) / np.sqrt(var)
    x *= weight
    x += bias
    return x


def softmax_(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along `axis`, in place on float `x` (returned)."""
    x -= x.max(axis, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis, keepdims=True)
    return x


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    z = x - x.max(axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis, keepdims=True))


# --- weights ------------------------------------------------------------------------------------
def _name(key: str) -> str:
    """A checkpoint or adapter key as the BertModel / head name: "encoder.layer.0...", "classifier.weight"."""
    key = key.removeprefix("base_model.model.").replace(".modules_to_save.default.", ".")
    return key.removeprefix("bert.")


def merge_lora(weights: dict[str, np.ndarray], adapter_dir) -> dict[str, np.ndarray]:
    """`weights` with the peft LoRA adapter in `adapter_dir` merged in (as `merge_and_unload`):
    each target Linear gets W += (B @ A) * scaling, scaling = alpha / r (alpha / sqrt r with rsLoRA);
    the other tensors of the adapter (its `modules_to_save`: pooler, classifier) replace the base's."""
    from safetensors.numpy import load_file
    a = Path(adapter_dir)
    cfg = json.loads((a / "adapter_config.json").read_text())
    problem = _adapter_problem(cfg)
    if problem:
        raise ValueError(f"{a}: {problem}")
    # fan_in_fan_out is meaningless for nn.Linear (BERT): peft resets it to False there, and so do we.
    alpha = float(cfg["lora_alpha"])
    out = dict(weights)
    adapter = {_name(k): v for k, v in load_file(str(a / "adapter_model.safetensors")).items()}
    for key, val in adapter.items():
        m = re.fullmatch(r"(.+)\.lora_([AB])(?:\.default)?\.weight", key)
        if m is None:
            out[key] = val.astype(F32, copy=False)         # modules_to_save
        elif m[2] == "A":
            lora_b = adapter[key.replace(".lora_A", ".lora_B")]
            r = val.shape[0]                                  # rank_pattern is honoured by the shapes
            scale = alpha / (math.sqrt(r) if cfg.get("use_rslora") else r)
            target = f"{m[1]}.weight"
            if target not in out:
                raise ValueError(f"{a}: LoRA target {m[1]!r} is not in the base model")
            out[target] = out[target] + (lora_b.astype(F32) @ val.astype(F32)) * F32(scale)
    return out


def _adapter_problem(cfg: dict) -> str | None:
    unsupported = [k for k in ("use_dora", "lora_bias", "alpha_pattern", "target_parameters") if cfg.get(k)]
    if cfg.get("peft_type", "LORA") != "LORA" or unsupported:
        return (f"the numpy runtime merges plain LoRA adapters only (peft_type {cfg.get('peft_type')!r}"
                f"{', ' if unsupported else ''}{', '.join(unsupported)})")
    return None


def numpy_unsupported(base_dir, adapter_dir=None) -> str | None:
    """Why the numpy runtime cannot run the base in `base_dir` with the adapter in `adapter_dir`
    (None when it can)."""
    import importlib.util
    p = Path(base_dir)
    if adapter_dir is not None and (Path(adapter_dir) / "adapter_config.json").is_file():
        problem = _adapter_problem(json.loads((Path(adapter_dir) / "adapter_config.json").read_text()))
        if problem:
            return problem
    for mod in ("tokenizers", "safetensors"):
        if importlib.util.find_spec(mod) is None:
            return f"the {mod!r} package is not installed"
    for f in ("config.json", "model.safetensors", "tokenizer.json"):
        if not (p / f).is_file():
            return f"{p} has no {f}"
    cfg = json.loads((p / "config.json").read_text())
    if cfg.get("model_type") != "bert":
        return f"model_type {cfg.get('model_type')!r} (the numpy runtime runs BERT only)"
    if cfg.get("hidden_act", "gelu") != "gelu" or cfg.get("position_embedding_type", "absolute") != "absolute":
        return "a BERT variant (activation or position embeddings) the numpy runtime does not implement"
    if cfg.get("torch_dtype", cfg.get("dtype")) not in (None, "float32"):
        return f"weights in {cfg.get('torch_dtype', cfg.get('dtype'))} (the numpy runtime reads float32)"
    return None


def _length_groups(starts: np.ndarray, counts: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The sequences grouped by length: per length, (the m sequences' indices, their packed token
    rows as an (m, length) array, row i one sequence's tokens in order)."""
    out = []
    for length in np.unique(counts):
        seqs = np.flatnonzero(counts == length)
        out.append((seqs, starts[seqs][:, None] + np.arange(length)[None, :]))
    return out


class NumpyBert:
    """A BERT encoder + sequence ("sequence") or token ("token") classification head in numpy.

    `NumpyBert.load(base_dir, adapter_dir, kind=..., num_labels=...)`; then
    `model(input_ids, attention_mask)` (int arrays (batch, length), padding on the right) gives
    float32 logits (batch, num_labels) or (batch, length, num_labels)."""

    def __init__(self, config: dict, weights: dict[str, np.ndarray], kind: str = "sequence"):
        if kind not in KINDS:
            raise ValueError(f"kind must be 'sequence' or 'token', got {kind!r}")
        self.kind = kind
        self.n_heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        w = {k: v.astype(F32, copy=False) for k, v in weights.items() if v.dtype.kind == "f"}
        t = lambda k: w[k].T        # noqa: E731  Linear: y = x @ W.T + b (a view: BLAS reads it transposed)
        self.word, self.pos = w["embeddings.word_embeddings.weight"], w["embeddings.position_embeddings.weight"]
        self.types = w["embeddings.token_type_embeddings.weight"]
        self.type0 = self.types[0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        hidden = self.word.shape[1]
        # one matmul gives query, key and value; the query pre-scaled by 1/sqrt(head size)
        scale = np.repeat(np.array([1 / math.sqrt(hidden // self.n_heads), 1, 1], dtype=F32), hidden)
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv = [f"{p}attention.self.{n}" for n in ("query", "key", "value")]
            self.layers.append({
                "qkv": (np.concatenate([w[f"{n}.weight"] for n in qkv]) * scale[:, None]).T,
                "qkv_b": np.concatenate([w[f"{n}.bias"] for n in qkv]) * scale,
                "o": t(f"{p}attention.output.dense.weight"), "o_b": w[f"{p}attention.output.dense.bias"],
                "ln1": (w[f"{p}attention.output.LayerNorm.weight"], w[f"{p}attention.output.LayerNorm.bias"]),
                "i": t(f"{p}intermediate.dense.weight"), "i_b": w[f"{p}intermediate.dense.bias"],
                "out": t(f"{p}output.dense.weight"), "out_b": w[f"{p}output.dense.bias"],
                "ln2": (w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"]),
            })
        if "classifier.weight" not in w:
            raise ValueError("no classifier head in the weights (neither the base nor the adapter has one)")
        if kind == "sequence":
            self.pooler = (t("pooler.dense.weight"), w["pooler.dense.bias"])
        self.head = (t("classifier.weight"), w["classifier.bias"])
        self.num_labels = self.head[1].shape[0]

    @classmethod
    def load(cls, base_dir, adapter_dir=None, *, kind: str = "sequence", num_labels: int | None = None):
        from safetensors.numpy import load_file
        b = Path(base_dir)
        config = json.loads((b / "config.json").read_text())
        weights = {_name(k): v for k, v in load_file(str(b / "model.safetensors")).items()}
        if adapter_dir is not None:
            weights = merge_lora(weights, adapter_dir)
        model = cls(config, weights, kind)
        if num_labels is not None and model.num_labels != num_labels:
            raise ValueError(f"the classifier head has {model.num_labels} outputs, expected {num_labels}")
        return model

    def hidden_states(self, input_ids: np.ndarray, attention_mask: np.ndarray,
                      token_type_ids: np.ndarray | None = None, *, first_only: bool = False) -> np.ndarray:
        """The last layer's hidden states, (batch, length, hidden) (zeros at the padding); with
        `first_only`, (batch, 1, hidden): the first token's only (what a sequence head reads).

        The tokens of the batch are packed without their padding: the row-wise parts of a layer
        (projections, feed-forward, norms) run once over the real tokens only, and attention runs
        per group of sequences of one length, which is what the attention mask computes for the
        real tokens, without paying for the padding. With `first_only` the last layer computes keys
        and values for every token but queries, attention output and feed-forward for the first
        token alone, the same arithmetic for that token as the full layer."""
        ids, mask = np.asarray(input_ids), np.asarray(attention_mask).astype(bool)     # a copy
        b, n = ids.shape
        mask[:, 0] = True                      # every sequence has its first token ([CLS])
        rows, cols = np.nonzero(mask)          # row-major: each sequence's tokens together, in order
        counts = np.bincount(rows, minlength=b)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        types = self.type0 if token_type_ids is None else self.types[np.asarray(token_type_ids)[rows, cols]]
        x = self.word[ids[rows, cols]] + self.pos[cols] + types
        x = layer_norm_(x, *self.emb_ln, self.eps)
        groups = _length_groups(starts, counts)
        last = len(self.layers) - 1
        for li, L in enumerate(self.layers):
            if first_only and li == last:
                return self._first_token_layer(x, L, starts, groups).reshape(b, 1, -1)
            qkv = x @ L["qkv"]
            qkv += L["qkv_b"]
            x = self._after_attention(self._attention(qkv, groups), x, L)
        out = np.zeros((b, n, x.shape[1]), dtype=F32)
        out[rows, cols] = x
        return out

    def _attention(self, qkv: np.ndarray, groups) -> np.ndarray:
        """Self-attention context (tokens, hidden) of packed query/key/value rows (tokens, 3 hidden),
        each sequence attending to its own tokens."""
        hidden = qkv.shape[1] // 3
        nh, hd = self.n_heads, hidden // self.n_heads
        ctx = np.empty((qkv.shape[0], hidden), dtype=F32)
        for _, idx in groups:                               # idx (m, length): token rows of m sequences
            m, length = idx.shape
            step = max(1, ATTENTION_BLOCK // (nh * length * length))
            for s in range(0, m, step):
                part = idx[s:s + step]
                q, k, v = qkv[part].reshape(len(part), length, 3, nh, hd).transpose(2, 0, 3, 1, 4)
                att = softmax_(q @ k.transpose(0, 1, 3, 2))
                ctx[part] = (att @ v).transpose(0, 2, 1, 3).reshape(len(part), length, hidden)
        return ctx

    def _after_attention(self, ctx: np.ndarray, x: np.ndarray, L: dict) -> np.ndarray:
        """The rest of a layer, row-wise: output projection + residual + norm, feed-forward + residual + norm."""
        y = ctx @ L["o"]
        y += L["o_b"]
        y += x
        h0 = layer_norm_(y, *L["ln1"], self.eps)
        h = h0 @ L["i"]
        h += L["i_b"]
        y = gelu_(h) @ L["out"]
        y += L["out_b"]
        y += h0
        return layer_norm_(y, *L["ln2"], self.eps)

    def _first_token_layer(self, x: np.ndarray, L: dict, starts: np.ndarray, groups) -> np.ndarray:
        """One encoder layer whose output is needed at each sequence's first token only: packed
        x (tokens, hidden) -> (sequences, hidden)."""
        hidden = x.shape[1]
        nh, hd = self.n_heads, hidden // self.n_heads
        kv = x @ L["qkv"][:, hidden:]
        kv += L["qkv_b"][hidden:]
        x0 = np.ascontiguousarray(x[starts])                                     # (b, hidden)
        q = x0 @ L["qkv"][:, :hidden]
        q += L["qkv_b"][:hidden]
        ctx = np.empty_like(x0)
        for seqs, idx in groups:
            m, length = idx.shape
            k, v = kv[idx].reshape(m, length, 2, nh, hd).transpose(2, 0, 3, 1, 4)   # each (m, nh, length, hd)
            att = softmax_(q[seqs].reshape(m, nh, 1, hd) @ k.transpose(0, 1, 3, 2))  # (m, nh, 1, length)
            ctx[seqs] = (att @ v).reshape(m, hidden)
        return self._after_attention(ctx, x0, L)

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray,
                 token_type_ids: np.ndarray | None = None) -> np.ndarray:
        ids, mask = np.asarray(input_ids), np.asarray(attention_mask)
        rows = max(1, TOKEN_BLOCK // max(1, ids.shape[1]))     # a few thousand tokens at a time
        out = []
        for s in range(0, ids.shape[0], rows):
            tt = None if token_type_ids is None else np.asarray(token_type_ids)[s:s + rows]
            h = self.hidden_states(ids[s:s + rows], mask[s:s + rows], tt, first_only=self.kind == "sequence")
            if self.kind == "sequence":
                h = np.tanh(h[:, 0] @ self.pooler[0] + self.pooler[1])
            out.append(h @ self.head[0] + self.head[1])
        return np.concatenate(out) if len(out) > 1 else out[0]


class FastTokenizer:
    """The part of a transformers fast tokenizer that inference calls, over the `tokenizers` package
    and the directory's `tokenizer.json`: `tok(texts, truncation=True, max_length=n)` (a batch of
    strings), `tok(firsts, seconds, truncation=True, max_length=n)` (a batch of text pairs, with
    `token_type_ids`, truncated longest-first as transformers does) and
    `tok(words, is_split_into_words=True, add_special_tokens=False)` (one pre-split
    document, with `.word_ids()`), giving the same ids; `cls_token_id`, `sep_token_id`, `pad_token_id`."""

    bos_token_id = eos_token_id = None

    def __init__(self, base_dir):
        from tokenizers import Tokenizer
        p = Path(base_dir)
        self._tok = Tokenizer.from_file(str(p / "tokenizer.json"))
        self._tok.no_padding()       # transformers sets padding and truncation on every call
        self._tok.no_truncation()
        self._trunc = None
        cfg: dict = {}
        for f in ("tokenizer_config.json", "special_tokens_map.json"):
            if (p / f).is_file():
                cfg.update(json.loads((p / f).read_text()))
        norm = self._tok.normalizer
        if norm is not None and json.loads(norm.__getstate__()).get("type") == "BertNormalizer":
            # transformers' BertTokenizer normalises as tokenizer_config.json says, whatever tokenizer.json has
            from tokenizers.normalizers import BertNormalizer
            self._tok.normalizer = BertNormalizer(
                clean_text=True, handle_chinese_chars=cfg.get("tokenize_chinese_chars", True),
                strip_accents=cfg.get("strip_accents"), lowercase=cfg.get("do_lower_case", True))
        special = {k: v for k, v in cfg.items() if k.endswith("_token")}
        for role, default in (("cls", "[CLS]"), ("sep", "[SEP]"), ("pad", "[PAD]")):
            tok = special.get(f"{role}_token", default)
            tok = tok.get("content", default) if isinstance(tok, dict) else tok
            setattr(self, f"{role}_token_id", self._tok.token_to_id(tok))

    def _truncate(self, max_length: int | None) -> None:
        if max_length != self._trunc:
            if max_length is None:
                self._tok.no_truncation()
            else:
                self._tok.enable_truncation(max_length)     # longest-first, from the right: transformers' default
            self._trunc = max_length

    def __call__(self, texts, text_pair=None, *, truncation: bool = False, max_length: int | None = None,
                 is_split_into_words: bool = False, add_special_tokens: bool = True):
        if truncation and max_length is None:
            raise ValueError("truncation needs max_length")
        self._truncate(max_length if truncation else None)
        if is_split_into_words:     # one document given as words
            return _Encoded(self._tok.encode(list(texts), is_pretokenized=True,
                                             add_special_tokens=add_special_tokens), single=True)
        if text_pair is not None:
            pairs = list(zip(list(texts), list(text_pair), strict=True))
            return _Encoded(self._tok.encode_batch(pairs, add_special_tokens=add_special_tokens), single=False)
        return _Encoded(self._tok.encode_batch(list(texts), add_special_tokens=add_special_tokens), single=False)


class _Encoded:
    def __init__(self, enc, single: bool):
        self._enc, self._single = enc, single

    def __getitem__(self, key: str):
        attr = {"input_ids": "ids", "token_type_ids": "type_ids", "attention_mask": "attention_mask"}[key]
        return getattr(self._enc, attr) if self._single else [getattr(e, attr) for e in self._enc]

    def get(self, key: str, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def word_ids(self, i: int = 0) -> list[int | None]:
        return (self._enc if self._single else self._enc[i]).word_ids
