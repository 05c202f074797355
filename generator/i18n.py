"""Every text a reader sees that is not the editors' own, in each interface language, and
the rules for telling which one a content language (a BCP 47 tag) uses."""
from __future__ import annotations

import datetime as dt

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
        "back_to_text": "返回正文",
        "search_box": "搜索本刊", "search_placeholder": "输入词语，如：碳普惠", "search_go": "搜索",
        "search_found": "{n} 篇文章包含“{q}”", "search_found_one": "1 篇文章包含“{q}”",
        "search_none": "没有文章包含“{q}”。", "search_shorter": "试试更短的词：", "search_or": "、",
        "search_shorter_any": "试试更短的词。",
        "searching": "正在搜索…", "search_more": "显示更多结果", "search_type_more": "请至少输入两个字母或一个汉字。",
        "all_sections": "全部栏目", "search_count": "{label}（{n}）",
        "search_error": "搜索索引未能载入，请稍后再试。",
        "search_missing": "本站构建时未生成搜索索引（--no-search）。",
        "search_offline": "从本地文件（file://）打开时浏览器不允许载入搜索索引："
                          "请用 bulletin serve 预览，或在发布后的网站上搜索。",
        "search_needs_js": "在本页搜索需要浏览器启用 JavaScript。",
        # the email and WeChat editions
        "draft": "草稿", "view_online": "在浏览器中查看", "unsubscribe": "退订", "snapshot": "市场速览",
        "web_address": "网址", "read_online": "阅读全文", "wechat": "微信版", "copy_button": "复制", "copied": "已复制",
        "copy_failed": "复制失败，请选中正文后按 Ctrl+C", "references": "参考链接",
        "wechat_help": "点“复制”，再到公众号编辑器里粘贴：正文的样式、图片和注释随之带过去；"
                       "外部链接已改为文末的参考链接。",
        "image_on_web": "图片见网页版", "for_editors": "编辑用",
        # the policy register, authors, long lists
        "documents": "政策文件", "register": "政策文件库", "issuers": "发文机关", "number": "文号",
        "cited_in": "相关文章", "original": "原文", "in_register": "文件库", "all_documents": "全部文件",
        "issue_documents": "本期政策文件索引", "issue_documents_note": "所列页码为引用该文件的文章所在页。",
        "authors": "作者", "author_articles": "文章", "page_n": "第{n}页", "pages": "分页",
        "prev_page": "上一页", "next_page": "下一页", "year": "{year}年", "paren": "（{}）", "list_sep": "；",
        # a site in several languages
        "languages": "语言", "only_in": "本期另有 {n} 篇文章只有{language}版：",
        "only_in_one": "本期另有 1 篇文章只有{language}版：", "read_in": "阅读{language}版本期",
        "draft_note": "此页是草稿，尚未发布：不进入订阅（Atom）、站点地图和搜索。",
        "draft_watermark": "草稿 DRAFT", "scheduled": "定时发布", "scheduled_note": "尚未发布，发布日期：",
        "corrections": "更正", "updated": "更新",
    },
    "en": {
        "home": "Home", "issues": "Issues", "all_issues": "All issues", "latest": "Latest issue",
        "archive": "Archive", "highlights": "In this issue", "intro": "Introduction", "index": "Contents",
        "source": "Source", "author": "Author", "abstract": "Abstract", "tags": "Tags",
        "prev": "Previous", "next": "Next", "section": "Section", "issue": "Issue",
        "pdf": "Download the PDF", "about": "About", "not_found": "Page not found",
        "not_found_text": "The page you are looking for does not exist or has moved.",
        "back_home": "Back to the home page",
        "feed": "Subscribe (Atom)", "articles": "articles", "search": "Search", "data": "Data",
        "sections": "Sections", "published": "Published", "skip": "Skip to content", "toc": "Contents",
        "footnotes": "Notes", "read_more": "Read more", "site_nav": "Site",
        "sort": "Sort", "by_relevance": "Relevance", "by_date": "Date (newest first)", "cover": "Cover", "colon": ": ",
        "back_to_text": "Back to the text",
        "search_box": "Search the bulletin", "search_placeholder": "A word or phrase, e.g. carbon price",
        "search_go": "Search",
        "search_found": "{n} articles contain “{q}”", "search_found_one": "1 article contains “{q}”",
        "search_none": "No article contains “{q}”.", "search_shorter": "Try a shorter term: ", "search_or": " or ",
        "search_shorter_any": "Try a shorter term.",
        "searching": "Searching…", "search_more": "Show more results", "search_type_more": "Type at least two letters.",
        "all_sections": "All sections", "search_count": "{label} ({n})",
        "search_error": "The search index could not be loaded; please try again later.",
        "search_missing": "This build has no search index (--no-search).",
        "search_offline": "Browsers do not let a page opened as a file (file://) load the search index: "
                          "preview with bulletin serve, or search the published site.",
        "search_needs_js": "Searching on this page needs JavaScript.",
        # the email and WeChat editions
        "draft": "DRAFT", "view_online": "View in your browser", "unsubscribe": "Unsubscribe",
        "snapshot": "Market snapshot", "web_address": "Web", "read_online": "Read online", "wechat": "WeChat edition",
        "copy_button": "Copy", "copied": "Copied", "copy_failed": "Copying failed: select the text and press Ctrl+C",
        "references": "References",
        "wechat_help": "Press Copy, then paste into the WeChat Official Account editor: styles, images and notes "
                       "come along; outside links are listed as numbered references at the end.",
        "image_on_web": "image on the web page", "for_editors": "For editors",
        # the policy register, authors, long lists
        "documents": "Policy documents", "register": "Policy register", "issuers": "Issuers", "number": "No.",
        "cited_in": "Cited in", "original": "Original", "in_register": "Register", "all_documents": "All documents",
        "issue_documents": "Policy documents in this issue",
        "issue_documents_note": "Page numbers are those of the articles citing each document.",
        "authors": "Authors", "author_articles": "Articles", "page_n": "Page {n}", "pages": "Pages",
        "prev_page": "Previous page", "next_page": "Next page", "year": "{year}", "paren": " ({})", "list_sep": "; ",
        # a site in several languages
        "languages": "Languages", "only_in": "{n} more articles of this issue are in {language} only: ",
        "only_in_one": "1 more article of this issue is in {language} only: ",
        "read_in": "read the issue in {language}",
        "draft_note": "This page is a draft, not published: it is left out of the feed, the "
                                        "sitemap and search.",
        "draft_watermark": "DRAFT", "scheduled": "Scheduled", "scheduled_note": "Not yet published; publication date: ",
        "corrections": "Corrections", "updated": "Updated",
    },
}

# What charts and tables say around the editors' data
FIGURE_LABELS = {
    "zh": {"data": "数据", "unit": "单位：", "table": "表格", "left": "（左轴）", "right": "（右轴）",
           "and": "；", "paren": "（{}）", "derived": "推算值", "figure_n": "图{n}", "table_n": "表{n}",
           "rows_omitted": "其间 {count} 行未列出。", "download_rows": "下载全部 {total} 行（CSV）"},
    "en": {"data": "Data", "unit": "Unit: ", "table": "Table", "left": " (left)", "right": " (right)",
           "and": "; ", "paren": " ({})", "derived": "derived", "figure_n": "Figure {n}", "table_n": "Table {n}",
           "rows_omitted": "{count} rows not shown. ", "download_rows": "Download all {total} rows (CSV)"},
}
QUARTERS_ZH = "一二三四"

# Each page's <meta name="description"> (site/describe.py): no two pages alike
DESCRIPTIONS = {
    "zh": {
        "home": "{site}——最新一期：{issue}；共{issues}，{articles}", "home_empty": "{site}",
        "issues": "{site}全部期刊（{issues}）：{titles}",
        "issue": "{site}{issue}：{points}", "issue_plain": "{site}{issue}：{articles}，栏目：{sections}",
        "section": "{site}「{name}」栏目：{issues}，{articles}",
        "tag": "{site}标签「{name}」：{issues}，{articles}",
        "tags": "{site}全部{tags}，按文章数排列", "search": "搜索{site}各期全部文章的全文",
        "not_found": "{site}：您要找的页面不存在或已移动。", "article": "{title}（{site}{issue}）",
        "about": "关于{site}：出版者、联系方式与免责声明",
        "site": "《{title}》", "list": "、", "points": "；",
        "issue_n": "{n}期", "article_n": "{n}篇文章", "tag_n": "{n}个标签",
        "documents": "{site}政策文件库：各期引用的{documents}，按发布日期排列",
        "issuer": "{site}政策文件库：{name}的{documents}", "author": "{site}作者{name}：{articles}",
        "authors": "{site}全部作者（{n}位）", "document_n": "{n}份政策文件", "page": "（第{n}页）",
    },
    "en": {
        "home": "{site} — latest issue: {issue}; {issues}, {articles} in all", "home_empty": "{site}",
        "issues": "All issues of {site} ({issues}): {titles}",
        "issue": "{site}, {issue}: {points}", "issue_plain": "{site}, {issue}: {articles} in {sections}",
        "section": "{name}, a section of {site}: {articles} in {issues}",
        "tag": "Articles tagged “{name}” in {site}: {articles} in {issues}",
        "tags": "All tags of {site} ({tags}), most used first", "search": "Search every article of {site}",
        "not_found": "{site}: the page you are looking for does not exist or has moved.",
        "article": "{title} ({site}, {issue})",
        "about": "About {site}: its publisher, how to reach it, and its disclaimer",
        "site": "{title}", "list": ", ", "points": "; ",
        "issue_n": "{n} issue|{n} issues", "article_n": "{n} article|{n} articles", "tag_n": "{n} tag|{n} tags",
        "documents": "The policy register of {site}: {documents} cited in its issues, newest first",
        "issuer": "The policy register of {site}: {documents} by {name}",
        "author": "{name}, author of {site}: {articles}",
        "authors": "The authors of {site} ({n})", "document_n": "{n} policy document|{n} policy documents",
        "page": " (page {n})",
    },
}


def og_locale(language: str) -> str:
    """Open Graph's locale (language_TERRITORY) for a BCP 47 tag: zh-CN → zh_CN, zh-Hans-CN →
    zh_CN, en → en_US (a language alone takes its most read territory)."""
    parts = language.split("-")
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    lang = parts[0].lower()
    return f"{lang}_{region or _TERRITORY.get(lang, lang.upper())}"


_TERRITORY = {"zh": "CN", "en": "US"}
# Each language by its own name, for the language switcher (a reader looks for their own)
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def language_name(language: str) -> str:
    """中文 for any Chinese, English for English; another language its tag (fr, de)."""
    if language.lower().startswith(("zh", "en")):
        return LANGUAGE_NAMES[interface_language(language)]
    return language


def labels_for(language: str) -> dict[str, str]:
    return LABELS[interface_language(language)]


def format_date(value: dt.date | None, language: str = "zh-CN") -> str:
    if value is None:
        return ""
    if is_chinese(language):
        return f"{value.year}年{value.month}月{value.day}日"
    return value.strftime("%-d %B %Y")


def quarter_title(year: int, quarter: int, language: str) -> str:
    """A new issue's title: 2025年第一季度, 2025 Q1."""
    return f"{year}年第{QUARTERS_ZH[quarter - 1]}季度" if is_chinese(language) else f"{year} Q{quarter}"


def interface_language(language: str) -> str:
    """"zh" for any Chinese (zh, zh-CN, zh-Hant…), else "en": the two interfaces we have."""
    return "zh" if language.lower().startswith("zh") else "en"


def is_chinese(language: str) -> bool:
    return interface_language(language) == "zh"


def counted(n: int, noun: str, language: str) -> str:
    """"3篇文章", "1 article", "3 articles": `noun` is issue, article or tag."""
    one, _, many = DESCRIPTIONS[interface_language(language)][f"{noun}_n"].partition("|")
    return (many if many and n != 1 else one).format(n=n)
