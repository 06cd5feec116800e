"""The command line: a thin layer that parses options and calls library functions.

Every error the library raises (:class:`~petitionnlp.errors.PetitionNLPError`) becomes one line on stderr
and exit status 2; nothing prints a traceback.  Heavy modules are imported inside each command so that
``petitionnlp --help`` and a one-line ``classify`` start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys

__all__ = ["main", "build_parser"]


def _jobs(args) -> int:
    """--jobs N (default: the cores there are)."""
    if args.jobs is None:
        from .pipeline import default_jobs

        return default_jobs()
    return args.jobs


def _whole(value: str, lo: int, hi: int) -> int | None:
    """An option's whole number: ASCII digits only (``int()`` also reads ``1_0``, `` 3``, ``-1`` and other
    scripts' digits), within [lo, hi]; None otherwise."""
    n = int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None
    return n if n is not None and lo <= n <= hi else None


def _positive_int(value: str) -> int:
    n = _whole(value, 1, 10 ** 6)
    if n is None:
        raise argparse.ArgumentTypeError(f"--jobs 需要一个正整数，收到的是：{value}")
    return n


def _limit(value: str) -> int:
    n = _whole(value, 0, 10 ** 9)
    if n is None:
        raise argparse.ArgumentTypeError(f"--limit 需要一个不小于 0 的整数，收到的是：{value}")
    return n


def _port(value: str) -> int:
    n = _whole(value, 1, 65535)
    if n is None:
        raise argparse.ArgumentTypeError(f"--port 应在 1 到 65535 之间，收到的是：{value}")
    return n


def _check_listen(host: str, port: int) -> None:
    """One line now rather than the server's traceback later: the address must resolve and the port be free."""
    import socket

    from .errors import Errors, PetitionNLPError, os_reason

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except (OSError, UnicodeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "主机名无法识别"
        raise PetitionNLPError(Errors.E051.format(host=host, port=port, reason=reason)) from None


def _cmd_classify(args) -> int:
    from .resources import no_collection

    with no_collection():  # NumPy, SciPy and the stages: nothing a collection could free
        from .pipeline import classify_files

    progress = sys.stderr is not None and sys.stderr.isatty() and not args.quiet
    counts = classify_files(args.inputs, args.output, args.text_column, args.model, args.province,
                            progress=progress, redact=args.redact, jobs=_jobs(args))
    _notices(counts["notices"])
    if args.output:
        column = "无法处理原因" if str(args.output).lower().endswith(".xlsx") else "error"
        print(f"已写出 {counts['rows']} 行到 {args.output}（其中 {counts['errors']} 行无法分类，见 {column} 列）",
              file=sys.stderr)
    return 0


def _cmd_redact(args) -> int:
    from .pipeline import redact_files

    progress = sys.stderr is not None and sys.stderr.isatty() and not args.quiet
    counts = redact_files(args.inputs, args.output, args.text_column, progress=progress, jobs=_jobs(args))
    _notices(counts["notices"])
    if args.output:
        print(f"已写出 {counts['rows']} 行到 {args.output}（脱敏 {counts['spans']} 处）", file=sys.stderr)
    return 0


def _cmd_train(args) -> int:
    from .office.clock import office_today
    from .training import train_model

    say = (lambda msg: print(f"petitionnlp: {msg}", file=sys.stderr)) if sys.stderr and sys.stderr.isatty() else None
    card = train_model(args.corpus, args.output, base=not args.no_base, eval_corpora=args.eval_corpus,
                       region_corpora=args.region_corpus, text_column=args.text_column, progress=say,
                       blind=args.blind, trained=office_today())
    if card["missing_types"]:
        _notices([f"注意：训练数据中没有这些类型的例子，模型不会预测它们："
                  f"{'、'.join(card['missing_types'])}"])
    skipped = {p: c["no_label"] + c["no_text"] + c["unreadable"] for p, c in card["rows"].items()}
    summary = {"output": args.output, "n_train": card["n_train"], "n_real": card["n_real"],
               "real_weight": card["real_weight"], "skipped_rows": skipped, "label_counts": card["label_counts"],
               "base": bool(card["base"])}
    cv = card.get("cross_validation")
    if cv:
        summary["cross_validation"] = {k: cv[k] for k in ("n", "folds", "micro_f1", "macro_f1", "top1_accuracy",
                                                           "decision")}
    if "evaluation" in card:
        ev = card["evaluation"]
        summary["evaluation"] = {k: ev[k] for k in ("n", "micro_f1", "macro_f1", "top1_accuracy")}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _cmd_evaluate(args) -> int:
    from .training import evaluate_model

    print(json.dumps(evaluate_model(args.corpus, args.model, args.against, args.text_column, blind=args.blind),
                     ensure_ascii=False))
    return 0


def _notices(lines) -> None:
    for line in lines:
        print(f"petitionnlp: {line}", file=sys.stderr)


def _cmd_stats(args) -> int:
    from .errors import Errors
    from .io import check_not_an_input
    from .stats import region_type_table, render_table, write_chart, write_table_csv

    for target in (args.csv, args.png):
        check_not_an_input(target, [args.input])
    table = region_type_table(args.input, level=args.level)
    print(render_table(table))
    if table.attrs.get("unreadable"):
        _notices([Errors.N_UNREAD_ROWS.format(path=args.input, n=table.attrs["unreadable"])])
    if table.attrs.get("untyped"):
        _notices([Errors.N_UNTYPED_ROWS.format(path=args.input, n=table.attrs["untyped"])])
    if args.csv:
        write_table_csv(table, args.csv)
        print(f"CSV: {args.csv}", file=sys.stderr)
    if args.png:
        write_chart(table, args.png)
        print(f"PNG: {args.png}", file=sys.stderr)
    return 0


def _date_option(value: str | None, option: str = "--date"):
    """``--date YYYY-MM-DD`` as a date (None when not given); a bad value is a one-line error."""
    from .dates import parse_date
    from .errors import Errors, InputError

    if not value:
        return None
    day = parse_date(value)
    if day is None:
        raise InputError(Errors.E040.format(path=option, value=value))
    return day


def _cmd_extract(args) -> int:
    from pathlib import Path

    from .briefing import extract_briefing
    from .errors import Errors, InputError
    from .io import atomic_path, check_not_an_input, read_text, write_extract_xlsx

    check_not_an_input(args.output, [args.file])
    suffix = Path(args.output).suffix.lower() if args.output else ""
    if suffix not in ("", ".json", ".txt", ".xlsx"):
        raise InputError(Errors.E031_EXTRACT.format(suffix=suffix))
    date = _date_option(args.date)
    text = read_text(args.file)
    extracted = extract_briefing(text, date, title=args.title)
    if suffix == ".xlsx":  # for people: directives, time expressions and keywords in Chinese columns
        write_extract_xlsx(args.output, extracted)
        return 0
    result = json.dumps(extracted, ensure_ascii=False, indent=1)
    if args.output:
        with atomic_path(args.output) as tmp, open(tmp, "w", encoding="utf-8") as fh:
            fh.write(result + "\n")
    else:
        print(result)
    return 0


def _cmd_index(args) -> int:
    from .search import index_paths, shown

    counts = index_paths(args.paths, args.db)
    _notices(counts["notices"])
    gone = f"移除 {counts['removed']} 篇（文件中已没有那一行），" if counts["removed"] else ""
    print(f"已索引 {counts['indexed']} 篇（{counts['unchanged']} 篇未变），跳过 {counts['skipped']} 行，{gone}"
          f"库中共 {counts['total']} 篇: {shown(args.db)}", file=sys.stderr)
    return 0


def _cmd_search(args) -> int:
    from pathlib import Path

    from .errors import Errors, InputError
    from .search import MAX_LIMIT, SearchIndex, is_url

    date_from, date_to = _date_option(args.date_from, "--from"), _date_option(args.date_to, "--to")
    if not 1 <= args.limit <= MAX_LIMIT:
        raise InputError(Errors.E041.format(value=args.limit, max=MAX_LIMIT))
    if not is_url(args.db) and not Path(args.db).is_file():
        raise InputError(Errors.E001.format(path=args.db))
    with SearchIndex(args.db, readonly=True) as ix:
        hits = ix.search(args.query, args.limit, date_from and date_from.isoformat(),
                         date_to and date_to.isoformat(), args.type, args.region)
    if hits.notice:
        print(hits.notice, file=sys.stderr)
    if 0 < len(hits) < args.limit:
        print(f"共找到 {len(hits)} 篇（--limit {args.limit}）：与检索词相符的只有这些", file=sys.stderr)
    if args.json:
        print(json.dumps([{k: h[k] for k in ("id", "title", "date", "score", "snippet")} for h in hits],
                         ensure_ascii=False))
        return 0
    if not hits:
        print(f"没有找到与 “{args.query}” 相符的文档")
    for i, h in enumerate(hits, 1):
        print(f"{i:2d}. {h['title'] or h['id']}" + (f"  {h['date']}" if h["date"] else "") + f"\n    {h['snippet']}")
    return 0


def _cmd_triage(args) -> int:
    from .io import BatchWriter, find_text_column
    from .pipeline import triage_file
    from .triage import render_queue

    from .io import check_not_an_input

    handover = _date_option(args.date)
    check_not_an_input(args.output, [args.input, args.history])
    rows, notices = triage_file(args.input, args.text_column, handover, args.history, args.model, args.province,
                                redact=args.redact, jobs=_jobs(args))
    _notices(notices)
    if args.output:
        fields = list(dict.fromkeys(k for r in rows for k in r))
        with BatchWriter(args.output, fields, [args.input, args.history]) as writer:
            writer.write(rows)
    print(f"待办队列：{len(rows)} 件")
    print(render_queue(rows, find_text_column(list(rows[0])) if rows else None))
    return 0


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with its one word of its own in Chinese (用法：)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


# argparse's own complaints (Python 3.10–3.13 wording) in Chinese: (pattern, replacement)
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", r"缺少必填的参数：\1"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 的取值 \2 不可用，可选：\3"),
    (r"argument (.*?): invalid (\w+) value: (.*)", r"参数 \1 的值 \3 格式不对"),
    (r"argument (.*?): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (.*?): expected at least one argument", r"参数 \1 后面至少需要一个值"),
    (r"argument (.*?): expected (\d+) arguments?", r"参数 \1 后面需要 \2 个值"),
    (r"argument (.*?): ignored explicit argument (.*)", r"参数 \1 不接受值：\2"),
    (r"argument (.*?): not allowed with argument (.*)", r"参数 \1 不能与 \2 同时使用"),
    (r"ambiguous option: (.*?) could match (.*)", r"选项 \1 不明确，可能是：\2"),
    (r"one of the arguments (.*) is required", r"须给出其中一个参数：\1"),
    (r"argument (.*?): (\1.*)", r"\2"),  # a type check of ours that names its option (in Chinese already)
    (r"argument (.*?): (.*)", r"参数 \1：\2"),  # a type check of ours (its words are Chinese already)
)


def _argparse_message(message: str) -> str:
    import re

    for pattern, replacement in _ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message, flags=re.S):
            return re.sub(pattern, replacement, message, count=1, flags=re.S)
    return message


class _Parser(argparse.ArgumentParser):
    """argparse, except that a word starting with ``-`` and then Chinese (``-噪声``) is an argument, not an
    option; a usage error is one line (and exit 2), not a usage block; and its help and complaints are in
    Chinese (the option names stay as they are typed)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本说明并退出")

    def _parse_optional(self, arg_string):
        if len(arg_string) > 1 and arg_string[0] == "-" and not arg_string[1].isascii():
            return None
        return super()._parse_optional(arg_string)

    def error(self, message):
        command = self.prog.split(maxsplit=1)[1] + " " if " " in self.prog else ""
        self.exit(2, f"petitionnlp: {_argparse_message(message)}（petitionnlp {command}--help 查看用法）\n")


def _read_password(prompt: str) -> str:
    """One line from stdin, or a prompt (twice) on a terminal."""
    from .errors import Errors, InputError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if getpass.getpass("再输入一次：") != first:
            raise InputError(Errors.E050.format(reason="两次输入的密码不一致"))
        return first
    if sys.stdin is None:
        raise InputError(Errors.E009.format(path="<stdin>"))
    source = getattr(sys.stdin, "buffer", None)
    if source is None:  # a text stream given by a caller (tests, an embedding program)
        return sys.stdin.readline().rstrip("\r\n")
    # bytes, decoded as a file is: UTF-8 (a BOM dropped), else GB18030 — what a Chinese Windows console sends; the
    # password is its characters, whatever the terminal's encoding
    raw = source.readline().rstrip(b"\r\n")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(Errors.E050.format(reason="密码含有无法识别的字符（既不是 UTF-8 也不是 GBK 编码）"))


def _open_store(args):
    """The workbench's store of ``--data`` or ``--db-url``: every command that reads or writes the workbench opens
    it here (SQLite created and migrated if needed; a shared database checked to be on the current schema)."""
    from .office.database import open_store

    return open_store(getattr(args, "data", None), getattr(args, "db_url", None))


def _cmd_user(args) -> int:
    from .errors import Errors, InputError
    from .office.accounts import add_user
    from .office.database import describe
    from .office.errors import OfficeError
    from .office.labels import label

    store = _open_store(args)
    where = describe(store.data_dir, store.url if store.shared else None)
    unit_id = None
    if args.unit is not None:
        unit = store.unit(name=args.unit)
        if unit is None:
            raise InputError(Errors.E061.format(name=args.unit))
        unit_id = unit["id"]
    password = _read_password(f"{args.name} 的密码：")
    try:
        user = add_user(store, args.name, password, args.role, unit_id)
    except OfficeError as exc:
        raise InputError(Errors.E050.format(reason=exc.message)) from None
    store.log(None, "user_added", f"user:{user['username']}", {"role": user["role"], "unit": args.unit})
    unit = f"，责任单位 {args.unit}" if args.unit else ""
    print(f"已创建用户 {user['username']}（{label('role', user['role'])}{unit}），数据 {where}", file=sys.stderr)
    return 0


def _cmd_migrate(args) -> int:
    from .office.database import migrate

    where, applied = migrate(args.data, args.db_url)
    print(f"数据库结构已是最新：{where}" + (f"；本次升级：{'、'.join(applied)}" if applied else ""), file=sys.stderr)
    return 0


def _cmd_worker(args) -> int:
    from .office.worker import worker

    worker(args.db_url, args.concurrency)
    return 0


def _cmd_user_disable(args) -> int:
    from .errors import Errors, InputError
    from .office.accounts import deactivate_user

    store = _open_store(args)
    if deactivate_user(store, args.name) is None:
        raise InputError(Errors.E058.format(reason=f"没有用户 {args.name}"))
    store.log(None, "user_disabled", f"user:{args.name}")
    print(f"已停用用户 {args.name}，其登录会话和令牌均已失效", file=sys.stderr)
    return 0


def _cmd_unit_add(args) -> int:
    from .office.units import add_unit

    unit, created = add_unit(_open_store(args), args.name, args.region)
    region = "/".join(x for x in (unit["province"], unit["city"], unit["county"]) if x) or "无（仅手工交办）"
    print(f"{'已添加' if created else '已存在，未改动'}责任单位 {unit['name']}（属地 {region}）", file=sys.stderr)
    return 0


def _cmd_unit_import(args) -> int:
    from .office.units import import_units

    new, total = import_units(_open_store(args), args.province)
    print(f"{args.province}：{total} 个市州、县市区责任单位，新添加 {new} 个，已有的保留", file=sys.stderr)
    return 0


def _cmd_report(args) -> int:
    from .dates import chinese_date
    from .io import atomic_path
    from .office.documents import progress_report

    store = _open_store(args)
    days = [_date_option(v, o) for v, o in ((args.date_from, "--from"), (args.date_to, "--to"))]
    dated = _date_option(args.date, "--date") if args.date else None
    data, docx = progress_report(store, None, *[d.isoformat() if d else None for d in days], "docx", via="cli",
                                 issue=args.issue, day=dated.isoformat() if dated else None, draft=args.draft)
    with atomic_path(args.output) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(docx.data)
    for line in data["sentences"]:
        print(line)
    print(f"已写出 {args.output}（第{data['issue']}期，{chinese_date(data['date'])}）", file=sys.stderr)
    return 0


def _cmd_serve(args) -> int:
    from .web.serve import serve

    _check_listen(args.host, args.port)
    serve(args.host, args.port, args.data, args.db_url, args.workers)
    return 0


_DATA_HELP = "工作台的数据文件夹（SQLite；默认 ./petitionnlp-data 或 $PETITIONNLP_DATA）"
_DB_HELP = "共享数据库，如 postgresql+psycopg://用户@主机:端口/库名（默认 $PETITIONNLP_DB_URL）"
_INPUTS = "待处理的文件：.csv .tsv .xlsx .jsonl .txt（每行一件），或 - 表示从标准输入逐行读取"
_TEXT_COLUMN = "正文所在列的列名（默认按表头自动识别：交办问题基本情况、信访内容、举报内容 …）"
_OUTPUT = "输出文件 .csv .jsonl（字段名不变，供程序读取）或 .xlsx（中文列名，可打印）；默认输出 JSON Lines 到标准输出"
_JOBS = "大文件用几个进程并行处理（默认用上全部处理器核；小文件只用一个）"
_QUIET = "不显示进度条"
_MODEL = "模型文件夹（默认用随附模型）"
_PROVINCE = "重名地名优先按哪个省理解，如 湖南"
_DATE = "年-月-日"


def _data_option(parser) -> None:
    """Where the workbench keeps its data: ``--data DIR`` (SQLite) or ``--db-url URL`` (the shared database)."""
    parser.add_argument("--data", metavar="目录", help=_DATA_HELP)
    parser.add_argument("--db-url", metavar="数据库地址", help=_DB_HELP)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="petitionnlp", description="环保信访件与督察简报的中文处理流水线和工作台")
    p.add_argument("--version", action="version", version=f"petitionnlp {_version()}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", required=True, title="命令", metavar="命令", parser_class=_Parser)

    c = sub.add_parser("classify", help="判断每件信访件的污染类型与属地", description="判断每件信访件的污染类型与属地")
    c.add_argument("inputs", nargs="+", metavar="输入文件", help=_INPUTS)
    c.add_argument("-o", "--output", metavar="输出文件", help=_OUTPUT)
    c.add_argument("--text-column", metavar="列名", help=_TEXT_COLUMN)
    c.add_argument("--model", metavar="目录", help=_MODEL)
    c.add_argument("--province", metavar="省", help=_PROVINCE)
    c.add_argument("-q", "--quiet", action="store_true", help=_QUIET)
    c.add_argument("--redact", action="store_true", help="输出脱敏后的正文（【姓名】【电话】…）和 pii 字段")
    c.add_argument("--jobs", type=_positive_int, metavar="个数", help=_JOBS)
    c.set_defaults(func=_cmd_classify)

    r = sub.add_parser("redact", help="个人信息脱敏：姓名、电话、证件号、车牌、邮箱、账号",
                       description="个人信息脱敏：姓名、电话、证件号、车牌、邮箱、账号")
    r.add_argument("inputs", nargs="+", metavar="输入文件", help=_INPUTS)
    r.add_argument("-o", "--output", metavar="输出文件", help=_OUTPUT)
    r.add_argument("--text-column", metavar="列名", help=_TEXT_COLUMN)
    r.add_argument("-q", "--quiet", action="store_true", help=_QUIET)
    r.add_argument("--jobs", type=_positive_int, metavar="个数", help=_JOBS)
    r.set_defaults(func=_cmd_redact)

    t = sub.add_parser("train", help="用本单位已标注的记录训练模型（在随附训练数据之上）",
                       description="用本单位已标注的记录训练模型（在随附训练数据之上）")
    t.add_argument("--corpus", nargs="+", required=True, metavar="文件",
                   help="已标注的记录，classify 能读的任何格式（须有 污染类型、问题类型 等类型列）")
    t.add_argument("-o", "--output", required=True, metavar="目录", help="写出的模型文件夹")
    t.add_argument("--no-base", action="store_true", help="只用给出的语料训练，不加随附训练数据")
    t.add_argument("--text-column", metavar="列名", help=_TEXT_COLUMN)
    t.add_argument("--eval-corpus", nargs="+", metavar="文件", help="留出的评测语料，其指标写入模型说明")
    t.add_argument("--region-corpus", nargs="+", metavar="文件",
                   help="更多带市、县（或行政区域）列的信访件，用于学习属地的兜底判断")
    t.add_argument("--blind", nargs="+", metavar="划分", help="只在这些划分的盲测页面上为 --eval-corpus 的记录评分")
    t.set_defaults(func=_cmd_train)

    e = sub.add_parser("evaluate", help="模型文件夹在已标注记录上的指标（输出一个 JSON 对象）",
                       description="模型文件夹在已标注记录上的指标（输出一个 JSON 对象）")
    e.add_argument("--corpus", nargs="+", required=True, metavar="文件", help="已标注的记录")
    e.add_argument("--model", metavar="目录", help=_MODEL)
    e.add_argument("--against", metavar="目录", help="用来比较的另一个模型文件夹（差值 = 本模型 − 比较模型）")
    e.add_argument("--text-column", metavar="列名", help=_TEXT_COLUMN)
    e.add_argument("--blind", nargs="+", metavar="划分",
                   help="只为这些划分的盲测页面上的记录评分（corpora/train/blind_split.json），与模型文件夹中的交叉验证指标并列")
    e.set_defaults(func=_cmd_evaluate)

    x = sub.add_parser("extract", help="抽取简报中的指示、期限与时间表达", description="抽取简报中的指示、期限与时间表达")
    x.add_argument("file", metavar="文件", help="一份简报 .txt，或 - 表示从标准输入读取")
    x.add_argument("--date", metavar=_DATE, help="简报日期（默认用简报自己写明的日期）")
    x.add_argument("--title", metavar="标题", help="简报标题（正文不含标题时给出：标题写明的年份用于确定正文中只写月日的日期）")
    x.add_argument("-o", "--output", metavar="输出文件",
                   help="输出文件：.json（默认格式）或 .xlsx（指示、时间表达、关键词三张中文表）；默认输出 JSON 到标准输出")
    x.set_defaults(func=_cmd_extract)

    ix = sub.add_parser("index", help="建立或更新检索库（简报与信访件）", description="建立或更新检索库（简报与信访件）")
    ix.add_argument("paths", nargs="+", metavar="路径", help=".txt/.md 文件（每个一篇）、.jsonl 文件（每行一篇）或文件夹")
    ix.add_argument("--db", required=True, metavar="检索库", help="SQLite 检索库文件，或 postgresql:// 开头的数据库地址")
    ix.set_defaults(func=_cmd_index)

    q = sub.add_parser("search", help="在检索库中检索", description="在检索库中检索")
    q.add_argument("query", metavar="检索词", help="字词；带引号的“短语”；一两个字的词（如 噪声、水）也可以")
    q.add_argument("--db", required=True, metavar="检索库", help="SQLite 检索库文件，或 postgresql:// 开头的数据库地址")
    q.add_argument("--limit", type=_limit, default=10, metavar="条数", help="最多列出几条（默认 10，至多 1000）")
    q.add_argument("--json", action="store_true", help="输出 JSON 列表（相关度从高到低，含得分）")
    q.add_argument("--from", dest="date_from", metavar=_DATE, help="只要这一天及以后的文档")
    q.add_argument("--to", dest="date_to", metavar=_DATE, help="只要这一天及以前的文档")
    q.add_argument("--type", metavar="类型", help="已索引信访件的污染类型，如 噪声")
    q.add_argument("--region", metavar="属地", help="已索引信访件的省、市或县，如 衡阳市")
    q.set_defaults(func=_cmd_search)

    tr = sub.add_parser("triage", help="按紧急程度排出待办队列：理由、承办部门、重复件、办理期限",
                        description="按紧急程度排出待办队列：理由、承办部门、重复件、办理期限")
    tr.add_argument("input", metavar="输入文件", help="一天的交办表（.csv .tsv .xlsx .jsonl .txt，或 -）")
    tr.add_argument("--history", metavar="检索库", help="以往信访件的检索库（petitionnlp index 建立），用于查找重复件")
    tr.add_argument("--date", metavar=_DATE, help="每一行的交办日期，用于计算办理期限（默认用各行自己的交办日期；没有的，"
                    "用表头上方标题行的交办时间、日期列的第一个日期，否则用今天）")
    tr.add_argument("--text-column", metavar="列名", help=_TEXT_COLUMN)
    tr.add_argument("--province", metavar="省", help=_PROVINCE)
    tr.add_argument("--model", metavar="目录", help=_MODEL)
    tr.add_argument("-o", "--output", metavar="输出文件",
                    help="另把全部行连同分办字段写入文件：.csv .jsonl（字段名不变）或 .xlsx（中文列名，可打印）")
    tr.add_argument("--redact", action="store_true", help="队列和输出文件中的个人信息脱敏")
    tr.add_argument("--jobs", type=_positive_int, metavar="个数", help=_JOBS)
    tr.set_defaults(func=_cmd_triage)

    u = sub.add_parser("user", help="工作台账号", description="工作台账号：新建（或重设密码）、停用")
    usub = u.add_subparsers(dest="user_command", required=True, title="操作", metavar="操作", parser_class=_Parser)
    ua = usub.add_parser("add", help="新建账号（或重设密码）；密码从标准输入读取，在终端上则提示输入",
                         description="新建账号（或重设密码）；密码从标准输入读取一行，在终端上则提示输入两次")
    ua.add_argument("name", metavar="用户名", help="登录用的用户名")
    ua.add_argument("--role", required=True, choices=["admin", "editor", "viewer", "unit"],
                    help="角色：admin 管理员，editor 编辑，viewer 查看者（只读，个人信息隐去），unit 属地经办人")
    ua.add_argument("--unit", metavar="单位", help="属地经办人（--role unit）所属的责任单位，名称同 petitionnlp unit add")
    _data_option(ua)
    ua.set_defaults(func=_cmd_user)
    ud = usub.add_parser("disable", help="停用账号：其所有登录会话和令牌立即失效",
                         description="停用账号：其所有登录会话和令牌立即失效")
    ud.add_argument("name", metavar="用户名", help="要停用的用户名")
    _data_option(ud)
    ud.set_defaults(func=_cmd_user_disable)

    un = sub.add_parser("unit", help="责任单位（信访件交办的对象）", description="责任单位（信访件交办的对象）：添加、按省导入")
    unsub = un.add_subparsers(dest="unit_command", required=True, title="操作", metavar="操作", parser_class=_Parser)
    una = unsub.add_parser("add", help="添加责任单位；--region 是它负责的地方",
                           description="添加责任单位；--region 是它负责的地方（没有 --region 的单位只接收手工交办）")
    una.add_argument("name", metavar="单位名称", help="如 长沙市岳麓区、省生态环境厅")
    una.add_argument("--region", metavar="省/市/县", help="用 / 连接的标准名称，如 湖南省/长沙市/岳麓区")
    _data_option(una)
    una.set_defaults(func=_cmd_unit_add)
    uni = unsub.add_parser("import", help="为一个省的每个市州、每个县市区各建一个责任单位（长沙市、长沙市岳麓区）",
                           description="为一个省的每个市州、每个县市区各建一个责任单位（长沙市、长沙市岳麓区）；已有的保留")
    uni.add_argument("--province", required=True, metavar="省", help="如 湖南省")
    _data_option(uni)
    uni.set_defaults(func=_cmd_unit_import)

    rp = sub.add_parser("report", help="生成工作台信访件的办理情况专报（Word 文档）",
                        description="生成工作台信访件的办理情况专报（Word 文档）")
    rp.add_argument("--from", dest="date_from", metavar=_DATE, help="起始交办日期（含当天）")
    rp.add_argument("--to", dest="date_to", metavar=_DATE, help="截止交办日期（含当天）")
    rp.add_argument("-o", "--output", required=True, metavar="文件.docx", help="写出的专报")
    rp.add_argument("--issue", type=_positive_int, metavar="N",
                    help="期号（第N期）；不填时同一时间段沿用原期号，否则为已印发的最大期号加一")
    rp.add_argument("--date", metavar=_DATE, help="成文日期；不填时为今天（统计数字所截至的日期）")
    rp.add_argument("--draft", action="store_true", help="送审稿：不编期号、不占用期号，审阅后再印发")
    _data_option(rp)
    rp.set_defaults(func=_cmd_report)

    w = sub.add_parser("serve", help="启动工作台（网页和数据接口）", description="启动工作台（网页和数据接口）")
    w.add_argument("--host", default="127.0.0.1", metavar="地址", help="监听的地址（默认 127.0.0.1，只许本机访问）")
    w.add_argument("--port", type=_port, default=8000, metavar="端口", help="监听的端口（默认 8000）")
    w.add_argument("--data", metavar="目录", help=_DATA_HELP)
    w.add_argument("--db-url", metavar="数据库地址", help=_DB_HELP)
    w.add_argument("--workers", type=_positive_int, default=1, metavar="个数", help="在同一端口上运行几个服务进程（默认 1）")
    w.set_defaults(func=_cmd_serve)

    m = sub.add_parser("migrate", help="把数据库结构升级到本版本", description="把工作台的数据库结构升级到本版本")
    m.add_argument("--data", metavar="目录", help=_DATA_HELP)
    m.add_argument("--db-url", metavar="数据库地址", help=_DB_HELP)
    m.set_defaults(func=_cmd_migrate)

    wk = sub.add_parser("worker", help="运行共享数据库队列中的后台任务", description="运行共享数据库队列中的后台任务")
    wk.add_argument("--db-url", metavar="数据库地址", help=_DB_HELP)
    wk.add_argument("--concurrency", type=_positive_int, metavar="个数",
                    help="同时运行几个任务（默认 1 或 $PETITIONNLP_JOBS_CONCURRENCY）")
    wk.set_defaults(func=_cmd_worker)

    s = sub.add_parser("stats", help="每日属地 × 污染类型统计表", description="每日属地 × 污染类型统计表")
    s.add_argument("input", metavar="分类结果", help="classify 的输出文件（.jsonl .csv .xlsx）")
    s.add_argument("--level", choices=["city", "county"], default="city", help="按市（city，默认）或按县（county）统计")
    s.add_argument("--csv", metavar="文件.csv", help="把统计表另存为 CSV")
    s.add_argument("--png", metavar="文件.png", help="把柱状图另存为 PNG")
    s.set_defaults(func=_cmd_stats)
    return p


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None, *, interrupted=None) -> int:
    """Run one command; every failure is one line on stderr and a known exit status (2: the input or the
    options; 3: a bug; 130: interrupted).  ``interrupted``: the start-up's Ctrl-C handler (``_entry``), given
    back the signal while the process shuts down."""
    from .errors import Errors, PetitionNLPError, os_reason
    from .office.errors import OfficeError

    if interrupted is not None and signal.getsignal(signal.SIGINT) is interrupted:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # from here KeyboardInterrupt cleans up
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except (PetitionNLPError, OfficeError) as exc:
        said = str(exc)
        if said.startswith("[E004]") and "现有列" in said:
            said += Errors.E004_CLI  # the command line has an option for it
        _say(f"petitionnlp: {said}")
        return 2
    except KeyboardInterrupt:
        _say("petitionnlp: 已中断")
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except MemoryError:
        if _debug():
            raise
        _say(f"petitionnlp: {Errors.E091}")
        return 2
    except OSError as exc:  # permissions, a full disk, a vanished file
        if _debug():
            raise
        _say(f"petitionnlp: {Errors.E090.format(path=exc.filename or '-', reason=os_reason(exc))}")
        return 2
    except Exception as exc:  # a bug: still one line, with a way to see the traceback
        if _debug():
            raise
        reason = str(exc).splitlines()[0] if str(exc) else ""
        _say(f"petitionnlp: {Errors.E099.format(kind=type(exc).__name__, reason=reason[:200])}")
        return 3
    finally:
        if interrupted is not None:
            signal.signal(signal.SIGINT, interrupted)  # shutting down: an interrupt is one line too
        _flush_stdout()


def _debug() -> bool:
    from .settings import get_settings

    try:
        return get_settings().debug
    except Exception:  # noqa: BLE001 — a bad setting must not hide the error being reported
        return bool(os.environ.get("PETITIONNLP_DEBUG"))


def _say(line: str) -> None:
    if sys.stderr is not None:
        try:
            print(line, file=sys.stderr)
        except (OSError, ValueError):
            pass


def _quiet_stdout() -> None:
    """After a closed pipe (``| head``) nothing more is written, and Python's own flush at exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _flush_stdout() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
