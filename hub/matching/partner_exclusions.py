"""Why an organisation is missing from another's partner ranking: the rule that does it.

``matchPartners`` applies these rules in SQL (``partners.partner_candidates`` and the
ranking's minimum score); ``explainPartnerMatch`` names them, one code each, for one
organisation. A test checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import RowMapping

from hub.matching.exclusions import Exclusion, ExclusionCode
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
            Exclusion(ExclusionCode.SAME_ORGANISATION, "An organisation is not its own partner.")
        )
    if narrowing.kinds and partner["kind"] not in narrowing.kinds:
        kinds = ", ".join(_kind(kind) for kind in narrowing.kinds)
        found.append(
            Exclusion(
                ExclusionCode.OUTSIDE_KINDS,
                f"It is a {_kind(partner['kind'])}; the filter asks for: {kinds}.",
            )
        )
    if narrowing.countries and partner["country_code"] not in narrowing.countries:
        found.append(
            Exclusion(
                ExclusionCode.OUTSIDE_COUNTRIES,
                f"It is based in {partner['country_code']}; the filter asks for "
                f"{', '.join(narrowing.countries)}.",
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
        f"Its score, {score:.3f}, is below the minimum of {minimum:.3f} the filter asks for.",
    )


def _kind(kind: OrganisationKind) -> str:
    return kind.value.lower().replace("_", " ")
