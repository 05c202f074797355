"""The content tree → `Publication` (issues and their articles), validated."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.content import schema as s
from generator.content.articles import Parsed, late_dates, read_article
from generator.content.authors import check_bylines
from generator.content.config import read_text
from generator.content.documents import check_citations
from generator.content.folders import check_issue_folder, issue_folders, language_of, section_articles
from generator.content.frontmatter import starts_with_front_matter
from generator.content.model import ISSUE_ID, Article, Issue, Publication, Source
from generator.content.schedule import Held, Selection, held_item, next_due
from generator.content.settings import Section, Site
from generator.content.snapshot import load_snapshot
from generator.content.translations import issue_texts, pair_translations
from generator.content.yamlmap import YamlMap, parse_mapping
from generator.errors import Report, shown
from generator.incremental.parallel import map_chunks, worker_count
from generator.paths import UnsafePath, is_inside, is_link_loop, resolve_inside

if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.incremental.memo import ArticleMemo


ISSUE_FIELDS = {
    "title": s.Field(s.by_language(s.text), required=True),
    "date": s.Field(s.date, required=True),
    "language": s.Field(s.language),
    "highlights": s.Field(s.by_language(s.text_list)),
    "cover": s.Field(s.text),
    "draft": s.Field(s.boolean),
    "snapshot": s.Field(s.anything),    # content/snapshot.py reads it
}


def load_publication(site: Site, report: Report, select: Selection | None = None,
                     memo: ArticleMemo | None = None, jobs: int | None = None,
                     meanwhile: Callable[[], object] | None = None) -> Publication:
    """Three passes: find the issues and their article files; read the articles (front matter
    is YAML: on every core); put each issue together of what `select` publishes (default:
    all but drafts). `meanwhile`: the caller's work, done while the other cores read."""
    select = select or Selection()
    issues_dir = site.root / "issues"
    if not issues_dir.is_dir():
        report.error(issues_dir, None, "missing: put each issue in content/issues/<id>/")
        return Publication(site, ())
    if not _inside(site, issues_dir, report):
        return Publication(site, ())
    found = [plan_issue(site, folder, report) for folder in issue_folders(issues_dir, report)
             if _inside_folder(site, folder, report)]
    plans = [p for p in found if p is not None]
    parsed = iter(read_articles([job for p in plans for job in p.jobs], report, memo, jobs, meanwhile))
    issues: list[Issue] = []
    held: list[Held] = []
    dates: list[dt.date | None] = []
    for plan in plans:
        draft, date = _issue_marks(plan)
        issue_held = held_item("issue", plan.folder, draft, date, select)
        read = [next(parsed) for _ in plan.jobs]
        articles = _selected(read, plan, select, issue_held, None if issue_held and issue_held.left_out else held)
        _warn_late(read, plan, select.today, report)
        issue = assemble_issue(site, plan, articles, report)
        held += [issue_held] if issue_held else []
        dates += [date, *(one.article.meta.date for one in read if one and one.article)]
        if issue is not None and not (issue_held and issue_held.left_out):
            issues.append(issue)
    issues.sort(key=lambda i: (i.date, i.id), reverse=True)
    check_citations(issues, report)
    check_bylines(site, issues, report)
    return Publication(site, tuple(issues), tuple(held), next_due(dates, select.today))


def _issue_marks(plan: IssuePlan) -> tuple[bool, dt.date | None]:
    """Is the issue a draft, and its date: from issue.yml as checked, else (it has problems)
    from its `draft:` line alone."""
    if plan.values is not None:
        return plan.values.get("draft", False), plan.values["date"]
    entry = plan.data.entries.get("draft") if plan.data else None
    return entry is not None and entry.value is True, None


def _warn_late(read: list[Parsed | None], plan: IssuePlan, today: dt.date, report: Report) -> None:
    """Told each build, not kept with the article: whether a date is after today changes."""
    for job, one in zip(plan.jobs, read, strict=True):
        for line, message in late_dates(one, today) if one else ():
            report.warn(job.path, line, message)


def _selected(found: list[Parsed | None], plan: IssuePlan, select: Selection, issue: Held | None,
              held: list[Held] | None) -> list[Article]:
    """The articles of an issue that `select` publishes; the others noted in `held` (None:
    the whole issue is left out), unless held as their issue is (a draft in a draft issue)."""
    kept = []
    for job, one in zip(plan.jobs, found, strict=True):
        article = one.article if one else None
        item = held_item("article", job.path, bool(one and one.draft), article.meta.date if article else None,
                         select)
        as_issue = (item is not None and issue is not None and (issue.draft or not item.draft)
                    and (issue.date is not None or item.date is None))   # held for no reason of its own
        if held is not None and item is not None and not as_issue:
            held.append(item)
        if article is not None and not (item and item.left_out):
            kept.append(article)
    return kept


@dataclass(frozen=True)
class ArticleFile:
    folder: Path        # the section folder, as found
    name: str
    real_name: str      # resolved: names the article everywhere after reading
    issue_id: str
    section: Section
    lang_edition: str = ""   # the language of x.en.md ('' for x.md, the default language)

    @property
    def path(self) -> Path:
        return self.folder / self.name

    @property
    def real(self) -> Path:
        return Path(self.real_name)


@dataclass(frozen=True)
class IssuePlan:
    folder: Path
    data: YamlMap | None
    values: dict | None
    jobs: tuple[ArticleFile, ...]


def plan_issue(site: Site, folder: Path, report: Report) -> IssuePlan | None:
    if not ISSUE_ID.match(folder.name):
        report.error(folder, None,
                     f"issue folder '{folder.name}' must be lowercase letters, digits and -, like 2024-q3")
        return None
    check_issue_folder(site, folder, report)
    yml = folder / "issue.yml"
    if not _inside_folder(site, yml, report):
        return None
    if not yml.is_file():
        report.error(yml, None, "missing: every issue folder needs an issue.yml with title and date")
        return None
    data = parse_mapping(read_text(yml, report) or "", yml, report, what="issue.yml")
    values = s.check_fields(data, ISSUE_FIELDS, report) if data else None
    return IssuePlan(folder, data, values, _article_files(site, folder, report))


def assemble_issue(site: Site, plan: IssuePlan, articles: list[Article], report: Report) -> Issue | None:
    folder, values = plan.folder, plan.values
    by_edition = pair_translations(articles, report)
    intro_path = folder / "intro.md"
    intro = read_intro(site, intro_path, report)
    snapshot = (load_snapshot(plan.data, folder, site.root, site.all_languages, report)   # its errors too
                if plan.data else None) or {}
    if values is None or plan.data is None or not _cover_ok(folder, values.get("cover"), plan.data, report):
        return None
    texts = issue_texts(site, plan.data, values, report, lambda path: read_intro(site, path, report))
    if texts is None:
        return None
    more = tuple((lang, replace(text, articles=sorted_articles(site, by_edition.get(lang, []), report),
                                snapshot=snapshot.get(lang)))
                 for lang, text in texts[1:])
    first = texts[0][1]
    return Issue(
        id=folder.name, folder=folder.resolve(), title=first.title, date=values["date"],
        language=values.get("language", site.language), highlights=first.highlights,
        cover=values.get("cover"), draft=values.get("draft", False), intro=intro or "",
        intro_source=Source(intro_path.resolve(), 1) if intro is not None else None,
        articles=sorted_articles(site, by_edition.get("", []), report), texts=more,
        snapshot=snapshot.get(texts[0][0]))


def sorted_articles(site: Site, articles: list[Article], report: Report) -> tuple[Article, ...]:
    """One edition's articles of an issue, in section order, then by `Article.sort_key`."""
    _check_unique_slugs(articles, report)
    order = {sec.key: i for i, sec in enumerate(site.sections)}
    return tuple(sorted(articles, key=lambda a: (order[a.section.key], a.sort_key())))


def read_intro(site: Site, intro_path: Path, report: Report) -> str | None:
    """The 引言 (intro.md, intro.en.md), if the issue has it in that language."""
    intro = read_text(intro_path, report) if intro_path.is_file() and _inside_folder(site, intro_path, report) else None
    if intro is not None and starts_with_front_matter(intro):
        report.error(intro_path, 1, f"{intro_path.name} takes no front matter (its heading is always the 引言 of "
                                    "the issue); delete the lines from '---' to '---'")
    return intro


def _inside(site: Site, path: Path, report: Report) -> bool:
    """A file or folder that is a link to somewhere outside the content folder is never read."""
    if is_inside(site.root, path):
        return True
    if is_link_loop(path):
        report.error(path, None, "is a link that leads back to itself; delete it")
        return False
    report.error(path, None, "is a link to something outside the content folder; "
                             "copy the file into the content folder instead")
    return False


def _inside_folder(site: Site, path: Path, report: Report) -> bool:
    """`path` is in a folder already found inside: only a link can lead out (resolving every
    path walks all its parents)."""
    return not path.is_symlink() or _inside(site, path, report)


def _cover_ok(folder: Path, cover: str | None, data, report: Report) -> bool:
    if cover is None:
        return True
    line = data.entries["cover"].line
    try:
        found = resolve_inside(folder, cover)
    except UnsafePath as exc:
        report.error(data.path, line, f"cover: {exc}")
        return False
    if not found.is_file():
        report.error(data.path, line, f"cover: {shown(cover)} does not exist in the issue folder")
        return False
    from generator.figures.images import image_problem  # only for a cover: it parses SVG (expat)
    if problem := image_problem(found):   # the site copies it as it is, the PDF prints it
        report.error(data.path, line, f"cover: '{cover}' {problem}")
        return False
    return True


def _article_files(site: Site, folder: Path, report: Report) -> tuple[ArticleFile, ...]:
    found, folder_real = [], folder.resolve()
    for section in site.sections:
        sec_dir = folder / section.key
        if not sec_dir.is_dir() or not _inside_folder(site, sec_dir, report):
            continue
        real_dir = str(sec_dir.resolve() if sec_dir.is_symlink() else folder_real / section.key)
        # only a link can lead out of a folder that is inside
        for name, link in section_articles(sec_dir, section.key, report):
            if link and not _inside(site, sec_dir / name, report):
                continue
            if (lang_edition := language_of(sec_dir / name, site, report)) is None:
                continue
            real = str((sec_dir / name).resolve()) if link else os.path.join(real_dir, name)
            found.append(ArticleFile(sec_dir, name, real, folder.name, section, lang_edition))
    return tuple(found)


def read_articles(files: list[ArticleFile], report: Report, memo: ArticleMemo | None,
                  jobs: int | None, meanwhile: Callable[[], object] | None = None) -> list[Parsed | None]:
    """Each file as read, in order; those `memo` has from the last build are not read
    again, the others are read on every core."""
    results: list[Parsed | None] = [None] * len(files)
    todo = []
    for i, f in enumerate(files):
        hit = memo.recall(f.real_name, f.issue_id, f.section) if memo else None
        if isinstance(hit, Parsed):
            results[i] = hit
        else:
            todo.append(i)

    def parse_chunk(chunk: list[int]) -> list[tuple[int, Parsed]]:
        return [(i, read_article(files[i].path, files[i].real, files[i].issue_id, files[i].section,
                                 files[i].lang_edition)) for i in chunk]

    for part in map_chunks(parse_chunk, todo, worker_count(len(todo), jobs), meanwhile):
        for i, fresh in part:
            results[i] = fresh
            if fresh.article is not None and memo is not None:
                memo.keep(files[i].real_name, files[i].issue_id, files[i].section, fresh)
    for parsed in results:
        if parsed is not None:
            report.problems.extend(parsed.problems)
            report.warnings.extend(parsed.warnings)
    return results


def _check_unique_slugs(articles: list[Article], report: Report) -> None:
    seen: dict[tuple[str, str], Article] = {}
    for a in articles:
        key = (a.section.key, a.slug)
        if key in seen:
            other = seen[key].source.path
            report.error(a.source.path, 1, f"two articles would be written to "
                         f"issues/{a.issue_id}/{a.section.key}/{a.slug}/ (the other is {other.name}); "
                         "set a different slug")
        else:
            seen[key] = a
