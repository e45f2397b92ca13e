"""How organisations map onto SQL."""

from __future__ import annotations

from sqlalchemy import select

from hub.accounts import mapping as accounts_mapping
from hub.accounts.enums import InvitationStatus
from hub.accounts.models import ApiKey, OrganisationInvitation, OrganisationMember
from hub.core.mapping import Derived, Entity, Relations, ToMany, ToOne, boolean
from hub.countries import mapping as countries_mapping
from hub.creators import mapping as creators_mapping
from hub.creators.models import Affiliation
from hub.disciplines import mapping as disciplines_mapping
from hub.organisations.models import Organisation, OrganisationDiscipline
from hub.projects import mapping as projects_mapping
from hub.projects.models import Participant


class OrganisationRelations(Relations):
    country = ToOne(lambda: countries_mapping.COUNTRY, key_field="country_code")
    disciplines = ToMany(
        lambda: disciplines_mapping.DISCIPLINE,
        through=lambda: select(
            OrganisationDiscipline.organisation_id.label("parent"),
            OrganisationDiscipline.discipline_id.label("child"),
        ),
    )
    members = ToMany(lambda: creators_mapping.AFFILIATION, parent=Affiliation.organisation_id)
    participations = ToMany(
        lambda: projects_mapping.PARTICIPANT, parent=Participant.organisation_id
    )
    projects = ToMany(
        lambda: projects_mapping.PROJECT,
        through=lambda: select(
            Participant.organisation_id.label("parent"),
            Participant.project_id.label("child"),
        ),
    )
    # For its members and admins only: the resolvers check who asks first.
    memberships = ToMany(
        lambda: accounts_mapping.ORGANISATION_MEMBERSHIP, parent=OrganisationMember.organisation_id
    )
    pending_invitations = ToMany(
        lambda: accounts_mapping.ORGANISATION_INVITATION,
        parent=OrganisationInvitation.organisation_id,
        condition=lambda: OrganisationInvitation.status == InvitationStatus.PENDING,
    )
    api_keys = ToMany(lambda: accounts_mapping.API_KEY, parent=ApiKey.organisation_id)


ORGANISATION: Entity[OrganisationRelations] = Entity(
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
        "region_code": Organisation.region_code,
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
    relations=OrganisationRelations(),
    orderings={
        "SLUG": Organisation.slug,
        "NAME": Organisation.name,
        "FOUNDED_YEAR": Organisation.founded_year,
        "CREATED_AT": Organisation.created_at,
    },
    default_ordering=(("NAME", False),),
)
