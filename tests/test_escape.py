"""No network, no escape: a build reads the content folder and the theme, writes the output
and its cache, and touches nothing else — no connection, no file outside, however an
editor's links, images, data paths or symbolic links point.

The full build (site, PDF when site.yml enables it, search) runs once, in-process, under an
audit hook (PEP 578) that records every file opened, copied or linked and every socket,
DNS or URL request; the tests below judge the record.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.content.config import DEFAULT_THEME, load_site
from generator.errors import ContentErrors, Report
from generator.figures import charts, fences
from tests.conftest import FIXTURE_SITE, ROOT, SAMPLE

SECRET = "碳桥-SECRET-不应出现在网站上"


# --- the recorder -------------------------------------------------------------------------------

@dataclass
class Record:
    on: bool = False
    opened: list[tuple[str, str]] = field(default_factory=list)      # (path, "r" or "w")
    copied: list[tuple[str, str]] = field(default_factory=list)      # (source, target)
    network: list[tuple[str, str]] = field(default_factory=list)     # (event, what)
    programs: list[str] = field(default_factory=list)


RECORD = Record()
_NETWORK_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
                   "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request",
                   "http.client.connect", "ftplib.connect", "smtplib.connect"}


def _audit(event: str, args: tuple) -> None:
    if not RECORD.on:
        return
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int) or path is None:
            return
        writing = (mode is not None and any(c in mode for c in "wax+")) or \
                  (mode is None and flags is not None and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        RECORD.opened.append((os.fsdecode(path), "w" if writing else "r"))
    elif event in ("shutil.copyfile", "os.link"):
        RECORD.copied.append((os.fsdecode(args[0]), os.fsdecode(args[1])))
    elif event == "subprocess.Popen":
        RECORD.programs.append(os.fsdecode(args[0]))
    elif event in _NETWORK_EVENTS:
        target = args[1] if event.startswith("socket.") and event not in (
            "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo") else args[0]
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg") and getattr(args[0], "family", None) == 1:
            return   # AF_UNIX: a local socket, not the network
        RECORD.network.append((event, repr(target)))
        raise ConnectionRefusedError(f"the test forbids the network ({event} {target!r})")


sys.addaudithook(_audit)   # hooks cannot be removed: it does nothing unless RECORD.on


def plant_escapes(content: Path, outside: Path) -> None:
    """Everything an editor (or a careless copy) could do to point outside the content folder,
    none of which may make the build read a file outside."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "passwords.txt").write_text(SECRET, "utf-8")
    (outside / "leak.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    (outside / "leak.csv").write_text(f"a,b\n{SECRET},1\n", "utf-8")
    issue = sorted((content / "issues").iterdir())[-1]
    section = next(p for p in sorted(issue.iterdir()) if p.is_dir() and p.name not in ("data", "images"))
    # links (not images): they stay links; the build never follows them
    article = next(p for p in sorted(section.glob("*.md")) if p.name.count(".") == 1)   # not a translation
    article.write_text(article.read_text("utf-8") +
                       f"\n\n[年报](../../../../../{outside.name}/passwords.txt) [系统](/etc/passwd) "
                       f"[本地](file:///etc/passwd) [上级](../../../../../../../../etc/shadow)\n", "utf-8")
    # symbolic links that no article names: never opened, never copied
    (issue / "images").mkdir(exist_ok=True)
    os.symlink(outside / "leak.png", issue / "images" / "leak.png")
    (issue / "data").mkdir(exist_ok=True)
    os.symlink(outside / "leak.csv", issue / "data" / "leak.csv")
    os.symlink(outside / "passwords.txt", content / "notes.md")


def allowed_roots(site: Path, out: Path) -> list[Path]:
    paths = sysconfig.get_paths()
    return [p.resolve() for p in (
        site, DEFAULT_THEME, out, out.parent / ".bulletin-cache", site.parent / ".bulletin-cache",
        ROOT / "generator",                                         # the generator's own code
        Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
        Path(paths["stdlib"]), Path(paths["platstdlib"]), Path(paths["purelib"]), Path(paths["platlib"]),
        Path("/usr"), Path("/etc/fonts"), Path("/etc/mime.types"), Path("/var/cache/fontconfig"), Path("/dev/null"),
        Path.home() / ".cache" / "fontconfig", Path.home() / ".cache" / "matplotlib",
        Path.home() / ".config" / "matplotlib", Path(os.environ.get("MPLCONFIGDIR", "/nonexistent")),
    )]


TEMP = Path(tempfile.gettempdir()).resolve()


def inside_any(path: str, roots: list[Path], out: Path) -> bool:
    real = Path(path).resolve()
    if real == TEMP or (real.parent == TEMP and real.name.startswith("tmp")):
        return True   # ctypes.util.find_library (WeasyPrint loading Pango) links a probe file there
    ours = (f".{out.name}.tmp-", f".{out.name}.back")   # the folders a build writes in
    if real.parent == out.parent.resolve() and real.name.startswith(ours):
        return True
    if any(real.is_relative_to(Path(out.parent, p).resolve()) for p in os.listdir(out.parent)
           if p.startswith(ours)):
        return True
    return any(real == root or real.is_relative_to(root) for root in roots) or \
        any(part.startswith(ours) for part in real.parts)


@dataclass
class FullBuild:
    site: Path
    out: Path
    outside: Path
    pdf: bool
    record: Record


@pytest.fixture(scope="module")
def full_build(tmp_path_factory) -> FullBuild:
    """The sample content with escapes planted, built whole: site, PDF (if enabled), search."""
    work = tmp_path_factory.mktemp("escape")
    site, out, outside = work / "content", work / "output", work / "outside"
    shutil.copytree(SAMPLE, site, ignore=shutil.ignore_patterns(".*"))
    plant_escapes(site, outside)
    loaded = load_site(site, Report())
    assert loaded is not None
    pdf = loaded.pdf.enabled
    RECORD.__init__()
    RECORD.on = True
    try:
        with pytest.MonkeyPatch.context() as patch:   # charts drawn under the hook, not from conftest's memo
            patch.setattr(fences, "render_svg", charts.render_svg)
            build(Options(content=site, out=out, pdf=pdf, search=True, jobs=1, incremental=False))
    finally:
        RECORD.on = False
    record = Record(False, list(RECORD.opened), list(RECORD.copied), list(RECORD.network), list(RECORD.programs))
    return FullBuild(site, out, outside, pdf, record)


# --- the promises ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_full_build_makes_no_network_connection(full_build: FullBuild):
    assert (full_build.out / "index.html").is_file()
    assert (full_build.out / "search" / "index.bin").is_file(), "the search index was built"
    if full_build.pdf:
        assert list(full_build.out.glob("issues/*/*.pdf")), "the PDF was built"
    assert full_build.record.network == []


@pytest.mark.slow
def test_a_full_build_reads_nothing_outside_content_theme_output_and_the_installation(full_build: FullBuild):
    roots = allowed_roots(full_build.site, full_build.out)
    record = full_build.record
    assert record.opened, "the audit hook saw no file: it is not working"
    strays = sorted({path for path, _ in record.opened if not inside_any(path, roots, full_build.out)})
    assert strays == [], f"files opened outside the content, theme, output and installation: {strays}"
    outside = str(full_build.outside.resolve())
    assert not [p for p, _ in record.opened if Path(p).resolve().as_posix().startswith(outside)]
    assert not [p for p, _ in record.opened if Path(p).resolve() in (Path("/etc/passwd"), Path("/etc/shadow"))]


@pytest.mark.slow
def test_a_full_build_writes_only_its_output_and_cache(full_build: FullBuild):
    out = full_build.out
    writable = [p.resolve() for p in (out, out.parent / ".bulletin-cache", full_build.site.parent / ".bulletin-cache",
                                      Path("/dev/null"))]
    written = sorted({p for p, mode in full_build.record.opened if mode == "w"})
    strays = [p for p in written if not inside_any(p, writable, out)]
    assert strays == [], strays
    assert not any(Path(p).resolve().is_relative_to(full_build.site.resolve()) for p in written), \
        "the build wrote into the content folder"


@pytest.mark.slow
def test_nothing_outside_content_and_theme_is_copied_into_the_output(full_build: FullBuild):
    # the build's own cache: the preview cards it drew are linked from there, by their hash
    cache = (full_build.site.parent / ".bulletin-cache").resolve()
    sources = [full_build.site.resolve(), DEFAULT_THEME.resolve(), full_build.out.resolve(), cache]
    for source, _target in full_build.record.copied:
        real = Path(source).resolve()
        assert any(real.is_relative_to(root) for root in sources) or \
            real.name.startswith(".") or ".output.tmp-" in str(real) or ".output.back" in str(real), \
            f"copied from outside: {source}"
    for page in full_build.out.rglob("*"):
        if page.is_file() and not page.is_symlink():
            assert SECRET.encode() not in page.read_bytes(), f"{page} holds a file from outside the content"
    assert not any(p.is_symlink() for p in full_build.out.rglob("*")), "the output holds a symbolic link"


# fc-list finds the CJK font; ldconfig, cc and ld are how ctypes.util.find_library locates
# Pango's libraries when WeasyPrint is imported. The search index is made in Python: no program.
PROGRAMS = ("fc-list", "ldconfig", "gcc", "cc", "ld", "x86_64-linux-gnu-gcc")


@pytest.mark.slow
def test_the_only_programs_run_are_library_lookups(full_build: FullBuild):
    names = {Path(p).name for p in full_build.record.programs}
    assert all(n.startswith(PROGRAMS) for n in names), names


@pytest.mark.slow
def test_links_to_files_outside_stay_links_and_are_never_followed(full_build: FullBuild):
    pages = [p.read_text("utf-8") for p in full_build.out.glob("issues/*/*/*/index.html")]
    linked = [p for p in pages if "passwords.txt" in p]
    assert linked, "the planted link is in an article page"
    assert not any(re.search(r'href="file:', p) for p in pages)


# --- the same, as a user runs it: a subprocess with no network at all ----------------------------------

GUARD = """
import os, sys
attempts = os.environ["BULLETIN_NETWORK_LOG"]
def guard(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        if event.startswith("socket.connect") and getattr(args[0], "family", None) == 1:
            return
        with open(attempts, "a") as fh:
            fh.write(f"{event} {args[1] if event in ('socket.connect', 'socket.sendto') else args[0]!r}\\n")
        raise ConnectionRefusedError("no network in this test")
sys.addaudithook(guard)
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def no_network_prefix() -> list[str]:
    """`unshare -n`: a private network namespace without interfaces — WeasyPrint too
    (not only Python) find no network. Root only; elsewhere the audit guard alone runs."""
    if os.geteuid() == 0 and shutil.which("unshare") and \
            subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    return []


@pytest.mark.slow
def test_the_command_builds_everything_with_the_network_cut(tmp_path: Path):
    site = tmp_path / "content"
    shutil.copytree(SAMPLE, site, ignore=shutil.ignore_patterns(".*"))
    log = tmp_path / "network.log"
    done = subprocess.run([*no_network_prefix(), sys.executable, "-c", GUARD, "build", "--content", str(site),
                           "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "BULLETIN_NETWORK_LOG": str(log)})
    assert done.returncode == 0, done.stderr
    assert not log.exists(), log.read_text()
    assert (tmp_path / "out" / "search" / "index.bin").is_file()


# --- symbolic links pointing out of the content folder: refused, named, nothing written ---------------

def link(site: Path, outside: Path, where: str, target: str) -> str:
    """Make `where` (inside the site) a symbolic link to `target` (inside `outside`); for an
    article, the Markdown that names it."""
    path = site / where
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    os.symlink(outside / target, path)
    return where


ESCAPES = {
    # name: (link inside the site, its target outside, an article that uses it or None, expected message)
    "article": ("issues/2024-q3/policy/2024-07-05-linked.md", "article.md", None,
                "content/issues/2024-q3/policy/2024-07-05-linked.md: "
                "is a link to something outside the content folder"),
    "issue folder": ("issues/2024-q4", "issue", None,
                     "content/issues/2024-q4: is a link to something outside the content folder"),
    "issue.yml": ("issues/2024-q3/issue.yml", "issue/issue.yml", None,
                  "content/issues/2024-q3/issue.yml: is a link to something outside the content folder"),
    "intro": ("issues/2024-q2/intro.md", "article.md", None,
              "content/issues/2024-q2/intro.md: is a link to something outside the content folder"),
    "image": ("issues/2024-q2/images/secret.png", "secret.png", "![秘密](images/secret.png)",
              "content/issues/2024-q2/policy/2024-05-11-uses.md:6: image 'images/secret.png' points outside"),
    "images folder": ("issues/2024-q2/images", "images", "![秘密](images/secret.png)",
                      "content/issues/2024-q2/policy/2024-05-11-uses.md:6: image 'images/secret.png' points outside"),
    "csv": ("issues/2024-q2/data/secret.csv", "secret.csv", "```table\ndata: data/secret.csv\n```",
            "content/issues/2024-q2/policy/2024-05-11-uses.md:6: data 'data/secret.csv' points outside"),
    "data folder": ("issues/2024-q2/data", "data", "```table\ndata: data/secret.csv\n```",
                    "content/issues/2024-q2/policy/2024-05-11-uses.md:6: data 'data/secret.csv' points outside"),
    "publication data": ("data", "data", "```table\ndata: /data/secret.csv\n```",
                         "content/issues/2024-q2/policy/2024-05-11-uses.md:6: data '/data/secret.csv' points outside"),
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("links")
    shutil.copytree(FIXTURE_SITE, root / "content")
    build(Options(content=root / "content", out=root / "out", pdf=False, search=False))
    return root


@pytest.mark.parametrize("name", list(ESCAPES))
def test_a_symbolic_link_out_of_the_content_folder_is_refused(name: str, good_build: Path, tmp_path: Path):
    work = tmp_path / "w"
    shutil.copytree(good_build, work, symlinks=True)
    outside = tmp_path / "outside"
    (outside / "issue").mkdir(parents=True)
    (outside / "images").mkdir()
    (outside / "data").mkdir()
    (outside / "article.md").write_text(f"---\ntitle: 外部\ndate: 2024-07-05\nsource: 外部\n---\n{SECRET}\n", "utf-8")
    (outside / "issue" / "issue.yml").write_text(f"title: '{SECRET}'\ndate: 2024-12-31\n", "utf-8")
    for folder in ("", "images/", "data/"):
        (outside / f"{folder}secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
        (outside / f"{folder}secret.csv").write_text(f"a,b\n{SECRET},1\n", "utf-8")
    where, target, uses, expected = ESCAPES[name]
    site, out = work / "content", work / "out"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    link(site, outside, where, target)
    if uses:
        (site / "issues/2024-q2/policy/2024-05-11-uses.md").write_text(
            f"---\ntitle: 用到外部文件\ndate: 2024-05-11\nsource: 国务院\n---\n{uses}\n", "utf-8")
    cwd = Path.cwd()
    os.chdir(work)   # messages name paths relative to the working folder, as the command prints them
    try:
        with pytest.raises(ContentErrors) as failed:
            build(Options(content=Path("content"), out=Path("out"), pdf=False, search=False))
    finally:
        os.chdir(cwd)
    messages = [str(p) for p in failed.value.problems]
    assert any(m.startswith(expected) for m in messages), messages
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_symbolic_link_inside_the_content_folder_is_fine(site_copy: Path, tmp_path: Path):
    os.symlink("dot.png", site_copy / "issues/2024-q2/images/same-dot.png")
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8") + "\n![同一张图](images/same-dot.png)\n", "utf-8")
    out = tmp_path / "out"
    build(Options(content=site_copy, out=out, pdf=False, search=False))
    page = out / "issues/2024-q2/policy/first-brief/index.html"
    sources = re.findall(r'<img src="([^"]+)" alt="同一张图"', page.read_text("utf-8"))
    assert sources
    for src in sources:
        assert (page.parent / src).resolve().read_bytes() == (site_copy / "issues/2024-q2/images/dot.png").read_bytes()
        assert not (page.parent / src).is_symlink()


def test_a_link_loop_or_a_dangling_link_is_a_clear_error_even_after_a_good_build(site_copy: Path, tmp_path: Path):
    """A link to itself crashed the build; a link to nothing, added after a good build, was
    taken for "nothing changed" (the no-op check listed only files)."""
    from tests.conftest import run_cli
    args = ("build", "--content", str(site_copy), "--out", str(tmp_path / "out"), "--no-pdf", "--no-search")
    assert run_cli(*args).returncode == 0
    policy = site_copy / "issues/2024-q2/policy"
    os.symlink("gone.md", policy / "dangling.md")
    dangling = run_cli(*args)
    assert dangling.returncode == 1 and "dangling.md" in dangling.stderr, dangling.stdout + dangling.stderr
    (policy / "dangling.md").unlink()
    os.symlink("loop.md", policy / "loop.md")
    loop = run_cli(*args)
    assert loop.returncode == 1 and "Traceback" not in loop.stderr and "internal error" not in loop.stderr
    assert "loop.md: is a link that leads back to itself; delete it" in loop.stderr


def test_a_symbolic_link_out_of_a_theme_is_refused(site_copy: Path, tmp_path: Path):
    theme, outside = tmp_path / "theme", tmp_path / "outside.txt"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    outside.write_text(SECRET, "utf-8")
    os.symlink(outside, theme / "static" / "extra.css")
    os.symlink(outside, theme / "templates" / "404.html")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {theme}\n", "utf-8")
    with pytest.raises(ContentErrors) as caught:
        build(Options(content=site_copy, out=tmp_path / "out", pdf=False, search=False))
    messages = [p.message for p in caught.value.problems]
    assert "is a link to something outside the theme; copy the file into the theme" in messages
    assert any("404.html (it is a link to outside the theme)" in m for m in messages)


# --- dependencies with known fixes ---------------------------------------------------------------------

def test_dependencies_with_known_fixes_are_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = {re.split(r"[<>=!~\[ ]", d, maxsplit=1)[0].lower(): d for d in project["dependencies"]}
    floor = re.search(r">=\s*(\d+)", pins["weasyprint"])
    assert floor and int(floor.group(1)) >= 68, pins["weasyprint"]  # url_fetcher / SSRF fixes
    installed = int(metadata.version("weasyprint").split(".")[0])
    assert installed >= 68, f"WeasyPrint {installed} is installed; pyproject.toml asks for >= 68"
