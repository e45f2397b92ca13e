"""The offset arithmetic behind every connection, against Relay's pagination algorithm."""

from hypothesis import given
from hypothesis import strategies as st

from hub.core.paging import Window


def relay_slice(total: int, first, after, last, before) -> list[int]:
    """Relay's ApplyCursorsToEdges, then first, then last, on offsets 0..total-1."""
    edges = list(range(total))
    if after is not None:
        edges = [edge for edge in edges if edge > after]
    if before is not None:
        edges = [edge for edge in edges if edge < before]
    if first is not None:
        edges = edges[:first]
    if last is not None:
        edges = edges[-last:] if last else []
    return edges


optional_count = st.none() | st.integers(min_value=0, max_value=30)


@given(
    total=st.integers(min_value=0, max_value=40),
    first=optional_count,
    after=optional_count,
    last=optional_count,
    before=optional_count,
)
def test_bounds_select_exactly_what_relay_specifies(total, first, after, last, before):
    start, end = Window(first, after, last, before).bounds(total)
    assert list(range(start, end)) == relay_slice(total, first, after, last, before)
