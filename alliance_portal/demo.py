"""Demo data: the facts of the 30th-anniversary report, and a fast generator of synthetic member organizations.

`load_facts()` writes what the press report (../shared/seed, summarised in docs/data-model.md) says: the alliance, its
names and congresses, the ceremony of 31/7/2020 with its guests, speeches and programme, the two member organizations
named, and the 23 honours announced. The report names none of the honoured units and people, nor any decision: those
are sample rows, visibly marked (is_sample=True, "mẫu" in their names). Every row is found by a natural key before it
is created, so running it twice changes nothing.

`add_members(n, seed)` adds n synthetic member organizations (all is_sample=True) with bulk inserts: 100,000 take well
under a minute on SQLite. Each call adds n more rows.
"""

import contextlib
import datetime
import functools
import os
import random
import secrets
import time
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from awards.models import Authority, Decision, Honour, HonourForm
from core import text
from core.cache import bump_version
from events.models import Alliance, AllianceName, Congress, Event, Participant, ProgrammeItem, Speech
from members import search_indexes
from members.models import Area, Organization, Person, Sector
from members.validators import make_tax_code

FOUNDED_ON = datetime.date(1990, 7, 31)
CEREMONY_DAY = datetime.date(2020, 7, 31)
SOURCE_NAME = "Vnbusiness"
SOURCE_URL = (
    "https://vnbusiness.vn//hop-tac-xa/lien-minh-htx-amp-dn-tp-ha-i-pho-ng-30-nam-do-i-mo-i-ho-p-ta-c-pha-t-trie-n-"
    "be-n-vu-ng-1071658.html"
)
THEME = "30 năm đổi mới, hợp tác, phát triển bền vững"
ALLIANCE_NAME = "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng"
ALLIANCE_SHORT_NAME = "Liên minh HTX & DN TP Hải Phòng"
FOUNDING_NAME = "Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh"
EVENT_TITLE = "Kỷ niệm 30 năm Ngày thành lập Liên minh HTX & DN TP Hải Phòng (31/7/1990 – 31/7/2020)"
EVENT_SLUG = "ky-niem-30-nam-ngay-thanh-lap-lien-minh-htx-dn-tp-hai-phong"
SAMPLE_MARK = "(dữ liệu mẫu)"

# Authorities and forms as seeded by awards/migrations/0002_seed_forms_and_authorities.py.
AUTH_CITY_BODIES = "Thành ủy – HĐND – UBND thành phố Hải Phòng"
AUTH_CITY = "UBND thành phố Hải Phòng"
AUTH_CITY_CHAIR = "Chủ tịch UBND thành phố Hải Phòng"
AUTH_VCA = "Ban Chấp hành Liên minh HTX Việt Nam"
FORM_BANNER = "Bức trướng"
FORM_FLAG = "Cờ thi đua"
FORM_EXCELLENT_COLLECTIVE = "Tập thể lao động xuất sắc"
FORM_CERTIFICATE = "Bằng khen"
FORM_MEDAL = "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”"

# One sample decision per authority: the report gives no numbers or dates, so these are made up and marked.
SAMPLE_DECISIONS = {
    AUTH_CITY_BODIES: ("Mẫu-01/QĐ-TU-HĐND-UBND", datetime.date(2020, 7, 24)),
    AUTH_CITY: ("Mẫu-02/QĐ-UBND", datetime.date(2020, 7, 20)),
    AUTH_CITY_CHAIR: ("Mẫu-03/QĐ-CT", datetime.date(2020, 7, 20)),
    AUTH_VCA: ("Mẫu-04/QĐ-LMHTXVN", datetime.date(2020, 7, 15)),
}

CITATION_FLAG = "Đã có thành tích hoàn thành xuất sắc toàn diện nhiệm vụ, dẫn đầu Khối thi đua"
CITATION_OUTSTANDING = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ"
CITATION_OUTSTANDING_2019 = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2019"

# The honours announced at the ceremony: authority, form, collectives, individuals, citation, year of achievement.
HONOURS_ANNOUNCED = [
    (AUTH_CITY, FORM_FLAG, 2, 0, CITATION_FLAG, None),
    (AUTH_CITY, FORM_EXCELLENT_COLLECTIVE, 2, 0, "", None),
    (AUTH_CITY_CHAIR, FORM_CERTIFICATE, 3, 6, CITATION_OUTSTANDING, None),
    (AUTH_VCA, FORM_CERTIFICATE, 1, 2, CITATION_OUTSTANDING_2019, 2019),
    (AUTH_VCA, FORM_MEDAL, 0, 6, "", None),
]

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


@dataclass
class Figure:
    """A public figure named in the report, as reported there."""

    full_name: str
    position: str
    affiliation: str = ""
    organization: str = ""
    roles: list = field(default_factory=list)


PEOPLE = [
    Figure(
        "Nguyễn Văn Thịnh",
        "Phó Chủ tịch Liên minh HTX Việt Nam",
        affiliation="Liên minh HTX Việt Nam",
        roles=[Participant.Role.GUEST_OF_HONOUR, Participant.Role.SPEAKER, Participant.Role.PRESENTER],
    ),
    Figure(
        "Nguyễn Văn Thành",
        "Phó Chủ tịch UBND TP Hải Phòng, Trưởng ban chỉ đạo phát triển kinh tế tập thể thành phố",
        affiliation="UBND TP Hải Phòng",
        roles=[Participant.Role.GUEST_OF_HONOUR, Participant.Role.PRESENTER],
    ),
    Figure(
        "Lương Minh Huệ",
        "Chủ tịch Liên minh HTX & DN TP Hải Phòng",
        affiliation=ALLIANCE_SHORT_NAME,
        roles=[Participant.Role.SPEAKER],
    ),
    Figure(
        "Bùi Đức Vinh",
        "Giám đốc Công ty TNHH Quang Hải",
        organization="Công ty TNHH Quang Hải",
        roles=[Participant.Role.SPEAKER],
    ),
    Figure(
        "Cao Thị Hằng",
        "Giám đốc HTX Nông nghiệp Thắng Thủy",
        organization="HTX Nông nghiệp Thắng Thủy",
        roles=[Participant.Role.SPEAKER],
    ),
]

# Own short summaries of the four speeches, in the order the report gives them.
SPEECHES = [
    (
        "Nguyễn Văn Thịnh",
        "Ghi nhận chặng đường 30 năm và định hướng nhiệm vụ",
        "Ông ghi nhận những kết quả mà cán bộ, người lao động Liên minh đạt được trong 30 năm. Ông đề nghị coi kinh tế "
        "tập thể, hợp tác xã là động lực phát triển bền vững; phát triển hợp tác xã nhanh, đa dạng loại hình, trước hết "
        "ở nông nghiệp, nông thôn; Liên minh giữ vai trò nòng cốt, bảo vệ quyền và lợi ích hợp pháp của thành viên, và "
        "xây dựng bộ máy vững mạnh, gắn chặt với hệ thống Liên minh HTX Việt Nam.",
    ),
    (
        "Bùi Đức Vinh",
        "Liên minh là chỗ dựa của thành viên",
        "Là thành viên từ những năm đầu, công ty coi Liên minh là chỗ dựa tin cậy và là cầu nối giữa doanh nghiệp, "
        "hợp tác xã với chính quyền địa phương và các cơ quan chức năng.",
    ),
    (
        "Cao Thị Hằng",
        "Hợp tác xã được hỗ trợ để phát triển sản xuất",
        "Hợp tác xã được Liên minh hỗ trợ đào tạo, xúc tiến thương mại và đưa cán bộ, xã viên đi học các lớp tập huấn "
        "chuyển giao kỹ thuật nông nghiệp.",
    ),
    (
        "Lương Minh Huệ",
        "Nhiệm vụ trọng tâm thời gian tới",
        "Ông nêu các việc phải làm: bám sát sự chỉ đạo của Liên minh HTX Việt Nam và của Thành ủy, HĐND, UBND thành "
        "phố; nâng cao chất lượng tham mưu chính sách hỗ trợ kinh tế tập thể; phối hợp với các sở, ngành, địa phương "
        "để tháo gỡ vướng mắc; trao đổi kinh nghiệm với Liên minh các tỉnh theo cụm thi đua và theo vùng; nâng cao "
        "năng lực cán bộ.",
    ),
]

# The programme in the order the report tells it; the report gives no times, so none are recorded.
PROGRAMME = [
    ("Khai mạc lễ kỷ niệm 30 năm Ngày thành lập", None),
    ("Phát biểu của Phó Chủ tịch Liên minh HTX Việt Nam", "Nguyễn Văn Thịnh"),
    ("Trao Kỷ niệm chương “Vì sự nghiệp phát triển HTX” cho các cá nhân", "Nguyễn Văn Thịnh"),
    ("Ý kiến của thành viên: Công ty TNHH Quang Hải", "Bùi Đức Vinh"),
    ("Ý kiến của thành viên: HTX Nông nghiệp Thắng Thủy", "Cao Thị Hằng"),
    ("Phát biểu về nhiệm vụ trọng tâm thời gian tới", "Lương Minh Huệ"),
    ("Trao Bức trướng của Thành ủy, HĐND, UBND thành phố", "Nguyễn Văn Thành"),
    ("Công bố và trao các hình thức khen thưởng của UBND thành phố và Liên minh HTX Việt Nam", None),
]

MANDATE = (
    "Thay mặt các hợp tác xã và cơ sở công nghiệp ngoài quốc doanh kiến nghị với Đảng và Nhà nước về chính sách, "
    "pháp luật cho khu vực này; đại diện cho họ trong quan hệ đối ngoại, hợp tác và liên doanh, liên kết kinh tế – kỹ "
    "thuật, làm đầu mối giao dịch quốc tế; tổ chức dịch vụ đầu tư, tín dụng, thông tin và chuyển giao công nghệ, tiến "
    "bộ kỹ thuật."
)

EVENT_SUMMARY = (
    "Sáng 31/7/2020, Liên minh HTX & DN TP Hải Phòng kỷ niệm 30 năm thành lập với chủ đề “" + THEME + "”. "
    "Buổi lễ nhìn lại chặng đường từ Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh năm 1990, nghe ý kiến "
    "của lãnh đạo và thành viên, và trao 23 lượt khen thưởng."
)
EVENT_BODY = (
    "Dự lễ có Phó Chủ tịch Liên minh HTX Việt Nam Nguyễn Văn Thịnh và Phó Chủ tịch UBND TP Hải Phòng, Trưởng ban chỉ "
    "đạo phát triển kinh tế tập thể thành phố Nguyễn Văn Thành.\n\n"
    "Ông Nguyễn Văn Thịnh ghi nhận kết quả 30 năm của Liên minh và nêu các nhiệm vụ trọng tâm: phát triển kinh tế tập "
    "thể, hợp tác xã nhanh và bền vững, nhất là ở nông nghiệp, nông thôn; Liên minh làm nòng cốt và bảo vệ quyền lợi "
    "hợp pháp của thành viên. Đại diện hai thành viên, ông Bùi Đức Vinh (Công ty TNHH Quang Hải) và bà Cao Thị Hằng "
    "(HTX Nông nghiệp Thắng Thủy), kể về sự hỗ trợ của Liên minh. Chủ tịch Liên minh Lương Minh Huệ trình bày nhiệm "
    "vụ thời gian tới.\n\n"
    "Thành ủy, HĐND, UBND thành phố tặng Liên minh Bức trướng “"
    + THEME
    + "”. UBND thành phố tặng Cờ thi đua cho 2 tập "
    "thể và danh hiệu Tập thể lao động xuất sắc cho 2 đơn vị; Chủ tịch UBND thành phố tặng Bằng khen cho 3 tập thể và "
    "6 cá nhân; Ban Chấp hành Liên minh HTX Việt Nam tặng Bằng khen cho 1 tập thể và 2 cá nhân vì thành tích năm 2019, "
    "và Kỷ niệm chương “Vì sự nghiệp phát triển HTX” cho 6 cá nhân.\n\n"
    "Bài báo không nêu tên các tập thể, cá nhân được khen thưởng, nên các đơn vị và người nhận trên cổng này là dữ "
    "liệu mẫu."
)


def _get(model, **lookup):
    """get_or_create on a natural key: `defaults=` is used only when the row is new."""
    obj, _created = model.objects.get_or_create(**lookup)
    return obj


def _ceremony_start():
    """The morning of 31/7/2020 in Hải Phòng. The report says "sáng nay" only: 08:00 stands for "morning"."""
    return datetime.datetime(2020, 7, 31, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@transaction.atomic
def load_facts():
    """Load the report's facts (and the marked sample recipients). Idempotent. Returns the ceremony Event."""
    alliance = _get(
        Alliance,
        founded_on=FOUNDED_ON,
        defaults={
            "name": ALLIANCE_NAME,
            "short_name": ALLIANCE_SHORT_NAME,
            "name_en": "Hải Phòng Alliance of Cooperatives and Enterprises",
            "founding_authority": "UBND TP Hải Phòng",
            "founding_decision": "Quyết định của UBND TP Hải Phòng ngày 31/7/1990 (số quyết định không được nêu)",
            "founding_name": FOUNDING_NAME,
            "mandate": MANDATE,
            "description": (
                "Ra đời năm 1990, khi khu vực kinh tế tập thể của thành phố cần thích nghi với kinh tế thị trường. "
                "Qua 5 kỳ đại hội và nhiều lần đổi tên, Liên minh đại diện và hỗ trợ các hợp tác xã, doanh nghiệp "
                "thành viên."
            ),
        },
    )
    _get(
        AllianceName,
        alliance=alliance,
        name=FOUNDING_NAME,
        defaults={
            "valid_from": FOUNDED_ON,
            "order": 1,
            "note": "Tên khi thành lập (31/7/1990). Ngày thôi dùng tên này chưa rõ: bài báo nguồn không nêu.",
        },
    )
    _get(
        AllianceName,
        alliance=alliance,
        name=ALLIANCE_NAME,
        defaults={
            "short_name": ALLIANCE_SHORT_NAME,
            "order": 9,
            "note": (
                "Tên hiện nay; đã dùng ít nhất từ 31/7/2020 (bài báo Vnbusiness). Ngày bắt đầu dùng tên này và các "
                "tên gọi trung gian chưa rõ."
            ),
        },
    )
    for number in range(1, 6):
        _get(
            Congress,
            alliance=alliance,
            number=number,
            defaults={"summary": "Bài báo nguồn chỉ nêu Liên minh đã qua 5 kỳ đại hội; ngày họp và nhiệm kỳ chưa rõ."},
        )

    quang_hai = _get(
        Organization,
        name="Công ty TNHH Quang Hải",
        is_sample=False,
        defaults={
            "kind": Organization.Kind.ENTERPRISE,
            "legal_form": Organization.LegalForm.LLC,
            "representative_name": "Bùi Đức Vinh",
            "representative_title": "Giám đốc",
            "description": "Doanh nghiệp thành viên của Liên minh từ những ngày đầu.",
        },
    )
    thang_thuy = _get(
        Organization,
        name="HTX Nông nghiệp Thắng Thủy",
        is_sample=False,
        defaults={
            "kind": Organization.Kind.COOPERATIVE,
            "representative_name": "Cao Thị Hằng",
            "representative_title": "Giám đốc",
            "description": "Hợp tác xã nông nghiệp thành viên; được Liên minh hỗ trợ đào tạo và xúc tiến thương mại.",
        },
    )
    if not thang_thuy.sectors.exists():
        thang_thuy.sectors.add(Sector.objects.get(name="Nông nghiệp"))
    orgs = {quang_hai.name: quang_hai, thang_thuy.name: thang_thuy}

    people = {}
    for figure in PEOPLE:
        people[figure.full_name] = _get(
            Person,
            full_name=figure.full_name,
            is_sample=False,
            defaults={
                "position": figure.position,
                "affiliation": figure.affiliation,
                "organization": orgs.get(figure.organization),
                # Public figures named in a published press report; the date is that of the report.
                "public_consent": True,
                "consent_recorded_on": CEREMONY_DAY,
                "is_published": True,
            },
        )

    event = _get(
        Event,
        slug=EVENT_SLUG,
        defaults={
            "kind": Event.Kind.ANNIVERSARY,
            "title": EVENT_TITLE,
            "starts_at": _ceremony_start(),
            "celebrates_on": FOUNDED_ON,
            "organizer": ALLIANCE_SHORT_NAME,
            "summary": EVENT_SUMMARY,
            "body": EVENT_BODY,
            "source_name": SOURCE_NAME,
            "source_url": SOURCE_URL,
            "is_published": True,
        },
    )
    if not event.organizations.exists():
        event.organizations.add(quang_hai, thang_thuy)
    order = 0
    for figure in PEOPLE:
        for role in figure.roles:
            order += 1
            _get(
                Participant,
                event=event,
                person=people[figure.full_name],
                role=role,
                defaults={"position": figure.position, "order": order},
            )
    for order, (speaker, title, summary) in enumerate(SPEECHES, start=1):
        _get(
            Speech,
            event=event,
            speaker=people[speaker],
            defaults={"title": title, "summary": summary, "order": order},
        )
    for order, (title, speaker) in enumerate(PROGRAMME, start=1):
        _get(
            ProgrammeItem,
            event=event,
            title=title,
            defaults={"speaker": people.get(speaker), "order": order, "starts_at": None},
        )

    _load_honours(event)
    return event


def _sample_person(index):
    full_name, position = SAMPLE_INDIVIDUALS[index]
    return _get(
        Person,
        full_name=f"{full_name} {SAMPLE_MARK}",
        is_sample=True,
        defaults={
            "position": position,
            "affiliation": ALLIANCE_SHORT_NAME if "Liên minh" in position else "",
            "public_consent": True,
            "consent_recorded_on": CEREMONY_DAY,
            "is_published": True,
        },
    )


def _sample_organization(index):
    name, kind, legal_form, sector = SAMPLE_COLLECTIVES[index]
    org = _get(
        Organization,
        name=f"{name} {SAMPLE_MARK}",
        is_sample=True,
        defaults={
            "kind": kind,
            "legal_form": legal_form,
            "description": "Đơn vị mẫu: bài báo không nêu tên tập thể được khen thưởng.",
            "is_published": True,
        },
    )
    if not org.sectors.exists():
        org.sectors.add(Sector.objects.get(name=sector))
    return org


def _load_honours(event):
    authorities = {a.name: a for a in Authority.objects.filter(name__in=SAMPLE_DECISIONS)}
    forms = {f.name: f for f in HonourForm.objects.filter(name__in=[FORM_BANNER, FORM_FLAG, FORM_CERTIFICATE,
                                                                    FORM_EXCELLENT_COLLECTIVE, FORM_MEDAL])}  # fmt: skip
    decisions = {}
    for authority_name, (number, signed_on) in SAMPLE_DECISIONS.items():
        decisions[authority_name] = _get(
            Decision,
            authority=authorities[authority_name],
            number=number,
            signed_on=signed_on,
            defaults={
                "title": f"Quyết định khen thưởng nhân kỷ niệm 30 năm thành lập Liên minh {SAMPLE_MARK}",
                "is_sample": True,
                "is_published": True,
            },
        )

    def honour(authority_name, form_name, order, citation="", year=None, is_sample=True, **recipient):
        lookup = {"organization": None, "person": None, "recipient_name": "", **recipient}
        return _get(
            Honour,
            form=forms[form_name],
            authority=authorities[authority_name],
            event=event,
            **lookup,
            defaults={
                "decision": decisions[authority_name],
                "citation": citation,
                "achievement_year": year,
                "conferred_on": CEREMONY_DAY,
                "order": order,
                "is_sample": is_sample,
                "is_published": True,
                "inscription": THEME if form_name == FORM_BANNER else "",
            },
        )

    # The banner goes to the alliance itself, a collective that is not a member: a fact of the report.
    honour(AUTH_CITY_BODIES, FORM_BANNER, 1, is_sample=False, recipient_name=ALLIANCE_SHORT_NAME)
    next_collective = next_individual = 0
    order = 1
    for authority_name, form_name, collectives, individuals, citation, year in HONOURS_ANNOUNCED:
        for _i in range(collectives):
            order += 1
            org = _sample_organization(next_collective)
            next_collective += 1
            honour(authority_name, form_name, order, citation, year, organization=org)
        for _i in range(individuals):
            order += 1
            person = _sample_person(next_individual)
            next_individual += 1
            honour(authority_name, form_name, order, citation, year, person=person)


# --- Synthetic members -------------------------------------------------------------------------------------------

# Activity words and the sector each belongs to.
ACTIVITIES = [
    ("Dịch vụ Nông nghiệp", "Nông nghiệp"),
    ("Nông nghiệp", "Nông nghiệp"),
    ("Sản xuất và Tiêu thụ Rau an toàn", "Nông nghiệp"),
    ("Chăn nuôi", "Nông nghiệp"),
    ("Trồng trọt và Dịch vụ", "Nông nghiệp"),
    ("Cây ăn quả", "Nông nghiệp"),
    ("Thủy sản", "Thủy sản"),
    ("Nuôi trồng Thủy sản", "Thủy sản"),
    ("Đánh bắt Hải sản", "Thủy sản"),
    ("Chế biến Hải sản", "Thủy sản"),
    ("Mây tre đan", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Cơ khí", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Dệt may", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Gốm sứ", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Thương mại", "Thương mại – dịch vụ"),
    ("Thương mại và Dịch vụ", "Thương mại – dịch vụ"),
    ("Dịch vụ Tổng hợp", "Thương mại – dịch vụ"),
    ("Vận tải", "Vận tải"),
    ("Vận tải Thủy", "Vận tải"),
    ("Xây dựng", "Xây dựng"),
    ("Vệ sinh Môi trường", "Môi trường"),
    ("Điện năng", "Điện, nước sạch"),
    ("Nước sạch", "Điện, nước sạch"),
    ("Du lịch Sinh thái", "Du lịch"),
    ("Trồng rừng", "Lâm nghiệp"),
    ("Nhà ở", "Nhà ở"),
]
ENTERPRISE_ACTIVITIES = [
    ("Thương mại", "Thương mại – dịch vụ"),
    ("Thương mại và Dịch vụ", "Thương mại – dịch vụ"),
    ("Xuất nhập khẩu", "Thương mại – dịch vụ"),
    ("Chế biến Nông sản", "Nông nghiệp"),
    ("Giống cây trồng", "Nông nghiệp"),
    ("Thủy sản", "Thủy sản"),
    ("Chế biến Thủy sản", "Thủy sản"),
    ("Cơ khí", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Đóng tàu", "Công nghiệp – tiểu thủ công nghiệp"),
    ("May mặc", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Vận tải", "Vận tải"),
    ("Logistics", "Vận tải"),
    ("Xây dựng", "Xây dựng"),
    ("Vật liệu Xây dựng", "Xây dựng"),
    ("Môi trường", "Môi trường"),
    ("Du lịch", "Du lịch"),
    ("Đầu tư và Phát triển Nhà", "Nhà ở"),
]
BRANDS = [
    "", "", "", "Xanh", "Thành Công", "Hòa Bình", "Đoàn Kết", "Tiến Bộ", "Thắng Lợi", "Bình Minh", "An Phát",
    "Phú Lộc", "Hưng Thịnh", "Minh Phát", "Hải Đăng", "Quyết Thắng", "Đồng Tâm", "Việt Tiến", "Trường Thành",
    "Phương Đông", "Sao Biển", "Cửa Cấm", "Hồng Hà", "Thái Bình Dương", "Nam Triệu", "Bạch Đằng",
]  # fmt: skip
EXTRA_PLACES = [
    "Tân Liên", "Cát Bà", "Đồ Sơn", "Vĩnh Bảo", "Tiên Lãng", "Kiến Thụy", "An Lão", "Thủy Nguyên", "An Dương",
    "Lập Lễ", "Phù Long", "Ngũ Lão", "Tam Hưng", "Đại Hợp", "Bàng La", "Hợp Đức", "Trấn Dương", "Cổ Am",
]  # fmt: skip
LEGAL_FORM_WORDS = {
    Organization.LegalForm.LLC: "Công ty TNHH",
    Organization.LegalForm.LLC_ONE_MEMBER: "Công ty TNHH một thành viên",
    Organization.LegalForm.JOINT_STOCK: "Công ty Cổ phần",
    Organization.LegalForm.PRIVATE: "Doanh nghiệp tư nhân",
    Organization.LegalForm.PARTNERSHIP: "Công ty Hợp danh",
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Phan", "Lương", "Mạc", "Cao",
            "Đinh", "Trịnh", "Đoàn", "Lưu", "Hà", "Tô"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Xuân", "Thu", "Hồng", "Việt"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hằng", "Hạnh", "Hiền", "Hòa", "Hùng", "Huệ",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngọc", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng",
         "Thủy", "Trang", "Tuấn", "Vinh", "Yến"]  # fmt: skip
TITLES = {"enterprise": "Giám đốc", "cooperative_group": "Tổ trưởng", "default": "Giám đốc"}
# Kind, weight; legal forms for enterprises with their weights.
KIND_WEIGHTS = [
    (Organization.Kind.COOPERATIVE, 60),
    (Organization.Kind.ENTERPRISE, 25),
    (Organization.Kind.COOPERATIVE_GROUP, 10),
    (Organization.Kind.COOPERATIVE_UNION, 3),
    (Organization.Kind.OTHER, 2),
]
LEGAL_FORM_WEIGHTS = [("llc", 45), ("llc_one_member", 15), ("joint_stock", 30), ("private", 9), ("partnership", 1)]
HISTORIC_AREA_SHARE = 0.15
DISTRICT_LEVELS = [Area.Level.URBAN_DISTRICT, Area.Level.RURAL_DISTRICT, Area.Level.DISTRICT_CITY]
BATCH_SIZE = 2000


def _place_names():
    """Place words: the names of the current units without their type word, plus a few well-known localities."""
    prefixes = ("Phường ", "Xã ", "Đặc khu ", "Thành phố ", "Quận ", "Huyện ")
    places = set(EXTRA_PLACES)
    for name in Area.objects.values_list("name", flat=True):
        for prefix in prefixes:
            if name.startswith(prefix):
                places.add(name[len(prefix) :])
    return sorted(places)


def _random_date(rng, start, end):
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _person_name(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _org_name(rng, kind, legal_form, places):
    activity, sector = rng.choice(ACTIVITIES)
    brand = rng.choice(BRANDS)
    place = rng.choice(places)
    if kind == Organization.Kind.ENTERPRISE:
        activity, sector = rng.choice(ENTERPRISE_ACTIVITIES)
        tail = brand if brand and rng.random() < 0.6 else place
        return f"{LEGAL_FORM_WORDS[legal_form]} {activity} {tail}", sector
    if kind == Organization.Kind.COOPERATIVE_UNION:
        head = "Liên hiệp HTX"
    elif kind == Organization.Kind.COOPERATIVE_GROUP:
        head = "Tổ hợp tác"
    elif kind == Organization.Kind.OTHER:
        return f"Trung tâm Hỗ trợ Kinh tế tập thể {place}", "Thương mại – dịch vụ"
    elif sector == "Tín dụng" or rng.random() < 0.02:
        return f"Quỹ tín dụng nhân dân {place}", "Tín dụng"
    else:
        head = "HTX"
    return " ".join(filter(None, [head, activity, brand, place])), sector


_SORT_KEY_SPACE = "01"  # what core.text.sort_key puts between words


@functools.lru_cache(maxsize=65536)
def _fold_exact(word):
    if word.isascii():
        return word.lower(), word.lower()
    return text.fold(word), text.exact(word)


@functools.lru_cache(maxsize=65536)
def _sort_parts(word):
    """The (primary, tones) halves of text.sort_key(word); a key is two-digit units, "00" ends the primary part."""
    key = text.sort_key(word)
    pairs = [key[i : i + 2] for i in range(0, len(key), 2)]
    cut = pairs.index("00") if "00" in pairs else len(pairs)
    return "".join(pairs[:cut]), key[2 * cut + 2 :]


def _fill_derived(org):
    """Organization.refresh_derived() for rows whose slug is already set, computed word by word from caches.

    The same values as refresh_derived (a test compares them row by row) at a fraction of the cost, since 100,000
    synthetic names are built from a few hundred words.
    """
    searchable = " ".join(filter(None, [org.name, org.short_name, org.name_en, org.tax_code, org.representative_name]))
    parts = [_fold_exact(word) for word in searchable.split()]
    org.search_text = " ".join(p[0] for p in parts if p[0])
    org.search_exact = " ".join(p[1] for p in parts)
    name_parts = [_sort_parts(word) for word in org.name.split()]
    primary = _SORT_KEY_SPACE.join(p[0] for p in name_parts if p[0])
    org.sort_key = (primary + "00" + "".join(p[1] for p in name_parts))[: text.SORT_KEY_LENGTH]


class _Slugs:
    """Unique slugs computed in memory against the slugs already in the table (loaded once)."""

    def __init__(self):
        self.taken = set(Organization.objects.values_list("slug", flat=True))
        self.next_suffix = {}
        self.max_length = Organization._meta.get_field("slug").max_length

    def make(self, name):
        base = (text.vi_slugify(name) or "muc")[: self.max_length - 8].strip("-")
        candidate = base
        n = self.next_suffix.get(base, 1)
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.next_suffix[base] = n
        self.taken.add(candidate)
        return candidate


class _TaxCodes:
    """Unique, valid Hải Phòng-style tax codes (02...), checked in memory against the codes already in the table."""

    def __init__(self, rng):
        self.rng = rng
        self.taken = set(Organization.objects.exclude(tax_code="").values_list("tax_code", flat=True))

    def make(self):
        while True:
            code = make_tax_code(f"02{self.rng.randint(0, 9_999_999):07d}")
            if code is None:
                continue
            if self.rng.random() < 0.04:
                code = f"{code}-{self.rng.randint(1, 20):03d}"
            if code not in self.taken:
                self.taken.add(code)
                return code


@dataclass
class MembersResult:
    organizations: int = 0
    people: int = 0
    honours: int = 0
    seconds: float = 0.0


class _FastInsert:
    """Insert unsaved model instances with one prepared INSERT and executemany, primary keys assigned here.

    Django's bulk_create sends at most 999 parameters per statement on SQLite (about 30 organizations) and prepares
    every value in Python, which alone takes over a minute for 100,000 organizations; executemany over one prepared
    statement takes seconds. Values are taken from the instances as they are (after refresh_derived), dates and
    times adapted by the backend's own functions. Primary keys are assigned from the table's current maximum, and
    on PostgreSQL the sequences are reset afterwards (`finish`).
    """

    def __init__(self, model, now):
        self.connection = connection
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        ops = connection.ops
        quote = ops.quote_name
        # Identifiers come from the model's metadata, quoted; every value is a parameter.
        self.head = "INSERT INTO {} ({})".format(  # noqa: S608
            quote(model._meta.db_table), ", ".join(quote(f.column) for f in self.fields)
        )
        self.placeholder = "({})".format(", ".join(["%s"] * len(self.fields)))
        self.adapters = []
        for f in self.fields:
            kind = f.get_internal_type()
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                stamp = ops.adapt_datetimefield_value(now)
                self.adapters.append(lambda _v, stamp=stamp: stamp)
            elif kind == "DateTimeField":
                self.adapters.append(ops.adapt_datetimefield_value)
            elif kind == "DateField":
                self.adapters.append(ops.adapt_datefield_value)
            elif kind in ("FileField", "ImageField"):
                self.adapters.append(lambda v: getattr(v, "name", v) or "")
            elif kind == "DecimalField":
                self.adapters.append(lambda v: None if v is None else str(v))
            else:
                self.adapters.append(None)
        self.attnames = [f.attname for f in self.fields]
        self.pk_attname = model._meta.pk.attname
        # Every column's default, for rows built as plain namespaces (see `row`).
        self.defaults = {f.attname: f.get_default() for f in self.fields if not f.primary_key}
        self.next_pk = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def insert(self, objs):
        rows = []
        pairs = list(zip(self.attnames, self.adapters, strict=True))
        for obj in objs:
            setattr(obj, self.pk_attname, self.next_pk)
            self.next_pk += 1
            rows.append(tuple(adapt(getattr(obj, a)) if adapt else getattr(obj, a) for a, adapt in pairs))
        _execute_rows(self.head, self.placeholder, rows)
        for obj in objs:
            if isinstance(obj, models.Model):
                obj._state.adding = False
                obj._state.db = self.connection.alias
        return objs

    def row(self, **values):
        """A row as a plain namespace with the model's defaults: building 100,000 model instances costs seconds."""
        return SimpleNamespace(**{**self.defaults, **values})

    def finish(self):
        statements = self.connection.ops.sequence_reset_sql(no_style(), [self.model])
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _execute_rows(head, placeholder, rows, chunk=500):
    """Run `head VALUES placeholder` for every row: executemany on SQLite (fast there), multi-row VALUES elsewhere
    (psycopg2's executemany makes one round trip per row)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(f"{head} VALUES {placeholder}", rows)
            return
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            cursor.execute(f"{head} VALUES {', '.join([placeholder] * len(part))}", [v for row in part for v in row])


def _insert_pairs(table_model, rows):
    """Insert (organization_id, sector_id) rows into the organizations' sectors table."""
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}, {})".format(  # noqa: S608
        quote(table_model._meta.db_table), quote("organization_id"), quote("sector_id")
    )
    _execute_rows(head, "(%s, %s)", rows)


@transaction.atomic
def add_members(n, seed=None, batch_size=BATCH_SIZE):
    """Add n synthetic member organizations (is_sample=True) in batches, with no query per row.

    Each call adds n more rows (names may repeat across calls; slugs and tax codes stay unique). With `seed` the
    content is reproducible for the same starting database. Also adds one director (Person) for every 20th
    organization and a Giấy khen of the alliance for every 50th. Synthetic rows get no history entries.
    """
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        # A 256 MB page cache for this connection: the inserts update seven indexes in random order.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    places = _place_names()
    sectors = {s.name: s.pk for s in Sector.objects.all()}
    current_areas = list(Area.objects.current(on=today).exclude(level=Area.Level.CITY).values_list("pk", flat=True))
    historic_areas = list(
        Area.objects.filter(level__in=DISTRICT_LEVELS, valid_to__isnull=False).values_list(
            "pk", "valid_from", "valid_to"
        )
    )
    kinds, kind_weights = zip(*KIND_WEIGHTS, strict=True)
    legal_forms, legal_weights = zip(*LEGAL_FORM_WEIGHTS, strict=True)
    statuses = list(Organization.Status)
    slugs = _Slugs()
    tax_codes = _TaxCodes(rng)
    through = Organization.sectors.through
    result = MembersResult()
    alliance_authority = Authority.objects.filter(level=Authority.Level.ALLIANCE).order_by("order").first()
    giay_khen = HonourForm.objects.filter(name="Giấy khen").first()
    org_insert = _FastInsert(Organization, now)
    person_insert = _FastInsert(Person, now)
    honour_insert = _FastInsert(Honour, now)
    district_end = datetime.date(2025, 7, 1)
    last_join = today - datetime.timedelta(days=30)
    last_founding = today - datetime.timedelta(days=400)

    remaining = n
    while remaining > 0:
        size = min(batch_size, remaining)
        remaining -= size
        batch, batch_sectors = [], []
        for _i in range(size):
            kind = rng.choices(kinds, kind_weights)[0]
            legal_form = rng.choices(legal_forms, legal_weights)[0] if kind == Organization.Kind.ENTERPRISE else ""
            name, sector = _org_name(rng, kind, legal_form, places)
            founded_on = _random_date(rng, datetime.date(1960, 1, 1), last_founding)
            joined_on = _random_date(rng, max(founded_on, FOUNDED_ON), last_join)
            then = [
                pk for pk, start, end in historic_areas if (start is None or start <= joined_on) and joined_on <= end
            ]
            if then and joined_on < district_end and rng.random() < HISTORIC_AREA_SHARE:
                area_id = rng.choice(then)  # an old record keeps the district it had when it joined
            else:
                area_id = rng.choice(current_areas) if current_areas else None
            status = rng.choices(statuses, [88, 7, 5])[0]
            changed_on = None if status == Organization.Status.ACTIVE else _random_date(rng, joined_on, today)
            small = kind in (Organization.Kind.COOPERATIVE_GROUP, Organization.Kind.OTHER)
            org = org_insert.row(
                kind=kind,
                legal_form=legal_form,
                name=name,
                slug=slugs.make(name),
                tax_code="" if kind == Organization.Kind.COOPERATIVE_GROUP else tax_codes.make(),
                area_id=area_id,
                representative_name=_person_name(rng),
                representative_title="Tổ trưởng" if kind == Organization.Kind.COOPERATIVE_GROUP else "Giám đốc",
                founded_on=founded_on,
                joined_on=joined_on,
                status=status,
                status_changed_on=changed_on,
                member_count=rng.randint(7, 30) if small else rng.randint(7, 1500),
                worker_count=rng.randint(2, 25) if small else rng.randint(3, 400),
                charter_capital=None if small else Decimal(rng.randint(1, 2000) * 50_000_000),
                is_published=rng.random() < 0.97,
                is_sample=True,
            )
            _fill_derived(org)  # refresh_derived() without its per-row cost; the slug is already set
            batch.append(org)
            extra = {sector}
            if rng.random() < 0.25:
                extra.add(rng.choice(ACTIVITIES)[1])
            batch_sectors.append([sectors[s] for s in sorted(extra) if s in sectors])
        org_insert.insert(batch)
        _insert_pairs(through, [(o.id, s) for o, ids in zip(batch, batch_sectors, strict=True) for s in ids])
        result.organizations += len(batch)

        directors = []
        for org in batch[::20]:
            person = Person(
                full_name=org.representative_name,
                position=f"{org.representative_title} {org.name}",
                organization_id=org.id,
                public_consent=True,
                consent_recorded_on=org.joined_on,
                is_sample=True,
            )
            person.refresh_derived()
            directors.append(person)
        person_insert.insert(directors)
        result.people += len(directors)

        if alliance_authority and giay_khen:
            honours = []
            for org in batch[7::50]:
                year = _random_date(rng, org.joined_on, last_founding).year
                if datetime.date(year + 1, 1, 15) <= today:
                    honours.append(
                        Honour(
                            form=giay_khen,
                            authority=alliance_authority,
                            organization_id=org.id,
                            citation="Đã có thành tích tốt trong phong trào thi đua (dữ liệu mẫu)",
                            achievement_year=year,
                            conferred_on=datetime.date(year + 1, 1, 15),
                            is_sample=True,
                        )
                    )
            honour_insert.insert(honours)
            result.honours += len(honours)

    for inserter in (org_insert, person_insert, honour_insert):
        inserter.finish()
    after_bulk_load()
    result.seconds = time.perf_counter() - started
    return result


def after_bulk_load():
    """What a bulk write owes the rest of the portal: bulk inserts send no signals, so the data version is bumped
    (cached pages, counts and figures are recomputed); on PostgreSQL the search indexes the inserts filled piecemeal
    are rebuilt (members.search_indexes: a third smaller and faster to scan) and the planner statistics refreshed at
    once, not when autovacuum next passes (docs/performance.md: without them the directory's count read the table)."""
    bump_version()
    if connection.vendor == "postgresql":
        search_indexes.rebuild(["members_organization", "members_person"])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE members_organization, members_person, members_organization_sectors, awards_honour")


# --- Dry runs and the admin login -----------------------------------------------------------------------------------


class DryRunRollback(Exception):
    """Raised at the end of a dry run to roll its transaction back."""


@contextlib.contextmanager
def dry_run_atomic(dry_run):
    """A transaction that is rolled back (by raising DryRunRollback at the end) when dry_run is true."""
    with transaction.atomic():
        yield
        if dry_run:
            raise DryRunRollback


ADMIN_USERNAME = "admin"


def default_password_file():
    return settings.BASE_DIR / ".admin-password"


@dataclass
class AdminLogin:
    username: str
    created: bool
    password_file: object = None
    stale: bool = False  # the file no longer holds the account's password (it was changed since)


@transaction.atomic
def ensure_admin(password_file=None):
    """Make sure a superuser exists. When none does, create "admin" with a random strong password written to
    `password_file` (readable by its owner only). Returns who to sign in as and where the password is, if known."""
    password_file = password_file or default_password_file()
    User = get_user_model()
    existing = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if existing:
        username = existing.get_username()
        known = password_file if username == ADMIN_USERNAME and os.path.exists(password_file) else None
        if known:
            with open(known, encoding="utf-8") as handle:
                if not existing.check_password(handle.read().strip()):
                    return AdminLogin(username=username, created=False, password_file=known, stale=True)
        return AdminLogin(username=username, created=False, password_file=known)
    password = secrets.token_urlsafe(18)
    user = User.objects.filter(username=ADMIN_USERNAME).first() or User(username=ADMIN_USERNAME)
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    descriptor = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    os.chmod(password_file, 0o600)
    return AdminLogin(username=ADMIN_USERNAME, created=True, password_file=password_file)
