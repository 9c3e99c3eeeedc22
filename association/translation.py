"""Which fields of the Association's models are translated (one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from association.models import (
    Committee,
    CommitteeMeeting,
    Document,
    GeneralAssembly,
    Page,
    Photo,
)


@register(GeneralAssembly)
class GeneralAssemblyTranslationOptions(TranslationOptions):
    fields = ("alternative_name", "city", "venue", "theme", "summary", "declarations", "chair_name")


@register(Committee)
class CommitteeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(CommitteeMeeting)
class CommitteeMeetingTranslationOptions(TranslationOptions):
    fields = ("title", "city", "venue", "summary")


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "alt_text")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
