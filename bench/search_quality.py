"""Search quality against the simplest truth, in a real browser.

    .venv/bin/python bench/search_quality.py [--content DIR | --corpus N | --english N | --site DIR]
                                             [--terms sample|corpus|english|T1,T2…] [--json FILE]

Builds the content (no PDF) into a temporary folder (or takes a site built already, e.g.
by an older checkout: --site), serves it on 127.0.0.1, opens its
search page in Debian's Chromium (Playwright, never `playwright install`) and asks the
site's own search engine for each term. The truth for a term is the set of article pages
whose indexed text (the page's element marked `data-search-body`, without the parts
marked `data-search-ignore`; Pagefind's attributes on an older build) holds every
space-separated part of the term as a substring, compared after NFKC, lower case and
whitespace folding. Prints recall and precision per term and overall; the browser test
tests/test_search_quality.py holds them to the targets.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

# Forty terms of the sample's vocabulary: the ones issue 24 names, phrases of 2 to 8
# characters, mixed and Latin terms, cuts across the words a segmenter prefers
# (场发展: 市场|发展, 源汽车: 新能源|汽车), and two words that occur nowhere.
SAMPLE_TERMS = [
    "试点", "自愿减排", "配额", "生物质", "新能源", "能耗", "碳中和", "绿电", "海上风电", "量子纠缠",
    "碳足迹", "足迹", "碳普惠", "碳市场", "全国碳市场", "方法学", "绿证", "碳汇", "碳达峰", "温室气体",
    "生态环境部", "光伏", "储能", "电网", "碳排放", "碳标签", "碳手印", "减排量", "履约", "甲烷",
    "数据中心", "电解铝", "CCER项目", "CBAM", "CCER", "排放因子", "场发展", "源汽车", "全国温室气体自愿减排",
    "PM2.5",
]
# The generated corpus (bench/corpus.py): its words, its tags, and cuts across its words.
CORPUS_TERMS = [
    "全国碳市场", "配额", "成交量", "清缴", "履约", "重点排放单位", "温室气体", "自愿减排", "方法学", "碳足迹",
    "足迹", "核算", "绿证", "绿电", "可再生能源", "光伏", "风电", "储能", "碳普惠", "减排量", "生态环境部",
    "试点", "电解铝", "碳排放双控", "产品碳标识", "数据质量", "收盘价", "CCER", "CBAM", "能源转型",
    "地方碳市场", "配额成交量", "量清缴", "碳", "万吨", "海上风电", "量子纠缠", "能耗", "碳中和", "新能源",
]
# The English corpus (bench/corpus_en.py): stems that must not widen a search, words held in others.
ENGLISH_TERMS = [
    "price", "prices", "pricing", "priced", "market", "marketing", "trade", "trading", "trader", "emission",
    "emissions", "allowance", "cap", "capped", "capacity", "credit", "credited", "offsetting", "verification",
    "regulatory", "carbon", "decarbonisation", "carbonate", "net-zero", "CBAM", "PM2.5", "CO2", "methane",
    "auctioned", "powerful", "renewables", "storage", "carbon price", "Ministry of Ecology", "tonnes",
    "offsets", "ETS", "quantum", "grid", "solar wind",
]

# The site's own engine (search.js exposes `bulletinSearch`), or Pagefind on an older build.
QUERY_JS = """async (terms) => {
  const out = {};
  if (window.bulletinSearch) {
    for (const t of terms) out[t] = (await window.bulletinSearch.find(t)).map(r => r.path);
    return out;
  }
  const bundle = document.getElementById('search').dataset.bundle;
  const pagefind = await import(new URL(bundle + 'pagefind.js', location.href).href);
  for (const t of terms) {
    const found = await pagefind.search(t);
    const data = await Promise.all(found.results.map(r => r.data()));
    out[t] = data.map(d => d.url.replace(/^\\//, ''));
  }
  return out;
}"""


def fold(text: str) -> str:
    """What a search compares: NFKC, lower case, one space for any run of white space."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


class IndexedText(HTMLParser):
    """The text of the element marked as the page's indexed body, without ignored parts (and
    without the label that opens a chart's data table, nor footnote marks), and the page's
    description (the article's summary)."""

    BODY = frozenset(("data-search-body", "data-pagefind-body"))
    IGNORE = frozenset(("data-search-ignore", "data-pagefind-ignore"))
    IGNORE_CLASSES = frozenset(("footnote-ref", "footnote-backref"))
    VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr"))
    BLOCKS = frozenset(("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "div", "figcaption",
                        "caption", "br"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # open elements inside the body (0: outside)
        self.ignored_at = 0     # the depth where an ignored part started (0: none)
        self.parts: list[str] = []
        self.description = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        names = {name for name, _ in attrs}
        found = dict(attrs)
        if tag == "meta" and found.get("name") == "description":
            self.description = found.get("content") or ""
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in self.VOID:
            return
        if self.depth == 0:
            if names & self.BODY:
                self.depth = 1
            return
        self.depth += 1
        classes = set((found.get("class") or "").split())
        if not self.ignored_at and (names & self.IGNORE or tag == "summary" or classes & self.IGNORE_CLASSES):
            self.ignored_at = self.depth

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or self.depth == 0:
            return
        if self.ignored_at == self.depth:
            self.ignored_at = 0
        self.depth -= 1
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.ignored_at:
            self.parts.append(data)


def indexed_texts(out: Path) -> dict[str, str]:
    """Each article page of the build (path under the site root) → its folded indexed text."""
    texts = {}
    for page in sorted(out.rglob("index.html")):
        reader = IndexedText()
        reader.feed(page.read_text("utf-8"))
        if reader.depth or (reader.parts and "".join(reader.parts).strip()):
            texts[page.relative_to(out).as_posix()] = fold(reader.description + "\n" + "".join(reader.parts))
    return texts


def truth(texts: dict[str, str], term: str) -> set[str]:
    parts = fold(term).split(" ")
    return {path for path, text in texts.items() if all(p in text for p in parts)}


@dataclass
class TermScore:
    term: str
    truth: int
    found: int
    hits: int
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.hits / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0


@dataclass
class Quality:
    scores: list[TermScore]
    pages: int
    seconds_per_term: float
    fetched: list[int] = field(default_factory=list)   # bytes fetched for each term's search (fresh cache)

    @property
    def recall(self) -> float:
        """Micro: every (term, page that holds it) pair counts once."""
        total = sum(s.truth for s in self.scores)
        return sum(s.hits for s in self.scores) / total if total else 1.0

    @property
    def precision(self) -> float:
        total = sum(s.found for s in self.scores)
        return sum(s.hits for s in self.scores) / total if total else 1.0

    @property
    def mean_recall(self) -> float:
        return sum(s.recall for s in self.scores) / len(self.scores)

    @property
    def mean_precision(self) -> float:
        return sum(s.precision for s in self.scores) / len(self.scores)

    def report(self) -> str:
        lines = [f"{'term':<16} {'truth':>5} {'found':>5} {'hits':>5} {'recall':>7} {'precision':>9}"]
        for s in self.scores:
            lines.append(f"{s.term:<16} {s.truth:>5} {s.found:>5} {s.hits:>5} {s.recall:>7.2f} {s.precision:>9.2f}")
        lines.append(f"{len(self.scores)} terms, {self.pages} article pages: recall {self.recall:.3f} "
                     f"(mean per term {self.mean_recall:.3f}), precision {self.precision:.3f} "
                     f"(mean per term {self.mean_precision:.3f}); {self.seconds_per_term * 1000:.0f} ms a term")
        if self.fetched:
            average = sum(self.fetched) / len(self.fetched)
            lines.append(f"fetched for a search from a fresh cache: {average / 1024:.0f} KB on average, "
                         f"{max(self.fetched) / 1024:.0f} KB at most")
        return "\n".join(lines)


def score(texts: dict[str, str], found: dict[str, list[str]], seconds: float) -> Quality:
    scores = []
    for term, paths in found.items():
        want = truth(texts, term)
        got = {path + "index.html" if path.endswith("/") or not path else path for path in paths}
        scores.append(TermScore(term, len(want), len(got), len(want & got), sorted(want - got), sorted(got - want)))
    return Quality(scores, len(texts), seconds / max(len(found), 1))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def ask_browser(browser, base: str, terms: list[str]) -> tuple[dict[str, list[str]], float]:
    """Each term's results as the site's search page finds them, and the seconds it took."""
    page = browser.new_page()
    try:
        page.goto(base + "search/index.html", wait_until="load")
        started = time.perf_counter()
        found = page.evaluate(QUERY_JS, terms)
        return found, time.perf_counter() - started
    finally:
        page.close()


SEARCH_FILES = re.compile(r"/(search|pagefind)/(?!index\\.html)")


def fetched_per_search(browser, base: str, terms: list[str]) -> list[int]:
    """Bytes a reader's browser fetches for the search (index, shards, texts; Pagefind's code
    on an older build) from opening search/index.html?q=term until the results are shown and
    the network is quiet, a fresh browser context (no cache) for each term."""
    sizes = []
    for term in terms:
        context = browser.new_context()
        seen: list[int] = []   # requests a worker makes too (Pagefind's index), which the page's timeline lacks

        def note(request, seen: list[int] = seen) -> None:
            if SEARCH_FILES.search(urlsplit(request.url).path):
                seen.append(request.sizes()["responseBodySize"])
        context.on("requestfinished", note)
        try:
            page = context.new_page()
            page.goto(base + "search/index.html?q=" + term, wait_until="load")
            page.wait_for_function("""term => [...document.querySelectorAll('#search-status, .pagefind-ui__message')]
                .some(e => e.textContent.includes(term))""", arg=term)
            page.wait_for_load_state("networkidle")
            sizes.append(sum(seen))
        finally:
            context.close()
    return sizes


def measure(out: Path, terms: list[str], browser=None) -> Quality:
    """The built site in `out`, asked `terms` in `browser` (a Chromium of Playwright's; one is
    started if none is given)."""
    texts = indexed_texts(out)
    with served(out) as base:
        if browser is not None:
            found, seconds = ask_browser(browser, base, terms)
            fetched = fetched_per_search(browser, base, terms)
        else:
            from playwright.sync_api import sync_playwright
            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    found, seconds = ask_browser(chromium, base, terms)
                    fetched = fetched_per_search(chromium, base, terms)
                finally:
                    chromium.close()
    quality = score(texts, found, seconds)
    quality.fetched = fetched
    return quality


def build(content: Path, out: Path) -> None:
    bulletin = ROOT / ".venv" / "bin" / "bulletin"
    done = subprocess.run([str(bulletin), "build", "--content", str(content), "--out", str(out), "--no-pdf", "-q"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stderr}")


def index_size(out: Path) -> int:
    """Bytes of the search index and its code in the output."""
    return sum(p.stat().st_size for folder in ("search", "pagefind") if (out / folder).is_dir()
               for p in (out / folder).rglob("*") if p.is_file() and p.name != "index.html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--content", type=Path, help="a content folder (default: the sample, content/)")
    which.add_argument("--corpus", type=int, metavar="N", help="a generated Chinese corpus of N articles")
    which.add_argument("--english", type=int, metavar="N", help="a generated English corpus of N articles")
    which.add_argument("--site", type=Path, help="a site built already (by any version of bulletin)")
    parser.add_argument("--terms", help="comma-separated terms, or sample, corpus, english: a built-in list")
    parser.add_argument("--json", type=Path, help="write the scores here")
    args = parser.parse_args(argv)
    lists = {"sample": SAMPLE_TERMS, "corpus": CORPUS_TERMS, "english": ENGLISH_TERMS}
    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp:
        work, built = Path(tmp), 0.0
        out = args.site or work / "out"
        if args.corpus:
            from bench.corpus import write_corpus
            content, terms = write_corpus(work / "content", args.corpus), CORPUS_TERMS
        elif args.english:
            from bench.corpus_en import write_english_corpus
            content, terms = write_english_corpus(work / "content", args.english), ENGLISH_TERMS
        else:
            content, terms = args.content or ROOT / "content", SAMPLE_TERMS
        if args.terms:
            terms = lists.get(args.terms) or [t.strip() for t in args.terms.split(",") if t.strip()]
        if not args.site:
            started = time.perf_counter()
            build(content, out)
            built = time.perf_counter() - started
        quality = measure(out, terms)
        size = index_size(out)
    print(quality.report())
    print((f"build {built:.1f} s; " if built else "") + f"search index and code in the output: {size / 1024:.0f} KB")
    if args.json:
        args.json.write_text(json.dumps({
            "recall": quality.recall, "precision": quality.precision, "mean_recall": quality.mean_recall,
            "mean_precision": quality.mean_precision, "pages": quality.pages, "index_bytes": size,
            "fetched_bytes": quality.fetched,
            "terms": [{"term": s.term, "truth": s.truth, "found": s.found, "hits": s.hits} for s in quality.scores],
            "report": quality.report(),
        }, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
