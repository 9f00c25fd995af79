"""A small public site with distinctive private values, and the list of every public URL over it."""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import factory
import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from members.models import Organization
from tests import factories

# Private values nobody would write by chance: each must never appear in a public response.
BIRTH_DATE = datetime.date(1963, 4, 17)
PRIVATE_VALUES = {
    "birth date (ISO)": "1963-04-17",
    "birth date (dd/mm/yyyy)": "17/04/1963",
    "birth date (d.m.y)": "17.04.1963",
    "person phone": "0903 417 719",
    "person phone (digits)": "0903417719",
    "person email": "bimat.nguoi@example.vn",
    "ID number": "079063004177",
    "organization phone": "0225 3417 888",
    "organization phone (digits)": "02253417888",
    "organization email": "lienhe.kin@example.vn",
    "organization website": "kin-dao-417.example.vn",
}
# A person without consent: nothing about them may appear, not even the name or position.
HIDDEN_NAME = "Lã Thị Giấu Tên"
HIDDEN_POSITION = "Chánh Văn phòng Bảo Mật"
HIDDEN_PHOTO_STEM = "an-danh-khong-dong-y"


@dataclass
class PublicSite:
    organization: Organization
    contacts_public_org: Organization
    consenting: object
    hidden: object
    event: object
    upcoming: object
    decision: object
    urls: list = field(default_factory=list)


def _reverse(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def public_urls(site):
    """Every public page, machine endpoint and export, Vietnamese and English, that exists in this tree."""
    names = [
        ("home", {}),
        ("about", {}),
        ("members:organization-list", {}),
        ("members:organization-detail", {"slug": site.organization.slug}),
        ("members:organization-detail", {"slug": site.contacts_public_org.slug}),
        ("members:export-csv", {}),
        ("members:export-xlsx", {}),
        ("events:event-list", {}),
        ("events:event-detail", {"slug": site.event.slug}),
        ("events:event-detail", {"slug": site.upcoming.slug}),
        ("events:event-calendar", {"slug": site.event.slug}),
        ("events:feed", {}),
        ("awards:honour-list", {}),
        ("awards:decision-detail", {"pk": site.decision.pk}),
    ]
    urls = []
    for language in ("vi", "en"):
        with translation.override(language):
            urls += [url for name, kwargs in names if (url := _reverse(name, **kwargs))]
    urls += [u for u in (_reverse("sitemap"), _reverse("robots-txt"), _reverse("healthz")) if u]
    return list(dict.fromkeys(urls))


@pytest.fixture
def public_site(db):
    area = factories.AreaFactory(name="Phường Hồng Bàng Thử")
    sector = factories.SectorFactory(name="Thủy sản thử")
    organization = factories.OrganizationFactory(
        name="HTX Thủy sản Kín Đáo",
        area=area,
        phone=PRIVATE_VALUES["organization phone"],
        email=PRIVATE_VALUES["organization email"],
        website=f"https://{PRIVATE_VALUES['organization website']}/",
        contacts_public=False,
        description="Hợp tác xã nuôi trồng thủy sản.",
        sectors=[sector],
    )
    contacts_public_org = factories.EnterpriseFactory(
        name="Công ty TNHH Công Khai", phone="0225 3000 001", email="congkhai@example.vn", contacts_public=True
    )
    consenting = factories.PersonFactory(
        full_name="Nguyễn Văn Đồng Ý",
        position="Giám đốc",
        organization=organization,
        birth_date=BIRTH_DATE,
        phone=PRIVATE_VALUES["person phone"],
        email=PRIVATE_VALUES["person email"],
        id_number=PRIVATE_VALUES["ID number"],
        public_consent=True,
        consent_recorded_on=datetime.date(2025, 1, 2),
    )
    hidden = factories.PersonFactory(
        full_name=HIDDEN_NAME,
        position=HIDDEN_POSITION,
        organization=organization,
        birth_date=BIRTH_DATE,
        phone=PRIVATE_VALUES["person phone"],
        email=PRIVATE_VALUES["person email"],
        id_number=PRIVATE_VALUES["ID number"],
        public_consent=False,
        consent_recorded_on=None,
        photo=factory.django.ImageField(filename=f"{HIDDEN_PHOTO_STEM}.jpg", format="JPEG"),
    )
    event = factories.AnniversaryFactory(title="Kỷ niệm 35 năm thành lập Liên minh thử", summary="Lễ kỷ niệm.")
    event.organizations.add(organization)
    upcoming = factories.EventFactory(
        title="Hội nghị sắp tới thử", starts_at=timezone.now() + datetime.timedelta(days=30)
    )
    for person in (consenting, hidden):
        factories.ParticipantFactory(event=event, person=person, position="")
        factories.SpeechFactory(event=event, speaker=person, summary=f"Phát biểu của đại biểu #{person.pk}.")
        factories.ProgrammeItemFactory(event=event, speaker=person, title=f"Phát biểu mục #{person.pk}")
    factories.PhotoFactory(event=event)
    decision = factories.DecisionFactory(number="417/QĐ-UBND")
    factories.HonourFactory(organization=organization, decision=decision, authority=decision.authority, event=event)
    factories.HonourFactory(
        person=consenting, organization=None, decision=decision, authority=decision.authority, event=event
    )
    factories.HonourFactory(
        person=hidden, organization=None, decision=decision, authority=decision.authority, event=event
    )
    site = PublicSite(organization, contacts_public_org, consenting, hidden, event, upcoming, decision)
    site.urls = public_urls(site)
    return site


def response_text(response):
    """Everything a response carries as text: the body, or every part of an XLSX (a zip of XML)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return body.decode("utf-8", "replace")


_LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)|<loc>\s*([^<\s]+)\s*</loc>""")


def internal_links(text):
    """Same-site paths linked from a page or listed in a sitemap (no admin, static or media files)."""
    links = set()
    for attribute, loc in _LINK.findall(text):
        parts = urlsplit((attribute or loc).replace("&amp;", "&"))
        if parts.netloc and parts.netloc not in ("testserver",):
            continue
        path = parts.path
        if not path.startswith("/") or path.startswith(("/admin", "/static", "/media", "/i18n")):
            continue
        links.add(path + (f"?{parts.query}" if parts.query else ""))
    return links
