"""The one Jinja environment: sandboxed, autoescaped, StrictUndefined, theme over default theme.

A theme is code an editor may have copied from anywhere: its templates can read the
values they are given and nothing else. No attribute starting with "_", no method of a
file path (no reading files), no change to a value shared with other pages.
"""
from __future__ import annotations

import functools
import types
from pathlib import Path, PurePath
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from generator.content.config import DEFAULT_THEME
from generator.errors import Problem, Report
from generator.i18n import format_date, labels_for
from generator.incremental.keys import Read, Reads, reachable_fields
from generator.paths import is_inside
from generator.site.urls import absolute_url, prefix, relative_url


class ThemeLoader(jinja2.FileSystemLoader):
    """Templates only from inside the theme folders: a link that leads out of them is not
    followed (a theme must not publish files from elsewhere on the machine)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        for folder in self.searchpath:
            candidate = Path(folder) / template
            if candidate.is_file():
                if not is_inside(Path(folder), candidate):
                    raise jinja2.TemplateNotFound(f"{template} (it is a link to outside the theme)")
                break
        return super().get_source(environment, template)


class ThemeEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, noting each lazy value (a body) a template reads in `reads`.

    The publication's own values (frozen dataclasses of text, dates and numbers) are most
    of what a template reads: their public fields are data and are handed out directly;
    everything else, their methods included, passes the sandbox's checks."""

    def __init__(self, reads: Reads, values: tuple[type, ...], **options: Any) -> None:
        super().__init__(**options)
        self.reads = reads
        self.lazy = {kind: getattr(kind, "LAZY", {}) for kind in values}   # each value type's lazy fields
        # and its other public fields: data, handed out with no more look-ups (most of what templates read)
        self.plain = {kind: frozenset(reachable_fields(kind)) for kind in values}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return not isinstance(obj, PurePath) and super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if kind is dict and attribute in obj:   # the labels `t.…`: an item, as Jinja reads it
            return obj[attribute]
        if attribute in self.plain.get(kind, ()):
            return getattr(obj, attribute)
        lazy = self.lazy.get(kind)
        if lazy is not None and not attribute.startswith("_"):
            if attribute in lazy:
                self.reads.note(obj, attribute)
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                return self.undefined(obj=obj, name=attribute)
            if not callable(value):
                return value
        return super().getattr(obj, attribute)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A plain function or built-in method with no attribute set on it (so neither marked
        unsafe nor asking for the context: `url`, `date.isoformat`, `t.get`) is called as the
        sandbox would conclude, without its look-ups; anything else passes its checks."""
        if type(__obj) in _PLAIN_CALLABLES and not getattr(__obj, "__dict__", None):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and type(obj) in self.lazy:
            self.reads.note(obj, argument)
        return super().getitem(obj, argument)


_PLAIN_CALLABLES = (types.FunctionType, types.BuiltinFunctionType)


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates (compiling the theme is most of a small
    rebuild's template time); one that cannot be written only costs time."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def create_environment(theme: Path, folder: str = "templates", compiled: Path | None = None) -> ThemeEnvironment:
    """`folder`: "templates" for the site, "print" for the PDF (same rules, same filters).
    `compiled`: a folder for compiled templates, kept between builds."""
    folders = [theme / folder]
    if theme.resolve() != DEFAULT_THEME.resolve():
        folders.append(DEFAULT_THEME / folder)  # a theme may override single templates
    env = ThemeEnvironment(
        Reads(), template_values(),
        loader=ThemeLoader([str(f) for f in folders]),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,   # one environment per build: templates do not change under it
        bytecode_cache=_compiled_cache(compiled),
    )
    # JSON-LD: Chinese as it is (\u escapes would double a page's data); < > & ' still escaped
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["date"] = format_date
    env.globals["inline_css"] = functools.partial(inline_css, tuple(f.parent / "static" for f in folders))
    env.filters["plain"] = markdown_text
    env.filters["typeset"] = typeset_text
    return env


def typeset_text(text: str) -> Markup:
    """A text the theme shows outside a Markdown body (a cited document's title), set by
    clreq like a body's: numbers kept with their units (markdown/typeset.py); escaped."""
    from generator.markdown.typeset import typeset_html
    return Markup(typeset_html(str(text)))


def inline_css(statics: tuple[Path, ...], name: str) -> Markup:
    """A stylesheet of the theme's static/ folder (the theme's, else the default's), for a
    page that must be styled wherever it is opened: 404.html, which hosts show at any
    address, where a relative link to the stylesheet would miss. Only a .css file inside
    the folder; it cannot close the <style> element it is put in."""
    for static in statics:
        path = static / name
        if name.endswith(".css") and path.is_file() and is_inside(static, path):
            css = path.read_text("utf-8", errors="replace")
            return Markup(css.replace("</", "<\\/"))   # CSS reads "\/" as "/"
    raise jinja2.TemplateError(f"inline_css: no stylesheet '{name}' in the theme's static/ folder")



def markdown_text(markdown: str) -> str:
    """Markdown (site.yml's `about`) as plain text, for the email's text part."""
    from generator.markdown.parser import create_markdown, parse_body
    from generator.markdown.text import plain_text
    return plain_text(parse_body(create_markdown(), markdown)[0])


def template_values() -> tuple[type, ...]:
    """The types of the values templates are given: frozen data, safe to read."""
    from generator.content.model import Article, ArticleMeta, Correction, Document, Issue, Source
    from generator.content.settings import Author, EmailOptions, PdfOptions, Section, Site
    from generator.site.bodies import ChartImage
    from generator.site.citations import Citation
    from generator.site.paging import Pager
    from generator.site.register import DocRef, Entry, IssuerRef
    from generator.site.structured import Share
    from generator.site.views import ArticleView, IssueView, TagRef
    return (Article, ArticleMeta, Correction, EmailOptions, Issue, PdfOptions, Section, Site, Source, ArticleView,
            IssueView, TagRef, ChartImage, Author, Document, DocRef, IssuerRef, Entry, Pager, Share, Citation)


def _compiled_cache(folder: Path | None) -> CompiledTemplates | None:
    try:
        return CompiledTemplates(folder) if folder else None
    except OSError:
        return None


def compile_templates(env: jinja2.Environment, names: set[str]) -> None:
    """Compile the pages' templates and the theme's others before the page workers fork
    (each would compile its own). A file that is no template (an editor's swap file, not
    UTF-8) is left alone: only a page that uses it reports it."""
    listed = env.list_templates(filter_func=lambda n: n.endswith((".html", ".xml"))
                                and not any(part.startswith(".") for part in n.split("/")))
    for name in sorted(names | set(listed)):
        try:
            env.get_template(name)
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            pass


def page_context(current: str, language: str, site_url: str, absolute: bool, **values: Any) -> dict[str, Any]:
    """Values every template sees: the page's own path, `url()` to link to another output
    file, `abs_url()` for its published address, `root` (the way to the site's root,
    "../../"), the language and the interface labels. An absolute page (404.html, which
    hosts serve at any path; the feed) links with whole URLs."""
    def url(target: str) -> str:
        return site_url + target if absolute else relative_url(target, current)

    site = values.get("site")
    return {
        "page_path": current,
        "url": url,
        "abs_url": lambda target: absolute_url(site_url, target),
        "root": site_url if absolute else "../" * current.count("/"),
        "lang": language,
        "t": labels_for(language),
        # a site in several languages: the folder of this page's language (en/), the same page in
        # the others (hreflang) and where the language switcher goes (site/languages.py)
        "prefix": prefix(site.lang_edition) if site is not None and hasattr(site, "lang_edition") else "",
        "alternates": (),
        "switch": (),
        **values,
    }


def render_template(env: ThemeEnvironment, template: str, context: dict[str, Any],
                    report: Report) -> tuple[bytes | None, tuple[Read, ...]]:
    """One output file, and the lazy values its templates read. A mistake in the theme
    becomes a located problem naming the page."""
    current = context["page_path"]
    env.reads.start()
    try:
        html = env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as exc:
        report.error(exc.filename or template, exc.lineno, f"template syntax: {exc.message}")
        return None, env.reads.stop()
    except jinja2.TemplateNotFound as exc:
        name, line = _template_line(exc)   # the template that includes or extends it
        report.error(name or template, line, f"template '{exc.name}' not found in the theme (rendering {current})")
        return None, env.reads.stop()
    except Exception as exc:  # a theme bug must name template and page, not crash
        name, line = _template_line(exc)
        report.error(name or template, line, f"template error: {type(exc).__name__}: {exc} (rendering {current})")
        return None, env.reads.stop()
    return html.encode("utf-8"), env.reads.stop()


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """Jinja rewrites tracebacks so template frames carry the template file and line."""
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".j2")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


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
