"""site.yml → `Site`."""
from __future__ import annotations

import re
from pathlib import Path

from generator.content import schema as s
from generator.content.chars import clean_text
from generator.content.settings import KINDS, EmailOptions, PdfOptions, Section, Site, SiteText
from generator.content.yamlmap import YamlMap, nested_mapping, parse_mapping
from generator.errors import Report, shown
from generator.paths import UnsafePath, is_inside, resolve_inside

DEFAULT_THEME = Path(__file__).resolve().parents[2] / "themes" / "default"
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_PAPERS = {"A4", "A5", "B5", "letter", "A3"}
_VARIANTS = {"pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1"}


SITE_FIELDS = {
    "title": s.Field(s.by_language(s.text), required=True),
    "subtitle": s.Field(s.by_language(s.text)),
    "language": s.Field(s.language),
    "languages": s.Field(s.language_list),
    "base_url": s.Field(s.base_url, required=True),
    "publisher": s.Field(s.by_language(s.text)),
    "about": s.Field(s.by_language(s.text)),
    "sections": s.Field(s.anything, required=True),
    "theme": s.Field(s.text),
    "pdf": s.Field(s.anything),
    "email": s.Field(s.anything),
    "logo": s.Field(s.text),
    "page_size": s.Field(s.integer),
}
PAGE_SIZES = range(5, 501)   # articles on a page of a long list: the default, 30, keeps a page near 25 KB
SECTION_FIELDS = {
    "key": s.Field(s.text, required=True),
    "title": s.Field(s.by_language(s.text), required=True),
    "kind": s.Field(s.text, required=True),
}
EMAIL_FIELDS = {
    "from": s.Field(s.by_language(s.email_address)),
    "reply_to": s.Field(s.by_language(s.email_address)),
    "unsubscribe": s.Field(s.unsubscribe),
}
PDF_FIELDS = {
    "enabled": s.Field(s.boolean),
    "paper": s.Field(s.text),
    "bleed": s.Field(s.text),
    "variant": s.Field(s.text),
}


def load_site(root: Path, report: Report, base_url: str | None = None) -> Site | None:
    path = root / "site.yml"
    if not path.is_file():
        report.error(path, None, "missing: every content folder needs a site.yml (see docs/editing.md)")
        return None
    if not is_inside(root, path):
        report.error(path, None, "is a link to something outside the content folder; "
                                 "copy the file into the content folder instead")
        return None
    data = parse_mapping(read_text(path, report) or "", path, report, what="site.yml")
    values = s.check_fields(data, SITE_FIELDS, report) if data else None
    if data is None or values is None:
        return None
    languages = values.get("languages") or (values.get("language", "zh-CN"),)
    agreed = _languages_agree(data, values, report)
    sections = _load_sections(data, report, languages)
    pdf = _load_pdf(data, report)
    theme = _load_theme(root, data, report)
    email = _load_email(data, report, languages)
    logo = _load_logo(root, data, report)
    texts = site_texts(data, values, languages, sections or ((), ()), report, email or {})
    from generator.content.authors import load_authors
    authors = load_authors(root, report)
    page_size = _page_size(data, values.get("page_size", 30), report)
    if (sections is None or pdf is None or theme is None or email is None or not agreed or texts is None
            or isinstance(logo, bool) or authors is None or page_size is None):
        return None
    first = texts[0][1]
    return Site(
        root=root.resolve(), title=first.title, subtitle=first.subtitle, language=languages[0],
        base_url=s.normal_base_url(base_url) if base_url else values["base_url"],
        publisher=first.publisher, about=first.about,
        sections=sections[0], theme=theme, pdf=pdf,
        theme_named=root.absolute() / values["theme"] if "theme" in values else None, email=first.email,
        languages=languages if len(languages) > 1 else (), texts=texts if len(languages) > 1 else (),
        logo=logo, authors=authors, page_size=page_size)


def _load_logo(root: Path, data: YamlMap, report: Report) -> Path | bool | None:
    """site.yml's `logo`: an image in the content folder, checked like a cover. False: a problem."""
    entry = data.entries.get("logo")
    if entry is None:
        return None
    from generator.figures.images import image_problem
    try:
        found = resolve_inside(root, str(entry.value))
    except UnsafePath as exc:
        report.error(data.path, entry.line, f"logo: {exc}")
        return False
    if not found.is_file():
        report.error(data.path, entry.line, f"logo: {shown(entry.value)} does not exist in the content folder")
        return False
    if problem := image_problem(found):
        report.error(data.path, entry.line, f"logo: '{entry.value}' {problem}")
        return False
    return found


def _page_size(data: YamlMap, size: int, report: Report) -> int | None:
    if size in PAGE_SIZES:
        return size
    report.error(data.path, data.entries["page_size"].line, f"page_size: expected a whole number from "
                 f"{PAGE_SIZES.start} to {PAGE_SIZES.stop - 1} (the articles on a page of a long list), got {size}")
    return None


def _languages_agree(data: YamlMap, values: dict, report: Report) -> bool:
    """`languages:` names the default first; `language:`, if also given, must be that one."""
    languages = values.get("languages")
    if languages and "language" in values and values["language"] != languages[0]:
        report.error(data.path, data.entries["language"].line,
                     f"language: {values['language']} is not the first of languages ({', '.join(languages)}), "
                     "which is the default; remove language: or make them agree")
        return False
    return True


def site_texts(data: YamlMap, values: dict, languages: tuple[str, ...],
               sections: tuple[tuple[Section, ...], tuple[dict[str, str], ...]],
               report: Report, email: dict[str, EmailOptions]) -> tuple[tuple[str, SiteText], ...] | None:
    """What a reader sees of site.yml, in each language (the default first)."""
    fields = {key: s.texts_in(values.get(key, ""), languages, (data, key), report)
              for key in ("title", "subtitle", "about", "publisher")}
    titles = sections[1]
    if any(v is None for v in fields.values()) or not email:
        return None
    return tuple((lang, SiteText(fields["title"][lang], fields["subtitle"][lang],  # type: ignore[index]
                                 fields["about"][lang], tuple(t[lang] for t in titles),  # type: ignore[index]
                                 email.get(lang, EmailOptions()), fields["publisher"][lang]))  # type: ignore[index]
                 for lang in languages)


def _load_sections(data: YamlMap, report: Report,
                   languages: tuple[str, ...]) -> tuple[tuple[Section, ...], tuple[dict[str, str], ...]] | None:
    """The sections, each titled in the default language, and each one's title as given."""
    entry = data.entries["sections"]
    if not isinstance(entry.value, list) or not entry.value:
        report.error(data.path, entry.line, "sections: expected a list of {key, title, kind}")
        return None
    out: list[Section] = []
    titles: list[dict[str, str]] = []
    lines = entry.item_lines or (entry.line,) * len(entry.value)
    for item, line in zip(entry.value, lines, strict=False):
        m = nested_mapping(item, data.path, line, report, "sections")
        v = s.check_fields(m, SECTION_FIELDS, report, " in a section") if m else None
        if v is None:
            continue
        if not _KEY.match(v["key"]):
            report.error(data.path, line, f"sections: key {shown(v['key'])} must be lowercase letters, digits, - or _")
        elif v["kind"] not in KINDS:
            report.error(data.path, line, f"sections: kind {shown(v['kind'])} must be one of {', '.join(KINDS)}")
        elif any(x.key == v["key"] for x in out):
            report.error(data.path, line, f"sections: key {shown(v['key'])} is declared twice")
        elif (by_lang := s.texts_in(v["title"], languages, (_at(data, line), "title"), report)) is not None:
            out.append(Section(v["key"], by_lang[languages[0]], v["kind"]))
            titles.append(by_lang)
    return (tuple(out), tuple(titles)) if len(out) == len(entry.value) else None


def _at(data: YamlMap, line: int) -> YamlMap:
    """A section's own mapping, for a message at its line."""
    return YamlMap(data.path, line, {})


def _load_pdf(data: YamlMap, report: Report) -> PdfOptions | None:
    entry = data.entries.get("pdf")
    if entry is None:
        return PdfOptions()
    m = nested_mapping(entry.value, data.path, entry.line, report, "pdf")
    v = s.check_fields(m, PDF_FIELDS, report, " in pdf") if m else None
    if v is None:
        return None
    if v.get("paper", "A4") not in _PAPERS:
        report.error(data.path, entry.line, f"pdf: paper must be one of {', '.join(sorted(_PAPERS))}")
        return None
    if "variant" in v and v["variant"] not in _VARIANTS | {"none"}:
        report.error(data.path, entry.line, f"pdf: variant must be one of {', '.join(sorted(_VARIANTS))} or none")
        return None
    if "bleed" in v and not re.match(r"^\d+(\.\d+)?mm$", v["bleed"]):
        report.error(data.path, entry.line, "pdf: bleed must be a length in mm, like 3mm")
        return None
    variant = v.get("variant", PdfOptions.variant)
    return PdfOptions(v.get("enabled", True), v.get("paper", "A4"), v.get("bleed"),
                      None if variant == "none" else variant)


def _load_email(data: YamlMap, report: Report, languages: tuple[str, ...]) -> dict[str, EmailOptions] | None:
    """`email:` in each language: `from` and `reply_to` may be given by language (the sender's
    name a reader sees: 碳桥 <…>, Carbon Bridge <…>)."""
    entry = data.entries.get("email")
    if entry is None:
        return dict.fromkeys(languages, EmailOptions())
    m = nested_mapping(entry.value, data.path, entry.line, report, "email")
    v = s.check_fields(m, EMAIL_FIELDS, report, " in email") if m else None
    if v is None or m is None:
        return None
    sender = s.texts_in(v.get("from", ""), languages, (m, "from"), report)
    reply_to = s.texts_in(v.get("reply_to", ""), languages, (m, "reply_to"), report)
    if sender is None or reply_to is None:
        return None
    return {lang: EmailOptions(sender[lang], reply_to[lang], v.get("unsubscribe", "")) for lang in languages}


def theme_folders(site: Site) -> tuple[Path, ...]:
    """The site's theme, then the default theme it falls back to file by file (one entry
    when they are the same): what the pages are made from."""
    return tuple(dict.fromkeys((site.theme, DEFAULT_THEME)))


def _load_theme(root: Path, data: YamlMap, report: Report) -> Path | None:
    entry = data.entries.get("theme")
    if entry is None:
        return DEFAULT_THEME
    # The theme is chosen by the editor, so it may live beside the content folder
    # (e.g. ../themes/mine); it then becomes the second tree a build may read.
    try:
        folder = (root / s.text(entry)).resolve()
    except s.FieldError as exc:
        report.error(data.path, entry.line, f"theme: {exc}")
        return None
    if not (folder / "templates").is_dir():
        report.error(data.path, entry.line, f"theme: {shown(entry.value)} has no templates/ folder")
        return None
    return folder


def read_text(path: Path, report: Report) -> str | None:
    """Read an editor's file: UTF-8 (BOM accepted), CRLF normalised, without the characters
    no page or feed can carry (chars.py)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.error(path, None, f"cannot read: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.error(path, line, "not UTF-8 text; save the file as UTF-8 (in Word: 'Save as → Plain text → UTF-8')")
        return None
    return clean_text(text.replace("\r\n", "\n").replace("\r", "\n"), path, report)
