"""``python -m wikiround``: see :mod:`wikiround._cli`."""

from wikiround._cli import main

raise SystemExit(main())
