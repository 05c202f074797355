"""The build cache: what the last build read and wrote, so the next one can skip work.

Kept in `.bulletin-cache/` beside the output folder (git-ignored). Losing it is
harmless: the next build is simply a full one.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.incremental.stamp import STAMP_NAME, Inputs, Stamp, digest, load_inputs

CACHE_FORMAT = 9  # bump when what is stored changes shape


@dataclass
class State:
    """What the last build made (a plain pickle; never shared with other tools).

    On disk, `state.pickle` holds the pages, the slugs and `shards`; each issue's bodies
    and parsed articles are a `Shard` of their own, saved again only when they changed
    (one edited article at 5,000 re-pickled 26 MB of state)."""

    bodies: dict[str, object] = field(default_factory=dict)   # body key → Rendered
    pages: dict[str, str] = field(default_factory=dict)       # output path → fingerprint
    slugs: dict[str, str] = field(default_factory=dict)       # text → slug (pinyin is slow to load)
    articles: dict[str, object] = field(default_factory=dict)  # file → content.Parsed
    shards: dict[str, str] = field(default_factory=dict)      # issue → digest of its shard as saved
    # the site key, and the templates seen showing listed articles' bodies (pages.BodyReads)
    shown: tuple[str, frozenset[str]] = ("", frozenset())
    version: str = f"{__version__}/{CACHE_FORMAT}"


@dataclass
class Shard:
    """One issue's share of the state: its bodies and parsed articles. Entries are keyed by
    content hashes, so any mix of shards is sound (a stale entry is only a miss)."""

    bodies: dict[str, object] = field(default_factory=dict)
    articles: dict[str, object] = field(default_factory=dict)
    version: str = f"{__version__}/{CACHE_FORMAT}"

    def digest(self) -> str:
        return digest(sorted(self.bodies), sorted((path, p.key) for path, p in self.articles.items()))


@dataclass(frozen=True)
class Memo:
    """A build's caches as it saved them, kept in memory by a warm process (`serve`), so
    the next build need not load them again (0.08 s at 5,000 articles). Used only while
    the stamp on disk is the one this build wrote: another build in between, or a
    build that failed after dropping the record, means the files are read as usual."""

    inputs: Inputs
    state: State


def load_state(folder: Path) -> State:
    """The last build's state with every issue's shard in it (shards outlive `state.pickle`,
    which output.forget_cache drops before each swap)."""
    state = load_pickle(folder, State)
    for path in sorted(folder.glob("shard-*.pickle")) if folder.is_dir() else ():
        shard = load_pickle(folder, Shard, path.name)
        state.bodies.update(shard.bodies)
        state.articles.update(shard.articles)
    return state


def split_state(bodies: dict[str, object], articles: dict[str, object], owners: dict[str, str]) -> dict[str, Shard]:
    """Bodies (by `owners`: body key → issue) and parsed articles (by their issue) per issue."""
    shards: dict[str, Shard] = {}
    for key, body in bodies.items():
        shards.setdefault(owners[key], Shard()).bodies[key] = body
    for path, parsed in articles.items():
        shards.setdefault(parsed.article.issue_id, Shard()).articles[path] = parsed
    return shards


@dataclass
class Slugs:
    """Chinese text → pinyin slug, kept beside the content like the chart cache: a clean
    build then need not load pypinyin's dictionaries (~0.14 s) for tags it has seen."""

    memo: dict[str, str] = field(default_factory=dict)
    version: str = f"{__version__}/{CACHE_FORMAT}"


@dataclass
class Templates:
    """The theme's compiled templates (Jinja bytecode), kept beside the content like
    Python's __pycache__: compiling the theme costs ~35 ms a build. Jinja checks each
    entry against its template's source and the Python version; `salt` (the generator's
    code and Jinja's version) covers what is compiled in: the environment's options."""

    code: dict[str, bytes] = field(default_factory=dict)
    salt: str = ""
    version: str = f"{__version__}/{CACHE_FORMAT}"


def content_cache_dir(content: Path) -> Path:
    """Caches shared by every output of one content folder (charts, slugs): beside it."""
    return content.resolve().parent / ".bulletin-cache"


def load_pickle(folder: Path, kind: type, name: str | None = None):
    """The cached `kind` (State, Shard, …), or a fresh empty one if missing, stale or unreadable."""
    try:
        with open(folder / (name or f"{kind.__name__.lower()}.pickle"), "rb") as fh:
            value = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return kind()
    return value if isinstance(value, kind) and value.version == kind().version else kind()


def folder_digest(inputs: dict[str, tuple[int, int, str]], folder: Path, skip: tuple[str, ...] = ()) -> str:
    """One hash for every input file under `folder` (a theme; the content's data and
    images), but those whose names end with one of `skip`. In listing order, which is
    sorted and so the same from build to build."""
    prefix = str(folder) + os.sep
    return digest([(path, h) for path, (_, _, h) in inputs.items()
                   if path.startswith(prefix) and not (skip and path.endswith(skip))])


def recall_caches(cache: Path, stamp: Stamp, memo: Memo | None, use_cache: bool) -> tuple[dict, State]:
    """The last build's input hashes and state: from `memo` if the stamp on disk is the one
    it saved (nothing else wrote the caches since), else from the files."""
    if memo is not None and memo.inputs.same_head(stamp.head):
        return memo.inputs.files, memo.state
    if not use_cache:
        return {}, State()
    return load_inputs(str(cache)).files, load_state(cache)


def save_caches(folder: Path, inputs: Inputs, head: State, shards: dict[str, Shard],
                saved: dict[str, str]) -> None:
    """`saved`: each shard's digest when it was last written; only changed ones are written."""
    from generator.output.writer import drop_cache, save_cache
    for issue, shard in shards.items():
        if saved.get(issue) != head.shards[issue]:
            save_cache(folder, f"shard-{issue}.pickle", pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL))
    for issue in saved.keys() - shards.keys():
        drop_cache(folder, f"shard-{issue}.pickle")
    # State next: a kill between it and Inputs leaves old Inputs, which only forces a full check.
    save_cache(folder, "state.pickle", pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL))
    save_cache(folder, STAMP_NAME, inputs.dump())
