"""Reading the article's infobox: the first infobox template, its parameters kept as the
plain-text format can hold them."""

from __future__ import annotations

import re
from functools import lru_cache

from wikiround._mediawiki import capitalise_first, title_text
from wikiround._text import PHP_TRIMMED, is_blank, php_trim, trim
from wikiround.catalogue import is_officeholder_template
from wikiround.errors import ModelError
from wikiround.lossy._inline import InlineRenderer, finish
from wikiround.lossy._record import Recorder, short
from wikiround.lossy._report import Kind
from wikiround.lossy._templates import SPACES
from wikiround.lossy._tree import Code, Comment, Template
from wikiround.model import DEFAULT_TEMPLATE, Infobox, Parameter, is_infobox_name
from wikiround.plaintext._keys import has_key, key_to_parameter, parameter_to_key
from wikiround.plaintext._syntax import INFOBOX_WORD, KEY_SEPARATOR, is_heading_shaped
from wikiround.wikitext._escape import decode_entities, escape_heading

__all__ = ["InfoboxReader", "template_text"]

# An image name followed by file options ("Portrait.jpg|border") in an infobox value
# (a finished one: its runs of spaces are one space).
_IMAGE_OPTIONS = re.compile(
    r"(.*?\.(?:jpe?g|png|svg|gif|tiff?|webp|xcf)) ?\|(.*)", re.IGNORECASE | re.DOTALL
)

class InfoboxReader:
    """Reads the first infobox template of the body into :attr:`infobox`."""

    def __init__(self, recorder: Recorder, renderer: InlineRenderer) -> None:
        self.recorder = recorder
        self.renderer = renderer
        self.seen = False  # later infoboxes are rendered (and dropped) as templates
        self.infobox: Infobox | None = None

    def wants(self, node: Template) -> bool:
        """Whether ``node`` is the infobox to read: the first one of the body."""
        if self.seen or any(not isinstance(part, (str, Comment)) for part in node.name.nodes):
            return False
        return is_infobox_name(template_text(node))

    def read(self, node: Template) -> None:
        # A value holds data: a file in it shows nothing, whatever its options (an
        # infobox's image has its caption in a parameter of its own).
        self.renderer.show_blocks = False
        try:
            self.read_values(node)
        finally:
            self.renderer.show_blocks = True

    def read_values(self, node: Template) -> None:
        self.seen = True
        template_name = _infobox_template(node)
        values: dict[str, tuple[str, int]] = {}
        number = 0
        for parameter in node.params:
            start = parameter.value.start
            has_content = any(
                not isinstance(part, Comment) and not (isinstance(part, str) and is_blank(part))
                for part in parameter.value.nodes
            )
            value = finish(self.renderer.template_argument(parameter.value), line_break=", ")
            if parameter.name is None:
                number += 1
                if has_content:
                    shown = value or parameter.value.source
                    self.recorder.record(
                        Kind.PARAMETER, f"unnamed parameter {number} ({short(shown)})", start
                    )
                continue
            name_source = parameter.name.source
            leading = len(name_source) - len(name_source.lstrip(PHP_TRIMMED))
            name_offset = parameter.name.start + leading
            name = self.parameter_name(parameter.name, name_offset)
            if name is None:
                continue
            options = _IMAGE_OPTIONS.fullmatch(value)
            if options:
                value = options.group(1)
                self.recorder.record(Kind.FILE, f"image options |{short(options.group(2))}", start)
            if not value:
                # A value of spaces written as references (&#32;) shows nothing and
                # loses nothing.
                if has_content and decode_entities(parameter.value.source).strip(SPACES):
                    self.recorder.record(
                        Kind.PARAMETER, f"{name} (nothing left to show)", name_offset
                    )
                continue
            if name in values:
                self.recorder.record(
                    Kind.PARAMETER,
                    f"{name} (given twice; the last value is kept)",
                    values.pop(name)[1],
                )
            values[name] = (value, name_offset)
        name_value = values.pop("name", None)
        infobox_name = None
        if name_value is not None:
            infobox_name = name_value[0]
            if infobox_name == INFOBOX_WORD or is_heading_shaped(infobox_name):
                self.recorder.record(Kind.PARAMETER, f"name ({short(infobox_name)})", name_value[1])
                infobox_name = None
        if not values:
            self.recorder.record(
                Kind.INFOBOX, "{{" + template_name + "}} (no parameter to show)", node.start
            )
            return
        parameters = [Parameter(name, value) for name, (value, _) in values.items()]
        self.infobox = Infobox(parameters, name=infobox_name, template=template_name)

    def parameter_name(self, code: Code, offset: int) -> str | None:
        """The parameter's name as the plain-text format can hold it, or None."""
        if any(not isinstance(part, (str, Comment)) for part in code.nodes):
            self.recorder.record(
                Kind.PARAMETER, f"{short(code.source)} (markup in the name)", offset
            )
            return None
        # MediaWiki trims names with PHP's trim(): ASCII whitespace only.
        written = php_trim("".join(part for part in code.nodes if isinstance(part, str)))
        if not written:
            return None
        name = _holdable_name(written)
        if name is None:
            self.recorder.record(
                Kind.PARAMETER, f"{short(written)} (a name plain text cannot hold)", offset
            )
            return None
        if name != written:
            self.recorder.record(Kind.RENAMED_PARAMETER, f"{written} → {name}", offset)
        return name


# Infoboxes use the same few names again and again (name, office, term_start…).
@lru_cache(maxsize=4096)
def _holdable_name(written: str) -> str | None:
    """The name a plain-text key gives back for the parameter name ``written``, or None
    when the plain text cannot hold it."""
    name = key_to_parameter(parameter_to_key(written))
    key = parameter_to_key(name)
    if (
        not has_key(name)
        or KEY_SEPARATOR in key
        or key != trim(key)
        or escape_heading(name) != name
        or re.search(r"[|={}\[\]<>\t]", name)
    ):
        return None
    return name


def template_text(node: Template) -> str:
    """The template's name as MediaWiki reads it (comments left out); also used by
    wikiround.editing to find the infobox it reads."""
    return title_text("".join(part for part in node.name.nodes if isinstance(part, str)))


def _infobox_template(node: Template) -> str:
    """The template the article's infobox is written with: an officeholder redirect
    becomes Infobox officeholder; a name the model cannot hold, plain "Infobox"."""
    name = capitalise_first(template_text(node))
    if is_officeholder_template(name):
        return DEFAULT_TEMPLATE
    try:
        Infobox(template=name)
    except ModelError:
        return "Infobox"
    return name
