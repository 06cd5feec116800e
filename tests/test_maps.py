"""The county map (issue 28): one SVG element per county with data-region and a title, missing counties listed,
a legend, 示意图; the PNG for the 专报; both saved in tests/artifacts and the SVG rendered to look at."""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from petitionnlp.maps import county_values, province_map, render_png, render_svg
from petitionnlp.regions import province_divisions

ART = Path(__file__).resolve().parent / "artifacts"
SVG = "{http://www.w3.org/2000/svg}"


def hunan_records():
    out = []
    for k, (city, county, n, closed) in enumerate([("长沙市", "岳麓区", 12, 9), ("衡阳市", "衡南县", 30, 10),
                                                    ("郴州市", "苏仙区", 3, 3), ("衡阳市", "衡阳综合保税区", 2, 0)]):
        for i in range(n):
            out.append({"id": f"{k}-{i}", "province": "湖南省", "city": city, "county": county,
                        "status": "已办结" if i < closed else "办理中"})
    return out


def test_every_county_of_the_gazetteer_is_drawn_or_listed():
    pmap = province_map("湖南")
    gazetteer = {f"湖南省/{p.city}/{p.name}" for p in province_divisions("湖南省") if p.level == "county"}
    drawn = {c.region for c in pmap.counties}
    assert drawn | set(pmap.missing) == gazetteer and not drawn & set(pmap.missing)
    assert len(drawn) >= 122  # all of Hunan's county-level divisions (祁阳市 joined by name: re-coded since)
    assert "湖南省/永州市/祁阳市" in drawn


def test_svg_one_element_per_county_with_region_title_legend_and_missing_list():
    values = county_values(hunan_records(), "湖南省")
    svg = render_svg(values, "湖南省", subtitle="2024年5月1日至5月31日")
    root = ET.fromstring(svg)
    counties = [e for e in root.iter() if e.get("data-region")]
    pmap = province_map("湖南省")
    assert len(counties) == len(pmap.counties) == len({e.get("data-region") for e in counties})
    yuelu = next(e for e in counties if e.get("data-region") == "湖南省/长沙市/岳麓区")
    assert yuelu.tag == SVG + "path" and yuelu.find(SVG + "title").text == "长沙市岳麓区：12 件"
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "示意图" in texts and "案件数" in texts  # title and legend
    for region in pmap.missing:  # listed with its value where it has cases
        assert region.split("/", 1)[1].replace("/", "") in texts
    assert "衡阳市衡阳综合保税区 2 件" in texts and "衡阳市/" not in texts  # named as every page names it
    assert re.search(r'width="180mm"', svg)
    ART.mkdir(exist_ok=True)
    (ART / "map_hunan_count.svg").write_text(svg, encoding="utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:  # the SVG as a browser draws it, to look at
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1100",
                        f"--screenshot={ART / 'map_hunan_count_svg.png'}", (ART / "map_hunan_count.svg").as_uri()],
                       capture_output=True, timeout=120)


@pytest.mark.parametrize("measure", ["count", "closure_rate"])
def test_a_county_without_boundary_or_cases_is_not_listed(measure):
    """Under the map, the counties it cannot draw are listed with their cases so that the map's cases add up; one
    with no cases adds nothing and is left out (衡阳综合保税区 0 件 was listed under every map of Hunan, on the page
    and in the 专报), in the SVG and the PNG alike."""
    from petitionnlp.maps import _notes

    records = [r for r in hunan_records() if r["county"] != "衡阳综合保税区"]
    values = county_values(records, "湖南省", measure)
    svg = render_svg(values, "湖南省", measure)
    texts = " ".join(t.text or "" for t in ET.fromstring(svg).iter(SVG + "text"))
    assert "衡阳综合保税区" not in texts and "无边界数据" not in texts, texts[-200:]
    assert not _notes(province_map("湖南省"), values, measure, None, 3)  # the PNG's lines
    values = county_values(hunan_records(), "湖南省", measure)
    lines = _notes(province_map("湖南省"), values, measure, None, 3)
    assert lines[0].startswith("有案件") and lines[1] == ("衡阳市衡阳综合保税区 " + ("2 件" if measure == "count" else "0%"))


def test_every_line_of_the_svg_fits_inside_the_picture():
    """No line of the map's words runs past the picture's right edge (a browser cuts it off, on the page and on
    paper): each text, at its font size (a Chinese character one em, others about half), ends inside the viewBox.
    The caveat and the boundary data's name, one line of 66 characters, ran 150 units past it."""
    records = hunan_records() + [{"id": "c1", "province": "湖南省", "city": "长沙市", "county": None, "status": "办理中"}]
    from petitionnlp.maps import unplaced_counts

    svg = render_svg(county_values(records, "湖南省"), "湖南省", unplaced=unplaced_counts(records, "湖南省"))
    root = ET.fromstring(svg)
    width = float(root.get("viewBox").split()[2])

    def ems(text):
        return sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in text)

    legend = next(g for g in root if g.get("class") == "legend")
    lines = [(t, float(t.get("font-size"))) for t in root if t.tag == SVG + "text"]
    lines += [(t, float(legend.get("font-size"))) for t in legend if t.tag == SVG + "text"]
    for t, size in lines:
        if t.get("text-anchor") == "middle":
            continue  # the title and the subtitle, centred
        end = float(t.get("x")) + ems(t.text or "") * size
        assert end <= width, (t.text, end, width)
    assert any("边界数据：" in (t.text or "") for t in root.iter(SVG + "text"))


def test_closure_rate_map_and_png():
    values = county_values(hunan_records(), "湖南省", measure="closure_rate")
    assert values["湖南省/长沙市/岳麓区"] == pytest.approx(0.75) and values["湖南省/长沙市/芙蓉区"] is None
    svg = render_svg(values, "湖南省", measure="closure_rate")
    root = ET.fromstring(svg)
    hengnan = next(e for e in root.iter() if e.get("data-region") == "湖南省/衡阳市/衡南县")
    assert hengnan.find(SVG + "title").text == "衡阳市衡南县：33%"
    assert "无案件" in svg and "办结率" in svg
    png = render_png(values, "湖南省", measure="closure_rate", subtitle="2024年5月")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
    ART.mkdir(exist_ok=True)
    (ART / "map_hunan_closure_rate.png").write_bytes(png)


def test_unknown_province_and_measure():
    with pytest.raises(ValueError):
        province_map("火星省")
    with pytest.raises(ValueError):
        county_values([], "湖南省", measure="mean")


def test_cases_placed_to_a_city_only_are_listed_under_the_map_so_its_cases_add_up():
    """A case placed to 长沙市 with no county colours no county; the map lists it under the picture by city (SVG and
    PNG), so the map's cases add up to the period's — a map of zeros beside a report of 41 cases misleads."""
    records = hunan_records() + [
        {"id": "c1", "province": "湖南省", "city": "长沙市", "county": None, "status": "办理中"},
        {"id": "c2", "province": "湖南省", "city": "长沙市", "county": "", "status": "已办结"},
        {"id": "c3", "province": "湖南省", "city": "株洲市", "county": "不存在区", "status": "办理中"},
        {"id": "c4", "province": "湖南省", "city": None, "county": None, "status": "办理中"},
        {"id": "x1", "province": "湖北省", "city": "武汉市", "county": "江岸区", "status": "办理中"},
        {"id": "x2", "province": None, "city": None, "county": None, "status": "办理中"},
    ]
    from petitionnlp.maps import UNPLACED_CITY, unplaced_counts

    values = county_values(records, "湖南省")
    unplaced = unplaced_counts(records, "湖南省")
    assert unplaced == {"长沙市": 2, "株洲市": 1, UNPLACED_CITY: 1}
    of_hunan = [r for r in records if r["province"] == "湖南省"]
    assert sum(values.values()) + sum(unplaced.values()) == len(of_hunan)
    svg = render_svg(values, "湖南省", unplaced=unplaced)
    texts = [t.text or "" for t in ET.fromstring(svg).iter(SVG + "text")]
    assert any("未定到县（市、区）的案件（4件" in t for t in texts), texts
    assert any("长沙市 2 件" in t and "株洲市 1 件" in t for t in texts)
    png = render_png(values, "湖南省", unplaced=unplaced)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    ART.mkdir(exist_ok=True)
    (ART / "map_hunan_unplaced.png").write_bytes(png)
