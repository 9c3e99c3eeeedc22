"""Member regional governments: countries, regions, their contacts, history and activities."""

import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Min, OuterRef, Q, Subquery
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from association.images import CheckedImageField
from association.models import YEAR_VALIDATORS, Searchable, SearchableManager, choice_label
from association.renditions import EMBLEM_WIDTHS, RenditionsField


def country_path(slug):
    """The country page's address in the active language: reversed once per process.

    Lists link to dozens of regions, whose addresses are their country's plus their slug;
    the address of a country changes only with the language, script prefix and URLconf.
    """
    return _country_path(
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        translation.get_language(),
        slug,
    )


@functools.lru_cache(maxsize=1024)
def _country_path(urlconf, script_prefix, language, slug):
    return reverse("members:country-detail", args=[slug])


class Country(Searchable):
    """A country whose regional governments take part in the Association."""

    searched_fields = ("native_name", "name", "official_name")

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{2}$", _("Enter the two capital letters of the ISO 3166 code."))
        ],
        help_text=_("Two capital letters, such as CN, JP, KR, KP, MN or RU."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=50,
        unique=True,
        help_text=_("Part of the address in every language; ASCII, never changed once published."),
    )
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    native_name = models.CharField(_("name in its own language"), max_length=200, blank=True)
    native_language = models.CharField(
        _("language of native names"),
        max_length=10,
        help_text=_(
            "Language tag of the native-script names of this country's regions "
            "(zh-Hans, ja, ko, mn, ru ...), so browsers choose the right glyphs."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SearchableManager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return country_path(self.slug)


class RegionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def members(self):
        """Full members, the 82 regional governments with a vote."""
        return self.filter(status=Region.Status.MEMBER)

    def with_year_joined(self):
        """Annotates `year_joined`: the first year the region became a member.

        A subquery per region rather than a join and GROUP BY, so that a page of a long
        list, and its count, do not aggregate every region's events.
        """
        first_year = (
            MembershipEvent.objects.filter(
                region=OuterRef("pk"), kind__in=MembershipEvent.JOINING_KINDS
            )
            .order_by()
            .values("region")
            .annotate(first=Min("year"))
            .values("first")
        )
        return self.annotate(year_joined=Subquery(first_year))

    def with_contact_count(self):
        counts = (
            Contact.objects.filter(region=OuterRef("pk"))
            .order_by()
            .values("region")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(contact_count=Subquery(counts))


class Region(Searchable):
    """A member regional government: a province, prefecture, metropolitan city, krai, aimag ..."""

    searched_fields = ("native_name", "slug", "name")

    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")
        MUNICIPALITY = "municipality", _("municipality")
        PREFECTURE = "prefecture", _("prefecture")
        METROPOLITAN_CITY = "metropolitan_city", _("metropolitan city")
        SPECIAL_SELF_GOVERNING_CITY = (
            "special_self_governing_city",
            _("special self-governing city"),
        )
        SPECIAL_SELF_GOVERNING_PROVINCE = (
            "special_self_governing_province",
            _("special self-governing province"),
        )
        SPECIAL_CITY = "special_city", _("special city")
        REPUBLIC = "republic", _("republic")
        KRAI = "krai", _("krai")
        OBLAST = "oblast", _("oblast")
        AUTONOMOUS_OKRUG = "autonomous_okrug", _("autonomous okrug")
        AIMAG = "aimag", _("aimag")
        CAPITAL_CITY = "capital_city", _("capital city")
        CITY = "city", _("city")

    class Status(models.TextChoices):
        MEMBER = "member", _("member")
        ASSOCIATE = "associate", _("associate member")
        SPECIAL = "special", _("special member")
        OBSERVER = "observer", _("observer")
        FORMER = "former", _("former member")

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        related_name="regions",
        on_delete=models.PROTECT,
        db_index=False,  # the index region_country_counts begins with it
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the address in every language; ASCII, never changed once published."),
    )
    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(
        _("official native name"),
        max_length=200,
        help_text=_(
            "The official name in its own script, such as 黑龙江省, 경상북도 or Хабаровский край."
        ),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.MEMBER
    )
    emblem = CheckedImageField(_("emblem"), upload_to="emblems/", blank=True)
    emblem_renditions = RenditionsField(
        _("sizes made of the emblem"), image_field="emblem", widths=EMBLEM_WIDTHS
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.PositiveIntegerField(_("area (km²)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are seen only by staff, through the preview."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SearchableManager.from_queryset(RegionQuerySet)()

    class Meta:
        permissions = [("publish_region", _("Can publish and unpublish regions"))]
        ordering = ["country__order", "slug"]
        indexes = [
            # The lists count published regions by status, by country and by kind (the
            # members page, its tabs, the home page, the sitemap): from these indexes alone,
            # without reading the rows and their texts in six languages. The second one
            # also finds a country's regions.
            models.Index(
                fields=["is_published", "status", "country", "kind"],
                name="region_published_status",
            ),
            models.Index(
                fields=["country", "is_published", "status"], name="region_country_counts"
            ),
        ]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # members/urls.py: a region's address is under its country's ("<country>/<region>/").
        return f"{country_path(self.country.slug)}{self.slug}/"

    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def get_status_display(self):
        return choice_label(self.Status, self.status)

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))


class Contact(models.Model):
    """How to reach a region's office in charge of NEAR affairs."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), related_name="contacts", on_delete=models.CASCADE
    )
    office = models.CharField(_("office or department"), max_length=200, blank=True)
    phone = PhoneNumberField(
        _("phone"),
        blank=True,
        help_text=_(
            "In international form, starting with + and the country code: +86 451 5363 1091."
        ),
    )
    phone_alt = PhoneNumberField(_("second phone"), blank=True)
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    address_native = models.CharField(
        _("postal address (native script)"), max_length=300, blank=True
    )
    address = models.CharField(
        _("postal address (translated)"),
        max_length=300,
        blank=True,
        help_text=_("Optional: the address written for readers of each language."),
    )
    is_primary = models.BooleanField(_("primary contact"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["-is_primary", "order", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(is_primary=True),
                name="contact_one_primary_per_region",
                violation_error_message=_("A region can have only one primary contact."),
            )
        ]

    def __str__(self):
        return self.office or str(self.phone) or self.email or str(self.region)


class MembershipEvent(models.Model):
    """A step in a region's membership: founding, joining, observer status, withdrawal ..."""

    class Kind(models.TextChoices):
        FOUNDING = "founding", _("founding member")
        JOINED = "joined", _("joined")
        OBSERVER = "observer", _("observer since")
        ASSOCIATE = "associate", _("associate member since")
        SPECIAL = "special", _("special member since")
        STATUS_CHANGED = "status_changed", _("status changed")
        WITHDREW = "withdrew", _("withdrew")
        REJOINED = "rejoined", _("rejoined")

    JOINING_KINDS = [Kind.FOUNDING, Kind.JOINED, Kind.REJOINED]

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        related_name="membership_events",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    date = models.DateField(_("date"), null=True, blank=True)
    general_assembly = models.ForeignKey(
        "association.GeneralAssembly",
        verbose_name=_("at General Assembly"),
        related_name="membership_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    committee_meeting = models.ForeignKey(
        "association.CommitteeMeeting",
        verbose_name=_("at committee meeting"),
        related_name="membership_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["region", "year", "date", "pk"]
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")

    def __str__(self):
        return f"{self.region} – {self.get_kind_display()} {self.year}"

    def clean(self):
        check_dated_link(self)


# Which event may follow which: a region outside the Association can found, join or
# become an observer; inside, it can change status or withdraw; after withdrawing, it can
# only rejoin or come back as an observer.
_OUTSIDE, _INSIDE, _LEFT = "outside", "inside", "left"
_TRANSITIONS = {
    _OUTSIDE: {
        MembershipEvent.Kind.FOUNDING,
        MembershipEvent.Kind.JOINED,
        MembershipEvent.Kind.OBSERVER,
        MembershipEvent.Kind.ASSOCIATE,
        MembershipEvent.Kind.SPECIAL,
    },
    _INSIDE: {
        MembershipEvent.Kind.JOINED,
        MembershipEvent.Kind.OBSERVER,
        MembershipEvent.Kind.ASSOCIATE,
        MembershipEvent.Kind.SPECIAL,
        MembershipEvent.Kind.STATUS_CHANGED,
        MembershipEvent.Kind.WITHDREW,
    },
    _LEFT: {MembershipEvent.Kind.REJOINED, MembershipEvent.Kind.OBSERVER},
}


def check_membership_history(events):
    """Raises ValidationError if a region's events, taken in date order, contradict each other.

    `events` are unsaved or saved MembershipEvent objects of one region, in any order.
    """
    dated = sorted(events, key=lambda e: (e.year, e.date or datetime.date(e.year, 1, 1)))
    state = _OUTSIDE
    for position, event in enumerate(dated):
        if event.kind == MembershipEvent.Kind.FOUNDING and position > 0:
            raise ValidationError(
                _("A region can be a founding member only as the first event of its history.")
            )
        if event.kind not in _TRANSITIONS[state]:
            raise ValidationError(
                _("“%(event)s” in %(year)s does not fit the history: %(reason)s")
                % {
                    "event": event.get_kind_display(),
                    "year": event.year,
                    "reason": _HISTORY_REASONS[state],
                }
            )
        state = _LEFT if event.kind == MembershipEvent.Kind.WITHDREW else _INSIDE


_HISTORY_REASONS = {
    _OUTSIDE: _(
        "a history starts with founding, joining, or observer, associate or special status."
    ),
    _INSIDE: _("the region is already in the Association (use “rejoined” only after “withdrew”)."),
    _LEFT: _("after withdrawing, a region can only rejoin or return as an observer."),
}


def check_dated_link(record):
    """Checks a record that has a year, an optional date and an optional meeting it belongs to."""
    errors = {}
    if record.date and record.year and record.date.year != record.year:
        errors["date"] = _("The date must fall in the year %(year)s.") % {"year": record.year}
    if record.general_assembly_id and record.committee_meeting_id:
        errors["committee_meeting"] = _(
            "Choose the General Assembly or the committee meeting, not both."
        )
    meeting = record.general_assembly or record.committee_meeting
    if meeting is not None and record.year and meeting.year != record.year:
        errors["year"] = _("The meeting chosen took place in %(year)s.") % {"year": meeting.year}
    if errors:
        raise ValidationError(errors)


class Activity(models.Model):
    """A major activity of a region in the Association: hosting a meeting, leading a project."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), related_name="activities", on_delete=models.CASCADE
    )
    participants = models.ManyToManyField(
        Region,
        verbose_name=_("other regions taking part"),
        related_name="shared_activities",
        blank=True,
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    date = models.DateField(_("date"), null=True, blank=True)
    general_assembly = models.ForeignKey(
        "association.GeneralAssembly",
        verbose_name=_("at General Assembly"),
        related_name="activities",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    committee_meeting = models.ForeignKey(
        "association.CommitteeMeeting",
        verbose_name=_("at committee meeting"),
        related_name="activities",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["year", "date", "pk"]
        verbose_name = _("major activity")
        verbose_name_plural = _("major activities")

    def __str__(self):
        return f"{self.year}: {self.title}"

    def clean(self):
        check_dated_link(self)
