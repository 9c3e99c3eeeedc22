"""Where each translation stands: missing, stale or done; who may translate into what.

English is the source of every translated field. A translation is

- **missing** when the English source has text and the language's column is empty;
- **stale** when it was made from an English text that has changed since;
- **done** otherwise (filled, and made from the current English text, or filled before
  this was tracked).

When a translation is saved (admin form, file import, demo-content loader) its English
source is recorded in `TranslationSource` (digest and text, per record, field and
language), so a later change of the English text makes it stale, with a diff of what
changed, until it is updated or confirmed ("still correct").

API
---
``source_digest(text) -> str``
    sha256 hex of the English text, with line endings and outer whitespace normalised.
``TRANSLATION_LANGUAGES``
    the target languages: ko, ja, zh-hans, ru, mn (English is the source).
``translatable_models() -> [(model, [field, ...])]``
    every model with translated fields, in the admin's order, and their field names.
``translated_fields(model) -> [field, ...]``
``units(language, *, models=None, pks=None, states=None) -> iterator of Unit``
    one unit per record and translated field whose English source has text:
    ``Unit(model, pk, field, language, source, target, source_digest, state,
    recorded_source)``; `models` narrows to some models, `pks` to some records (only
    with one model), `states` to some of MISSING / STALE / DONE. Two queries per model.
``field_states(obj, fields=None) -> {field: {language: state}}``
    the states of one record's fields in every target language (one query).
``record_translation(obj_or_model, field, language, user=None, *, pk=None,
source_digest=None, source_text=None)``
    marks a translation as made from the given English source (default: the record's
    current English text). Use it after saving an imported translation.
``record_translations(obj, pairs, user=None)``
    the same for several (field, language) pairs of one record, in one query.
``source_change(obj, field, language) -> (old English text, current English text)``
    for a stale translation, what changed in its source (for a diff).
``can_translate(user, language) -> bool``, ``translator_languages(user) -> [code, ...]``
    the languages a user has been granted (superusers: all of them).
``is_limited_translator(user, model) -> bool``
    whether the user edits `model` as a translator only (their languages, nothing else):
    a staff member granted a language (translate_<language>, e.g. through the group
    "Translators: Русский") who may view the model but not change it.
``records_for(model, pks) -> {(pk, field, language): (digest, English text)}``
    the recorded sources of some records (one query).
``unit_key(model, pk, field, language)`` / ``parse_unit_key(key)``
    a unit as one string ("members.region:12:name:ru"), for forms and files.
"""

import hashlib
from collections import namedtuple
from itertools import islice

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from association.languages import SOURCE_LANGUAGE, column_suffix, language_codes

MISSING = "missing"
STALE = "stale"
DONE = "done"
STATES = (MISSING, STALE, DONE)
STATE_LABELS = {MISSING: _("missing"), STALE: _("stale"), DONE: _("done")}

TRANSLATION_LANGUAGES = [code for code in language_codes() if code != SOURCE_LANGUAGE]

Unit = namedtuple(
    "Unit",
    "model pk field language source target source_digest state recorded_source",
)


def source_digest(text):
    """The stable digest of an English source text (sha256 hex)."""
    normalised = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


_digest_of = source_digest


def _has_text(value):
    return bool(value and str(value).strip())


def translated_fields(model):
    """The names of `model`'s translated fields, in the model's order."""
    names = translator.get_options_for_model(model).fields
    return [field.name for field in model._meta.fields if field.name in names]


def translatable_models():
    """[(model, [field, ...])] for every model with translated fields, in the admin's order."""
    from association.roles import CONTENT_MODELS

    order = {label: index for index, label in enumerate(CONTENT_MODELS)}
    models = sorted(
        translator.get_registered_models(abstract=False),
        key=lambda model: (order.get(model._meta.label, len(order)), model._meta.label),
    )
    return [(model, translated_fields(model)) for model in models]


def permission_codename(language):
    """ru -> translate_ru, zh-hans -> translate_zh_hans."""
    return f"translate_{column_suffix(language)}"


def can_translate(user, language):
    """Whether `user` may translate into `language` (granted, or a superuser)."""
    if language not in TRANSLATION_LANGUAGES or not user.is_active or not user.is_staff:
        return False
    return user.has_perm(f"association.{permission_codename(language)}")


def translator_languages(user):
    """The target languages `user` may translate into, in the site's order."""
    return [code for code in TRANSLATION_LANGUAGES if can_translate(user, code)]


def is_limited_translator(user, model):
    """Whether `user` edits `model` as a translator: their languages' columns and nothing else.

    That is a staff member granted at least one language who may not otherwise change the
    model (superusers and editors, who hold Django's change permission, edit everything).
    """
    if not user.is_active or not user.is_staff or user.is_superuser:
        return False
    if model not in translator.get_registered_models(abstract=False):
        return False
    opts = model._meta
    if user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        return False
    return bool(translator_languages(user))


def state_of(source, target, recorded_digest):
    """The state of one translation from its texts and the digest recorded for it, if any."""
    if not _has_text(target):
        return MISSING
    if recorded_digest is not None and recorded_digest != source_digest(source):
        return STALE
    return DONE


def _records(model, pks=None, languages=None):
    """{(pk, field, language): (digest, source text)} for `model` (one query)."""
    from association.models import TranslationSource

    rows = TranslationSource.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False)
    )
    if pks is not None:
        rows = rows.filter(object_id__in=list(pks))
    if languages is not None:
        rows = rows.filter(language__in=list(languages))
    return {
        (object_id, field, language): (digest, text)
        for object_id, field, language, digest, text in rows.values_list(
            "object_id", "field", "language", "source_digest", "source_text"
        )
    }


def records_for(model, pks):
    """{(pk, field, language): (digest, English text)} recorded for the records `pks`."""
    return _records(model, pks) if pks else {}


def unit_key(model, pk, field, language):
    """One unit as a string: "members.region:12:name:ru"."""
    return f"{model._meta.label_lower}:{pk}:{field}:{language}"


def parse_unit_key(key):
    """(model, pk, field, language) from `unit_key`'s string; ValueError if malformed."""
    try:
        label, pk, field, language = str(key).split(":")
        model = apps.get_model(label)
        pk = int(pk)
    except (ValueError, LookupError) as error:
        raise ValueError(f"not a translation unit: {key!r}") from error
    if model not in translator.get_registered_models(abstract=False):
        raise ValueError(f"not a translation unit: {key!r}")
    if field not in translated_fields(model) or language not in TRANSLATION_LANGUAGES:
        raise ValueError(f"not a translation unit: {key!r}")
    return model, pk, field, language


def _columns(fields, languages):
    columns = ["pk"]
    for field in fields:
        columns.append(f"{field}_{column_suffix(SOURCE_LANGUAGE)}")
        columns.extend(f"{field}_{column_suffix(code)}" for code in languages)
    return columns


def units(language, *, models=None, pks=None, states=None):
    """The translation units of `language`: one per record and field with English text."""
    if language not in TRANSLATION_LANGUAGES:
        raise ValueError(f"not a target language: {language!r}")
    if pks is not None and (models is None or len(models) != 1):
        raise ValueError("pks needs exactly one model")
    wanted = set(models) if models is not None else None
    suffix = column_suffix(language)
    for model, fields in translatable_models():
        if wanted is not None and model not in wanted:
            continue
        rows = model._default_manager.order_by("pk")
        if pks is not None:
            rows = rows.filter(pk__in=list(pks))
        records = _records(model, pks, [language])
        for row in rows.values(*_columns(fields, [language])).iterator():
            for field in fields:
                source = row[f"{field}_en"] or ""
                if not _has_text(source):
                    continue
                target = row[f"{field}_{suffix}"] or ""
                recorded = records.get((row["pk"], field, language))
                state = state_of(source, target, recorded[0] if recorded else None)
                if states is not None and state not in states:
                    continue
                yield Unit(
                    model,
                    row["pk"],
                    field,
                    language,
                    source,
                    target,
                    source_digest(source),
                    state,
                    recorded[1] if recorded else None,
                )


def field_states(obj, fields=None):
    """{field: {language: state}} for one record's fields with English text (one query)."""
    model = type(obj)
    fields = fields or translated_fields(model)
    records = _records(model, [obj.pk]) if obj.pk is not None else {}
    result = {}
    for field in fields:
        source = getattr(obj, f"{field}_en", "") or ""
        if not _has_text(source):
            continue
        result[field] = {}
        for code in TRANSLATION_LANGUAGES:
            target = getattr(obj, f"{field}_{column_suffix(code)}", "") or ""
            recorded = records.get((obj.pk, field, code))
            result[field][code] = state_of(source, target, recorded[0] if recorded else None)
    return result


def source_change(obj, field, language):
    """(English text the translation was made from, current English text); None if untracked."""
    recorded = _records(type(obj), [obj.pk], [language]).get((obj.pk, field, language))
    if recorded is None:
        return None
    return recorded[1], getattr(obj, f"{field}_en", "") or ""


def _resolve(obj_or_model, pk):
    if isinstance(obj_or_model, str):
        obj_or_model = apps.get_model(obj_or_model)
    if isinstance(obj_or_model, type):
        if pk is None:
            raise ValueError("record_translation needs a pk when given a model")
        return obj_or_model._default_manager.get(pk=pk)
    return obj_or_model


def _check(obj, field, language):
    if field not in translated_fields(type(obj)):
        raise ValueError(f"{type(obj).__name__}.{field} is not a translated field")
    if language not in TRANSLATION_LANGUAGES:
        raise ValueError(f"not a target language: {language!r}")


def _upsert(sources):
    from association.models import TranslationSource

    if not sources:
        return
    TranslationSource.objects.bulk_create(
        sources,
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "field", "language"],
        update_fields=["source_digest", "source_text", "translated_by", "translated_at"],
    )


def record_translations(obj, pairs, user=None, *, sources=None):
    """Marks the (field, language) `pairs` of `obj` as made from its current English text.

    `sources` may give {field: English text} for a source other than the current one.
    """
    from association.models import TranslationSource

    content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
    now = timezone.now()
    rows = []
    for field, language in pairs:
        _check(obj, field, language)
        text = (sources or {}).get(field, getattr(obj, f"{field}_en", "") or "")
        rows.append(
            TranslationSource(
                content_type=content_type,
                object_id=obj.pk,
                field=field,
                language=language,
                source_digest=source_digest(text),
                source_text=text,
                translated_by=user if user is not None and user.is_authenticated else None,
                translated_at=now,
            )
        )
    _upsert(rows)


def record_translation(
    obj_or_model, field, language, user=None, *, pk=None, source_digest=None, source_text=None
):
    """Marks a translation as made from the given (by default the current) English source.

    `obj_or_model` is a record, or a model (class or "app.Model" label) with `pk`. Given
    only `source_digest`, the text kept for the diff is the current English text.
    """
    from association.models import TranslationSource

    obj = _resolve(obj_or_model, pk)
    _check(obj, field, language)
    current = getattr(obj, f"{field}_en", "") or ""
    text = current if source_text is None else source_text
    digest = source_digest or _digest_of(text)
    _upsert(
        [
            TranslationSource(
                content_type=ContentType.objects.get_for_model(type(obj), for_concrete_model=False),
                object_id=obj.pk,
                field=field,
                language=language,
                source_digest=digest,
                source_text=text,
                translated_by=user if user is not None and user.is_authenticated else None,
                translated_at=timezone.now(),
            )
        ]
    )


def record_filled(obj, user=None):
    """Records the current English source for every filled translation of `obj`."""
    pairs = [
        (field, code)
        for field in translated_fields(type(obj))
        if _has_text(getattr(obj, f"{field}_en", ""))
        for code in TRANSLATION_LANGUAGES
        if _has_text(getattr(obj, f"{field}_{column_suffix(code)}", ""))
    ]
    record_translations(obj, pairs, user)


def record_form_changes(form, user, *, old_sources=None):
    """After an admin save: records the translations the form changed.

    A changed translation is recorded as made from the English text now saved. When the
    English text changed, translations that were filled but never recorded are recorded
    as made from the old English text, so that they show as stale.
    """
    obj = form.instance
    model = type(obj)
    if model not in translator.get_registered_models(abstract=False) or obj.pk is None:
        return
    changed = set(form.changed_data)
    initial = old_sources if old_sources is not None else form.initial
    fields = translated_fields(model)
    pairs = []
    for field in fields:
        for code in TRANSLATION_LANGUAGES:
            column = f"{field}_{column_suffix(code)}"
            if column in changed and _has_text(getattr(obj, column, "")):
                pairs.append((field, code))
    if pairs:
        record_translations(obj, pairs, user)
    english_changed = [field for field in fields if f"{field}_en" in changed]
    if not english_changed:
        return
    known = _records(model, [obj.pk])
    untracked = [
        (field, code)
        for field in english_changed
        for code in TRANSLATION_LANGUAGES
        if (field, code) not in pairs
        and (obj.pk, field, code) not in known
        and _has_text(getattr(obj, f"{field}_{column_suffix(code)}", ""))
    ]
    if untracked:
        old = {field: initial.get(f"{field}_en") or "" for field in english_changed}
        record_translations(obj, untracked, None, sources=old)


def record_untracked(batch_size=500):
    """Records the current English source of every filled translation not yet recorded.

    For data entered before translations were tracked (demo content, imports): they count
    as made from the English text they stand beside today.
    """
    from association.models import TranslationSource

    created = 0
    for model, fields in translatable_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        known = set(
            TranslationSource.objects.filter(content_type=content_type).values_list(
                "object_id", "field", "language"
            )
        )
        now = timezone.now()
        pending = (
            TranslationSource(
                content_type=content_type,
                object_id=row["pk"],
                field=field,
                language=code,
                source_digest=source_digest(row[f"{field}_en"]),
                source_text=row[f"{field}_en"],
                translated_at=now,
            )
            for row in model._default_manager.values(
                *_columns(fields, TRANSLATION_LANGUAGES)
            ).iterator()
            for field in fields
            if _has_text(row[f"{field}_en"])
            for code in TRANSLATION_LANGUAGES
            if _has_text(row[f"{field}_{column_suffix(code)}"])
            and (row["pk"], field, code) not in known
        )
        while batch := list(islice(pending, batch_size)):
            TranslationSource.objects.bulk_create(batch, ignore_conflicts=True)
            created += len(batch)
    return created


def forget_deleted(model, pks):
    """Drops the records of deleted objects (no foreign key cascades to them)."""
    from association.models import TranslationSource

    TranslationSource.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(model, for_concrete_model=False))
        & Q(object_id__in=list(pks))
    ).delete()
