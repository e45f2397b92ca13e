from __future__ import annotations

import enum


class CisStatus(enum.Enum):
    """A country's standing in the Commonwealth of Independent States."""

    MEMBER = "MEMBER"
    ASSOCIATE = "ASSOCIATE"
    OBSERVER = "OBSERVER"
    FORMER = "FORMER"
    NONE = "NONE"
