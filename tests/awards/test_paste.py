"""Paste the list: reading a recipients' table pasted from Word or Excel, matching it to the register, and creating
all its honours or none (awards.paste, awards.services.add_pasted_honours)."""

import datetime
import unicodedata

import pytest

from awards import paste
from awards.models import Honour, HonourForm, RecipientKind
from awards.services import PasteChoice, PasteDetails, PasteRejected, add_pasted_honours
from members.models import Organization, Person
from tests import factories
from tests.awards.ceremony import ceremony_register, ceremony_rows, ceremony_table

# --- parsing (no database) ----------------------------------------------------------------------------------------


def _read(lines):
    return [(line.order, line.name, line.unit, line.form_name) for line in lines]


def test_excel_copy_is_read_by_its_header_with_order_numbers():
    pasted = (
        "STT\tHọ và tên\tChức vụ, đơn vị\tHình thức khen thưởng\r\n"
        "1\tNguyễn Thị Mai\tGiám đốc HTX Đông Hòa\tBằng khen\r\n"
        '2\tHTX Thủy sản Bến Cá\t\t"Kỷ niệm chương ""Vì sự nghiệp phát triển HTX"""\r\n'
    )
    lines = paste.parse(pasted)
    assert _read(lines) == [
        (1, "Nguyễn Thị Mai", "Giám đốc HTX Đông Hòa", "Bằng khen"),
        (2, "HTX Thủy sản Bến Cá", "", 'Kỷ niệm chương "Vì sự nghiệp phát triển HTX"'),
    ]
    assert [line.number for line in lines] == [2, 3]  # line numbers in the pasted text, the header is line 1


def test_header_decides_the_columns_in_any_order():
    pasted = "Hình thức\tTên tập thể, cá nhân\tTT\tĐơn vị\nCờ thi đua\tHTX Vận tải Hải An\t7\tQuận Hải An\n"
    assert _read(paste.parse(pasted)) == [(7, "HTX Vận tải Hải An", "Quận Hải An", "Cờ thi đua")]


@pytest.mark.parametrize("header", ["STT\tĐơn vị\tHình thức", "TT\t\tHình thức"])
def test_a_header_without_a_name_column_takes_the_unit_or_first_free_column_as_the_name(header):
    lines = paste.parse(f"{header}\n1\tHTX Bến Cá\tCờ thi đua\n")
    assert [(line.name, line.form_name) for line in lines] == [("HTX Bến Cá", "Cờ thi đua")]


def test_word_table_pasted_as_tab_text_without_header_with_blank_lines_and_spaces():
    pasted = "\n1.\t Trần Văn Hùng \tChủ tịch HĐQT HTX\tBằng khen\n\n   \n2)\tPhạm  Thị\xa0Lan\t\tBằng khen\n\n"
    lines = paste.parse(pasted)
    assert _read(lines) == [
        (1, "Trần Văn Hùng", "Chủ tịch HĐQT HTX", "Bằng khen"),
        (2, "Phạm Thị Lan", "", "Bằng khen"),
    ]
    assert [line.number for line in lines] == [2, 5]


def test_excel_cell_with_a_line_break_stays_one_line():
    pasted = '1\t"Công ty TNHH Quang Hải\nHải Phòng"\t\tBằng khen\n2\tVũ Văn Nam\tGiám đốc\tBằng khen\n'
    lines = paste.parse(pasted)
    assert [line.name for line in lines] == ["Công ty TNHH Quang Hải Hải Phòng", "Vũ Văn Nam"]
    assert [line.number for line in lines] == [1, 3]


@pytest.mark.parametrize(
    "pasted",
    [
        "STT | Họ và tên | Chức vụ | Hình thức\n|---|---|---|---|\n| 1 | Vũ Văn Nam | Giám đốc HTX | Bằng khen |\n",
        "1   Vũ Văn Nam     Giám đốc HTX    Bằng khen\n",
        "1  |  Vũ Văn Nam | Giám đốc HTX|Bằng khen",
    ],
    ids=["bars-with-header", "two-spaces", "bars"],
)
def test_columns_separated_by_bars_or_two_spaces(pasted):
    assert _read(paste.parse(pasted)) == [(1, "Vũ Văn Nam", "Giám đốc HTX", "Bằng khen")]


def test_a_list_of_names_only_with_numbers_in_the_same_cell():
    lines = paste.parse("1. Nguyễn Văn An\n2. Lê Thị Hoa\nĐỗ Văn Long\n")
    assert _read(lines) == [(1, "Nguyễn Văn An", "", ""), (2, "Lê Thị Hoa", "", ""), (None, "Đỗ Văn Long", "", "")]


def test_decomposed_vietnamese_is_read_as_composed():
    nfd = unicodedata.normalize("NFD", "1\tHTX Nông nghiệp Thắng Thủy\t\tCờ thi đua")
    assert nfd != unicodedata.normalize("NFC", nfd)
    (line,) = paste.parse(nfd)
    assert line.name == "HTX Nông nghiệp Thắng Thủy"
    assert unicodedata.is_normalized("NFC", line.name)


def test_headings_give_the_kind_and_a_repeated_header_is_skipped():
    pasted = (
        "STT\tHọ và tên\tHình thức\n"
        "I. TẬP THỂ\n"
        "1\tĐông Hòa\tBằng khen\n"
        "STT\tHọ và tên\tHình thức\n"
        "II. Cá nhân\n"
        "2\tVũ Văn Nam\tBằng khen\n"
    )
    lines = paste.parse(pasted)
    assert [(line.name, line.kind) for line in lines] == [
        ("Đông Hòa", RecipientKind.COLLECTIVE),
        ("Vũ Văn Nam", RecipientKind.INDIVIDUAL),
    ]


@pytest.mark.parametrize("pasted", ["", "  \n\t\n", "STT\tHọ và tên\tHình thức\n"])
def test_nothing_to_read_is_refused_with_a_message(pasted):
    with pytest.raises(paste.PasteError, match="Không tìm thấy"):
        paste.parse(pasted)


def test_too_many_lines_are_refused(settings):
    with pytest.raises(paste.PasteError):
        paste.parse("\n".join(f"Người số {n}" for n in range(paste.MAX_LINES + 1)))


def test_the_ceremony_table_reads_as_23_lines():
    lines = paste.parse(ceremony_table())
    assert len(lines) == 23
    assert _read(lines) == [(o, n, u, f) for o, n, u, f in ceremony_rows()]


def test_names_are_normalised_for_abbreviations():
    assert paste.normalise_name("Hợp tác xã Nông nghiệp Thắng Thủy") == paste.normalise_name(
        "HTX NÔNG NGHIỆP THẮNG THỦY"
    )
    assert paste.normalise_name("Liên minh HTX & DN TP Hải Phòng") == paste.normalise_name(
        "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng"
    )
    assert paste.normalise_name("Công ty TNHH Quang Hải") == paste.normalise_name("Cty Trách nhiệm hữu hạn Quang Hải")


# --- matching -----------------------------------------------------------------------------------------------------


def _match(pasted, default_form=None):
    matches, _register = paste.match(paste.parse(pasted), default_form)
    return matches


@pytest.mark.django_db
def test_exact_names_match_people_organizations_forms_and_named_collectives():
    member = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    person = factories.PersonFactory(full_name="Cao Thị Hằng", position="Giám đốc")
    factories.HonourFactory(organization=None, recipient_name="Văn phòng Liên minh")
    matches = _match(
        "HTX Nông nghiệp Thắng Thủy\t\tCờ thi đua\nCao Thị Hằng\tGiám đốc\tBằng khen\nVăn phòng Liên minh\t\tBằng khen\n"
    )
    assert [m.status for m in matches] == [paste.MATCHED] * 3
    assert [m.candidates[0].value for m in matches] == [
        f"organization:{member.pk}",
        f"person:{person.pk}",
        "name:Văn phòng Liên minh",
    ]
    assert [m.form.name for m in matches] == ["Cờ thi đua", "Bằng khen", "Bằng khen"]
    assert all(m.exact for m in matches)
    assert [m.suggestion for m in matches] == [c.value for m in matches for c in m.candidates]


@pytest.mark.django_db
def test_folded_and_abbreviated_names_match():
    member = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    person = factories.PersonFactory(full_name="Cao Thị Hằng")
    matches = _match("hop tac xa nong nghiep thang thuy\t\tCờ thi đua\nCAO THI HANG\t\tkỷ niệm chương\n")
    assert [m.status for m in matches] == [paste.MATCHED, paste.MATCHED]
    assert [m.candidates[0].obj for m in matches] == [member, person]
    assert not any(m.exact for m in matches)
    assert matches[1].form.name == "Kỷ niệm chương"


@pytest.mark.django_db
def test_form_names_with_the_authority_or_without_quotes_are_found():
    matches = _match(
        "Vũ Văn Nam\t\tBằng khen của Chủ tịch UBND thành phố\n"
        "Vũ Văn Nam\t\tKỷ niệm chương Vì sự nghiệp phát triển Hợp tác xã\n"
        "Vũ Văn Nam\t\tHuy hiệu lạ\n"
    )
    assert matches[0].form.name == "Bằng khen"
    assert matches[1].form.name == "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”"
    assert matches[2].form is None  # staff choose it in the preview


@pytest.mark.django_db
def test_a_line_without_a_form_takes_the_default_and_a_second_cell_naming_a_form_is_the_form():
    certificate = HonourForm.objects.get(name="Bằng khen")
    flag = HonourForm.objects.get(name="Cờ thi đua")
    matches = _match("Vũ Văn Nam\tGiám đốc\nHTX Đông Hòa\tCờ thi đua\n", default_form=certificate)
    assert [(m.line.unit, m.form) for m in matches] == [("Giám đốc", certificate), ("", flag)]


@pytest.mark.django_db
def test_namesakes_are_ambiguous_unless_the_exact_spelling_or_the_unit_tells_them_apart():
    mai_dh = factories.PersonFactory(full_name="Nguyễn Thị Mai", position="Giám đốc HTX Đông Hòa")
    factories.PersonFactory(full_name="Nguyễn Thị Mai", position="Kế toán HTX Bến Cá")
    factories.PersonFactory(full_name="Nguyễn Thị Mái", position="Giám đốc")
    matches = _match(
        "Nguyễn Thị Mai\t\tBằng khen\nNguyen Thi Mai\tHTX Đông Hòa\tBằng khen\nnguyen thi mai\t\tBằng khen\n"
    )
    assert matches[0].status == paste.AMBIGUOUS and len(matches[0].candidates) == 2  # "Mái" is spelt otherwise
    assert matches[0].suggestion == ""  # staff must choose
    assert matches[1].status == paste.MATCHED and matches[1].candidates[0].obj == mai_dh
    assert matches[2].status == paste.AMBIGUOUS and len(matches[2].candidates) == 3


@pytest.mark.django_db
def test_unmatched_lines_offer_to_add_a_person_or_organization_or_keep_the_name():
    matches = _match("Hoàng Văn Mới\tGiám đốc\tBằng khen\nHTX Mới Thành Lập\t\tCờ thi đua\nBan Thi đua\t\tBằng khen\n")
    assert [m.status for m in matches] == [paste.UNMATCHED] * 3
    assert [m.suggestion for m in matches] == [paste.NEW_PERSON, paste.KEEP_NAME, paste.KEEP_NAME]
    assert [value for value, _label in matches[0].options()] == [
        paste.KEEP_NAME,
        paste.NEW_PERSON,
        paste.NEW_ORGANIZATION,
        paste.SKIP,
    ]
    # A flag goes to collectives only: no new person is offered; without the permission, no new organization.
    assert [value for value, _label in matches[1].options(can_add_organization=False)] == [paste.KEEP_NAME, paste.SKIP]


@pytest.mark.django_db
def test_a_collective_only_form_does_not_match_a_person_of_the_same_name():
    factories.PersonFactory(full_name="Đông Hòa")
    member = factories.OrganizationFactory(name="Đông Hòa")
    (match,) = _match("Đông Hòa\t\tCờ thi đua\n")
    assert match.kind == RecipientKind.COLLECTIVE
    assert [c.obj for c in match.candidates] == [member]


@pytest.mark.django_db
def test_matching_reads_the_register_in_a_few_queries_per_line(django_assert_max_num_queries):
    ceremony_register()
    lines = paste.parse(ceremony_table())
    with django_assert_max_num_queries(2 + 2 * len(lines)):
        matches, _register = paste.match(lines)
    assert [m.status for m in matches].count(paste.MATCHED) == 22  # all but the alliance, named by no honour yet
    assert matches[0].status == paste.UNMATCHED and matches[0].suggestion == paste.KEEP_NAME


# --- creating: all or nothing -------------------------------------------------------------------------------------


def _choices(matches, **overrides):
    return {
        m.line.number: PasteChoice(overrides.get(m.line.number, m.suggestion), m.form)
        for m in matches
        if m.form is not None or m.line.number in overrides
    }


@pytest.mark.django_db
def test_the_ceremony_list_creates_23_honours_under_the_decision():
    made = ceremony_register(people=False)
    decision = factories.DecisionFactory(signed_on=datetime.date(2020, 7, 20))
    event = factories.EventFactory()
    matches, _register = paste.match(paste.parse(ceremony_table()))
    details = PasteDetails(citation="Đã có thành tích", conferred_on=datetime.date(2020, 7, 31), event=event)
    honours = add_pasted_honours(decision, matches, _choices(matches), details)
    assert len(honours) == 23 == decision.honours.count()
    assert decision.honours.filter(organization__in=made["organizations"]).count() == 8
    assert decision.honours.filter(recipient_name="Liên minh HTX & DN TP Hải Phòng").count() == 1
    new_people = Person.objects.filter(honours__decision=decision)
    assert new_people.count() == 14 and not new_people.filter(public_consent=True).exists()
    assert set(decision.honours.values_list("authority", "event", "conferred_on")) == {
        (decision.authority_id, event.pk, datetime.date(2020, 7, 31))
    }
    assert list(decision.honours.order_by("order").values_list("order", flat=True)) == list(range(1, 24))
    assert decision.honours.get(order=1).form.name == "Bức trướng"


@pytest.mark.django_db
def test_a_new_member_organization_is_added_unpublished():
    decision = factories.DecisionFactory()
    matches, _register = paste.match(paste.parse("Công ty TNHH Mới Lập\t\tBằng khen\n"))
    choices = {1: PasteChoice(paste.NEW_ORGANIZATION, matches[0].form)}
    (honour,) = add_pasted_honours(decision, matches, choices, PasteDetails())
    organization = honour.organization
    assert organization.name == "Công ty TNHH Mới Lập"
    assert not organization.is_published and organization.kind == Organization.Kind.ENTERPRISE


@pytest.mark.django_db
def test_one_bad_line_creates_nothing_and_is_named():
    decision = factories.DecisionFactory(signed_on=datetime.date(2020, 7, 20))
    factories.PersonFactory(full_name="Nguyễn Thị Mai")
    factories.PersonFactory(full_name="Nguyễn Thị Mai")
    pasted = (
        "1\tVũ Văn Nam\tGiám đốc\tBằng khen\n"  # right, and a new person: undone with the rest
        "2\tVũ Văn Nam\tGiám đốc\tBằng khen\n"  # the same honour twice
        "3\tVũ Văn Nam\tGiám đốc\tCờ thi đua\n"  # a flag to a person
        "4\tNguyễn Thị Mai\t\tBằng khen\n"  # ambiguous, not chosen
        "5\tHTX Đông Hòa\t\tHuy hiệu lạ\n"  # no such form
    )
    matches, _register = paste.match(paste.parse(pasted))
    choices = _choices(matches) | {3: PasteChoice(paste.NEW_PERSON, matches[2].form)}
    with pytest.raises(PasteRejected) as rejected:
        add_pasted_honours(decision, matches, choices, PasteDetails())
    messages = rejected.value.messages
    assert [line.number for line, _error in rejected.value.errors] == [2, 3, 4, 5]
    assert messages[0] == "Dòng 2 (Vũ Văn Nam): Dòng 1 đã trao hình thức này cho người/đơn vị này."
    assert messages[1].startswith("Dòng 3 (Vũ Văn Nam): Không thể tặng Cờ thi đua cho")
    assert messages[2] == "Dòng 4 (Nguyễn Thị Mai): Hãy chọn người/đơn vị được khen thưởng trong các khả năng."
    assert messages[3] == "Dòng 5 (HTX Đông Hòa): Hãy chọn hình thức khen thưởng."
    assert not Honour.objects.exists()
    assert not Person.objects.filter(full_name="Vũ Văn Nam").exists()


@pytest.mark.django_db
def test_a_model_rule_names_the_line_in_vietnamese():
    decision = factories.DecisionFactory(signed_on=datetime.date(2020, 7, 20))
    matches, _register = paste.match(paste.parse("Vũ Văn Nam\tGiám đốc\tBằng khen\n"))
    with pytest.raises(PasteRejected) as rejected:
        add_pasted_honours(decision, matches, _choices(matches), PasteDetails(conferred_on=datetime.date(2020, 7, 1)))
    assert rejected.value.messages == [
        "Dòng 1 (Vũ Văn Nam): Không thể trao khen thưởng trước ngày ký quyết định (20/07/2020)."
    ]
    assert not Honour.objects.exists() and not Person.objects.filter(full_name="Vũ Văn Nam").exists()


@pytest.mark.django_db
def test_pasting_the_same_list_twice_is_refused():
    decision = factories.DecisionFactory()
    member = factories.OrganizationFactory(name="HTX Đông Hòa")
    matches, _register = paste.match(paste.parse("HTX Đông Hòa\t\tBằng khen\n"))
    add_pasted_honours(decision, matches, _choices(matches), PasteDetails())
    with pytest.raises(PasteRejected) as rejected:
        add_pasted_honours(decision, matches, _choices(matches), PasteDetails())
    assert "đã trao" in rejected.value.messages[0]
    assert decision.honours.get().organization == member


@pytest.mark.django_db
def test_lines_left_out_are_not_created_and_a_choice_not_offered_is_refused():
    decision = factories.DecisionFactory()
    other = factories.PersonFactory(full_name="Người Khác")
    matches, _register = paste.match(paste.parse("Vũ Văn Nam\t\tBằng khen\nLê Thị Hoa\t\tBằng khen\n"))
    choices = {1: PasteChoice(paste.SKIP, matches[0].form), 2: PasteChoice(f"person:{other.pk}", matches[1].form)}
    with pytest.raises(PasteRejected):
        add_pasted_honours(decision, matches, choices, PasteDetails())
    choices[2] = PasteChoice(paste.NEW_PERSON, matches[1].form)
    (honour,) = add_pasted_honours(decision, matches, choices, PasteDetails())
    assert honour.person.full_name == "Lê Thị Hoa"
