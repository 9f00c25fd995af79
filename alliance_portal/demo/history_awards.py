"""The sample history's decisions and honours from 1996 to 2026, drawn in memory.

Every year the alliance gives its Giấy khen for the year before, and now and then the city (flags, titles, the
chairman's Bằng khen), the Vietnam Cooperative Alliance and a district People's Committee (until the districts ended on
30/6/2025) honour members too; the anniversaries add commemorative medals, and two or three honours come from the
Prime Minister and the President. An honour goes to a member organization, or to one of its people, that was a member
on the day; a district honours only members in its district. Honours given at a review conference or an anniversary
are presented there. Nothing is conferred on 31/7/2020, the day of the real ceremony, nor presented at it.
"""

import datetime
from dataclasses import dataclass

from awards.models import Authority, Decision, Honour, HonourForm
from events.models import Event
from members.models import Area

from . import report
from .honours import SAMPLE_MARK
from .synthetic import DISTRICT_LEVELS, random_date

ALLIANCE = report.ALLIANCE_SHORT_NAME
DISTRICT = "district"  # any district People's Committee that existed then
COMMENDATION = "Giấy khen"
PM, PRESIDENT = "Thủ tướng Chính phủ", "Chủ tịch nước"
LABOUR_ORDER = "Huân chương Lao động"
EXCELLENCE = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm {year}"
# Honoured every year (for the year before) with this chance: authority, form, chance, collectives, individuals,
# citation ({year} is the year of achievement).
ANNUAL = [
    (ALLIANCE, COMMENDATION, 1.0, (2, 5), (1, 3), "Đã có thành tích xuất sắc trong phong trào thi đua năm {year}"),
    (report.AUTH_CITY_CHAIR, report.FORM_CERTIFICATE, 0.6, (1, 3), (0, 2), EXCELLENCE),
    (report.AUTH_CITY, report.FORM_FLAG, 0.35, (1, 2), (0, 0), "Đã hoàn thành xuất sắc toàn diện nhiệm vụ, dẫn đầu Khối thi đua năm {year}"),
    (report.AUTH_CITY, report.FORM_EXCELLENT_COLLECTIVE, 0.35, (1, 2), (0, 0), ""),
    (report.AUTH_VCA, report.FORM_CERTIFICATE, 0.35, (1, 1), (0, 2), EXCELLENCE),
    (DISTRICT, COMMENDATION, 0.5, (1, 2), (0, 1), "Đã có thành tích trong phong trào thi đua năm {year}"),
]  # fmt: skip
# At each anniversary; {start} is five years before.
AT_ANNIVERSARIES = [
    (report.AUTH_VCA, report.FORM_MEDAL, 1.0, (0, 0), (3, 6), ""),
    (report.AUTH_CITY_CHAIR, report.FORM_CERTIFICATE, 1.0, (2, 3), (1, 2), "Đã có thành tích xuất sắc góp phần xây dựng và phát triển Liên minh giai đoạn {start}–{year}"),
]  # fmt: skip
STATE_SERVICE = "Đã có thành tích xuất sắc trong công tác từ năm {start} đến năm {last}, góp phần vào sự nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc"
# At some anniversaries: the Prime Minister's Bằng khen and the President's Labour Order.
STATE_HONOURS = {
    2010: [(PM, report.FORM_CERTIFICATE, 1.0, (1, 2), (0, 1), STATE_SERVICE)],
    2015: [(PRESIDENT, LABOUR_ORDER, 1.0, (1, 1), (0, 0), STATE_SERVICE)],
    2025: [(PM, report.FORM_CERTIFICATE, 1.0, (1, 2), (0, 1), STATE_SERVICE)],
}
NUMBER_SUFFIX = {
    ALLIANCE: "LMHTX", report.AUTH_CITY_CHAIR: "CT", report.AUTH_CITY: "UBND", report.AUTH_VCA: "LMHTXVN",
    PM: "TTg", PRESIDENT: "CTN", DISTRICT: "UBND",
}  # fmt: skip
DECISION_TITLE = "Về việc tặng {form} cho các tập thể, cá nhân có thành tích {reason} {mark}"
UNPUBLISHED_SHARE = 0.03
FIRST_YEAR, LAST_YEAR = 1996, 2026


@dataclass
class Round:
    """One decision and the honours it confers, maybe presented at an event."""

    decision: Decision
    honours: list


class AwardsPlan:
    """Draws the decisions and honours; what it needs from the database (authorities, forms) is read once."""

    def __init__(self, rng, members, occasions):
        self.rng = rng
        self.members = members
        self.authorities = {a.name: a for a in Authority.objects.all()}
        self.forms = {f.name: f for f in HonourForm.objects.all()}
        self.districts = district_authorities(self.authorities)
        self.reviews = {o.day.year: o for o in occasions if o.honours and o.event.kind == Event.Kind.CONFERENCE}
        self.anniversaries = {o.day.year: o for o in occasions if o.honours and o.event.kind == Event.Kind.ANNIVERSARY}
        self.numbers = set()

    def rounds(self):
        """Every round, year by year."""
        rounds = []
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            occasion = self.reviews.get(year)
            for spec in ANNUAL:
                if self.rng.random() < spec[2]:
                    rounds += self.round(spec, year - 1, occasion, reason=f"năm {year - 1}")
            if year in self.anniversaries:
                anniversary = self.anniversaries[year]
                for spec in AT_ANNIVERSARIES + STATE_HONOURS.get(year, []):
                    rounds += self.round(spec, year, anniversary, reason=f"nhân kỷ niệm {year - 1990} năm thành lập")
        return rounds

    def round(self, spec, year, occasion, reason):
        """The round of `spec` for `year`: none when no member qualifies (or the authority did not exist)."""
        authority_name, form_name, _chance, collectives, individuals, citation = spec
        signed_on, conferred_on = self.dates(year, occasion)
        authority, eligible = self.authority_and_members(authority_name, signed_on, conferred_on, year)
        if authority is None or not eligible:
            return []
        form = self.forms[form_name]
        decision = Decision(
            authority=authority,
            number=self.number(authority_name),
            signed_on=signed_on,
            title=DECISION_TITLE.format(form=form_name, reason=reason, mark=SAMPLE_MARK),
            is_published=self.rng.random() >= UNPUBLISHED_SHARE,
            is_sample=True,
        )
        text = citation.format(year=year, start=year - 5, last=year - 1)
        event = occasion.event if occasion else None
        # An anniversary's honours are for years of work, not for one year's results.
        achieved = None if event is not None and event.kind == Event.Kind.ANNIVERSARY else year
        honours = []
        for recipient in self.recipients(eligible, collectives, individuals):
            honours.append(
                Honour(
                    form=form,
                    authority=authority,
                    decision=decision,
                    citation=text,
                    achievement_year=achieved,
                    conferred_on=conferred_on,
                    event=event,
                    order=len(honours) + 1,
                    is_published=self.rng.random() >= UNPUBLISHED_SHARE,
                    is_sample=True,
                    **recipient,
                )
            )
        return [Round(decision, honours)] if honours else []

    def dates(self, year, occasion):
        """(signed on, conferred on): presented at the occasion when there is one, else a few days after signing."""
        if occasion is not None:
            day = occasion.day
            return random_date(self.rng, day - datetime.timedelta(days=30), day - datetime.timedelta(days=3)), day
        signed_on = random_date(self.rng, datetime.date(year + 1, 1, 5), datetime.date(year + 1, 2, 20))
        return signed_on, signed_on + datetime.timedelta(days=self.rng.randint(3, 14))

    def authority_and_members(self, name, signed_on, conferred_on, year):
        """The authority (for DISTRICT, one that existed then and has members) and the members it may honour."""
        start = datetime.date(year, 6, 30)
        eligible = [m for m in self.members if m.organization.joined_on <= start and m.is_member_on(conferred_on)]
        if name != DISTRICT:
            return self.authorities.get(name), eligible
        by_district = {}
        for member in eligible:
            authority = self.districts.get(member.organization.area_id)
            if authority is not None and authority.existed_on(signed_on):
                by_district.setdefault(authority.name, (authority, []))[1].append(member)
        if not by_district:
            return None, []
        return by_district[self.rng.choice(sorted(by_district))]

    def recipients(self, eligible, collectives, individuals):
        """Distinct organizations and people of the eligible members, as Honour keyword arguments."""
        organizations = [m.organization for m in eligible]
        people = [p for m in eligible for p in m.people]
        n_orgs = min(len(organizations), self.rng.randint(*collectives))
        n_people = min(len(people), self.rng.randint(*individuals))
        chosen = [{"organization": o} for o in self.rng.sample(organizations, n_orgs)]
        return chosen + [{"person": p} for p in self.rng.sample(people, n_people)]

    def number(self, authority_name):
        while True:
            number = f"Mẫu-{self.rng.randint(10, 2999)}/QĐ-{NUMBER_SUFFIX.get(authority_name, 'UBND')}"
            if number not in self.numbers:
                self.numbers.add(number)
                return number


def district_authorities(authorities):
    """The People's Committee of each district-level unit, by the unit's id (authorities are named after units)."""
    found = {}
    for pk, name in Area.objects.filter(level__in=DISTRICT_LEVELS).values_list("pk", "name"):
        authority = authorities.get(f"UBND {name[0].lower()}{name[1:]}")
        if authority is not None:
            found[pk] = authority
    return found


def draw_rounds(rng, members, occasions):
    """Every sample decision with its honours, from 1996 to 2026."""
    return AwardsPlan(rng, members, occasions).rounds()
