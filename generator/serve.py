"""`bulletin serve`: build, serve on loopback, rebuild on save, reload the open page.

The reload script is injected into HTML responses by the server only; built
files never contain it.
"""
from __future__ import annotations

import functools
import json
import os
import queue
import threading
from dataclasses import dataclass, field, replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.build import Options, build
from generator.errors import ContentErrors, display_path
from generator.incremental.cache import Saved
from generator.output.writer import OutputError
from generator.site.hosting import SVG_POLICY  # what published sites send too (`_headers`, docs/hosting.md)

EVENTS_PATH = "/__bulletin/events"
RELOAD_SCRIPT = """<script>(function(){var es=new EventSource("/__bulletin/events");
function overlay(lines){var o=document.getElementById("__bulletin_errors");
if(!lines){if(o)o.remove();return;}if(!o){o=document.createElement("pre");o.id="__bulletin_errors";
o.style.cssText="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1em;"+
"background:#7f1d1d;color:#fff;font:13px/1.5 monospace;z-index:99999;white-space:pre-wrap";
document.body.appendChild(o);}o.textContent=lines.join("\\n");}
es.addEventListener("reload",function(){location.reload();});
es.addEventListener("errors",function(e){overlay(JSON.parse(e.data));});
es.addEventListener("ok",function(){overlay(null);});})();</script>"""


@dataclass
class Hub:
    """Fans build events out to every open page; remembers the current error state and
    the last build's caches (the next build then need not read them from disk)."""

    clients: list[queue.Queue] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    builds: int = 0
    saved: Saved | None = None

    def publish(self, event: str, data: object) -> None:
        with self.lock:
            for q in self.clients:
                q.put((event, data))

    def subscribe(self) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        with self.lock:
            self.clients.append(q)
            if self.errors:
                q.put(("errors", self.errors))
        return q

    def unsubscribe(self, q: queue.Queue) -> None:
        with self.lock:
            self.clients.remove(q)


class Handler(SimpleHTTPRequestHandler):
    hub: Hub

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal shows builds
        pass

    def do_GET(self) -> None:
        if self.path == EVENTS_PATH:
            return self.stream_events()
        return self.answer()

    def do_HEAD(self) -> None:
        return self.answer()

    def answer(self) -> None:
        """The file the URL names, a page with the reload script, or the site's 404 page. A URL
        no file can have (a NUL, a lone surrogate) is a 400; one too long for the file system, or
        through a file, is missing: a 404, not an exception that drops the connection."""
        local = self.translate_path(self.path)   # percent-decoded; '..' and the query dropped
        if "\x00" in local or not encodable(local):
            return self.send_error(400, "Bad request", "The address holds a character no file name can have.")
        if os.path.isdir(local):                 # os.path answers False where pathlib raises
            local = os.path.join(local, "index.html")
        if os.path.isfile(local) and not local.endswith(".html"):
            return super().do_GET() if self.command == "GET" else super().do_HEAD()
        page = read_page(local)
        if page is not None:
            return self.send_html(page)
        missing = Path(self.directory) / "404.html"
        if missing.is_file() and not self.path.startswith("/__"):
            return self.send_html(missing.read_bytes(), 404)
        return self.send_error(404, "File not found")

    def send_header(self, keyword: str, value: str) -> None:
        super().send_header(keyword, value)
        if keyword.lower() == "content-type" and value.split(";")[0].strip() == "image/svg+xml":
            super().send_header("Content-Security-Policy", SVG_POLICY)

    # Every file may change with the next save: a reloaded page must not show the browser's
    # cached chart SVG or stylesheet (it did, though the page itself was new). Pages and
    # events are never stored; other files are asked for again (a 304 if unchanged).
    cache_control = "no-cache"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def send_html(self, body: bytes, status: int = 200) -> None:
        body = body.replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.cache_control = "no-store"
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def stream_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.cache_control = "no-store"
        self.end_headers()
        q = self.hub.subscribe()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                try:
                    event, data = q.get(timeout=15)
                    self.wfile.write(f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
                except queue.Empty:
                    self.wfile.write(b": ping\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            self.hub.unsubscribe(q)


def rebuild(opts: Options, hub: Hub, say=print) -> bool:
    """The pages first (the open page reloads at once), then, with --pdf, the PDFs they
    changed, in a second build while the editor reads."""
    result = rebuild_once(replace(opts, defer_pdf=opts.pdf), hub, say)
    if result is not None and result.pdfs_deferred:
        result = rebuild_once(opts, hub, say, pdf_only=True)
    return result is not None


def rebuild_once(opts: Options, hub: Hub, say=print, pdf_only: bool = False):
    """One build; errors go to the terminal and to every open page, the last good site stays."""
    try:
        result = build(opts, warm=hub.saved)
    except ContentErrors as exc:
        hub.errors = [str(p) for p in exc.problems]
        for line in hub.errors:
            say(line)
        say(f"{len(hub.errors)} problem(s); still serving the last good build")
        hub.publish("errors", hub.errors)
        return None
    except OutputError as exc:
        hub.errors = [str(exc)]
        say(f"bulletin: {exc}")
        hub.publish("errors", hub.errors)
        return None
    except Exception as exc:  # e.g. a file renamed away mid-build: the next save's rebuild recovers
        hub.errors = [f"bulletin: internal error ({type(exc).__name__}: {exc}); still serving the last good build"]
        say(hub.errors[0])
        hub.publish("errors", hub.errors)
        return None
    hub.builds += 1
    hub.errors = []
    hub.saved = result.saved or hub.saved   # a no-op build returns none: the last one still holds
    if pdf_only:
        say(f"PDF updated: {result.pdfs_built} printed in {result.seconds:.2f} s")
        return result
    say(f"rebuilt: {result.rendered} page(s) rendered in {result.seconds:.2f} s"
        + (f"; printing {result.pdfs_deferred} PDF…" if result.pdfs_deferred else "") if not result.unchanged
        else "nothing changed")
    hub.publish("ok", None)
    hub.publish("reload", None)
    return result


class CannotServe(Exception):
    """The address cannot be listened on: the port is taken, or the host is not this machine's."""


def open_server(opts: Options, host: str, port: int, hub: Hub) -> ThreadingHTTPServer:
    """Bound at once, before any build: a busy port is said before anything is written."""
    handler = type("BoundHandler", (Handler,), {"hub": hub})
    try:
        return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(opts.out.resolve())))
    except OSError as exc:
        raise CannotServe(f"cannot serve on {host}:{port}: {exc.strerror or exc}; nothing was built. "
                          "Stop the program using the port or choose another with --port N") from None


def serve(opts: Options, host: str, port: int, say=print, stop: threading.Event | None = None) -> int:
    hub = Hub()
    with open_server(opts, host, port, hub) as server:
        rebuild(opts, hub, say)
        opts.out.mkdir(parents=True, exist_ok=True)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        say(f"serving http://{host}:{server.server_address[1]}/  (Ctrl-C to stop; built in "
            f"{display_path(opts.out)}/)")
        try:
            watch_and_rebuild(opts, hub, say, stop or threading.Event())
        finally:
            server.shutdown()
    return 0


def watch_and_rebuild(opts: Options, hub: Hub, say, stop: threading.Event) -> None:
    import watchfiles

    from generator.incremental.stamp import inputs_changed
    while not stop.is_set():
        folders = watched_folders(opts.content)
        # A watch opens after the first build (or after the last watch closed, when site.yml
        # chose another theme): a save made in between was seen by no watch. So at its first
        # quiet moment it asks whether an input changed since the last good build (after a
        # failed one, the editor's next save rebuilds: its errors are not said twice).
        opening = True
        for changes in watchfiles.watch(*folders, stop_event=stop, debounce=300, step=50, rust_timeout=500,
                                        yield_on_timeout=True, raise_interrupt=False):
            looking, opening = opening, False
            if not changes and not (looking and not hub.errors and inputs_changed(opts.out)):
                continue
            rebuild(opts, hub, say)
            if watched_folders(opts.content) != folders:
                break   # site.yml chose another theme: watch that one
        else:
            break


def watched_folders(content: Path) -> list[str]:
    """What a build reads: the content folder, the theme wherever site.yml puts it, and
    the default theme it falls back to."""
    from generator.content.config import DEFAULT_THEME, load_site, theme_folders
    from generator.errors import Report
    site = load_site(content, Report())
    themes = theme_folders(site) if site is not None else (DEFAULT_THEME,)
    return [str(folder) for folder in dict.fromkeys((content.resolve(), *themes)) if folder.is_dir()]


def read_page(path: str) -> bytes | None:
    """The page's bytes; None if there is none (or a rebuild just renamed it away)."""
    try:
        return Path(path).read_bytes() if path.endswith(".html") else None
    except OSError:
        return None


def encodable(path: str) -> bool:
    """A path the file system can be asked about: a lone surrogate from '%ed%a0%80' is not."""
    try:
        os.fsencode(path)
    except UnicodeEncodeError:
        return False
    return True
