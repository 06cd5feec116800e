"""The pages' rendering: the templates and their filters, the error page, a redirect back with the server's own
(signed) notice, and the one way a page form turns an office refusal into that notice."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..office.clock import office_time
from ..office.errors import Forbidden, Invalid, NotFound, OfficeError
from ..office.figures import this_round_report
from ..office.labels import action_label, detail_items, label, labels, model_label, target_label
from ..office.lifecycle import CALLBACK_RESULTS, REJECT_KINDS, STATUSES, STEP_NAMES
from ..office.places import region_words
from ..office.roles import allowed
from ..io import LONG_PART, name_parts
from ..dates import CHINESE_DAY, chinese_date, chinese_time, period_words, time_words
from ..taxonomy import TYPES, in_order
from .deps import period_notice

__all__ = ["templates", "render", "render_form", "render_figures", "render_error", "start_page", "back", "notice", "safe_next", "here",
           "next_parts", "outcome", "refused_words", "clerk_words", "download", "ROLE_NAMES", "json_answer"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
ROLE_NAMES = labels()["role"]        # the roles in Chinese (data: corpora/office/labels.tsv)


def _highlight(snippet: str | None):
    """A search snippet, escaped, with its 【matched terms】 in <mark>, and a redaction's placeholder, which the
    snippet writes ［姓名］ to keep it apart from a match, shown as every other page shows it: 【姓名】."""
    text = str(escape(snippet or ""))
    return Markup(text.replace("【", "<mark>").replace("】", "</mark>").replace("［", "【").replace("］", "】"))


def _markdown(text: str | None):
    """A model card (Markdown written in this repository) as HTML: headings, lists, tables, code spans; raw HTML in
    it is shown as text, never run."""
    from markdown_it import MarkdownIt

    return Markup(MarkdownIt("commonmark", {"html": False}).enable("table").render(text or ""))


def _time_words(value: str | None, kind: str | None = None, within: bool = False) -> str:
    """A time expression's value in words (:func:`petitionnlp.dates.time_words`): ``P3D`` → 每3天 (a recurrence)
    or 3天 (a duration; ``within``, a deadline's: 3天内); ``2017-05-31`` → 2017年5月31日."""
    words = time_words(value, kind)
    return words + "内" if within and kind == "duration" and words else words


_CODE = re.compile(r"\[[EO]\d{3}\] ?")  # the maintainers' code of a message: [O300], [E005]


def clerk_words(message: str | None) -> str | None:
    """A message as a page shows it to a clerk: its words without the code ([O300] 当前状态 … → 当前状态 …),
    wherever the code stands (a notice naming several refused cases carries one per reason).  The API keeps the
    code, for programs and for the maintainers."""
    return _CODE.sub("", message) if message else message


def _kept(words: str):
    """Days in words as a page prints them: broken across lines only after a year or before 至 (2026年 / 10月28日至 /
    11月3日), never inside a number or between 28 and 日 (.day: word-break: keep-all)."""
    return Markup('<span class="day">%s</span>') % Markup("<wbr>").join(re.split(r"(?<=年)|(?=至)", words))


def _name(value) -> str:
    """A unit's or a place's name as a list prints it: broken across lines only between its parts (湘西土家族苗族自治州
    / 生态环境局 / 吉首分局: <wbr>, .name: word-break: keep-all), so that a long unit wraps in its column instead of
    pushing the table past the paper's edge, and a short one (长沙市岳麓区) never leaves 区 alone; a part still over
    ``LONG_PART`` characters after its words (:func:`petitionnlp.io.name_parts`) may break inside on paper (.long)."""
    parts = [Markup('<span class="long">%s</span>') % part if len(part) > LONG_PART else part
             for part in name_parts(value or "")]
    return Markup('<span class="name">%s</span>') % Markup("<wbr>").join(parts) if parts else ""


def _day(value) -> str:
    """A day as a page shows it to a clerk and prints it: 2026年11月12日 (the API keeps 2026-11-12), broken across
    lines only after its year (2026年 / 11月12日) in a narrow column, never inside a number."""
    words = chinese_date(value) if value else ""
    return _kept(words) if words else ""


# a day as chinese_date writes it, with the mark before it (→ , ：) — a tag between the two would read as a space
_WRITTEN_DAY = re.compile(r"(?:[^\w\s]\s?)?" + CHINESE_DAY.pattern)


def _days_kept(words) -> str:
    """Words with days in them (an audit entry's 办理期限：2026年12月18日 → 2026年12月28日) as a page prints them: each
    day whole on its line (.day: word-break: keep-all) — in the 审计 list's 内容 column it printed 2026年12月28 / 日."""
    words, out, last = str(words if words is not None else ""), [], 0
    for m in _WRITTEN_DAY.finditer(words):
        out += [escape(words[last:m.start()]), Markup('<span class="day">%s</span>') % m.group()]
        last = m.end()
    return Markup("").join(out + [escape(words[last:])])


def _period(date_from, date_to) -> str:
    """A period in a table's cell (the 抽查 list's 交办日期): :func:`period_words`, broken as a day is — a plain
    2026年10月28日 there printed 2026年 / 10月28 / 日."""
    words = period_words(date_from, date_to)
    return _kept(words) if words else ""


def _when(value, seconds: bool = False):
    """A time as a page shows it: Beijing time (the office's zone, :func:`petitionnlp.office.clock.office_time`) in
    Chinese, 2026年12月7日 21:20, never broken across lines.  ``value`` is a stored time (naive UTC) or the ISO text
    of the API, already in the office's zone with its offset."""
    if not value:
        return ""
    if not isinstance(value, str):
        value = office_time(value)
    return Markup('<span class="when">%s</span>') % chinese_time(value, seconds)


def _step_words(detail: dict | None):
    """A step of a case's history in words, its items joined by ， (never one before the first): 责任单位 衡阳市，期限
    2026年12月8日 · 待审核 → 退回，理由：… · 与 <a>C-01</a> 重复 · 请于…办结，期限 2026年11月23日 → 2026年12月15日; a reopening
    says why once (the reason, and how it came — 回访不满意 — only when that is not the reason itself)."""
    d = detail if isinstance(detail, dict) else {}
    parts = []
    if "unit" in d:
        parts.append(f"责任单位 {d['unit'] or '未分配'}")
    if d.get("due_date") and not isinstance(d["due_date"], dict):
        parts.append(f"期限 {chinese_date(d['due_date'])}")
    if d.get("status"):
        parts.append(f"{d['status']['old']} → {d['status']['new']}")
    if d.get("kind") and not d.get("duplicate_of"):
        parts.append(d["kind"])
    via = label("via", d["via"]) if d.get("via") else None
    if d.get("reason") and d["reason"] != d.get("kind"):
        parts.append(f"理由：{d['reason']}" + (f"（{via}）" if via and via != d["reason"] else ""))
    elif via:
        parts.append(f"（{via}）")
    if d.get("duplicate_of"):
        name = d.get("duplicate_receipt") or f"#{d['duplicate_of']}"
        parts.append(Markup('与 <a href="/cases/{}">{}</a> 重复').format(int(d["duplicate_of"]), name))
    if d.get("result"):
        parts.append(d["result"])
    if "passed" in d:
        parts.append("通过" if d["passed"] else "未通过")
    elif d.get("spotcheck"):
        parts.append(f"第 {d['spotcheck']} 次抽查")
    if d.get("note"):
        parts.append(d["note"])
    if d.get("handover_date"):
        parts.append(f"交办日期 {chinese_date(d['handover_date']['old'])} → {chinese_date(d['handover_date']['new'])}")
    if isinstance(d.get("due_date"), dict):
        parts.append(f"期限 {chinese_date(d['due_date']['old'])} → {chinese_date(d['due_date']['new'])}")
    if d.get("text_changed"):
        parts.append("重传的正文与已存的不同（保留已存的）")
    return Markup("，").join(escape(p) for p in parts)


templates.env.filters["highlight"] = _highlight
templates.env.filters["step_words"] = _step_words  # a history step's detail in words
templates.env.filters["in_order"] = lambda types: "、".join(in_order(types))  # 水、大气 … in the taxonomy's order
templates.env.filters["name"] = _name      # a unit or a place, broken between its parts only
templates.env.filters["days"] = _days_kept  # words with days in them, each day kept whole (2026年 / 12月28日)
templates.env.filters["day"] = _day        # 2026-11-12 → 2026年11月12日, the one way a page writes a day
templates.env.filters["when"] = _when      # a stored or an API time → 2026年12月7日 21:20, Beijing time
templates.env.filters["words"] = clerk_words        # a stored message (a batch's, a row's) without its code
templates.env.filters["markdown"] = _markdown
templates.env.filters["timewords"] = _time_words
templates.env.filters["action"] = action_label       # an action code (and its target) → its Chinese name
templates.env.filters["target"] = target_label       # petition:4 → 信访件 4
templates.env.filters["details"] = detail_items      # a detail → (Chinese key, words) pairs
templates.env.filters["model"] = model_label         # shipped → 随附模型
templates.env.filters["region"] = region_words        # 湖南省/衡阳市/衡南县 → 衡阳市衡南县
templates.env.filters["this_round"] = this_round_report  # a case's report of the round in hand, or None
templates.env.globals["label"] = label
templates.env.globals["period_words"] = period_words  # 2017年5月10日至2017年5月15日; a single day once
templates.env.globals["period_cell"] = _period       # the same in a table's cell, broken after a year or before 至
templates.env.globals["step_names"] = STEP_NAMES
templates.env.globals["reject_kinds"] = REJECT_KINDS
templates.env.globals["callback_results"] = CALLBACK_RESULTS
templates.env.globals["round_names"] = {1: "第一轮", 2: "第二轮", 3: "第三轮", 4: "第四轮", 5: "第五轮"}


def render(request: Request, name: str, session: dict | None, status: int = 200, **context) -> HTMLResponse:
    user = session["user"] if session else None
    if context.get("message") is None:  # a period box's date that is no date, or a reversed period, is said
        context["message"] = period_notice(request.query_params)
    for key in ("message", "error_message", "notice"):  # what a page says, in words: no code (clerk_words)
        context[key] = clerk_words(context.get(key))
    context.update(request=request, user=user, role_name=ROLE_NAMES.get(user["role"]) if user else None,
                   csrf=session["csrf"] if session else None, can=lambda action: allowed(user, action),
                   types=TYPES, statuses=STATUSES)
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_form(request: Request, name: str, session: dict | None, typed: dict | None, **context) -> HTMLResponse:
    """A page that carries a form, the one rule of its status: 200 as it is asked for; after a refusal of its form
    (``typed``: what was typed in it, shown again in the form) 422 — the same page with the refusal and what was
    typed, never an empty form."""
    return render(request, name, session, status=200 if typed is None else 422, typed=typed or {}, **context)


def render_figures(request: Request, name: str, session: dict | None, figures, **context) -> HTMLResponse:
    """A page of a period's figures (进度, 热点预警, 地图): ``figures()`` gives what the page shows of them; when the
    office refuses what its form asked (a start after the end: O281) it is :func:`render_form`'s page again — the
    form as typed, the refusal above it, 422, no figure — not the error page."""
    try:
        got = figures()
    except Invalid as exc:
        return render_form(request, name, session, dict(request.query_params), message=exc.message, **context)
    return render(request, name, session, **{**context, **got})  # (the figures' own period first: 热点预警's week)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """The error page: what went wrong, said once, with a way back that this user may open."""
    session = request.app.state.auth.session(request)
    user = session["user"] if session else None
    return render(request, "error.html", session, status=status, status_code=status, error_message=message,
                  message="",  # what went wrong is said once, by the error (a reversed period's notice is not added)
                  back=_referer_path(request), home=start_page(user))


def start_page(user: dict | None) -> str:
    """Where a user starts: the batches for the office's roles, 我的案件 for a unit handler, else the login."""
    if not user:
        return "/login"
    return "/batches" if allowed(user, "read") else "/cases"


def _referer_path(request: Request) -> str | None:
    """Where 返回上一页 leads (a plain link, no script under the CSP): the referring page when it is one of ours and
    not the page that failed (it would fail again)."""
    ref = urlsplit(request.headers.get("referer", "")[:2000])
    if ref.netloc and ref.netloc == request.url.netloc and ref.path.startswith("/") and not ref.path.startswith("//") \
            and ref.path != request.url.path:
        return ref.path + (f"?{ref.query}" if ref.query else "")
    return None


# a page's notice (?m=) is shown only when this server wrote it: it carries its signature (ms=), so that a link
# cannot make a page say what its sender likes
_MESSAGE_KEY = secrets.token_bytes(32)


def _signature(message: str) -> str:
    return hmac.new(_MESSAGE_KEY, message.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


def notice(request: Request) -> str | None:
    """The page's notice, when this server wrote it."""
    m, sig = request.query_params.get("m"), request.query_params.get("ms") or ""
    return m if m and hmac.compare_digest(_signature(m), sig) else None


def back(url: str, **params) -> RedirectResponse:
    """A redirect to ``url`` with ``params`` added to its query (before any #fragment); a message ``m`` is signed."""
    params = {k: v for k, v in params.items() if v}
    if "m" in params and not url.startswith("/login"):
        params["ms"] = _signature(params["m"])
    url, _, fragment = url.partition("#")
    if params:
        url += ("&" if "?" in url else "?") + urlencode(params)
    return RedirectResponse(url + (f"#{fragment}" if fragment else ""), status_code=303)


def safe_next(value: str | None, default: str) -> str:
    return value if value and value.startswith("/") and not value.startswith("//") else default


def here(request: Request) -> str:
    return str(request.url.path) + ("?" + str(request.url.query) if request.url.query else "")


def next_parts(to: str) -> tuple[str, dict]:
    """A form's 'next' page (:func:`safe_next`) as its path and its query's values (the first of each), for a page
    shown again at once instead of going back to it."""
    parts = urlsplit(to)
    return parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}


def outcome(to: str, do, done, refused: str = "未完成", again=None, partly=None):
    """A page form's answer: ``do()`` and back to ``to`` with ``done(result)`` as the notice, or with the office's
    refusal (``refused``：why); a case that is not there is the 404 page, and a step the person's role may not take
    the 403 page, as everywhere (never the case shown again to someone who may not act on it).

    ``again(message)``: a form whose fields a person typed (a report, a 不受理) is not sent back empty — on a refusal
    its page is shown again at once with the message and what was typed in its fields (nothing typed is lost).
    ``partly(result)``: for a form of many rows whose refused rows leave the others done — the page to show
    instead of going back (the refused rows as typed), or None when every row was done."""
    try:
        got = do()
    except (NotFound, Forbidden):
        raise
    except OfficeError as exc:
        offered = exc.fields.get("suggestions")
        message = f"{refused}：{exc.message}" + (f"；可选：{'、'.join(offered)}" if offered else "")
        return again(message) if again is not None else back(to, m=message)
    shown = partly(got) if partly is not None else None
    return shown if shown is not None else back(to, m=done(got))


def refused_words(failed: list[dict]) -> str:
    """Every refused case of a form of many rows and why (the office's ``failed``: ``[{"id", "name", "error"}]``),
    compactly: the cases refused for the same reason named together, in the order refused —
    ``C-01、C-05：[O300] 当前状态 已办结 不能交办；可做：重新办理；信访件 9：[O100] 没有这件信访件``; a reason that
    names its own case (O300) is said without the name, which stands before it."""
    reasons: dict[str, list[str]] = {}
    for f in failed:  # named by the office (lifecycle.each_case), as the user may know the case
        reasons.setdefault(f["error"].replace(f"{f['name']}：", "", 1), []).append(f["name"])
    return "；".join(f"{_named(names)}：{why}" for why, names in reasons.items())


templates.env.filters["refused"] = refused_words  # a returned table's refused reports, as the bulk notices say them


NAMED_AT_MOST = 10   # refused cases named for one reason; the rest counted (a notice travels in the page's address)


def _named(names: list[str]) -> str:
    """``C-01、C-05``; past :data:`NAMED_AT_MOST` cases the first of them and the count: ``C-01、…、C-10等共25件``."""
    if len(names) <= NAMED_AT_MOST:
        return "、".join(names)
    return f"{'、'.join(names[:NAMED_AT_MOST])}等共{len(names)}件"


def download(d) -> "Response":
    """A file the office hands out (:class:`petitionnlp.office.documents.Download`) as an attachment, its name in
    Chinese: RFC 6266 with RFC 5987's ``filename*=UTF-8''…`` (what browsers save it as) beside an ASCII
    ``filename`` for older programs (the download's own ASCII name, else its name with ``_`` for what ASCII lacks)."""
    from urllib.parse import quote

    from fastapi.responses import Response

    fallback = getattr(d, "fallback", "") or d.name
    fallback = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in fallback)
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(d.name, safe='')}"
    return Response(d.data, media_type=d.media_type, headers={"Content-Disposition": disposition})


def _json_fallback(value):
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)


def json_answer(data) -> "Response":
    """A large JSON answer (a list of cases) serialized here, in the route's worker thread, by the C encoder —
    not by FastAPI's ``jsonable_encoder``, which walks every value in Python on the server's event loop (a list
    of 2,000 cases held every other request of the process for a fifth of a second).  The same bytes as FastAPI's
    own JSON answer; a value the encoder does not know (a date) goes through ``jsonable_encoder``."""
    import json

    from fastapi.responses import Response

    body = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_json_fallback)
    return Response(body.encode("utf-8"), media_type="application/json")
