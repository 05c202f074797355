"""What the email and WeChat editions cost a build (issue 19), on the sample and on the
synthetic corpus of bench/corpus.py.

    .venv/bin/python bench/editions.py [--sizes sample,1000] [--runs 3] [--work DIR]

Not part of the tests. The editions are made only when the site's address is a published one,
so the same content is built with `--base-url https://example.org/…` (a placeholder: no
editions) and with `--base-url https://bench.tanqiao.org/` (every email and WeChat edition),
each into its own output folder, in turns (this VM drifts within minutes), median of --runs.
Rows, each `bulletin build --no-pdf --no-search` as an editor runs it:

  full          no output and no page cache; the chart caches (SVG, and PNG for `on`) kept
  png_cold      `on` with the PNGs gone from the chart cache: each chart drawn once more (1 run)
  unchanged     nothing changed (the no-op check)
  one_article   a sentence appended to one article

Writes bench/results/editions-latest.json.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from bench.corpus import write_corpus  # noqa: E402
from bench.run import ROOT, article_editor, bulletin, clean, measure  # noqa: E402

OFF, ON = "https://example.org/tanqiao/", "https://bench.tanqiao.org/"
EMAIL = 'email: {from: "碳桥 <bulletin@tanqiao.org>", unsubscribe: "{{ UnsubscribeURL }}"}\n'


def prepare(work: Path, size: str) -> Path:
    site = work / f"editions-{size}"
    shutil.rmtree(site, ignore_errors=True)
    if size == "sample":
        shutil.copytree(ROOT / "content", site / "content", ignore=shutil.ignore_patterns(".bulletin-cache"))
    else:
        write_corpus(site / "content", int(size))
        yml = site / "content" / "site.yml"
        yml.write_text(yml.read_text("utf-8") + EMAIL, "utf-8")
    return site


def command(kind: str) -> list[str]:
    return bulletin("build", "--no-pdf", "--no-search", "--quiet", "--out", f"out-{kind}",
                    "--base-url", ON if kind == "on" else OFF)


def in_turns(site: Path, runs: int, before) -> dict:
    """`off` and `on` in turns, the order reversed each round; medians and the median ratio."""
    times: dict[str, list[float]] = {"off": [], "on": []}
    for i in range(runs):
        for kind in ("off", "on") if i % 2 == 0 else ("on", "off"):
            if before:
                before(kind)()
            times[kind].append(measure(command(kind), site)[0])
    ratios = [on / off for on, off in zip(times["on"], times["off"], strict=True)]
    return {"off": round(statistics.median(times["off"]), 3), "on": round(statistics.median(times["on"]), 3),
            "on_over_off": round(statistics.median(ratios), 3), "runs": times}


def bench_size(work: Path, size: str, runs: int) -> dict:
    site = prepare(work, size)
    cache = site / ".bulletin-cache"

    def fresh(kind: str):
        return clean(site / f"out-{kind}", cache / f"out-{kind}", site / f".out-{kind}.back")

    for kind in ("off", "on"):   # fills the chart caches (SVG; PNG for on), as on an editor's machine
        measure(command(kind), site)
    res = {"full": in_turns(site, runs, fresh)}
    for png in (cache / "charts").glob("*.png"):
        png.unlink()
    fresh("on")()
    res["png_cold"] = round(measure(command("on"), site)[0], 3)
    res["unchanged"] = in_turns(site, runs, None)
    edit = article_editor(site)
    res["one_article"] = in_turns(site, runs, lambda kind: edit)
    out = site / "out-on"
    emails = sorted(out.glob("issues/*/email.html"))
    res["outputs"] = {
        "articles": len(list(out.glob("issues/*/*/*/index.html"))),
        "wechat_pages": len(list(out.glob("issues/*/*/*/wechat.html"))),
        "emails": len(emails),
        "email_kb_largest": round(max(p.stat().st_size for p in emails) / 1024, 1),
        "pngs": len(list(out.glob("issues/**/chart-*.png"))),
        "bytes_on": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
        "bytes_off": sum(p.stat().st_size for p in (site / "out-off").rglob("*") if p.is_file()),
    }
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="sample,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "work")
    args = parser.parse_args()
    results = {size: bench_size(args.work, size, args.runs) for size in args.sizes.split(",")}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "editions-latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    for size, res in results.items():
        print(f"\n{size}: {res['outputs']}")
        for row in ("full", "unchanged", "one_article"):
            r = res[row]
            print(f"  {row:12} off {r['off']:.3f} s   on {r['on']:.3f} s   on/off {r['on_over_off']:.2f}")
        print(f"  png_cold     on {res['png_cold']:.3f} s (every chart's PNG drawn)")


if __name__ == "__main__":
    main()
