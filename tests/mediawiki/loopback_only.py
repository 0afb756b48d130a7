"""Runs a Python script that may open network connections to 127.0.0.1 only.

    python loopback_only.py SCRIPT [ARG...]

An audit hook refuses every name lookup and connection to any other address, and says so
on stderr (``loopback_only: refused ...``), so a test can see that the script tried. Used
to run pywikibot against the served test wiki with no chance of reaching a real wiki.
"""

from __future__ import annotations

import ipaddress
import runpy
import sys
from typing import Any

_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_LOOKUPS = frozenset({"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"})


def _loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host in _NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> None:
    message = f"loopback_only: refused {what}"
    sys.stderr.write(message + "\n")
    raise ConnectionRefusedError(message)


def _guard(event: str, args: tuple[Any, ...]) -> None:
    if event in _LOOKUPS and not _loopback(args[0]):
        _refuse(f"name lookup of {args[0]!r}")
    elif event in {"socket.connect", "socket.sendto"}:
        address = args[1] if event == "socket.connect" else args[-1]
        # Unix sockets (a path) are local by nature; IP addresses must be loopback.
        if isinstance(address, tuple) and not _loopback(address[0]):
            _refuse(f"connection to {address!r}")


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: loopback_only.py SCRIPT [ARG...]")
    sys.addaudithook(_guard)
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
