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
        raise argparse.ArgumentTypeError(f"需要一个正整数 (a positive whole number): {value!r}")
    return n


def _limit(value: str) -> int:
    n = _whole(value, 0, 10 ** 9)
    if n is None:
        raise argparse.ArgumentTypeError(f"需要一个整数 (a whole number): {value!r}")
    return n


def _port(value: str) -> int:
    n = _whole(value, 1, 65535)
    if n is None:
        raise argparse.ArgumentTypeError(f"--port 应在 1 到 65535 之间 (a port number): {value!r}")
    return n


def _check_listen(host: str, port: int) -> None:
    """One line now rather than the server's traceback later: the address must resolve and the port be free."""
    import socket

    from .errors import Errors, PetitionNLPError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise PetitionNLPError(Errors.E051.format(host=host, port=port, reason=reason)) from None


def _cmd_classify(args) -> int:
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
    from .training import train_model

    say = (lambda msg: print(f"petitionnlp: {msg}", file=sys.stderr)) if sys.stderr and sys.stderr.isatty() else None
    card = train_model(args.corpus, args.output, base=not args.no_base, eval_corpora=args.eval_corpus,
                       region_corpora=args.region_corpus, text_column=args.text_column, progress=say,
                       blind=args.blind)
    if card["missing_types"]:
        _notices([f"注意: 训练数据中没有这些类型的例子，模型不会预测它们 (never predicted, no example): "
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
    extracted = extract_briefing(text, date)
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
    print(f"已索引 {counts['indexed']} 篇（{counts['unchanged']} 篇未变），库中共 {counts['total']} 篇: {shown(args.db)}",
          file=sys.stderr)
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
    print(f"待办队列 triage queue: {len(rows)} 件")
    print(render_queue(rows, find_text_column(list(rows[0])) if rows else None))
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, except that a word starting with ``-`` and then Chinese (``-噪声``) is an argument, not an
    option; and a usage error is one line (and exit 2), not a usage block."""

    def _parse_optional(self, arg_string):
        if len(arg_string) > 1 and arg_string[0] == "-" and not arg_string[1].isascii():
            return None
        return super()._parse_optional(arg_string)

    def error(self, message):
        self.exit(2, f"petitionnlp: {message} (petitionnlp {self.prog.split()[-1]} --help 查看用法)\n")


def _read_password(prompt: str) -> str:
    """One line from stdin, or a prompt (twice) on a terminal."""
    from .errors import Errors, InputError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if getpass.getpass("再输入一次 (again): ") != first:
            raise InputError(Errors.E050.format(reason="两次输入的密码不一致 (passwords differ)"))
        return first
    if sys.stdin is None:
        raise InputError(Errors.E009.format(path="<stdin>"))
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


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

    store = _open_store(args)
    where = describe(store.data_dir, store.url if store.shared else None)
    unit_id = None
    if args.unit is not None:
        unit = store.unit(name=args.unit)
        if unit is None:
            raise InputError(Errors.E061.format(name=args.unit))
        unit_id = unit["id"]
    password = _read_password(f"{args.name} 的密码 (password): ")
    try:
        user = add_user(store, args.name, password, args.role, unit_id)
    except OfficeError as exc:
        raise InputError(Errors.E050.format(reason=exc.message)) from None
    store.log(None, "user_added", f"user:{user['username']}", {"role": user["role"], "unit": args.unit})
    unit = f"，责任单位 {args.unit}" if args.unit else ""
    print(f"已创建用户 {user['username']}（{user['role']}{unit}），数据 {where}", file=sys.stderr)
    return 0


def _cmd_migrate(args) -> int:
    from .office.database import migrate

    where, applied = migrate(args.data, args.db_url)
    print(f"数据库结构已是最新 (schema up to date): {where}" + (f"；已应用 (applied) {', '.join(applied)}"
                                                              if applied else ""), file=sys.stderr)
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
        raise InputError(Errors.E058.format(reason=f"没有用户 {args.name} (no such user)"))
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
                                 issue=args.issue, day=dated.isoformat() if dated else None)
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


_DATA_HELP = "the workbench data folder, SQLite (default ./petitionnlp-data or $PETITIONNLP_DATA)"
_DB_HELP = "the shared database, postgresql+psycopg://USER@HOST:PORT/DB (default $PETITIONNLP_DB_URL)"


def _data_option(parser) -> None:
    """Where the workbench keeps its data: ``--data DIR`` (SQLite) or ``--db-url URL`` (the shared database)."""
    parser.add_argument("--data", metavar="DIR", help=_DATA_HELP)
    parser.add_argument("--db-url", metavar="URL", help=_DB_HELP)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="petitionnlp",
                                description="环保信访件与督察简报的中文处理流水线 (Chinese environmental petitions "
                                            "and inspection briefings)")
    p.add_argument("--version", action="version", version=f"petitionnlp {_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("classify", help="污染类型与属地 (pollution types and region of each petition)")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help=".csv .tsv .xlsx .jsonl .txt, or - for stdin lines")
    c.add_argument("-o", "--output", help="输出文件 .csv .jsonl（字段名不变，供程序读取）或 .xlsx（中文列名，可打印）；"
                                          "默认输出 JSON Lines 到标准输出")
    c.add_argument("--text-column", help="name of the petition text column")
    c.add_argument("--model", help="model folder (default: the shipped models)")
    c.add_argument("--province", help="default province for duplicate place names, e.g. 湖南")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    c.add_argument("--redact", action="store_true", help="write the text with personal information redacted "
                                                          "(【姓名】【电话】…) and a pii field")
    c.add_argument("--jobs", type=_positive_int, metavar="N",
                   help="processes for large inputs (default: the cores there are; small inputs use one)")
    c.set_defaults(func=_cmd_classify)

    r = sub.add_parser("redact", help="个人信息脱敏 (redact names, phones, IDs, plates, e-mail, accounts)")
    r.add_argument("inputs", nargs="+", metavar="INPUT", help=".csv .tsv .xlsx .jsonl .txt, or - for stdin lines")
    r.add_argument("-o", "--output", help="输出文件 .csv .jsonl（字段名不变，供程序读取）或 .xlsx（中文列名，可打印）；"
                                          "默认输出 JSON Lines 到标准输出")
    r.add_argument("--text-column", help="name of the petition text column")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    r.add_argument("--jobs", type=_positive_int, metavar="N",
                   help="processes for large inputs (default: the cores there are; small inputs use one)")
    r.set_defaults(func=_cmd_redact)

    t = sub.add_parser("train", help="训练模型 (train a model folder from your labeled records, on the shipped data)")
    t.add_argument("--corpus", nargs="+", required=True, metavar="FILE",
                   help="labeled records, any format classify reads (a 污染类型/问题类型/types column)")
    t.add_argument("-o", "--output", required=True, metavar="DIR", help="the model folder to write")
    t.add_argument("--no-base", action="store_true", help="train on the given corpora alone, not on the shipped data")
    t.add_argument("--text-column", help="name of the petition text column")
    t.add_argument("--eval-corpus", nargs="+", metavar="FILE", help="held-out corpus; its metrics go into the card")
    t.add_argument("--region-corpus", nargs="+", metavar="FILE",
                   help="more petitions with city/county (or 行政区域) for the learned region fallback")
    t.add_argument("--blind", nargs="+", metavar="SPLIT",
                   help="score only the --eval-corpus records on these splits' blind pages")
    t.set_defaults(func=_cmd_train)

    e = sub.add_parser("evaluate", help="metrics of a model folder on labeled records (one JSON object)")
    e.add_argument("--corpus", nargs="+", required=True, metavar="FILE")
    e.add_argument("--model", help="model folder (default: the shipped models)")
    e.add_argument("--against", metavar="DIR", help="a second model folder to compare with (differences: model − against)")
    e.add_argument("--text-column", help="name of the petition text column")
    e.add_argument("--blind", nargs="+", metavar="SPLIT",
                   help="score only the records on this split's blind pages (corpora/train/blind_split.json), "
                        "beside the folder's cross-validated figures")
    e.set_defaults(func=_cmd_evaluate)

    x = sub.add_parser("extract", help="简报中的指示、期限与时间表达 (directives, deadlines, time expressions)")
    x.add_argument("file", metavar="FILE", help="a briefing .txt, or - for stdin")
    x.add_argument("--date", help="document date YYYY-MM-DD (default: the date the briefing states)")
    x.add_argument("-o", "--output", help="输出文件：.json（默认格式）或 .xlsx（指示、时间表达、关键词三张中文表）；"
                                          "默认输出 JSON 到标准输出")
    x.set_defaults(func=_cmd_extract)

    ix = sub.add_parser("index", help="建立/更新检索库 (index briefings and petitions)")
    ix.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.md files (one document each), .jsonl, folders")
    ix.add_argument("--db", required=True, help="the SQLite index file, or a postgresql:// URL")
    ix.set_defaults(func=_cmd_index)

    q = sub.add_parser("search", help="检索 (search the index)")
    q.add_argument("query", metavar="QUERY", help='words; "quoted phrase"; a term of one or two characters works')
    q.add_argument("--db", required=True, help="the SQLite index file, or a postgresql:// URL")
    q.add_argument("--limit", type=_limit, default=10)
    q.add_argument("--json", action="store_true", help="a JSON list, best first")
    q.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    q.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    q.add_argument("--type", help="pollution type of indexed petitions, e.g. 噪声")
    q.add_argument("--region", help="province, city or county of indexed petitions, e.g. 衡阳市")
    q.set_defaults(func=_cmd_search)

    tr = sub.add_parser("triage", help="按紧急程度排队 (priority queue with reasons, department, repeats, due dates)")
    tr.add_argument("input", metavar="INPUT", help="one day's batch (.csv .tsv .xlsx .jsonl .txt, or -)")
    tr.add_argument("--history", metavar="DB", help="search index of earlier petitions (petitionnlp index)")
    tr.add_argument("--date", help="handover date YYYY-MM-DD for due dates (default: a date column, else today)")
    tr.add_argument("--text-column")
    tr.add_argument("--province")
    tr.add_argument("--model")
    tr.add_argument("-o", "--output", help="另把全部行连同分办字段写入文件：.csv .jsonl（字段名不变）或 .xlsx"
                                           "（中文列名，可打印）")
    tr.add_argument("--redact", action="store_true", help="personal information redacted in the queue and -o")
    tr.add_argument("--jobs", type=_positive_int, metavar="N",
                    help="processes for large inputs (default: the cores there are; small inputs use one)")
    tr.set_defaults(func=_cmd_triage)

    u = sub.add_parser("user", help="工作台账号 (workbench accounts)")
    usub = u.add_subparsers(dest="user_command", required=True, metavar="ACTION", parser_class=_Parser)
    ua = usub.add_parser("add", help="add a user (or reset a password); the password is read from stdin")
    ua.add_argument("name", metavar="NAME")
    ua.add_argument("--role", required=True, choices=["admin", "editor", "viewer", "unit"])
    ua.add_argument("--unit", metavar="UNIT", help="the unit of a unit handler (--role unit), as `unit add` named it")
    _data_option(ua)
    ua.set_defaults(func=_cmd_user)
    ud = usub.add_parser("disable", help="deactivate a user: every session and token of theirs ends at once")
    ud.add_argument("name", metavar="NAME")
    _data_option(ud)
    ud.set_defaults(func=_cmd_user_disable)

    un = sub.add_parser("unit", help="责任单位 (responsible units that cases are handed over to)")
    unsub = un.add_subparsers(dest="unit_command", required=True, metavar="ACTION", parser_class=_Parser)
    una = unsub.add_parser("add", help="add a unit; --region 省/市/县 is the place it answers for")
    una.add_argument("name", metavar="NAME")
    una.add_argument("--region", metavar="省/市/县", help="standard names joined by /, e.g. 湖南省/长沙市/岳麓区")
    _data_option(una)
    una.set_defaults(func=_cmd_unit_add)
    uni = unsub.add_parser("import", help="one unit for each city and county of a province (长沙市, 长沙市岳麓区)")
    uni.add_argument("--province", required=True, help="e.g. 湖南省")
    _data_option(uni)
    uni.set_defaults(func=_cmd_unit_import)

    rp = sub.add_parser("report", help="办理情况专报 (the progress report of the workbench's cases, as .docx)")
    rp.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="first handover date (inclusive)")
    rp.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last handover date (inclusive)")
    rp.add_argument("-o", "--output", required=True, metavar="FILE.docx")
    rp.add_argument("--issue", type=_positive_int, metavar="N",
                    help="期号（第N期）；不填时同一时间段沿用原期号，否则为已印发的最大期号加一")
    rp.add_argument("--date", metavar="YYYY-MM-DD", help="成文日期；不填时为时间段的最后一天（已过去时）或今天")
    _data_option(rp)
    rp.set_defaults(func=_cmd_report)

    w = sub.add_parser("serve", help="启动工作台 (the web workbench and HTTP API)")
    w.add_argument("--host", default="127.0.0.1")
    w.add_argument("--port", type=_port, default=8000)
    w.add_argument("--data", metavar="DIR", help=_DATA_HELP)
    w.add_argument("--db-url", metavar="URL", help=_DB_HELP)
    w.add_argument("--workers", type=_positive_int, default=1, metavar="N", help="server processes on the port")
    w.set_defaults(func=_cmd_serve)

    m = sub.add_parser("migrate", help="升级数据库结构 (bring the workbench schema to this version)")
    m.add_argument("--data", metavar="DIR", help=_DATA_HELP)
    m.add_argument("--db-url", metavar="URL", help=_DB_HELP)
    m.set_defaults(func=_cmd_migrate)

    wk = sub.add_parser("worker", help="运行后台任务 (run background jobs from the shared database's queue)")
    wk.add_argument("--db-url", metavar="URL", help=_DB_HELP)
    wk.add_argument("--concurrency", type=_positive_int, metavar="N",
                    help="jobs at once (default 1 or $PETITIONNLP_JOBS_CONCURRENCY)")
    wk.set_defaults(func=_cmd_worker)

    s = sub.add_parser("stats", help="每日属地 × 污染类型统计表 (daily region × type table)")
    s.add_argument("input", metavar="OUTPUT", help="the output of classify (.jsonl .csv .xlsx)")
    s.add_argument("--level", choices=["city", "county"], default="city")
    s.add_argument("--csv", help="write the table as CSV")
    s.add_argument("--png", help="write a bar chart PNG")
    s.set_defaults(func=_cmd_stats)
    return p


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None, *, interrupted=None) -> int:
    """Run one command; every failure is one line on stderr and a known exit status (2: the input or the
    options; 3: a bug; 130: interrupted).  ``interrupted``: the start-up's Ctrl-C handler (``_entry``), given
    back the signal while the process shuts down."""
    from .errors import Errors, PetitionNLPError
    from .office.errors import OfficeError

    if interrupted is not None and signal.getsignal(signal.SIGINT) is interrupted:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # from here KeyboardInterrupt cleans up
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except (PetitionNLPError, OfficeError) as exc:
        _say(f"petitionnlp: {exc}")
        return 2
    except KeyboardInterrupt:
        _say("petitionnlp: 已中断 (interrupted)")
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
        _say(f"petitionnlp: {Errors.E090.format(path=exc.filename or '-', reason=exc.strerror or exc)}")
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
