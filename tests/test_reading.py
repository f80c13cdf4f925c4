"""Reading inputs: bad files become ArticleErrors, every encoding becomes the same text."""

from __future__ import annotations

import unicodedata
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.bad_inputs.builders import BAD_INPUTS, running_as_root
from pipeline.reading import (
    Article,
    ArticleError,
    _is_syllable,
    decode_bytes,
    extract_html,
    find_articles,
    read_article,
    vietnamese_score,
)

# Sentences written for these tests, news register, covering most tone/vowel shapes.
SENTENCES = [
    "Sáng 18-1, Ủy ban nhân dân tỉnh An Giang tổ chức hội nghị tổng kết công tác năm 2020.",
    "Chủ tịch Liên đoàn Lao động tỉnh trao bằng khen cho 25 tập thể và 40 cá nhân xuất sắc.",
    "Trường THPT Nguyễn Khuyến có 1.250 học sinh, trong đó 37 em đạt giải học sinh giỏi quốc gia.",
    "Ông Trần Quốc Việt, Phó Bí thư Thường trực Tỉnh ủy, phát biểu chỉ đạo đại hội.",
    "Người lao động được hỗ trợ tiền thuê nhà; doanh nghiệp nhỏ và vừa được giãn nợ, khoanh nợ.",
    "Mưa lũ kéo dài khiến nhiều tuyến đường ở Quảng Ngãi bị ngập sâu, hư hỏng nặng.",
    "Chị Huỳnh Thị Thủy ẵm con về quê nghỉ ngơi, ngắm thuyền bè trên sông lúc khuya.",
    "Kỹ sư trẻ đề xuất giải pháp tiết kiệm điện, giúp nhà máy giảm 12% chi phí mỗi tháng.",
]
ARTICLE = "\n\n".join(SENTENCES)
TONES = "\u0300\u0301\u0303\u0309\u0323"


# ---------------------------------------------------------------- test encoders


def _table(name: str) -> dict[str, bytes]:
    """Unicode -> legacy bytes, read from the same TSV the decoder uses."""
    text = (files("pipeline") / "resources" / f"legacy_{name}.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[1]: bytes.fromhex(row[0]) for row in rows}


def encode_legacy(text: str, name: str) -> bytes:
    table = _table(name)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out += table[char]
        elif char.lower() in table:  # TCVN3 capitals: the .VnTimeH fonts used lower-case codes
            out += table[char.lower()]
        else:
            out += char.encode("cp1252")
    return bytes(out)


def expected_legacy(text: str, name: str) -> str:
    """What survives the trip: capitals the encoding lacks come back lower-case."""
    table = _table(name)
    return "".join(c if c in table or c.lower() not in table else c.lower() for c in text)


def encode_cp1258(text: str) -> bytes:
    """Windows' own way: precomposed where cp1258 has the letter, else letter + tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return bytes(out)


ENCODERS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-sig": lambda s: s.encode("utf-8-sig"),
    "utf-16-le": lambda s: b"\xff\xfe" + s.encode("utf-16-le"),
    "utf-16-be": lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
    "cp1258": encode_cp1258,
    "vni": lambda s: encode_legacy(s, "vni"),
    "tcvn3": lambda s: encode_legacy(s, "tcvn3"),
}


def expected(text: str, encoding: str) -> str:
    return expected_legacy(text, "tcvn3") if encoding == "tcvn3" else text


# ------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_gives_reason(kind, tmp_path):
    build, reason = BAD_INPUTS[kind]
    if kind == "unreadable" and running_as_root():
        pytest.skip("root reads chmod-000 files")
    path = build(tmp_path)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value).startswith(reason)


def test_too_large_honours_the_limit_given(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Tin tức " * 200, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"too large: 2 kB > 1 kB limit"):
        read_article(path, max_bytes=1000)
    assert read_article(path, max_bytes=10_000).text.startswith("Tin tức")


def test_permission_error_is_reported(tmp_path, monkeypatch):
    # Works as root too: the refusal comes from open() itself.
    path = tmp_path / "secret.txt"
    path.write_text("Tin nội bộ.", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(ArticleError, match="not readable: permission denied"):
        read_article(path)


# -------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", list(ENCODERS))
@pytest.mark.parametrize("sentence", SENTENCES)
def test_sentence_round_trip(sentence, encoding):
    text, found = decode_bytes(ENCODERS[encoding](sentence))
    assert text == expected(sentence, encoding)
    assert found == encoding


@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_article_file_round_trip(encoding, tmp_path):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(ENCODERS[encoding](ARTICLE.replace("\n", "\r\n")))
    article = read_article(path)
    assert article == Article(expected(ARTICLE, encoding), str(path), encoding)
    assert "\r" not in article.text
    assert unicodedata.is_normalized("NFC", article.text)


@pytest.mark.parametrize("name", ["vni", "tcvn3"])
def test_every_letter_of_the_table_round_trips(name):
    letters = " ".join(_table(name))
    # Letters alone are not syllables; embed them in real words so detection is moot.
    sample = ARTICLE + " " + letters
    assert decode_bytes(encode_legacy(sample, name)) == (expected(sample, name), name)


def test_windows_1258_tone_marks_are_composed():
    text, encoding = decode_bytes(b"Vi\xea\xf2t Nam")  # ê + combining dot below
    assert (text, encoding) == ("Việt Nam", "cp1258")
    assert len(text) == 8


def test_ascii_and_plain_utf8():
    assert decode_bytes(b"Ha Noi, 2023") == ("Ha Noi, 2023", "ascii")
    assert decode_bytes("Đà Lạt".encode()) == ("Đà Lạt", "utf-8")


def test_non_vietnamese_8bit_text_falls_back_to_detector():
    text, encoding = decode_bytes("Le café était très bon, merci beaucoup à vous.".encode("cp1252"))
    assert text == "Le café était très bon, merci beaucoup à vous."


def test_utf8_with_a_stray_byte_stays_utf8():
    data = ARTICLE.encode() + b" \x96 " + ARTICLE.encode()
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8 (1 invalid byte replaced)"
    assert text == ARTICLE + " \ufffd " + ARTICLE


@pytest.mark.parametrize(
    "word,ok",
    [("trường", True), ("nghiệp", True), ("Quốc", True), ("giữa", True), ("khuya", True),
     ("bỏt", False), ("tiờỡng", False), ("B¸t", False), ("café", False), ("chaøo", False)],
)
def test_syllable_shape(word, ok):
    assert _is_syllable(word) is ok


def test_score_prefers_the_right_decoding():
    assert vietnamese_score("Mường Khương") == 2
    assert vietnamese_score("M\xadêng Kh\xacng") < 0


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_decode_bytes_raises_only_article_error(data):
    try:
        text, encoding = decode_bytes(data)
    except ArticleError:
        return
    assert isinstance(text, str) and encoding


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([0x20, 0x0A, 0x61, 0x6E, *range(0x80, 0x100)]), max_size=200))
def test_decode_bytes_on_legacy_looking_bytes(values):
    try:
        decode_bytes(bytes(values))
    except ArticleError:
        pass


# ------------------------------------------------------------------------- HTML

NEWS_PAGE = """<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Đại hội Công đoàn ngành Giáo dục tỉnh Hậu Giang thành công - Báo Hậu Giang</title>
<meta property="og:title" content="Đại hội Công đoàn ngành Giáo dục tỉnh Hậu Giang thành công">
<meta property="article:published_time" content="2023-07-10T08:30:00+07:00">
<meta name="author" content="KIM NGÂN">
<script>var quangCao = "MENU_SCRIPT_JUNK";</script>
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế lượng mục menu</a></li></ul></nav></header>
<main><article>
<h1>Đại hội Công đoàn ngành Giáo dục tỉnh Hậu Giang thành công</h1>
<p>Trong 2 ngày 8 và 9-7, Công đoàn ngành Giáo dục tỉnh Hậu Giang tổ chức Đại hội đại biểu
lần thứ III, nhiệm kỳ 2023-2028, với 150 đại biểu chính thức đại diện cho hơn 8.600 đoàn viên.</p>
<p>Nhiệm kỳ qua, dù chịu ảnh hưởng nặng nề của dịch COVID-19, Công đoàn ngành đã hoàn thành
và vượt 11/12 chỉ tiêu mà Nghị quyết Đại hội lần thứ II đề ra; toàn ngành phát triển mới 1.250 đoàn viên.</p>
<p>Đại hội đã bầu Ban Chấp hành khóa III gồm 15 đồng chí; bà Nguyễn Thị Thu Hà tái đắc cử Chủ tịch.</p>
</article></main>
<footer><p>Bản quyền thuộc về Báo Hậu Giang. Giấy phép số 123/GP-BTTTT. Liên hệ quảng cáo.</p></footer>
</body></html>
"""
HEADLINE = "Đại hội Công đoàn ngành Giáo dục tỉnh Hậu Giang thành công"


def test_news_page_text_and_metadata(tmp_path):
    path = tmp_path / "dai-hoi.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.title == HEADLINE
    assert article.published == "2023-07-10T08:30"
    assert article.author == "KIM NGÂN"
    assert article.text.split("\n")[0] == HEADLINE
    assert "tái đắc cử Chủ tịch" in article.text
    assert "8.600 đoàn viên" in article.text
    for junk in ("Trang chủ", "menu", "Bản quyền", "Giấy phép", "MENU_SCRIPT_JUNK"):
        assert junk not in article.text


def test_title_is_put_first_when_the_body_lacks_it(tmp_path):
    path = tmp_path / "bai.htm"
    page = NEWS_PAGE.replace(f"<h1>{HEADLINE}</h1>", "")
    page = page.replace('content="2023-07-10T08:30:00+07:00"', 'content="2023-07-10"')
    path.write_bytes(page.encode("utf-8"))
    article = read_article(path)
    assert article.text.startswith(HEADLINE + "\n\nTrong 2 ngày 8 và 9-7")
    assert article.published == "2023-07-10"


def test_published_time_from_json_ld(tmp_path):
    page = NEWS_PAGE.replace('<meta property="article:published_time" content="2023-07-10T08:30:00+07:00">', "")
    page = page.replace("</head>", '<script type="application/ld+json">{"@type": "NewsArticle", '
                        '"datePublished": "2023-07-10T14:18:00+07:00"}</script></head>')
    path = tmp_path / "ld.html"
    path.write_text(page, encoding="utf-8")
    assert read_article(path).published == "2023-07-10T14:18"


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' apbodyhtmlmeta-Tiếng Việt\n")), max_size=300))
def test_extract_html_never_raises(html):
    text, published, author, title = extract_html(html)
    assert isinstance(text, str)


def test_page_without_main_text_falls_back_to_visible_text(tmp_path):
    path = tmp_path / "ngan.html"
    path.write_text(
        "<html><body><script>var junk = 1;</script><div>Họp báo lúc 9 giờ.</div></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert "Họp báo lúc 9 giờ." in article.text
    assert "junk" not in article.text


def test_page_in_a_declared_legacy_charset(tmp_path):
    page = NEWS_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1258">')
    path = tmp_path / "cu.html"
    path.write_bytes(encode_cp1258(page))
    article = read_article(path)
    assert article.encoding == "cp1258"
    assert article.title == HEADLINE


def test_old_page_declaring_latin1_but_drawn_in_tcvn3(tmp_path):
    # Sites of the 1990s-2000s declared iso-8859-1 and set font face=".VnTime".
    page = NEWS_PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    path = tmp_path / "cu.htm"
    path.write_bytes(encode_legacy(page, "tcvn3"))
    article = read_article(path)
    assert article.encoding == "tcvn3"
    assert article.title == HEADLINE
    assert "bà Nguyễn Thị Thu Hà tái đắc cử Chủ tịch." in article.text


def test_empty_page_is_an_error(tmp_path):
    path = tmp_path / "trong.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(ArticleError, match="empty page"):
        read_article(path)


# ------------------------------------------------------------------ find_articles


def _tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".cache").mkdir()
    for name in ("a.txt", "b.HTML", "notes.md", "sub/c.htm", "sub/deeper/d.txt", ".cache/e.txt"):
        (root / name).write_text("Tin tức.", encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)  # folder link loop
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    (root / "self.txt").symlink_to(root / "self.txt")


def test_find_articles_tree(tmp_path):
    _tree(tmp_path)
    found = find_articles([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.txt", "b.HTML", "broken.txt", "self.txt", "sub/c.htm", "sub/deeper/d.txt",
    ]
    reasons = {}
    for path in found:
        try:
            read_article(path)
        except ArticleError as e:
            reasons[path.name] = str(e)
    assert reasons == {"broken.txt": "broken symbolic link", "self.txt": "symbolic link loop"}


def test_find_articles_deduplicates_and_keeps_explicit_files(tmp_path):
    _tree(tmp_path)
    found = find_articles([tmp_path / "sub", tmp_path / "sub" / "c.htm", str(tmp_path / "notes.md")])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    # Through sub/loop the whole tree is reachable once; each file appears once.
    assert names.count("sub/c.htm") == 1
    assert "notes.md" in names
    assert len(names) == len(set(names))
    assert names == sorted(names)


def test_find_articles_missing_input(tmp_path):
    with pytest.raises(FileNotFoundError, match="input path not found"):
        find_articles([tmp_path / "khong-co"])

