"""The same corpus in the peers' formats: Pelican and MkDocs; plus the floor script."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)


def _articles(content: Path):
    for path in sorted(content.glob("issues/*/*/*.md")):
        text = path.read_text("utf-8")
        match = FRONT.match(text)
        meta = dict(line.split(": ", 1) for line in match.group(1).splitlines()
                    if ": " in line and not line.startswith(" "))
        yield path, meta, text[match.end():]


def to_pelican(content: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    (target / "content").mkdir(parents=True)
    for path, meta, body in _articles(content):
        issue, section = path.parent.parent.name, path.parent.name
        tags = meta.get("tags", "[]").strip("[]")
        head = f"Title: {meta['title']}\nDate: {meta['date']}\nCategory: {section}\nTags: {tags}\n" \
               f"Slug: {issue}-{section}-{path.stem}\nSummary: {meta.get('summary', '')}\n\n"
        (target / "content" / f"{issue}-{section}-{path.name}").write_text(head + body, "utf-8")
    (target / "pelicanconf.py").write_text(
        "SITENAME = '碳桥'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'Asia/Shanghai'\n"
        "DEFAULT_LANG = 'zh'\nFEED_ALL_ATOM = 'feeds/all.atom.xml'\nRELATIVE_URLS = True\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.extra': {}, 'markdown.extensions.toc': {}}}\n"
        "DEFAULT_PAGINATION = False\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n", "utf-8")
    return target


def to_mkdocs(content: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 碳桥\n", "utf-8")
    for path, meta, body in _articles(content):
        folder = docs / path.parent.parent.name / path.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / path.name).write_text(f"# {meta['title']}\n\n{body}", "utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: 碳桥\nuse_directory_urls: true\ntheme:\n  name: mkdocs\n  locale: zh_CN\n"
        "markdown_extensions: [tables, footnotes, toc]\nplugins: [search]\n", "utf-8")
    return target


FLOOR = r'''
"""The floor: only parse Markdown with markdown-it-py and render a trivial Jinja2 template."""
import sys, re
from multiprocessing import Pool
from pathlib import Path
from jinja2 import Template
from markdown_it import MarkdownIt

T = Template("<!doctype html><title>{{ t }}</title><main>{{ body }}</main>")
md = MarkdownIt("commonmark").enable("table")

def one(job):
    src, dst = job
    text = Path(src).read_text("utf-8")
    body = text.split("\n---\n", 1)[1]
    out = Path(dst)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(T.render(t=out.parent.name, body=md.render(body)), "utf-8")

if __name__ == "__main__":
    content, out, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    jobs = [(str(p), str(out / p.relative_to(content).with_suffix("") / "index.html"))
            for p in sorted(content.glob("issues/*/*/*.md"))]
    if workers == 1:
        list(map(one, jobs))
    else:
        with Pool(workers) as pool:
            pool.map(one, jobs, chunksize=64)
'''
