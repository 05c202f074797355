"""`bulletin serve` for real: a subprocess on a free port, edited while it runs."""
from __future__ import annotations

import hashlib
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest


def read_lines(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)


def wait_for(lines: queue.Queue, needle: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not seen in {seen!r}")


@pytest.fixture()
def server(site_copy: Path):
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", "content", "--port", "0",
                             "--out", "out"], cwd=site_copy.parent, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        url = wait_for(lines, "serving http://").split()[1]
        time.sleep(1.0)  # the file watcher starts just after the server; let it settle
        yield url, lines, site_copy
    finally:
        proc.terminate()
        proc.wait(10)


def events(url: str, into: queue.Queue) -> None:
    with urllib.request.urlopen(url + "__bulletin/events", timeout=60) as resp:
        for raw in resp:
            into.put(raw.decode("utf-8"))


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read().decode("utf-8")


@pytest.mark.slow
def test_serve_rebuilds_reloads_shows_errors_and_recovers(server):
    url, log, site = server
    page = url + "issues/2024-q2/policy/first-brief/"
    assert "要求推进碳足迹管理" in fetch(page)
    assert "EventSource" in fetch(page)                    # the reload script is injected when served…
    preview = site.parent / ".bulletin-cache/serve-out"   # serve's own folder: output/ is build's alone
    assert "EventSource" not in (preview / "issues/2024-q2/policy/first-brief/index.html").read_text("utf-8")
    assert not (site.parent / "out").exists()
    stream: queue.Queue = queue.Queue()
    threading.Thread(target=events, args=(url, stream), daemon=True).start()
    wait_for(stream, ": connected")
    article = site / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    good = article.read_text("utf-8")
    article.write_text(good.replace("要求推进碳足迹管理", "要求全面推进碳足迹管理"), "utf-8")
    wait_for(stream, "event: reload")
    assert "要求全面推进碳足迹管理" in fetch(page)
    article.write_text(good.replace("date: 2024-04-02", "date: 2024/04/02"), "utf-8")
    wait_for(stream, "event: errors")
    assert "expected YYYY-MM-DD" in wait_for(stream, "data:")
    wait_for(log, "still serving the last good build")
    assert "要求全面推进碳足迹管理" in fetch(page)          # the last good page stays served
    article.write_text(good, "utf-8")
    wait_for(stream, "event: ok")
    wait_for(stream, "event: reload")
    assert "要求推进碳足迹管理" in fetch(page)


@pytest.mark.slow
def test_files_are_asked_for_again_after_a_reload(server):
    """A reloaded page showed the browser's cached chart SVG after its CSV was edited."""
    url, _, _ = server
    with urllib.request.urlopen(url + "static/style.css", timeout=10) as resp:
        assert resp.headers["Cache-Control"] == "no-cache"
    with urllib.request.urlopen(url, timeout=10) as resp:
        assert resp.headers["Cache-Control"] == "no-store"


@pytest.mark.slow
def test_a_burst_of_saves_is_one_rebuild(server):
    url, log, site = server
    article = site / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    good = article.read_text("utf-8")
    started = time.monotonic()
    for i in range(100):
        article.write_text(good + f"\n第{i}次保存。\n", "utf-8")
    assert time.monotonic() - started < 1.0  # a burst: 100 saves within a second
    time.sleep(2.5)
    rebuilds = []
    while not log.empty():
        line = log.get()
        if line.startswith("rebuilt"):
            rebuilds.append(line)
    assert 1 <= len(rebuilds) <= 2, rebuilds  # watchfiles batches the burst
    page = fetch(url + "issues/2024-q2/policy/first-brief/")
    assert "第99次保存" in re.sub(r"</?span[^>]*>", "", page)   # 第99次 is kept whole (typeset.py)


@pytest.mark.slow
def test_serve_survives_a_deleted_file(server):
    url, log, site = server
    (site / "issues/2024-q2/policy/2024-05-10-second-brief.md").unlink()
    wait_for(log, "rebuilt")
    assert "第二条政策简讯" not in fetch(url + "issues/2024-q2/")


def churn(site: Path, seconds: float) -> int:
    """An editor's tools at their worst: files renamed, deleted and re-created, many times a second."""
    brief = site / "issues/2024-q2/policy/2024-05-10-second-brief.md"
    moved = brief.with_name("2024-05-10-second-brief-old.md")
    data = site / "issues/2024-q3/data/pilot_markets.csv"
    spare = site / "issues/2024-q2/policy/2024-05-11-draft.md"
    text, csv = brief.read_text("utf-8"), data.read_text("utf-8")
    deadline, steps = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        brief.rename(moved)                                   # "save as" via a temporary name
        spare.write_text(text.replace("第二条政策简讯", "草稿"), "utf-8")
        data.unlink()                                         # a spreadsheet re-saving its CSV
        time.sleep(0.004)
        data.write_text(csv, "utf-8")
        spare.unlink()
        moved.rename(brief)
        time.sleep(0.004)
        steps += 1
    return steps


@pytest.mark.slow
def test_serve_survives_files_renamed_and_deleted_while_it_rebuilds(server):
    url, log, site = server
    steps = churn(site, 2.5)
    assert steps > 50
    article = site / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8").replace("要求推进碳足迹管理", "要求稳步推进碳足迹管理"), "utf-8")
    deadline = time.monotonic() + 20
    seen = []
    while time.monotonic() < deadline:                       # the last save wins once the churn is over
        while not log.empty():
            seen.append(log.get())
        if "要求稳步推进碳足迹管理" in fetch(url + "issues/2024-q2/policy/first-brief/") and \
                seen and seen[-1].startswith(("rebuilt", "nothing changed")):
            break
        time.sleep(0.2)
    else:
        raise AssertionError(f"the last save was never served; log: {seen!r}")
    assert "第二条政策简讯" in fetch(url + "issues/2024-q2/")
    assert not any("Traceback" in line or "internal error" in line for line in seen), seen


def test_a_build_that_fails_unexpectedly_keeps_serving(monkeypatch, tmp_path):
    """Whatever a rebuild raises, the server stays up with the last good site and says why."""
    from generator import serve as serve_module
    from generator.build import Options

    def vanished(opts):
        raise FileNotFoundError(2, "No such file or directory", "content/issues/2024-q3/x.md")

    monkeypatch.setattr(serve_module, "build", vanished)
    hub, said = serve_module.Hub(), []
    assert serve_module.rebuild(Options(content=tmp_path, out=tmp_path / "out"), hub, said.append) is False
    assert hub.errors and "still serving the last good build" in said[-1]


@pytest.mark.slow
def test_serve_watches_a_theme_outside_the_content_folder(site_copy: Path):
    """`theme: ../theme` is read by every build: saving one of its templates rebuilds,
    and so does a theme site.yml names only later."""
    theme = site_copy.parent / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "404.html").write_text("{% extends 'base.html' %}{% block main %}旧的{% endblock %}", "utf-8")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + "theme: ../theme\n", "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", "content", "--port", "0",
                             "--out", "out"], cwd=site_copy.parent, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        url = wait_for(lines, "serving http://").split()[1]
        time.sleep(1.0)
        assert "旧的" in fetch(url + "404.html")
        (theme / "404.html").write_text("{% extends 'base.html' %}{% block main %}新的{% endblock %}", "utf-8")
        wait_for(lines, "rebuilt")
        assert "新的" in fetch(url + "404.html")
        other = site_copy.parent / "other" / "templates"
        other.mkdir(parents=True)
        (other / "404.html").write_text("{% extends 'base.html' %}{% block main %}另一个{% endblock %}", "utf-8")
        site_yml.write_text(site_yml.read_text("utf-8").replace("theme: ../theme", "theme: ../other"), "utf-8")
        wait_for(lines, "rebuilt")
        time.sleep(1.0)   # the watcher moves to the new theme
        (other / "404.html").write_text("{% extends 'base.html' %}{% block main %}改过的{% endblock %}", "utf-8")
        wait_for(lines, "rebuilt")
        assert "改过的" in fetch(url + "404.html")
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.slow
def test_a_theme_switch_saved_while_a_rebuild_ends_is_not_lost(site_copy: Path, tmp_path: Path):
    """site.yml names another theme just as a rebuild finishes, before the watcher moves:
    the old watch saw the save and is closed, the new one opened after it; serve catches up."""
    from generator.build import Options
    from generator.serve import serve
    for name, text in (("theme", "旧的"), ("other", "另一个")):
        (site_copy.parent / name / "templates").mkdir(parents=True)
        (site_copy.parent / name / "templates" / "404.html").write_text(
            "{% extends 'base.html' %}{% block main %}" + text + "{% endblock %}", "utf-8")
    site_yml = site_copy / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + "theme: ../theme\n", "utf-8")
    lines: queue.Queue = queue.Queue()
    armed = threading.Event()

    def say(line: str) -> None:
        if armed.is_set() and line.startswith("rebuilt"):
            armed.clear()   # the save lands between this rebuild and the watcher's next look
            site_yml.write_text(site_yml.read_text("utf-8").replace("../theme", "../other"), "utf-8")
        lines.put(line)

    stop, out = threading.Event(), tmp_path / "out"
    opts = Options(content=site_copy, out=out, pdf=False, search=False, jobs=1)
    thread = threading.Thread(target=serve, args=(opts, "127.0.0.1", 0, say, stop), daemon=True)
    thread.start()
    try:
        wait_for(lines, "serving http://", timeout=60)
        time.sleep(1.0)
        armed.set()
        (site_copy.parent / "theme" / "templates" / "404.html").write_text(
            "{% extends 'base.html' %}{% block main %}新的{% endblock %}", "utf-8")
        wait_for(lines, "rebuilt")
        deadline = time.monotonic() + 20
        while "另一个" not in (out / "404.html").read_text("utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "另一个" in (out / "404.html").read_text("utf-8")
    finally:
        stop.set()
        thread.join(30)


@pytest.mark.slow
def test_a_save_made_while_serve_starts_is_not_lost(site_copy: Path, tmp_path: Path):
    """The first build is done and the watch not yet open: a save then is seen by no watch;
    serve looks once more when the watch opens."""
    from generator.build import Options
    from generator.serve import serve
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    lines: queue.Queue = queue.Queue()

    def say(line: str) -> None:
        if line.startswith("serving http://"):   # printed between the first build and the watch
            article.write_text(article.read_text("utf-8") + "\n启动时保存的一句。\n", "utf-8")
        lines.put(line)

    stop, out = threading.Event(), tmp_path / "out"
    thread = threading.Thread(target=serve, args=(Options(content=site_copy, out=out, pdf=False, search=False,
                                                          jobs=1), "127.0.0.1", 0, say, stop), daemon=True)
    thread.start()
    try:
        wait_for(lines, "serving http://", timeout=60)
        wait_for(lines, "rebuilt")
        assert any("启动时保存的一句" in page.read_text("utf-8") for page in out.glob("issues/2024-q2/**/*.html"))
    finally:
        stop.set()
        thread.join(30)


def raw_request(url: str, request_line: bytes) -> tuple[int, bytes, bytes]:
    """(status, headers, body) of one request sent as bytes, as a client that does not
    tidy its URL does; status 0 if the connection was dropped without a status line."""
    where = urlsplit(url)
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall(request_line + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1] if head.startswith(b"HTTP/") else b"0"
    return int(status), head, body


ODD_PATHS = [
    b"/" + b"a" * 300,                        # longer than a file name may be: dropped with a traceback
    b"/" + b"a/" * 3000,                      # longer than a path may be
    b"/" + b"%41" * 4000, b"/" + b"a" * 70000,   # (a request line over 64 KiB: http.server's own 414)
    b"/%00", b"/a\x00b", b"/index.html%00.svg",   # NUL: a ValueError in the file system calls
    b"/%zz", b"/%c3%28", b"/%ed%a0%80",         # invalid percent-encoding, invalid UTF-8, a lone surrogate
    b"/../../../../etc/passwd", b"/..%2f..%2f..%2f..%2fetc%2fpasswd", b"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    b"/..\\..\\..\\etc\\passwd", b"//etc/passwd", b"/issues/../../../../etc/passwd",
    b"/index.html/x", b"/feed.xml/", b"/index.html/../../../etc/passwd",   # a path through a file
]


@pytest.mark.slow
def test_odd_urls_get_a_4xx_never_a_traceback_or_a_dropped_connection(server):
    url, log, _ = server
    for path in ODD_PATHS:
        for method in (b"GET", b"HEAD"):
            status, head, body = raw_request(url, method + b" " + path + b" HTTP/1.1")
            assert 400 <= status < 500, (method, path[:40], head[:200])
            assert b"root:" not in body
    status, _, body = raw_request(url, b"GET /nowhere/ HTTP/1.1")
    assert status == 404 and "页面不存在".encode() in body     # the site's own 404 page, as before
    assert "要求推进碳足迹管理" in fetch(url + "issues/2024-q2/policy/first-brief/")   # still serving
    time.sleep(0.3)
    said = []
    while not log.empty():
        said.append(log.get())
    assert not any("Traceback" in line or "Error" in line for line in said), "".join(said)


SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"


@pytest.mark.slow
def test_svg_is_served_with_a_content_security_policy(server):
    """Opened on its own, an SVG is a document of the site's origin: the policy lets it
    draw (inline styles, embedded images and fonts) and nothing else (no script, no fetch)."""
    url, _, _ = server
    for path in ("issues/2024-q3/market/cea-quarter/chart-1.svg", "static/favicon.svg"):
        for method in ("GET", "HEAD"):
            request = urllib.request.Request(url + path, method=method)
            with urllib.request.urlopen(request, timeout=10) as resp:
                assert resp.headers["Content-Type"] == "image/svg+xml"
                assert resp.headers["Content-Security-Policy"] == SVG_POLICY
    with urllib.request.urlopen(url, timeout=10) as resp:   # pages keep their scripts (reload, search)
        assert resp.headers["Content-Security-Policy"] is None


def tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_busy_port_is_reported_before_anything_is_built_or_written(site_copy: Path):
    """The port was found taken only after a whole build, which had rewritten the output."""
    work = site_copy.parent
    from tests.conftest import run_cli
    assert run_cli("build", "--content", "content", "--out", "out", "--no-pdf", "--no-search",
                   cwd=work).returncode == 0
    article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
    article.write_text(article.read_text("utf-8").replace("要求推进碳足迹管理", "要求全面推进碳足迹管理"), "utf-8")
    before = tree_hash(work / "out")
    beside = sorted(p.name for p in work.iterdir())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "generator", "serve", "--content", "content", "--out", "out",
                               "--port", str(port)], cwd=work, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""                                 # no build, not even begun
    assert tree_hash(work / "out") == before
    assert sorted(p.name for p in work.iterdir()) == beside  # no cache, no staging folder


@pytest.mark.slow
def test_serve_never_writes_the_output_folder(site_copy: Path):
    """issue 22 (1): `serve` replaced output/ with a site without PDF or search index."""
    work = site_copy.parent
    from tests.conftest import run_cli
    assert run_cli("build", "--content", "content", "--out", "out", cwd=work).returncode == 0
    before = tree_hash(work / "out")
    assert any(name.endswith(".pdf") for name in before) and "search/index.bin" in before
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", "content", "--port", "0",
                             "--out", "out"], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        url = wait_for(lines, "serving http://").split()[1]
        time.sleep(1.0)
        article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
        article.write_text(article.read_text("utf-8").replace("要求推进碳足迹管理", "要求全面推进碳足迹管理"), "utf-8")
        wait_for(lines, "rebuilt:")
        assert "要求全面推进碳足迹管理" in fetch(url + "issues/2024-q2/policy/first-brief/")
    finally:
        proc.terminate()
        proc.wait(10)
    assert tree_hash(work / "out") == before                 # byte for byte: the PDFs and the index too
    assert (work / ".bulletin-cache/serve-out/issues/2024-q2/policy/first-brief/index.html").is_file()
