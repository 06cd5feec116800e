"""Every error petitionnlp raises, in one place, with a code and a Chinese-first message.

Library code raises these; ``cli`` turns them into one line on stderr.  Row-level problems
(an empty text, an unreadable cell) are not exceptions: they go into the row's ``error`` field.
"""

from __future__ import annotations

__all__ = ["PetitionNLPError", "InputError", "ModelError", "DatabaseUnavailable", "Errors"]


class Errors:
    """Message templates, ``E###`` codes so users can quote them to the maintainers."""

    E001 = "[E001] 找不到文件 (file not found): {path}"
    E001_DIR = "[E001] {path}: 是一个文件夹，不是文件 (is a directory)"
    E002 = "[E002] {path}: 不是文本文件，像是二进制数据 (binary content in a text format)"
    E003 = "[E003] {path}: 无法识别编码，请另存为 UTF-8 或 GB18030 (cannot decode as UTF-8 or GB18030)"
    E003_MIXED = ("[E003] {path}: 编码混杂 (mixed encodings): 第 {line} 行起不是 UTF-8，而第 {utf8_line} 行是 UTF-8；"
                  "请整个文件另存为同一种编码")
    E004 = ("[E004] {path}: 找不到正文列 (no text column); 现有列 (columns present): {columns}; "
            "可用 --text-column 指定")
    E004_JSON = "[E004] {path}: 没有一行是 JSON 对象，无法找到正文列 (no line is a JSON object)"
    E005 = "[E005] {path}: 不支持的文件类型 {suffix} (unsupported format); 支持 .csv .tsv .xlsx .jsonl .txt"
    E006 = "[E006] {path}: 指定的正文列 {column!r} 不存在 (no such column); 现有列: {columns}"
    E007 = "[E007] {path}: 无法读取 Excel 文件 (not a readable .xlsx): {reason}"
    E008 = "[E008] {path}: 文件为空 (empty file)"
    E009 = "[E009] {path}: 标准输入已关闭或无法读取 (stdin is closed)"
    E010 = "[E010] 模型目录 {path} 中没有模型 (no model found); 请运行 petitionnlp train"
    E011 = "[E011] 模型文件 {path} 无法加载 (cannot load model): {reason}"
    E014 = "[E014] 模型 {path} 未通过校验，拒绝加载 (model refused): {reason}"
    E012 = "[E012] {path}: 第 {row} 行之后读取出错 (unreadable after row {row}): {reason}"
    E013 = ("[E013] {path}: 第 {line} 行起的单元格超过 {mb} MB 上限 (cell too large)；"
                 "可能是引号不成对，或不是信访表格")
    E020 = "[E020] {path}: 训练语料中找不到类型标签列 (no label column); 现有列: {columns}"
    E021 = "[E021] 训练语料没有可用的带标签记录 (no labeled records in the corpus)"
    E030 = "[E030] {path}: 无法写出 (cannot write): {reason}"
    E031 = "[E031] 不支持的输出格式 {suffix}; 支持 .csv .jsonl .xlsx"
    E032 = "[E032] {path}: 不是可用的检索库 (not a usable search index): {reason}"
    E035 = ("[E035] {path}: 不是 classify 的输出，没有 pollution_types 列 (not classify output); "
            "现有列: {columns}")
    E034 = "[E034] 输出文件 {path} 就是输入文件 {source}，为免覆盖原始数据已停止 (output would overwrite an input)"
    E033 = "[E033] {path}: stats 读取 classify 的输出文件 (.jsonl .csv .xlsx) (not a classify output format)"
    E051 = "[E051] 无法在 {host}:{port} 启动工作台 (cannot listen there): {reason}"
    E050 = "[E050] 无法创建用户 (cannot add the user): {reason}"
    E058 = "[E058] 无法停用用户 (cannot disable the user): {reason}"
    E090 = "[E090] {path}: {reason}"
    E099 = "[E099] 内部错误 (internal error): {kind}: {reason} — 设置 PETITIONNLP_DEBUG=1 可看详细信息"
    E040 = "[E040] {path}: 日期格式应为 YYYY-MM-DD (bad date): {value}"
    E041 = "[E041] --limit 应在 1 到 {max} 之间 (limit out of range): {value}"
    E081 = ("[E081] 个人信息组件 {name} 没有规则 (the spaCy component has no rules): 请先调用 nlp.initialize() "
            "或用 spacy.load 加载保存的流水线")
    E091 = "[E091] 内存不足 (out of memory)：请把文件分批处理"
    # the case lifecycle (units, hand-over, reports)
    E060 = "[E060] 无法添加责任单位 (cannot add the unit): {reason}"
    E061 = "[E061] 没有这个责任单位 (no such unit): {name}；先用 petitionnlp unit add 添加"
    E062 = "[E062] 地名库中没有 {name} (unknown place)：请用标准名称，如 湖南省/长沙市/岳麓区"
    E063 = "[E063] 无法生成专报 (cannot write the report): {reason}"

    # row-level reasons, written into the ``error`` field
    R_EMPTY = "正文为空 (empty text)"
    R_NO_CHINESE = "正文没有中文内容，无法分类 (no Chinese text): {text}"
    R_UNREADABLE = "单元格无法读取 (unreadable cell): {reason}"
    R_BAD_JSON = "第 {line} 行不是合法的 JSON (invalid JSON line)"
    R_TOO_LONG = "第 {line} 行超过 {mb} MB，未解析 (line too long)"
    R_NESTED = "第 {line} 行的 JSON 嵌套超过 {depth} 层，未解析 (nested too deep)"
    R_NOT_TEXT = "正文单元格不是文本 (text cell holds a {kind})"

    # notices: what a reader set aside or repaired, shown on stderr (not errors: the run goes on)
    N_TITLE_ROWS = "注意 {path}: 表头上方的 {n} 行标题未作为数据读取 (title rows above the header): {rows}"
    N_OVERFLOW = "注意 {path}: {n} 行的单元格多于表头，多出的内容以 | 并入最后一列 (extra cells joined into the last column)"
    N_QUOTE = ("注意 {path}: 第 {lines} 行等 {n} 处引号不成对，已按单行读取，以免吞掉后面的行 "
               "(unbalanced quote read as a literal)")
    N_BAD_BYTES = "注意 {path}: {n} 处字节无法按 UTF-8 解码，已替换为 �（第 {lines} 行）(undecodable bytes replaced)"
    N_SHEET_SKIPPED = "注意 {path}: 工作表 “{sheet}” 未读取 (sheet not read): {why}"
    N_UNREAD_ROWS = "注意 {path}: {n} 行无法读取，未计入统计 (unreadable rows not counted)"
    N_SHEETS = "注意 {path}: 读取了 {n} 个工作表 ({sheets})，工作表 列注明每行来源 (rows of several sheets)"


class PetitionNLPError(Exception):
    """Base class: the message is complete and fit to show a user as it is."""


class InputError(PetitionNLPError):
    """An input file cannot be read at all."""


class ModelError(PetitionNLPError):
    """A model is missing or cannot be loaded."""


class DatabaseUnavailable(InputError):
    """The database holding an index cannot be reached now (down, restarting, its network gone): not a fault of
    the index or of the query, and gone when the database is back (the workbench answers 503)."""
