"""review43: p43's new rules read a complainant's standing (举报人系…, 举报人为…) and a place's name after a complainant's
word as a person's; an ordinary standing or the place he lives in must stay in the viewer's copy."""

import pytest

from petitionnlp.pii import find_pii


@pytest.mark.parametrize("text", [
    "举报人系古浪县农民，反映砖厂烟尘。",
    "举报人系农民，反映砖厂烟尘。",
    "举报人为当地农民，反映砖厂烟尘。",
    "举报人是农民工，反映工地扬尘。",
    "举报人为海陵区居民，反映夜间施工噪声扰民。",
    "举报人为高新区居民，称工厂排污。",
    "举报人为安仁县居民，反映噪声。",
    "举报人为石门县居民，反映噪声。",
    "举报人为滕州居民，反映夜间施工噪声扰民。",
    "来信人为安塞退休职工，反映化工厂异味。",
    "举报人为万宁本地人，称河水发臭。",
])
def test_a_complainants_standing_or_home_place_is_no_name(text):
    assert find_pii(text) == [], text


@pytest.mark.parametrize("text, name", [
    ("举报人系县钓鱼协会副会长宋长林，反映水库污染。", "宋长林"),
    ("反映人万宁称工厂夜间偷排。", "万宁"),
    ("举报人为高明家的邻居。", "高明"),
    ("来信人是退休教师贺建英，称工厂噪声扰民。", "贺建英"),
])
def test_the_names_p43_found_are_still_found(text, name):
    assert name in [s["text"] for s in find_pii(text)], text
