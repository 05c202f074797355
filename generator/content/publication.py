"""The content tree → `Publication` (issues and their articles), validated."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cjk import width_em
from generator.content import schema as s
from generator.content.authors import check_bylines
from generator.content.config import read_text
from generator.content.documents import check_citations, check_dates, documents
from generator.content.folders import check_issue_folder, issue_folders, section_articles
from generator.content.frontmatter import split_front_matter, starts_with_front_matter
from generator.content.model import ISSUE_ID, Article, ArticleMeta, Issue, Publication, Section, Site, Source
from generator.content.slugs import is_valid_slug, slug_from_filename
from generator.content.yamlmap import YamlMap, parse_mapping, shown
from generator.errors import Problem, Report
from generator.figures.images import image_problem
from generator.incremental.parallel import map_chunks, worker_count
from generator.paths import UnsafePath, is_inside, is_link_loop, resolve_inside

if TYPE_CHECKING:
    from generator.incremental.memo import ArticleMemo



@dataclass(frozen=True)
class Parsed:
    """An article as read (None if it has problems), with what reading it reported."""
    article: Article | None
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]



ISSUE_FIELDS = {
    "title": s.Field(s.text, required=True),
    "date": s.Field(s.date, required=True),
    "language": s.Field(s.language),
    "highlights": s.Field(s.text_list),
    "cover": s.Field(s.text),
    "draft": s.Field(s.boolean),
}
_COMMON = {
    "title": s.Field(s.text, required=True),
    "summary": s.Field(s.text),
    "tags": s.Field(s.distinct_text_list),
    "slug": s.Field(s.text),
    "order": s.Field(s.integer),
    "draft": s.Field(s.boolean),
    "documents": s.Field(documents),
}
ARTICLE_FIELDS = {
    "brief": {**_COMMON, "date": s.Field(s.date, required=True),
              "source": s.Field(s.text, required=True), "source_url": s.Field(s.url)},
    "essay": {**_COMMON, "date": s.Field(s.date, required=True),
              "author": s.Field(s.text, required=True), "author_title": s.Field(s.text),
              "abstract": s.Field(s.text_list)},
    "market": {**_COMMON, "date": s.Field(s.date)},
}


def load_publication(site: Site, report: Report, drafts: bool = False,
                     memo: ArticleMemo | None = None, jobs: int | None = None) -> Publication:
    """Three passes: find the issues and their article files; read the articles (front matter
    is YAML: on every core); put each issue together."""
    issues_dir = site.root / "issues"
    if not issues_dir.is_dir():
        report.error(issues_dir, None, "missing: put each issue in content/issues/<id>/")
        return Publication(site, ())
    if not _inside(site, issues_dir, report):
        return Publication(site, ())
    found = [plan_issue(site, folder, report) for folder in issue_folders(issues_dir, report)
             if _inside_folder(site, folder, report)]
    plans = [p for p in found if p is not None]
    articles = iter(read_articles([job for p in plans for job in p.jobs], report, memo, jobs))
    issues = []
    for plan in plans:
        issue = assemble_issue(site, plan, [next(articles) for _ in plan.jobs], report, drafts)
        if issue is not None and (drafts or not issue.draft):
            issues.append(issue)
    issues.sort(key=lambda i: (i.date, i.id), reverse=True)
    check_citations(issues, report)
    check_bylines(site, issues, report)
    return Publication(site, tuple(issues))


@dataclass(frozen=True)
class ArticleFile:
    folder: Path        # the section folder, as found
    name: str
    real_name: str      # resolved: names the article everywhere after reading
    issue_id: str
    section: Section

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


def assemble_issue(site: Site, plan: IssuePlan, found: list[Article | None], report: Report,
                   drafts: bool) -> Issue | None:
    folder, values = plan.folder, plan.values
    articles = [a for a in found if a is not None and (drafts or not a.meta.draft)]
    _check_unique_slugs(articles, report)
    order = {sec.key: i for i, sec in enumerate(site.sections)}
    articles.sort(key=lambda a: (order[a.section.key], a.sort_key()))
    intro_path = folder / "intro.md"
    intro = read_text(intro_path, report) if intro_path.is_file() and _inside_folder(site, intro_path, report) else None
    if intro is not None and starts_with_front_matter(intro):
        report.error(intro_path, 1, "intro.md takes no front matter (its heading is always the 引言 of the issue); "
                                    "delete the lines from '---' to '---'")
    if values is None or not _cover_ok(folder, values.get("cover"), plan.data, report):
        return None
    return Issue(
        id=folder.name, folder=folder.resolve(), title=values["title"], date=values["date"],
        language=values.get("language", site.language), highlights=values.get("highlights", ()),
        cover=values.get("cover"), draft=values.get("draft", False), intro=intro or "",
        intro_source=Source(intro_path.resolve(), 1) if intro is not None else None,
        articles=tuple(articles))


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
            real = str((sec_dir / name).resolve()) if link else os.path.join(real_dir, name)
            found.append(ArticleFile(sec_dir, name, real, folder.name, section))
    return tuple(found)


def read_articles(files: list[ArticleFile], report: Report, memo: ArticleMemo | None,
                  jobs: int | None) -> list[Article | None]:
    """Each file's Article (None if it has problems), in order; those `memo` has from the
    last build are not read again, the others are read on every core."""
    results: list[Parsed | None] = [None] * len(files)
    todo = []
    for i, f in enumerate(files):
        hit = memo.recall(f.real_name, f.issue_id, f.section) if memo else None
        if isinstance(hit, Parsed):
            results[i] = hit
        else:
            todo.append(i)

    def parse_chunk(chunk: list[int]) -> list[tuple[int, Parsed]]:
        out = []
        for i in chunk:
            local = Report()
            a = load_article(files[i].path, files[i].real, files[i].issue_id, files[i].section, local)
            out.append((i, Parsed(None if local.problems else a, tuple(local.problems), tuple(local.warnings))))
        return out

    for part in map_chunks(parse_chunk, todo, worker_count(len(todo), jobs)):
        for i, fresh in part:
            results[i] = fresh
            if fresh.article is not None and memo is not None:
                memo.keep(files[i].real_name, files[i].issue_id, files[i].section, fresh)
    for parsed in results:
        if parsed is not None:
            report.problems.extend(parsed.problems)
            report.warnings.extend(parsed.warnings)
    return [parsed.article if parsed else None for parsed in results]


def load_article(path: Path, real: Path, issue_id: str, section: Section, report: Report) -> Article | None:
    """`real`: the file's resolved path, which names it everywhere after reading."""
    text = read_text(path, report)
    split = split_front_matter(text, path, report) if text is not None else None
    if split is None:
        return None
    context = f" for {section.kind} articles (section '{section.key}')"
    values = s.check_fields(split.data, ARTICLE_FIELDS[section.kind], report, context)
    if values is None:
        return None
    slug = values.pop("slug", None) or slug_from_filename(path.stem)
    if not is_valid_slug(slug):
        line = split.data.entries["slug"].line if "slug" in split.data.entries else 1
        report.error(path, line,
                     f"slug: {shown(slug)} must be lowercase letters, digits and hyphens, like 'cea-quarter'")
        return None
    meta = ArticleMeta(**values)
    check_dates(meta.documents, meta.date, split.data, report)
    warn_style(meta, split.data.entries, path, report)
    return Article(Source(real, split.body_line), issue_id, section, slug, meta, split.body)


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


LONG_TITLE = 40  # Chinese characters' widths; a longer headline wraps badly in the index and the PDF TOC


def title_width(title: str) -> float:
    """In Chinese characters: a Latin letter, digit or space is about half as wide
    (a 41-letter English headline is not too long)."""
    return width_em(title)


def warn_style(meta: ArticleMeta, entries: dict, path: Path, report: Report) -> None:
    """Things that build but a careful editor fixes (`bulletin check --strict` fails on them)."""
    if not meta.tags:
        report.warn(path, 1, "no tags: the article appears on no tag page")
    if not meta.summary:
        report.warn(path, 1, "no summary: lists and the feed use the first sentences instead")
    if (width := title_width(meta.title)) > LONG_TITLE:
        report.warn(path, entries["title"].line, f"title is as wide as {width:g} Chinese characters; "
                                                 f"over {LONG_TITLE} wraps badly")
    for key, entry in entries.items():
        if isinstance(entry.value, str) and entry.value.strip().upper() == "TODO":
            report.warn(path, entry.line, f"{key} is still TODO")
