"""How a customer is found: the normalised keys of a customer, and of a query.

One normaliser serves every kind of key, so a query needs no guessing about what it is:
case and accents are folded (``José`` → ``jose``), and everything that is not a letter or
a digit is dropped, so ``粤B·12345``, ``+86 138-1234-5678`` and ``ana.lopez@mail.com``
become ``粤b12345``, ``8613812345678`` and ``analopezmailcom``. Chinese names add their
full pinyin and initials; the surname's other readings count too (曾 is zeng, not ceng).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import phonenumbers
from pypinyin import Style, lazy_pinyin, pinyin

EXACT = 0
PART = 1
MAX_TERM = 80
SEPARATOR = "\x1f"


def norm(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(
        ch for ch in folded if unicodedata.category(ch)[0] in "LN" and not _combining(ch)
    )


def _combining(ch: str) -> bool:
    return unicodedata.combining(ch) != 0


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2A6DF


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


@lru_cache(maxsize=20_000)
def pinyin_keys(name: str) -> tuple[str, ...]:
    """Full pinyin and initials of a Chinese name, for each reading of the surname."""
    chars = [ch for ch in name if is_cjk(ch)]
    if not chars:
        return ()
    rest = lazy_pinyin("".join(chars[1:])) if len(chars) > 1 else []
    first = pinyin(chars[0], style=Style.NORMAL, heteronym=True)[0][:3]
    keys: list[str] = []
    for reading in first:
        syllables = [reading, *rest]
        keys.append("".join(syllables))
        keys.append("".join(s[0] for s in syllables if s))
    return tuple(dict.fromkeys(norm(k) for k in keys if k))


@lru_cache(maxsize=50_000)
def phone_keys(phone: str) -> tuple[str, ...]:
    """All digits as stored, the national number, and the national number as dialled
    (with a trunk prefix such as China's 0 for landlines)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return ()
    keys = [digits]
    if phone.strip().startswith("+"):
        try:
            parsed = phonenumbers.parse(phone, None)
        except phonenumbers.NumberParseException:
            return tuple(keys)
        national = str(parsed.national_number)
        dialled = "".join(
            ch
            for ch in phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
            if ch.isdigit()
        )
        keys.extend((national, dialled))
    return tuple(dict.fromkeys(k for k in keys if len(k) >= 3))


@dataclass
class CustomerKeys:
    """What one customer is found by, gathered from the customer, its people and vehicles."""

    customer_id: int
    names: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    plates: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def terms(self) -> set[tuple[str, int]]:
        out: set[tuple[str, int]] = set()
        for name in self.names:
            n = norm(name)
            if not n:
                continue
            out.add((n[:MAX_TERM], EXACT))
            for key in pinyin_keys(name):
                out.add((key[:MAX_TERM], EXACT))
            for word in _words(name):
                if word != n:
                    out.add((word[:MAX_TERM], PART))
            cjk = [ch for ch in n if is_cjk(ch)]
            for ch in cjk:
                out.add((ch, PART))
            for a, b in itertools.pairwise(n):
                if is_cjk(a) and is_cjk(b):
                    out.add((a + b, PART))
        for phone in self.phones:
            for key in phone_keys(phone):
                out.add((key[:MAX_TERM], EXACT))
        for value in itertools.chain(self.plates, self.other):
            n = norm(value)
            if n:
                out.add((n[:MAX_TERM], EXACT))
        return out

    def document(self) -> str:
        """All whole keys in one text for the trigram index; the separator keeps a
        substring from spanning two keys."""
        keys = sorted({t for t, kind in self.terms() if kind == EXACT and len(t) >= 3})
        return SEPARATOR.join(keys)


def _words(text: str) -> Iterable[str]:
    for raw in text.replace("@", " ").replace(".", " ").replace("-", " ").split():
        w = norm(raw)
        if w:
            yield w


@dataclass(frozen=True)
class Query:
    text: str
    key: str
    digits_only: bool


def parse_query(text: str) -> Query:
    """A query normalised the way keys are; dialling prefixes (00…) are dropped."""
    key = norm(text)
    digits_only = key.isdigit()
    if digits_only and key.startswith("00") and len(key) > 4:
        key = key[2:]
    return Query(text=text, key=key[:MAX_TERM], digits_only=digits_only)


@lru_cache(maxsize=20_000)
def sort_key(name: str) -> str:
    """Where a name sorts in a list: Chinese by pinyin (张三 between Zamora and Zhao), the
    rest by letters without case and accents."""
    if has_cjk(name):
        spelled = " ".join(lazy_pinyin(name))
        return (norm_spaced(spelled) + " " + name)[:200]
    return norm_spaced(name)[:200]


def norm_spaced(text: str) -> str:
    """``norm`` that keeps word breaks, so "Ana Belén" sorts before "Anabel"."""
    return " ".join(w for w in (norm(part) for part in text.split()) if w)
