"""Codes of the country rules other domains' writes apply (countries have no mutations)."""

from __future__ import annotations

import enum


class CountryRuleCode(enum.Enum):
    UNKNOWN_COUNTRY = "UNKNOWN_COUNTRY"
    UNKNOWN_REGION = "UNKNOWN_REGION"
    REGION_NOT_IN_COUNTRY = "REGION_NOT_IN_COUNTRY"
