"""Rules that span an open role's fields: what one field asks of another.

Field rules (``service.ROLE_RULES``) check one value each; these read the role as it
will be after the write (the new values over the stored ones), and only when the write
touches one of the fields involved, so a role stored before a rule existed can still
have its title fixed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from hub.core.validation import Problems
from hub.i18n.messages import _
from hub.i18n.words import LanguageName, Listing
from hub.projects.errors import ProjectErrorCode
from hub.projects.models import OpenRole

_LOCATION_FIELDS = ("remote_allowed", "location_country")
_LANGUAGE_FIELDS = ("required_languages", "language_minimums")


@dataclass(frozen=True)
class RoleAfter:
    """The fields these rules read, as the role will be after the write."""

    remote_allowed: bool
    location_country: str | None
    required_languages: Collection[str]
    language_minimums: Mapping[str, str]

    @classmethod
    def of(cls, columns: Mapping[str, Any], role: OpenRole | None) -> RoleAfter:
        def value(name: str, default: Any) -> Any:
            if name in columns:
                return columns[name]
            return getattr(role, name) if role is not None else default

        return cls(
            remote_allowed=bool(value("remote_allowed", True)),
            location_country=value("location_country", None),
            required_languages=value("required_languages", None) or [],
            language_minimums=value("language_minimums", None) or {},
        )


def check_role_coherence(
    problems: Problems, columns: Mapping[str, Any], role: OpenRole | None
) -> None:
    """Record what the role's fields, taken together, get wrong.

    On-site work needs a place: matchmaking's `LOCATION` requirement reads it, and a
    candidate cannot know where to go without it. A minimum proficiency only means
    something for a language the role requires; rather than quietly make the language
    required (which would change who is excluded), the write is refused, so the client
    says which it meant.
    """
    after = RoleAfter.of(columns, role)
    touched = columns.keys()
    location_touched = role is None or any(name in touched for name in _LOCATION_FIELDS)
    if location_touched and not after.remote_allowed and after.location_country is None:
        problems.add(
            "location_country",
            ProjectErrorCode.LOCATION_REQUIRED,
            _("A role that cannot be done remotely needs `locationCountry`."),
        )
    if any(name in touched for name in _LANGUAGE_FIELDS):
        stray = sorted(set(after.language_minimums) - set(after.required_languages))
        if stray:
            problems.add(
                "language_minimums",
                ProjectErrorCode.MINIMUM_FOR_UNREQUIRED_LANGUAGE,
                _(
                    "A minimum proficiency is set for a language the role does not require: "
                    "{languages}; add it to `requiredLanguages` or drop the minimum.",
                    languages=Listing.of(LanguageName(code) for code in stray),
                ),
            )
