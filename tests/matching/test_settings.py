"""Every factor's weight is a validated setting, read from ``HUB_MATCH_WEIGHT_...``."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hub.config import Settings
from hub.matching.enums import MatchFactor


@pytest.mark.parametrize("factor", list(MatchFactor))
def test_every_factor_has_a_weight_setting(factor):
    assert isinstance(getattr(Settings(), factor.weight_setting), float)


def test_weights_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("HUB_MATCH_WEIGHT_CROSS_BORDER", "4.5")
    assert Settings().match_weight_cross_border == 4.5


@pytest.mark.parametrize(
    "overrides",
    [
        {"match_weight_discipline": -1},
        {"match_weight_cross_border": 101},
        {"match_weight_prior_collaboration": -101},
        {"match_experience_full_years": 0},
    ],
)
def test_weights_out_of_range_are_refused(overrides):
    with pytest.raises(ValidationError):
        Settings(**overrides)


def test_only_prior_collaboration_may_weigh_negatively():
    assert Settings(match_weight_prior_collaboration=-2).match_weight_prior_collaboration == -2
