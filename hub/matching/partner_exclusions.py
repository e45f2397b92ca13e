"""Why an organisation is missing from another's partner ranking: the rule that does it.

``matchPartners`` applies these rules in SQL (``partners.partner_candidates`` and the
ranking's minimum score); ``explainPartnerMatch`` names them, one code each, for one
organisation. A test checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import RowMapping

from hub.i18n.messages import Message, _
from hub.i18n.words import Listing
from hub.matching.exclusions import Exclusion, ExclusionCode
from hub.matching.wording import Name
from hub.organisations.enums import OrganisationKind

SCORE_TOLERANCE = 1e-9
"""The slack the ranking allows a minimum score (``ranking.Scored.counted``)."""


@dataclass(frozen=True)
class PartnerNarrowing:
    """The filter of a partner ranking: which partners a caller wants to see."""

    kinds: tuple[OrganisationKind, ...] = ()
    countries: tuple[str, ...] = ()
    minimum_score: float | None = None


def partner_exclusions(
    organisation_id: int, partner: RowMapping, narrowing: PartnerNarrowing
) -> list[Exclusion]:
    """Every rule that leaves ``partner`` out before it is scored, in a fixed order."""
    found: list[Exclusion] = []
    if partner["id"] == organisation_id:
        found.append(
            Exclusion(ExclusionCode.SAME_ORGANISATION, _("An organisation is not its own partner."))
        )
    if narrowing.kinds and partner["kind"] not in narrowing.kinds:
        kinds = Listing.of(KIND_WORDS[kind] for kind in narrowing.kinds)
        found.append(
            Exclusion(
                ExclusionCode.OUTSIDE_KINDS,
                _(
                    "Its kind is {kind}; the filter asks for: {kinds}.",
                    kind=KIND_WORDS[OrganisationKind(partner["kind"])],
                    kinds=kinds,
                ),
            )
        )
    if narrowing.countries and partner["country_code"] not in narrowing.countries:
        found.append(
            Exclusion(
                ExclusionCode.OUTSIDE_COUNTRIES,
                _(
                    "It is based in {country}; the filter asks for: {countries}.",
                    country=_country(partner["country_code"]),
                    countries=Listing.of(_country(code) for code in narrowing.countries),
                ),
            )
        )
    return found


def below_minimum(score: float, narrowing: PartnerNarrowing) -> Exclusion | None:
    """The minimum-score rule, once the partner's score is known."""
    minimum = narrowing.minimum_score
    if minimum is None or score >= minimum - SCORE_TOLERANCE:
        return None
    return Exclusion(
        ExclusionCode.BELOW_MINIMUM_SCORE,
        _(
            "Its score, {score}, is below the minimum of {minimum} the filter asks for.",
            score=format(score, ".3f"),
            minimum=format(minimum, ".3f"),
        ),
    )


KIND_WORDS: dict[OrganisationKind, Message] = {
    OrganisationKind.STUDIO: _("studio"),
    OrganisationKind.COMPANY: _("company"),
    OrganisationKind.UNIVERSITY: _("university"),
    OrganisationKind.SCHOOL: _("school"),
    OrganisationKind.FUND: _("fund"),
    OrganisationKind.TECHNOPARK: _("technopark"),
    OrganisationKind.GOVERNMENT: _("government body"),
    OrganisationKind.NGO: _("non-profit organisation"),
    OrganisationKind.ASSOCIATION: _("association"),
    OrganisationKind.MEDIA: _("media"),
}
"""Organisation kinds as words in a sentence, in the sentence's language."""


def _country(code: str) -> Name:
    """A country by its ISO code: the code in ``params``, its CLDR name in a sentence."""
    return Name(code, None, code)
