"""Line shapes of the plain-text format, shared by its reader and writer."""

from __future__ import annotations

from wikiround._text import is_blank

__all__ = [
    "INFOBOX_WORD",
    "KEY_SEPARATOR",
    "PARAMETER_PREFIX",
    "is_blank",
    "is_heading_shaped",
    "is_parameter_shaped",
]

INFOBOX_WORD = "Infobox"  # the name line of an infobox that has no ``name``
PARAMETER_PREFIX = "- "
KEY_SEPARATOR = ": "


def is_heading_shaped(line: str) -> bool:
    """A line the reader takes for a heading: it starts and ends with ``=``."""
    return line.startswith("=") and line.endswith("=")


def is_parameter_shaped(line: str) -> bool:
    """A line the reader takes for a ``- Key: Value`` infobox line."""
    return line.startswith(PARAMETER_PREFIX) and (KEY_SEPARATOR in line or line.endswith(":"))
