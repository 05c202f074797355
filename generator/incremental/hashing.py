"""Content hashes: every cache key, chart key and output-file token is made here."""
from __future__ import annotations

from hashlib import blake2b


def digest(*parts: object) -> str:
    """One hash of `parts`. Strings and bytes are hashed as themselves (with their kind and
    length, so ("ab", "c") and ("a", "bc") differ); anything else by its repr."""
    h = blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, str):
            data = part.encode("utf-8", "surrogatepass")   # file names that are not UTF-8
            h.update(b"s%d:" % len(data))
        elif isinstance(part, bytes):
            data = part
            h.update(b"b%d:" % len(data))
        else:
            data = repr(part).encode("utf-8", "surrogatepass")
            h.update(b"r%d:" % len(data))
        h.update(data)
    return h.hexdigest()


def token_of(data: bytes) -> str:
    """The token of an output file's content (the output manifest)."""
    return blake2b(data, digest_size=16).hexdigest()
