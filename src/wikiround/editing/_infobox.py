"""Infobox parameters: values changed in place, new ones written in their neighbours'
layout where the catalogue places them, removed ones taken with their line."""

from __future__ import annotations

import attrs

from wikiround._mediawiki import title_text
from wikiround._text import PHP_TRIMMED, php_trim
from wikiround.catalogue import CATALOGUE, lookup
from wikiround.editing._changes import ChangeKind
from wikiround.editing._dates import ROLES, date_numbers, date_tuple, other_dates, rewrite_numbers
from wikiround.editing._original import (
    Builder,
    Original,
    apply_edits,
    change_start,
    constructs,
    constructs_at,
    describe,
    find_infobox,
    line_start,
    nodes_between,
)
from wikiround.editing._splice import splice
from wikiround.lossy import parse_wikitext_lossy
from wikiround.lossy._tree import Code, Node, Template
from wikiround.model import Infobox
from wikiround.officeholder import record_of, suffix_sort_key
from wikiround.wikitext._escape import escape_value
from wikiround.wikitext._writer import render_infobox

__all__ = ["edit_infobox"]


@attrs.define
class _SourceParameter:
    name: str
    pipe: int  # the "|" that opens it
    name_code: Code
    value: Code
    core_start: int  # the value without its outer whitespace
    core_end: int


def _source_parameters(original: Original, node: Template) -> list[_SourceParameter]:
    found: list[_SourceParameter] = []
    text = original.text
    for parameter in node.params:
        if parameter.name is None:
            continue
        written = parameter.name.source
        offset = parameter.name.start + len(written) - len(written.lstrip(PHP_TRIMMED))
        entries = len(original.recorder.entries)
        name = original.names.parameter_name(parameter.name, offset)
        del original.recorder.entries[entries:]
        if name is None:
            continue
        value = parameter.value
        source = text[value.start : value.end]
        # MediaWiki trims a value of ASCII whitespace only: U+0085 and U+2028 are text.
        if source.strip(" \t\n"):
            core_start = value.start + len(source) - len(source.lstrip(" \t\n"))
            core_end = value.start + len(source.rstrip(" \t\n"))
        else:
            core_start = core_end = value.start + len(source) - len(source.lstrip(" \t"))
        found.append(
            _SourceParameter(
                name, parameter.name.start - 1, parameter.name, value, core_start, core_end
            )
        )
    return found


def _value_reads_as(value_source: str, expected: str) -> bool:
    """Whether ``value_source`` as an infobox value reads back as ``expected``."""
    page = "{{Infobox officeholder\n| office = " + value_source + "\n}}"
    infobox = parse_wikitext_lossy(page, title="Check").article.infobox
    shown = infobox.get("office", "") if infobox is not None else ""
    return shown == expected


def _edit_value(builder: Builder, parameter: _SourceParameter, old: str, new: str) -> None:
    original = builder.original
    text = original.text
    nodes = nodes_between(parameter.value, parameter.core_start, parameter.core_end)
    spliced = splice(
        original, nodes, parameter.core_start, parameter.core_end, old, new,
        in_value=True, allow_loss=builder.allow_loss,
    )  # fmt: skip
    if spliced is not None and spliced.refusals:
        builder.refuse_all(spliced.refusals, parameter.name)
        return
    if spliced is not None:
        edits, notes = spliced.edits, spliced.notes
        result = apply_edits(text, parameter.core_start, parameter.core_end, edits)
        if _value_reads_as(result, new):
            if (
                not text[parameter.core_start : parameter.core_end]
                and php_trim(text[parameter.core_start - 1 : parameter.core_start])
                and new
            ):
                result = " " + result
            builder.edits.append((parameter.core_start, parameter.core_end, result))
            builder.note(
                ChangeKind.PARAMETER_CHANGED,
                parameter.name,
                change_start(text, parameter.core_start, edits),
                f"{old!r} → {new!r}",
            )
            builder.spliced(notes, parameter.name)
            return
    hidden = constructs(original, nodes)
    if hidden and not builder.allow_loss:
        builder.refuse(
            ChangeKind.CANNOT_PLACE,
            parameter.name,
            parameter.core_start,
            f"{old!r} → {new!r} cannot be placed inside its markup; written anew it would "
            "lose " + ", ".join(hidden),
        )
        return
    replacement = escape_value(new)
    if (
        text[parameter.core_start - 1 : parameter.core_start] not in (" ", "\t", "\n")
        and replacement
    ):
        replacement = " " + replacement
    builder.edits.append((parameter.core_start, parameter.core_end, replacement))
    builder.note(
        ChangeKind.PARAMETER_CHANGED, parameter.name, parameter.core_start, f"{old!r} → {new!r}"
    )
    if hidden:
        builder.note(
            ChangeKind.REPLACED,
            parameter.name,
            parameter.core_start,
            "the value was written anew"
            + (": " + ", ".join(hidden) + " not kept" if hidden else ""),
        )


def _removal_span(text: str, parameter: _SourceParameter, next_pipe: int) -> tuple[int, int]:
    """The text removing ``parameter`` takes: its line, when it has one of its own."""
    start = parameter.pipe
    first = line_start(text, start)
    # Only what MediaWiki trims is layout: a U+3000 there belongs to the value before.
    own_line = not php_trim(text[first:start])
    newline = text.find("\n", parameter.core_end, next_pipe)
    if own_line and newline != -1 and not php_trim(text[parameter.core_end : newline]):
        return first, newline + 1
    end = parameter.core_end
    if newline == -1:
        end = next_pipe
    return start, end


def _catalogue_position(name: str) -> int | None:
    match = lookup(name)
    return None if match is None else CATALOGUE.index(match.spec)


def _insertion_anchor(
    name: str, kept: list[_SourceParameter], edited_order: list[str]
) -> tuple[_SourceParameter, bool] | None:
    """The source parameter to write ``name`` beside, and whether after it."""
    if not kept:
        return None
    if name == "name":
        return kept[0], False
    record = record_of(name)
    same = [parameter for parameter in kept if record_of(parameter.name) == record]
    if same and record != "?":
        position = _catalogue_position(name)
        earlier = [
            p for p in same
            if position is not None and (q := _catalogue_position(p.name)) is not None
            and q <= position
        ]  # fmt: skip
        if earlier or position is None:
            return (earlier or same)[-1], True
        return same[0], False
    if record.startswith("office:"):
        key = suffix_sort_key(record.removeprefix("office:"))
        offices = [
            (suffix_sort_key(record_of(p.name).removeprefix("office:")), p)
            for p in kept
            if record_of(p.name).startswith("office:")
        ]
        earlier = [p for k, p in offices if k < key]
        if earlier:
            return earlier[-1], True
        later = [p for k, p in offices if k > key]
        if later:
            return later[0], False
    position = _catalogue_position(name)
    if position is not None:
        before = [
            p for p in kept if (q := _catalogue_position(p.name)) is not None and q <= position
        ]
        if before:
            return before[-1], True
    # Beside its neighbour in the edited infobox.
    index = edited_order.index(name) if name in edited_order else len(edited_order)
    by_name = {parameter.name: parameter for parameter in kept}
    for previous in reversed(edited_order[:index]):
        if previous in by_name:
            return by_name[previous], True
    return kept[-1], True


def _new_parameter_text(text: str, neighbour: _SourceParameter, name: str, value: str) -> str:
    """``| name = value`` written as ``neighbour`` is written (its spacing and width)."""
    name_source = text[neighbour.name_code.start : neighbour.name_code.end]
    before_name = name_source[: len(name_source) - len(name_source.lstrip(PHP_TRIMMED))]
    written_name = php_trim(name_source)
    after_name = name_source[len(name_source.rstrip(PHP_TRIMMED)) :]
    if after_name and set(after_name) == {" "} and "\n" not in before_name:
        width = len(written_name) + len(after_name)
        after_name = " " * max(1, width - len(name))
    value_source = text[neighbour.value.start : neighbour.core_start]
    before_value = value_source if "\n" not in value_source else " "
    escaped = escape_value(value)
    if not escaped:
        before_value = (
            before_value.rstrip(" \t") if before_value.strip(" \t") == "" else before_value
        )
    return "|" + before_name + name + after_name + "=" + before_value + escaped


def edit_infobox(builder: Builder, old: Infobox | None, new: Infobox | None) -> None:
    original = builder.original
    text = original.text
    node = find_infobox(original)
    if old == new:
        return
    if node is None:
        if new is not None:
            rendered = render_infobox(new)
            builder.edits.append((0, 0, rendered + "\n"))
            builder.note(ChangeKind.INFOBOX_ADDED, "{{" + new.template + "}}", 0)
        return
    if new is None:
        end = node.end
        if text[end : end + 1] == "\n":
            end += 1
        builder.edits.append((node.start, end, ""))
        builder.note(
            ChangeKind.INFOBOX_REMOVED,
            "{{" + (old.template if old else "Infobox") + "}}",
            node.start,
        )
        for detail, offset in constructs_at(original, _flatten(node)):
            builder.note(ChangeKind.REMOVED_WITH, detail, offset, "in the infobox")
        return
    old_values = _values(old)
    new_values = _values(new)
    if old is None or old.template != new.template:
        name_source = text[node.name.start : node.name.end]
        start = node.name.start + len(name_source) - len(name_source.lstrip(PHP_TRIMMED))
        end = node.name.start + len(name_source.rstrip(PHP_TRIMMED))
        written = php_trim("".join(part for part in node.name.nodes if isinstance(part, str)))
        if old is None or title_text(written) != new.template:
            builder.edits.append((start, end, new.template))
            builder.note(ChangeKind.TEMPLATE_RENAMED, written, start, f"→ {new.template}")
    parameters = _source_parameters(original, node)
    by_name: dict[str, list[_SourceParameter]] = {}
    for parameter in parameters:
        by_name.setdefault(parameter.name, []).append(parameter)
    pipes = [parameter.pipe for parameter in parameters]
    closing = node.end - 2

    def next_pipe(parameter: _SourceParameter) -> int:
        index = pipes.index(parameter.pipe)
        return pipes[index + 1] if index + 1 < len(pipes) else closing

    removed: set[int] = set()
    for name, value in old_values.items():
        if name in new_values:
            continue
        for parameter in by_name.get(name, []):
            start, end = _removal_span(text, parameter, next_pipe(parameter))
            builder.edits.append((start, end, ""))
            removed.add(parameter.pipe)
            builder.note(ChangeKind.PARAMETER_REMOVED, name, parameter.pipe, f"was {value!r}")
            nodes = nodes_between(parameter.value, parameter.core_start, parameter.core_end)
            for detail, offset in constructs_at(original, nodes):
                builder.note(ChangeKind.REMOVED_WITH, detail, offset, f"in {name}")
    kept = [parameter for parameter in parameters if parameter.pipe not in removed]
    edited_order = list(new_values)
    insertions: dict[tuple[int, bool], list[tuple[str, str]]] = {}
    for name, value in new_values.items():
        old_value = old_values.get(name)
        if old_value == value:
            continue
        present = by_name.get(name)
        if present:
            # The last one written is the one the template uses.
            _edit_value(builder, present[-1], old_value or "", value)
            continue
        anchor = _insertion_anchor(name, kept, edited_order)
        if anchor is None:
            position = closing
            # An infobox with no parameter left to write beside: one line each.
            line = "| " + name + " = " + escape_value(value) + "\n"
            if text[closing - 1 : closing] != "\n":
                line = "\n" + line
            builder.edits.append((position, position, line))
            builder.note(ChangeKind.PARAMETER_ADDED, name, position, f"{value!r}")
            continue
        neighbour, after = anchor
        written = _new_parameter_text(text, neighbour, name, value)
        if after:
            position = neighbour.core_end
            trailing = text[neighbour.core_end : next_pipe(neighbour)]
            separator = trailing if not php_trim(trailing) else "\n"
            insertions.setdefault((position, True), []).append((separator + written, name))
        else:
            position = neighbour.pipe
            trailing = text[neighbour.core_end : next_pipe(neighbour)]
            separator = trailing if not php_trim(trailing) else "\n"
            insertions.setdefault((position, False), []).append((written + separator, name))
        builder.note(ChangeKind.PARAMETER_ADDED, name, position, f"{value!r}")
    _keep_dates_consistent(builder, node, old_values, new_values)
    for (position, _after), pieces in insertions.items():
        pieces.sort(key=lambda piece: _catalogue_position(piece[1]) or len(CATALOGUE))
        builder.edits.append((position, position, "".join(text for text, _ in pieces)))


def _flatten(node: Template) -> list[Node | str]:
    nodes: list[Node | str] = []
    for parameter in node.params:
        nodes.extend(parameter.value.nodes)
    return nodes


def _values(infobox: Infobox | None) -> dict[str, str]:
    if infobox is None:
        return {}
    values: dict[str, str] = {}
    if infobox.name is not None:
        values["name"] = infobox.name
    for parameter in infobox.parameters:
        values[parameter.name] = parameter.value
    return values


def _keep_dates_consistent(
    builder: Builder, node: Template, old: dict[str, str], new: dict[str, str]
) -> None:
    """An edited birth or death date also changes the same date where an age template
    holds it (``{{death date and age|2012|2|16|1929|8|22}}`` holds the birth date); an
    edit that cannot do so is refused."""
    original = builder.original
    source = original.text
    changed = {name for name in set(old) | set(new) if old.get(name) != new.get(name)}
    for name, role in ROLES.items():
        if name not in changed or name not in old:
            continue
        for parameter in node.params:
            written = php_trim(parameter.name.source) if parameter.name is not None else ""
            if written in changed:
                continue  # edited itself: its new value is the editor's
            for template in _templates_in(parameter.value):
                arguments = other_dates(template, role)
                if arguments is None:
                    continue
                held = date_numbers(source, arguments)
                if held is None or held != date_tuple(old[name], len(arguments)):
                    continue  # not the date that was edited
                numbers = date_tuple(new.get(name, ""), len(arguments))
                detail = describe(source[template.start : template.end], template)
                if numbers is None:
                    builder.refuse(
                        ChangeKind.DATE_INCONSISTENT,
                        detail,
                        template.start,
                        f"it holds the {role} date {old[name]!r}, which the edit changes to "
                        f"{new.get(name, '')!r}: it cannot hold that date",
                    )
                    continue
                builder.edits.extend(rewrite_numbers(source, arguments, numbers))
                builder.note(
                    ChangeKind.DATE_REWRITTEN, detail, template.start, f"its {role} date, as {name}"
                )


def _templates_in(code: Code) -> list[Template]:
    found: list[Template] = []
    for part in code.nodes:
        if isinstance(part, Template):
            found.append(part)
            for parameter in part.params:
                found.extend(_templates_in(parameter.value))
    return found
