"""What each file of a built site is: a token (content hash) per output path.

Every site folder carries its manifest, so the next build can turn the site
before last (kept as the back buffer) into the new one by rewriting only the
files whose token changed. The tokens depend only on file contents, so a
manifest is the same however the site was built. Reads only; `output.py` writes.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.incremental.hashing import token_of
from generator.output import MANIFEST


@dataclass(frozen=True)
class Existing:
    """A file made already, linked, not rewritten: the previous output's that is still right,
    or one the cache keeps under its token (a preview card; site/cards.py)."""

    path: str | Path
    token: str | None = None   # when known, the file is not read for it


@dataclass(frozen=True)
class Written:
    """A page a worker already wrote into the folder being built (`output.Staging`)."""

    token: str


@dataclass(frozen=True)
class Manifest:
    files: dict[str, str] = field(default_factory=dict)   # output path → token
    extra: tuple[str, ...] = ()                          # top-level entries a finisher made (pagefind/)


def file_tokens(files: Mapping[str, bytes | Path | Existing | Written], current: Manifest | None) -> dict[str, str]:
    """A token for every file to write. A kept page takes its token from the manifest of
    the output it is kept from (reading it again would cost the whole site)."""
    known = current.files if current else {}
    tokens: dict[str, str] = {}
    for rel, content in files.items():
        if isinstance(content, bytes):
            tokens[rel] = token_of(content)
        elif isinstance(content, Written):
            tokens[rel] = content.token
        elif isinstance(content, Existing):
            tokens[rel] = content.token or known.get(rel) or _token_of_file(content.path)
        else:
            tokens[rel] = _token_of_file(content)
    return tokens


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest, or None when it is missing or not ours (then nothing is reused)."""
    try:
        raw = json.loads((folder / MANIFEST).read_text("utf-8"))
        files, extra = raw["files"], raw["extra"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (isinstance(files, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
            and isinstance(extra, list) and all(isinstance(x, str) and "/" not in x for x in extra)):
        return None
    return Manifest(files, tuple(extra))


def manifest_bytes(manifest: Manifest) -> bytes:
    return json.dumps({"files": manifest.files, "extra": list(manifest.extra)}, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def extra_entries(folder: Path, files: Mapping[str, object], own: set[str]) -> tuple[str, ...]:
    """Top-level entries of `folder` that are not among `files` (nor ours): what a finisher added."""
    listed = {rel.split("/", 1)[0] for rel in files} | own
    return tuple(sorted(p.name for p in folder.iterdir() if p.name not in listed))


def _token_of_file(path: str | Path) -> str:
    with open(path, "rb") as fh:
        return token_of(fh.read())
