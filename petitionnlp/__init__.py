"""petitionnlp — a pipeline for Chinese environmental petitions (信访/举报件) and inspection briefings (简报).

Stages, each in its own module and importing only from the ones before it:
text → tokenize → taxonomy → classify / regions → briefing → search → triage → io → pipeline → cli.
Importing this package is cheap; each stage loads its resources on first use, once per process.
"""

import _signal  # the C module: ``signal`` imports enum and functools, too slow for the first lines
import os as _os
import sys as _sys


def _interrupted_early(signum, frame):  # Ctrl-C before a command runs: one line, no traceback
    try:
        _sys.stderr.write("petitionnlp: 已中断\n")
    finally:
        _os._exit(130)


def _take_over_sigint() -> None:
    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _interrupted_early)


if _sys.argv and _sys.argv[0].replace("\\", "/").rsplit("/", 1)[-1] == "petitionnlp":
    # Started as the ``petitionnlp`` command: Ctrl-C is one line from here on, also while the entry module
    # itself is still being found.  Imported as a library, nothing is changed.
    _take_over_sigint()

__version__ = "0.1.0"
__all__ = ["__version__"]
