"""Which preview cards the site has and what each shows: one per article and per issue, and
the publication's own for every other page (figures/cards.py draws them).

A card is kept in the cache beside the content folder by its content hash, like a chart:
drawn again only when what it shows (or the drawing code) changed. Its cache file is named by
its key and its bytes' token, so a build links it into the output without reading it again.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator.content.config import theme_folders
from generator.content.settings import Site
from generator.figures.cards import CardSpec, Palette
from generator.i18n import counted, format_date, labels_for
from generator.incremental.hashing import digest, token_of
from generator.incremental.parallel import map_chunks, worker_count
from generator.output.files import read_cache, save_cache
from generator.output.manifest import Existing
from generator.site import urls
from generator.site.views import ArticleView, IssueView

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def card_specs(site: Site, issues: tuple[IssueView, ...], palette: Palette) -> dict[str, CardSpec]:
    """{output path: card} for the site, each issue and each article."""
    base = CardSpec(site.title, site.subtitle, "", "", "", address=site_address(site.base_url), palette=palette)
    latest = issues[0].issue if issues else None   # the publication's card: what is new in it
    site_card = replace(base, kicker=labels_for(site.language)["latest"] if latest else "",
                        title=latest.title if latest else site.subtitle or site.title,
                        points=latest.highlights if latest else (), footer=site.publisher)
    cards = {urls.in_language(urls.SITE_CARD, site.lang_edition): site_card}   # each language's edition its own
    for view in issues:
        lang = view.issue.language
        cards[view.card_path] = replace(base, kicker=format_date(view.issue.date, lang), title=view.issue.title,
                                        points=view.issue.highlights,
                                        footer=counted(len(view.articles), "article", lang))
        for art in view.articles:
            cards[art.card_path] = replace(base, issue=view.issue.title, kicker=art.section.title,
                                           title=art.meta.title, footer=byline(art))
    return cards


def byline(art: ArticleView) -> str:
    lang, t = art.issue.language, labels_for(art.issue.language)
    parts = [format_date(art.meta.date, lang)] if art.meta.date else []
    if art.meta.source:
        parts.append(f"{t['source']}{t['colon']}{art.meta.source}")
    elif art.byline_name:
        parts.append(f"{t['author']}{t['colon']}{art.byline_name}")
    return " · ".join(parts)


def site_address(base_url: str) -> str:
    """https://example.org/tanqiao/ → example.org/tanqiao"""
    return base_url.split("://", 1)[-1].rstrip("/")


def theme_palette(site: Site, folder: Path) -> Palette:
    """The colours of the theme's stylesheet (:root's --paper, --ink, … as #rrggbb); what it
    does not set, the default theme's. Parsing the stylesheet takes longer than everything
    else a build does for its cards, so what it found is kept in `folder` (the drawing code's)
    by the sheet's hash."""
    for theme in theme_folders(site):
        try:
            css = (theme / "static" / "style.css").read_bytes()
        except OSError:
            continue
        name = f"palette-{digest(css)}.json"
        kept = read_cache(folder, name)
        try:
            found = json.loads(kept) if kept else None
        except ValueError:
            found = None
        if not isinstance(found, dict):
            found = root_colours(css.decode("utf-8", errors="replace"))
            save_cache(folder, name, json.dumps(found).encode())
        return Palette(**{k: v for k, v in found.items() if k in Palette.__dataclass_fields__ and isinstance(v, str)})
    return Palette()


def root_colours(css: str) -> dict[str, str]:
    """:root's custom properties that hold a #rrggbb colour: {"paper": "#fbfaf7", …}."""
    import tinycss2
    found: dict[str, str] = {}
    for rule in tinycss2.parse_stylesheet(css, True, True):
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for decl in tinycss2.parse_declaration_list(rule.content, True, True):
                value = tinycss2.serialize(decl.value).strip() if decl.type == "declaration" else ""
                if _COLOUR.fullmatch(value):
                    found.setdefault(decl.lower_name.removeprefix("--").replace("-", "_"), value.lower())
            break
    return found


def style_key() -> str:
    """What a card's drawing depends on besides its spec: the drawing code and Pillow."""
    from generator import cjk
    from generator.figures import cards
    code = [Path(m.__file__ or "").read_bytes() for m in (cards, cjk, sys.modules[__name__])]
    return digest(*code, _pillow_release())


def _pillow_release() -> str:
    import PIL
    return PIL.__version__


def edition_cards(editions: list[tuple[Site, tuple[IssueView, ...]]], folder: Path,
                  jobs: int | None) -> dict[str, Existing | bytes]:
    """The cards of every language's edition (each language's site, issues and articles have
    their own), from the cache or drawn."""
    style = style_key()
    kept = style_folder(folder, style)
    specs: dict[str, CardSpec] = {}
    for site, views in editions:
        palette = theme_palette(site, kept)
        specs.update({path: spec for path, spec in card_specs(site, views, palette).items() if path not in specs})
    return card_files(specs, kept, style, jobs)


def card_files(specs: dict[str, CardSpec], folder: Path, style: str,
               jobs: int | None) -> dict[str, Existing | bytes]:
    """{output path: the cached card, linked}, drawing (on every core) those not in the cache
    (`folder`: the cards of the drawing code whose key is `style`). Only a build that writes
    asks (`bulletin check` draws none: nothing in a card can be wrong)."""
    keys = {path: digest(style, spec) for path, spec in specs.items()}
    kept = _cached(folder)
    missing = sorted({key for key in keys.values() if key not in kept})
    if missing:
        by_key = {keys[path]: spec for path, spec in specs.items()}
        for drawn in map_chunks(lambda chunk: [_draw(by_key[k], k, folder) for k in chunk], missing,
                                worker_count(len(missing) * 4, jobs)):   # a card costs ~4 pages
            kept.update(drawn)
    return {path: _linked(folder, kept[key]) for path, key in keys.items()}


UNUSED = 7 * 24 * 3600   # seconds: the cards of other drawing code no card was added to for this long go


def style_folder(folder: Path, style: str, now: float | None = None) -> Path:
    """Where the cards of this drawing code (and the theme's colours) are kept: `cards/<style>/`.
    Those of other drawing code (the generator since upgraded) go once nothing was added to
    them for a week, rather than pile up (another version still building this content keeps
    what it uses meanwhile)."""
    own, now = style[:16], time.time() if now is None else now
    try:
        for entry in os.scandir(folder):
            if entry.name == own or now - entry.stat(follow_symlinks=False).st_mtime < UNUSED:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:   # kept without a style folder (before 2026-12-07)
                os.unlink(entry.path)
    except OSError:
        pass   # no cards yet, or one already gone
    return folder / own


def _linked(folder: Path, name: str | bytes) -> Existing | bytes:
    """The card's file in the cache, with its token; its bytes, if the cache could not keep it."""
    return name if isinstance(name, bytes) else Existing(os.path.join(folder, name), token=name.split(".")[1])


def _cached(folder: Path) -> dict[str, str | bytes]:
    """The cards in the cache: key → file name (<key>.<token>.png)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return {}
    return {name.split(".")[0]: name for name in names if name.endswith(".png") and name.count(".") == 2}


def _draw(spec: CardSpec, key: str, folder: Path) -> tuple[str, str | bytes]:
    from generator.figures.cards import draw_card
    data = draw_card(spec)
    name = f"{key}.{token_of(data)}.png"
    save_cache(folder, name, data)
    return key, name if (folder / name).is_file() else data
