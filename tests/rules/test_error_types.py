"""Each domain owns its errors: every mutation returns its domain's error type, whose code
enum lists what that domain can answer, every value described."""

from __future__ import annotations

import enum

import pytest
from graphql import GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLObjectType

from hub.accounts.errors import AccountErrorCode, ApiKeyErrorCode, TeamErrorCode
from hub.api.user_errors import api_code, api_field, api_message
from hub.config import Settings
from hub.core.validation import FieldCode, FieldError
from hub.creators.errors import CreatorErrorCode
from hub.funding.errors import FundingErrorCode
from hub.organisations.errors import OrganisationErrorCode
from hub.projects.errors import ProjectErrorCode
from hub.server.schema import build_schema
from hub.talent.credentials.errors import CredentialErrorCode
from hub.talent.errors import TalentErrorCode
from hub.talent.mentoring.errors import MentoringErrorCode

ERROR_TYPE_OF = {
    **dict.fromkeys(
        [
            "createCreator",
            "updateCreator",
            "deleteCreator",
            "addAffiliation",
            "removeAffiliation",
        ],
        "CreatorError",
    ),
    **dict.fromkeys(
        ["createOrganisation", "updateOrganisation", "deleteOrganisation"], "OrganisationError"
    ),
    **dict.fromkeys(
        [
            "createProject",
            "updateProject",
            "deleteProject",
            "addParticipant",
            "removeParticipant",
            "openRole",
            "updateOpenRole",
            "closeOpenRole",
        ],
        "ProjectError",
    ),
    **dict.fromkeys(
        [
            "register",
            "confirmRegistration",
            "login",
            "refreshSession",
            "logout",
            "changePassword",
            "setPreferredLanguage",
            "setCreatorOwner",
        ],
        "AccountError",
    ),
    **dict.fromkeys(
        [
            "inviteToOrganisation",
            "acceptOrganisationInvitation",
            "declineOrganisationInvitation",
            "removeOrganisationMember",
            "inviteToProject",
            "acceptProjectInvitation",
            "declineProjectInvitation",
        ],
        "TeamError",
    ),
    **dict.fromkeys(["createApiKey", "revokeApiKey"], "ApiKeyError"),
    **dict.fromkeys(
        [
            "createProgramme",
            "updateProgramme",
            "changeProgrammeStatus",
            "addProgrammeSession",
            "removeProgrammeSession",
            "inviteMentor",
            "answerMentorInvitation",
            "removeMentor",
            "applyToProgramme",
            "decideApplication",
            "enrolInProgramme",
            "withdrawApplication",
            "recordApplicationOutcome",
            "reviewApplication",
        ],
        "TalentError",
    ),
    "revokeCredential": "CredentialError",
    **dict.fromkeys(
        ["offerMentoring", "proposeMentorship", "setMentorshipStatus", "updateMentorshipGoals"],
        "MentoringError",
    ),
    **dict.fromkeys(
        [
            "createCampaign",
            "updateCampaign",
            "addRewardTier",
            "launchCampaign",
            "cancelCampaign",
            "suspendCampaign",
            "resumeCampaign",
            "payOutCampaign",
            "fileExpense",
            "approveExpense",
            "rejectExpense",
            "pledge",
            "cancelPledge",
            "refundPledge",
            "assignSponsoredSeat",
            "setSponsorConsent",
        ],
        "FundingError",
    ),
}

DOMAIN_CODES: list[type[enum.Enum]] = [
    AccountErrorCode,
    ApiKeyErrorCode,
    CreatorErrorCode,
    OrganisationErrorCode,
    ProjectErrorCode,
    TalentErrorCode,
    TeamErrorCode,
    CredentialErrorCode,
    MentoringErrorCode,
    FundingErrorCode,
]


@pytest.fixture(scope="module")
def schema():
    return build_schema(Settings())._schema


def _named(graphql_type):
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type


def test_every_mutation_returns_its_domains_error_type(schema):
    mutations = schema.mutation_type.fields
    assert set(mutations) == set(ERROR_TYPE_OF)
    for name, field in mutations.items():
        payload = _named(field.type)
        assert _named(payload.fields["userErrors"].type).name == ERROR_TYPE_OF[name], name


def test_every_mutation_input_is_described(schema):
    for name, field in schema.mutation_type.fields.items():
        assert field.args["input"].description, name


def test_every_error_type_has_a_described_field_code_and_message(schema):
    for type_name in set(ERROR_TYPE_OF.values()):
        error = schema.type_map[type_name]
        assert isinstance(error, GraphQLObjectType)
        assert error.description
        assert set(error.fields) == {"field", "code", "message"}
        assert all(field.description for field in error.fields.values())
        codes = _named(error.fields["code"].type)
        assert isinstance(codes, GraphQLEnumType)
        assert codes.name == f"{type_name}Code"
        assert codes.description
        undescribed = [name for name, value in codes.values.items() if not value.description]
        assert undescribed == [], type_name


def test_the_one_shared_user_error_code_is_gone(schema):
    assert "UserError" not in schema.type_map
    assert "UserErrorCode" not in schema.type_map


@pytest.mark.parametrize("codes", DOMAIN_CODES, ids=lambda codes: codes.__name__)
def test_every_domain_answers_the_codes_of_the_write_plumbing(codes):
    """``run_write`` answers CONFLICT and ``key_of`` NOT_FOUND, whatever the domain."""
    assert {"NOT_FOUND", "CONFLICT"} <= {code.value for code in codes}


def test_a_domain_code_is_reached_by_value_from_the_cores_code():
    error = FieldError(("end_date",), FieldCode.INVALID_DATE_RANGE, "x")
    assert api_code(ProjectErrorCode, error) is ProjectErrorCode.INVALID_DATE_RANGE


def test_a_code_a_domain_does_not_declare_is_a_bug_not_a_silent_answer():
    error = FieldError(("id",), ProjectErrorCode.PROJECT_CLOSED, "closed")
    with pytest.raises(LookupError, match="ApiKeyErrorCode lacks the code 'PROJECT_CLOSED'"):
        api_code(ApiKeyErrorCode, error)


def test_service_paths_become_api_field_names_at_the_edge():
    assert api_field(("lead_organisation_id",)) == ["leadOrganisationId"]
    assert api_field(("disciplines", "2", "years_of_experience")) == [
        "disciplines",
        "2",
        "yearsOfExperience",
    ]
    assert api_field(("budget", "currency_code")) == ["budget", "currencyCode"]
    assert api_field(()) is None


def test_quoted_service_names_in_messages_become_api_names():
    assert api_message("`end_date` is before `start_date`.") == "`endDate` is before `startDate`."
    assert api_message("`title` must not be empty.") == "`title` must not be empty."
    assert api_message("'zz_slug' is taken.") == "'zz_slug' is taken."
