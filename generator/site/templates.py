"""The one Jinja environment: autoescape, StrictUndefined, theme over default theme."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2

from generator.content.config import DEFAULT_THEME
from generator.errors import Problem
from generator.paths import is_inside

LABELS = {
    "zh": {
        "home": "首页", "issues": "往期", "all_issues": "全部期刊", "latest": "最新一期",
        "archive": "往期回顾", "highlights": "本期观点", "intro": "引言", "index": "索引",
        "source": "来源", "author": "作者", "abstract": "摘要", "tags": "标签",
        "prev": "上一篇", "next": "下一篇", "section": "栏目", "issue": "期刊",
        "pdf": "下载本期 PDF", "about": "关于本刊", "not_found": "页面不存在",
        "not_found_text": "您要找的页面不存在或已移动。", "back_home": "返回首页",
        "feed": "订阅（Atom）", "articles": "篇", "search": "搜索", "data": "数据",
        "sections": "栏目", "published": "出版日期", "skip": "跳到正文", "toc": "目录",
        "footnotes": "注释", "read_more": "阅读全文", "site_nav": "网站导航",
        "sort": "排序", "by_relevance": "相关度", "by_date": "日期（新→旧）", "cover": "封面", "colon": "：",
    },
    "en": {
        "home": "Home", "issues": "Issues", "all_issues": "All issues", "latest": "Latest issue",
        "archive": "Archive", "highlights": "In this issue", "intro": "Introduction", "index": "Contents",
        "source": "Source", "author": "Author", "abstract": "Abstract", "tags": "Tags",
        "prev": "Previous", "next": "Next", "section": "Section", "issue": "Issue",
        "pdf": "Download the PDF", "about": "About", "not_found": "Page not found",
        "not_found_text": "The page you are looking for does not exist or has moved.", "back_home": "Back to the home page",
        "feed": "Subscribe (Atom)", "articles": "articles", "search": "Search", "data": "Data",
        "sections": "Sections", "published": "Published", "skip": "Skip to content", "toc": "Contents",
        "footnotes": "Notes", "read_more": "Read more", "site_nav": "Site",
        "sort": "Sort", "by_relevance": "Relevance", "by_date": "Date (newest first)", "cover": "Cover", "colon": ": ",
    },
}


def labels_for(language: str) -> dict[str, str]:
    return LABELS["zh" if language.lower().startswith("zh") else "en"]


def format_date(value: dt.date | None, language: str = "zh-CN") -> str:
    if value is None:
        return ""
    if language.lower().startswith("zh"):
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%-d %B %Y")


def relative_url(target: str, current: str) -> str:
    """Link from output file `current` to output file `target`, both relative to the root.

    Links name index.html explicitly so the site also works from file://.
    """
    if target.endswith("/"):
        target += "index.html"
    # posixpath.relpath normalises both paths on every call (a third of page rendering at
    # N=1000); output paths are already normal, so strip the common folders directly.
    here = current.split("/")[:-1]
    there = target.split("/")
    common = 0
    for a, b in zip(here, there[:-1]):
        if a != b:
            break
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


class ThemeLoader(jinja2.FileSystemLoader):
    """Templates only from inside the theme folders: a link that leads out of them is not
    followed (a theme must not publish files from elsewhere on the machine)."""

    def get_source(self, environment: jinja2.Environment, template: str):
        for folder in self.searchpath:
            candidate = Path(folder) / template
            if candidate.is_file():
                if not is_inside(Path(folder), candidate):
                    raise jinja2.TemplateNotFound(f"{template} (it is a link to outside the theme)")
                break
        return super().get_source(environment, template)


class CodeCache(jinja2.BytecodeCache):
    """Compiled templates in a dict, loaded and kept between builds (`cache.Templates`)."""

    def __init__(self, store: dict[str, bytes], salt: str = ""):
        self.store, self.salt = store, salt
        self.changed = False

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])  # ignored if stale

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        self.changed = True


def open_code_cache(folder: Path, code: str) -> CodeCache:
    """The last build's compiled templates, unless the generator (`code`, its sources'
    digest: the environment's options live here) or Jinja changed since."""
    from generator.incremental.state import Templates, load_pickle
    salt = f"{code}/{jinja2.__version__}"
    stored = load_pickle(folder, Templates)
    return CodeCache(stored.code if stored.salt == salt else {}, salt)


def keep_code_cache(folder: Path, cache: CodeCache) -> None:
    if cache.changed:
        import pickle
        from generator.incremental.state import Templates
        from generator.output.writer import save_cache
        save_cache(folder, "templates.pickle", pickle.dumps(Templates(cache.store, cache.salt)))


def warm_templates(env: jinja2.Environment, names: set[str]) -> None:
    """Compile the pages' templates, and the theme's other .html, before the page workers
    fork (each would compile its own). A file that is no template (an editor's swap file,
    not UTF-8) is left alone: only a page that uses it reports it."""
    listed = env.list_templates(filter_func=lambda n: n.endswith((".html", ".xml"))
                                and not any(part.startswith(".") for part in n.split("/")))
    for name in sorted(names | set(listed)):
        try:
            env.get_template(name)
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            pass   # reported, with its page, when a page renders it


def create_environment(theme: Path, folder: str = "templates",
                       code: CodeCache | None = None) -> jinja2.Environment:
    """`folder`: "templates" for the site, "print" for the PDF (same rules, same filters).
    `code`: compiled templates from the last build."""
    folders = [theme / folder]
    if theme.resolve() != DEFAULT_THEME.resolve():
        folders.append(DEFAULT_THEME / folder)  # a theme may override single templates
    env = jinja2.Environment(
        loader=ThemeLoader([str(f) for f in folders]),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,   # one environment per build: templates do not change under it
        bytecode_cache=code,
    )
    env.filters["date"] = format_date
    return env


def page_context(current: str, language: str, base_url: str | None = None, **values: Any) -> dict[str, Any]:
    """Values every template sees: the page's own path, `url()` relative to it, labels, and
    `root`, the way from this page to the site's root ("../../"), for links every page has:
    `{{ root }}feed.xml` costs a fraction of `url('feed.xml')` (the page chrome's links
    were a fifth of an article page's render time).

    With `base_url`, links are absolute (for 404.html, which hosts serve at any path).
    """
    def url(target: str) -> str:
        return base_url + target if base_url else relative_url(target, current)

    return {
        "page_path": current,
        "url": url,
        "root": base_url or "../" * current.count("/"),
        "lang": language,
        "t": labels_for(language),
        **values,
    }


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """Jinja rewrites tracebacks so template frames carry the template file and line."""
    tb, found = exc.__traceback__, (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".j2")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(env: jinja2.Environment, template: str, current: str, language: str,
                    values: dict[str, Any], report, base_url: str | None = None) -> bytes | None:
    """Render one page; a template error becomes a located problem naming the page."""
    try:
        html = env.get_template(template).render(page_context(current, language, base_url, **values))
    except jinja2.TemplateSyntaxError as exc:
        report.error(exc.filename or template, exc.lineno, f"template syntax: {exc.message}")
        return None
    except jinja2.TemplateNotFound as exc:
        name, line = _template_line(exc)   # the template that includes or extends it
        report.error(name or template, line, f"template '{exc.name}' not found in the theme (rendering {current})")
        return None
    except Exception as exc:  # a theme bug must name template and page, not crash
        name, line = _template_line(exc)
        report.error(name or template, line, f"template error: {type(exc).__name__}: {exc} (rendering {current})")
        return None
    return html.encode("utf-8")


def collapse_page_errors(problems: list[Problem]) -> list[Problem]:
    """One mistake in a template fails every page made from it: one line for it, naming
    the first page and how many others (a line per page hid everything else)."""
    groups: dict[tuple, list[str]] = {}
    out = []
    for p in problems:
        base, sep, page = p.message.rpartition(" (rendering ")
        if sep:
            groups.setdefault((p.path, p.line, base), []).append(page.removesuffix(")"))
        else:
            out.append(p)
    for (path, line, base), pages in groups.items():
        pages.sort()
        more = f" and {len(pages) - 1} other page{'s' * (len(pages) > 2)}" if len(pages) > 1 else ""
        out.append(Problem(path, line, f"{base} (rendering {pages[0]}{more})"))
    return out
