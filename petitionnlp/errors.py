"""Every error petitionnlp raises, in one place, with a code and a message in Chinese.

Library code raises these; ``cli`` turns them into one line on stderr.  Row-level problems
(an empty text, an unreadable cell) are not exceptions: they go into the row's ``error`` field.
"""

from __future__ import annotations

import logging
import secrets

__all__ = ["PetitionNLPError", "InputError", "ModelError", "DatabaseUnavailable", "Errors", "os_reason",
           "internal_error", "LISTED", "listed"]

LISTED = 5  # the rows a notice names at most (then 等)


class Errors:
    """Message templates, ``E###`` codes so users can quote them to the maintainers.  The words are Chinese only:
    a clerk reads them (on stderr, in the workbench's notices and errors); a command, an option or a file name
    may appear as it is typed."""

    E001 = "[E001] 找不到文件：{path}"
    E001_DIR = "[E001] {path}：这是一个文件夹，不是文件"
    E002 = "[E002] {path}：不是文本文件（内容像是二进制数据）"
    E003 = "[E003] {path}：第 {line} 行起无法识别文字编码（不是 UTF-8，也不是 GB18030），请另存为 UTF-8 或 GB18030 编码后再试"
    E003_MIXED = ("[E003] {path}：编码混杂，第 {line} 行起不是 UTF-8，而第 {utf8_line} 行是 UTF-8；"
                  "请把整个文件另存为同一种编码")
    E004 = "[E004] {path}：找不到正文列；现有列：{columns}；请把信访内容所在列的列名改为“交办问题基本情况”“信访内容”或“举报内容”"
    E004_CLI = "（或用 --text-column 指定正文列）"  # what the command line adds to E004: its own option
    E004_JSON = "[E004] {path}：没有一行是 JSON 对象，找不到正文列"
    E005 = "[E005] {path}：不支持的文件格式 {suffix}；支持 {accepted}"  # accepted: what the command reads
    E005_XLS = ("[E005] {path}：这是旧版 Excel 文件（.xls），不能直接读取；请在 Excel 或 WPS 中打开，"
                "“另存为” .xlsx 格式后再试")
    E005_DOC = ("[E005] {path}：这是 Word 文档，不能直接读取；表格请复制到 Excel 或 WPS 表格并"
                "“另存为” .xlsx，简报请“另存为”纯文本 .txt 后再试")
    E005_PDF = ("[E005] {path}：这是 PDF 文件，不能直接读取；请在 PDF 阅读器或 WPS 中打开，复制全部文字粘贴到"
                "记事本，“另存为” .txt（编码选 UTF-8）后再试；扫描件须先做文字识别")
    E005_DISGUISED = ("[E005] {path}：文件内容是{kind}，与扩展名 {suffix} 不符；请改回正确的扩展名，或在原程序中"
                      "“另存为” .xlsx（表格）或 .txt（简报）后再试")
    E006 = "[E006] {path}：指定的正文列 {column!r} 不存在；现有列：{columns}"
    E007 = "[E007] {path}：无法读取这个 Excel 文件：{reason}"
    E008 = "[E008] {path}：文件为空"
    E009 = "[E009] {path}：标准输入已关闭或无法读取"
    E010 = "[E010] 模型目录 {path} 中没有模型；请先运行 petitionnlp train"
    E011 = "[E011] 模型文件 {path} 无法加载：{reason}"
    E014 = "[E014] 模型 {path} 未通过校验，拒绝加载：{reason}"
    E012 = "[E012] {path}：第 {row} 行之后读取出错：{reason}"
    E013 = "[E013] {path}：第 {line} 行起的单元格超过 {mb} MB 上限；可能是引号不成对，或不是信访表格"
    E015 = "[E015] 主要类型的选法 {value!r} 不认识；可选：{choices}"
    E020 = "[E020] {path}：训练语料中找不到类型标签列；现有列：{columns}"
    E021 = "[E021] 训练语料没有可用的带标签记录"
    E030 = "[E030] {path}：无法写出：{reason}"
    E031 = "[E031] 不支持的输出格式 {suffix}；支持 .csv .jsonl .xlsx"
    E031_EXTRACT = "[E031] 简报抽取结果不支持输出为 {suffix}；支持 .json（默认）和 .xlsx"
    E032 = "[E032] {path}：不是可用的检索库：{reason}"
    E035 = "[E035] {path}：不是 classify 的输出，没有污染类型列（pollution_types）；现有列：{columns}"
    E034 = "[E034] 输出文件 {path} 就是输入文件 {source}，为免覆盖原始数据已停止"
    E033 = "[E033] {path}：stats 只读取 classify 的输出文件（.jsonl .csv .xlsx）"
    E051 = "[E051] 无法在 {host}:{port} 启动工作台：{reason}"
    E050 = "[E050] 无法创建用户：{reason}"
    E058 = "[E058] 无法停用用户：{reason}"
    E090 = "[E090] {path}：{reason}"
    INTERNAL = "内部错误（编号 {ref}），请把这一行和时间告诉维护人员"
    E099 = "[E099] 程序内部错误（{kind}：{reason}），请把这一行发给维护人员；设置 PETITIONNLP_DEBUG=1 可看详细信息"
    E040 = "[E040] {path}：日期格式应为 YYYY-MM-DD（如 2017-05-15），收到的是：{value}"
    E041 = "[E041] --limit 应在 1 到 {max} 之间，收到的是：{value}"
    E081 = ("[E081] 个人信息组件 {name} 还没有规则：请先调用 nlp.initialize()，"
            "或用 spacy.load 加载保存的流水线")
    E091 = "[E091] 内存不足：请把文件分批处理"
    # the case lifecycle (units, hand-over, reports)
    E060 = "[E060] 无法添加责任单位：{reason}"
    E061 = "[E061] 没有这个责任单位：{name}；请先用 petitionnlp unit add 添加"
    E062 = "[E062] 地名库中没有 {name}：请用标准名称，如 湖南省/长沙市/岳麓区"
    E063 = "[E063] 无法生成专报：{reason}"

    # row-level reasons, written into the ``error`` field
    R_EMPTY = "正文为空"
    R_NO_CHINESE = "正文没有中文内容，无法分类：{text}"
    R_UNREADABLE = "单元格无法读取：{reason}"
    R_BAD_JSON = "第 {line} 行不是合法的 JSON 对象"
    R_TOO_LONG = "第 {line} 行超过 {mb} MB，未解析"
    R_HEADER_AGAIN = "第 {row} 条记录是重复的表头，不是信访件"
    R_NESTED = "第 {line} 行的 JSON 嵌套超过 {depth} 层，未解析"
    R_NOT_TEXT = "正文单元格是列表或对象，不是文本"
    R_AT_LINE = "第 {line} 行{reason}"  # a row reason that does not name its line, named (R_EMPTY …)

    # notices: what a reader set aside or repaired, shown on stderr (not errors: the run goes on)
    N_TITLE_ROWS = "注意 {path}：表头上方的 {n} 行标题未作为数据读取：{rows}"
    N_OVERFLOW = "注意 {path}：{n} 行的单元格多于表头，多出的内容以 | 并入最后一列"
    N_NO_ROWS = "注意 {path}：表头下面没有数据行"
    N_HEADER_AGAIN = "注意 {path}：第 {rows} 条记录等 {n} 处重复了表头（可能是两张表粘贴在一起），已作为错误行输出，未当作信访件"
    N_MERGED = "注意 {path}：{n} 处上下合并的单元格，其内容已填入合并范围内的每一行"
    N_QUOTE = "注意 {path}：第 {lines} 行等 {n} 处引号不成对，已按单行读取，以免吞掉后面的行"
    N_BAD_BYTES = "注意 {path}：{n} 处字节无法按 UTF-8 解码，已替换为 �（第 {lines} 行）"
    N_BAD_BYTES_GB = "注意 {path}：{n} 行有无法按 GB18030 解码的字节，已替换为 �（第 {lines} 行）"
    N_SHEET_SKIPPED = "注意 {path}：工作表“{sheet}”未读取：{why}"
    N_UNREAD_ROWS = "注意 {path}：{n} 行无法读取，未计入统计"
    N_UNREAD_DATES = "注意 {path}：交办表中有 {n} 件的交办日期无法识别，已按本表的交办日期 {date} 计算办理期限（{rows}）"
    N_UNTYPED_ROWS = "注意 {path}：{n} 行没有污染类型（分类时出错，如正文为空），未计入统计"
    N_SHEETS = "注意 {path}：读取了 {n} 个工作表（{sheets}），“工作表”列注明每行来源"
    N_NOT_INDEXED = "注意 {path}：{reason}，未索引"
    N_NOT_INDEXED_MORE = "注意 {path}：另有 {n} 行未索引（共跳过 {total} 行，只列出前几行）"
    N_CALENDAR = ("注意：{year}年的法定节假日和调休安排尚未收录，{days}个工作日暂按{days}个自然日计算"
                  "（期限 {due}），请人工核对；更新节假日数据后重新计算即可")


def listed(items) -> str:
    """The rows (or cases) a notice names, in one style on every path — the command line's and the workbench's:
    the first :data:`LISTED` joined by 、, then 等 when there are more (``第3条、第7条…等``); ``items`` are the
    words for each (``第3条``, ``第3条（5月14日）``), all of them, so that 等 is said exactly when some are left out."""
    items = list(items)
    return "、".join(items[:LISTED]) + ("等" if len(items) > LISTED else "")


class PetitionNLPError(Exception):
    """Base class: the message is complete and fit to show a user as it is."""


class InputError(PetitionNLPError):
    """An input file cannot be read at all."""


class ModelError(PetitionNLPError):
    """A model is missing or cannot be loaded."""


class DatabaseUnavailable(InputError):
    """The database holding an index cannot be reached now (down, restarting, its network gone): not a fault of
    the index or of the query, and gone when the database is back (the workbench answers 503)."""


_OS_REASONS = {"EACCES": "没有权限", "EPERM": "没有权限", "ENOENT": "文件或文件夹不存在", "ENOSPC": "磁盘已满",
               "EDQUOT": "磁盘配额已满", "EROFS": "磁盘是只读的", "EISDIR": "这是一个文件夹",
               "ENOTDIR": "路径中有一段不是文件夹", "EIO": "读写出错（磁盘或网络盘故障）", "EMFILE": "打开的文件太多",
               "ENFILE": "打开的文件太多", "ENAMETOOLONG": "文件名太长", "EBUSY": "文件正被占用",
               "ETXTBSY": "文件正被占用", "EEXIST": "文件已存在", "EXDEV": "不能跨磁盘移动", "EFBIG": "文件太大",
               "EINVAL": "文件名或路径不合法", "ELOOP": "路径中的链接循环", "ENXIO": "设备不存在",
               "ENODEV": "设备不存在", "EPIPE": "输出管道已关闭"}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese (``PermissionError`` → 没有权限; ENOSPC → 磁盘已满), for the
    messages a clerk reads; an error without a known number says its number."""
    import errno

    name = errno.errorcode.get(getattr(exc, "errno", None) or -1)
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    return f"系统错误（错误号 {exc.errno}）" if getattr(exc, "errno", None) else "系统错误"


def internal_error(exc: BaseException, where: str = "") -> str:
    """What a clerk is told of an error the program did not expect (a page, an API answer, a job's or a batch's
    record): Chinese words and a reference (编号) that the maintainers find in the log beside the traceback — never
    the error's class, its message or a path.  The error is logged here, with the reference and ``where``."""
    ref = secrets.token_hex(4)
    logging.getLogger("petitionnlp").error("internal error %s%s", ref, f" on {where}" if where else "",
                                           exc_info=(type(exc), exc, exc.__traceback__))
    return Errors.INTERNAL.format(ref=ref)
