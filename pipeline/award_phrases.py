"""The words of award sentences, found on plain text: award phrases, trigger verbs,
blockers and recipient groups. Data comes from ``resources/award*.tsv``; the relation
(who gave what to whom) is built from these pieces in :mod:`pipeline.awards`.

>>> [(m.name, m.kind) for m in award_phrases("trao Huân chương Lao động hạng Ba và 2 HCV")]
[('huân chương lao động hạng ba', 'honour'), ('huy chương vàng', 'medal')]
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .resources import alternation, load_table

SP = r"[^\S\n]"
_NOT_LETTER_BEFORE = r"(?<![\p{L}\p{M}\d])"
_NOT_LETTER_AFTER = r"(?![\p{L}\p{M}\d])"

AWARDS = {row["surface"].casefold(): row for row in load_table("awards")}
TITLES = tuple(row["title"] for row in load_table("award_titles"))
PERSONAL_TITLES = frozenset(row["title"] for row in load_table("award_titles") if row["holder"] == "person")
TRIGGERS = {row["trigger"].casefold(): row["role"] for row in load_table("award_triggers")}
RECIPIENT_NOUNS = tuple(row["noun"] for row in load_table("award_recipients"))
GIVER_HEADS = {row["head"]: row["kind"] for row in load_table("award_givers")}
BLOCKERS = {row["word"]: row["scope"] for row in load_table("award_blockers")}

# Orders and medals whose names are often printed in lower case ("huân chương lao động hạng nhì").
_KNOWN_NAMES = ("lao động", "độc lập", "chiến công", "quân công", "bảo vệ tổ quốc", "kháng chiến",
                "chống mỹ cứu nước", "hồ chí minh", "sao vàng", "dũng cảm", "hữu nghị", "chiến thắng",
                "đại đoàn kết dân tộc", "chiến sĩ vẻ vang", "quyết thắng", "quân kỳ quyết thắng", "vô địch", "vàng")
_RANKS = {"nhất": "nhất", "i": "nhất", "1": "nhất", "nhì": "nhì", "ii": "nhì", "2": "nhì",
          "ba": "ba", "iii": "ba", "3": "ba"}
_RANK = rf"{SP}+hạng{SP}+(?P<rank>nhất|nhì|ba|III|II|I|[123]){_NOT_LETTER_AFTER}"
_CAP_WORD = r"(?:\p{Lu}[\p{L}\p{M}]*|\d+)"
_CAP_FIRST = r"\p{Lu}[\p{L}\p{M}]*"
# words that end a name: "Huân chương Thế kỷ cho ...", "Huân chương Chiến công hạng nhất"
_NAME_STOP = (r"(?:cho|của|và|tại|năm|do|vì|đã|được|trong|với|này|đó|lần|nhân|hạng|khen|tặng|trao|cùng|là|các"
              r"|những|từ|đến|sau|trước|theo|về|cao|mà|ở|thứ|đầu|dành|nhất|mới|đầu tiên|quý)(?![\p{L}\p{M}])")
_LOW_WORD = rf"(?!{_NAME_STOP})\p{{Ll}}[\p{{L}}\p{{M}}]*"
# "Vì sự phát triển của phụ nữ Việt Nam": a "Vì ..." name runs to a word that starts the rest
# of the clause; "của" stays inside before a lower-case word ("của Bộ ..." names the giver)
_VI_STOP = (r"(?:cho|của|và|tại|năm|do|đã|được|trong|nhân|với|tới|đến|vì|từ|theo|khi|sau|trước|lần|hạng|"
            r"kèm|dành|mà|là|cùng)(?![\p{L}\p{M}])")
_VI_OF = r"(?:của|và)(?=[^\S\n]+\p{Ll}[\p{L}\p{M}]*(?![^\S\n]+(?:cho|của)\b))"
_QUOTED = r"[“\"'‘](?P<quoted>[^”\"'’\n]{2,80})[”\"'’]"
# a proper name after the head: quoted, a known order, "Vì sự nghiệp ...", or capitalized words
_NAME = (rf"{SP}+(?:{_QUOTED}|(?P<known>(?i:{alternation(_KNOWN_NAMES)})){_NOT_LETTER_AFTER}"
         rf"|(?P<vi>Vì(?:{SP}+(?:{_VI_OF}|(?!{_VI_STOP})[\p{{L}}\p{{M}}]+)){{1,12}})"
         rf"|(?P<digits>\d+{SP}+năm{SP}+tuổi{SP}+Đảng)"
         rf"|(?P<cap>{_CAP_FIRST}(?:{SP}+(?:{_CAP_WORD}|và{SP}+(?=\p{{Lu}})|{_LOW_WORD}(?={SP}+\p{{Lu}}|{SP}*[^\s\p{{L}}]|$)"
         rf"|{_LOW_WORD}(?={SP}+{_LOW_WORD}{SP}*(?:[^\s\p{{L}}]|$|{SP}+(?:{_NAME_STOP}|\p{{Lu}})))|(?<=\p{{Lu}}[\p{{L}}\p{{M}}]*{SP}+){_LOW_WORD}))*))")
_TITLE_NAME = (rf"{SP}*(?:{_QUOTED}|(?P<title>(?i:{alternation(TITLES)})){_NOT_LETTER_AFTER}"
               rf"|(?P<cap>\p{{Lu}}[\p{{L}}\p{{M}}]*(?:{SP}+(?!(?:cho|của|năm|và|vì|do|tại|trong|đã|được|với|dành|mà|là|này|khi"
               rf"|sau|nhờ|từ|trước|cùng|thì)(?![\p{{L}}\p{{M}}]))"
               rf"[\p{{L}}\p{{M}}]+){{0,5}}))")
_HEADS = regex.compile(rf"{_NOT_LETTER_BEFORE}(?P<head>{alternation(AWARDS)}){_NOT_LETTER_AFTER}", regex.I)
_BARE_TITLE = regex.compile(rf"{_NOT_LETTER_BEFORE}(?P<title>{alternation(TITLES)}){_NOT_LETTER_AFTER}", regex.I)
_NAME_RE = regex.compile(_NAME)
# "giải Tiết mục xuất sắc nhất": a capitalized prize name runs through lower-case words; "đạt giải
# Olympic quốc tế" names where the prize was won, not the prize
_PRIZE_NAME_RE = regex.compile(
    rf"{SP}+(?!(?:Olympic|Hội thi|Hội diễn|Cuộc thi|Kỳ thi|Liên hoan|Festival|SEA Games|Giải|Đại hội|Hội khỏe)"
    rf"(?![\p{{L}}\p{{M}}]))(?P<cap>\p{{Lu}}[\p{{L}}\p{{M}}]*(?:{SP}+(?!(?:cho|của|và|tại|năm|do|với|trong|ở|lần|được|đã|khi|sau|trước"
    rf"|theo|về|từ|dành|là|mà|cùng|thuộc|nhờ|vì|gồm|kèm|trị giá)(?![\p{{L}}\p{{M}}]))[\p{{L}}\p{{M}}\d]+){{0,6}})")
_TITLE_RE = regex.compile(_TITLE_NAME)
_RANK_RE = regex.compile(_RANK, regex.I)
_TEAM_RE = regex.compile(rf"{SP}+toàn{SP}+đoàn{_NOT_LETTER_AFTER}", regex.I)
# a cash amount right after the award makes it a rule statement: "huy chương bạc 35 triệu đồng"
_MONEY_AFTER = regex.compile(rf"[^,;.\n]{{0,40}}?(?:được{SP}+thưởng|(?:^|{SP}|là|:){SP}*\d[\d.,]*{SP}*(?:triệu|nghìn|ngàn|tỷ|tỉ)"
                             rf"(?:{SP}*đồng)?|\d[\d.,]*{SP}*đồng)(?!{SP}*(?:chí|đội|bào|nghiệp|hương|chủ|bộ|hồ|loạt|thời))"
                             rf"{_NOT_LETTER_AFTER}", regex.I)

# trigger verbs; a word before them can make another verb: "ghi nhận", "tranh giành", "chiếm đoạt"
_TRIGGER_RE = regex.compile(rf"{_NOT_LETTER_BEFORE}(?P<verb>{alternation(TRIGGERS)}){_NOT_LETTER_AFTER}", regex.I)
_NOT_AFTER = {
    "nhận": {"ghi", "tiếp", "xác", "thừa", "chấp", "thu", "kết", "nhìn", "cảm", "biên", "phủ", "bác", "đảm", "tự",
             "công"},
    "nhận được": {"ghi", "tiếp", "xác", "thừa", "chấp", "thu", "cảm"},
    "giành": {"tranh"}, "giành được": {"tranh"},
    "đoạt": {"chiếm", "tước", "cướp", "tranh"}, "đoạt được": {"chiếm", "tước", "cướp", "tranh"},
    "đạt": {"truyền", "phát", "thành", "biểu", "diễn", "chuyển"},
    "tặng": {"biếu", "quà"},
}
_BLOCKER_RE = {scope: regex.compile(rf"{_NOT_LETTER_BEFORE}(?:{alternation(w for w, s in BLOCKERS.items() if s == scope)})"
                                    rf"{_NOT_LETTER_AFTER}", regex.I) for scope in ("clause", "phrase")}

# a count: digits with "." grouping thousands, or number words ("hai", "mười lăm")
_NUMBER_WORD = r"(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|mốt|lăm|nhăm|trăm|nghìn|ngàn|linh|lẻ)"
NUMBER = rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+|{_NUMBER_WORD}(?:{SP}+{_NUMBER_WORD})*)"
# group nouns are lower-case words (a capitalized "Trường" starts a name); abbreviations as printed
_NOUN = rf"(?-i:{alternation(RECIPIENT_NOUNS)}){_NOT_LETTER_AFTER}"
# a number after these words names something ("lớp 11", "khóa 3"), it counts nothing
_IDENTIFIER_BEFORE = (r"(?<!(?:lớp|khóa|khoá|số|quận|phường|thứ|lần|đợt|hạng|kỳ|mã|phòng|tổ|ấp|khu phố|tiểu đoàn"
                      r"|đại đội|quân khu|nhóm|cấp)[ ])")
# "2 tập thể", "29 vận động viên, huấn luyện viên", "các tập thể"
_GROUP = (rf"(?:{_IDENTIFIER_BEFORE}(?P<num>{NUMBER}){SP}+|(?P<det>các|những|toàn thể){SP}+)(?:lượt{SP}+)?"
          rf"(?P<noun>{_NOUN}(?:(?:{SP}*,{SP}*|{SP}+và{SP}+(?!{NUMBER}{SP}))(?-i:{alternation(RECIPIENT_NOUNS)})"
          rf"{_NOT_LETTER_AFTER})*)")
GROUP_AT = regex.compile(_GROUP, regex.I)
NUMBER_BEFORE = regex.compile(rf"{_NOT_LETTER_BEFORE}(?P<num>{NUMBER}){SP}+$", regex.I)
# "3 năm liền đạt ...", "4 lần đoạt ..."
REPEATS_BEFORE = regex.compile(
    rf"{_NOT_LETTER_BEFORE}(?P<num>{NUMBER}){SP}+(?:năm|lần)(?:{SP}+(?:liền|liên tiếp|liên tục))?"
    rf"(?:{SP}+(?:đều|được|cùng|đã))*{SP}*$", regex.I)


@dataclass(frozen=True)
class AwardPhrase:
    start: int
    end: int
    name: str       # normalized, lower-cased
    kind: str       # honour | medal | prize
    bare: bool      # needs a trigger right before it (bare titles, "cúp", bare "giải thưởng")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    verb: str
    role: str       # grant | receive | medal


def _clean(text: str) -> str:
    return " ".join(text.replace("“", "").replace("”", "").replace('"', "").split()).casefold().strip(" ,.")


def normalize_award(head: str, name: str = "", rank: str | None = None) -> str:
    """The award's name as a lower-case common noun phrase, with ranks spelled out.

    >>> normalize_award("Huân chương", "Lao động", "III")
    'huân chương lao động hạng ba'
    >>> normalize_award("HCV")
    'huy chương vàng'
    """
    row = AWARDS.get(_clean(head))
    base = row["name"] if row else _clean(head)
    out = f"{base} {_clean(name)}".strip() if name else base
    if rank:
        out += f" hạng {_RANKS[rank.casefold()]}"
    return out


def _follow(text: str, end: int, row: dict) -> tuple[int, str, bool] | None:
    """Extend a head over its name and rank: (end, name, bare); None when a needed name is missing."""
    follow, head_name = row["follow"], row["name"]
    if follow == "title":
        m = _TITLE_RE.match(text, end)
        if not m or not (m.group("quoted") or m.group("title") or m.group("cap")):
            return None
        title = m.group("quoted") or m.group("title") or m.group("cap")
        return m.end(), _clean(title), False
    if follow == "none":
        team = _TEAM_RE.match(text, end) if row["kind"] == "prize" else None
        if team:    # "giải Nhất toàn đoàn": the prize for the whole delegation is a prize of its own
            return team.end(), f"{head_name} toàn đoàn", False
        return end, head_name, False
    m = _PRIZE_NAME_RE.match(text, end) if head_name == "giải" else _NAME_RE.match(text, end)
    name = ""
    if m:
        groups = m.groupdict()
        name = next((groups[g] for g in ("quoted", "known", "vi", "digits", "cap") if groups.get(g)), "")
        # a capitalized word that starts the recipient is no part of the name
        if m.group("cap") and regex.match(r"(?i)(?:cho|của|tại|năm)\b", name):
            m, name = None, ""
    new_end = m.end() if m else end
    r = _RANK_RE.match(text, new_end)
    rank = r.group("rank") if r else None
    if r:
        new_end = r.end()
    if follow == "need" and not name:
        return None
    # "cúp", "giải thưởng" alone and "giải <Name>" ("đoạt giải Tiết mục xuất sắc nhất") are prizes only
    # right after a verb: "Giải Bóng đá ..." names a tournament
    bare = (not name and not rank and head_name in ("cúp", "giải thưởng")) or head_name == "giải"
    return new_end, normalize_award(head_name, name, rank), bare


def award_phrases(text: str) -> list[AwardPhrase]:
    """Award phrases in ``text``, longest first where they overlap."""
    out: list[AwardPhrase] = []
    for m in _HEADS.finditer(text):
        head = m.group("head")
        row = AWARDS[head.casefold()]
        if row["name"] in ("giải a", "giải b", "giải c") and not head[-1].isupper():
            continue
        followed = _follow(text, m.end(), row)
        if followed is None:
            continue
        end, name, bare = followed
        out.append(AwardPhrase(m.start(), end, name, row["kind"], bare))
    taken = [(p.start, p.end) for p in out]
    for m in _BARE_TITLE.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            out.append(AwardPhrase(m.start(), m.end(), _clean(m.group("title")), "honour", True))
    out.sort(key=lambda p: (p.start, -p.end))
    kept: list[AwardPhrase] = []
    for p in out:
        if kept and p.start < kept[-1].end:
            continue
        if kept and p.bare and not text[kept[-1].end:p.start].strip():
            continue    # "giải A Giải Báo chí quốc gia": the second names the contest
        kept.append(p)
    return kept


def triggers(text: str) -> list[Trigger]:
    """Trigger verbs in ``text``."""
    out = []
    for m in _TRIGGER_RE.finditer(text):
        verb = " ".join(m.group("verb").casefold().split())
        before = text[max(0, m.start() - 12):m.start()].split()
        if before and before[-1].casefold() in _NOT_AFTER.get(verb, ()):
            continue
        if TRIGGERS[verb] == "receive" and regex.match(rf"{SP}+cho(?![\p{{L}}\p{{M}}])", text[m.end():]):
            continue    # "phần thưởng giành cho huy chương vàng" is "dành cho"
        if verb == "trao" and regex.match(rf"{SP}+đổi(?![\p{{L}}\p{{M}}])", text[m.end():]):
            continue    # "trao đổi" is to exchange
        out.append(Trigger(m.start(), m.end(), verb, TRIGGERS[verb]))
    return out


def blocked(clause: str) -> bool:
    """True when the text before an award (from its clause start) says it is a target, rule or proposal.

    >>> blocked("Phấn đấu đến năm 2028 có trên 95% đoàn viên đạt ")
    True
    """
    if _BLOCKER_RE["clause"].search(clause):
        return True
    return bool(_BLOCKER_RE["phrase"].search(clause.rsplit(",", 1)[-1]))


def rule_statement_after(text: str, end: int) -> bool:
    """An amount right after the award ("huy chương bạc 35 triệu đồng") states a rule, not a grant."""
    return bool(_MONEY_AFTER.match(text, end))


_GIVER_HEAD = regex.compile(rf"(?P<head>{'|'.join(regex.escape(h) for h in sorted(GIVER_HEADS, key=len, reverse=True))})"
                            rf"{_NOT_LETTER_AFTER}")


def giver_head_at(text: str) -> tuple[str, str] | None:
    """(head, kind) when ``text`` begins with an office or body that grants awards (the
    longest that is a whole word)."""
    m = _GIVER_HEAD.match(text)
    return (m.group("head"), GIVER_HEADS[m.group("head")]) if m else None
