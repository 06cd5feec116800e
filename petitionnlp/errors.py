"""Every error petitionnlp raises, in one place, with a code and a Chinese-first message.

Library code raises these; ``cli`` turns them into one line on stderr.  Row-level problems
(an empty text, an unreadable cell) are not exceptions: they go into the row's ``error`` field.
"""

from __future__ import annotations

__all__ = ["PetitionNLPError", "InputError", "ModelError", "Errors"]


class Errors:
    """Message templates, ``E###`` codes so users can quote them to the maintainers."""

    E001 = "[E001] 找不到文件 (file not found): {path}"
    E002 = "[E002] {path}: 不是文本文件，像是二进制数据 (binary content in a text format)"
    E003 = "[E003] {path}: 无法识别编码，请另存为 UTF-8 或 GB18030 (cannot decode as UTF-8 or GB18030)"
    E004 = ("[E004] {path}: 找不到正文列 (no text column); 现有列 (columns present): {columns}; "
            "可用 --text-column 指定")
    E005 = "[E005] {path}: 不支持的文件类型 {suffix} (unsupported format); 支持 .csv .tsv .xlsx .jsonl .txt"
    E006 = "[E006] {path}: 指定的正文列 {column!r} 不存在 (no such column); 现有列: {columns}"
    E007 = "[E007] {path}: 无法读取 Excel 文件 (not a readable .xlsx): {reason}"
    E008 = "[E008] {path}: 文件为空 (empty file)"
    E010 = "[E010] 模型目录 {path} 中没有模型 (no model found); 请运行 petitionnlp train"
    E011 = "[E011] 模型文件 {path} 无法加载 (cannot load model): {reason}"
    E020 = "[E020] {path}: 训练语料中找不到类型标签列 (no label column); 现有列: {columns}"
    E021 = "[E021] 训练语料没有可用的带标签记录 (no labeled records in the corpus)"
    E030 = "[E030] {path}: 无法写出 (cannot write): {reason}"
    E031 = "[E031] 不支持的输出格式 {suffix}; 支持 .csv .jsonl .xlsx"
    E032 = "[E032] {path}: 不是可用的检索库 (not a usable search index): {reason}"
    E033 = "[E033] {path}: stats 读取 classify 的输出文件 (.jsonl .csv .xlsx) (not a classify output format)"
    E090 = "[E090] {path}: {reason}"
    E099 = "[E099] 内部错误 (internal error): {kind}: {reason} — 设置 PETITIONNLP_DEBUG=1 可看详细信息"
    E040 = "[E040] {path}: 日期格式应为 YYYY-MM-DD (bad date): {value}"

    # row-level reasons, written into the ``error`` field
    R_EMPTY = "正文为空 (empty text)"
    R_NO_CHINESE = "正文没有中文内容，无法分类 (no Chinese text): {text}"
    R_UNREADABLE = "单元格无法读取 (unreadable cell): {reason}"
    R_BAD_JSON = "第 {line} 行不是合法的 JSON (invalid JSON line)"


class PetitionNLPError(Exception):
    """Base class: the message is complete and fit to show a user as it is."""


class InputError(PetitionNLPError):
    """An input file cannot be read at all."""


class ModelError(PetitionNLPError):
    """A model is missing or cannot be loaded."""
