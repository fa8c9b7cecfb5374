"""How many pages a PDF has, found without trusting it.

A PDF's pages hang in a tree of /Kids arrays. A crafted file can list one page object 99,000 times (a few
hundred kB) or let a node hold itself; whoever then walks the tree (pypdf counting or appending pages)
pays for every entry. Here the tree is walked at most once per node, and the walk stops at MAX_PAGES
pages (or twice as many nodes), at a node met twice (a repeat or a cycle: every page has one parent) and
at a declared /Count or /Kids beyond the bound, so the check costs little whatever the file says. Reading
the file's objects costs what its size allows (the upload limit bounds that).
"""
from __future__ import annotations

from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MAX_PAGES = 2000  # per PDF: far beyond any meeting document, far below what makes a pack expensive


class Unreadable(Exception):
    """Not a page tree that can be read at all (damaged, encrypted, not a PDF)."""


class TooManyPages(Exception):
    pass


class RepeatedPages(Exception):
    """A page or subtree listed more than once, or a tree that holds itself."""


def _int(value) -> int | None:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return int(value) if isinstance(value, int) else None


def page_count(pdf: PdfReader | BinaryIO, limit: int = MAX_PAGES) -> int:
    """The number of pages; TooManyPages beyond `limit`, RepeatedPages or Unreadable for a bad tree."""
    try:
        reader = pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)
        root = reader.trailer["/Root"].get_object()
        stack = [root.raw_get("/Pages")]
    except Exception as error:  # pypdf raises many kinds on a damaged or encrypted file
        raise Unreadable() from error
    seen: set[tuple[int, int]] = set()
    pages = nodes = 0
    while stack:
        reference = stack.pop()
        nodes += 1
        if nodes > 2 * limit:  # a long chain of nodes with one kid each
            raise TooManyPages()
        if isinstance(reference, IndirectObject):
            key = (reference.idnum, reference.generation)
            if key in seen:
                raise RepeatedPages()
            seen.add(key)
        try:
            node = reference.get_object()
            kids = node.get("/Kids") if isinstance(node, DictionaryObject) else None
            kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
            declared = _int(node.get("/Count")) if kids is not None else None
        except Exception as error:
            raise Unreadable() from error
        if not isinstance(node, DictionaryObject):
            raise Unreadable()
        if kids is None:
            pages += 1
            if pages > limit:
                raise TooManyPages()
            continue
        if not isinstance(kids, ArrayObject):
            raise Unreadable()
        if (declared or 0) > limit or pages + len(stack) + len(kids) > limit:
            raise TooManyPages()
        stack.extend(reversed(kids))
    return pages
