"""The infobox call of a page as MediaWiki sees it: names and source text of its arguments."""

from __future__ import annotations

import attrs
import mwparserfromhell
from mwparserfromhell.nodes import Comment, Template, Text

from wikiround._text import php_trim
from wikiround.model import is_infobox_name

__all__ = ["InfoboxCall", "find_infobox"]

@attrs.frozen
class InfoboxCall:
    """The first infobox template call of a page, as written.

    ``arguments`` holds ``(name, source)`` pairs in the order written, repeats included:
    a positional argument is named by its position (``"1"``, ``"2"``…) and keeps its
    whitespace; a named one is trimmed, as MediaWiki trims it. ``offset`` is where the
    call starts in the text.
    """

    template: str
    arguments: tuple[tuple[str, str], ...]
    offset: int

    def effective(self) -> dict[str, str]:
        """What the template receives: the last value of each name, in order of first use."""
        received: dict[str, str] = {}
        for name, source in self.arguments:
            received[name] = source
        return received


def _name(template: Template) -> str:
    written = "".join(str(node) for node in template.name.nodes if not isinstance(node, Comment))
    return php_trim(written)


def find_infobox(text: str) -> InfoboxCall | None:
    """The page's infobox: its first top-level template whose name starts with ``Infobox``.

    Names are matched as MediaWiki matches titles (first letter in either case, ``_`` for
    a space). ``None`` when the page has no infobox.
    """
    offset = 0
    nodes = mwparserfromhell.parse(text).nodes
    for node in nodes:
        if isinstance(node, Template) and all(
            isinstance(part, (Text, Comment)) for part in node.name.nodes
        ):
            name = _name(node)
            if is_infobox_name(name):
                return InfoboxCall(name, _arguments(node), offset)
        offset += len(str(node))
    return None


def _arguments(template: Template) -> tuple[tuple[str, str], ...]:
    arguments: list[tuple[str, str]] = []
    position = 0
    for parameter in template.params:
        if parameter.showkey:
            # MediaWiki drops comments from a name before trimming it.
            name = "".join(
                str(node) for node in parameter.name.nodes if not isinstance(node, Comment)
            )
            arguments.append((php_trim(name), php_trim(str(parameter.value))))
        else:
            position += 1
            arguments.append((str(position), str(parameter.value)))
    return tuple(arguments)
