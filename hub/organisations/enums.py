from __future__ import annotations

import enum


class OrganisationKind(enum.Enum):
    STUDIO = "STUDIO"
    COMPANY = "COMPANY"
    UNIVERSITY = "UNIVERSITY"
    SCHOOL = "SCHOOL"
    FUND = "FUND"
    TECHNOPARK = "TECHNOPARK"
    GOVERNMENT = "GOVERNMENT"
    NGO = "NGO"
    ASSOCIATION = "ASSOCIATION"
    MEDIA = "MEDIA"
