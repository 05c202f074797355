"""How big the pages of a large archive get (issue 21: at 5,000 articles no HTML page over
150 KB), on the synthetic corpus of bench/corpus.py with the register and authors added.

    .venv/bin/python bench/pages.py [--sizes 1000,5000] [--work DIR]

Not part of the tests. To the corpus it adds what the archive lists: authors.yml with six
authors, each essay naming one of them (some 140 essays each at 5,000: several pages), and
`documents:` on the policy and local briefs (each document cited by four briefs of its
issue, issued by one or two of eight issuers, a 文号 on every other one). It builds with
`bulletin build --no-pdf --no-search --future` (the corpus runs past today; site.yml's
default page size) and reports the
largest HTML page of each kind (article, issue, section, tag, author, register, issuer,
the home page and the other single pages) and the largest of all, in KB (1,000 bytes).
Also times the build from nothing (every chart and preview card drawn) and a full build
with those caches kept, and counts the cards' bytes. Writes bench/results/pages-latest.json.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from bench.corpus import PER_ISSUE, write_corpus  # noqa: E402
from bench.run import BULLETIN, ENV  # noqa: E402

LIMIT_KB = 150
AUTHORS = 6
ISSUERS = [["国务院办公厅"], ["生态环境部"], ["国家发展改革委", "国家能源局"], ["工业和信息化部"],
           ["市场监管总局", "生态环境部"], ["国家能源局"], ["财政部"], ["国家数据局", "国家发展改革委"]]
CODES = ["国办发", "环气候", "发改能源", "工信部节", "国市监", "国能发", "财资环", "国数发"]
# the kinds of page, by their address (the first that matches)
KINDS = [("article", r"^issues/[^/]+/[^/]+/[^/]+/index\.html$"), ("issue", r"^issues/[^/]+/index\.html$"),
         ("section", r"^sections/"), ("tag", r"^tags/.+/"), ("author", r"^authors/.+/"),
         ("issuer", r"^documents/issuers/"), ("register", r"^documents/"), ("home", r"^index\.html$"),
         ("other", r"")]


def add_register(content: Path) -> None:
    """authors.yml, each essay's author a key of it, and each brief of policy and local citing
    a document (one document for each four briefs of an issue, dated the first of their month)."""
    (content / "authors.yml").write_text("".join(
        f"author-{k}:\n  name: 作者{k}\n  title: 项目经理\n  bio: 研究碳市场{k}。\n" for k in range(AUTHORS)), "utf-8")
    for path in sorted((content / "issues").glob("*/*/*.md")):
        j = int(re.search(r"-a(\d+)\.md$", path.name).group(1))   # type: ignore[union-attr]
        text = path.read_text("utf-8")
        if path.parent.name == "essays":
            text = re.sub(r"author: 作者\d+\nauthor_title: 项目经理\n", f"author: author-{(j // 6) % AUTHORS}\n", text)
        elif path.parent.name in ("policy", "local"):
            text = text.replace("\n---\n", "\n" + cited(j, path.name[:7]) + "---\n", 1)
        path.write_text(text, "utf-8")


def cited(j: int, month: str) -> str:
    """The `documents:` of article j (dated in `month`, YYYY-MM): document j // 12, cited by
    the policy and local briefs j, j+1, j+6, j+7 of its issue (PER_ISSUE is a multiple of 12)."""
    assert PER_ISSUE % 12 == 0
    d = j // 12
    issuers = ISSUERS[d % len(ISSUERS)]
    lines = [f"  - title: 关于推进碳市场建设第{d}号工作的通知", f"    issuer: [{', '.join(issuers)}]",
             f"    date: {month}-01"]
    if d % 2 == 0:
        lines.append(f"    number: {CODES[d % len(CODES)]}〔{month[:4]}〕{d + 1}号")
    return "documents:\n" + "\n".join(lines) + "\n"


def kind_of(rel: str) -> str:
    return next(kind for kind, pattern in KINDS if re.search(pattern, rel))


def measure(out: Path) -> dict:
    largest: dict[str, tuple[int, str]] = {}
    count: dict[str, int] = {}
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        if rel.endswith("wechat.html") or "/email." in rel:
            continue
        kind, size = kind_of(rel), path.stat().st_size
        count[kind] = count.get(kind, 0) + 1
        if size > largest.get(kind, (-1, ""))[0]:
            largest[kind] = (size, rel)
    top = max(largest.values())
    return {"pages": count, "largest_kb": {k: [round(s / 1000, 1), rel] for k, (s, rel) in sorted(largest.items())},
            "largest_of_all_kb": [round(top[0] / 1000, 1), top[1]], "under_limit": top[0] <= LIMIT_KB * 1000}


def build(site: Path) -> float:
    start = time.perf_counter()
    # --future: the corpus runs to 2030, after today, and every article of it is to be built
    command = [BULLETIN, "build", "--content", "content", "--out", "out", "--no-pdf", "--no-search", "--future"]
    done = subprocess.run(command, cwd=site, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return round(time.perf_counter() - start, 1)


def run(size: int, work: Path) -> dict:
    """The pages of a build from nothing; its time, and a full build's with the caches of
    charts and cards kept (what an editor's next full build costs); the cards' bytes."""
    site = work / f"pages-{size}"
    shutil.rmtree(site, ignore_errors=True)
    write_corpus(site / "content", size)
    add_register(site / "content")
    cold = build(site)
    found = measure(site / "out")
    cards = list((site / "out").rglob("card.png"))
    shutil.rmtree(site / "out")
    shutil.rmtree(site / ".bulletin-cache" / "out", ignore_errors=True)   # the page cache of out/
    shutil.rmtree(site / ".out.back", ignore_errors=True)
    return {**found, "build_cold_s": cold, "build_cards_cached_s": build(site), "cards": len(cards),
            "cards_mb": round(sum(c.stat().st_size for c in cards) / 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    args = parser.parse_args()
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        results[str(size)] = found = run(size, args.work)
        print(f"N = {size}: {sum(found['pages'].values())} pages; largest {found['largest_of_all_kb'][0]} KB "
              f"({found['largest_of_all_kb'][1]}), limit {LIMIT_KB} KB: {'ok' if found['under_limit'] else 'OVER'}")
        for kind, (kb, rel) in found["largest_kb"].items():
            print(f"  {kind:9} {found['pages'][kind]:6} pages, largest {kb:7} KB  {rel}")
        print(f"  build from nothing {found['build_cold_s']} s; a full build with the chart and card caches kept "
              f"{found['build_cards_cached_s']} s; {found['cards']} cards, {found['cards_mb']} MB")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "pages-latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
