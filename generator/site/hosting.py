"""What a static host should send with the site's files: the one home of the response
headers (`_headers` for Netlify and Cloudflare Pages, `bulletin serve`, docs/hosting.md's
nginx and Apache rules) and of which files are worth compressing."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# An SVG opened on its own is a document of the site's origin: it may draw (its inline styles,
# embedded images and fonts) and nothing else.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"

# Sent with every file: no guessing a type from the content (an upload read as a page)
SECURITY = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin"))

DAY = 86400


@dataclass(frozen=True)
class CacheRule:
    """Files by extension and how long a browser may keep them without asking again. Pages,
    the feed and the sitemap have none: they are asked for again on every visit (the hosts'
    default), so a correction is seen at once."""

    extensions: tuple[str, ...]
    seconds: int


CACHE_RULES = (
    # the theme's stylesheet and scripts change only with the theme or the generator
    CacheRule(("css", "js"), 7 * DAY),
    # images, charts and PDFs keep their names when an editor corrects them: a day at most
    CacheRule(("svg", "png", "jpg", "jpeg", "gif", "webp", "pdf"), DAY),
)

# Text worth compressing (`build --compress`); images and PDFs are compressed already
COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".json")


def cache_control(seconds: int) -> str:
    return f"public, max-age={seconds}"


def host_root(base_url: str) -> str:
    """The root of the host a site is published on: robots.txt is read only there."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}/"
