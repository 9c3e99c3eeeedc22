"""Which fields of the member models are translated (one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from members.models import Activity, Contact, Country, MembershipEvent, Region


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name", "official_name")


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("office", "address")


@register(MembershipEvent)
class MembershipEventTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")
