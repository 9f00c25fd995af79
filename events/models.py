"""Events (anniversaries, congresses, conferences) and the alliance's own history."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import text
from core.images import IMAGE_VALIDATORS
from core.querysets import SearchableQuerySet
from members.models import Organization, Person


def roman(number):
    """Roman numeral for a congress number: 5 -> "V"."""
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


class EventQuerySet(SearchableQuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class Event(models.Model):
    class Kind(models.TextChoices):
        ANNIVERSARY = "anniversary", _("Anniversary")
        CONGRESS = "congress", _("Congress")
        CONFERENCE = "conference", _("Conference")
        TRAINING = "training", _("Training")
        TRADE_PROMOTION = "trade_promotion", _("Trade promotion")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    organizer = models.CharField(_("organizer"), max_length=255, blank=True)
    celebrates_on = models.DateField(
        _("date celebrated"),
        null=True,
        blank=True,
        help_text=_(
            "For an anniversary: the date it celebrates (e.g. the founding date). The number of years is computed."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("report"), blank=True)
    cover_image = models.ImageField(
        _("cover image"), upload_to="events/covers/%Y/", blank=True, validators=IMAGE_VALIDATORS
    )
    cover_alt = models.CharField(_("cover image description"), max_length=255, blank=True)
    source_name = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("For a report reprinted from the press.")
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("member organizations taking part"), blank=True, related_name="events"
    )
    is_published = models.BooleanField(_("published"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    search_exact = models.TextField(editable=False, blank=True)

    history = HistoricalRecords(excluded_fields=["search_text", "search_exact"])
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "starts_at"], name="event_published_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="anniversary") | Q(celebrates_on__isnull=False),
                name="event_anniversary_has_date",
                violation_error_message=_("An anniversary needs the date it celebrates."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})" if self.starts_at else self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("An event cannot end before it starts.")
        if self.kind == self.Kind.ANNIVERSARY and not self.celebrates_on:
            errors["celebrates_on"] = _("An anniversary needs the date it celebrates.")
        if self.celebrates_on and self.starts_at and self.celebrates_on > timezone.localtime(self.starts_at).date():
            errors["celebrates_on"] = _("The date celebrated must be before the event.")
        if errors:
            raise ValidationError(errors)

    def refresh_derived(self):
        searchable = " ".join(filter(None, [self.title, self.venue, self.organizer]))
        self.search_text = text.fold(searchable)
        self.search_exact = text.exact(searchable)
        if not self.slug:
            self.slug = text.unique_slug(self, self.title)

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    @property
    def anniversary_years(self):
        """How many years an anniversary celebrates (30 for 31/7/1990 celebrated in 2020); None otherwise."""
        if self.kind != self.Kind.ANNIVERSARY or not self.celebrates_on or not self.starts_at:
            return None
        return timezone.localtime(self.starts_at).year - self.celebrates_on.year

    @property
    def start_date(self):
        return timezone.localtime(self.starts_at).date()


class ProgrammeItem(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme")
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=255)
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_items",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["event", "order", "starts_at", "pk"]

    def __str__(self):
        return f"{self.starts_at:%H:%M} {self.title}" if self.starts_at else self.title


class PeopleQuerySet(models.QuerySet):
    """Rows that show a person (a guest, a speaker): the public sees only people who are published and consent."""

    person_field = "person"

    def public(self):
        # A correlated EXISTS on the person's primary key: `person__in=<published people>` made SQLite list every
        # published person (a scan of 100,000 rows) for each page showing a few guests.
        return self.filter(Exists(Person.objects.published().filter(pk=OuterRef(self.person_field))))


class ParticipantQuerySet(PeopleQuerySet):
    pass


class SpeechQuerySet(PeopleQuerySet):
    person_field = "speaker"


class Participant(models.Model):
    class Role(models.TextChoices):
        GUEST_OF_HONOUR = "guest_of_honour", _("Guest of honour")
        SPEAKER = "speaker", _("Speaker")
        PRESENTER = "presenter", _("Presenter of honours")
        DELEGATE = "delegate", _("Delegate")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.GUEST_OF_HONOUR)
    position = models.CharField(
        _("position at the event"),
        max_length=255,
        blank=True,
        help_text=_("As reported; empty means the person's position."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "role"],
                name="participant_unique_role",
                violation_error_message=_("This person already has this role at this event."),
            )
        ]

    def __str__(self):
        return f"{self.person.full_name} ({self.get_role_display()})"

    @property
    def position_shown(self):
        return self.position or self.person.position


class Speech(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="speeches")
    speaker = models.ForeignKey(Person, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="speeches")
    title = models.CharField(_("title"), max_length=255, blank=True)
    summary = models.TextField(_("summary"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SpeechQuerySet.as_manager()

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["event", "order", "pk"]

    def __str__(self):
        return self.title or str(self.speaker.full_name)


class Photo(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to="events/photos/%Y/", validators=IMAGE_VALIDATORS)
    caption = models.CharField(
        _("caption"), max_length=300, help_text=_("Also read aloud to blind readers (alt text).")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["event", "order", "pk"]

    def __str__(self):
        return self.caption


class Alliance(models.Model):
    """The alliance itself: its founding and mandate. One row; its names and congresses hang from it."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    founded_on = models.DateField(_("founded on"))
    founding_authority = models.CharField(_("founded by"), max_length=255, blank=True)
    founding_decision = models.CharField(_("founding decision"), max_length=255, blank=True)
    founding_name = models.CharField(_("name at founding"), max_length=255, blank=True)
    mandate = models.TextField(_("founding mandate"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliance")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def years_since_founding(self, on=None):
        on = on or timezone.localdate()
        years = on.year - self.founded_on.year
        if (on.month, on.day) < (self.founded_on.month, self.founded_on.day):
            years -= 1
        return years


class AllianceName(models.Model):
    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    valid_from = models.DateField(
        _("used from"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the date is not known; say so in the note."),
    )
    valid_to = models.DateField(
        _("used until"),
        null=True,
        blank=True,
        help_text=_("Empty while the name is in use, or when the date is unknown."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in the timeline, oldest first; needed when dates are unknown.")
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("e.g. which dates are not known, and the source.")
    )

    class Meta:
        verbose_name = _("name of the alliance")
        verbose_name_plural = _("names of the alliance")
        ordering = ["alliance", "order", "valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="alliance_name_valid_to_after_valid_from",
                violation_error_message=_("A name cannot stop being used before it was first used."),
            )
        ]

    def __str__(self):
        return self.name


class Congress(models.Model):
    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="congresses"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    term = models.CharField(_("term"), max_length=50, blank=True, help_text=_("e.g. 2019–2024"))
    event = models.OneToOneField(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.PROTECT, related_name="congress"
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["alliance", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "number"],
                name="congress_unique_number",
                violation_error_message=_("A congress with this number already exists."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="congress_number_positive"),
        ]

    def __str__(self):
        return _("Congress %(numeral)s") % {"numeral": self.numeral}

    @property
    def numeral(self):
        return roman(self.number)
