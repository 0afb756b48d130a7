"""Plain-text keys <-> template parameter names.

The plain-text format writes ``term_start1`` as ``Term Start1``: each ``_`` becomes a
space and each word starts with a capital. Read back, a key is lowercased and its
spaces become ``_``. Names this generic rule would not give back (``constituency_AM``)
come from the parameter catalogue, which matches names without regard to case, ``_`` or
space.
"""

from __future__ import annotations

from functools import lru_cache

from wikiround.catalogue import exact_name

__all__ = ["key_to_parameter", "parameter_to_key"]


def _capitalise(word: str) -> str:
    first = word[:1].upper()
    # "ß".upper() is "SS": keep such letters as they are.
    return (first if len(first) == 1 else word[:1]) + word[1:]


def _generic_key(name: str) -> str:
    return " ".join(_capitalise(word) for word in name.split("_"))


def _generic_parameter(key: str) -> str:
    return key.lower().replace(" ", "_")


@lru_cache(maxsize=4096)
def parameter_to_key(name: str) -> str:
    """The plain-text key for parameter ``name`` (``term_start1`` -> ``Term Start1``)."""
    return _generic_key(name)


@lru_cache(maxsize=4096)
def key_to_parameter(key: str) -> str:
    """The parameter name a plain-text key stands for (``Term Start1`` -> ``term_start1``).

    A key that matches a catalogue name but for case (``Constituency Am``) gives that
    name (``constituency_AM``).
    """
    generic = _generic_parameter(key)
    return exact_name(generic) or generic


def has_key(name: str) -> bool:
    """True when ``name`` survives the trip to a key and back."""
    return key_to_parameter(parameter_to_key(name)) == name
