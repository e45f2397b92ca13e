"""How organisations map onto SQL."""

from __future__ import annotations

from sqlalchemy import select

from hub.accounts.enums import InvitationStatus
from hub.accounts.models import ApiKey, OrganisationInvitation, OrganisationMember
from hub.core.mapping import ENTITIES, Derived, Entity, ToMany, ToOne, boolean
from hub.creators.models import Affiliation
from hub.organisations.models import Organisation, OrganisationDiscipline
from hub.projects.models import Participant

ORGANISATION = ENTITIES.add(
    Entity(
        name="Organisation",
        table=Organisation.__table__,
        key_field="id",
        fields={
            "id": Organisation.id,
            "slug": Organisation.slug,
            "default_name": Organisation.name,
            "translations": Organisation.names,
            "kind": Organisation.kind,
            "country_code": Organisation.country_code,
            "city": Organisation.city,
            "website": Organisation.website,
            "description": Organisation.description,
            "founded_year": Organisation.founded_year,
            "member_since": Organisation.member_since,
            "is_association_member": Derived(
                lambda _env: boolean(Organisation.member_since.is_not(None))
            ),
            "created_at": Organisation.created_at,
            "updated_at": Organisation.updated_at,
        },
        relations={
            "country": ToOne("Country", key_field="country_code"),
            "disciplines": ToMany(
                "Discipline",
                through=lambda: select(
                    OrganisationDiscipline.organisation_id.label("parent"),
                    OrganisationDiscipline.discipline_id.label("child"),
                ),
            ),
            "members": ToMany("Affiliation", parent=Affiliation.organisation_id),
            "participations": ToMany("Participant", parent=Participant.organisation_id),
            "projects": ToMany(
                "Project",
                through=lambda: select(
                    Participant.organisation_id.label("parent"),
                    Participant.project_id.label("child"),
                ),
            ),
            # For its members and admins only: the resolvers check who asks first.
            "memberships": ToMany(
                "OrganisationMembership", parent=OrganisationMember.organisation_id
            ),
            "pending_invitations": ToMany(
                "OrganisationInvitation",
                parent=OrganisationInvitation.organisation_id,
                condition=lambda: OrganisationInvitation.status == InvitationStatus.PENDING,
            ),
            "api_keys": ToMany("ApiKey", parent=ApiKey.organisation_id),
        },
        orderings={
            "SLUG": Organisation.slug,
            "NAME": Organisation.name,
            "FOUNDED_YEAR": Organisation.founded_year,
            "CREATED_AT": Organisation.created_at,
        },
        default_ordering=(("NAME", False),),
    )
)
