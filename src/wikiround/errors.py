"""The exceptions wikiround raises.

Every exception is a :class:`WikiroundError` and a :class:`ValueError`, so callers can
catch either.
"""

from __future__ import annotations

__all__ = ["ModelError", "ParseError", "RenderError", "WikiroundError"]


class WikiroundError(ValueError):
    """Base class of every error wikiround raises on purpose."""


class ModelError(WikiroundError):
    """A model object was built with a value that no supported format can hold.

    ``field`` names the offending field, e.g. ``"Parameter.value"``.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class RenderError(WikiroundError):
    """A valid model cannot be written in the requested format without loss.

    ``field`` names the part of the model that cannot be written.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class ParseError(WikiroundError):
    """Input text could not be read.

    ``line`` and ``column`` are 1-based; the column counts characters (code points),
    not bytes. ``source_line`` is the text of that line, for showing a caret.
    """

    def __init__(self, message: str, *, line: int, column: int, source_line: str = "") -> None:
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line
        super().__init__(f"{message} (at line {line}, column {column})")

    @classmethod
    def at_offset(cls, message: str, text: str, offset: int) -> ParseError:
        """Build the error for the character at ``offset`` in ``text``."""
        offset = max(0, min(offset, len(text)))
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", offset)
        if line_end == -1:
            line_end = len(text)
        return cls(
            message,
            line=text.count("\n", 0, offset) + 1,
            column=offset - line_start + 1,
            source_line=text[line_start:line_end],
        )
