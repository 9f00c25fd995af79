"""Synthetic data for the benchmarks: members, people, events and about ten honours per member, in bulk.

`grow_to(n)` brings the benchmark database up to n member organizations, adding only what is missing, so the three
sizes (1,000, 10,000, 100,000) are built one after the other without starting again. Organizations come from the
demo generator (alliance_portal.demo.add_members, the same code as `load_demo --members N`); this module adds, for
each new organization, one more person (so there are about as many people as members), ten honours (seven to the
organization, three to its person) under decisions of about 50 recipients each, and one event per 100 members with
guests, taking part organizations and 50 of those honours presented there. Every bulk path calls refresh_derived()
first, so search_text, search_exact and sort_key are filled as on save. On PostgreSQL each step ends by rebuilding
the search indexes the bulk inserts filled (as load_demo does) and VACUUM ANALYZE, as autovacuum would do shortly
after such a load.
"""

import datetime
import random
import time

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from alliance_portal import demo
from awards.models import Authority, Decision, Honour, HonourForm
from events.models import Event, Participant
from members import search_indexes
from members.models import Organization, Person

HONOURS_PER_MEMBER = 10
PERSON_HONOURS = 3
MEMBERS_PER_EVENT = 100
HONOURS_PER_EVENT = 50
HONOURS_PER_DECISION = 50
BATCH = 5000
SQL_BLOCK = 1000  # organizations per INSERT … SELECT of honours (7 parameters each)
CHUNK = 10_000  # organizations handled at once (keeps memory flat at 100,000)

EVENT_KINDS = [Event.Kind.CONFERENCE, Event.Kind.CONFERENCE, Event.Kind.TRAINING, Event.Kind.TRADE_PROMOTION]
EVENT_TOPICS = [
    "Hội nghị tổng kết phong trào thi đua",
    "Hội nghị sơ kết công tác hợp tác xã",
    "Tập huấn chuyển đổi số cho hợp tác xã",
    "Hội chợ kết nối cung cầu sản phẩm OCOP",
    "Diễn đàn kinh tế tập thể",
    "Tọa đàm phát triển hợp tác xã kiểu mới",
]


def setup_base():
    """The facts of the demo (alliance, the anniversary event, seeded forms and authorities) and a superuser."""
    from django.contrib.auth import get_user_model

    demo.load_facts()
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.vn"}
    )
    return user


def member_count():
    return Organization.objects.count()


def grow_to(target, seed=7):
    """Add organizations (and their people, honours, events) until there are `target`; returns timings."""
    timings = {}
    missing = target - member_count()
    if missing <= 0:
        return timings
    rng = random.Random(seed + target)
    last_pk = Organization.objects.aggregate(m=Max("pk"))["m"] or 0

    started = time.perf_counter()
    demo.add_members(missing, seed=seed + target)
    timings["organizations (demo.add_members)"] = time.perf_counter() - started

    started = time.perf_counter()
    new_ids = list(Organization.objects.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(new_ids), CHUNK):
        with transaction.atomic():
            _add_people_and_honours(rng, new_ids[i : i + CHUNK])
    timings["people, decisions, honours"] = time.perf_counter() - started

    started = time.perf_counter()
    with transaction.atomic():
        _add_events(rng, new_ids)
    timings["events"] = time.perf_counter() - started

    if connection.vendor == "postgresql":
        started = time.perf_counter()
        # The people added here went into the people's search index one batch at a time: rebuilt, as
        # demo.after_bulk_load() does for the organizations (members.search_indexes).
        search_indexes.rebuild(["members_person", "events_event"])
        timings["search indexes rebuilt"] = time.perf_counter() - started
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # What autovacuum does a little later in production: statistics, and the visibility map that lets
            # COUNT(*) use index-only scans.
            cursor.execute("VACUUM ANALYZE")
        timings["VACUUM ANALYZE"] = time.perf_counter() - started
    return timings


def _forms_and_authorities():
    forms = list(HonourForm.objects.all())
    collective = [f for f in forms if f.allows("collective")]
    individual = [f for f in forms if f.allows("individual")]
    today = timezone.localdate()
    authorities = [a for a in Authority.objects.all() if a.existed_on(today)] or list(Authority.objects.all())
    return collective, individual, authorities


def _add_people_and_honours(rng, org_ids):
    orgs = list(Organization.objects.filter(pk__in=org_ids).values_list("pk", "name", "representative_name"))
    people = []
    for pk, name, _representative in orgs:
        person = Person(
            full_name=demo.person_name(rng),
            position=f"Phó Giám đốc {name}"[:255] if rng.random() < 0.5 else f"Kế toán trưởng {name}"[:255],
            organization_id=pk,
            public_consent=rng.random() < 0.8,
            is_sample=True,
        )
        if person.public_consent:
            person.consent_recorded_on = datetime.date(2024, 1, 1)
        person.refresh_derived()
        people.append(person)
    people = Person.objects.bulk_create(people, batch_size=BATCH)

    collective, individual, authorities = _forms_and_authorities()
    today = timezone.localdate()
    # Decisions: one per HONOURS_PER_DECISION honours, each by one authority on one day.
    n_honours = len(orgs) * HONOURS_PER_MEMBER
    n_decisions = max(1, n_honours // HONOURS_PER_DECISION)
    base = Decision.objects.count()
    decisions = []
    for i in range(n_decisions):
        authority = rng.choice(authorities)
        signed_on = today - datetime.timedelta(days=rng.randint(30, 25 * 365))
        if authority.valid_from and signed_on < authority.valid_from:
            signed_on = authority.valid_from
        decisions.append(
            Decision(
                number=f"{base + i + 1}/QĐ-TĐKT",
                signed_on=signed_on,
                authority=authority,
                title="Về việc tặng thưởng cho các tập thể và cá nhân có thành tích (dữ liệu mẫu)",
                is_published=rng.random() < 0.98,
                is_sample=True,
            )
        )
    decisions = Decision.objects.bulk_create(decisions, batch_size=BATCH)

    # Honours, set-based: one INSERT … SELECT per block of organizations, crossing each organization's row (its
    # person, decision and a random number) with the ten honour slots, instead of a million Honour objects through
    # bulk_create. The same shape: slots 0-2 go to the person (an individual form), 3-9 to the organization (a
    # collective form), five members (50 honours) per decision.
    rows = []
    for i, ((pk, _name, _rep), person) in enumerate(zip(orgs, people, strict=True)):
        decision = decisions[i * HONOURS_PER_MEMBER // HONOURS_PER_DECISION % len(decisions)]
        year = decision.signed_on.year - 1 if decision.signed_on.year > 1945 else None
        rows.append(
            (pk, person.pk, decision.pk, decision.authority_id, decision.signed_on, year, rng.randrange(1 << 20))
        )
    for i in range(0, len(rows), SQL_BLOCK):
        _insert_honours(rows[i : i + SQL_BLOCK], [f.pk for f in individual], [f.pk for f in collective])


def _pick(ids, key):
    """SQL choosing one of ids by key (an integer expression), as rng.choice did."""
    whens = " ".join(f"WHEN {n} THEN {int(pk)}" for n, pk in enumerate(ids))
    return f"CASE ({key}) %% {len(ids)} {whens} END"  # %% : a literal % under %s parameters


def _insert_honours(rows, individual, collective):
    qn = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    params = [
        (org, person, decision, authority, connection.ops.adapt_datefield_value(signed_on), year, r)
        for org, person, decision, authority, signed_on, year, r in rows
    ]
    slots = ", ".join(f"({k})" for k in range(HONOURS_PER_MEMBER))
    # VALUES columns are column1, column2, … on both SQLite and PostgreSQL.
    # Identifiers quoted, numbers from the code, values as parameters.
    sql = f"""
        INSERT INTO {qn(Honour._meta.db_table)} (
            {qn("form_id")}, {qn("authority_id")}, {qn("decision_id")}, {qn("organization_id")}, {qn("person_id")},
            {qn("recipient_name")}, {qn("citation")}, {qn("achievement_year")}, {qn("conferred_on")},
            {qn("inscription")}, {qn("order")}, {qn("is_published")}, {qn("is_sample")},
            {qn("created_at")}, {qn("updated_at")}
        )
        SELECT
            CASE WHEN k.column1 < {PERSON_HONOURS}
                THEN {_pick(individual, "o.column7 + k.column1")}
                ELSE {_pick(collective, "o.column7 + k.column1")} END,
            o.column4, o.column3,
            CASE WHEN k.column1 < {PERSON_HONOURS} THEN NULL ELSE o.column1 END,
            CASE WHEN k.column1 < {PERSON_HONOURS} THEN o.column2 ELSE NULL END,
            '', %s, CAST(o.column6 AS INTEGER), o.column5, '', k.column1, %s, %s, %s, %s
        FROM (VALUES {values}) AS o CROSS JOIN (VALUES {slots}) AS k
        ORDER BY o.column1, k.column1
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                "Đã có thành tích xuất sắc trong phong trào thi đua (dữ liệu mẫu)",
                True,
                True,
                now,
                now,
                *[v for row in params for v in row],
            ],
        )


def _add_events(rng, org_ids):
    """One event per MEMBERS_PER_EVENT new members, with guests, organizations and honours presented there."""
    n_events = max(1, len(org_ids) // MEMBERS_PER_EVENT)
    base = Event.objects.count()
    now = timezone.now()
    places = demo.EXTRA_PLACES
    events = []
    for i in range(n_events):
        number = base + i + 1
        # About one in ten is still to come; the rest spread over twenty years.
        offset = rng.randint(1, 120) if rng.random() < 0.1 else -rng.randint(1, 20 * 365)
        starts_at = now.replace(hour=8, minute=0, second=0, microsecond=0) + datetime.timedelta(days=offset)
        event = Event(
            kind=rng.choice(EVENT_KINDS),
            title=f"{rng.choice(EVENT_TOPICS)} khu vực {rng.choice(places)} lần thứ {number}",
            slug=f"su-kien-mau-{number}",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=4),
            venue=f"Hội trường UBND {rng.choice(places)}",
            organizer="Liên minh HTX & DN TP Hải Phòng",
            summary="Sự kiện mẫu cho đo hiệu năng (dữ liệu mẫu).",
            body="Báo cáo mẫu.\n\n" * 5,
        )
        event.refresh_derived()
        events.append(event)
    events = Event.objects.bulk_create(events, batch_size=BATCH)

    guests = list(
        Person.objects.filter(organization_id__in=org_ids[: n_events * 10], public_consent=True).values_list(
            "pk", flat=True
        )[: n_events * 5]
    )
    participants, through_rows = [], []
    through = Event.organizations.through
    for i, event in enumerate(events):
        for j, person_id in enumerate(guests[i * 5 : i * 5 + 5]):
            participants.append(
                Participant(event=event, person_id=person_id, role=Participant.Role.GUEST_OF_HONOUR, order=j)
            )
        for org_id in org_ids[i * MEMBERS_PER_EVENT : i * MEMBERS_PER_EVENT + 20]:
            through_rows.append(through(event_id=event.pk, organization_id=org_id))
    Participant.objects.bulk_create(participants, batch_size=BATCH)
    through.objects.bulk_create(through_rows, batch_size=BATCH)

    # Honours presented at each event: HONOURS_PER_EVENT of the honours of its own block of members.
    for i, event in enumerate(events):
        block = org_ids[i * MEMBERS_PER_EVENT : (i + 1) * MEMBERS_PER_EVENT]
        if not block:
            continue
        ids = list(
            Honour.objects.filter(organization_id__in=block[: HONOURS_PER_EVENT // 5])
            .order_by("pk")
            .values_list("pk", flat=True)[:HONOURS_PER_EVENT]
        )
        Honour.objects.filter(pk__in=ids).update(event=event)
