"""add_members(n, seed): n synthetic member organizations (is_sample=True), with some directors and honours, in bulk.

The same code fills the demo (`load_demo --members N`) and the benchmarks' database (benchmarks/data.py), so both get
the same records for the same seed and starting database. Each call adds n more rows.
"""

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from awards.models import Authority, Honour, HonourForm
from members.models import Area, Organization, Person, Sector

from . import bulk, names, report
from .derived import Slugs, TaxCodes, fill_derived


class Weighted:
    """Values, each drawn as often as its weight says."""

    def __init__(self, weights):
        self.values, self.weights = list(weights), list(weights.values())

    def draw(self, rng):
        return rng.choices(self.values, self.weights)[0]


# How often each kind, each legal form of an enterprise and each status is drawn.
KINDS = Weighted(
    {
        Organization.Kind.COOPERATIVE: 60,
        Organization.Kind.ENTERPRISE: 25,
        Organization.Kind.COOPERATIVE_GROUP: 10,
        Organization.Kind.COOPERATIVE_UNION: 3,
        Organization.Kind.OTHER: 2,
    }
)
LEGAL_FORMS = Weighted({"llc": 45, "llc_one_member": 15, "joint_stock": 30, "private": 9, "partnership": 1})
STATUSES = Weighted(
    {Organization.Status.ACTIVE: 88, Organization.Status.SUSPENDED: 7, Organization.Status.WITHDRAWN: 5}
)
HISTORIC_AREA_SHARE = 0.15
DISTRICT_LEVELS = [Area.Level.URBAN_DISTRICT, Area.Level.RURAL_DISTRICT, Area.Level.DISTRICT_CITY]
DISTRICTS_ENDED_ON = datetime.date(2025, 7, 1)
DIRECTOR_EVERY = 20  # one director (Person) for every 20th organization
HONOUR_EVERY = 50  # a Giấy khen of the alliance for every 50th
HONOUR_CITATION = "Đã có thành tích tốt trong phong trào thi đua (dữ liệu mẫu)"
BATCH_SIZE = 2000


@dataclass
class MembersResult:
    """What add_members() added, and how long it took."""

    organizations: int = 0
    people: int = 0
    honours: int = 0
    seconds: float = 0.0


@transaction.atomic
def add_members(n, seed=None, batch_size=BATCH_SIZE):
    """Add n synthetic member organizations (is_sample=True) in batches, with no query per row.

    Each call adds n more rows (names may repeat across calls; slugs and tax codes stay unique). With `seed` the
    content is reproducible for the same starting database. Also adds one director (Person) for every 20th
    organization and a Giấy khen of the alliance for every 50th. Synthetic rows get no history entries.
    """
    started = time.perf_counter()
    bulk.enlarge_sqlite_cache()
    members = MemberGenerator(random.Random(seed))  # nosec B311 - reproducible sample data, nothing secret
    now = timezone.now()
    tables = [bulk.BulkInsert(model, now) for model in (Organization, Person, Honour)]
    organizations, people, honours = tables
    result = MembersResult()
    for start in range(0, n, batch_size):
        batch = insert_organizations(members, organizations, min(batch_size, n - start))
        result.organizations += len(batch)
        result.people += len(people.insert(directors(batch)))
        result.honours += len(honours.insert(members.honours(batch)))
    for table in tables:
        table.finish()
    bulk.after_bulk_load()
    result.seconds = time.perf_counter() - started
    return result


def insert_organizations(members, table, size):
    """Draw `size` organizations, insert them and their sectors; returns them (rows with their ids)."""
    batch, sectors = [], []
    for _i in range(size):
        values, sector_ids = members.organization()
        org = table.row(**values)
        fill_derived(org)  # refresh_derived() without its per-row cost; the slug is already set
        batch.append(org)
        sectors.append(sector_ids)
    table.insert(batch)
    links = [(org.id, sector_id) for org, ids in zip(batch, sectors, strict=True) for sector_id in ids]
    bulk.insert_links(Organization.sectors.through, links)
    return batch


def directors(batch):
    """The director of every 20th organization of the batch, as its Person."""
    people = []
    for org in batch[::DIRECTOR_EVERY]:
        person = Person(
            full_name=org.representative_name,
            position=f"{org.representative_title} {org.name}",
            organization_id=org.id,
            public_consent=True,
            consent_recorded_on=org.joined_on,
            is_sample=True,
        )
        person.refresh_derived()
        people.append(person)
    return people


def random_date(rng, start, end):
    """A day from start to end, both included (start when the range is empty)."""
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


class MemberGenerator:
    """Synthetic organizations drawn from one random generator; what it needs from the database is read once.

    The draws happen in a fixed order, so the same seed gives the same records: keep that order when editing.
    `slugs` and `tax_codes` default to ones checked against the table; the sample history passes its own.
    """

    def __init__(self, rng, slugs=None, tax_codes=None):
        self.rng = rng
        self.today = timezone.localdate()
        self.last_join = self.today - datetime.timedelta(days=30)
        self.last_founding = self.today - datetime.timedelta(days=400)
        self.places = names.place_names()
        self.sectors = {s.name: s.pk for s in Sector.objects.all()}
        areas = Area.objects.current(on=self.today).exclude(level=Area.Level.CITY)
        self.current_areas = list(areas.values_list("pk", flat=True))
        old_districts = Area.objects.filter(level__in=DISTRICT_LEVELS, valid_to__isnull=False)
        self.historic_areas = list(old_districts.values_list("pk", "valid_from", "valid_to"))
        self.slugs = slugs or Slugs()
        self.tax_codes = tax_codes or TaxCodes(rng)
        self.authority = Authority.objects.filter(level=Authority.Level.ALLIANCE).order_by("order").first()
        self.giay_khen = HonourForm.objects.filter(name="Giấy khen").first()

    def organization(self):
        """The column values of one organization, and the ids of its sectors."""
        rng = self.rng
        kind, legal_form = self.kind_and_legal_form()
        name, sector = names.organization_name(rng, kind, legal_form, self.places)
        founded_on, joined_on, area_id, status, changed_on = self.membership()
        group = kind == Organization.Kind.COOPERATIVE_GROUP
        small = kind in (Organization.Kind.COOPERATIVE_GROUP, Organization.Kind.OTHER)
        values = {
            "kind": kind,
            "legal_form": legal_form,
            "name": name,
            "slug": self.slugs.make(name),
            "tax_code": "" if group else self.tax_codes.make(),
            "area_id": area_id,
            "representative_name": names.person_name(rng),
            "representative_title": "Tổ trưởng" if group else "Giám đốc",
            "founded_on": founded_on,
            "joined_on": joined_on,
            "status": status,
            "status_changed_on": changed_on,
            "member_count": rng.randint(7, 30) if small else rng.randint(7, 1500),
            "worker_count": rng.randint(2, 25) if small else rng.randint(3, 400),
            "charter_capital": None if small else Decimal(rng.randint(1, 2000) * 50_000_000),
            "is_published": rng.random() < 0.97,
            "is_sample": True,
        }
        return values, self.sector_ids(sector)

    def membership(self):
        """(founded on, joined on, area id, status, status changed on) of one organization."""
        rng = self.rng
        founded_on = random_date(rng, datetime.date(1960, 1, 1), self.last_founding)
        joined_on = random_date(rng, max(founded_on, report.FOUNDED_ON), self.last_join)
        area_id = self.area(joined_on)
        status = STATUSES.draw(rng)
        changed_on = None if status == Organization.Status.ACTIVE else random_date(rng, joined_on, self.today)
        return founded_on, joined_on, area_id, status, changed_on

    def kind_and_legal_form(self):
        kind = KINDS.draw(self.rng)
        return kind, LEGAL_FORMS.draw(self.rng) if kind == Organization.Kind.ENTERPRISE else ""

    def area(self, joined_on):
        """A current unit; for some records from before the 2025 reform, the district they had when they joined."""
        then = [
            pk for pk, start, end in self.historic_areas if (start is None or start <= joined_on) and joined_on <= end
        ]
        if then and joined_on < DISTRICTS_ENDED_ON and self.rng.random() < HISTORIC_AREA_SHARE:
            return self.rng.choice(then)
        return self.rng.choice(self.current_areas) if self.current_areas else None

    def sector_ids(self, sector):
        """The sector of the name's activity, and for a quarter of organizations a second one."""
        sectors = {sector}
        if self.rng.random() < 0.25:
            sectors.add(self.rng.choice(names.ACTIVITIES)[1])
        return [self.sectors[s] for s in sorted(sectors) if s in self.sectors]

    def honours(self, batch):
        """A Giấy khen of the alliance for every 50th organization of the batch, for a year it was a member."""
        if not (self.authority and self.giay_khen):
            return []
        honours = []
        for org in batch[7::HONOUR_EVERY]:
            year = random_date(self.rng, org.joined_on, self.last_founding).year
            conferred_on = datetime.date(year + 1, 1, 15)
            if conferred_on <= self.today:
                honours.append(
                    Honour(
                        form=self.giay_khen,
                        authority=self.authority,
                        organization_id=org.id,
                        citation=HONOUR_CITATION,
                        achievement_year=year,
                        conferred_on=conferred_on,
                        is_sample=True,
                    )
                )
        return honours
