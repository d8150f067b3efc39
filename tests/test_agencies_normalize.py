"""Tone-mark style and the lookup key for agency names."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.agencies.normalize import key, normalize, tone_style


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoá", "hóa"),
        ("Văn hoá", "Văn hóa"),
        ("HOÁ", "HÓA"),
        ("Uỷ ban", "Ủy ban"),
        ("Ủy ban", "Ủy ban"),
        ("thuỷ sản", "thủy sản"),
        ("tuỳ", "tùy"),
        ("khoẻ", "khỏe"),
        ("hoà", "hòa"),
        # Never touched: `qu` is a consonant, `gi` + `ưa`, closed syllables.
        ("quý", "quý"),
        ("Quý II/2024", "Quý II/2024"),
        ("quỹ", "quỹ"),
        ("giữa", "giữa"),
        ("hoàn thành", "hoàn thành"),
        ("ngoài", "ngoài"),
        ("khuyến khích", "khuyến khích"),
        ("thuyết", "thuyết"),
    ],
)
def test_tone_style(text: str, expected: str) -> None:
    assert tone_style(text) == expected


def test_tone_style_accepts_decomposed_input() -> None:
    assert tone_style(unicodedata.normalize("NFD", "Uỷ ban hoá")) == "Ủy ban hóa"


def test_normalize_cleans_markup_and_spaces() -> None:
    assert normalize("<p>Sở  Văn hoá,\u00a0Thể thao và Du lịch</p>") == "Sở Văn hóa, Thể thao và Du lịch"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("so tu phap", "Sở Tư pháp"),
        ("SỞ TƯ PHÁP", "Sở Tư pháp"),
        ("Sở Tư Pháp", "Sở Tư pháp"),
        ("Uỷ ban nhân dân tỉnh", "UBND tỉnh"),
        ("Sở Văn hoá Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở KH & CN", "Sở KHCN"),
        ("Sở TT&TT", "Sở TTTT"),
        ("Các sở, ban, ngành", "Sở, ban, ngành"),
        ("Các cơ quan, đơn vị có liên quan", "cơ quan đơn vị liên quan"),
        ("đơn vị", "don vi"),
        ("quỹ", "quy"),
        ("giữa", "giua"),
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(("a", "b"), [("Sở Tư pháp", "Bộ Tư pháp"), ("UBND cấp huyện", "UBND cấp xã")])
def test_different_key(a: str, b: str) -> None:
    assert key(a) != key(b)


def test_kinds_have_labels() -> None:
    from cchc.agencies.registry import KIND_LABELS, KINDS

    assert set(KIND_LABELS) == set(KINDS)


try:
    from hypothesis import given
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    pass
else:
    VIETNAMESE = st.text(
        alphabet="aăâeêioôơuưyđqghkn ÀÁẢÃẠàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵẤẦấầắằềếộởữQUYOAE,.-", max_size=30
    )

    @given(VIETNAMESE)
    def test_tone_style_is_idempotent_and_keeps_the_key(text: str) -> None:
        once = tone_style(text)
        assert tone_style(once) == once
        assert key(once) == key(text)
        assert len(once) == len(unicodedata.normalize("NFC", text))
