"""The ceremony's 23 honours: the banner to the alliance, and marked sample decisions and recipients for the rest.

The report names none of the honoured units and people, nor any decision: those are sample rows, visibly marked
(is_sample=True, "mẫu" in their names).
"""

import datetime
from dataclasses import dataclass

from awards.models import Authority, Decision, Honour, HonourForm
from members.models import Organization, Person, Sector

from . import report

SAMPLE_MARK = "(dữ liệu mẫu)"

# One sample decision per authority: the report gives no numbers or dates, so these are made up and marked.
SAMPLE_DECISIONS = {
    report.AUTH_CITY_BODIES: ("Mẫu-01/QĐ-TU-HĐND-UBND", datetime.date(2020, 7, 24)),
    report.AUTH_CITY: ("Mẫu-02/QĐ-UBND", datetime.date(2020, 7, 20)),
    report.AUTH_CITY_CHAIR: ("Mẫu-03/QĐ-CT", datetime.date(2020, 7, 20)),
    report.AUTH_VCA: ("Mẫu-04/QĐ-LMHTXVN", datetime.date(2020, 7, 15)),
}
SAMPLE_DECISION_TITLE = f"Quyết định khen thưởng nhân kỷ niệm 30 năm thành lập Liên minh {SAMPLE_MARK}"

# Sample recipients: the report names none of them. 8 collectives and 14 individuals are needed.
SAMPLE_COLLECTIVES = [
    ("HTX mẫu Dịch vụ Nông nghiệp Đông Hòa", Organization.Kind.COOPERATIVE, "", "Nông nghiệp"),
    ("HTX mẫu Thủy sản Bến Cá", Organization.Kind.COOPERATIVE, "", "Thủy sản"),
    ("HTX mẫu Vận tải Hải An", Organization.Kind.COOPERATIVE, "", "Vận tải"),
    ("HTX mẫu Mây tre đan Cổ Am", Organization.Kind.COOPERATIVE, "", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Công ty TNHH mẫu Thương mại Lạch Tray", Organization.Kind.ENTERPRISE, "llc", "Thương mại – dịch vụ"),
    ("HTX mẫu Môi trường Kiến An", Organization.Kind.COOPERATIVE, "", "Môi trường"),
    ("Quỹ tín dụng nhân dân mẫu Tiên Lãng", Organization.Kind.COOPERATIVE, "", "Tín dụng"),
    ("Liên hiệp HTX mẫu Nông sản sạch Vĩnh Bảo", Organization.Kind.COOPERATIVE_UNION, "", "Nông nghiệp"),
]
SAMPLE_INDIVIDUALS = [
    ("Nguyễn Thị Mai", "Giám đốc HTX"),
    ("Trần Văn Hùng", "Chủ tịch Hội đồng quản trị HTX"),
    ("Phạm Thị Lan", "Kế toán trưởng HTX"),
    ("Vũ Văn Nam", "Giám đốc HTX"),
    ("Hoàng Thị Thu", "Trưởng phòng, Liên minh HTX & DN TP Hải Phòng"),
    ("Đỗ Văn Long", "Giám đốc công ty"),
    ("Lê Thị Hoa", "Phó Giám đốc HTX"),
    ("Bùi Văn Tuấn", "Giám đốc HTX"),
    ("Ngô Thị Hạnh", "Chuyên viên, Liên minh HTX & DN TP Hải Phòng"),
    ("Đặng Văn Quý", "Nguyên Chủ tịch Liên minh HTX thành phố"),
    ("Trịnh Thị Ngọc", "Giám đốc HTX"),
    ("Phan Văn Sơn", "Chủ nhiệm HTX"),
    ("Mạc Thị Yến", "Phó Chủ tịch Liên minh HTX & DN TP Hải Phòng"),
    ("Lương Văn Đức", "Giám đốc HTX"),
]
FORMS = [
    report.FORM_BANNER,
    report.FORM_FLAG,
    report.FORM_CERTIFICATE,
    report.FORM_EXCELLENT_COLLECTIVE,
    report.FORM_MEDAL,
]


def load_honours(event):
    """The banner, then every honour of HONOURS_ANNOUNCED to the next sample collective or individual, in order."""
    ceremony = Ceremony.of(event)
    ceremony.honour(
        report.AUTH_CITY_BODIES, report.FORM_BANNER, 1, is_sample=False, recipient_name=report.ALLIANCE_SHORT_NAME
    )
    collectives, individuals = iter(SAMPLE_COLLECTIVES), iter(SAMPLE_INDIVIDUALS)
    order = 1
    for authority_name, form_name, n_collectives, n_individuals, citation, year in report.HONOURS_ANNOUNCED:
        for _i in range(n_collectives):
            order += 1
            organization = sample_organization(*next(collectives))
            ceremony.honour(authority_name, form_name, order, citation, year, organization=organization)
        for _i in range(n_individuals):
            order += 1
            person = sample_person(*next(individuals))
            ceremony.honour(authority_name, form_name, order, citation, year, person=person)


@dataclass
class Ceremony:
    """The event where the honours were presented, with the authorities, forms and decisions they refer to."""

    event: object
    authorities: dict
    forms: dict
    decisions: dict

    @classmethod
    def of(cls, event):
        authorities = {a.name: a for a in Authority.objects.filter(name__in=SAMPLE_DECISIONS)}
        forms = {f.name: f for f in HonourForm.objects.filter(name__in=FORMS)}
        decisions = {name: sample_decision(authorities[name], *SAMPLE_DECISIONS[name]) for name in SAMPLE_DECISIONS}
        return cls(event, authorities, forms, decisions)

    def honour(self, authority_name, form_name, order, citation="", year=None, is_sample=True, **recipient):
        """The honour of this form from this authority to one recipient, found by those before it is created."""
        lookup = {"organization": None, "person": None, "recipient_name": "", **recipient}
        honour, _created = Honour.objects.get_or_create(
            form=self.forms[form_name],
            authority=self.authorities[authority_name],
            event=self.event,
            **lookup,
            defaults={
                "decision": self.decisions[authority_name],
                "citation": citation,
                "achievement_year": year,
                "conferred_on": report.CEREMONY_DAY,
                "order": order,
                "is_sample": is_sample,
                "is_published": True,
                "inscription": report.THEME if form_name == report.FORM_BANNER else "",
            },
        )
        return honour


def sample_decision(authority, number, signed_on):
    decision, _created = Decision.objects.get_or_create(
        authority=authority,
        number=number,
        signed_on=signed_on,
        defaults={"title": SAMPLE_DECISION_TITLE, "is_sample": True, "is_published": True},
    )
    return decision


def sample_person(full_name, position):
    person, _created = Person.objects.get_or_create(
        full_name=f"{full_name} {SAMPLE_MARK}",
        is_sample=True,
        defaults={
            "position": position,
            "affiliation": report.ALLIANCE_SHORT_NAME if "Liên minh" in position else "",
            "public_consent": True,
            "consent_recorded_on": report.CEREMONY_DAY,
            "is_published": True,
        },
    )
    return person


def sample_organization(name, kind, legal_form, sector):
    organization, _created = Organization.objects.get_or_create(
        name=f"{name} {SAMPLE_MARK}",
        is_sample=True,
        defaults={
            "kind": kind,
            "legal_form": legal_form,
            "description": "Đơn vị mẫu: bài báo không nêu tên tập thể được khen thưởng.",
            "is_published": True,
        },
    )
    if not organization.sectors.exists():
        organization.sectors.add(Sector.objects.get(name=sector))
    return organization
