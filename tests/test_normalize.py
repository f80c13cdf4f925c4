import unicodedata

import pytest

from pipeline.normalize import normalize_text


@pytest.mark.parametrize("raw,expected", [
    (unicodedata.normalize("NFD", "Liên đoàn Lao động tỉnh An Giang"), "Liên đoàn Lao động tỉnh An Giang"),
    ("Hoà Bình", "Hòa Bình"),            # old-style tone mark placement
    ("Thuỷ sản", "Thủy sản"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("Ðà Nẵng", "Đà Nẵng"),              # Icelandic eth used for đ
    ("18/01/2021\u00a0-\u00a014:18", "18/01/2021 - 14:18"),
    ("Bến&nbsp;Tre &amp; Trà Vinh", "Bến Tre & Trà Vinh"),
    ("an\u200bninh", "anninh"),
    ("công\u00adđoàn", "côngđoàn"),
    ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),
    ("<p>Đoạn một</p><p>Đoạn <b>hai</b></p>", "Đoạn một\n\nĐoạn hai"),
    ("<script>var x = 1;</script>Nội dung", "Nội dung"),
    ("a\n\n\n\n\nb", "a\n\nb"),
    ("  có khoảng trắng  \n", "có khoảng trắng"),
    ("\x00\x07chữ\x1b", "chữ"),
    ("", ""),
    ("   \n\t ", ""),
])
def test_normalize(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_is_idempotent():
    text = "Sáng 18-1, Liên đoàn Lao động tỉnh An Giang tặng cờ thi đua 10 tập thể."
    assert normalize_text(normalize_text(text)) == normalize_text(text) == text


def test_comparison_signs_are_not_tags():
    assert normalize_text("tỷ lệ a < 5 và b > 3") == "tỷ lệ a < 5 và b > 3"
