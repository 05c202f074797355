"""The build cache: what the last build read and made, so the next one can skip work.

Kept in `.bulletin-cache/<output folder's name>/` beside the output folder (git-ignored):
- `inputs.marshal`: every input file's size, time and hash, and the options (stamp.py);
- `outputs.pickle`: each output file's fingerprint and the bodies it read (keys.py);
- `shard-<c>.pickle`: parsed articles and rendered bodies, by their keys' first
  character, so that an edit saves a sixteenth of them again, not all.
Beside the content folder, `.bulletin-cache/` also holds what every output of it shares:
chart SVGs, compiled templates and tag slugs. Losing any of it is harmless: the next
build is simply a full one.
"""
from __future__ import annotations

import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.incremental.hashing import digest
from generator.incremental.keys import ContextKeys, Read
from generator.incremental.listing import hash_inputs, list_files, output_state
from generator.incremental.locations import cache_dir_for, shared_cache_dir
from generator.incremental.memo import ArticleMemo, BodyMemo, Made, OutputMemo
from generator.incremental.stamp import STAMP_NAME, Inputs, Stamp, load_inputs

if TYPE_CHECKING:
    from generator.content.settings import Site
    from generator.site.views import IssueView

CACHE_FORMAT = 10   # bump when what is stored changes shape
OUTPUTS = "outputs.pickle"
SHARDS = "0123456789abcdef"


@dataclass
class Saved:
    """A build's caches as it saved them, kept by a warm process (`bulletin serve`) so the
    next build need not load them again. Used only while the stamp on disk is the one
    this build wrote (another build in between means the files are read as usual)."""

    inputs: Inputs
    outputs: dict[str, Made]
    entries: dict[str, object]   # key → parsed article or rendered body


@dataclass
class BuildCache:
    """The last build's records for one output folder, handed to the stages as memos."""

    folder: Path                      # .bulletin-cache/<out>
    shared: Path                      # .bulletin-cache beside the content folder
    stamp: Stamp
    roots: tuple[str, ...]            # the folders read: content, theme, default theme
    listing: list
    files: dict[str, tuple[int, int, str]]   # every input file: (size, mtime_ns, hash)
    last_outputs: Mapping[str, Made]
    last_entries: Mapping[str, object]
    enabled: bool
    articles: ArticleMemo = field(init=False)
    slugs: dict[str, str] = field(init=False)
    bodies: BodyMemo | None = None
    outputs: OutputMemo | None = None
    shards: dict[str, bytes] | None = None   # pickled ahead by `prepare_save`

    def __post_init__(self) -> None:
        hashes = {path: h for path, (_, _, h) in self.files.items()}
        self.articles = ArticleMemo(self.last_entries, hashes, self.stamp.code)
        self.slugs = _load_dict(self.shared / "slugs.pickle") if self.enabled else {}

    def memo_bodies(self, site: Site) -> BodyMemo:
        from generator.figures.charts import style_fingerprint  # a hash of the drawing code, no matplotlib
        self.bodies = BodyMemo(self.last_entries, digest(self.stamp.code, style_fingerprint()),
                               self.digest_under(site.root, skip=(".md", ".yml")))
        return self.bodies

    def memo_outputs(self, site: Site, about_html: str, views: tuple[IssueView, ...], out: Path,
                     themes: tuple[Path, ...]) -> OutputMemo:
        site_key = digest(self.stamp.code, [self.digest_under(t) for t in themes])
        keys = ContextKeys()

        def plan_key() -> str:   # what plan_pages and pdf_pages are made of
            return digest(site_key, keys.key_of((site, views, about_html)))
        self.outputs = OutputMemo(self.last_outputs, plan_key, lazy_keys(views, self.bodies), str(out),
                                  site_key=site_key, keys=keys)
        return self.outputs

    def digest_under(self, folder: Path, skip: tuple[str, ...] = ()) -> str:
        """One hash of every input file under `folder` but those ending with `skip`."""
        prefix = str(folder) + os.sep
        return digest([(path, h) for path, (_, _, h) in self.files.items()
                       if path.startswith(prefix) and not (skip and path.endswith(skip))])

    def compiled_templates(self) -> Path | None:
        """Where Jinja keeps compiled templates: one folder per generator and Jinja."""
        import jinja2
        return self.shared / f"templates-{digest(self.stamp.code, jinja2.__version__)[:16]}" if self.enabled else None

    def chart_folder(self) -> Path:
        return self.shared / "charts"

    def card_folder(self) -> Path:
        """Preview cards (og:image) by content hash, like charts."""
        return self.shared / "cards"

    def forget(self) -> None:
        """Called just before the output changes: the records say which files the output
        holds, and a build killed after the swap but before saving new records must not
        leave old ones beside a new site. Without them the next build is a full one."""
        for name in (STAMP_NAME, OUTPUTS):
            try:
                os.unlink(self.folder / name)
            except FileNotFoundError:
                pass

    def prepare_save(self) -> None:
        """The parsed articles and rendered bodies pickled now (while other cores start on the
        pages; nothing is kept after the bodies are made): `save`, after the site, writes them."""
        if self.enabled:
            self.shards = self._shard_files(self._entries())

    def save(self, options: str, links: tuple[tuple[str, str], ...], out: Path, due: str = "") -> Saved:
        """The records for the next build, once `out` holds the new site; returned for a
        warm process. `due`: the day (YYYY-MM-DD) from which the content builds another site."""
        entries = self._entries()
        outputs = dict(self.outputs.fresh) if self.outputs else {}
        inputs = Inputs(self.files, options, self.roots, digest(self.listing), links, output_state(out), due)
        if self.enabled:
            for name, data in (self.shards if self.shards is not None else self._shard_files(entries)).items():
                _store(self.folder, name, data)
            _store(self.folder, OUTPUTS, (CACHE_FORMAT, __version__, outputs))
            _store(self.folder, STAMP_NAME, inputs.dump())   # last: it says the rest is complete
            if self.slugs:
                _store(self.shared, "slugs.pickle", (CACHE_FORMAT, __version__, self.slugs))
        return Saved(inputs, outputs, entries)

    def _entries(self) -> dict[str, object]:
        return {**self.articles.fresh, **(self.bodies.fresh if self.bodies else {})}

    def _shard_files(self, entries: dict[str, object]) -> dict[str, bytes]:
        """{file name: pickled shard} of the shards whose entries changed (only they are written again)."""
        parts, last = by_shard(entries), by_shard(self.last_entries)
        return {f"shard-{c}.pickle": pickle.dumps((CACHE_FORMAT, __version__, part), pickle.HIGHEST_PROTOCOL)
                for c in SHARDS if (part := parts.get(c, {})).keys() != last.get(c, {}).keys()
                or not (self.folder / f"shard-{c}.pickle").is_file()}


def by_shard(entries: Mapping[str, object]) -> dict[str, dict[str, object]]:
    """The entries by shard, the first character of their key (one pass, however many shards)."""
    shards: dict[str, dict[str, object]] = {}
    for key, value in entries.items():
        shards.setdefault(key[0], {})[key] = value
    return shards


def open_cache(content: Path, out: Path, stamp: Stamp, roots: tuple[Path, ...], warm: Saved | None,
               enabled: bool, jobs: int | None = None) -> BuildCache:
    """The last build's records (from `warm` if the stamp on disk is the one it saved), and
    every input file under `roots`, hashed again only where its size or time changed."""
    names = tuple(map(str, roots))
    listing = stamp.listing if stamp.listing is not None and names == stamp.roots else list_files(list(roots))
    folder, shared = Path(cache_dir_for(out)), Path(shared_cache_dir(content))
    if warm is not None and enabled and warm.inputs.same_head(stamp.head):
        last_files, outputs, entries = warm.inputs.files, warm.outputs, warm.entries
    elif enabled:
        last_files, outputs, entries = load_inputs(str(folder)).files, _load_outputs(folder), _load_entries(folder)
    else:
        last_files, outputs, entries = {}, {}, {}
    if not stamp.output_whole:   # files of the output were changed since: none is kept as it is
        outputs = {}
    return BuildCache(folder, shared, stamp, names, listing, hash_inputs(listing, last_files, jobs), outputs,
                      entries, enabled)


def lazy_keys(views: tuple[IssueView, ...], bodies: BodyMemo | None) -> dict[Read, str]:
    """The current key of every lazy value: a body by what it is rendered from, a summary
    by its text."""
    found: dict[Read, str] = {}
    body_keys = bodies.made if bodies else {}
    for view in views:
        for art in view.articles:
            source = art.lazy_source
            found[("body", source)] = body_keys.get(source, "")
            found[("summary", source)] = digest(art.summary)
    return found


def _load_dict(path: Path) -> dict:
    """A stored dict, or an empty one if missing, stale or unreadable."""
    try:
        with open(path, "rb") as fh:
            fmt, version, value = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    return value if (fmt, version) == (CACHE_FORMAT, __version__) and isinstance(value, dict) else {}


def _load_outputs(folder: Path) -> dict[str, Made]:
    return _load_dict(folder / OUTPUTS)


def _load_entries(folder: Path) -> dict[str, object]:
    entries: dict[str, object] = {}
    for c in SHARDS:
        entries.update(_load_dict(folder / f"shard-{c}.pickle"))
    return entries


def _store(folder: Path, name: str, value: object) -> None:
    from generator.output.files import save_cache
    data = value if isinstance(value, bytes) else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    save_cache(folder, name, data)
