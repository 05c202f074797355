"""generator/incremental/cache.py: the records a build leaves for the next one."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import Options, build
from generator.incremental.cache import BuildCache
from generator.incremental.locations import cache_dir_for


def records(site: Path, out: Path) -> dict[str, bytes]:
    build(Options(content=site, out=out, pdf=False, search=False))
    folder = Path(cache_dir_for(out))
    return {p.name: p.read_bytes() for p in sorted(folder.glob("shard-*.pickle"))}


def test_the_entries_pickled_ahead_are_the_ones_saved(site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """prepare_save pickles the parsed articles and bodies while the pages render; what it
    wrote is what save, left to itself, writes."""
    records(site_copy, tmp_path / "charts")   # the charts drawn (a body records whether it drew them)
    ahead = records(site_copy, tmp_path / "ahead")
    monkeypatch.setattr(BuildCache, "prepare_save", lambda self: None)   # save pickles them itself
    assert ahead and records(site_copy, tmp_path / "after") == ahead
    assert len(ahead) == 16
