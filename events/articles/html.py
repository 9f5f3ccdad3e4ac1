"""Reduce the pasted HTML of a press page to its article text, with selectolax (no network)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

DROPPED = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, template"
ARTICLE = ("article", "[itemprop=articleBody]", ".detail-content", ".article-content", ".content-detail", "main")
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "figcaption", "blockquote", "section"}
HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a paste is HTML rather than text: it starts with a tag, or holds many of them."""
    return bool(HTML_START.match(text[:2000])) or len(re.findall(r"</(?:p|div|span|a)>", text[:20000])) >= 3


def article_text(html: str) -> str:
    """The article's text: navigation, header, footer, scripts, styles and asides dropped; one line per
    paragraph; the headline (h1) first when the article body does not hold it."""
    try:
        tree = HTMLParser(html or "")
    except Exception:  # noqa: BLE001 — a broken paste is no text, not an error
        return ""
    for node in tree.css(DROPPED):
        node.decompose()
    root = None
    for selector in ARTICLE:
        root = tree.css_first(selector)
        if root is not None:
            break
    if root is None:
        root = tree.body or tree.root
    if root is None:
        return ""
    lines = _lines(root)
    title = tree.css_first("h1")
    if title is not None:
        headline = " ".join(title.text(separator=" ").split())
        if headline and headline not in lines:
            lines.insert(0, headline)
    return "\n".join(lines)


def _lines(root) -> list[str]:
    """Text of `root`, broken at block elements."""
    parts: list[str] = []
    current: list[str] = []

    def flush():
        line = " ".join(" ".join(current).split())
        if line:
            parts.append(line)
        current.clear()

    def walk(node):
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                current.append(child.text_content or "")
                continue
            block = child.tag in BLOCKS
            if block:
                flush()
            walk(child)
            if block:
                flush()

    walk(root)
    flush()
    return parts
