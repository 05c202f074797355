"""`bulletin new`: an issue folder or an article with the right front matter for its section."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from generator import clock
from generator.content.config import load_site, read_text
from generator.content.model import ISSUE_ID
from generator.content.schedule import quarter_of
from generator.content.settings import Site
from generator.content.slugs import slugify
from generator.errors import ContentErrors, Report
from generator.i18n import quarter_title

_QUARTER = re.compile(r"^(\d{4})-q([1-4])$")


class ScaffoldError(Exception):
    pass


def next_issue_id(site: Site) -> str:
    """The quarter after the newest issue folder (or the current quarter)."""
    quarters = sorted(m.groups() for p in (site.root / "issues").iterdir()
                      if p.is_dir() and (m := _QUARTER.match(p.name))) if (site.root / "issues").is_dir() else []
    if not quarters:
        return "{}-q{}".format(*quarter_of(clock.today()))
    year, q = map(int, quarters[-1])
    return f"{year + q // 4}-q{q % 4 + 1}"


def issue_defaults(issue_id: str, language: str) -> tuple[str, dt.date]:
    """Title and publication date: the 15th of the month after the quarter ends."""
    match = _QUARTER.match(issue_id)
    if not match:
        return issue_id, clock.today()
    year, q = int(match[1]), int(match[2])
    month = q * 3 + 1
    date = dt.date(year + month // 13, (month - 1) % 12 + 1, 15)
    return quarter_title(year, q, language), date


def new_issue(content: Path, issue_id: str | None) -> list[Path]:
    from generator.output.files import create_file
    site = site_or_problems(content)
    issue_id = issue_id or next_issue_id(site)
    if not ISSUE_ID.match(issue_id):
        raise ScaffoldError(f"issue id '{issue_id}' must be lowercase letters, digits and -, like 2025-q1")
    folder = site.root / "issues" / issue_id
    if folder.exists():
        raise ScaffoldError(f"{folder} exists already; nothing was changed")
    title, date = issue_defaults(issue_id, site.language)
    create_file(folder / "issue.yml", f"title: {title}\ndate: {date.isoformat()}\nhighlights:\n"
                f"  - （本期观点一）\ndraft: true   # remove when the issue is ready\n")
    create_file(folder / "intro.md", "（引言：用两三段话介绍本期内容。）\n")
    for section in site.sections:
        (folder / section.key).mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    (folder / "images").mkdir(exist_ok=True)
    return [folder / "issue.yml", folder / "intro.md"]


def article_template(kind: str, title: str, date: dt.date, body: str = "正文。\n", author: str | None = None) -> str:
    """The front matter of a new article of `kind`, what is not known set to TODO, then `body`.
    `author`: a name the document's properties give (an essay's author is asked to be checked)."""
    # a JSON string is a YAML double-quoted one: quotes, backslashes and controls escaped
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {date.isoformat()}"]
    if kind == "brief":
        lines += ["source: TODO          # who published the news, e.g. 生态环境部", "# source_url: https://"]
    if kind == "essay":
        hint = f"   # the document's properties name {json.dumps(author, ensure_ascii=False)}" if author else ""
        lines += [f"author: TODO{hint}", "author_title: TODO", "abstract:", "  - TODO"]
    lines += ["summary: TODO", "tags: []", "draft: true          # remove when the article is ready", "---", ""]
    return "\n".join(lines) + "\n" + body


def new_article(content: Path, issue_id: str, section_key: str, title: str, date: dt.date | None = None,
                today: dt.date | None = None) -> Path:
    """Without `date`: `today` if it lies in the issue's quarter, else the issue's date (an
    article written later for a past issue is dated with it, not the day it was written)."""
    from generator.output.files import create_file
    site = site_or_problems(content)
    section = site.section(section_key)
    if section is None:
        keys = ", ".join(s.key for s in site.sections)
        raise ScaffoldError(f"no section '{section_key}' in site.yml (sections: {keys})")
    folder = site.root / "issues" / issue_id
    if not (folder / "issue.yml").is_file():
        raise ScaffoldError(f"no issue '{issue_id}' (create it with: bulletin new issue {issue_id})")
    date = date or default_date(issue_id, folder / "issue.yml", today or clock.today())
    path = folder / section.key / f"{date.isoformat()}-{file_slug(title)}.md"
    try:
        create_file(path, article_template(section.kind, title, date))
    except FileExistsError:
        raise ScaffoldError(f"{path} exists already; nothing was changed") from None
    return path


def default_date(issue_id: str, issue_yml: Path, today: dt.date) -> dt.date:
    issue_date = _issue_date(issue_yml)
    match = _QUARTER.match(issue_id)
    quarter = (int(match[1]), int(match[2])) if match else quarter_of(issue_date)
    return today if quarter_of(today) == quarter else issue_date


def _issue_date(issue_yml: Path) -> dt.date:
    from generator.content import schema as s
    from generator.content.publication import ISSUE_FIELDS
    from generator.content.yamlmap import parse_mapping
    report = Report()
    data = parse_mapping(read_text(issue_yml, report) or "", issue_yml, report, what="issue.yml")
    values = s.check_fields(data, ISSUE_FIELDS, report) if data else None
    if values is None:
        raise ContentErrors(report.sorted_problems())
    return values["date"]


SLUG_LETTERS = 72   # the longest URL name a new file is given (a whole title of ~15 Chinese characters)


def file_slug(title: str) -> str:
    """The title's URL name, whole if it fits in SLUG_LETTERS; else cut where the title has
    punctuation or a space, or else between two syllables or words, never inside one."""
    whole = slugify(title)
    if len(whole) <= SLUG_LETTERS:
        return whole or "article"
    return _fit(slugify(part) for part in re.split(r"[\W_]+", title)) or _fit(whole.split("-")) or \
        whole[:SLUG_LETTERS].strip("-")


def _fit(parts) -> str:
    """As many of the parts, from the first, as fit in SLUG_LETTERS."""
    slug = ""
    for part in parts:
        longer = f"{slug}-{part}" if slug and part else slug or part
        if len(longer) > SLUG_LETTERS:
            break
        slug = longer
    return slug


def site_or_problems(content: Path) -> Site:
    report = Report()
    site = load_site(content, report)
    if site is None:
        raise ContentErrors(report.sorted_problems())
    return site
