"""``python -m wikiround``: see :mod:`wikiround._cli`."""

from wikiround._cli import main_entry

main_entry()
