"""Vietnamese folding, ordering and slugs, which search, lists and URLs rely on."""

import unicodedata

import pytest

from core import text


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Thắng Thủy", "thang thuy"),
        ("ĐỨC", "duc"),
        ("đức", "duc"),
        (unicodedata.normalize("NFD", "Nguyễn Văn Thịnh"), "nguyen van thinh"),
        ("  Lương   Minh  Huệ ", "luong minh hue"),
    ],
)
def test_fold_strips_diacritics_including_d_stroke_in_any_normal_form(typed, folded):
    assert text.fold(typed) == folded


def test_sort_key_follows_vietnamese_alphabet_with_tones_after_bare_letter():
    names = ["Đức", "Dung", "Ân", "Ăn", "An", "Á", "À", "A", "Bình", "Ông", "Ơn", "Ồ", "Ưng", "Uyên", "Ê", "Em"]
    expected = ["A", "À", "Á", "An", "Ăn", "Ân", "Bình", "Dung", "Đức", "Em", "Ê", "Ồ", "Ông", "Ơn", "Uyên", "Ưng"]
    assert sorted(names, key=text.sort_key) == expected


def test_sort_key_is_digits_only_so_every_collation_agrees():
    assert text.sort_key("HTX Nông nghiệp Thắng Thủy").isdigit()


def test_shorter_name_sorts_before_its_extension():
    assert sorted(["Anh", "An", "An Bình"], key=text.sort_key) == ["An", "An Bình", "Anh"]


def test_people_sort_by_given_name():
    names = ["Nguyễn Văn Thịnh", "Lương Minh Huệ", "Cao Thị Hằng", "Bùi Đức Vinh"]
    assert sorted(names, key=text.given_name_sort_key) == [
        "Cao Thị Hằng",
        "Lương Minh Huệ",
        "Nguyễn Văn Thịnh",
        "Bùi Đức Vinh",
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("HTX Nông nghiệp Thắng Thủy", "htx-nong-nghiep-thang-thuy"),
        ("Công ty TNHH Quang Hải", "cong-ty-tnhh-quang-hai"),
        ("Đồ Sơn", "do-son"),
        ("ĐẠI HỘI lần thứ V", "dai-hoi-lan-thu-v"),
    ],
)
def test_slug_is_plain_ascii_with_d_stroke_as_d(name, slug):
    assert text.vi_slugify(name) == slug
