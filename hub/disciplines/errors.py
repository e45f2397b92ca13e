"""Codes of the discipline rules other domains' writes apply (disciplines have no mutations)."""

from __future__ import annotations

import enum


class DisciplineRuleCode(enum.Enum):
    UNKNOWN_DISCIPLINE = "UNKNOWN_DISCIPLINE"
