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
    """Message templates, ``O###`` codes (the office's), Chinese first."""

    # not found
    O100 = "[O100] 没有这件信访件 (no such petition)"
    O101 = "[O101] 没有这个批次 (no such batch)"
    O102 = "[O102] 没有这份简报 (no such briefing)"
    O103 = "[O103] 没有这个模型版本 (no such model version)"
    O104 = "[O104] 没有这个任务 (no such job)"
    O105 = "[O105] 没有这次抽查 (no such spot check)"
    O106 = "[O106] 此件不在这次抽查之中 (not drawn in this spot check)"
    # invalid requests
    O200 = "[O200] 缺少 {field} (required): {what}"
    O201 = "[O201] {field} 应为 {choices} 之一 ({what}): {value}"
    O202 = "[O202] {field} 超过 {limit} 字 (too long)"
    O203 = "[O203] counts.{name} 应为非负数 (a number ≥ 0): {value}"
    O204 = "[O204] counts.{name} 应为整数 (a whole number): {value}"
    O205 = "[O205] counts 中没有 {names} (unknown count): {known}"
    O206 = "[O206] counts 应为对象 (an object of numbers)"
    O207 = "[O207] 污染类型应为 {types} 之一 (unknown type): {bad}"
    O208 = "[O208] 没有这个责任单位 (no such unit): {name}"
    O209 = "[O209] 地名库中没有 {name} (unknown place)：请从建议中选择，或写成 省/市/县 的标准名称"
    O210 = "[O210] {name} 对应多个地方 (ambiguous place)：请从建议中选择"
    O211 = "[O211] 地名含有控制字符或过长 (bad place name)"
    O212 = "[O212] 没有要更正的字段 (nothing to change): {fields}"
    O213 = "[O213] 不能修改 {field} (not editable)"
    O214 = "[O214] {what}须写明理由 (a reason is required)"
    O215 = "[O215] 状态应为 {statuses} 之一 (unknown status)"
    O216 = "[O216] {name} 日期格式应为 YYYY-MM-DD (bad date): {value}"
    O217 = "[O217] 回复期限应为 0 到 3650 天 (reply days out of range): {value}"
    O218 = "[O218] 检索词含有控制字符或无效字符 (control character in the query)"
    O219 = "[O219] 检索词无法解析，请换一种写法 (the query cannot be searched)"
    O220 = "[O220] 还没有更正过的信访件，无法重新训练 (no corrections to learn from yet)"
    O221 = "[O221] 上传的文件为空 (empty file)"
    O222 = "[O222] 不重复的信访件 duplicate_of 应为另一件信访件的编号 (duplicate_of: another petition's id)"
    O223 = "[O223] action 应为 {actions} 之一 (unknown bulk action)"
    O224 = "[O224] 角色应为 {roles} 之一 (unknown role)"
    O225 = "[O225] 属地经办人（unit）须且只须指定一个责任单位 --unit (a unit handler needs exactly one unit)"
    O226 = "[O226] 用户名应为 1–64 个可打印字符 (username: 1–64 printable characters)"
    O227 = "[O227] 密码至少 {n} 个字符 (password: at least {n} characters)"
    O228 = "[O228] 与在办件重复须填写重复件编号 duplicate_of (a duplicate names the case it repeats)"
    O229 = "[O229] 重复件应为另一件未撤回、未作不受理的信访件 (duplicate_of: another case in hand): {value}"
    O230 = "[O230] passed 应为 true 或 false（是否通过抽查复核）(a boolean)"
    O231 = "[O231] 抽查比例 rate 应大于 0、不超过 1 (0 < rate ≤ 1): {value}"
    O232 = "[O232] 随机种子 seed 应为 0 到 9007199254740991 之间的整数 (a whole number): {value}"
    O233 = "[O233] 所选期间没有审核办结的信访件，无可抽查 (no approved case handed over in the period)"
    O234 = "[O234] 回访记录应为列表 [{{petition, result, note}}]，至多 {n} 条 (items)"
    # conflicts with the case's state
    O300 = "[O300] {name}：当前状态 {status} 不能{step}{why} (step not allowed now)；可做：{allowed}"
    O301 = "[O301] 此件已被他人修改（当前版本 {current}），请刷新后再改 (changed since you read it: version is now {current})"
    O302 = "[O302] 改状态请用办理步骤（签收、报送、审核、不受理、重新办理），不能直接设为 {status} (status is set by the lifecycle)"
    O303 = "[O303] 批次中已有 {n} 件报送了办理情况，不能撤回 (the batch has reports)"
    O304 = "[O304] 批次已撤回 (the batch is withdrawn)"
    O305 = "[O305] 此件所在批次已撤回 (the petition's batch is withdrawn)"
    O306 = "[O306] 此件在这次抽查中已复核（{result}），不再重复记录 (already checked)"
