"""Chinese text set by clreq, written at render time from the text tokens (never by
rewriting HTML): what the theme's stylesheet then sets (style.css, print.css).

- a number and its unit, a date, are one unbreakable run (`<span class="nw">`: 99.48元/吨,
  9月9日, 12.1个百分点);
- where two full-width punctuation marks meet, one gives up its blank half
  (`<span class="pc">`, set with the font's `halt` feature: 。」 ）、 ，“);
- a hyphen that starts a negative number is the minus sign − (`-66%` → `−66%`).

Only the flavors read with the theme's stylesheet (the web page, paper) are set so: a feed
reader or a mail program would show the spans without their rules, and the search index and
the plain text are taken from the tokens as written.
"""
from __future__ import annotations

from markdown_it.common.utils import escapeHtml

from generator.cjk import compressible_pairs, glued_spans, true_minus


def typeset_html(text: str) -> str:
    """`text` as escaped HTML with its unbreakable runs and compressed marks marked."""
    text = true_minus(text)
    marks = [(s, e, "nw") for s, e in glued_spans(text)]
    marks += [(i, i + 1, "pc") for i in compressible_pairs(text)]
    if not marks:
        return escapeHtml(text)
    out, at = [], 0
    for start, end, kind in sorted(marks):
        if start < at:
            continue   # inside a run already marked
        out.append(escapeHtml(text[at:start]))
        out.append(f'<span class="{kind}">{escapeHtml(text[start:end])}</span>')
        at = end
    out.append(escapeHtml(text[at:]))
    return "".join(out)
