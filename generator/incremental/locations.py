"""Where the build cache lives: beside the output folder (each output's records) and beside
the content folder (what every output of it shares). Never inside either."""
from __future__ import annotations

import os

CACHE = ".bulletin-cache"   # the build cache's folder, beside the output folder and the content folder


def cache_dir_for(out: str | os.PathLike[str]) -> str:
    """The build cache of one output folder: `.bulletin-cache/<name>` beside it; for a folder
    that is itself in a build cache (`serve`'s preview), `<name>.cache` beside it."""
    parent, name = os.path.split(os.path.realpath(out))
    if os.path.basename(parent) == CACHE:
        return os.path.join(parent, f"{name}.cache")
    return os.path.join(parent, CACHE, name)


def preview_dir_for(out: str | os.PathLike[str]) -> str:
    """Where `serve` builds its preview: `.bulletin-cache/serve-<name>` beside the output folder,
    which it never writes (only `build` does)."""
    parent, name = os.path.split(os.path.realpath(out))
    return os.path.join(parent, CACHE, f"serve-{name}")


def shared_cache_dir(content: str | os.PathLike[str]) -> str:
    """What every output of one content folder shares (chart SVGs, compiled templates,
    tag slugs): `.bulletin-cache/` beside it, never inside it (the content is the editors')."""
    return os.path.join(os.path.dirname(os.path.realpath(content)), CACHE)
