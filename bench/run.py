"""Benchmark: our build against Pelican, MkDocs and a bare floor, on one corpus, in one run.

    .venv/bin/python bench/run.py [--sizes 200,1000,5000] [--runs 3] [--no-peers] [--compare TREE]

Prints a table (median wall seconds, peak RSS MB, ratios) and writes
bench/results/latest.json. With --compare TREE, the generator in TREE ("before") and this
one ("after"), row by row in turns: a before/after table and the issue's targets, written
to bench/results/latest-compare.json. Peers are installed into bench/.peers-venv by this script.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"   # --work DIR moves it (e.g. to a tmpfs, away from a slow disk)
sys.path.insert(0, str(ROOT))
from bench.corpus import write_corpus  # noqa: E402
from bench.peers import FLOOR, to_mkdocs, to_pelican  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
BULLETIN = str(ROOT / ".venv" / "bin" / "bulletin")   # the command an editor runs, as the peers' are
# Python caches compiled modules unless told not to (some sandboxes and CI images do):
# every command here runs as on an editor's machine, with the cache.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PEERS_VENV = HERE / ".peers-venv"


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**ENV, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def summarize(samples: list[tuple[float, float]]) -> dict:
    """Median wall seconds and highest peak RSS of `measure`'s samples."""
    return {"seconds": round(statistics.median(s[0] for s in samples), 3),
            "rss_mb": round(max(s[1] for s in samples), 1)}


def median_of(runs: int, cmd: list[str], cwd: Path, before=None) -> dict:
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(measure(cmd, cwd))
    return summarize(samples)


def bulletin(*args: str) -> list[str]:
    return [BULLETIN, *args]


def ensure_peers() -> str:
    if not (PEERS_VENV / "bin" / "mkdocs").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run([str(PEERS_VENV / "bin" / "pip"), "install", "-q", "pelican", "mkdocs", "markdown"], check=True)
    return str(PEERS_VENV / "bin")


def clean(*paths: Path):
    def run() -> None:
        for p in paths:
            shutil.rmtree(p, ignore_errors=True)
        # This disk is mounted with `discard`: deleting thousands of folders queues work that
        # slowed the next run by up to 2x, growing run after run. Let it finish first.
        os.sync()
        time.sleep(1.0)
    return run


def bench_ours(site: Path, runs: int, pair_runs: int) -> dict:
    """`runs` for each row; `pair_runs` for the full build and the floor, which are quick
    at every size and whose ratio is a target."""
    out, cache, back = site / "output", site / ".bulletin-cache", site / ".output.back"
    build = bulletin("build", "--no-pdf", "--no-search", "--quiet")
    # full: no output, no page cache; the chart cache (beside the content) stays, as on an
    # editor's machine. full_charts_cold also draws every chart (matplotlib).
    res = {"full_charts_cold": median_of(1, build, site, clean(out, cache, back))}
    res.update(bench_full_and_floor(site, pair_runs, build, clean(out, cache / "output", back)))
    res["unchanged"] = median_of(runs, build, site)
    res["one_article"] = median_of(runs, build, site, article_editor(site))
    res["one_template"] = median_of(runs, build, site, template_editor(site))
    return res


def article_editor(site: Path):
    """A function that appends a new sentence to one article (the same one each time)."""
    article = sorted((site / "content" / "issues").glob("*/policy/*.md"))[-1]
    original = article.read_text("utf-8")

    def edit() -> None:
        article.write_text(original + f"\n新增一句{time.monotonic_ns()}。\n", "utf-8")
    return edit


def template_editor(site: Path):
    """A function that edits one template of the theme (every page depends on it)."""
    template = site / "theme" / "templates" / "404.html"

    def touch_template() -> None:
        template.write_text(template.read_text("utf-8") + f"\n{{# {time.monotonic_ns()} #}}", "utf-8")
    return touch_template


def pelican_command(bin_dir: str) -> list[str]:
    return [f"{bin_dir}/pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]


def bench_peers(site: Path, runs: int, bin_dir: str) -> dict:
    content = site / "content"
    pel, mk = to_pelican(content, site / "pelican"), to_mkdocs(content, site / "mkdocs")
    return {
        "pelican": median_of(runs, pelican_command(bin_dir), pel, clean(pel / "output", pel / "cache")),
        "mkdocs": median_of(runs, [f"{bin_dir}/mkdocs", "build", "-q"], mk, clean(mk / "site")),
    }


# One edited article rebuilt inside a warm process, as `bulletin serve` does it. It uses
# only what every version of the generator has (generator.build's `build` and `Options`),
# so --compare can run it against an older tree too.
WARM = """
import gc, statistics, sys, time
from pathlib import Path
import generator.cli
from generator.build import Options, Result, build
if hasattr(generator.cli, "GC_THRESHOLDS"):   # as `bulletin serve` runs in the trees that set them
    gc.set_threshold(*generator.cli.GC_THRESHOLDS)


def rebuild(memo):
    # serve hands the last build's caches to the next build: Result.saved → build(warm=)
    # in the folder layout, Result.memo → build(memo=) before it
    if memo is None:
        result = build(opts)
    elif "saved" in Result.__dataclass_fields__:
        result = build(opts, warm=memo)
    else:
        result = build(opts, memo=memo)
    return getattr(result, "saved", None) or getattr(result, "memo", None) or memo


opts = Options(content=Path("content"), out=Path("warm-out"), pdf=False, search=False, jobs=1)  # as serve
memo = rebuild(None)
article = sorted(Path("content/issues").glob("*/policy/*.md"))[-1]
original = article.read_text("utf-8")
times = []
for i in range(int(sys.argv[1])):
    article.write_text(original + f"\\n温热编辑{i}。\\n", "utf-8")
    start = time.perf_counter()
    memo = rebuild(memo)
    times.append(time.perf_counter() - start)
article.write_text(original, "utf-8")
print(statistics.median(times))
"""


def warm_seconds(python: str, root: Path, site: Path, edits: int) -> float:
    """Median seconds of `edits` one-article rebuilds in one warm process, run by `python`
    with the generator of `root`."""
    shutil.rmtree(site / "warm-out", ignore_errors=True)
    shutil.rmtree(site / ".bulletin-cache" / "warm-out", ignore_errors=True)
    done = subprocess.run([python, "-c", WARM, str(edits)], cwd=site, capture_output=True, text=True,
                          env={**ENV, "PYTHONPATH": str(root)})
    if done.returncode != 0:
        raise RuntimeError(f"the warm driver failed with the generator of {root}: {done.stderr[-2000:]}")
    return float(done.stdout.strip())


def bench_warm(site: Path, runs: int) -> dict:
    """One edited article rebuilt inside a warm process, as `serve` does it."""
    seconds = warm_seconds(PY, ROOT, site, max(runs, 3))
    return {"serve_one_article": {"seconds": round(seconds, 3), "rss_mb": 0.0}}


STAGES = """
import gc, json, time
from pathlib import Path
import generator.cli
from generator.build import Options, build
if hasattr(generator.cli, "GC_THRESHOLDS"):   # as `bulletin build` runs in the trees that set them
    gc.set_threshold(*generator.cli.GC_THRESHOLDS)
import generator.site.bodies, generator.content.publication, generator.site.views
import generator.site.pages, generator.site.templates, generator.output.writer
marks = []
opts = Options(content=Path("content"), out=Path("stages-out"), pdf=False, search=False, incremental=False,
               progress=lambda name: marks.append((time.perf_counter(), name)))
build(opts)
marks.append((time.perf_counter(), "end"))
names = {"reading content": "reading", "rendering articles and charts": "markdown", "printing the PDF": "pdf",
         "writing the site": "writing"}
print(json.dumps({names.get(name, "pages"): round(b - a, 3) for (a, name), (b, _) in zip(marks, marks[1:])}))
"""


def bench_stages(site: Path) -> dict:
    """Where a full build's time goes, stage by stage (in one process, imports not counted):
    what the floor ratio is made of."""
    shutil.rmtree(site / "stages-out", ignore_errors=True)
    done = subprocess.run([PY, "-c", STAGES], cwd=site, capture_output=True, text=True, check=True,
                          env={**ENV, "PYTHONPATH": str(ROOT)})
    return {"stages": json.loads(done.stdout)}


def floor_command(site: Path, cores: int) -> list[str]:
    """The floor script (written by `prepare`) on `cores` processes."""
    return [PY, str(site / "floor.py"), "content", str(site / "floor-out"), str(cores)]


def bench_full_and_floor(site: Path, runs: int, build: list[str], before) -> dict:
    """Our full build and the two-core floor, run in turns: this VM drifts by 20-35 %
    within minutes, and the target is their ratio, so each pair sees the same moment.
    The ratio reported is the median of the pairs' ratios."""
    ours, floor = [], []
    for _ in range(runs):
        before()
        ours.append(measure(build, site))
        clean(site / "floor-out")()
        floor.append(measure(floor_command(site, 2), site))
    ratios = [o[0] / f[0] for o, f in zip(ours, floor, strict=True)]
    return {"full": summarize(ours), "floor_2core": summarize(floor),
            "full_over_floor_2core": {"median": round(statistics.median(ratios), 3),
                                      "pairs": [round(r, 3) for r in ratios]}}


def bench_floor(site: Path, runs: int) -> dict:
    """The one-core floor (the two-core one runs in turns with our full build)."""
    out = site / "floor-out"
    return {"floor_1core": median_of(runs, floor_command(site, 1), site, clean(out))}


def prepare(n: int) -> Path:
    site = WORK / f"n{n}"
    if not (site / "content" / "site.yml").exists():
        shutil.rmtree(site, ignore_errors=True)
        write_corpus(site / "content", n)
        theme = site / "theme" / "templates"
        theme.mkdir(parents=True)
        shutil.copy(ROOT / "themes" / "default" / "templates" / "404.html", theme / "404.html")
        with open(site / "content" / "site.yml", "a", encoding="utf-8") as fh:
            fh.write("theme: ../theme\n")
    (site / "floor.py").write_text(FLOOR, "utf-8")
    return site


def bench_startup(runs: int) -> dict:
    site = WORK / "one"
    if not site.exists():
        write_corpus(site / "content", 1)
    return {"help": median_of(runs, bulletin("--help"), ROOT),
            "one_article_build": median_of(runs, bulletin("build", "--no-pdf", "--no-search", "-q"), site,
                                           clean(site / "output", site / ".bulletin-cache", site / ".output.back"))}


# What a rebuild that renders even one page loads before any work: the libraries, and with
# them the modules of ours that a one-article rebuild imports.
LIBRARIES = "import jinja2, markdown_it, yaml"
OURS = ("import generator.build, generator.content.config, generator.site.bodies, generator.content.publication, "
        "generator.site.views, generator.markdown.parser, generator.site.pages, generator.site.templates, "
        "generator.output.writer, generator.output.manifest")


def bench_bounds(runs: int) -> dict:
    """Lower bounds for a rebuild in a new process: Python alone, Python with the three
    libraries a page needs, and with our modules as well."""
    return {"python": median_of(runs, [PY, "-c", "pass"], ROOT),
            "python_libraries": median_of(runs, [PY, "-c", LIBRARIES], ROOT),
            "python_libraries_ours": median_of(runs, [PY, "-c", OURS], ROOT)}


def bench_pdf(runs: int) -> dict:
    site = WORK / "sample"
    out = site / "output"
    site.mkdir(parents=True, exist_ok=True)
    cmd = bulletin("build", "--content", str(ROOT / "content"), "--out", str(out), "--no-search", "-q")
    return {"sample_pdf_cold": median_of(runs, cmd, site, clean(out, site / ".bulletin-cache", site / ".output.back")),
            "sample_pdf_unchanged": median_of(runs, cmd, site)}


TARGETS = """targets: full ≥2× faster than the faster peer and ≤1.3× the two-core floor (N=1000, 5000);
unchanged ≤5% of full; one article ≤10% of full (CLI); peak RSS at N=5000 ≤600 MB;
--help ≤0.3 s; sample PDF ≤5 s cold."""


def report_size(n: int, r: dict) -> list[str]:
    full = r["full"]["seconds"]
    lines = [f"N={n}"]
    for key in ("full", "full_charts_cold", "unchanged", "one_article", "serve_one_article", "one_template",
                "pelican", "mkdocs", "floor_1core", "floor_2core"):
        if key in r:
            lines.append(f"  {key:<14} {r[key]['seconds']:>8.2f} s  {r[key]['rss_mb']:>7.1f} MB  "
                         f"{r[key]['seconds'] / full:>6.2f}× ours")
    peers = [r[k]["seconds"] for k in ("pelican", "mkdocs") if k in r]
    if peers:
        lines.append(f"  faster peer / ours = {min(peers) / full:.2f}  (target ≥ 2)")
    pairs = r["full_over_floor_2core"]
    lines.append(f"  ours / two-core floor = {pairs['median']:.2f}, median of {len(pairs['pairs'])} pairs run in turns "
                 f"({', '.join(f'{x:.2f}' for x in pairs['pairs'])})  (target ≤ 1.3)")
    lines.append(f"  unchanged / full = {r['unchanged']['seconds'] / full:.1%}  (target ≤ 5%)")
    lines.append(f"  one article / full = {r['one_article']['seconds'] / full:.1%}  (target ≤ 10%)")
    stages = r["stages"]
    lines.append("  full build in one process, by stage: " + ", ".join(f"{k} {v:.3f} s" for k, v in stages.items()))
    lines.append(f"  Markdown stage alone / two-core floor = {stages['markdown'] / r['floor_2core']['seconds']:.2f}")
    lines.append(f"  one article in a warm process (serve) = {r['serve_one_article']['seconds']:.3f} s  "
                 "(target ≤ 0.5 s)")
    return lines


# --compare TREE: the generator of another checkout ("before") against this one ("after"),
# each with its own venv, row by row in turns, on copies of one corpus.

@dataclass(frozen=True)
class Tree:
    """A checkout of the generator, and the venv inside it (<root>/.venv) that runs it."""
    name: str    # "before" or "after"
    root: Path

    def command(self, name: str) -> str:
        return str(self.root / ".venv" / "bin" / name)

    def env(self) -> dict:
        """Its own generator first on sys.path, whatever PYTHONPATH this script was given."""
        return {"PYTHONPATH": str(self.root)}


def ensure_venv(tree: Tree) -> None:
    """Make <root>/.venv with the tree installed (editable, with search) if it is missing."""
    if Path(tree.command("bulletin")).exists():
        return
    print(f"{tree.name}: making {tree.root / '.venv'}", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(tree.root / ".venv")], check=True)
    subprocess.run([tree.command("pip"), "install", "-q", "-e", f"{tree.root}[search]"], check=True)


def check_tree(tree: Tree) -> dict:
    """Check that the tree's venv runs the tree's own generator, compile it as `main` compiles
    ours, and say which commit it is."""
    done = subprocess.run([tree.command("python"), "-c", "import generator.build; print(generator.build.__file__)"],
                          cwd="/", capture_output=True, text=True, check=True, env={**ENV, **tree.env()})
    found = Path(done.stdout.strip())
    if not found.is_relative_to(tree.root):
        raise SystemExit(f"{tree.name}: {tree.command('python')} imports {found}, not the generator of {tree.root}")
    subprocess.run([tree.command("python"), "-m", "compileall", "-q", str(tree.root / "generator")], check=True)
    commit = subprocess.run(["git", "-C", str(tree.root), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    changed = subprocess.run(["git", "-C", str(tree.root), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout.strip()
    return {"root": str(tree.root), "commit": commit + (" with uncommitted changes" if changed else "")}


def tree_site(site: Path, tree: Tree) -> Path:
    """A fresh copy of the corpus for one tree: its output and caches stay its own (each tree's
    code is in its stamp, so sharing them would turn every build into a full one)."""
    copy = site.parent / f"{site.name}-{tree.name}"
    for folder in ("content", "theme"):
        shutil.rmtree(copy / folder, ignore_errors=True)
        shutil.copytree(site / folder, copy / folder)
    return copy


def build_sampler(tree: Tree, site: Path, before=None):
    """A function that runs `before` (if any), then the tree's `bulletin build` once, measured."""
    build = [tree.command("bulletin"), "build", "--no-pdf", "--no-search", "--quiet"]

    def sample() -> tuple[float, float]:
        if before:
            before()
        return measure(build, site, tree.env())
    return sample


def full_sampler(tree: Tree, site: Path):
    """A function that runs the tree's full build once (no output, no page cache), measured."""
    return build_sampler(tree, site, clean(site / "output", site / ".bulletin-cache" / "output", site / ".output.back"))


def warm_sampler(tree: Tree, site: Path):
    """A function that runs the WARM driver with the tree's code (median of 3 edits)."""
    def sample() -> tuple[float, float]:
        return warm_seconds(tree.command("python"), tree.root, site, 3), 0.0
    return sample


def pelican_sampler(site: Path, bin_dir: str):
    """A function that builds the corpus with Pelican once, from nothing, measured."""
    pel = to_pelican(site / "content", site / "pelican")

    def sample() -> tuple[float, float]:
        clean(pel / "output", pel / "cache")()
        return measure(pelican_command(bin_dir), pel)
    return sample


def in_turns(runs: int, samplers: dict) -> dict[str, list]:
    """`runs` rounds, each calling every sampler once, in the order given and reversed in the
    next round: this VM drifts by 20-35 % within minutes, so each round sees one moment."""
    samples: dict[str, list] = {name: [] for name in samplers}
    for i in range(runs):
        for name in (list(samplers) if i % 2 == 0 else list(samplers)[::-1]):
            samples[name].append(samplers[name]())
    return samples


def before_after(before, after, number=lambda v: v) -> dict:
    """The two trees' values, and after / before of `number` of them."""
    return {"before": before, "after": after, "after_over_before": round(number(after) / number(before), 3)}


def compare_size(site: Path, trees: list[Tree], runs: int, bin_dir: str | None) -> dict:
    """Every row for both trees, in turns. The full build takes turns with Pelican too: the
    ratio to Pelican is the median of each round's ratio."""
    sites = {t.name: tree_site(site, t) for t in trees}
    for t in trees:   # not measured: fills the tree's own chart and slug caches, as on an editor's machine
        full_sampler(t, sites[t.name])()

    def row(make_sampler) -> dict[str, list]:
        return in_turns(runs, {t.name: make_sampler(t, sites[t.name]) for t in trees})

    full_samplers = {t.name: full_sampler(t, sites[t.name]) for t in trees}
    if bin_dir:
        full_samplers["pelican"] = pelican_sampler(site, bin_dir)
    samples = {"full": in_turns(runs, full_samplers),   # each tree's last build is a full one: next, nothing changed
               "unchanged": row(build_sampler),
               "one_article": row(lambda t, s: build_sampler(t, s, article_editor(s))),
               "one_template": row(lambda t, s: build_sampler(t, s, template_editor(s))),
               "serve_one_article": row(warm_sampler)}
    r = {key: before_after(summarize(by_tree["before"]), summarize(by_tree["after"]), lambda v: v["seconds"])
         for key, by_tree in samples.items()}
    r["peak_rss_full_mb"] = before_after(r["full"]["before"]["rss_mb"], r["full"]["after"]["rss_mb"])
    r["unchanged_over_full"] = before_after(*(round(r["unchanged"][t]["seconds"] / r["full"][t]["seconds"], 4)
                                              for t in ("before", "after")))
    if bin_dir:
        pelican = samples["full"]["pelican"]
        rounds = {t: [round(p[0] / o[0], 3) for p, o in zip(pelican, samples["full"][t], strict=True)]
                  for t in ("before", "after")}
        r["pelican"] = summarize(pelican)
        r["pelican_over_full"] = {**before_after(statistics.median(rounds["before"]),
                                                 statistics.median(rounds["after"])),
                                  "rounds": rounds}
    return r


COMPARE_ROWS = (("full", "full build", "s"), ("unchanged", "no-change rebuild", "s"),
                ("unchanged_over_full", "no-change / full", "%"), ("one_article", "one article (CLI)", "s"),
                ("serve_one_article", "one article in serve", "s"), ("one_template", "one template", "s"),
                ("peak_rss_full_mb", "peak RSS (full)", "MB"), ("pelican_over_full", "Pelican / full", "×"))


def tree_value(r: dict, key: str, tree: str) -> float:
    value = r[key][tree]
    return value["seconds"] if isinstance(value, dict) else value


def show(value: float, unit: str) -> str:
    return {"s": f"{value:.3f} s", "%": f"{value:.1%}", "MB": f"{value:.0f} MB", "×": f"{value:.2f}×"}[unit]


def compare_table(sizes: dict) -> list[str]:
    lines = ["| N | row | before | after | after / before |", "|---|---|---|---|---|"]
    for n, r in sizes.items():
        for key, what, unit in COMPARE_ROWS:
            if key in r:
                lines.append(f"| {int(n):,} | {what} | {show(tree_value(r, key, 'before'), unit)} | "
                             f"{show(tree_value(r, key, 'after'), unit)} | {r[key]['after_over_before']:.2f} |")
        if "pelican" in r:
            pelican = show(r["pelican"]["seconds"], "s")   # one measurement, in the same rounds as both trees
            lines.append(f"| {int(n):,} | Pelican (in the same rounds) | {pelican} | {pelican} | |")
    return lines


@dataclass(frozen=True)
class Target:
    what: str
    key: str                 # a row of compare_size's result
    sizes: tuple[int, ...]   # the sizes it is judged at
    limit: float
    at_least: bool           # met when the value is ≥ limit (else ≤ limit)
    unit: str


# The issue's targets for the restructuring, judged on the "after" tree's numbers.
ISSUE_TARGETS = (
    Target("full build ≥ 2.5× faster than Pelican", "pelican_over_full", (1000, 5000), 2.5, True, "×"),
    Target("no-change rebuild ≤ 5 % of a full build", "unchanged_over_full", (1000, 5000), 0.05, False, "%"),
    Target("one body edit in serve ≤ 0.3 s", "serve_one_article", (1000,), 0.3, False, "s"),
    Target("peak RSS of the full build ≤ 600 MB", "peak_rss_full_mb", (5000,), 600, False, "MB"),
)


def judge(target: Target, sizes: dict) -> dict:
    """The target's values at the sizes it names that were measured; met (True or False) when
    the after tree's meet it at all of them, None when none was measured."""
    values = {str(n): {t: tree_value(sizes[str(n)], target.key, t) for t in ("before", "after")}
              for n in target.sizes if target.key in sizes.get(str(n), {})}
    met = [(v["after"] >= target.limit) if target.at_least else (v["after"] <= target.limit) for v in values.values()]
    return {"target": target.what, "values": values, "met": all(met) if met else None}


def targets_table(judged: list[dict]) -> list[str]:
    lines = ["| target (judged on after) | after (before) | |", "|---|---|---|"]
    for target, j in zip(ISSUE_TARGETS, judged, strict=True):
        values = "; ".join(f"N={int(n):,}: {show(v['after'], target.unit)} ({show(v['before'], target.unit)})"
                           for n, v in j["values"].items())
        status = {True: "met", False: "not met", None: "not measured"}[j["met"]]
        sizes = ", ".join(f"{n:,}" for n in target.sizes)
        lines.append(f"| {target.what} (N = {sizes}) | {values or '—'} | {status} |")
    return lines


def compare(args, bin_dir: str | None) -> int:
    """`--compare TREE`: the rows of the issue's targets for TREE ("before") and this tree
    ("after"), in turns; prints the before/after table and the targets, writes
    bench/results/latest-compare.json."""
    trees = [Tree("before", args.compare.resolve()), Tree("after", ROOT)]
    for t in trees:
        ensure_venv(t)
    results: dict = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                     "work": str(WORK), "python": platform.python_version(), "runs": args.runs,
                     "trees": {t.name: check_tree(t) for t in trees}, "sizes": {}}
    for name, tree in results["trees"].items():
        print(f"{name}: {tree['root']} ({tree['commit']})", flush=True)
    for n in map(int, args.sizes.split(",")):
        start = time.perf_counter()
        results["sizes"][str(n)] = compare_size(prepare(n), trees, args.runs, bin_dir)
        print("\n".join(compare_table({str(n): results["sizes"][str(n)]})), flush=True)
        print(f"(N={n:,}: {time.perf_counter() - start:.0f} s)", flush=True)
    results["targets"] = [judge(t, results["sizes"]) for t in ISSUE_TARGETS]
    print(f"\nbefore = {results['trees']['before']['commit']}, after = {results['trees']['after']['commit']}; "
          f"medians of {args.runs} runs in turns")
    print("\n".join(compare_table(results["sizes"])))
    print()
    print("\n".join(targets_table(results["targets"])))
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "latest-compare.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="200,1000,5000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--work", type=Path, default=None,
                    help="where the corpora and outputs go (default bench/work; /dev/shm/bench takes "
                         "the disk out of the measurement)")
    ap.add_argument("--compare", type=Path, metavar="TREE",
                    help="measure the generator checked out in TREE (before) against this one (after), "
                         "in turns, each with its own TREE/.venv (made if missing)")
    args = ap.parse_args()
    if args.work:
        global WORK
        WORK = args.work.resolve()
    bin_dir = None if args.no_peers else ensure_peers()
    if args.compare:
        return compare(args, bin_dir)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "generator")], check=True)
    results: dict = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                     "work": str(WORK),
                     "python": platform.python_version(), "sizes": {}}
    for n in map(int, args.sizes.split(",")):
        site = prepare(n)
        runs = args.runs if n <= 1000 else max(1, args.runs - 2)
        r = bench_ours(site, runs, args.runs)
        r.update(bench_warm(site, runs))
        r.update(bench_stages(site))
        r.update(bench_floor(site, runs))
        if bin_dir:
            r.update(bench_peers(site, runs, bin_dir))
        results["sizes"][str(n)] = r
        print("\n".join(report_size(n, r)), flush=True)
    results["startup"] = bench_startup(args.runs)
    results["pdf"] = bench_pdf(args.runs)
    results["bounds"] = bench_bounds(max(args.runs, 5))
    for k, v in {**results["startup"], **results["pdf"], **results["bounds"]}.items():
        print(f"{k:<22} {v['seconds']:>7.2f} s  {v['rss_mb']:>7.1f} MB")
    for n, r in results["sizes"].items():
        full, b = r["full"]["seconds"], results["bounds"]
        print(f"N={n}: a new process that renders one page loads at least "
              f"{b['python_libraries']['seconds'] / full:.1%} of the full build (Python and the libraries), "
              f"{b['python_libraries_ours']['seconds'] / full:.1%} with our modules; one article took "
              f"{r['one_article']['seconds'] / full:.1%}")
    print(TARGETS)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
