import pytest

from conftest import cases, negatives
from pipeline.layout import byline_name, is_boilerplate, layout_of, parse_dateline


@pytest.mark.parametrize("text,value", cases("datelines", "value"))
def test_dateline(text, value):
    assert parse_dateline(text) == value


@pytest.mark.parametrize("text", negatives("datelines"))
def test_not_a_dateline(text):
    assert parse_dateline(text) is None


@pytest.mark.parametrize("line,name", [
    ("MỸ HẠNH", "MỸ HẠNH"),
    ("Tuyết Như", "Tuyết Như"),
    ("Bài, ảnh: PHƯƠNG LAN", "PHƯƠNG LAN"),
    ("Bài và ảnh: NGỌC TRÂN", "NGỌC TRÂN"),
    ("Bài/ảnh: Minh Tú", "Minh Tú"),
    ("Bài - ảnh: Hoàng Yến", "Hoàng Yến"),
    ("Tin, ảnh: LÊ HÀ", "LÊ HÀ"),
    ("Tin và ảnh: Quốc Bảo", "Quốc Bảo"),
    ("Bài: THU TRANG", "THU TRANG"),
    ("Tin: Ngọc Ánh", "Ngọc Ánh"),
    ("Tác giả: Trần Văn Nam", "Trần Văn Nam"),
    ("Nhóm phóng viên: Thu Hà", "Thu Hà"),
    ("Nhóm PV: Hữu Đức", "Hữu Đức"),
    ("Phóng viên: Mai Lan", "Mai Lan"),
    ("Nhật Huy - Thảo Nguyên", "Nhật Huy - Thảo Nguyên"),
    ("Theo TTXVN", "TTXVN"),
    ("PV", "PV"),
    ("X.Nam", "X.Nam"),
])
def test_byline(line, name):
    assert byline_name(line) == name


@pytest.mark.parametrize("line", [
    "Hội nghị đã thành công tốt đẹp.",
    "Các cấp công đoàn cần tiếp tục phát huy vai trò của mình trong thời gian tới",
    "Tỷ lệ tốt nghiệp đạt 98,5%",
])
def test_not_a_byline(line):
    assert byline_name(line) is None


@pytest.mark.parametrize("line", [
    "A A", "AA", "A- A+", "Chia sẻ:  Facebook  Zalo  In bài", "Chia sẻ bài viết", "Facebook Twitter",
    "In bài", "Xem tiếp", "Tin liên quan", "Các tin khác", "Từ khóa: công đoàn, An Giang",
    "Lượt xem: 1.234", "Trang chủ | Thời sự | Chính trị | Kinh tế | Xã hội",
    "Trang chủ  Tin tức  Chính trị  Kinh tế", "Thời sự | Chính trị | Kinh tế | Xã hội",
    "Trao 500 suất quà Tết cho hộ nghèo (14/01/2022)",
])
def test_boilerplate_line(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Sáng 18-1, Liên đoàn Lao động tỉnh An Giang tổ chức hội nghị.",
    "Tổng Liên đoàn Lao động Việt Nam tặng cờ thi đua 4 tập thể.",
])
def test_content_is_not_boilerplate(line):
    assert not is_boilerplate(line)


ARTICLE = """THỂ THAO

Nhiệt liệt chào mừng Đại hội Thể thao toàn quốc!

Tiền Giang mừng công các vận động viên

Cập nhật lúc 21:30 ngày 28/12/2022

THANH PHONG

Tối 27-12, UBND tỉnh tổ chức lễ mừng công.

A A

Chia sẻ:  Facebook  Zalo"""


def test_layout_of_article():
    layout = layout_of(ARTICLE)
    assert layout.published == "2022-12-28T21:30"
    assert layout.headline.text == "Tiền Giang mừng công các vận động viên"
    assert layout.author == "THANH PHONG"
    assert {line.text for line in layout.boilerplate} >= {
        "THỂ THAO", "Nhiệt liệt chào mừng Đại hội Thể thao toàn quốc!", "A A", "Chia sẻ:  Facebook  Zalo"}


def test_byline_at_the_end_and_no_dateline():
    layout = layout_of("Tiêu đề\n\nNội dung bài viết có một câu.\n\nMỸ HẠNH")
    assert layout.published is None
    assert layout.headline.text == "Tiêu đề"
    assert layout.author == "MỸ HẠNH"


def test_empty_text():
    layout = layout_of("")
    assert layout.published is None and layout.author is None and layout.headline is None
