"""Show where vnie went wrong: the article sentence behind each missed or spurious
item, and the score table and error list that ``vnie eval`` prints::

    scores = evaluation.score(golds, preds)
    print(format_table(scores))     # persons   0.900  0.818  0.857  9/11/10
    print(format_errors(scores))    # == dev-02
                                    #   awards        missed    bằng khen ×15 → tập thể
                                    #       « Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 15 tập thể … »

Gold items are found by their text (``find_sentence``); predicted items by the record's
``evidence`` or their mention offsets into the normalized text (``locate``).
"""
from __future__ import annotations

import json
from functools import lru_cache

import regex

from .evaluation import Scores, as_number, fold, norm, org_names
from .normalize import normalize_text

# -- finding the sentence behind an error -----------------------------------------

# A sentence ends at a line break, or at . ! ? … before a capital, digit or quote.
# Not tokenizer.sentence_spans: that one (underthesea's sent_tokenize) keeps "TP. Châu Đốc"
# whole but cuts 'câu hỏi: "Bằng chứng đâu?".' after the '?' and joins a caption to its
# "Ảnh: ..." credit; the two disagree on about a third of the articles, and this one needs
# no model, so it also works on gold text that was never normalized.
_SENTENCE_BREAK = regex.compile(r"\n+|(?<=[.!?…][\"”’)]?)[ \t]+(?=[\p{Lu}\p{N}\"“‘(])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences (and of headline, dateline, caption lines)."""
    spans, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(text: str, offset: int) -> str | None:
    return next((text[s:e].strip() for s, e in split_sentences(text) if s <= offset < e), None)


def find_sentence(text: str, needles: list) -> str | None:
    """The first sentence holding every needle, compared case-insensitively:
    ``find_sentence(article, ["bằng khen", "tập thể"])``."""
    wanted = [norm(n) for n in needles if norm(n)]
    return next((text[s:e].strip() for s, e in split_sentences(text)
                 if wanted and all(w in fold(text[s:e]) for w in wanted)), None)


def needle_sets(field_name: str, item) -> list[list]:
    """What to look for, best first: an award is sought with its recipient, then alone."""
    if isinstance(item, str):
        return [] if field_name == "published" else [[item]]
    if field_name == "persons":
        return [[item.get("name")]]
    if field_name == "person_titles":
        return [[item.get("title"), item.get("name")], [item.get("title")]]
    if field_name == "organizations":
        return [[n] for n in org_names(item) if n]
    if field_name in ("awards", "awards_full"):
        return [[item.get("award"), item.get("recipient")], [item.get("award")], [item.get("recipient")]]
    return [[item.get("text")]]


# the text mention offsets point into; cached because each error of an article asks again
normalized_text = lru_cache(maxsize=8)(normalize_text)


def locate(text: str | None, field_name: str, item) -> str | None:
    """The article sentence an item comes from: the record's own ``evidence`` or its
    first mention's offsets when it carries them, else the first sentence where its
    text occurs."""
    if isinstance(item, dict) and isinstance(item.get("evidence"), str) and item["evidence"].strip():
        return item["evidence"].strip()
    if not text:
        return None
    if isinstance(item, dict):
        for mention in item.get("mentions") or []:
            start = mention.get("start") if isinstance(mention, dict) else None
            if isinstance(start, int):
                found = sentence_at(normalized_text(text), start)
                if found:
                    return found
    return next(filter(None, (find_sentence(text, n) for n in needle_sets(field_name, item))), None)


# -- printing ---------------------------------------------------------------------

def format_table(scores: Scores) -> str:
    """Fixed-width P / R / F1 per field, as the reference scorer prints it."""
    lines = [f"{'field':15} {'P':>6} {'R':>6} {'F1':>6}  tp/gold/pred"]
    for name, s in scores.fields.items():
        lines.append(f"{name:15} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp}/{s.gold}/{s.pred}")
    if scores.missing:
        lines.append(f"no record for {len(scores.missing)} article(s): {', '.join(scores.missing[:10])}")
    return "\n".join(lines)


def _number(x) -> str:
    n = as_number(x)
    return str(x) if n is None else (str(int(n)) if n.is_integer() else f"{n:g}")


def describe(field_name: str, item) -> str:
    """One line for an item: ``bằng khen ×15 → tập thể (Chủ tịch UBND tỉnh, 2021)``."""
    if not isinstance(item, dict):
        return str(item)
    if field_name == "persons":
        titles = ", ".join(item.get("titles") or [])
        return f"{item.get('name')}" + (f" — {titles}" if titles else "")
    if field_name == "person_titles":
        return f"{item.get('name')}: {item.get('title')}"
    if field_name == "organizations":
        aliases = ", ".join(item.get("aliases") or [])
        return f"{item.get('name')}" + (f" (= {aliases})" if aliases else "")
    if field_name == "dates":
        return f"{item.get('text')} → {item.get('value')}"
    if field_name in ("awards", "awards_full"):
        count = "" if item.get("count") is None else f" ×{_number(item.get('count'))}"
        extra = ", ".join(str(x) for x in (item.get("giver"), item.get("year")) if x is not None)
        return f"{item.get('award')}{count} → {item.get('recipient')}" + (f" ({extra})" if extra else "")
    if field_name == "statistics":
        total = "" if item.get("total") is None else f"/{_number(item.get('total'))}"
        return f"{item.get('text')} = {_number(item.get('value'))}{total} {item.get('unit')}"
    return json.dumps(item, ensure_ascii=False)


def clip(sentence: str, needle, width: int = 240) -> str:
    """A long sentence cut to ``width`` characters around the needle."""
    if len(sentence) <= width:
        return sentence
    centre = max(0, fold(sentence).find(norm(needle)))
    start = max(0, min(centre - width // 3, len(sentence) - width))
    end = start + width
    start = sentence.find(" ", start) + 1 if start else 0        # whole words only
    end = sentence.rfind(" ", start, end) if end < len(sentence) else end
    return ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def format_errors(scores: Scores, limit: int | None = None, width: int = 240) -> str:
    """Errors grouped by article, each with (up to ``width`` characters of) the
    sentence it comes from."""
    shown = scores.errors if limit is None else scores.errors[:limit]
    lines, last_doc = [], None
    for e in shown:
        if e.doc_id != last_doc:
            lines.append(f"== {e.doc_id}")
            last_doc = e.doc_id
        lines.append(f"  {e.field:13} {e.kind:8}  {describe(e.field, e.item)}")
        if e.sentence:
            needles = needle_sets(e.field, e.item)
            lines.append(f"      « {clip(e.sentence, needles[0][0] if needles else None, width)} »")
    if len(shown) < len(scores.errors):
        lines.append(f"... {len(scores.errors) - len(shown)} more error(s)")
    return "\n".join(lines)
