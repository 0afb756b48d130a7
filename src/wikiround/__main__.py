"""``python -m wikiround``: see :mod:`wikiround._app._cli`."""

from wikiround._app._cli import main_entry

main_entry()
