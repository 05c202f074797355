"""The files a site carries beside its pages: the theme's static files, the images and
charts its bodies asked for, the issues' covers and the authors' photos."""
from __future__ import annotations

from pathlib import Path

from generator.content.config import theme_folders
from generator.content.model import Publication
from generator.content.settings import Site
from generator.errors import Report
from generator.paths import is_inside
from generator.site.bodies import Rendered
from generator.site.urls import author_photo_path, cover_path


def collect_assets(site: Site, pub: Publication, rendered: dict[Path, Rendered],
                   report: Report) -> dict[str, bytes | Path]:
    """Theme static files, and the images and charts the bodies asked for."""
    out: dict[str, bytes | Path] = {}
    # the default theme's files first: a theme replaces them one by one, as it does templates
    for theme in reversed(theme_folders(site)):
        static = theme / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else ():
            if path.is_symlink() and not is_inside(theme, path):
                report.error(path, None, "is a link to something outside the theme; copy the file into the theme")
            elif path.is_file():
                out[f"static/{path.relative_to(static).as_posix()}"] = path
    for body in rendered.values():
        out.update(dict(body.files))
    for issue in pub.issues:
        cover = cover_path(issue)
        if cover and issue.cover and (issue.folder / issue.cover).is_file():
            out[cover] = issue.folder / issue.cover
    for author in site.authors:   # checked inside the content folder when authors.yml was read
        if author.photo:
            out[author_photo_path(author.key, author.photo)] = site.root / author.photo
    return out
