"""Precompressed copies of the site's text files (`bulletin build --compress`): `x.br` and
`x.gz` beside `x`, for a host that sends them as they are (nginx's brotli_static and
gzip_static, Apache's rewrite rules: docs/hosting.md) instead of compressing every response.

Made at the strongest settings, since a host sends them many times, and byte for byte the
same for the same file (the gzip header carries no time and no name). A copy is made again
exactly when its file changed: otherwise it is the last output's, linked like the file."""
from __future__ import annotations

import gzip
import os
from collections.abc import Mapping
from pathlib import Path

from generator.incremental.hashing import token_of
from generator.incremental.parallel import map_chunks
from generator.output.manifest import Existing, Manifest, Written
from generator.site.hosting import COMPRESSIBLE

SUFFIXES = (".br", ".gz")
PARALLEL_BYTES = 256 * 1024   # less text than this compresses faster than a second process starts

Content = bytes | Path | Existing | Written


def compress(data: bytes) -> dict[str, bytes]:
    """The copies worth having: one that is not smaller than the file would only cost bytes."""
    import brotli  # only a build asked to compress loads it
    made = {".br": brotli.compress(data, mode=brotli.MODE_TEXT, quality=11),
            ".gz": gzip.compress(data, compresslevel=9, mtime=0)}
    return {suffix: copy for suffix, copy in made.items() if len(copy) < len(data)}


def with_compressed(files: Mapping[str, Content], tokens: Mapping[str, str], live: Manifest | None,
                    out: Path, staging: Path, jobs: int | None = None) -> tuple[dict[str, Content], dict[str, str]]:
    """`files` and their tokens with the copies of each text file added. A file whose token
    is the live output's keeps that output's copies; the others are compressed, on every
    core when there is much to do (a page a worker wrote is read back from `staging`)."""
    known = live.files if live else {}
    files_out: dict[str, Content] = dict(files)
    tokens_out = dict(tokens)
    todo: list[tuple[str, bytes]] = []
    for rel, content in files.items():
        if not rel.endswith(COMPRESSIBLE):
            continue
        kept = [rel + s for s in SUFFIXES if rel + s in known] if known.get(rel) == tokens[rel] else []
        if kept:
            for name in kept:
                files_out[name], tokens_out[name] = Existing(os.path.join(out, name)), known[name]
        else:
            todo.append((rel, read_content(content, staging / rel)))
    workers = 1 if sum(len(data) for _, data in todo) < PARALLEL_BYTES else min(jobs or 2, os.cpu_count() or 1)
    for made in map_chunks(compress_chunk, todo, workers):
        for name, data in made:
            files_out[name], tokens_out[name] = data, token_of(data)
    return files_out, tokens_out


def compress_chunk(chunk: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    return [(rel + suffix, copy) for rel, data in chunk for suffix, copy in compress(data).items()]


def read_content(content: Content, written: Path) -> bytes:
    """The bytes of a file about to be written: given, at a path, or already in the staging folder."""
    if isinstance(content, bytes):
        return content
    path = written if isinstance(content, Written) else content.path if isinstance(content, Existing) else content
    with open(path, "rb") as fh:
        return fh.read()
