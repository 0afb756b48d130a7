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

    Where the text has a place for the error, ``line`` and ``column`` give it (1-based;
    the column counts characters, code points, not bytes) and ``source_line`` is the
    text of that line, for showing a caret. Where the error is in a document's structure
    rather than its text (a JSON value of the wrong kind, say), ``path`` names the value
    (``$.infobox.offices[0].parameters[1].value``) and ``line`` and ``column`` are None.
    ``message`` never repeats the place; ``str()`` adds it.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        source_line: str = "",
        path: str | None = None,
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line
        self.path = path
        shown = message if path is None else f"{path}: {message}"
        if line is not None:
            shown += f" (at line {line}, column {column})"
        super().__init__(shown)

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
