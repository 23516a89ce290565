"""Tools that help a parent find their way in a long page, added to every page as Markdown turns
it into HTML (mkdocs.yml lists this module among `markdown_extensions`). Both engines run
Python-Markdown with those extensions, so MkDocs and Zensical give the same HTML, on every page,
whether or not it uses macros.

- **On this page**: a page with many sections opens, under its "At a glance" box, with a link to
  each section. Material shows its table of contents beside the page on wide screens only, and
  in the menu drawer on phones, where few parents look (site.css hides this list where the
  sidebar shows it).
- **Copy link**: the mark the `toc` extension puts after each heading (a bare ¶, its
  `permalink`) becomes a link icon and the words "Copy link". It is still a real link to the
  section: without JavaScript it goes there and puts the address in the address bar; with it,
  site.js also copies the address and says so.

The words are the edition's (kb/words.py). MkDocs builds each edition in its own run, and
`kb.macros.define_env` names its language before any page; Zensical hands each page's Markdown
its configuration, which names it too.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from kb.icons import icon_svg
from kb.words import Words, words_for

# With four or more sections a page is more than two phone screens long (the shortest such
# page, at 360px, is about three), and a parent cannot see what it holds without scrolling.
# Three or fewer show their headings within a screen or two; a list would only push them down.
MANY_SECTIONS = 4
COPY_LINK_ICON = "material/link-variant"
# After `toc` (priority 5), which gives headings their ids and permalinks and lists them.
PRIORITY = 4


class Edition:
    """The language of the edition this run builds, as `kb.macros.define_env` last named it."""

    language = "en"


def use_language(language: str) -> None:
    Edition.language = language


def language_of(md: Markdown) -> str:
    # Zensical's rendering context keeps the configuration beside each page's Markdown.
    for processor in md.preprocessors:
        config = getattr(processor, "config", None)
        if type(processor).__name__ == "ContextPreprocessor" and isinstance(config, dict):
            theme = config.get("theme") or {}
            return (theme.get("language") if isinstance(theme, dict) else None) or Edition.language
    return Edition.language


def sections(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's h2 headings, in order, from the `toc` extension's list of headings."""
    found = []
    for token in tokens:
        if token["level"] == 2:
            found.append(token)
        elif token["level"] < 2:
            found += sections(token["children"])
    return found


def on_this_page(headings: list[dict[str, Any]], w: Words) -> etree.Element:
    # A landmark of its own, named in words; left out of search, which finds each section itself.
    nav = etree.Element("nav", {"class": "kb-on-this-page", "aria-label": w.on_this_page,
                                "data-search-exclude": "true"})
    title = etree.SubElement(nav, "p", {"class": "kb-on-this-page__title"})
    title.text = w.on_this_page
    items = etree.SubElement(nav, "ul")
    for heading in headings:
        item = etree.SubElement(items, "li")
        etree.SubElement(item, "a", {"href": f"#{heading['id']}"}).text = heading["name"]
        item.tail = "\n"  # line breaks between items, as Markdown writes them: copied text keeps its spaces
    nav.text = title.tail = items.text = nav.tail = "\n"
    return nav


def place_for_list(root: etree.Element) -> int:
    """Under the "At a glance" box, which every page opens with; else under the title."""
    children = list(root)
    for index, child in enumerate(children):
        if child.tag == "div" and "kb-glance" in (child.get("class") or "").split():
            return index + 1
    return next((i + 1 for i, child in enumerate(children) if child.tag == "h1"), 0)


def copy_link_control(link: etree.Element, w: Words) -> None:
    """The ¶ becomes an icon and words a parent recognises; the link itself stays as it was."""
    for child in list(link):
        link.remove(child)
    link.text = " "  # a word break after the heading's words, for copied text (a flex box shows none)
    link.attrib.pop("title", None)  # the visible words say it; a tooltip would only repeat them
    if icon := icon_svg(COPY_LINK_ICON):
        link.append(etree.fromstring(icon))
    etree.SubElement(link, "span", {"class": "kb-copy-link"}).text = w.copy_link


class ReadingToolsProcessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        w = words_for(language_of(self.md))
        # Material's search leaves out the words of exactly this class, as it did the ¶.
        for link in [a for a in root.iter("a") if a.get("class") == "headerlink"]:
            copy_link_control(link, w)
        headings = sections(getattr(self.md, "toc_tokens", []))
        if len(headings) >= MANY_SECTIONS:
            root.insert(place_for_list(root), on_this_page(headings, w))


class ReadingTools(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(ReadingToolsProcessor(md), "kb_reading_tools", PRIORITY)


def makeExtension(**kwargs: Any) -> ReadingTools:  # noqa: N802 - how Python-Markdown finds it
    return ReadingTools(**kwargs)
