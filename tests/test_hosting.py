"""The hosting kit for real: nginx (Debian's, with its brotli_static module) serves a site
built with --compress, configured with the server block of docs/hosting.md as it is written,
on a free loopback port; http.client checks the headers against the build's own `_headers`
and the precompressed answers; Chromium checks that the SVG policy stops a script."""
from __future__ import annotations

import gzip
import http.client
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import brotli
import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.slow   # a build and a server process

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
HOSTING = ROOT / "docs" / "hosting.md"


def documented_server_block() -> str:
    """The nginx block of docs/hosting.md, exactly as an editor would copy it."""
    blocks = re.findall(r"```nginx\n(.*?)```", HOSTING.read_text("utf-8"), re.S)
    assert len(blocks) == 1, "docs/hosting.md should hold one nginx configuration"
    return blocks[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_conf(tmp: Path, site: Path, port: int) -> Path:
    server = documented_server_block()
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("/srv/bulletin/output", str(site))
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
load_module {BROTLI_MODULE};
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{server}
}}
""", "utf-8")
    return conf


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    if not Path(NGINX).exists() or not BROTLI_MODULE.is_file():
        pytest.fail("the hosting test needs Debian's nginx and libnginx-mod-http-brotli-static (scripts/dev test)")
    tmp = tmp_path_factory.mktemp("nginx")
    site = tmp / "output"
    content = tmp / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", content)
    done = run_cli("build", "--content", str(content), "--out", str(site), "--no-pdf", "--no-search", "--compress")
    assert done.returncode == 0, done.stderr
    port = free_port()
    conf = nginx_conf(tmp, site, port)
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_until_listening(port, proc, tmp)
        yield port, site
    finally:
        proc.terminate()
        proc.wait(10)


def wait_until_listening(port: int, proc: subprocess.Popen, tmp: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"nginx stopped: {proc.stdout.read().decode()} {(tmp / 'error.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening")


def get(port: int, path: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


def headers_file(site: Path) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for block in (site / "_headers").read_text("utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#")]
        if lines:
            rules[lines[0]] = dict(line.strip().split(": ", 1) for line in lines[1:])
    return rules


def test_nginx_sends_what_the_headers_file_says_for_every_kind_of_file(nginx):
    port, site = nginx
    rules = headers_file(site)
    samples = {"css": "/static/style.css", "svg": "/issues/2024-q3/market/cea-quarter/chart-1.svg",
               "png": "/issues/2024-q2/images/dot.png"}
    for ext, path in samples.items():
        status, headers, _ = get(port, path)
        assert status == 200, path
        for name, value in {**rules["/*"], **rules[f"/*.{ext}"]}.items():
            assert headers.get(name.lower()) == value, (path, name, headers)
    status, headers, _ = get(port, "/issues/2024-q2/")
    assert status == 200 and headers["x-content-type-options"] == "nosniff"
    assert "cache-control" not in headers and "content-security-policy" not in headers   # pages: asked again
    assert get(port, "/issues/2024-q3/market/cea-quarter/chart-1.svg")[1]["content-type"] == "image/svg+xml"


def test_nginx_sends_the_precompressed_copies_to_who_takes_them(nginx):
    port, site = nginx
    page = (site / "index.html").read_bytes()
    status, headers, body = get(port, "/", "br, gzip")
    assert status == 200 and headers["content-encoding"] == "br" and brotli.decompress(body) == page
    assert body == (site / "index.html.br").read_bytes()    # the copy as it is, not compressed again
    assert "accept-encoding" in headers["vary"].lower()
    status, headers, body = get(port, "/static/style.css", "gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == (site / "static/style.css").read_bytes()
    assert headers["content-type"].startswith("text/css") and headers["cache-control"] == "public, max-age=604800"
    status, headers, body = get(port, "/feed.xml")
    assert "content-encoding" not in headers and body == (site / "feed.xml").read_bytes()


def test_nginx_answers_a_missing_address_with_the_404_page_and_hides_the_bookkeeping(nginx):
    port, site = nginx
    status, _, body = get(port, "/issues/2099-q1/no/such/page/")
    assert status == 404 and body == (site / "404.html").read_bytes()
    for private in ("/.bulletin-manifest", "/.bulletin-output", "/_headers"):
        assert (site / private.lstrip("/")).is_file()
        assert get(port, private)[0] == 404, private


EVIL = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="document.title=\'onload ran\'">'
        '<script>document.title = "script ran"</script><rect width="40" height="40" fill="#c00"/></svg>')


@pytest.mark.browser
def test_in_chromium_the_svg_policy_from_nginx_stops_a_script(nginx, chromium):
    """The build refuses such an SVG; one put into the output by hand shows the header alone holding."""
    from tests.test_serve_browser import blocked
    port, site = nginx
    (site / "evil.svg").write_text(EVIL, "utf-8")
    context = chromium.new_context()
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text))
    page.goto(f"http://127.0.0.1:{port}/evil.svg")
    page.wait_for_timeout(300)
    assert page.title() not in ("script ran", "onload ran")
    assert any(blocked(line) for line in console), console
    context.close()


@pytest.mark.browser
def test_in_chromium_the_404_page_is_styled_opened_as_a_file_and_at_a_missing_address(nginx, chromium):
    """Its stylesheet came from base_url: opened from the folder (a preview) it had none."""
    port, site = nginx
    context = chromium.new_context(color_scheme="light")
    page = context.new_page()
    for url in ((site / "404.html").as_uri(), f"http://127.0.0.1:{port}/issues/2099-q1/missing/"):
        page.goto(url)
        paper = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert paper == "rgb(253, 252, 248)", url   # the theme's --paper, not the browser's white
    context.close()
