"""`bulletin serve --pdf`: pages reload first, the PDF follows in a second build."""
from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_serve import fetch, read_lines, wait_for


@pytest.mark.slow
def test_pdf_is_printed_after_the_pages_reload(site_copy: Path):
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", "content", "--port", "0",
                             "--out", "out", "--pdf"], cwd=site_copy.parent, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    log: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(proc.stdout, log), daemon=True).start()
    pdf = site_copy.parent / ".bulletin-cache/serve-out/issues/2024-q2/tan-qiao-2024-q2.pdf"
    try:
        wait_for(log, "PDF updated: 2 printed", timeout=60)     # the first build owes both PDFs
        url = wait_for(log, "serving http://").split()[1]
        time.sleep(1.0)
        article = site_copy / "issues/2024-q2/policy/2024-04-02-first-brief.md"
        article.write_text(article.read_text("utf-8").replace("成交量", "本季成交量"), "utf-8")
        assert "printing 1 PDF" in wait_for(log, "rebuilt:")
        assert "本季成交量" in fetch(url + "issues/2024-q2/policy/first-brief/")
        wait_for(log, "PDF updated: 1 printed", timeout=60)
        assert "本季成交量" in PdfReader(pdf).pages[3].extract_text()
    finally:
        proc.terminate()
        proc.wait(10)
