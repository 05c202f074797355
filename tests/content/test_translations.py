"""generator/content/translations.py: translations by file name, articles in one language only,
an issue's texts by language. (Their error messages: tests/fixtures/invalid/translation-*.case.)"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content.config import load_site
from generator.content.folders import language_suffix
from generator.content.model import Publication
from generator.content.publication import load_publication
from generator.errors import Report


def load(root: Path) -> tuple[Publication, Report]:
    report = Report()
    site = load_site(root, report)
    assert site is not None, report.problems
    return load_publication(site, report), report


def test_the_language_is_read_from_the_name_before_md():
    assert language_suffix("2024-07-30-ccer.en.md") == ("2024-07-30-ccer", "en")
    assert language_suffix("x.zh-Hant.md") == ("x", "zh-Hant")
    assert language_suffix("x.md") == ("x", "")
    assert language_suffix("report.final.md") == ("report.final", "")   # a word, not a language


def test_a_translation_takes_date_and_slug_from_its_original(bilingual_site: Path):
    pub, report = load(bilingual_site)
    assert not report.problems, report.problems
    q3 = pub.issues[0]
    assert [a.title for a in (x.meta for x in q3.articles)] == ["碳足迹管理将纳入政府采购", "全国碳市场季度总览"]
    en = dict(q3.texts)["en"]
    assert (en.title, en.highlights) == ("2024 Q3", ("A first point",))
    brief, essay = en.articles
    original = q3.articles[0]
    assert (brief.lang_edition, brief.slug, brief.meta.date, brief.meta.source) == (
        "en", original.slug, dt.date(2024, 7, 4), "State Council")
    assert brief.twin == original.twin
    assert (essay.lang_edition, essay.slug, essay.meta.date) == ("en", "pilot-markets", dt.date(2024, 9, 30))


def test_the_issue_in_english_has_its_english_texts_and_articles(bilingual_site: Path):
    pub, _ = load(bilingual_site)
    site = pub.site.in_language("en")
    q3 = pub.issues[0].in_language(site)
    assert (q3.title, q3.language, q3.lang_edition, len(q3.articles)) == ("2024 Q3", "en", "en", 2)
    assert q3.articles[0].section.title == "National policy"
    q2 = pub.issues[1].in_language(site)
    assert (q2.title, q2.intro, q2.articles) == ("2024年第二季度", "An introduction in English.\n", ())
    assert q2.intro_source is not None and q2.intro_source.path.name == "intro.en.md"


def test_a_translation_may_give_its_own_slug(bilingual_site: Path):
    path = bilingual_site / "issues/2024-q3/policy/2024-07-04-procurement-footprint.en.md"
    path.write_text(path.read_text("utf-8").replace("tags:", "slug: procurement\ntags:"), "utf-8")
    pub, _ = load(bilingual_site)
    assert dict(pub.issues[0].texts)["en"].articles[0].slug == "procurement"


TRANSLATION = "issues/2024-q3/policy/2024-07-04-procurement-footprint.en.md"
ORIGINAL = "issues/2024-q3/policy/2024-07-04-procurement-footprint.md"


def stale_warnings(root: Path) -> list[str]:
    _, report = load(root)
    assert not report.problems, report.problems
    return [p.message for p in report.warnings if str(p.path).endswith(".en.md")]


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")


def test_a_translation_without_translated_from_is_told_the_originals_fingerprint(bilingual_site: Path):
    [warned] = stale_warnings(bilingual_site)
    fingerprint = warned.split("add translated_from: ")[1][:8]
    assert warned.endswith("so that check tells you when 2024-07-04-procurement-footprint.md changes")
    edit(bilingual_site, TRANSLATION, "tags:", f"translated_from: {fingerprint}\ntags:")
    assert stale_warnings(bilingual_site) == []          # up to date
    edit(bilingual_site, ORIGINAL, "适时", "尽快")        # the original's text changes
    [warned] = stale_warnings(bilingual_site)
    assert warned.startswith(f"older than its original: 2024-07-04-procurement-footprint.md changed since "
                             f"translated_from: {fingerprint}; bring the translation up to date, then set "
                             "translated_from: ")
    assert warned[-8:] != fingerprint


def test_without_translated_from_dates_tell_an_original_updated_after_the_translation(bilingual_site: Path):
    edit(bilingual_site, ORIGINAL, "tags:", "updated: 2024-08-01\ntags:")
    [warned] = stale_warnings(bilingual_site)
    assert warned.startswith("2024-07-04-procurement-footprint.md was changed on 2024-08-01, after this translation")
    edit(bilingual_site, TRANSLATION, "tags:", "updated: 2024-08-02\ntags:")
    [warned] = stale_warnings(bilingual_site)
    assert warned.startswith("add translated_from:")     # not older any more


def test_translated_from_is_checked_and_only_a_translation_may_say_it(bilingual_site: Path):
    edit(bilingual_site, TRANSLATION, "tags:", "translated_from: v2\ntags:")
    edit(bilingual_site, ORIGINAL, "tags:", "translated_from: 3f9a0c1e\ntags:")
    _, report = load(bilingual_site)
    messages = sorted(str(p) for p in report.problems)
    assert any("translated_from: expected the 8 letters and digits `bulletin check` gives, like 3f9a0c1e, "
               "got 'v2'" in m for m in messages), messages
    assert any("unknown field 'translated_from'" in m and "procurement-footprint.md:" in m for m in messages), messages
