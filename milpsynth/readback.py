"""Every model element read back as a sentence in the user's names, beside its paragraph.

The sentence is rendered from the element's template and slots (jinja2 macros in
`templates/readback/elements.j2`), so a reader can see at once whether the model says what the
paragraph says. An element whose slots are unknown (built by hand, read from a dict without them)
is read from its canonical linear form instead.
"""
from __future__ import annotations

from .expr import Constraint, Objective, fmt_num

_SENSE_WORD = {"<=": "at most", ">=": "at least", "==": "exactly"}


def _macros():
    from .resources import jinja_env
    return jinja_env().get_template("readback/elements.j2").module


def _num(x: float) -> str:
    return fmt_num(round(float(x), 6))


class Reader:
    """Phrases for the decisions of one problem: 'the number of trucks', 'there are some trucks',
    'Harry is chosen'."""

    def __init__(self, problem):
        self.problem = problem
        self.vars = problem.variables

    def _var(self, name: str):
        return self.vars.get(name) if self.vars is not None else None

    def label(self, name: str) -> str:
        v = self._var(name)
        if v is None:
            return name
        label = v.label if v.label and not v.label.startswith("whether ") else v.name
        label = label.replace("_", " ")
        return label[3:] if v.kind == "binary" and label.startswith("bi ") else label

    def singular(self, name: str) -> str | None:
        """'truck' for trucks when the text used that form ('each truck'), else None."""
        v = self._var(name)
        label = self.label(name)
        for m in (v.mentions if v is not None else []):
            if label.startswith(m) and label[len(m):] in ("s", "es"):
                return m
        return None

    def noun(self, name: str) -> str:
        """A decision as a statement that can hold or not (for logic)."""
        v = self._var(name)
        if v is not None and v.indicator_of is not None:
            return f"there are some {self.label(v.indicator_of)}"
        if v is not None and v.kind == "binary":
            return f"{self.label(name)} is chosen"
        return f"{self.quantity(name)} is positive"

    def quantity(self, name: str) -> str:
        """A decision as a quantity ('the number of trucks', 'acres of wheat'; a yes/no decision as
        '[Harry is chosen]', worth 1 when it holds)."""
        v = self._var(name)
        if v is not None and v.kind == "binary":
            return f"[{self.noun(name)}]"
        if v is not None and v.kind == "integer":
            return f"the number of {self.label(name)}"
        return self.label(name)

    def terms(self, coefs) -> list[str]:
        """'12 per truck', '3 per unit of acres of wheat', '5 if Harry is chosen'."""
        out = []
        for name, c in (coefs.items() if hasattr(coefs, "items") else coefs):
            v = self._var(name)
            if v is not None and v.kind == "binary":
                what = f"if {self.noun(name)}"
            else:
                one = self.singular(name)
                what = f"per {one}" if one else f"per unit of {self.label(name)}"
            out.append(f"{_num(c)} {what}" if c >= 0 else f"minus {_num(-c)} {what}")
        return out

    # -- elements -----------------------------------------------------------------------------
    def objective(self, obj: Objective) -> str:
        text = _macros().type0(obj.sense, self.terms(obj.expr.terms))
        if obj.expr.constant:
            text += f", plus a constant {_num(obj.expr.constant)}"
        return text

    def constraint(self, con: Constraint, slots: dict | None = None) -> str:
        m = _macros()
        t = con.template
        try:
            if t in ("link_upper", "type1+link_upper"):
                x, bi = self._link_pair(con)
                source = ("; ".join(con.notes) or "big-M") if t == "link_upper" else "the paragraph's bound"
                return m.link_upper(self.quantity(x), bi, _num(-con.lhs.coefs[bi]), source)
            if t == "link_lower":
                x, bi = self._link_pair(con)
                least = 1 / abs(con.lhs.coefs[x]) if con.lhs.coefs[x] else 0
                return m.link_lower(bi, self.quantity(x), _num(least))
            if slots and t.startswith("type"):
                text = self._from_slots(m, int(t[4:]), slots)
                if text:
                    return text
        except (KeyError, TypeError, ValueError, IndexError):
            pass
        return m.linear(self.terms(con.lhs.terms), con.sense, _num(con.rhs))

    def _plain(self, name: str) -> str:
        """A decision inside 'the total number of cakes and pies' (no article of its own)."""
        return self.quantity(name).removeprefix("the number of ")

    def _link_pair(self, con: Constraint) -> tuple[str, str]:
        names = con.variables
        bi = next(n for n in names if self.vars[n].indicator_of is not None)
        x = next(n for n in names if n != bi)
        return x, bi

    def _from_slots(self, m, ty: int, s: dict) -> str | None:
        if ty in (1, 5):
            return getattr(m, f"type{ty}")(self.quantity(s["var"]), _num(s["bound"]))
        if ty in (2, 6):
            return getattr(m, f"type{ty}")([self._plain(v) for v in s["vars"]], _num(s["bound"]))
        if ty in (3, 7):
            return getattr(m, f"type{ty}")(self.terms(s["coefs"]), _num(s["bound"]))
        if ty in (4, 8):
            pct = f"{_num(float(s['share']) * 100)}%"
            return getattr(m, f"type{ty}")([self._plain(v) for v in s["subset"]],
                                           [self._plain(v) for v in s["total"]], pct)
        if ty == 9:
            return m.type9(self.quantity(s["left"]), self.quantity(s["right"]), s.get("sense", "<="),
                           _num(s.get("factor", 1.0)))
        if ty == 10:
            return m.type10(self.noun(s["if"]), self.noun(s["then"]))
        if ty in (11, 12, 13):
            return getattr(m, f"type{ty}")([self.noun(v) for v in s["vars"]])
        return None


def read_back(problem) -> list[dict]:
    """One entry per model element: paragraph (1-based, None for links), template, the algebra, the
    sentence, and the paragraph's own text."""
    r = Reader(problem)
    out = []
    for p in problem.paragraphs:
        el = p.element
        if el is None:
            continue
        if isinstance(el, Objective):
            out.append({"paragraph": p.index + 1, "template": el.template, "algebra": str(el),
                        "sentence": r.objective(el), "text": p.text})
        else:
            out.append({"paragraph": p.index + 1, "template": el.template, "algebra": el.display,
                        "sentence": r.constraint(el, p.slots), "text": p.text})
    for c in problem.links:
        out.append({"paragraph": None, "template": c.template, "algebra": c.display,
                    "sentence": r.constraint(c), "text": ""})
    return out


def explain_model(problem) -> str:
    """The model in words: each paragraph, then each of its elements as algebra and as a sentence."""
    lines = []
    for e in read_back(problem):
        if e["paragraph"] is not None:
            lines.append(f"paragraph {e['paragraph']} ({e['template']}): {' '.join(e['text'].split())}")
            lines.append(f"  {e['algebra']}")
            lines.append(f"  reads: {e['sentence']}")
        else:
            lines.append(f"{e['template']}: {e['algebra']}")
            lines.append(f"  reads: {e['sentence']}")
    for p in problem.paragraphs:
        if p.skipped:
            lines.append(f"paragraph {p.index + 1}: left out ({p.skipped}): {' '.join(p.text.split())}")
    return "\n".join(lines)


# ---- class problems (milpsynth.classes): families of rows ---------------------------------------

def member_sentence(view, m) -> str:
    """One row of a family in words: 'x[Plant 1, Store 1] + ... (4 terms) is at most 120'."""
    cols, vals, lo, hi = view.row_data(m.row)
    terms = [(view.columns[int(c)], float(v)) for c, v in zip(cols, vals) if v != 0]
    if len(terms) == 1:
        c, v = terms[0]
        subject = c if v == 1 else f"{_num(v)} x {c}"
    else:
        total = "the total" if all(v == 1 for _, v in terms) else "the weighted total"
        subject = f"{total} of {', '.join(c for c, _ in terms[:3])}" + (f" and {len(terms) - 3} more"
                                                                         if len(terms) > 3 else "")
    if lo == hi:
        return f"{subject} is exactly {_num(hi)}"
    if lo == float("-inf"):
        return f"{subject} is {_SENSE_WORD['<=']} {_num(hi)}"
    if hi == float("inf"):
        return f"{subject} is {_SENSE_WORD['>=']} {_num(lo)}"
    return f"{subject} is between {_num(lo)} and {_num(hi)}"


def explain_class(problem, view, shown: int = 2) -> str:
    """A class problem in words: each family with its statement (or 'implied by the class'), its
    algebra, its data lines, and its first rows by name, as algebra and read back in words, each with
    the text lines it was read from."""
    from .classes.problem import lines_text
    text_lines = str(problem.text).split("\n")

    def quote(lines) -> str:
        got = [f"line {ln}: {' '.join(text_lines[ln - 1].split())[:80]}" for ln in lines[:2]
               if 0 < ln <= len(text_lines)]
        return "; ".join(got) + (f"; ... ({lines_text(lines)})" if len(lines) > 2 else "")

    out = [f"{problem.c3_name} problem, {problem.sense}; index sets: " +
           ", ".join(f"{s.name} ({len(s.members)})" for s in view.sets.values())]
    fams = sorted(problem.families, key=lambda f: f.name != "objective") + list(problem.extras)
    for f in fams:
        where = f'line {f.line}: "{" ".join(f.statement.split())}"' if f.statement else "implied by the class"
        out.append(f"{f.name} ({where})")
        out.append(f"  {f.math}")
        data = view.data_lines(f)
        if data:
            out.append(f"  data: {', '.join(view.spec.data.get(f.name, []))} ({lines_text(data)})")
        ms = view.family_members(f)
        if ms:
            out.append(f"  {len(ms)} row{'s' if len(ms) != 1 else ''}, e.g.:")
        for m in ms[:shown]:
            out.append(f"    {m.name}: {view.row_text(m.row, 6)}")
            out.append(f"      reads: {member_sentence(view, m)}")
            if m.lines:
                out.append(f"      from {quote(m.lines)}")
    if problem.shift:
        out.append(f"objective constant {problem.shift:+g} (from the extra statements above)")
    for u in problem.unplaced:
        out.append(f"not placed: {u}")
    return "\n".join(out)
