"""The statuses a solve can end in (plain data; every solver path maps its own codes onto these)."""
from __future__ import annotations

import enum


class Status(str, enum.Enum):
    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    TIME_LIMIT = "time_limit"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value
