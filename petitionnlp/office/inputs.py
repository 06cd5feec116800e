"""What a person or a file brings into the office, checked once: texts and numbers, for every route, body model,
page form, the intake of an uploaded table and the command line alike.

Texts go through :func:`petitionnlp.text.clean_text` (the one cleaning at the door: line ends as LF, C0 control
characters removed, NUL and lone surrogates refused naming the field; its note says why): :func:`text` for a
person's field (refusals become :class:`.errors.Invalid`, the API's 422), :func:`cell` for an uploaded table's cell,
header or file name (never refused: a bad character becomes U+FFFD, so one cell does not lose its row).

Numbers are strict, one rule each:

* :func:`number` — a number sent as JSON (a report's ``counts``, an id, a version, days, a rate, a seed): an ``int``
  or a ``float``, never a string (``"2"``, ``"1e3"``), a boolean or null; finite (no NaN, no Infinity); within its
  bounds; ``whole=True`` wants an integer (``2.0`` counts as one, as JSON Schema says; ``2.5`` does not).
* :func:`digits` — a number a page's form or a query string sends as text: ASCII digits only (no sign, no space, no
  exponent, no other script's digits such as ``²`` or ``٣``, which ``str.isdigit`` lets through and ``int`` refuses),
  then the same bounds; :func:`decimal_text` the same with one decimal point (罚款 in 万元).  Never ``float()``:
  it reads ``1e3``, ``nan``, ``inf`` and ``1_0``.
* :data:`COUNTS_MAX` — the bound of each report count (:data:`.lifecycle.COUNTS`).

``web/deps.py`` turns these into the pydantic types of the API's bodies and queries (``Text``, ``Id``, ``Version``,
``Days``, ``Rate``, ``Seed``, ``Limit``) and the form helpers of the pages; a new route or body model (callbacks,
supervision, spot checks …) uses those, or these directly, and adds no rule of its own.
"""

from __future__ import annotations

import re

from ..text import BadText, clean_text
from .errors import Invalid, Messages
from .labels import label

__all__ = ["text", "cell", "number", "digits", "whole", "decimal_text", "field_name", "MAX_ID", "MAX_VERSION", "COUNT_MAX",
           "FINE_MAX_WAN", "COUNTS_MAX"]

MAX_ID = 2 ** 63 - 1          # the largest id a database stores
MAX_VERSION = 2 ** 31 - 1     # a case's version (raised by one at each change)
COUNT_MAX = 100_000           # 家, 人, 件 in one case's report: far beyond any real one, far below an overflow
FINE_MAX_WAN = 1_000_000      # 罚款 in 万元 (100 亿元)
COUNTS_MAX = {"rectify": COUNT_MAX, "penalty": COUNT_MAX, "fine_wan": FINE_MAX_WAN, "investigation": COUNT_MAX,
              "detained": COUNT_MAX, "interviewed": COUNT_MAX, "accountable": COUNT_MAX}
_DIGITS = re.compile(r"[0-9]{1,19}")
_DECIMAL = re.compile(r"([0-9]{1,12})(?:\.([0-9]{1,6}))?")


def text(value, field: str, *, required: bool = False, what: str | None = None, limit: int | None = None,
         strip: bool = True) -> str | None:
    """A person's text field, cleaned (:func:`petitionnlp.text.clean_text`) and stripped: None when empty
    (:class:`Invalid` O200 when ``required``), O235 naming ``field`` for a NUL or a lone surrogate, O202 over
    ``limit`` characters, O238 for a value that is no text (a number, a list)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(Messages.O238.format(field=field_name(field), value=str(value)[:20]), field=field)
    try:
        value = clean_text(value, field)
    except BadText as exc:
        raise Invalid(Messages.O235.format(field=field_name(field), what=exc.what), field=field) from None
    if strip:
        value = value.strip()
    if limit is not None and len(value) > limit:
        raise Invalid(Messages.O202.format(what=what or field_name(field), limit=limit), field=field)
    if required and not value:
        raise Invalid(Messages.O200.format(what=what or field_name(field)), field=field)
    return value or None


def cell(value):
    """An uploaded table's cell (or header, title row, file name) as it is kept: a string cleaned, a NUL or a lone
    surrogate in it as U+FFFD (never refused); any other value as it is."""
    return clean_text(value, cell=True) if isinstance(value, str) else value


def number(value, field: str, *, whole: bool = True, lo: float = 0, hi: float = MAX_ID, null: bool = False):
    """A number sent as JSON (see the module's note): the ``int`` (or, ``whole=False``, the number), or
    :class:`Invalid` naming ``field``; ``null``: None is allowed (and returned)."""
    if value is None and null:
        return None
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok and isinstance(value, float):
        ok = value == value and value not in (float("inf"), float("-inf")) and (not whole or value.is_integer())
    if not ok or not lo <= value <= hi:
        raise Invalid((Messages.O236 if whole else Messages.O237).format(field=field_name(field), lo=_n(lo), hi=_n(hi),
                                                                          value=_shown(value)), field=field)
    return int(value) if whole else value


def digits(value, field: str, *, lo: int = 0, hi: int = MAX_ID) -> int | None:
    """A whole number sent as text (a form field, a query parameter): None when empty, the ``int`` when it is ASCII
    digits only within [lo, hi], else :class:`Invalid` naming ``field``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DIGITS.fullmatch(value) or not lo <= int(value) <= hi:
        raise Invalid(Messages.O236.format(field=field_name(field), lo=_n(lo), hi=_n(hi), value=_shown(value)), field=field)
    return int(value)


def whole(value, field: str, *, lo: int = 0, hi: int = MAX_ID, null: bool = True) -> int | None:
    """A whole number from either side: a form's text (:func:`digits`, spaces around it dropped) or the API's JSON
    number (:func:`number`); None when empty and ``null``."""
    if isinstance(value, str):
        got = digits(value.strip(), field, lo=lo, hi=hi)
        if got is None and not null:
            raise Invalid(Messages.O236.format(field=field_name(field), lo=_n(lo), hi=_n(hi), value=_shown(value)),
                          field=field)
        return got
    return number(value, field, lo=lo, hi=hi, null=null)


def decimal_text(value, field: str, *, hi: float = FINE_MAX_WAN) -> float | None:
    """A non-negative decimal sent as text (``12``, ``12.5``; a form's 罚款 in 万元): None when empty, else the
    number read digit by digit (never ``float()``), or :class:`Invalid` naming ``field``."""
    if value is None or value == "":
        return None
    m = _DECIMAL.fullmatch(value) if isinstance(value, str) else None
    got = int(m.group(1)) + (int(m.group(2)) / 10 ** len(m.group(2)) if m.group(2) else 0) if m else None
    if got is None or got > hi:
        raise Invalid(Messages.O237.format(field=field_name(field), lo=0, hi=_n(hi), value=_shown(value)), field=field)
    return round(got, 6)


def field_name(field: str) -> str:
    """A field as a refusal names it: its Chinese name from the office's labels with the field as a program sends it
    beside it (``reply_days`` → 回复期限（reply_days）, ``counts.fine_wan`` → 罚款（万元）（counts.fine_wan）), else
    as it was given (a page's form already names it in Chinese)."""
    field = str(field)
    name = label("detail", field.rpartition(".")[2], "")
    return f"{name}（{field}）" if name and name != "-" and name != field else field


def _n(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _shown(value) -> str:
    """A refused value as a message shows it: short, as JSON writes it (true, null, "2")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + clean_text(value[:20], cell=True).replace("\n", " ") + '"'
    return str(value)[:20]

