"""Choosing the response media type from an ``Accept`` header, as RFC 9110 ranks it."""

import pytest

from hub.server.negotiation import MediaType, preferred

GRAPHQL = [MediaType.GRAPHQL_RESPONSE_JSON, MediaType.JSON]
WITH_HTML = [MediaType.HTML, *GRAPHQL]


@pytest.mark.parametrize("accept", [None, "", "   "])
def test_missing_or_blank_accept_header_means_the_first_offered_type(accept):
    assert preferred(accept, GRAPHQL) is MediaType.GRAPHQL_RESPONSE_JSON


@pytest.mark.parametrize("accept", ["*/*", "application/*", "*/*;q=0.8", "application/*;q=0.3"])
def test_wildcard_alone_keeps_legacy_clients_on_plain_json(accept):
    assert preferred(accept, GRAPHQL) is MediaType.JSON


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/graphql-response+json", MediaType.GRAPHQL_RESPONSE_JSON),
        ("application/json", MediaType.JSON),
        ("application/graphql-response+json, */*", MediaType.GRAPHQL_RESPONSE_JSON),
        ("application/json, */*;q=0.5", MediaType.JSON),
    ],
)
def test_a_named_type_is_chosen(accept, expected):
    assert preferred(accept, GRAPHQL) is expected


def test_higher_quality_wins_over_order_in_the_header():
    accept = "application/graphql-response+json;q=0.5, application/json"
    assert preferred(accept, GRAPHQL) is MediaType.JSON


def test_higher_quality_wins_over_order_of_the_offer():
    accept = "application/json;q=0.4, application/graphql-response+json;q=0.9"
    assert preferred(accept, GRAPHQL) is MediaType.GRAPHQL_RESPONSE_JSON


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/json, application/graphql-response+json", MediaType.JSON),
        ("application/graphql-response+json, application/json", MediaType.GRAPHQL_RESPONSE_JSON),
    ],
)
def test_equal_quality_goes_to_the_type_named_first_in_the_header(accept, expected):
    assert preferred(accept, GRAPHQL) is expected


def test_an_exact_mention_beats_a_wildcard_of_the_same_quality():
    assert preferred("*/*, application/json", GRAPHQL) is MediaType.JSON


def test_a_specific_range_overrides_the_wildcard_that_also_matches():
    accept = "application/graphql-response+json;q=0.1, */*;q=0.9"
    assert preferred(accept, GRAPHQL) is MediaType.JSON


@pytest.mark.parametrize("accept", ["text/html", "text/plain, image/png", "application/xml"])
def test_no_acceptable_type_gives_none(accept):
    assert preferred(accept, GRAPHQL) is None


@pytest.mark.parametrize(
    "accept",
    [
        "application/json;q=0, application/graphql-response+json;q=0",
        "application/json;q=0.0, application/graphql-response+json;q=0",
        "application/json;q=nonsense, application/graphql-response+json;q=0",
    ],
)
def test_quality_zero_or_unreadable_excludes_a_type(accept):
    assert preferred(accept, GRAPHQL) is None


def test_quality_zero_excludes_a_type_even_when_a_wildcard_would_admit_it():
    # RFC 9110 12.5.1: q=0 means "not acceptable"; the wildcard must not bring it back.
    accept = "application/json;q=0, */*"
    assert preferred(accept, GRAPHQL) is MediaType.GRAPHQL_RESPONSE_JSON


def test_quality_zero_on_one_type_leaves_the_other():
    accept = "application/graphql-response+json;q=0, application/json"
    assert preferred(accept, GRAPHQL) is MediaType.JSON


@pytest.mark.parametrize(
    "accept",
    [
        "APPLICATION/JSON",
        "Application/Json; charset=utf-8",
        "  application/json  ;  q=1  ",
        "application/json;level=1;q=0.9",
    ],
)
def test_case_whitespace_and_other_parameters_do_not_matter(accept):
    assert preferred(accept, GRAPHQL) is MediaType.JSON


@pytest.mark.parametrize("accept", ["json", "garbage, ,;q=1", ",,,"])
def test_malformed_ranges_are_ignored(accept):
    assert preferred(accept, GRAPHQL) is None


def test_malformed_ranges_next_to_a_good_one_are_ignored():
    assert preferred("nonsense, application/json", GRAPHQL) is MediaType.JSON


def test_a_browser_header_prefers_html_when_html_is_offered():
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert preferred(accept, WITH_HTML) is MediaType.HTML


def test_a_browser_header_gets_plain_json_when_html_is_not_offered():
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert preferred(accept, GRAPHQL) is MediaType.JSON


def test_a_graphql_client_does_not_get_html_even_when_html_is_offered():
    accept = "application/graphql-response+json, application/json;q=0.9"
    assert preferred(accept, WITH_HTML) is MediaType.GRAPHQL_RESPONSE_JSON


def test_only_offered_types_are_ever_chosen():
    assert preferred("application/graphql-response+json", [MediaType.JSON]) is None
    assert preferred("*/*", [MediaType.GRAPHQL_RESPONSE_JSON]) is (MediaType.GRAPHQL_RESPONSE_JSON)
