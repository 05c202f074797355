"""Full-text search: Pagefind indexes the finished site (it segments Chinese)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


class SearchError(Exception):
    pass


def pagefind_binary() -> list[str] | None:
    try:
        from pagefind_bin_extended import get_executable
        return [str(get_executable())]
    except ImportError:
        pass
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return [found] if found else None


def index_site(folder: Path, language: str) -> None:
    binary = pagefind_binary()
    if binary is None:
        print("warning: pagefind is not installed; the site is built without search "
              "(pip install 'pagefind[extended]')", file=sys.stderr)
        return
    cmd = [*binary, "--site", str(folder), "--force-language", language.split("-")[0]]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchError(f"pagefind failed: {done.stderr.strip() or done.stdout.strip()}")
    drop_unused_bundles(folder)


# Pagefind writes three more front ends beside the default UI the theme uses (about 280 KB
# on the sample, 40% of what search adds to the output). A theme that wants one names it in a page.
OPTIONAL_BUNDLES = ("pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")


def drop_unused_bundles(folder: Path) -> None:
    bundle = folder / "pagefind"
    present = [name for name in OPTIONAL_BUNDLES if any(bundle.glob(name + ".*"))]
    if not present:
        return
    for page in folder.rglob("*.html"):
        text = page.read_text("utf-8", errors="replace")
        present = [name for name in present if name not in text]
        if not present:
            return
    for name in present:
        for path in bundle.glob(name + ".*"):
            path.unlink()
