"""Review r46b: a personal column is found by its header as a clerk reads it, and no part of a number's header keeps
a column that names a person's number."""

from petitionnlp.io import find_column
from petitionnlp.pii import Redactor, kept_column, personal_columns


def test_a_personal_column_is_read_as_intake_reads_headers_and_a_persons_number_is_never_kept():
    # x46 reads a traditional or full-width table's 受理編號 as its id column; its 舉報人 and 聯繫電話 are the same
    # table's personal columns (they were left whole in the redacted rows), and 证件号 / 身份证编号 were kept as
    # case numbers (件号, 编号 are parts of kept headers): never redacted at all
    columns = ["受理編號", "舉報人", "聯繫電話", "ＱＱ號", "证件号", "身份证编号", "問題描述"]
    assert find_column(columns, "id") == "受理編號"
    assert personal_columns(columns, "問題描述") == {"舉報人": "姓名", "聯繫電話": "电话", "ＱＱ號": "账号",
                                                    "证件号": "证件号", "身份证编号": "证件号"}
    row = {"受理編號": "X01", "舉報人": "岩温扁", "聯繫電話": "0871-1234567", "ＱＱ號": "12345678",
           "证件号": "530102199001011234", "身份证编号": "530102199001011234", "問題描述": "工厂排放黑烟。"}
    out = Redactor("問題描述", list(row))(dict(row))
    assert out["受理編號"] == "X01"
    assert [out[c] for c in columns[1:6]] == ["【姓名】", "【电话】", "【账号】", "【证件号】", "【证件号】"]
    # the case's numbers stay as they are
    assert all(kept_column(c) for c in ["受理编号", "受理編號", "*受理编号：", "交办件号", "流水号", "ID", "序号"])
