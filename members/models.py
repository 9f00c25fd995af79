"""Member organizations, the people around them, and the places and sectors they belong to."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import text
from core.images import IMAGE_VALIDATORS
from core.querysets import SearchableQuerySet

from .validators import validate_tax_code

DERIVED_FIELDS = ["search_text", "search_exact", "sort_key"]


class Area(models.Model):
    """An administrative unit (city, district, ward, commune, special zone) with the dates it existed.

    A reorganisation is an edit of this table: a new unit gets a row, an old one gets its `valid_to`. Records that
    pointed at an old unit keep it.
    """

    class Level(models.TextChoices):
        CITY = "city", _("Centrally-governed city")
        URBAN_DISTRICT = "urban_district", _("Urban district (quận)")
        RURAL_DISTRICT = "rural_district", _("Rural district (huyện)")
        DISTRICT_CITY = "district_city", _("District-level city (thành phố)")
        WARD = "ward", _("Ward (phường)")
        COMMUNE = "commune", _("Commune (xã)")
        SPECIAL_ZONE = "special_zone", _("Special zone (đặc khu)")

    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("Official code of the General Statistics Office.")
    )
    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    sort_key = models.CharField(editable=False, max_length=text.SORT_KEY_LENGTH, blank=True, db_index=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["sort_key", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="area_valid_to_after_valid_from",
                violation_error_message=_("An administrative unit cannot end before it begins."),
            )
        ]

    class QuerySet(models.QuerySet):
        def current(self, on=None):
            """Units in force on `on` (today by default)."""
            on = on or timezone.localdate()
            return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=on)
            )

        def search(self, query):
            folded = text.fold(query)
            return self.filter(search_text__contains=folded) if folded else self

    objects = QuerySet.as_manager()

    def __str__(self):
        return self.label(self.name, self.valid_to)

    @staticmethod
    def label(name, valid_to, today=None):
        """How lists name a unit: one that no longer exists says until when (lists read only these two columns)."""
        if valid_to and valid_to < (today or timezone.localdate()):
            return _("%(name)s (until %(date)s)") % {"name": name, "date": valid_to.strftime("%d/%m/%Y")}
        return name

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A unit cannot be its own parent.")})

    def refresh_derived(self):
        self.search_text = text.fold(f"{self.name} {self.note} {self.code}")
        self.sort_key = text.sort_key(self.name)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or self.valid_to >= on)


class Sector(models.Model):
    """A field of activity (nông nghiệp, thủy sản, ...): data staff may extend, seeded by a migration."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = text.unique_slug(self, self.name)
        super().save(*args, **kwargs)


class OrganizationQuerySet(SearchableQuerySet):
    def active(self):
        return self.filter(status=Organization.Status.ACTIVE)

    def vi_ordered(self):
        return self.order_by("sort_key", "pk")


class Organization(models.Model):
    """A member of the alliance: a cooperative, cooperative union, cooperative group or enterprise."""

    class Kind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Cooperative")
        COOPERATIVE_UNION = "cooperative_union", _("Cooperative union")
        COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
        ENTERPRISE = "enterprise", _("Enterprise")
        OTHER = "other", _("Other")

    class LegalForm(models.TextChoices):
        LLC = "llc", _("Limited liability company (TNHH)")
        LLC_ONE_MEMBER = "llc_one_member", _("Single-member limited liability company")
        JOINT_STOCK = "joint_stock", _("Joint-stock company (cổ phần)")
        PRIVATE = "private", _("Private enterprise (tư nhân)")
        PARTNERSHIP = "partnership", _("Partnership (hợp danh)")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COOPERATIVE)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True, help_text=_("For enterprises only.")
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        blank=True,
        validators=[validate_tax_code],
        help_text=_("10 digits, or 10 digits-3 digits for a dependent unit. Kept as text: leading zeros matter."),
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="organizations")
    area = models.ForeignKey(
        Area,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    representative_name = models.CharField(_("representative"), max_length=150, blank=True)
    representative_title = models.CharField(_("representative's title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contacts_public = models.BooleanField(
        _("contacts are public"), default=False, help_text=_("Show phone, email and website on the public page.")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    joined_on = models.DateField(_("joined the alliance on"), null=True, blank=True)
    status = models.CharField(_("membership status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    worker_count = models.PositiveIntegerField(_("number of workers"), null=True, blank=True)
    charter_capital = models.DecimalField(
        _("charter capital (VND)"),
        max_digits=18,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/", blank=True, validators=IMAGE_VALIDATORS)
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(
        _("sample record"), default=False, help_text=_("Made up for the demonstration; not a real member.")
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    search_exact = models.TextField(editable=False, blank=True)
    sort_key = models.CharField(editable=False, max_length=text.SORT_KEY_LENGTH, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=DERIVED_FIELDS, m2m_fields=[sectors])
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("member organization")
        verbose_name_plural = _("member organizations")
        ordering = ["sort_key", "pk"]
        indexes = [
            models.Index(fields=["is_published", "sort_key"], name="org_published_sort"),
            models.Index(fields=["is_published", "joined_on"], name="org_published_joined"),
            models.Index(fields=["kind", "status"], name="org_kind_status"),
            # The home page's members by kind: counted from the index alone (no table read at 100,000 members).
            models.Index(fields=["is_published", "kind"], name="org_published_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=~Q(tax_code=""),
                name="organization_tax_code_unique",
                violation_error_message=_("Another member organization already has this tax code."),
            ),
            models.CheckConstraint(
                condition=Q(kind="enterprise") | Q(legal_form=""),
                name="organization_legal_form_only_for_enterprises",
                violation_error_message=_("Only an enterprise has a legal form."),
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True) | Q(founded_on__isnull=True) | Q(joined_on__gte=F("founded_on")),
                name="organization_joined_after_founded",
                violation_error_message=_("An organization cannot join the alliance before it was founded."),
            ),
            models.CheckConstraint(
                condition=Q(status="active") | Q(status_changed_on__isnull=False),
                name="organization_status_change_dated",
                violation_error_message=_("Give the date on which the membership was suspended or withdrawn."),
            ),
            models.CheckConstraint(
                condition=Q(charter_capital__isnull=True) | Q(charter_capital__gte=0),
                name="organization_charter_capital_not_negative",
                violation_error_message=_("Charter capital cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organization-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.legal_form and self.kind != self.Kind.ENTERPRISE:
            errors["legal_form"] = _("Only an enterprise has a legal form; leave it empty for a %(kind)s.") % {
                "kind": self.get_kind_display().lower()
            }
        if self.joined_on and self.founded_on and self.joined_on < self.founded_on:
            errors["joined_on"] = _("An organization cannot join the alliance before it was founded (%(date)s).") % {
                "date": self.founded_on.strftime("%d/%m/%Y")
            }
        if self.status != self.Status.ACTIVE and not self.status_changed_on:
            errors["status_changed_on"] = _("Give the date on which the membership was suspended or withdrawn.")
        today = timezone.localdate()
        for field in ("founded_on", "joined_on", "status_changed_on"):
            value = getattr(self, field)
            if value and value > today:
                errors[field] = _("This date is in the future.")
        if errors:
            raise ValidationError(errors)

    def refresh_derived(self):
        """Fill the search and sort columns; every bulk path must call this before bulk_create/bulk_update."""
        searchable = " ".join(
            filter(None, [self.name, self.short_name, self.name_en, self.tax_code, self.representative_name])
        )
        self.search_text = text.fold(searchable)
        self.search_exact = text.exact(searchable)
        self.sort_key = text.sort_key(self.name)
        if not self.slug:
            self.slug = text.unique_slug(self, self.name)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    @property
    def is_collective(self):
        return True

    @property
    def public_contacts(self):
        """Phone, email and website, or nothing when the organization has not made its contacts public."""
        if not self.contacts_public:
            return {}
        return {k: v for k, v in {"phone": self.phone, "email": self.email, "website": self.website}.items() if v}


class PersonQuerySet(SearchableQuerySet):
    def published(self):
        """People shown publicly: published and with recorded consent to appear."""
        return self.filter(is_published=True, public_consent=True)


class Person(models.Model):
    """Someone around the alliance: a member's director, a guest of honour, an honoured individual.

    Birth date, phone, email and ID number are internal: they never leave the admin. Nothing about a person is shown
    publicly without their recorded consent, and there is no default consent.
    """

    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=255, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("member organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    affiliation = models.CharField(
        _("outside body"),
        max_length=255,
        blank=True,
        help_text=_('A body that is not a member, e.g. "UBND TP Hải Phòng".'),
    )
    photo = models.ImageField(_("photo"), upload_to="people/%Y/", blank=True, validators=IMAGE_VALIDATORS)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    id_number = models.CharField(_("ID card number"), max_length=20, blank=True)
    public_consent = models.BooleanField(
        _("consents to public display"),
        default=False,
        help_text=_("The person agreed that their name, position and photo appear on public pages."),
    )
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(_("sample record"), default=False, help_text=_("Made up for the demonstration."))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    search_exact = models.TextField(editable=False, blank=True)
    sort_key = models.CharField(editable=False, max_length=text.SORT_KEY_LENGTH, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=DERIVED_FIELDS)
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(public_consent=False) | Q(consent_recorded_on__isnull=False),
                name="person_consent_dated",
                violation_error_message=_("Record the date on which the person gave consent."),
            )
        ]

    def __str__(self):
        return f"{self.full_name} – {self.position}" if self.position else self.full_name

    def clean(self):
        errors = {}
        if self.public_consent and not self.consent_recorded_on:
            errors["consent_recorded_on"] = _("Record the date on which the person gave consent.")
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("This date is in the future.")
        if self.birth_date and self.birth_date < datetime.date(1900, 1, 1):
            errors["birth_date"] = _("This date is too early.")
        if errors:
            raise ValidationError(errors)

    def refresh_derived(self):
        searchable = " ".join(filter(None, [self.full_name, self.position, self.affiliation]))
        self.search_text = text.fold(searchable)
        self.search_exact = text.exact(searchable)
        self.sort_key = text.given_name_sort_key(self.full_name)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return self.is_published and self.public_consent

    @property
    def affiliation_name(self):
        """The member organization's name, or the outside body's."""
        return self.organization.name if self.organization_id else self.affiliation
