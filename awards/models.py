"""Honours: forms of honour, issuing authorities, decisions, and each conferment on a recipient."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import text
from core.querysets import PublishedQuerySet
from events.models import Event
from members.models import Organization, Person


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class HonourForm(models.Model):
    """A form of honour (hình thức): Cờ thi đua, Bằng khen, Kỷ niệm chương, a title, a banner ... Staff may add more."""

    class Category(models.TextChoices):
        ORDER = "order", _("Order or medal")
        FLAG = "flag", _("Emulation flag")
        CERTIFICATE = "certificate", _("Certificate of merit")
        COMMEMORATIVE_MEDAL = "commemorative_medal", _("Commemorative medal")
        TITLE = "title", _("Emulation title")
        BANNER = "banner", _("Banner")
        OTHER = "other", _("Other")

    class Scope(models.TextChoices):
        COLLECTIVE = "collective", _("Collectives only")
        INDIVIDUAL = "individual", _("Individuals only")
        BOTH = "both", _("Collectives and individuals")

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    recipient_scope = models.CharField(_("may be given to"), max_length=12, choices=Scope.choices, default=Scope.BOTH)
    is_statutory = models.BooleanField(
        _("statutory form"),
        default=True,
        help_text=_(
            "Provided for by the Law on Emulation and Commendation 2022; a banner is a customary honour, not a statutory form."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("form of honour")
        verbose_name_plural = _("forms of honour")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = text.unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def allows(self, recipient_kind):
        return self.recipient_scope == self.Scope.BOTH or self.recipient_scope == recipient_kind


class AuthorityQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class Authority(models.Model):
    """A body that confers honours (cơ quan khen thưởng), with the dates it existed."""

    class Level(models.TextChoices):
        STATE = "state", _("State")
        NATIONAL_ALLIANCE = "national_alliance", _("Vietnam Cooperative Alliance")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")
        ALLIANCE = "alliance", _("The alliance")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.CITY)
    valid_from = models.DateField(_("existed from"), null=True, blank=True)
    valid_to = models.DateField(_("existed until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("conferring authority")
        verbose_name_plural = _("conferring authorities")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="authority_valid_to_after_valid_from",
                violation_error_message=_("An authority cannot end before it begins."),
            )
        ]

    def __str__(self):
        return self.name

    def existed_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


class Decision(models.Model):
    """A numbered decision (quyết định) under which an authority confers honours; it may list dozens of recipients."""

    number = models.CharField(_("number"), max_length=60, help_text=_("As written on the decision, e.g. 1234/QĐ-UBND."))
    signed_on = models.DateField(_("signed on"))
    authority = models.ForeignKey(
        Authority, verbose_name=_("conferring authority"), on_delete=models.PROTECT, related_name="decisions"
    )
    title = models.CharField(_("subject"), max_length=300, blank=True)
    document = models.FileField(_("scanned document"), upload_to="decisions/%Y/", blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(_("sample record"), default=False, help_text=_("Made up for the demonstration."))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number", "signed_on"],
                name="decision_unique_number",
                violation_error_message=_("This authority already has a decision with this number on this date."),
            )
        ]

    def __str__(self):
        return _("Decision %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.signed_on.strftime("%d/%m/%Y"),
        }

    def get_absolute_url(self):
        return reverse("awards:decision-detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": _("This date is in the future.")})
        if self.authority_id and self.signed_on and not self.authority.existed_on(self.signed_on):
            raise ValidationError(
                {"signed_on": _("%(authority)s did not exist on this date.") % {"authority": self.authority}}
            )


class HonourQuerySet(PublishedQuerySet):
    def published(self):
        """Honours shown publicly: published, under a published decision if any, to a public recipient."""
        return (
            self.filter(is_published=True)
            .filter(Q(decision__isnull=True) | Q(decision__is_published=True))
            .filter(
                Q(organization__is_published=True)
                | Q(person__is_published=True, person__public_consent=True)
                | (Q(organization__isnull=True) & Q(person__isnull=True))
            )
        )

    def published_for(self, organization):
        """The honours `published()` shows for one organization, for its own page: the same rows as
        `published().filter(organization=organization)`, but the recipient is checked here, once, instead of joining
        the organizations and people tables into the query (which costs more to plan than to run)."""
        if not organization.is_published:
            return self.none()
        return self.filter(organization=organization, is_published=True).filter(
            Q(decision__isnull=True) | Q(decision__is_published=True)
        )

    def with_recipient_kind(self):
        """Annotate `kind_of_recipient` ("collective"/"individual") for grouping in SQL.

        Not named `recipient_kind`: that is a property of Honour, and an annotation cannot be set on it.
        """
        return self.annotate(
            kind_of_recipient=Case(
                When(person__isnull=False, then=Value(RecipientKind.INDIVIDUAL)),
                default=Value(RecipientKind.COLLECTIVE),
                output_field=models.CharField(),
            )
        )

    def collectives(self):
        return self.filter(person__isnull=True)

    def individuals(self):
        return self.filter(person__isnull=False)

    def summary(self):
        """How a ceremony report reads the honours: one row per authority, form and inscription, in one query.

        Each row has the authority's and the form's names (Vietnamese and English), the form's category, the
        inscription, `collectives` and `individuals` (counts), and `only_name`: the name of the only recipient when
        the row is a single collective named by `recipient_name` (e.g. the alliance receiving a banner).
        Rows come in the authorities' order, then the forms' order.
        """
        return (
            self.order_by()
            .values(
                "authority_id",
                "authority__name",
                "authority__name_en",
                "authority__order",
                "form_id",
                "form__name",
                "form__name_en",
                "form__category",
                "form__order",
                "inscription",
            )
            .annotate(
                collectives=Count("pk", filter=Q(person__isnull=True)),
                individuals=Count("pk", filter=Q(person__isnull=False)),
                only_name=Max("recipient_name"),
            )
            .order_by("authority__order", "authority__name", "form__order", "form__name", "inscription")
        )

    def in_ceremony_order(self):
        """Honours grouped as in `summary()`: by authority, form and inscription, then in the order announced."""
        return self.order_by(
            "authority__order", "authority__name", "form__order", "form__name", "inscription", "order", "pk"
        )

    def recipient_matches(self, query):
        """A Q for honours whose recipient's name holds every word of `query`, diacritics ignored (đ included).

        Members and people are matched on their folded `search_text`; the few collectives named only by
        `recipient_name` (the alliance, one of its departments) are folded in Python. Shared by the public honours
        roll (`search`) and the admin's search.
        """
        words = text.fold(query).split()
        # Matching members and people are found first, each through its own trigram index (members/0003), then
        # their honours by the foreign-key indexes: a condition over the joined tables cannot use those indexes and
        # read a million honours for every search.
        organizations, people = Organization.objects.order_by(), Person.objects.order_by()
        for word in words:
            organizations = organizations.filter(search_text__contains=word)
            people = people.filter(search_text__contains=word)
        names = (
            Honour.objects.exclude(recipient_name="")  # few rows, through the partial index honour_named_recipient
            .order_by()
            .values_list("recipient_name", flat=True)
            .distinct()
        )
        named = [name for name in names if all(word in text.fold(name) for word in words)]
        return Q(organization__in=_ids(organizations)) | Q(person__in=_ids(people)) | Q(recipient_name__in=named)

    def search(self, query):
        """Honours whose recipient matches `query` (`recipient_matches`), as the directory's search works.

        Annotates `search_rank`: 0 when the diacritics typed match, 1 when the whole phrase matches without them,
        2 otherwise.
        """
        folded = text.fold(query)
        if not folded:
            return self.annotate(search_rank=Value(0, output_field=IntegerField()))
        typed = text.exact(query)
        return self.filter(self.recipient_matches(query)).annotate(
            search_rank=Case(
                When(
                    Q(organization__search_exact__contains=typed) | Q(person__search_exact__contains=typed),
                    then=Value(0),
                ),
                When(
                    Q(organization__search_text__contains=folded) | Q(person__search_text__contains=folded),
                    then=Value(1),
                ),
                default=Value(2),
                output_field=IntegerField(),
            )
        )


# Up to this many matching members (or people), their ids are passed to the honours query as a list, which
# PostgreSQL answers from the foreign-key indexes; a subquery in an OR makes it read every honour instead.
RECIPIENT_ID_LIST_MAX = 2000


def _ids(queryset):
    ids = list(queryset.values_list("pk", flat=True)[: RECIPIENT_ID_LIST_MAX + 1])
    return ids if len(ids) <= RECIPIENT_ID_LIST_MAX else queryset.values("pk")


def _validate_year(value):
    if value > timezone.localdate().year + 1:
        raise ValidationError(_("This year is in the future."))


class Honour(models.Model):
    """One conferment: a form of honour, by an authority, to exactly one recipient.

    The recipient is a member organization, a person, or a named collective that is not a member (the alliance itself,
    one of its departments).
    """

    form = models.ForeignKey(
        HonourForm, verbose_name=_("form of honour"), on_delete=models.PROTECT, related_name="honours"
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("conferring authority"), on_delete=models.PROTECT, related_name="honours"
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), null=True, blank=True, on_delete=models.PROTECT, related_name="honours"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("member organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="honours"
    )
    recipient_name = models.CharField(
        _("other collective"),
        max_length=255,
        blank=True,
        help_text=_("A collective that is not a member, e.g. the alliance itself or one of its departments."),
    )
    citation = models.TextField(_("citation"), blank=True, help_text=_("What the honour is for."))
    achievement_year = models.PositiveSmallIntegerField(
        _("year of achievement"), null=True, blank=True, validators=[MinValueValidator(1945), _validate_year]
    )
    conferred_on = models.DateField(_("conferred on"), null=True, blank=True)
    event = models.ForeignKey(
        Event, verbose_name=_("presented at"), null=True, blank=True, on_delete=models.PROTECT, related_name="honours"
    )
    inscription = models.CharField(_("inscription"), max_length=300, blank=True, help_text=_("The words on a banner."))
    order = models.PositiveIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        help_text=_("The report does not name this recipient: made up for the demonstration."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = HonourQuerySet.as_manager()

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-conferred_on", "authority__order", "form__order", "order", "pk"]
        indexes = [
            models.Index(fields=["conferred_on"], name="honour_conferred_on"),
            models.Index(fields=["achievement_year"], name="honour_achievement_year"),
            # The few collectives named only by text (the search reads them all): a handful of rows, not a million.
            models.Index(fields=["recipient_name"], name="honour_named_recipient", condition=~Q(recipient_name="")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(person__isnull=True) & Q(recipient_name=""))
                | (Q(organization__isnull=True) & Q(person__isnull=False) & Q(recipient_name=""))
                | (Q(organization__isnull=True) & Q(person__isnull=True) & ~Q(recipient_name="")),
                name="honour_exactly_one_recipient",
                violation_error_message=_(
                    "Choose exactly one recipient: a member organization, a person, or another collective."
                ),
            ),
            models.CheckConstraint(
                condition=Q(achievement_year__isnull=True) | Q(achievement_year__gte=1945),
                name="honour_achievement_year_plausible",
                violation_error_message=_("The year of achievement is too early."),
            ),
        ]

    def __str__(self):
        return f"{self.form} – {self.recipient_display}"

    @property
    def recipient_display(self):
        if self.person_id:
            return self.person.full_name
        if self.organization_id:
            return self.organization.name
        return self.recipient_name

    @property
    def recipient_kind(self):
        return RecipientKind.INDIVIDUAL if self.person_id else RecipientKind.COLLECTIVE

    def clean(self):
        errors = {}
        recipients = [bool(self.organization_id), bool(self.person_id), bool(self.recipient_name.strip())]
        if sum(recipients) != 1:
            errors["__all__"] = _(
                "Choose exactly one recipient: a member organization, a person, or another collective."
            )
        if self.decision_id and not self.authority_id:
            self.authority = self.decision.authority
        if self.form_id and sum(recipients) == 1 and not self.form.allows(self.recipient_kind):
            errors["form"] = _("%(form)s cannot be given to %(kind)s.") % {
                "form": self.form,
                "kind": _("an individual") if self.recipient_kind == RecipientKind.INDIVIDUAL else _("a collective"),
            }
        if self.decision_id and self.authority_id and self.decision.authority_id != self.authority_id:
            errors["authority"] = _("The decision was signed by %(decision)s, not by %(authority)s.") % {
                "decision": self.decision.authority,
                "authority": self.authority,
            }
        if self.decision_id and self.conferred_on and self.conferred_on < self.decision.signed_on:
            errors["conferred_on"] = _("An honour cannot be conferred before its decision was signed (%(date)s).") % {
                "date": self.decision.signed_on.strftime("%d/%m/%Y")
            }
        if self.conferred_on and self.conferred_on > timezone.localdate() + datetime.timedelta(days=366):
            errors["conferred_on"] = _("This date is too far in the future.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.decision_id and not self.authority_id:
            self.authority_id = self.decision.authority_id
        super().save(*args, **kwargs)
