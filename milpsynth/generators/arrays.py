"""A linear model kept as numpy arrays: variable blocks and sparse rows, passed to HiGHS in one call.

This is the generators' fast path. Every class also writes the same model in Pyomo (its `pyomo`
method); tests check that both give the same optimum.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..status import Status


@dataclass
class Block:
    name: str
    offset: int
    shape: tuple[int, ...]
    integer: bool

    def index(self, idx: tuple[int, ...]) -> int:
        return self.offset + int(np.ravel_multi_index(idx, self.shape))


class ArrayModel:
    """Columns grouped in named blocks (like Pyomo indexed Vars); rows added in vectorised batches."""

    def __init__(self, sense: str):
        if sense not in ("minimize", "maximize"):
            raise ValueError(f"sense must be 'minimize' or 'maximize', got {sense!r}")
        self.sense = sense
        self.blocks: dict[str, Block] = {}
        self.n = 0
        self._lb: list[np.ndarray] = []
        self._ub: list[np.ndarray] = []
        self._cost: list[np.ndarray] = []
        self._int: list[np.ndarray] = []
        self._rows: list[tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []  # name, cols, vals, lo, hi
        self.offset = 0.0

    def add_block(self, name: str, shape, lb=0.0, ub=math.inf, integer: bool = False, cost=0.0) -> np.ndarray:
        """Add a block of columns; returns their column indices with the block's shape."""
        shape = tuple(int(s) for s in np.atleast_1d(shape))
        size = int(np.prod(shape))
        blk = Block(name, self.n, shape, integer)
        self.blocks[name] = blk
        self._lb.append(np.broadcast_to(np.asarray(lb, dtype=float), shape).ravel().copy())
        self._ub.append(np.broadcast_to(np.asarray(ub, dtype=float), shape).ravel().copy())
        self._cost.append(np.broadcast_to(np.asarray(cost, dtype=float), shape).ravel().copy())
        self._int.append(np.full(size, integer))
        cols = np.arange(self.n, self.n + size).reshape(shape)
        self.n += size
        return cols

    def add_rows(self, name: str, cols, vals, lo=-math.inf, hi=math.inf) -> None:
        """Add r rows of k terms each: cols and vals have shape (r, k) (vals may broadcast)."""
        cols = np.atleast_2d(np.asarray(cols, dtype=np.int64))
        vals = np.broadcast_to(np.asarray(vals, dtype=float), cols.shape)
        r = cols.shape[0]
        self._rows.append((name, cols, np.ascontiguousarray(vals),
                           np.broadcast_to(np.asarray(lo, dtype=float), (r,)).copy(),
                           np.broadcast_to(np.asarray(hi, dtype=float), (r,)).copy()))

    def add_row(self, name: str, cols, vals, lo=-math.inf, hi=math.inf) -> None:
        self.add_rows(name, np.asarray(cols)[None, :], np.asarray(vals, dtype=float)[None, :], lo, hi)

    def col(self, block: str, idx) -> int:
        return self.blocks[block].index(tuple(idx))

    @property
    def num_rows(self) -> int:
        return sum(c.shape[0] for _, c, _, _, _ in self._rows)

    @property
    def is_mip(self) -> bool:
        return any(b.integer for b in self.blocks.values())

    def to_highs(self, names: bool = False):
        """A highspy.Highs holding this model (row-wise matrix, passed in one call)."""
        import highspy
        from ..highs import new_highs

        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_ = self.n
        lp.col_cost_ = np.concatenate(self._cost) if self._cost else np.zeros(0)
        lp.col_lower_ = np.clip(np.concatenate(self._lb), -inf, inf)
        lp.col_upper_ = np.clip(np.concatenate(self._ub), -inf, inf)
        lens, idx, val, lo, hi = [], [], [], [], []
        for _, cols, vals, rlo, rhi in self._rows:
            r, k = cols.shape
            lens.append(np.full(r, k, dtype=np.int64))
            idx.append(cols.ravel())
            val.append(vals.ravel())
            lo.append(rlo)
            hi.append(rhi)
        nrow = int(sum(len(x) for x in lens))
        lp.num_row_ = nrow
        lp.row_lower_ = np.clip(np.concatenate(lo), -inf, inf) if lo else np.zeros(0)
        lp.row_upper_ = np.clip(np.concatenate(hi), -inf, inf) if hi else np.zeros(0)
        start = np.zeros(nrow + 1, dtype=np.int32)
        if nrow:
            np.cumsum(np.concatenate(lens), out=start[1:])
        a = lp.a_matrix_
        a.format_ = highspy.MatrixFormat.kRowwise
        a.num_col_ = self.n
        a.num_row_ = nrow
        a.start_ = start
        a.index_ = np.concatenate(idx).astype(np.int32) if idx else np.zeros(0, dtype=np.int32)
        a.value_ = np.concatenate(val) if val else np.zeros(0)
        lp.sense_ = highspy.ObjSense.kMaximize if self.sense == "maximize" else highspy.ObjSense.kMinimize
        lp.offset_ = float(self.offset)
        ints = np.concatenate(self._int)
        if ints.any():
            lp.integrality_ = [highspy.HighsVarType.kInteger if b else highspy.HighsVarType.kContinuous
                               for b in ints]
        if names:
            lp.col_names_ = self.column_names()
            lp.row_names_ = self.row_names()
        h = new_highs()
        h.passModel(lp)
        return h

    def column_names(self) -> list[str]:
        out = []
        for b in self.blocks.values():
            for idx in np.ndindex(*b.shape):
                out.append(b.name + "".join(f"_{i + 1}" for i in idx))
        return out

    def row_names(self) -> list[str]:
        out = []
        for name, cols, _, _, _ in self._rows:
            r = cols.shape[0]
            out += [name] if r == 1 else [f"{name}_{i + 1}" for i in range(r)]
        # HiGHS needs unique row names
        seen: dict[str, int] = {}
        uniq = []
        for n in out:
            k = seen.get(n, 0)
            seen[n] = k + 1
            uniq.append(n if k == 0 else f"{n}_{k + 1}")
        return uniq

    def to_lp_text(self) -> str:
        """CPLEX LP text written by HiGHS itself (so HiGHS reads it back unchanged)."""
        from ..highs.lp import highs_lp
        return highs_lp(self.to_highs(names=True))


@dataclass
class SolveResult:
    status: Status
    objective: float | None
    gap: float | None
    seconds: float


def configure(h, time_limit: float | None, mip: bool) -> None:
    from ..highs import configure as highs_configure
    highs_configure(h, time_limit, mip_gap=0.0 if mip else None)


def run_highs(h, mip: bool) -> SolveResult:
    """Run a configured Highs; 'infeasible or unbounded' counts as infeasible (the caller re-samples)."""
    from ..highs import run
    res = run(h, mip=mip)
    status = res.status or Status.INFEASIBLE
    return SolveResult(status, res.objective, res.gap, res.seconds)


def solve_arrays(model: ArrayModel, time_limit: float | None) -> SolveResult:
    h = model.to_highs()
    configure(h, time_limit, model.is_mip)
    return run_highs(h, model.is_mip)
