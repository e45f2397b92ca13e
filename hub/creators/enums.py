from __future__ import annotations

import enum


class SkillLevel(enum.Enum):
    """How accomplished someone is in a discipline, in increasing order."""

    BEGINNER = "BEGINNER"
    INTERMEDIATE = "INTERMEDIATE"
    ADVANCED = "ADVANCED"
    EXPERT = "EXPERT"
    MASTER = "MASTER"

    @property
    def rank(self) -> int:
        return list(SkillLevel).index(self)


class LanguageProficiency(enum.Enum):
    """How well someone speaks a language, in increasing order."""

    BASIC = "BASIC"
    CONVERSATIONAL = "CONVERSATIONAL"
    PROFESSIONAL = "PROFESSIONAL"
    FLUENT = "FLUENT"
    NATIVE = "NATIVE"
