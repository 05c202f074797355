"""generator/search.py without the browser: unused Pagefind front ends are dropped, used ones kept."""
from __future__ import annotations

from pathlib import Path

from generator.site.search import OPTIONAL_BUNDLES, drop_unused_bundles


def make_site(root: Path, page: str) -> Path:
    (root / "pagefind").mkdir(parents=True)
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.unknown.pagefind"):
        (root / "pagefind" / name).write_text("x")
    for name in OPTIONAL_BUNDLES:
        (root / "pagefind" / f"{name}.js").write_text("x")
    (root / "pagefind" / "pagefind-modular-ui.css").write_text("x")
    (root / "search").mkdir()
    (root / "search" / "index.html").write_text(page, "utf-8")
    return root


def test_unused_front_ends_are_dropped(tmp_path: Path):
    site = make_site(tmp_path, '<script src="../pagefind/pagefind-ui.js"></script>')
    drop_unused_bundles(site)
    left = sorted(p.name for p in (site / "pagefind").iterdir())
    assert left == ["pagefind-ui.css", "pagefind-ui.js", "pagefind.js", "wasm.unknown.pagefind"]


def test_a_front_end_a_page_names_is_kept(tmp_path: Path):
    site = make_site(tmp_path, '<script type="module" src="../pagefind/pagefind-modular-ui.js"></script>')
    drop_unused_bundles(site)
    names = {p.name for p in (site / "pagefind").iterdir()}
    assert {"pagefind-modular-ui.js", "pagefind-modular-ui.css"} <= names
    assert "pagefind-component-ui.js" not in names and "pagefind-highlight.js" not in names
