"""Who a request is for the rate limit: the admin token's holder, or an address.

``Forwarded`` and ``X-Forwarded-For`` are believed only from the proxies listed in
``HUB_TRUSTED_PROXIES``: from anyone else they are the client's own words, and a client
could name a new address per request to escape its limit.

An address is parsed, and its key written, once per process and address: a client
calls again and again from the same one.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

from starlette.requests import HTTPConnection

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network

IPV6_CLIENT_PREFIX = 64  # one subscriber usually holds a whole /64
ADDRESS_CACHE_SIZE = 4096


def client_identity(
    request: HTTPConnection, trusted_proxies: Sequence[IPNetwork], principal_key: str | None
) -> str:
    """The key a request's cost is charged to.

    An authenticated caller is charged as itself (``user:<id>``, ``key:<id>``, ``admin``)
    wherever it calls from; anonymous callers by their address.
    """
    if principal_key is not None:
        return principal_key
    return _key_of(client_address(request, trusted_proxies))


@functools.lru_cache(maxsize=ADDRESS_CACHE_SIZE)
def _key_of(address: IPAddress | None) -> str:
    """An anonymous client's key: its address, an IPv6 one by its /64."""
    if address is None:
        return "ip:unknown"
    if isinstance(address, IPv6Address) and address.ipv4_mapped is None:
        return f"ip:{IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False)}"
    return f"ip:{address.ipv4_mapped if isinstance(address, IPv6Address) else address}"


def client_address(
    request: HTTPConnection, trusted_proxies: Sequence[IPNetwork]
) -> IPAddress | None:
    """The peer, or walking the forwarded chain from the right while hops are trusted."""
    address = _parse(request.client.host) if request.client else None
    if not _is_trusted(address, trusted_proxies):
        # The usual case, a client calling directly: its headers are not even read.
        return address
    for hop in reversed(_forwarded_chain(request)):
        if not _is_trusted(address, trusted_proxies):
            break
        forwarded = _parse(hop)
        if forwarded is None:
            break  # "unknown" or obfuscated: the last proxy we trust is all we know
        address = forwarded
    return address


def _is_trusted(address: IPAddress | None, trusted_proxies: Sequence[IPNetwork]) -> bool:
    return address is not None and any(address in network for network in trusted_proxies)


def _forwarded_chain(request: HTTPConnection) -> list[str]:
    """The ``for`` addresses, nearest proxy last: RFC 7239 ``Forwarded`` first."""
    forwarded = request.headers.getlist("forwarded")
    if forwarded:
        return [
            value.strip().strip('"')
            for header in forwarded
            for element in header.split(",")
            for pair in element.split(";")
            for name, _, value in [pair.strip().partition("=")]
            if name.lower() == "for"
        ]
    return [
        hop.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for hop in header.split(",")
    ]


@functools.lru_cache(maxsize=ADDRESS_CACHE_SIZE)
def _parse(text: str) -> IPAddress | None:
    """An address as proxies write it: ``1.2.3.4``, ``1.2.3.4:80``, ``[::1]:80``, ``::1``."""
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None
