"""The print quarterly — placeholder until the PDF stage lands."""
from __future__ import annotations


def render_issue_pdfs(pub, views, report) -> dict[str, bytes]:
    return {}
