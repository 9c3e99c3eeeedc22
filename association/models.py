"""The Association's own bodies: General Assemblies, committees and their meetings, media, pages."""

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from association import audit, ordinals
from association.documents import CheckedDocumentField
from association.images import CheckedImageField
from association.languages import language_choices, shown_columns
from association.renditions import RenditionsField

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class User(AbstractUser):
    """A person who signs in: secretariat staff, translators, administrators."""

    language = models.CharField(
        _("admin language"),
        max_length=10,
        blank=True,
        choices=language_choices,
        help_text=_("The language the administration pages are shown in for this person."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class SearchableManager(models.Manager):
    """Leaves the search text out of the records it loads: only the search's WHERE reads it."""

    def get_queryset(self):
        return super().get_queryset().defer("search_text")


class Searchable(models.Model):
    """A record the public search finds, by the folded text of its searched fields.

    `searched_fields` names them; a translated field stands for its six columns.
    `search_text` holds their text, NFKC-normalized and case-folded, one value a line,
    and is rewritten whenever the record is saved (association.search keeps it), so
    that a search reads one column instead of dozens and matches in any script.
    """

    searched_fields = ()

    search_text = models.TextField(_("searched text"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        from association.search import refresh_search_text

        update_fields = refresh_search_text(self, update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


def choice_label(choices, value):
    """The label of `value` in a TextChoices/IntegerChoices class, in the active language.

    What get_FOO_display() gives, found by value: Django's version translates every
    label of the field to look one up, which lists of many records feel.
    """
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def check_date_range(start, end, *, year=None, end_field="end_date"):
    """Errors for an end before its start, or dates outside the record's year."""
    errors = {}
    if start and end and end < start:
        errors[end_field] = _("The end date cannot be before the start date.")
    if year and start and start.year != year:
        errors["start_date"] = _("The start date must fall in the year %(year)s.") % {"year": year}
    return errors


class GeneralAssemblyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def held(self):
        today = timezone.localdate()
        return self.filter(start_date__lte=today)

    def upcoming(self):
        today = timezone.localdate()
        return self.filter(
            Q(start_date__gt=today) | Q(start_date__isnull=True, year__gte=today.year)
        )


class GeneralAssembly(Searchable):
    """A General Assembly (called an Annual Meeting in the early years), held every two years."""

    searched_fields = ("city", "venue", "theme", "summary", "alternative_name", "chair_name")

    class HistoricalName(models.TextChoices):
        ANNUAL_MEETING = "annual_meeting", _("Annual Meeting")
        GENERAL_ASSEMBLY = "general_assembly", _("General Assembly")

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[MinValueValidator(1)],
        error_messages={"unique": _("A General Assembly with this number already exists.")},
    )
    historical_name = models.CharField(
        _("name at the time"),
        max_length=20,
        choices=HistoricalName.choices,
        default=HistoricalName.GENERAL_ASSEMBLY,
    )
    alternative_name = models.CharField(
        _("other name"),
        max_length=200,
        blank=True,
        help_text=_("A name the meeting was also known by, such as “NEAR 2000”."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    host_region = models.ForeignKey(
        "members.Region",
        verbose_name=_("host region"),
        related_name="hosted_assemblies",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    theme = models.CharField(_("theme or slogan"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    declarations = models.TextField(_("adopted declarations"), blank=True)
    chair_region = models.ForeignKey(
        "members.Region",
        verbose_name=_("chair region"),
        related_name="chaired_assemblies",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The region whose head presided over the Association up to this assembly."),
    )
    chair_name = models.CharField(_("presiding head"), max_length=300, blank=True)
    chair_from = models.DateField(_("chair's term from"), null=True, blank=True)
    chair_until = models.DateField(_("chair's term until"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are seen only by staff, through the preview."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SearchableManager.from_queryset(GeneralAssemblyQuerySet)()

    class Meta:
        permissions = [
            ("publish_generalassembly", _("Can publish and unpublish General Assemblies"))
        ]
        ordering = ["-number"]
        verbose_name = _("General Assembly")
        verbose_name_plural = _("General Assemblies")

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("association:assembly-detail", args=[self.number])

    @property
    def name(self):
        """ "14th General Assembly", "제14차 총회", "第5回年次総会" ... in the active language."""
        return ordinals.numbered(self.historical_name, self.number)

    def clean(self):
        errors = check_date_range(self.start_date, self.end_date, year=self.year)
        if self.chair_from and self.chair_until and self.chair_until < self.chair_from:
            errors["chair_until"] = _("The chair's term cannot end before it begins.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_planned(self):
        """Still to come, as GeneralAssemblyQuerySet.upcoming() has it: a start date ahead,
        or no dates yet and a year not past (a 1998 assembly whose dates are unknown was
        held, not planned)."""
        today = timezone.localdate()
        if self.start_date is None:
            return self.year >= today.year
        return self.start_date > today


class CommitteeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def active(self):
        return self.filter(dissolved_year__isnull=True)


class Committee(Searchable):
    """The Working Committee, a Subcommittee, or another standing body of the Association."""

    searched_fields = ("name", "description")

    # Numbers, not text, so that the default order lists the Working Committee first.
    class Kind(models.IntegerChoices):
        WORKING = 1, _("Working Committee")
        SUBCOMMITTEE = 2, _("Subcommittee")
        OTHER = 3, _("other body")

    kind = models.PositiveSmallIntegerField(_("kind"), choices=Kind.choices)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=False,
        help_text=_("Part of the address in every language; ASCII, never changed once published."),
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    established_year = models.PositiveSmallIntegerField(
        _("established in"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    established_assembly = models.ForeignKey(
        GeneralAssembly,
        verbose_name=_("established at"),
        related_name="established_committees",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    dissolved_year = models.PositiveSmallIntegerField(
        _("dissolved in"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are seen only by staff, through the preview."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SearchableManager.from_queryset(CommitteeQuerySet)()

    class Meta:
        permissions = [("publish_committee", _("Can publish and unpublish committees"))]
        ordering = ["kind", "number", "slug"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                name="committee_unique_number",
                violation_error_message=_("Another committee of this kind has this number."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("association:committee-detail", args=[self.slug])

    def clean(self):
        if (
            self.established_year
            and self.dissolved_year
            and self.dissolved_year < self.established_year
        ):
            raise ValidationError(
                {"dissolved_year": _("A committee cannot be dissolved before it was established.")}
            )


class CommitteeMembership(models.Model):
    """A region's seat on a committee, as coordinator, member or observer, for a period."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        CO_COORDINATOR = "co_coordinator", _("co-coordinator")
        MEMBER = "member", _("member")
        OBSERVER = "observer", _("observer")

    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        related_name="memberships",
        on_delete=models.CASCADE,
    )
    region = models.ForeignKey(
        "members.Region",
        verbose_name=_("region"),
        related_name="committee_memberships",
        on_delete=models.PROTECT,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.PositiveSmallIntegerField(
        _("since"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    until = models.PositiveSmallIntegerField(
        _("until"), null=True, blank=True, validators=YEAR_VALIDATORS
    )

    class Meta:
        ordering = ["committee", "role", "since"]
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "region", "role", "since"],
                name="committee_membership_unique",
                violation_error_message=_(
                    "This region already has this role on this committee from that year."
                ),
            )
        ]

    def __str__(self):
        return f"{self.region} – {self.get_role_display()}"

    def get_role_display(self):
        return choice_label(self.Role, self.role)

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("The end year cannot be before the start year.")})


class CommitteeMeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class CommitteeMeeting(Searchable):
    """A meeting of a committee: a numbered Working Committee meeting or a subcommittee meeting."""

    searched_fields = ("title", "city", "venue", "summary")

    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        related_name="meetings",
        on_delete=models.CASCADE,
    )
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("A name the meeting was held under, if it had one."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    host_region = models.ForeignKey(
        "members.Region",
        verbose_name=_("host region"),
        related_name="hosted_meetings",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    summary = models.TextField(_("summary"), blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are seen only by staff, through the preview."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SearchableManager.from_queryset(CommitteeMeetingQuerySet)()

    class Meta:
        permissions = [
            ("publish_committeemeeting", _("Can publish and unpublish committee meetings"))
        ]
        ordering = ["committee", "-year", "-number"]
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"],
                name="committee_meeting_unique_number",
                violation_error_message=_("This committee already has a meeting with this number."),
            )
        ]

    def __str__(self):
        if self.number:
            return _("%(committee)s, %(meeting)s (%(year)s)") % {
                "committee": self.committee,
                "meeting": ordinals.numbered(ordinals.MEETING, self.number),
                "year": self.year,
            }
        return _("%(committee)s, meeting of %(year)s") % {
            "committee": self.committee,
            "year": self.year,
        }

    def get_absolute_url(self):
        return f"{self.committee.get_absolute_url()}#meeting-{self.pk}"

    def clean(self):
        errors = check_date_range(self.start_date, self.end_date, year=self.year)
        if errors:
            raise ValidationError(errors)

    @property
    def name(self):
        """ "14th meeting", "제14차 회의" ... or the title it was held under."""
        if self.title:
            return self.title
        if self.number:
            return ordinals.numbered(ordinals.MEETING, self.number)
        return ""


class AttachmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


# An attachment belongs to exactly one assembly, meeting or region.
ONE_OWNER = (
    Q(general_assembly__isnull=False, committee_meeting__isnull=True, region__isnull=True)
    | Q(general_assembly__isnull=True, committee_meeting__isnull=False, region__isnull=True)
    | Q(general_assembly__isnull=True, committee_meeting__isnull=True, region__isnull=False)
)
ONE_OWNER_MESSAGE = _("Attach this to exactly one General Assembly, committee meeting or region.")


class Attachment(models.Model):
    """What photos and documents share: the one record they belong to, and when."""

    general_assembly = models.ForeignKey(
        GeneralAssembly,
        verbose_name=_("General Assembly"),
        related_name="%(class)ss",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    committee_meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name=_("committee meeting"),
        related_name="%(class)ss",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    region = models.ForeignKey(
        "members.Region",
        verbose_name=_("region"),
        related_name="%(class)ss",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    date = models.DateField(_("date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class PhotoQuerySet(AttachmentQuerySet):
    def shown(self):
        """The published photos, with what a page shows of each and no more: the image and
        its sizes, the credit, the caption and text alternative in the page's language and
        English (not the four other languages), the record it belongs to."""
        return self.published().only(
            "general_assembly",
            "committee_meeting",
            "region",
            "image",
            "image_renditions",
            "credit",
            *shown_columns("caption", "alt_text"),
        )


class Photo(Attachment):
    """A photograph of an assembly, a meeting or a region, with a translated caption."""

    image = CheckedImageField(_("image"), upload_to="photos/%Y/")
    image_renditions = RenditionsField(_("sizes made of the image"), image_field="image")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    objects = PhotoQuerySet.as_manager()

    class Meta(Attachment.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(
                condition=ONE_OWNER,
                name="photo_has_one_owner",
                violation_error_message=ONE_OWNER_MESSAGE,
            )
        ]

    def __str__(self):
        return self.caption or self.alt_text


class Document(Attachment):
    """A declaration, minutes or report attached to an assembly, a meeting or a region."""

    file = CheckedDocumentField(_("file"), upload_to="documents/%Y/")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language of the document"),
        max_length=10,
        blank=True,
        choices=language_choices,
    )

    class Meta(Attachment.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=ONE_OWNER,
                name="document_has_one_owner",
                violation_error_message=ONE_OWNER_MESSAGE,
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("association:document-download", args=[self.pk])


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Page(Searchable):
    """One of the Association's own pages: About, Charter, Secretariat, How to join."""

    searched_fields = ("title", "body")

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the address in every language; ASCII, never changed once published."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Plain text; leave a blank line between paragraphs.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are seen only by staff, through the preview."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SearchableManager.from_queryset(PageQuerySet)()

    class Meta:
        permissions = [("publish_page", _("Can publish and unpublish pages"))]
        ordering = ["order", "slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("association:page-detail", args=[self.slug])


class SeededRecord(models.Model):
    """What the demo-content loader last wrote to a record, so it never overwrites an edit."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    object_id = models.PositiveBigIntegerField(_("object id"))
    checksum = models.CharField(_("checksum"), max_length=64)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("seeded record")
        verbose_name_plural = _("seeded records")

    def __str__(self):
        return self.key


class TranslationSource(models.Model):
    """Which version of the English source a translation was made from.

    One row per record, translated field and language: the digest and text of the English
    source when the translation was last saved or confirmed. When the English text changes,
    the translation shows as stale, with a diff from `source_text`, until it is updated or
    confirmed. The translate_<language> permissions limit a translator to their languages.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    source_digest = models.CharField(_("digest of the English source"), max_length=64)
    source_text = models.TextField(_("English source"), blank=True)
    translated_by = models.ForeignKey(
        User,
        verbose_name=_("translated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    translated_at = models.DateTimeField(_("translated"), default=timezone.now)

    class Meta:
        verbose_name = _("translation source")
        verbose_name_plural = _("translation sources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_source_per_translation",
            )
        ]
        default_permissions = ()
        permissions = [
            ("translate_ko", "Can translate into Korean (한국어)"),
            ("translate_ja", "Can translate into Japanese (日本語)"),
            ("translate_zh_hans", "Can translate into Chinese (简体中文)"),
            ("translate_ru", "Can translate into Russian (Русский)"),
            ("translate_mn", "Can translate into Mongolian (Монгол)"),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"


class AuditEntry(LogEntry):
    """An entry of the audit trail: the admin log, listed and filtered for the secretariat."""

    objects = audit.AuditEntryQuerySet.as_manager()

    class Meta:
        proxy = True
        ordering = ["-action_time", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
