"""Stage — reading and writing batches of petitions, so that nothing is lost and no user file is overwritten.

Formats: CSV/TSV (UTF-8 with or without BOM, GB18030/GBK, UTF-16), XLSX, JSON Lines, ``.txt`` (one petition a
line) and stdin, read in chunks so memory stays bounded; output as JSON Lines, CSV or XLSX.

- :mod:`._decode` decides the encoding over the whole input (a file mixing UTF-8 and GB18030 is refused);
- :mod:`._read` yields every input row once, in order (:class:`Batch`), with notices of what it set aside;
- :mod:`._write` writes through a temporary file renamed into place (:class:`BatchWriter`, :class:`atomic_path`);
- :mod:`._xlsx` is the one XLSX writer for people (:func:`write_table_xlsx`): Chinese headers, date cells, a frozen
  header printed on every page, A4 landscape, text a spreadsheet can store (:func:`xlsx_text`).

A file that cannot be read raises :class:`~petitionnlp.errors.InputError` with a one-line message.
"""

from ._decode import clean_string, detect_encoding, read_text
from ._limits import LIMITS, ROW_ERROR
from ._read import (INPUT_SUFFIXES, Batch, find_column, find_text_column, known_columns, known_text_columns,
                    open_batch, reserved_renames, table_date)
from ._write import OUTPUT_SUFFIXES, BatchWriter, atomic_path, check_not_an_input, formula_like, json_line
from ._xlsx import (DATE_FORMAT, FIELD_HEADERS, LONG_PART, MIN_PRINT_PT, XlsxTable, display_width, field_header,
                    field_layout, fields_from_headers, name_parts, readable_value, write_extract_xlsx, write_table_xlsx,
                    write_tables_xlsx, xlsx_text)

__all__ = ["Batch", "open_batch", "BatchWriter", "known_text_columns", "find_text_column", "known_columns",
           "find_column", "table_date", "detect_encoding", "read_text", "ROW_ERROR", "check_not_an_input", "atomic_path", "reserved_renames", "clean_string",
           "LIMITS", "INPUT_SUFFIXES", "OUTPUT_SUFFIXES", "formula_like", "json_line", "write_table_xlsx",
           "write_tables_xlsx", "name_parts", "XlsxTable", "xlsx_text", "display_width", "FIELD_HEADERS", "field_header",
           "field_layout", "readable_value", "fields_from_headers", "DATE_FORMAT", "write_extract_xlsx",
           "MIN_PRINT_PT", "LONG_PART"]
