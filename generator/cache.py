"""The build cache: what the last build read and wrote, so the next one can skip work.

Kept in `.bulletin-cache/` beside the output folder (git-ignored). Losing it is
harmless: the next build is simply a full one.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__

CACHE_FORMAT = 3  # bump when what is stored changes shape


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


@dataclass
class State:
    """Everything remembered between builds (a plain pickle; never shared with other tools)."""

    inputs: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # path → (size, mtime_ns, hash)
    options: str = ""
    bodies: dict[str, object] = field(default_factory=dict)   # body key → Rendered
    pages: dict[str, str] = field(default_factory=dict)       # output path → fingerprint
    version: str = f"{__version__}/{CACHE_FORMAT}"


def cache_dir_for(out: Path) -> Path:
    return out.resolve().parent / ".bulletin-cache" / out.resolve().name


def load_state(folder: Path) -> State:
    try:
        with open(folder / "state.pickle", "rb") as fh:
            state = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return State()
    return state if isinstance(state, State) and state.version == State().version else State()


def scan_inputs(roots: list[Path], previous: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """Hash every file under the roots; files whose size and mtime did not change keep their hash."""
    found: dict[str, tuple[int, int, str]] = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                old = previous.get(path)
                if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
                    found[path] = old
                else:
                    with open(path, "rb") as fh:
                        found[path] = (st.st_size, st.st_mtime_ns, digest(fh.read()))
    return found


def folder_digest(inputs: dict[str, tuple[int, int, str]], folder: Path) -> str:
    """One hash for every input file under `folder` (e.g. an issue's data/ and images/)."""
    prefix = str(folder) + os.sep
    return digest(sorted((p, v[2]) for p, v in inputs.items() if p.startswith(prefix)))
