"""petitionnlp — a pipeline for Chinese environmental petitions (信访/举报件) and inspection briefings (简报).

Stages, each in its own module and importing only from the ones before it:
text → tokenize → taxonomy → classify / regions → briefing → search → triage → io → pipeline → cli.
Importing this package is cheap; each stage loads its resources on first use, once per process.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
