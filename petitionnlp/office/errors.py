"""Every refusal of the office, in one place, with a code: what :mod:`petitionnlp.errors` is for the pipeline.

The office raises these and nothing else for a request it refuses; each class is one kind of refusal, and the web
turns the kind into its HTTP status in one handler (``web/app.py``), the command line into one line on stderr.  A
refusal carries the facts a program needs beside its message (``allowed`` steps, the current ``status`` and
``version``, place ``suggestions``): they become fields of the JSON answer.
"""

from __future__ import annotations

__all__ = ["OfficeError", "NotFound", "Invalid", "Forbidden", "Conflict", "Stale", "Messages"]


class OfficeError(Exception):
    """A refusal: the message is complete and fit to show a clerk; ``fields`` go beside it in an API answer."""

    kind = "invalid"

    def __init__(self, message: str, **fields):
        super().__init__(message)
        self.message = message
        self.fields = fields


class NotFound(OfficeError):
    """No such record, or not one this user may see (another unit's case is "not found" to it)."""

    kind = "not_found"


class Invalid(OfficeError):
    """A request the rules refuse as it is written (a missing field, an unknown type or place)."""

    kind = "invalid"


class Forbidden(OfficeError):
    """The user's role may not do this."""

    kind = "forbidden"


class Conflict(OfficeError):
    """The record's state does not allow this now (a step not in the lifecycle's table, a batch with reports):
    ``allowed`` names what is open to this user now."""

    kind = "conflict"


class Stale(Conflict):
    """A change sent with the version it was read at, after the record changed."""

    @property
    def current(self) -> int | None:
        """The record's version now."""
        return self.fields.get("version")


class Messages:
    """Message templates, ``O###`` codes (the office's), in Chinese only: a clerk reads them on the pages (the code
    may stay beside the words, for the maintainers); a program reads the code and the fields beside the message."""

    # not found
    O100 = "[O100] 没有这件信访件"
    O101 = "[O101] 没有这个批次"
    O102 = "[O102] 没有这份简报"
    O103 = "[O103] 没有这个模型版本"
    O104 = "[O104] 没有这个后台任务"
    O105 = "[O105] 没有这次抽查"
    O106 = "[O106] 此件不在这次抽查之中"
    O107 = "[O107] 这份简报中没有这项常态任务"
    O180 = "[O180] 没有这个重复举报组，或其中没有您可查看的信访件"
    # invalid requests
    O200 = "[O200] 缺少{what}"
    O201 = "[O201] {what}应为 {choices} 之一，收到的是：{value}"
    O202 = "[O202] {what}超过 {limit} 字"
    O203 = "[O203] {what}应为不小于 0 的数，收到的是：{value}"
    O204 = "[O204] {what}应为整数，收到的是：{value}"
    O205 = "[O205] {what}中没有这些项：{names}；可填的项：{known}"
    O206 = "[O206] 查处情况应为各项的数字"
    O207 = "[O207] 污染类型应为 {types} 之一，收到的是：{bad}"
    O208 = "[O208] 没有这个责任单位：{name}"
    O209 = "[O209] 地名库中没有 {name}：请从建议中选择，或写成 省/市/县 的标准名称"
    O210 = "[O210] {name} 对应多个地方：请从建议中选择"
    O211 = "[O211] 地名含有控制字符或过长"
    O212 = "[O212] 没有要更正的内容：请填写{fields}"
    O213 = "[O213] 不能修改这一项：{field}"
    O214 = "[O214] {what}须写明理由"
    O215 = "[O215] 状态应为 {statuses} 之一"
    O216 = "[O216] {name}应为 年-月-日 格式的日期（如 2017-05-15），收到的是：{value}"
    O217 = "[O217] 回复期限应为 0 到 3650 之间的整数，收到的是：{value}"
    O218 = "[O218] 检索词含有控制字符或无效字符"
    O219 = "[O219] 检索词无法解析，请换一种写法"
    O220 = "[O220] 还没有更正过的信访件，无法重新训练"
    O221 = "[O221] 上传的文件为空"
    O222 = "[O222] 重复件应以另一件信访件的受理编号或编号指明"
    O223 = "[O223] 批量操作应为 {actions} 之一"
    O224 = "[O224] 角色应为 {roles} 之一"
    O225 = "[O225] 属地经办人须且只须指定一个责任单位（--unit），其他角色不指定责任单位"
    O226 = "[O226] 用户名应为 1 到 64 个可打印字符"
    O227 = "[O227] 密码至少 {n} 个字符"
    O228 = "[O228] 与在办件重复，须填写与之重复的在办件的受理编号"
    O229 = "[O229] 重复件应为另一件未撤回、未作不受理的信访件，收到的是：{value}"
    O230 = "[O230] 是否通过抽查复核应为“是”或“否”"
    O231 = "[O231] 抽查比例应大于 0、不超过 1，收到的是：{value}"
    O232 = "[O232] 随机种子应为至多 15 位数字的整数（不填则随机生成），收到的是：{value}"
    O233 = "[O233] 所选期间没有审核办结的信访件，无可抽查"
    O234 = "[O234] 回访记录应为列表（每条含信访件、结果、说明），至多 {n} 条"
    O235 = "[O235] {field}含有无效字符（{what}），请删去后重试"
    O236 = "[O236] {field}应为 {lo} 到 {hi} 之间的整数，收到的是：{value}"
    O237 = "[O237] {field}应为 {lo} 到 {hi} 之间的数，收到的是：{value}"
    O238 = "[O238] {field}应为文字，收到的是：{value}"
    O239 = "[O239] 报告日应为这项常态任务的报告日之一：{value}"
    O240 = "[O240] 新的办理期限不能早于今天（{today}），收到的是：{value}"
    O241 = "[O241] 重复件应为同一地方反映的问题：{other}属{there}，本件属{here}；如本件属地有误，请先更正行政区域"
    O242 = "[O242] 更正后本件属{here}，与之关联的重复件{other}属{there}：重复件应为同一地方反映的问题，请先对该不受理件重新办理，再更正行政区域"
    O243 = "[O243] 与本件关联的{other}此刻正由他人办理（同时操作），本次未保存，请稍后再提交"
    LONG_CELL = "一段 {n} 字的文字"  # a cell too long to quote whole, as O408 names it (a part of a message)
    O280 = "[O280] 没有这个省份，或地名库中没有它的县级区划：{name}"
    O281 = "[O281] 统计期间的起始日期不能晚于截止日期：{date_from} 晚于 {date_to}"
    O282 = "[O282] 交办表中受理编号 {receipt} 下的信访件过多，无法另立编号：请核对受理编号后重新上传"
    O283 = ("[O283] 保存时另有上传反复同时保存相同受理编号的信访件，本表只保存了前 {done} 行：请稍后重新上传同一交办表，"
            "已保存的不会重复")
    # conflicts with the case's state
    O300 = "[O300] {name}：当前状态 {status} 不能{step}{why}；可做：{allowed}"
    O301 = "[O301] 此件已被他人修改（当前版本 {current}），请刷新后再改"
    O302 = "[O302] 改状态请用办理步骤（签收、报送、审核、不受理、重新办理），不能直接设为 {status}"
    O303 = "[O303] 批次中已有 {n} 件报送了办理情况，不能撤回"
    O304 = "[O304] 批次已撤回"
    O305 = "[O305] 此件所在批次已撤回"
    O306 = "[O306] 此件在这次抽查中已复核（{result}），不再重复记录"
    O307 = "[O307] 批次仍在保存中（已保存 {done}/{rows} 行），不能{what}：请待保存完成后再操作"
    # stored, the rest waits for the database
    O400 = "[O400] 批次已保存，数据库暂时无法连接：恢复后自动继续处理，请勿重复上传"
    O401 = "[O401] 任务已保存，数据库暂时无法连接：恢复后自动执行，请勿重复提交"
    # notices: what an upload tells the clerk beside its counts (the batch's message)
    O408 = ("[O408] 注意：交办表中有 {n} 件的交办日期无法识别，已按批次的交办日期 {date} 作为信访件保存并计算办理期限"
            "（{rows}）；请核对交办表（日期应写作 2017-05-15、2017年5月15日）")
    O409 = "[O409] 注意：交办表中有 {n} 件写有自己的交办日期，与批次的交办日期 {date} 不同，已按各自的日期计算办理期限（{rows}）"
    O410 = ("[O410] 注意：交办表中有 {n} 件信访件与前面的行受理编号相同而内容不同，已作为另外的信访件保存，"
            "受理编号后加 -2、-3 等区分（{rows}）；请核对交办表中的受理编号")
    O411 = ("[O411] 注意：保存本表时，另有操作同时改变了已存的信访件（另一位工作人员同时上传了同一交办表，或撤回了其中信访件所在的"
            "批次），本表有 {n} 段已重新核对：已存的按已存在的信访件计入、未重复保存，其余作为新的信访件保存；本表已全部处理完")
    O412 = ("[O412] 注意：交办表中有 {n} 件信访件的受理编号是新的，但内容与此前因受理编号相同而另立编号保存的信访件一字不差，"
            "已按同一信访件计入，未重复保存（{rows}）；如确为另一件信访，请核对内容后重新上传")
