"""Passes on raw text, before parsing: find the SVG, drop markup noise, mend a truncated last tag."""
from __future__ import annotations

import re

_SVG_TOKEN = re.compile(r"<(/?)svg(?=[\s/>])|<(/?)svg\s*$", re.IGNORECASE)
_SHAPE_TAG = re.compile(r"<(?:rect|circle|ellipse|path|polygon|polyline|line|g|use)\b", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# A DOCTYPE may carry an internal subset in brackets (where entities are declared): remove it whole.
_DOCTYPE = re.compile(r"<!DOCTYPE(?:[^\[>]*\[.*?\]\s*>|[^>]*(?:>|\Z))", re.IGNORECASE | re.DOTALL)
_DECLARATION = re.compile(r"<!(?:ENTITY|ELEMENT|ATTLIST|NOTATION)[^>]*(?:>|\Z)", re.IGNORECASE)
_PROCESSING = re.compile(r"<\?.*?(?:\?>|\Z)", re.DOTALL)
_CDATA_MARK = re.compile(r"<!\[CDATA\[|\]\]>")
_COMPLETE_ATTRIBUTE = re.compile(r"""\s+([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*')""")
_TAG_NAME = re.compile(r"<([A-Za-z][-\w:.]*)")


def _documents(text: str) -> list[tuple[int, int]]:
    """Spans of top-level <svg>...</svg> documents; an unclosed last one runs to the end of the text."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for match in _SVG_TOKEN.finditer(text):
        is_end = bool(match.group(1) or match.group(2))
        if not is_end:
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                close = text.find(">", match.end())
                spans.append((start, len(text) if close < 0 else close + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def extract_svg(text: str) -> str:
    """Keep the first SVG document that draws something, dropping prose, markdown fences and HTML around it.

    Without any <svg>, bare shape elements are wrapped in one; text with neither gives "".
    """
    spans = _documents(text)
    for start, end in spans:
        if _SHAPE_TAG.search(text, start, end):
            return _strip_fence_tail(text[start:end])
    if spans:
        start, end = spans[0]
        return _strip_fence_tail(text[start:end])
    shape = _SHAPE_TAG.search(text)
    if shape:
        return "<svg>" + _strip_fence_tail(text[shape.start():]) + "</svg>"
    return ""


def _strip_fence_tail(svg: str) -> str:
    """A truncated document may run into a closing markdown fence and prose: cut at the fence."""
    fence = svg.find("```")
    return svg[:fence] if fence >= 0 else svg


def strip_noise(text: str) -> str:
    """Remove comments (also unterminated ones), DOCTYPE with its entity declarations, processing
    instructions and CDATA markers (their content stays, for <style>)."""
    text = _COMMENT.sub("", text)
    text = _DOCTYPE.sub("", text)
    text = _DECLARATION.sub("", text)
    text = _PROCESSING.sub("", text)
    return _CDATA_MARK.sub("", text)


def close_truncated_tag(text: str) -> str:
    """Mend text cut off inside a tag: keep the tag's complete attributes and close it.

    `<rect x="1" y="2" fill="re` becomes `<rect x="1" y="2"/>`; a cut-off end tag or bare `<` is dropped.
    """
    last_open = text.rfind("<")
    if last_open < 0 or text.find(">", last_open) >= 0:
        return text
    head, tail = text[:last_open], text[last_open:]
    name = _TAG_NAME.match(tail)
    if not name or len(name.group(0)) == len(tail):  # "</sv", "<", or a name that may itself be cut short
        return head
    attributes, position = [], name.end()
    while True:
        attribute = _COMPLETE_ATTRIBUTE.match(tail, position)
        if not attribute:
            break
        attributes.append(attribute.group(0))
        position = attribute.end()
    return f"{head}<{name.group(1)}{''.join(attributes)}/>"
