"""The problem document that flows through the pipeline stages (spaCy's `Doc`, for MILPs)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import InputError, MilpsynthError
from .expr import Constraint, Objective
from .labels import FINE_TO_TYPE, TYPE_NAMES, default_fine
from .variables import Variable, VariableTable


@dataclass
class Prediction:
    """A paragraph's type: coarse `type` (0..13), `fine` label (0..20), probability and source."""

    type: int
    fine: int
    prob: float = 1.0
    source: str = ""                  # "rules", "lora", "user", ...
    low_confidence: bool = False
    probs: dict[int, float] | None = None        # coarse type -> probability, where the classifier gives them
    fine_probs: dict[int, float] | None = None   # fine label -> probability, likewise
    note: str = ""                    # why the type differs from the classifier's first choice, if it does

    def ranked_types(self) -> list[int]:
        """Other types, most probable first (empty when the classifier gave no probabilities)."""
        if not self.probs:
            return []
        return [t for t, _ in sorted(self.probs.items(), key=lambda kv: -kv[1]) if t != self.type]

    def as_type(self, t: int, note: str) -> "Prediction":
        """The same prediction read as type `t`, with its most probable fine label of that type."""
        members = [f for f, ty in FINE_TO_TYPE.items() if ty == t]
        fine = (max(members, key=lambda f: self.fine_probs.get(f, 0.0)) if self.fine_probs
                else default_fine(t))
        prob = self.probs.get(t, 0.0) if self.probs else 0.0
        return Prediction(t, fine, prob, self.source, True, self.probs, self.fine_probs, note)

    def to_dict(self) -> dict:
        return {"type": self.type, "fine": self.fine, "prob": self.prob, "source": self.source,
                "low_confidence": self.low_confidence,
                "probs": {str(k): v for k, v in self.probs.items()} if self.probs else None,
                "fine_probs": {str(k): v for k, v in self.fine_probs.items()} if self.fine_probs else None,
                "note": self.note}

    @classmethod
    def from_dict(cls, d: dict) -> "Prediction":
        def keyed(m):
            return {int(k): v for k, v in m.items()} if m else None
        return cls(d["type"], d["fine"], d.get("prob", 1.0), d.get("source", ""), d.get("low_confidence", False),
                   keyed(d.get("probs")), keyed(d.get("fine_probs")), d.get("note", ""))


@dataclass
class Paragraph:
    index: int                        # 0-based; messages show index + 1
    text: str
    prediction: Prediction | None = None
    slots: dict[str, Any] | None = None
    element: Constraint | Objective | None = None
    skipped: str | None = None        # why this paragraph was left out (on_error="skip")
    notes: list[str] = field(default_factory=list)
    # the formula this statement writes in algebra ('2x + y <= 100', 'maximize 3x + 2y'), as the split
    # stage found it (`milpsynth.formulas.find`); classify and generate read it instead of the words
    formula: str | None = None

    @property
    def type(self) -> int | None:
        return self.prediction.type if self.prediction else None

    @property
    def is_objective(self) -> bool:
        return self.type == 0

    def to_dict(self) -> dict:
        el = self.element.to_dict() if self.element is not None else None
        return {"index": self.index, "text": self.text,
                "prediction": self.prediction.to_dict() if self.prediction else None,
                "slots": self.slots, "element": el, "skipped": self.skipped, "notes": list(self.notes),
                **({"formula": self.formula} if self.formula else {})}

    @classmethod
    def from_dict(cls, d: dict) -> "Paragraph":
        p = cls(d["index"], d["text"], Prediction.from_dict(d["prediction"]) if d.get("prediction") else None,
                d.get("slots"), None, d.get("skipped"), list(d.get("notes", [])), d.get("formula"))
        if d.get("element") is not None:
            p.element = (Objective.from_dict(d["element"]) if p.is_objective else Constraint.from_dict(d["element"]))
        return p


@dataclass
class Problem:
    """Text, paragraphs, variables, typed paragraphs with their slots and elements, links; then a model."""

    text: str
    paragraphs: list[Paragraph]
    variables: VariableTable | None = None
    links: list[Constraint] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    split: list[str] | None = None            # how free text was split into statements, if it was
    facts: list[str] = field(default_factory=list)   # sentences of free text that state data, not constraints
    attributes: list = field(default_factory=list, repr=False)   # working data of a generator (not saved)
    stages_run: list[str] = field(default_factory=list)
    on_error: str = "raise"                  # "raise" or "skip": what paragraph-level stages do on errors
    variable_overrides: Any = None           # what the caller said of the variables (see formulate)
    # "text": one string, blank-line blocks that may each hold several statements (the split stage
    # cuts them); "paragraphs": a list, one statement per paragraph, kept as given
    input_mode: str = "paragraphs"
    transcript: list = field(default_factory=list, repr=False)   # a language model's exchanges (milpsynth.llm)

    problem_class = None    # a word problem; the ten OPT-Engine classes are `milpsynth.classes.ClassProblem`s

    # -- views -------------------------------------------------------------------------------
    @property
    def objective(self) -> Objective | None:
        for p in self.paragraphs:
            if p.is_objective and isinstance(p.element, Objective):
                return p.element
        return None

    @property
    def paragraph_constraints(self) -> list[Constraint]:
        return [p.element for p in self.paragraphs if isinstance(p.element, Constraint)]

    @property
    def constraints(self) -> list[Constraint]:
        """Every constraint of the model: one per constraint paragraph, then the linking constraints."""
        return self.paragraph_constraints + list(self.links)

    @property
    def skipped(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.skipped]

    @property
    def low_confidence(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.prediction and p.prediction.low_confidence]

    def constraint(self, name: str) -> Constraint:
        for c in self.constraints:
            if c.name == name:
                return c
        raise KeyError(name)

    # -- downstream --------------------------------------------------------------------------
    def solve(self, time_limit: float | None = 30.0, **options):
        from .solve import solve
        return solve(self, time_limit=time_limit, **options)

    def explain(self) -> str:
        """Each paragraph beside its model elements, as algebra and read back in words."""
        from .readback import explain_model
        return explain_model(self)

    def check(self, plan):
        """What-if, no solve: the objective of `plan` ({decision: value}) and the paragraphs it breaks."""
        from .whatif import check
        return check(self, plan)

    def diagnose(self, **options):
        """Why the model has no optimum (conflicting paragraphs, the smallest relaxation), if it has none."""
        from .diagnose import diagnose
        return diagnose(self, **options)

    def to_pyomo(self):
        from .build import to_pyomo
        return to_pyomo(self)

    def to_lp(self) -> str:
        from .highs.lp import to_lp
        return to_lp(self)

    def write_lp(self, path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(self.to_lp())

    # -- serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "variables": [v.to_dict() for v in self.variables.values()] if self.variables is not None else None,
            "pure_binary": bool(self.variables.pure_binary) if self.variables is not None else None,
            "links": [c.to_dict() for c in self.links],
            "warnings": list(self.warnings),
            "split": self.split,
            "facts": list(self.facts),
            "stages_run": list(self.stages_run),
            "input_mode": self.input_mode,
            **({"transcript": list(self.transcript)} if self.transcript else {}),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Problem":
        """The problem `to_dict` saved. Data that is not such a dict is an InputError naming the field
        at fault ('paragraphs[2]: missing field 'text''), never a KeyError from inside."""
        if not isinstance(d, Mapping):
            raise InputError(f"a saved problem is a dict (from to_dict), got {type(d).__name__}", field="problem")
        where = "problem"
        try:
            text, given = d["text"], d["paragraphs"]
            if not isinstance(text, str):
                where = "text"
                raise TypeError(f"must be a string, got {type(text).__name__}")
            if not isinstance(given, list):
                where = "paragraphs"
                raise TypeError(f"must be a list, got {type(given).__name__}")
            paragraphs = []
            for i, p in enumerate(given):
                where = f"paragraphs[{i}]"
                if not isinstance(p, Mapping):
                    raise TypeError(f"must be a dict, got {type(p).__name__}")
                if isinstance(p["index"], bool) or not isinstance(p["index"], int) or not isinstance(p["text"], str):
                    raise TypeError("'index' must be a whole number and 'text' a string")
                paragraphs.append(Paragraph.from_dict(p))
            where = "variables"
            variables = None
            if d.get("variables") is not None:
                variables = VariableTable.build([Variable.from_dict(v) for v in d["variables"]],
                                                pure_binary=bool(d.get("pure_binary")))
            where = "links"
            links = [Constraint.from_dict(c) for c in d.get("links") or []]
            where = "problem"
            return cls(text, paragraphs, variables, links=links,
                       warnings=list(d.get("warnings") or []), split=d.get("split"),
                       facts=list(d.get("facts") or []), stages_run=list(d.get("stages_run") or []),
                       transcript=list(d.get("transcript") or []),
                       input_mode=d.get("input_mode") or "paragraphs")
        except MilpsynthError:
            raise
        except KeyError as exc:
            raise InputError(f"missing field {exc.args[0]!r}", field=where) from None
        except (TypeError, ValueError, AttributeError, IndexError) as exc:
            raise InputError(f"not what to_dict saves: {exc}", field=where) from None

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kw)

    # -- display -----------------------------------------------------------------------------
    def __str__(self) -> str:
        from .display import render
        return render(self)

    def __repr__(self) -> str:
        n_var = len(self.variables) if self.variables is not None else 0
        return (f"<Problem: {len(self.paragraphs)} paragraphs, {n_var} variables, "
                f"{len(self.constraints)} constraints, stages {self.stages_run}>")


def type_name(t: int | None) -> str:
    return TYPE_NAMES.get(t, "unclassified") if t is not None else "unclassified"
