"""The sample history's members: about 300 organizations that joined from 1990 to 2026, and the people who run them.

Drawn in memory by the synthetic generator (synthetic.MemberGenerator) from one seed and the seeded tables (areas,
sectors), never from the rows already stored: the same seed gives the same members on every load, which is what lets
load_history() find the ones already there by their slugs. Each member's unit is one that existed while it was a
member: a district (quận, huyện, thành phố) for a membership that ended before 1/7/2025, one of the 114 units since
then for one that began after; a member across the reform has the new unit, or for some the district it had when it
joined (the record was never updated, as happens).
"""

import datetime
from dataclasses import dataclass

from members.models import Area, Organization, Person

from . import names, report
from .derived import Slugs, TaxCodes
from .synthetic import DISTRICT_LEVELS, DISTRICTS_ENDED_ON, MemberGenerator, Weighted, random_date

# The sample history ends on this day: fixed, so that every load draws the same records whatever today is.
HISTORY_TODAY = datetime.date(2026, 10, 31)
LAST_JOIN = datetime.date(2026, 9, 30)
EARLIEST_FOUNDING = datetime.date(1960, 1, 1)
REFORM_DAY = DISTRICTS_ENDED_ON  # the district level ended; the 114 communes, wards and special zones began
STATUSES = Weighted(
    {Organization.Status.ACTIVE: 82, Organization.Status.SUSPENDED: 5, Organization.Status.WITHDRAWN: 13}
)
KEEP_DISTRICT_SHARE = 0.2  # members across the reform whose record still names the district they joined in
CHAIR_SHARE = 0.35  # cooperatives run by a director that also have a chair of the board
CONSENT_SHARE = 0.9  # people who agreed to appear on public pages
DESCRIPTION = (
    "Thành viên mẫu trong lịch sử minh họa của cổng thông tin: tên, số liệu và người đại diện đều được tạo tự động, "
    "không phải thành viên thật."
)
COOPERATIVE_TITLES = Weighted({"Giám đốc": 60, "Chủ tịch Hội đồng quản trị": 25, "Chủ nhiệm": 15})
ENTERPRISE_TITLES = Weighted({"Giám đốc": 75, "Tổng Giám đốc": 25})
CHAIR_TITLE = "Chủ tịch Hội đồng quản trị"
REAL_NAMES = {member.name for member in report.MEMBERS}
REAL_PEOPLE = {figure.full_name for figure in report.PEOPLE}


@dataclass
class Member:
    """A drawn member organization (unsaved), the ids of its sectors and its people (unsaved)."""

    organization: Organization
    sector_ids: list
    people: list

    @property
    def left_on(self):
        """The day the membership ended or was suspended; None while it lasts."""
        return self.organization.status_changed_on

    def is_member_on(self, day):
        org = self.organization
        return org.joined_on <= day and (org.status_changed_on is None or org.status_changed_on > day)


class HistoryMembers(MemberGenerator):
    """MemberGenerator with the history's dates, units and titles, and slugs and tax codes unique among its own."""

    def __init__(self, rng, reserved_slugs):
        super().__init__(rng, slugs=Slugs(taken=reserved_slugs), tax_codes=TaxCodes(rng, taken=()))
        self.today = HISTORY_TODAY
        self.last_join = LAST_JOIN
        districts = Area.objects.filter(level__in=DISTRICT_LEVELS).order_by("code")
        self.districts = list(districts.values_list("pk", "valid_from", "valid_to"))
        units = Area.objects.current(on=HISTORY_TODAY).filter(valid_from__gte=REFORM_DAY).order_by("code")
        self.units = list(units.values_list("pk", flat=True))
        self.seen_people = set()

    def members(self, n):
        """n members, each with its representative (and for some cooperatives a chair of the board) as people."""
        drawn = []
        for _i in range(n):
            values, sector_ids = self.organization()
            organization = Organization(**values)
            organization.refresh_derived()  # the slug is set: no query
            drawn.append(Member(organization, sector_ids, self.people(organization)))
        return drawn

    def organization(self):
        values, sector_ids = super().organization()
        while values["name"] in REAL_NAMES:  # never a namesake of a real member
            values, sector_ids = super().organization()
        values["representative_title"] = self.title(values["kind"])
        values["representative_name"] = self.unique_name(values["representative_name"], values["name"])
        values["description"] = DESCRIPTION
        return values, sector_ids

    def membership(self):
        """Joined between the alliance's founding and 2026; about one in six has left or been suspended since."""
        rng = self.rng
        joined_on = random_date(rng, report.FOUNDED_ON, LAST_JOIN)
        founded_on = random_date(rng, max(EARLIEST_FOUNDING, joined_on - datetime.timedelta(days=25 * 365)), joined_on)
        status = STATUSES.draw(rng)
        changed_on = None
        if status != Organization.Status.ACTIVE:
            changed_on = random_date(rng, min(joined_on + datetime.timedelta(days=365), HISTORY_TODAY), HISTORY_TODAY)
        area_id = self.area_between(joined_on, changed_on or HISTORY_TODAY)
        return founded_on, joined_on, area_id, status, changed_on

    def area_between(self, start, end):
        """A unit that existed during the membership from `start` to `end` (see the module's docstring)."""
        if start >= REFORM_DAY or not self.districts:
            return self.rng.choice(self.units)
        if end < REFORM_DAY:
            return self.district_on(end)
        if self.rng.random() < KEEP_DISTRICT_SHARE:
            return self.district_on(start)
        return self.rng.choice(self.units)

    def district_on(self, day):
        then = [pk for pk, start, end in self.districts if (start or day) <= day <= (end or day)]
        return self.rng.choice(then)

    def title(self, kind):
        if kind == Organization.Kind.COOPERATIVE:
            return COOPERATIVE_TITLES.draw(self.rng)
        if kind == Organization.Kind.COOPERATIVE_UNION:
            return CHAIR_TITLE
        if kind == Organization.Kind.COOPERATIVE_GROUP:
            return "Tổ trưởng"
        if kind == Organization.Kind.ENTERPRISE:
            return ENTERPRISE_TITLES.draw(self.rng)
        return "Giám đốc"

    def unique_name(self, full_name, organization_name):
        """`full_name`, or another drawn name when a person of that name already runs an organization of that name
        (people are found again by name and position), or when it is the name of a person the report names."""
        while (full_name, organization_name) in self.seen_people or full_name in REAL_PEOPLE:
            full_name = names.person_name(self.rng)
        self.seen_people.add((full_name, organization_name))
        return full_name

    def people(self, organization):
        """The representative, and for some cooperatives run by a director the chair of the board as well."""
        people = [self.person(organization.representative_name, organization.representative_title, organization)]
        is_cooperative = organization.kind == Organization.Kind.COOPERATIVE
        if is_cooperative and organization.representative_title == "Giám đốc" and self.rng.random() < CHAIR_SHARE:
            chair = self.unique_name(names.person_name(self.rng), organization.name)
            people.append(self.person(chair, CHAIR_TITLE, organization))
        return people

    def person(self, full_name, title, organization):
        consents = self.rng.random() < CONSENT_SHARE
        person = Person(
            full_name=full_name,
            position=f"{title} {organization.name}"[:255],
            organization=organization,
            public_consent=consents,
            consent_recorded_on=random_date(self.rng, organization.joined_on, HISTORY_TODAY) if consents else None,
            # A person of an unpublished member stays unpublished too: their position names the member.
            is_published=organization.is_published and self.rng.random() < 0.98,
            is_sample=True,
        )
        person.refresh_derived()
        return person


def draw_members(rng, n, reserved_slugs):
    """n sample members with their people, drawn from `rng`; their slugs avoid `reserved_slugs`."""
    return HistoryMembers(rng, reserved_slugs).members(n)
