"""Does a reading survive a rewording? The MAMO EasyLP *work* problems the offline path solves, each
rewritten by families of meaning-preserving rewrites, solved again and judged by the same answer.

    .venv/bin/python benchmarks/bench_paraphrase.py [--data ../shared/data/mamo/easylp_dev.jsonl]
        [--out benchmarks/results/paraphrase.json] [--rows]

A family swaps each phrase of one kind for an equivalent one ('at most' -> 'no more than', 'cannot'
-> 'can not', '$X$' -> 'X', '1000' -> '1,000' ...); a problem counts for a family only where the
family changed its text. The share of rewritten problems still solved is a measure of how much the
rules depend on one wording: a rule written for a phrase, not for the structure, breaks here. Only
the work half is read (the blind half is never rewritten or printed); `--rows` prints the work
problems a family broke, with the rewritten sentence, for debugging.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _report import write_report  # noqa: E402
from bench_mamo_offline import judge, read_records  # noqa: E402


def _swap(table: dict[str, str]):
    """A rewrite replacing each phrase of `table` (a whole-word match, any case of its first letter)
    by its partner, keeping a capital first letter."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) + r")\b",
                         re.I)

    def one(m: re.Match) -> str:
        new = table[m.group(0).lower()]
        return new[:1].upper() + new[1:] if m.group(0)[:1].isupper() else new
    return lambda text: pattern.sub(one, text)


def _thousands(text: str) -> str:
    """'12000' -> '12,000' (not in years, decimals or labels)."""
    return re.sub(r"(?<![\d.,\w])(\d{1,3})(\d{3})(?![\d.,]?\d)(?!\s*(?:AD|BC)\b)",
                  lambda m: f"{m.group(1)},{m.group(2)}", text)


def _plain_labels(text: str) -> str:
    """'$X$' -> 'X' (LaTeX-wrapped single-letter labels)."""
    return re.sub(r"\$([A-Za-z](?:_?\{?\d+\}?)?)\$", r"\1", text)


def _dollar_words(text: str) -> str:
    """'$20' -> '20 dollars' (a money amount not followed by a unit word already)."""
    return re.sub(r"\$(\d[\d,]*(?:\.\d+)?)(?![\d.,]?\d)(?!\s*(?:dollars?|per|million|thousand|k\b))",
                  r"\1 dollars", text)


def _other_letters(text: str) -> str:
    """Single-letter labels renamed ('X' -> 'P', 'Y' -> 'Q', 'Z' -> 'R', 'W' -> 'S', and the lower-case
    letters of formulas), with their LaTeX dollars and subscripts; nothing else changes."""
    new = {"X": "P", "Y": "Q", "Z": "R", "W": "S"}
    new.update({k.lower(): v.lower() for k, v in new.items()})      # in formulas too: '$x - 0.5y \geq 30$'
    if re.search(r"(?<!['’])\b[PQRSpqrs]\b", text):
        return text               # the new names would collide with letters the text already uses
    return re.sub(r"(?<![A-Za-z_'])([XYZWxyzw])(?=(?:_?\{?\d+\}?)?(?!\w)(?!'(?!s\b)))",
                  lambda m: new[m.group(1)], text)


def _question_first(text: str) -> str:
    """The closing question paragraph moved before the rest (a text of several blank-line blocks)."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if len(blocks) < 2 or not blocks[-1].rstrip().endswith("?"):
        return text
    return "\n\n".join([blocks[-1]] + blocks[:-1])


_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)])\.\s+(?=[A-Z][a-z])")


def _semicolons(text: str) -> str:
    """Within each blank-line block, every second sentence joined to the one before it by '; '."""
    def block(b: str) -> str:
        parts = _SENTENCE_END.split(b)
        out = [parts[0]]
        for k, part in enumerate(parts[1:], start=1):
            if k % 2 == 1 and not re.match(r"(?:What|How|Given|Find|Calculate|Determine)\b", part):
                out[-1] += "; " + part[0].lower() + part[1:]
            else:
                out.append(part)
        return ". ".join(out)
    return "\n\n".join(block(b) for b in re.split(r"\n\s*\n", text))


def _bullets(text: str) -> str:
    """The sentences of each block but the first and the question written as a bullet list."""
    def block(b: str) -> str:
        parts = _SENTENCE_END.split(b)
        if len(parts) < 3 or b.rstrip().endswith("?"):
            return b
        return parts[0] + ".\n" + "\n".join(f"- {p.rstrip('.')}." for p in parts[1:])
    return "\n\n".join(block(b) for b in re.split(r"\n\s*\n", text))


FAMILIES = {
    "upper cues": _swap({"at most": "no more than", "no more than": "at most", "cannot exceed": "must not exceed",
                         "should not exceed": "must not be more than", "must not exceed": "cannot exceed",
                         "up to": "at most", "a maximum of": "at most", "not more than": "at most"}),
    "lower cues": _swap({"at least": "no less than", "no less than": "at least", "a minimum of": "at least",
                         "minimum of": "at least", "not less than": "at least"}),
    "negation spelling": _swap({"cannot": "can not", "can't": "cannot", "should not": "shouldn't",
                                "must not": "mustn't"}),
    "objective verbs": _swap({"minimize": "minimise", "maximize": "maximise", "minimizing": "minimising",
                              "maximizing": "maximising", "minimise": "minimize", "maximise": "maximize"}),
    "modal verbs": lambda text: _swap({"should": "must", "needs to": "must", "need to": "must"})(
        re.sub(r"\b(M|m)ust\b(?!\s+not\b)", lambda m: ("H" if m.group(1) == "M" else "h") + "as to", text)),
    "totals": _swap({"combined": "total", "in total": "altogether", "the sum of": "the total of"}),
    "rarer cue phrasings": _swap({"cannot exceed": "cannot surpass", "should not exceed": "should not go beyond",
                                  "must not exceed": "must stay within", "at least": "no fewer than",
                                  "a minimum of": "at minimum", "at most": "at the most"}),
    "percent words": lambda text: re.sub(r"(\d)\s?%", r"\1 percent", text),
    "factor words": _swap({"twice": "two times", "three times": "thrice", "half of": "one half of",
                           "double": "twice"}),
    "counts in digits": _swap({w: str(i) for i, w in enumerate(
        ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=2)}),
    "plain labels": _plain_labels,
    "other label letters": _other_letters,
    "question first": _question_first,
    "semicolon joins": _semicolons,
    "bullet lists": _bullets,
    "thousands separators": _thousands,
    "dollar words": _dollar_words,
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "mamo" / "easylp_dev.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "paraphrase.json"))
    ap.add_argument("--rows", action="store_true", help="print the work problems a family broke")
    a = ap.parse_args(argv)
    path = Path(a.data)
    records = read_records(path)
    if records is None:
        return 2
    from milpsynth.pipeline import Pipeline
    work = [r for r in records if r.get("split") == "work"]
    pipeline = Pipeline()

    def solved(r: dict, text: str) -> tuple[bool, str]:
        kind, message, _ = judge(r, text, pipeline)
        return kind == "ok", message if kind in ("ok", "wrong") else f"{kind}: {message}"

    base = [r for r in tqdm(work, desc="originals", file=sys.stderr) if solved(r, r["text"])[0]]
    table, broken = {}, []
    for name, rewrite in tqdm(FAMILIES.items(), desc="families", file=sys.stderr):
        changed = kept = 0
        for r in base:
            text = rewrite(r["text"])
            if text == r["text"]:
                continue
            changed += 1
            ok, why = solved(r, text)
            kept += ok
            if not ok:
                broken.append({"family": name, "id": r["id"], "why": why})
        table[name] = {"rewritten": changed, "still_solved": kept}
    print(f"work problems solved as written: {len(base)}/{len(work)}\n")
    print(f"{'family':<22} {'rewritten':>9} {'solved':>7} {'share':>6}")
    total_c = sum(v["rewritten"] for v in table.values())
    total_k = sum(v["still_solved"] for v in table.values())
    for name, v in table.items():
        share = v["still_solved"] / v["rewritten"] if v["rewritten"] else float("nan")
        print(f"{name:<22} {v['rewritten']:>9} {v['still_solved']:>7} {share:>6.2f}")
    print(f"{'all':<22} {total_c:>9} {total_k:>7} {total_k / max(1, total_c):>6.2f}")
    if a.rows:
        for b in broken:
            print(f"{b['family']:<22} {b['id']:<15} {b['why'][:100]}")
    write_report(a.out, {"data": str(path), "half": "work", "solved_as_written": len(base), "n": len(work),
                         "families": table, "share": total_k / max(1, total_c), "broken": broken})
    return 0


if __name__ == "__main__":
    sys.exit(main())
