"""The ``petitionnlp`` command's entry point: as small as can be, so that Ctrl-C during start-up is one line.

The package itself takes over SIGINT when started as the command (see ``petitionnlp/__init__``), before anything
else of petitionnlp is imported (compiling ``cli`` alone takes
milliseconds), then hands over to :func:`petitionnlp.cli.main`, and leaves as soon as the command is done.
"""

import os
import sys

from . import _interrupted_early, _take_over_sigint


def main() -> int:
    _take_over_sigint()
    from .cli import main as cli_main

    code = cli_main(interrupted=_interrupted_early)
    if sys.argv[1:2] != ["serve"]:
        _done(code)
    return code


def _done(code: int) -> None:
    """The command has finished and closed every file it wrote: leave without the interpreter's teardown of
    the loaded models and gazetteer (about 0.3 s of freeing memory the system reclaims at once anyway)."""
    try:
        logging = sys.modules.get("logging")
        if logging is not None:
            logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken stdout: nothing more to say on it
        pass
    os._exit(code)
