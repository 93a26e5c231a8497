"""The second-source validation set: statements of the MAMO EasyLP and c3bench `work` halves,
labelled by hand with the 14 types (rules: docs/labelling_rules.md).

The labels live in `finetune/data/second_val.jsonl` as references into `../shared/data`, never as
copies of the text: `{"file", "item", "start", "end", "sha", "label", "group"}` where `item` is the
MAMO `id` or the c3bench line number, `start`/`end` the statement's characters in the item's text
(MAMO `text`, c3bench `question`), `sha` the first 10 hex digits of the SHA-1 of that span, and
`label` a type 0..13 or a word (`fact`, `domain`, `multi`, `none`, `other`) for statements outside
the types. `load()` reads the texts back and skips, with a reason, what it cannot find.

    python -m finetune.second_val --list mamo/easylp_dev.jsonl     # statements of the work items, numbered
    python -m finetune.second_val --model milpsynth/classifier/model  # coarse accuracy of a classifier
    python -m finetune.second_val --pipeline                            # ... and of the whole offline pipeline
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELS = Path(__file__).with_name("data") / "second_val.jsonl"
WORDS = ("fact", "domain", "multi", "none", "other")
TEXT_FIELD = {"mamo": "text", "c3bench": "question"}

# a sentence: up to . ? ! that ends it (a full stop followed by a lower-case word or no space does not)
_SENTENCE = re.compile(r"(?:[^.?!\n]|\.(?=\S)|\.(?=\s+[a-z]))+[.?!]?")
# a data row: a bullet, a table row, or 'Name: value' with a number and no verb-like length
_BULLET = re.compile(r"^(?:[*\-•]|\d+\.)\s+")
_DATA_ROW = re.compile(r"^\s*\||^[A-Z][\w '\-]{0,40}:\s*[^.]{0,60}\d[^.]{0,30}$|"
                       r"^[A-Z][\w ]{0,25} to [\w ]{1,25}:\s*[\d.,]+")


def sha(span: str) -> str:
    return hashlib.sha1(span.encode("utf-8")).hexdigest()[:10]


def statement_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each statement of `text`: sentences cut at . ? ! and line breaks, trimmed,
    data rows (bullets, tables, 'Name: 12 kg') left out."""
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        seg = text[s:e]
        s += len(seg) - len(seg.lstrip())
        bullet = _BULLET.match(text[s:e])
        s += bullet.end() if bullet else 0
        e = s + len(text[s:e].rstrip())
        seg = text[s:e]
        if len(seg) > 3 and not _DATA_ROW.search(seg):
            out.append((s, e))
    return out


def work_items(rel: str, data_dir: Path = DATA) -> list[tuple[str, str]]:
    """(item id, text) of the `work` items of one data file (`mamo/easylp_dev.jsonl`, ...)."""
    source = rel.split("/")[0]
    rows = [json.loads(line) for line in (data_dir / rel).read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for no, row in enumerate(rows):
        if row.get("split") != "work":
            continue
        out.append((str(row["id"]) if source == "mamo" else str(no), row[TEXT_FIELD[source]]))
    return out


@dataclass
class Statement:
    file: str
    item: str
    start: int
    end: int
    text: str
    label: int | str
    group: str                  # the problem it belongs to: file#item
    position: int               # its index among the item's labelled statements


@dataclass
class SecondVal:
    statements: list[Statement] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def typed(self) -> list[Statement]:
        """The statements labelled with one of the 14 types (the ones accuracy counts)."""
        return [s for s in self.statements if isinstance(s.label, int)]

    def problems(self) -> dict[str, list[Statement]]:
        out: dict[str, list[Statement]] = {}
        for s in self.statements:
            out.setdefault(s.group, []).append(s)
        return out


def load(path: Path = LABELS, data_dir: Path = DATA) -> SecondVal:
    """The labelled statements whose texts are at hand; the others named in `skipped` with a reason."""
    res = SecondVal()
    if not Path(path).is_file():
        res.skipped.append(f"no label file {path}")
        return res
    texts: dict[str, dict[str, str] | None] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r["file"] not in texts:
            f = Path(data_dir) / r["file"]
            texts[r["file"]] = dict(work_items(r["file"], Path(data_dir))) if f.is_file() else None
            if texts[r["file"]] is None:
                res.skipped.append(f"{f} is absent (public data not here): its statements are skipped")
        items = texts[r["file"]]
        if items is None:
            continue
        text = items.get(r["item"])
        if text is None:
            res.skipped.append(f"{r['file']} item {r['item']}: not a work item of the file")
            continue
        span = text[r["start"]:r["end"]]
        if sha(span) != r["sha"]:
            res.skipped.append(f"{r['file']} item {r['item']} [{r['start']}:{r['end']}]: the text changed (hash)")
            continue
        group = f"{r['file']}#{r['item']}"
        pos = sum(1 for s in res.statements if s.group == group)
        res.statements.append(Statement(r["file"], r["item"], r["start"], r["end"], span, r["label"], group, pos))
    return res


def main(argv=None) -> int:
    import argparse
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", default=None, help="data file relative to ../shared/data: print its statements")
    ap.add_argument("--model", default=None, help="classifier directory to measure (default: the shipped one)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--pipeline", action="store_true",
                    help="also measure the whole offline pipeline's types (each item formulated as free text)")
    a = ap.parse_args(argv)
    if a.list is None:
        from milpsynth.classifier import load_classifier
        clf = load_classifier(a.model, threads=a.threads)
        sv = load()
        rep = measure_classifier(clf, sv, "paragraph")
        print(f"second-source val, each statement alone: {rep['correct']}/{rep['n']} = {rep['accuracy_coarse']:.4f}",
              {k: f"{v['correct']}/{v['n']}" for k, v in rep["by_source"].items()})
        rep = measure_classifier(clf, sv, "problem")
        print(f"second-source val, as problems: {rep['correct']}/{rep['n']} = {rep['accuracy_coarse']:.4f}",
              {k: f"{v['correct']}/{v['n']}" for k, v in rep["by_source"].items()})
        for e in rep["errors"]:
            print(f"  true {e['true']:>2} pred {e['pred']:>2}: {e['text'][:110]}")
        for why in rep["skipped"]:
            print("  skipped:", why)
        if a.pipeline:
            rep = measure_pipeline(sv, model=a.model)
            print(f"second-source val, the whole offline pipeline: {rep['correct']}/{rep['n']} = "
                  f"{rep['accuracy_coarse']:.4f}", {k: f"{v['correct']}/{v['n']}" for k, v in rep["by_source"].items()})
            for e in rep["errors"]:
                print(f"  true {e['true']:>2} pred {e['pred']!s:>5}: {e['text'][:110]}")
        return 0
    for item, text in work_items(a.list):
        print(f"## {item}")
        for i, (s, e) in enumerate(statement_spans(text)):
            print(f"{i}| {text[s:e]}")
    return 0



def measure(predict, sv: SecondVal) -> dict:
    """Coarse accuracy of `predict(statements) -> list of types` on the typed statements, overall
    and per source, the errors, and what the statements outside the types were predicted as."""
    typed = sv.typed()
    pred = predict(typed)
    rows = [(s, p if isinstance(p, str) else int(p)) for s, p in zip(typed, pred)]
    by_src: dict[str, list[bool]] = {}
    for s, p in rows:
        by_src.setdefault(s.file.split("/")[0], []).append(p == s.label)
    errors = [{"group": s.group, "position": s.position, "true": s.label, "pred": p, "text": s.text}
              for s, p in rows if p != s.label]
    n = len(rows)
    return {"n": n, "correct": n - len(errors), "accuracy_coarse": (n - len(errors)) / n if n else None,
            "by_source": {k: {"n": len(v), "correct": sum(v), "accuracy": sum(v) / len(v)} for k, v in by_src.items()},
            "errors": errors, "skipped": sv.skipped}



def problem_of(statements: list[Statement]):
    """A `Problem` of one item's statements (its paragraphs, in order) after the variables stage;
    None when the stage cannot read it."""
    from milpsynth.api import make_problem
    from milpsynth.pipeline import create
    global _VARIABLES
    if _VARIABLES is None:
        _VARIABLES = create("variables", "auto")
    try:
        return _VARIABLES(make_problem([s.text for s in statements]))
    except Exception:          # noqa: BLE001  a problem the variables stage cannot read: no context
        return None


_VARIABLES = None


_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def matching_paragraph(statement: str, paragraphs: list[str], least: float = 0.5) -> int | None:
    """Index of the paragraph of `paragraphs` that holds most of `statement`'s words (at least
    `least` of them, and the best by the overlap of both), or None."""
    want = _words(statement)
    best, best_score = None, 0.0
    if not want:
        return None
    for i, text in enumerate(paragraphs):
        have = _words(text)
        shared = len(want & have)
        if shared / len(want) < least:
            continue
        score = shared / len(want | have)
        if score > best_score:
            best, best_score = i, score
    return best


def typed_statements(problem) -> list[tuple[str, int | str | None]]:
    """(text, type) of each statement the formulated `problem` made a model part of: the paragraphs
    of a word problem; for a class problem (`milpsynth.classes.ClassProblem`) the sentences its
    families stand for, with the family's type among the 13 ('class' for the class's own structure:
    flow balance, assignment, subtours ...)."""
    if hasattr(problem, "paragraphs"):
        return [(p.text, p.type) for p in problem.paragraphs]
    return [(f.statement, "class" if f.type is None else f.type)
            for f in list(problem.families) + list(problem.extras) if f.statement]


def pipeline_types(statements: list[Statement], text: str, formulate) -> list[int | str]:
    """The type the whole pipeline gave each statement of one item when formulating the item's
    `text` (free text: the split, the classifier and the rules' retyping; a class problem's reader):
    the type of the model part the statement went into (`typed_statements`), 'fact' where it went
    into none (read as data or left out), 'error' where the item could not be formulated.

    A problem has one objective: where the text states it in two sentences (both labelled 0, e.g.
    'the firm aims to minimise cost' and 'what is the minimum cost?') and the pipeline made one of
    them the objective, the other, left as a fact, counts as read (0)."""
    from milpsynth.errors import MilpsynthError
    try:
        problem = formulate(text)
    except MilpsynthError:     # an item the pipeline refuses: every statement counts as wrong
        return ["error"] * len(statements)
    parts = typed_statements(problem)
    texts = [t for t, _ in parts]
    out: list[int | str] = []
    for s in statements:
        i = matching_paragraph(s.text, texts)
        t = parts[i][1] if i is not None else None
        out.append("fact" if t is None else (t if isinstance(t, str) else int(t)))
    if 0 in out:
        out = [0 if t == "fact" and s.label == 0 else t for s, t in zip(statements, out)]
    return out


def _formulate_with(model: str | None):
    """`formulate(text)` as a user calls it, with the classifier of directory `model` (None: shipped)."""
    from milpsynth import formulate
    if model is None:
        return lambda text: formulate(text, on_error="skip")
    from milpsynth.api import _class_problem, make_problem
    from milpsynth.pipeline import Pipeline, create
    pipeline = Pipeline(classify=create("classify", "lora", path=model))

    def run(text):
        return _class_problem(make_problem(text)) or formulate(text, on_error="skip", pipeline=pipeline)
    return run


def measure_pipeline(sv: SecondVal, formulate=None, texts: dict[str, str] | None = None,
                     model: str | None = None) -> dict:
    """`measure` of the whole offline pipeline's types: each item's text formulated as a user's
    would be (`formulate`, default `milpsynth.formulate` with on_error='skip': one of the ten classes
    when the reader recognises it, else the paragraph pipeline with the classifier in directory
    `model`, the shipped one when None), each labelled statement matched to the model part it went
    into (`pipeline_types`)."""
    if formulate is None:
        formulate = _formulate_with(model)
    if texts is None:
        texts = {}
        for rel in {s.file for s in sv.statements}:
            texts.update({f"{rel}#{item}": t for item, t in work_items(rel)})
    types: dict[tuple[str, int], int | str] = {}
    for group, sts in sv.problems().items():
        for s, t in zip(sts, pipeline_types(sts, texts[group], formulate)):
            types[(group, s.position)] = t
    return measure(lambda typed: [types[(s.group, s.position)] for s in typed], sv)


def measure_classifier(clf, sv: SecondVal, mode: str = "problem") -> dict:
    """`measure` of a classifier: mode "paragraph" reads each statement alone; "problem" reads each
    item's statements as one problem (the variables stage first; the contexts and problem-level
    decoding as the classify stage gets them)."""
    if mode not in ("paragraph", "problem"):
        raise ValueError(f"mode must be 'paragraph' or 'problem', got {mode!r}")
    if mode == "paragraph":
        return measure(lambda sts: [p.type for p in clf.predict([s.text for s in sts])], sv)
    types: dict[tuple[str, int], int] = {}
    for group, sts in sv.problems().items():
        problem = problem_of(sts)
        texts = [s.text for s in sts]
        preds = clf.predict(texts, problem=problem) if problem is not None else clf.predict(texts)
        for s, p in zip(sts, preds):
            types[(group, s.position)] = p.type
    return measure(lambda typed: [types[(s.group, s.position)] for s in typed], sv)


if __name__ == "__main__":
    raise SystemExit(main())
