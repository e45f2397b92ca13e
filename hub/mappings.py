"""Imports every domain's read mapping so the registry is complete before a query runs."""

import hub.accounts.mapping
import hub.collaboration.mapping
import hub.countries.mapping
import hub.creators.mapping
import hub.disciplines.mapping
import hub.organisations.mapping
import hub.projects.mapping  # noqa: F401
