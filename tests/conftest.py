import json
import os
from pathlib import Path

import pytest

DATA = Path(os.environ.get("MILPSYNTH_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))


def dev_problems():
    path = DATA / "li2023" / "dev_problems.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def need_data():
    if not (DATA / "li2023").exists():
        pytest.skip(f"public data sets not found at {DATA} (set MILPSYNTH_DATA)")
    return DATA


def build_tiny_bert(folder: Path, words: list[str], model_cls: str, initializer_range: float,
                    fast_tokenizer: bool) -> str:
    """A tiny BERT (2 layers, hidden 32) and its tokenizer over `words`, saved in `folder`: training
    tests run in seconds without a download. `model_cls`: a transformers class name."""
    import torch
    import transformers
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list(words)
    if fast_tokenizer:
        (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
        tok = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    else:   # transformers 5: the vocabulary is passed as a mapping (a vocab_file= keyword is ignored)
        tok = transformers.BertTokenizer(vocab={w: i for i, w in enumerate(vocab)}, do_lower_case=True)
    tok.save_pretrained(str(folder))
    cfg = transformers.BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                  intermediate_size=64, max_position_embeddings=64,
                                  initializer_range=initializer_range)
    torch.manual_seed(0)
    getattr(transformers, model_cls)(cfg).save_pretrained(str(folder))
    return str(folder)
