"""The ``petitionnlp`` command's entry point: as small as can be, so that Ctrl-C during start-up is one line.

It takes over SIGINT before anything else of petitionnlp is imported (compiling ``cli`` alone takes
milliseconds), then hands over to :func:`petitionnlp.cli.main`, and leaves as soon as the command is done.
"""

import _signal  # the C module: ``signal`` imports enum and functools, too slow for the first lines
import os
import sys


def _interrupted_early(signum, frame):  # Ctrl-C before a command runs: one line, no traceback
    try:
        sys.stderr.write("petitionnlp: 已中断\n")
    finally:
        os._exit(130)


def main() -> int:
    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _interrupted_early)
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
