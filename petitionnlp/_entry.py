"""The ``petitionnlp`` command's entry point: as small as can be, so that Ctrl-C during start-up is one line.

It takes over SIGINT before anything else of petitionnlp is imported (compiling ``cli`` alone takes
milliseconds), then hands over to :func:`petitionnlp.cli.main`.
"""

import _signal  # the C module: ``signal`` imports enum and functools, too slow for the first lines
import os
import sys


def _interrupted_early(signum, frame):  # Ctrl-C before a command runs: one line, no traceback
    try:
        sys.stderr.write("petitionnlp: 已中断 (interrupted)\n")
    finally:
        os._exit(130)


def main() -> int:
    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _interrupted_early)
    from .cli import main as cli_main

    return cli_main()
