"""Footnotes per flavor: endnotes on the web and in the feed, page footnotes on paper.

mdit-py-plugins parses the notes; the markup is ours (render rules on its tokens),
so its ids and links follow the flavor and a plugin upgrade cannot change the PDF.
On paper each note is printed where it is first called, in a span print.css floats
to the page foot; a later call shows only its number. The character before a call
and the closing punctuation after it are kept on its line (a line must not start
with "。", nor with a note number).
"""
from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.i18n import labels_for
from generator.markdown.flavors import flavor_of
from generator.markdown.typeset import typeset_html

CLOSING = "，。、；：？！）」》’”,.;:?!)"


def attach_notes(state: StateCore) -> None:
    """Core rule, after the plugin moved the notes to the end: each call holds its note's
    tokens, for a flavor that prints the note where it is called."""
    if not state.env.get("footnotes", {}).get("list"):
        return
    notes: dict[int, list[Token]] = {}
    start = 0
    for i, tok in enumerate(state.tokens):
        if tok.type == "footnote_open":
            start = i + 1
        elif tok.type == "footnote_close":
            notes[state.tokens[start - 1].meta["id"]] = state.tokens[start:i]
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for tok in block.children:
            if tok.type == "footnote_ref":
                tok.meta["note"] = notes.get(tok.meta["id"], [])


def _ident(tok: Token, env: dict) -> str:
    """The note's name in ids, as the plugin makes it: the document's id keeps many
    bodies' notes apart on one page."""
    doc_id = env.get("docId")
    return (f"-{doc_id}-" if isinstance(doc_id, str) else "") + str(tok.meta["id"] + 1)


def _call_suffix(tok: Token) -> str:
    sub = tok.meta.get("subId", 0)
    return f":{sub}" if sub > 0 else ""


def _render_ref(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    tok, flavor = tokens[idx], flavor_of(env)
    if flavor.print:
        return _printed_call(self, tokens, idx, options, env)
    if flavor.edition:   # an email or WeChat copy: the note is numbered at the end, not linked; a bare
        # number, as WeChat's [1] is a link's reference
        return f'<sup class="footnote-ref">{tok.meta["id"] + 1}</sup>'
    ident = _ident(tok, env)
    href = escapeHtml(flavor.link("#fn" + ident))
    ref_id = escapeHtml(f"{flavor.id_prefix}fnref{ident}{_call_suffix(tok)}")
    # a note called twice shows its number twice ([1] … [1]), not the plugin's [1:1]
    call = f'<sup class="footnote-ref"><a href="{href}" id="{ref_id}">[{tok.meta["id"] + 1}]</a></sup>'
    return _glued(tokens, idx, call) if flavor.styled else call


def _render_note_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    if flavor_of(env).edition:
        return '<li class="footnote-item">'
    ident = escapeHtml(flavor_of(env).id_prefix + "fn" + _ident(tokens[idx], env))
    return f'<li id="{ident}" class="footnote-item">'


def _render_block_open(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """The notes' section has a heading (a section without one is unnamed to a screen
    reader's outline); the theme may hide it on screen, where the rule above says it. In an
    email or WeChat copy no rule comes before them."""
    label = labels_for(env.get("language", "zh-CN"))["footnotes"]
    rule = "" if flavor_of(env).edition else '<hr class="footnotes-sep">\n'
    return (f'{rule}<section class="footnotes">\n<h2 class="footnotes-title">{label}</h2>\n'
            '<ol class="footnotes-list">\n')


def _render_anchor(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """The way back to the text, named in the text's language (a bare ↩︎ was read out as
    the symbol's name); none on paper, where the note is on the page of its call."""
    tok, flavor = tokens[idx], flavor_of(env)
    if flavor.print or flavor.edition:
        return ""
    href = escapeHtml(flavor.link("#fnref" + _ident(tok, env) + _call_suffix(tok)))
    label = labels_for(env.get("language", "zh-CN"))["back_to_text"]
    # ↩ with the text-style selector: iOS would draw it as an emoji
    return f' <a href="{href}" class="footnote-backref" aria-label="{label}">\u21a9\ufe0e</a>'


def _printed_call(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    tok = tokens[idx]
    number = tok.meta["id"] + 1
    if tok.meta.get("subId", 0) > 0 or env.get("in_note") or not tok.meta.get("note"):
        note = f'<sup class="footnote-again">{number}</sup>'
    else:   # a call inside a note shows its number only: a note is not printed inside another
        text = _note_html(self, tok.meta["note"], options, {**env, "in_note": True})
        ident = escapeHtml(flavor_of(env).id_prefix + "fn" + _ident(tok, env))
        note = f'<span class="footnote" id="{ident}">{text}</span>'
    return _glued(tokens, idx, note)


def _glued(tokens: Sequence[Token], idx: int, call: str) -> str:
    """The call with the character before it and the closing punctuation after it, kept on one
    line (a line must not start with a note's number, nor with "，" after it: 《决定》[1]，)."""
    before, after = glue_before(tokens, idx), glue_after(tokens, idx)
    if not (before or after):
        return call
    return f'<span class="footnote-glue">{escapeHtml(before)}{call}{escapeHtml(after)}</span>'


def _note_html(self, note: Sequence[Token], options, env) -> str:
    """A note's paragraphs joined by <br>: at the page foot a note is one run of text."""
    level = note[0].level if note else 0
    out: list[str] = []
    run: list[Token] = []
    for tok in note:
        if tok.type in ("paragraph_open", "paragraph_close") and tok.level == level:
            out.append(self.render(run, options, env))
            run = []
            if tok.type == "paragraph_open" and "".join(out).strip():
                out.append("<br>")
        else:
            run.append(tok)
    out.append(self.render(run, options, env))
    return "".join(out).strip()


def _neighbour(kids: Sequence[Token], idx: int, step: int) -> int | None:
    """The token beside kids[idx], looking through joined line breaks (empty text)."""
    i = idx + step
    while 0 <= i < len(kids) and kids[i].type == "text" and not kids[i].content:
        i += step
    return i if 0 <= i < len(kids) else None


def _is(kids: Sequence[Token], i: int | None, kind: str) -> bool:
    return i is not None and kids[i].type == kind


def _lead(kids: Sequence[Token], i: int) -> int:
    """How many characters at the start of text kids[i] go with the call before it."""
    if not _is(kids, _neighbour(kids, i, -1), "footnote_ref"):
        return 0
    text = kids[i].content
    return len(text) - len(text.lstrip(CLOSING))


def _tail(kids: Sequence[Token], i: int) -> int:
    """1 if the last character of text kids[i] goes with the call after it."""
    rest = kids[i].content[_lead(kids, i):]
    return int(bool(rest) and not rest[-1].isspace() and _is(kids, _neighbour(kids, i, 1), "footnote_ref"))


def glue_before(kids: Sequence[Token], idx: int) -> str:
    i = _neighbour(kids, idx, -1)
    if i is None or kids[i].type != "text" or not _tail(kids, i):
        return ""
    return kids[i].content[-1]


def glue_after(kids: Sequence[Token], idx: int) -> str:
    i = _neighbour(kids, idx, 1)
    return kids[i].content[:_lead(kids, i)] if i is not None and kids[i].type == "text" else ""


def _render_text(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    """A text beside a call gives it the characters kept on the call's line; the page and
    paper set the rest by clreq (typeset.py)."""
    text, flavor = tokens[idx].content, flavor_of(env)
    if not flavor.styled:
        return escapeHtml(text)
    if text and "footnotes" in env:
        text = text[_lead(tokens, idx):len(text) - _tail(tokens, idx)]
    return typeset_html(text)


def use_notes(md: MarkdownIt) -> None:
    md.core.ruler.after("footnote_tail", "attach_notes", attach_notes)
    md.add_render_rule("footnote_ref", _render_ref)
    md.add_render_rule("footnote_open", _render_note_open)
    md.add_render_rule("footnote_anchor", _render_anchor)
    md.add_render_rule("footnote_block_open", _render_block_open)
    md.add_render_rule("text", _render_text)
