from __future__ import annotations

import enum


class MatchFactor(enum.Enum):
    """What a match score is made of; each factor has a weight setting."""

    DISCIPLINE = "DISCIPLINE"
    SENIORITY = "SENIORITY"
    EXPERIENCE = "EXPERIENCE"
    LANGUAGE = "LANGUAGE"
    PREFERRED_COUNTRY = "PREFERRED_COUNTRY"
    CROSS_BORDER = "CROSS_BORDER"
    LOCATION = "LOCATION"
    YOUNG_TALENT = "YOUNG_TALENT"
    MENTOR = "MENTOR"
    AVAILABILITY = "AVAILABILITY"
    LEVEL_FIT = "LEVEL_FIT"
    COMPLEMENTARY_DISCIPLINES = "COMPLEMENTARY_DISCIPLINES"
    SHARED_LANGUAGES = "SHARED_LANGUAGES"
    PRIOR_COLLABORATION = "PRIOR_COLLABORATION"

    @property
    def weight_setting(self) -> str:
        """The ``Settings`` attribute holding this factor's weight."""
        return f"match_weight_{self.value.lower()}"


class Importance(enum.Enum):
    """How much a wish counts: a hard rule, or a plus in the score."""

    REQUIRED = "REQUIRED"
    PREFERRED = "PREFERRED"
