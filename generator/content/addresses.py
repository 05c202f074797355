"""Web and mail addresses as site.yml gives them: what makes one usable as it is, and which
are placeholders (an example's address, this machine's) rather than the published one."""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from generator.errors import shown

# Characters an address never needs as they are (a space is %20), and that could end the
# attribute or element it is written into: quotes, < >, a backslash (read as / by browsers)
_NOT_IN_ADDRESS = re.compile(r"[\s\"'`<>\\\x00-\x1f\x7f]")
_HOST = re.compile(r"[\w.-]+|[0-9a-f:.]+")


def web_address_problem(value: str) -> str | None:
    """Why `value` is no http(s) address a page, the feed or the sitemap can carry as it is
    (None: it is one). Parsed as browsers split it: scheme, host, user name, port."""
    expected = f"expected an http:// or https:// address, got {shown(value)}"
    if _NOT_IN_ADDRESS.search(value):
        return f"{expected}: it holds a space, a quote, <, >, \\ or a control character (write a space as %20)"
    try:
        parts = urlsplit(value)
    except ValueError:   # e.g. an unclosed [ of an IPv6 host
        return f"{expected}: it is not a valid address"
    if parts.scheme not in ("http", "https"):
        return expected
    if not parts.hostname:
        return f"{expected}: it names no host (like https://example.org/)"
    if parts.username is not None or parts.password is not None:
        return f"{expected}: it holds a user name or password (what comes before @): leave it out"
    if not _HOST.fullmatch(parts.hostname):
        return f"{expected}: its host is not a host name"
    try:
        parts.port   # noqa: B018  # read to check it
    except ValueError:
        return f"{expected}: its port is not a number up to 65535"
    return None


def base_url_problem(value: str) -> str | None:
    """`web_address_problem`, and a site's address is a folder: no ?query or #fragment (its
    pages' addresses are made by adding to it)."""
    problem = web_address_problem(value)
    if problem is None and ("?" in value or "#" in value):
        return f"expected the address of the site's top folder, without ?… or #…, got {shown(value)}"
    return problem


# Hosts no published site has: the names RFC 2606 and 6761 reserve for examples and tests
# (and .local, .internal of local networks), this machine and the private networks. A base_url
# on one of them is a placeholder, not yet the real address.
_EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
_RESERVED_TLDS = ("example", "test", "invalid", "localhost", "local", "internal")


def placeholder_host(value: str) -> str | None:
    """The host of an address for examples, tests or a machine of one's own
    (https://example.org/…, http://localhost:8000/, https://192.168.1.20/, https://intranet/),
    or None: the address may be a published one."""
    try:
        host = (urlsplit(value).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if host.rsplit(".", 1)[-1] in _RESERVED_TLDS or any(host == d or host.endswith("." + d) for d in _EXAMPLE_DOMAINS):
        return host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host if host and "." not in host else None   # a bare name: a machine on a local network
    return host if address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified \
        else None


def is_placeholder_address(value: str) -> bool:
    return placeholder_host(value) is not None


def normal_base_url(value: str) -> str:
    """Ends with exactly one /: page paths are added to it."""
    return value.rstrip("/") + "/"


def email_address_problem(value: str) -> str | None:
    """One mail address, `碳桥 <bulletin@example.org>` or `bulletin@example.org`, or why not:
    it becomes a header of the message, where a line break would start another header."""
    from email.headerregistry import Address
    from email.policy import default
    expected = f"expected one address like 碳桥 <bulletin@example.org>, got {shown(value)}"
    if _CONTROL.search(value):
        return f"{expected}: it holds a line break or a control character"
    try:
        header = default.header_factory("From", value)
        found: tuple[Address, ...] = tuple(header.addresses)
    except (ValueError, IndexError, TypeError):
        return expected
    if len(found) != 1 or header.defects or not found[0].username or "." not in found[0].domain:
        return expected
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
