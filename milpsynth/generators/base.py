"""What every generator class shares: seeded sampling, solve with re-sampling, rendering, output record.

A class subclasses `Generator` and provides
- `sample(size, rng) -> data` (numbers only; entity references 1-based, as the text shows them),
- `arrays(data) -> ArrayModel` (fast path) and `pyomo(data) -> ConcreteModel` (same model, same
  block names), with the block names shared so augmentation terms apply to both,
- `augment_kinds` (kind -> method(data, rng) -> Augment), and
- `paragraph_specs(data)` naming the jinja2 macros in templates/generators/<class>/paragraphs.j2.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..errors import GeneratorError
from ..resources import jinja_env, package_path
from ..status import Status
from .arrays import ArrayModel, SolveResult
from .pyomo_solve import add_augments, solve_pyomo

LEVELS = ("plain", "moderate", "hard")
PERTURBATIONS = ("none", "objective", "augment", "language")
EXPERIMENTAL_TYPE = {"none": "original", "objective": "objective_perturbation",
                     "augment": "constraint_augmentation", "language": "linguistic_complexity"}
# Which fine label (phrasing, 0..20) each level's wording of a logic type uses; see labels.FINE_NAMES.
FINE_BY_LEVEL = {10: {"plain": 10, "moderate": 12, "hard": 11},
                 11: {"plain": 13, "moderate": 14, "hard": 14},
                 12: {"plain": 15, "moderate": 16, "hard": 17},
                 13: {"plain": 18, "moderate": 19, "hard": 20}}
MAX_TRIES = 20
PYOMO_MAX_COLUMNS = 2000   # backend="auto": Pyomo below, the array fast path above
FIELDS = ("experimental_type", "problem_class", "size", "question", "answer", "seed", "data", "paragraphs",
          "status", "mip_gap", "model_lp", "objective_shift")


def fine_label(type_: int, level: str) -> int:
    return FINE_BY_LEVEL.get(type_, {}).get(level, type_)


def fmt(x) -> str:
    """Numbers as the text shows them: integers without a decimal point, others with up to 4 decimals."""
    x = float(x)
    if x.is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


@dataclass
class Augment:
    """One extra constraint over existing variables, stated as one paragraph of one of the 13 types."""
    kind: str
    type: int
    params: dict
    rows: list  # [(terms, sense, rhs)], terms [(block, 0-based index tuple, coef)], sense "<=", ">=", "=="

    @classmethod
    def one(cls, kind: str, type_: int, params: dict, terms: list, sense: str, rhs: float) -> "Augment":
        return cls(kind, type_, params, [(terms, sense, rhs)])

    def record(self) -> dict:
        return {"kind": self.kind, "type": self.type, **self.params}


@dataclass
class Instance:
    experimental_type: str
    problem_class: str
    size: object
    question: str
    answer: float | None
    seed: int
    data: dict
    paragraphs: list
    status: str
    mip_gap: float | None
    model_lp: str | None
    objective_shift: float | None = None
    # not part of the output record
    solve_seconds: float = field(default=0.0, compare=False)
    tries: int = field(default=1, compare=False)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in FIELDS}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


@lru_cache(maxsize=None)
def _scenarios(cls: str) -> tuple:
    path = package_path("text_templates", "generators", cls, "scenarios.json")
    with open(path) as f:
        return tuple(json.load(f))


def _env():
    env = jinja_env()
    env.filters.setdefault("num", fmt)
    env.filters.setdefault("cap", lambda t: str(t)[:1].upper() + str(t)[1:])
    return env


@lru_cache(maxsize=None)
def _macros(cls: str):
    return _env().get_template(f"generators/{cls}/paragraphs.j2").module


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in str(text).splitlines()]
    out: list[str] = []
    for ln in (ln.replace(" ,", ",").replace(" .", ".") for ln in lines if ln):
        # prose lines run on; table lines ("| ...") keep their own line
        if out and not ln.startswith("|") and not out[-1].startswith("|"):
            out[-1] += " " + ln
        else:
            out.append(ln)
    return "\n".join(out)


class Generator:
    name = ""
    kind = "LP"          # "LP" or "MIP"
    sense = "minimize"
    size_name = "size"   # the difficulty parameter, in words

    augment_kinds: dict = {}  # kind -> method name
    integral_objective = False  # True where integer data make every optimum a whole number

    # ---- to be provided by each class -------------------------------------------------------
    def sample(self, size, rng: np.random.Generator) -> dict:
        raise NotImplementedError

    def arrays(self, data: dict) -> ArrayModel:
        raise NotImplementedError

    def pyomo(self, data: dict):
        raise NotImplementedError

    def paragraph_specs(self, data: dict) -> list[tuple[str, str, int | None]]:
        """[(role, macro name, type or None)] for the base statement (augmentations come after)."""
        raise NotImplementedError

    # ---- sizes ------------------------------------------------------------------------------
    min_size = 2

    def parse_size(self, size):
        try:
            n = int(size)
        except (TypeError, ValueError):
            raise GeneratorError(f"{self.name}: size must be a whole number ({self.size_name}), got {size!r}",
                                 field="size") from None
        if n < self.min_size:
            raise GeneratorError(f"{self.name}: size must be at least {self.min_size} ({self.size_name}), got {n}",
                                 field="size")
        return n

    def size_key(self, size) -> tuple[int, ...]:
        return (int(size),)

    # ---- models with augmentations ----------------------------------------------------------
    def build_arrays(self, data: dict, augments=(), shift: float = 0.0) -> ArrayModel:
        am = self.arrays(data)
        for i, a in enumerate(augments):
            for terms, sense, rhs in a.rows:
                cols = [am.col(b, idx) for b, idx, _ in terms]
                vals = [c for _, _, c in terms]
                lo = rhs if sense in (">=", "==") else -np.inf
                hi = rhs if sense in ("<=", "==") else np.inf
                am.add_row(f"augment_{i + 1}_{a.kind}", cols, vals, lo, hi)
        am.offset += shift
        return am

    def build_pyomo(self, data: dict, augments=(), shift: float = 0.0):
        import pyomo.environ as pe
        m = self.pyomo(data)
        add_augments(m, augments)
        if shift:
            obj = m.component("objective")
            obj.set_value(obj.expr + shift)
        assert isinstance(m.component("objective"), pe.Objective)
        return m

    def solve(self, data: dict, augments=(), shift: float = 0.0, *, time_limit: float | None = 60.0,
              backend: str = "auto") -> SolveResult:
        if backend not in ("auto", "pyomo", "highs"):
            raise GeneratorError(f"backend must be auto, pyomo or highs, got {backend!r}", field="backend")
        am = self.build_arrays(data, augments, shift)
        if backend == "highs" or (backend == "auto" and am.n > PYOMO_MAX_COLUMNS):
            from .arrays import configure, run_highs
            h = am.to_highs()
            configure(h, time_limit, am.is_mip)
            return run_highs(h, am.is_mip)
        return solve_pyomo(self.build_pyomo(data, augments, shift), time_limit, self.kind == "MIP")

    # ---- augmentations ----------------------------------------------------------------------
    def sample_augments(self, data: dict, rng: np.random.Generator, count: int | None = None) -> list[Augment]:
        kinds = list(self.augment_kinds)
        k = int(rng.integers(1, 3)) if count is None else count
        chosen = rng.choice(len(kinds), size=min(k, len(kinds)), replace=False)
        out = []
        for j in sorted(int(c) for c in chosen):
            out.append(getattr(self, self.augment_kinds[kinds[j]])(data, rng))
        return out

    # ---- rendering --------------------------------------------------------------------------
    def scenarios(self) -> tuple:
        return _scenarios(self.name)

    def view(self, data: dict) -> dict:
        """What the templates see as `d` (the data, plus anything derived for display)."""
        return data

    def render(self, data: dict, augments=(), *, level: str = "plain", scenario: int = 0,
               shift: float = 0.0) -> list[dict]:
        if level not in LEVELS:
            raise GeneratorError(f"level must be one of {', '.join(LEVELS)}, got {level!r}", field="level")
        scen = self.scenarios()
        s = scen[scenario % len(scen)]
        mac = _macros(self.name)
        d = self.view(data)
        paras = []
        for role, macro, type_ in self.paragraph_specs(data):
            args = (s, d, level, shift) if role == "objective" else (s, d, level)
            p = {"role": role, "family": macro, "text": _clean(getattr(mac, macro)(*args))}
            if type_ is not None:
                p["type"] = type_
                p["fine_label"] = fine_label(type_, level)
            paras.append(p)
        for a in augments:
            text = _clean(getattr(mac, "aug_" + a.kind)(s, d, level, a.params))
            paras.append({"role": "constraint", "family": "augment_" + a.kind, "text": text,
                          "type": a.type, "fine_label": fine_label(a.type, level), "augmented": True})
        return paras

    # ---- one instance -----------------------------------------------------------------------
    def make(self, size, seed: int, perturb: str = "none", *, level: str | None = None,
             time_limit: float | None = 60.0, backend: str = "auto", with_lp: bool = True) -> Instance:
        if perturb not in PERTURBATIONS:
            raise GeneratorError(f"perturb must be one of {', '.join(PERTURBATIONS)}, got {perturb!r}",
                                 field="perturb")
        size = self.parse_size(size)
        ss = np.random.SeedSequence(int(seed))
        data_rng, aug_rng, word_rng = (np.random.default_rng(s) for s in ss.spawn(3))
        scenario = int(word_rng.integers(len(self.scenarios())))
        if level is None:
            level = "hard" if perturb == "language" else "plain"
        shift = float(word_rng.integers(100, 10001)) if perturb == "objective" else 0.0
        data, augments, res = None, [], None
        for tries in range(1, MAX_TRIES + 1):
            if data is None:
                data = self.sample(size, data_rng)
            augments = self.sample_augments(data, aug_rng) if perturb == "augment" else []
            res = self.solve(data, augments, shift, time_limit=time_limit, backend=backend)
            if res.status != Status.INFEASIBLE:
                break
            # decide whether the data or the augmentation is at fault
            if not augments or self.solve(data, (), 0.0, time_limit=time_limit,
                                          backend=backend).status == Status.INFEASIBLE:
                data = None
        else:
            raise GeneratorError(f"{self.name} size {size}: {MAX_TRIES} samples in a row were infeasible "
                                 f"(seed {seed}, perturb {perturb}); try another seed or size", field="size")
        if res.status in (Status.ERROR, Status.UNBOUNDED):
            raise GeneratorError(f"{self.name} size {size}: HiGHS returned {res.status.value} on a generated "
                                 f"instance (seed {seed}); this is a generator bug", field="solve")
        data_out = dict(data)
        if augments:
            data_out["augment"] = [a.record() for a in augments]
        paras = self.render(data, augments, level=level, scenario=scenario, shift=shift)
        answer = None if res.objective is None else round(res.objective, 6) + 0.0
        if answer is not None and self.integral_objective and abs(answer - round(answer)) < 1e-5:
            answer = float(round(answer))
        lp = self.build_arrays(data, augments, shift).to_lp_text() if with_lp else None
        return Instance(EXPERIMENTAL_TYPE[perturb], self.name, size, "\n\n".join(p["text"] for p in paras),
                        answer, int(seed), data_out, paras, res.status.value,
                        None if res.gap is None else round(res.gap, 9), lp,
                        shift if perturb == "objective" else None, solve_seconds=res.seconds, tries=tries)


def instance_seed(seed: int, class_index: int, size_key: tuple[int, ...], k: int) -> int:
    """The seed of the k-th instance of a class and size; it alone reproduces the instance."""
    return int(np.random.SeedSequence([int(seed), class_index, *size_key, k]).generate_state(1)[0])
