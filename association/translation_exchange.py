"""Translation files out and back in: export one language's units, check an import, apply it.

Export takes the missing or stale units of one language (or all of them), of every
translatable model or of some records, and writes them in one of the formats of
`association.translation_files`.

Import is all-or-nothing. `plan_import` reads the file and checks every entry against
the database: the file must be ours and for the language chosen, the importer must be
granted that language, every unit must name an existing record and translated field,
its English source must not have changed since the export (same digest), and its
target must fit the column. Any problem refuses the whole file, with one line per
offending entry. Otherwise the plan lists what will change (old -> new target);
`apply_import` re-checks and applies it in one transaction, keeping a version of each
record (django-reversion, "Imported from <file>") and recording each translation as
made from the exported English source (`record_translation`).
"""

from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from association import audit
from association.languages import column_suffix, native_name
from association.translation_files import (
    DIGEST,
    FileUnit,
    TranslationFileError,
    read_file,
)
from association.translation_state import (
    MISSING,
    STALE,
    TRANSLATION_LANGUAGES,
    can_translate,
    parse_unit_key,
    record_translation,
    unit_key,
    units,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_UNITS = 20000

STATE_CHOICES = {
    "missing,stale": (MISSING, STALE),
    "missing": (MISSING,),
    "stale": (STALE,),
    "all": None,
}
STATE_CHOICE_LABELS = [
    ("missing,stale", gettext_lazy("missing or stale")),
    ("missing", gettext_lazy("missing")),
    ("stale", gettext_lazy("stale")),
    ("all", gettext_lazy("all, translated ones included")),
]


def unit_label(model, pk, field_name):
    """ "region #42 · description", in the active language."""
    opts = model._meta
    return _("%(model)s #%(pk)s · %(field)s") % {
        "model": opts.verbose_name,
        "pk": pk,
        "field": opts.get_field(field_name).verbose_name,
    }


def export_units(language, *, models=None, pks=None, states=(MISSING, STALE)):
    """The units of `language` to send out, as files carry them."""
    return [
        FileUnit(
            key=unit_key(unit.model, unit.pk, unit.field, language),
            source=unit.source,
            target=unit.target,
            source_digest=unit.source_digest,
            label=unit_label(unit.model, unit.pk, unit.field),
        )
        for unit in units(language, models=models, pks=pks, states=states)
    ]


@dataclass
class Problem:
    """Why an entry (or, without a unit id, the whole file) is refused."""

    key: str
    reason: str


@dataclass
class Change:
    """One translation an import writes (or, with `confirm_only`, confirms unchanged)."""

    key: str
    model: type
    pk: int
    field: str
    label: str
    old: str
    new: str
    source_digest: str
    confirm_only: bool = False


@dataclass
class ImportPlan:
    language: str
    changes: list = field(default_factory=list)
    skipped_empty: int = 0
    unchanged: int = 0

    @property
    def written(self):
        return [change for change in self.changes if not change.confirm_only]

    @property
    def confirmed(self):
        return [change for change in self.changes if change.confirm_only]


class ImportRefused(Exception):
    """The whole file is refused; `problems` names each offending entry and why."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{problem.key}: {problem.reason}" for problem in problems))
        self.problems = problems


def _refuse(reason):
    return ImportRefused([Problem("", reason)])


def _may_edit(user, model):
    if user is None:
        return True
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.view_{opts.model_name}"
    )


def plan_import(filename, data, language, user=None):
    """Checks a translation file for `language`; the plan of its changes, or ImportRefused.

    `user` is the person importing (None: the command line, which may import anything).
    Reads the database only.
    """
    if language not in TRANSLATION_LANGUAGES:
        raise _refuse(_("Choose the language the file is for."))
    if user is not None and not can_translate(user, language):
        raise _refuse(
            _("You have not been granted %(language)s; the file was refused.")
            % {"language": native_name(language)}
        )
    if len(data) > MAX_IMPORT_BYTES:
        raise _refuse(
            _("The file is larger than %(size)s MB; split it and send the parts.")
            % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    if not data:
        raise _refuse(_("The file is empty."))
    try:
        found = read_file(filename, data)
    except TranslationFileError as error:
        raise _refuse(error.message) from error
    if found.language != language:
        raise _refuse(
            _("The file is for the language “%(found)s”, not for %(language)s.")
            % {"found": found.language or "?", "language": native_name(language)}
        )
    if not found.units:
        raise _refuse(_("The file holds no translations."))
    if len(found.units) > MAX_IMPORT_UNITS:
        raise _refuse(
            _("The file holds more than %(count)s entries; split it.") % {"count": MAX_IMPORT_UNITS}
        )

    problems = []
    parsed = []
    seen = set()
    for entry in found.units:
        key = entry.key or "?"
        if entry.problem:
            problems.append(Problem(key, entry.problem))
            continue
        try:
            model, pk, field_name, unit_language = parse_unit_key(entry.key)
        except ValueError:
            problems.append(Problem(key, _("unknown record or field")))
            continue
        if unit_language != language:
            problems.append(
                Problem(
                    key,
                    _("this entry is for another language (%(language)s)")
                    % {"language": unit_language},
                )
            )
            continue
        if entry.key in seen:
            problems.append(Problem(key, _("this entry appears more than once")))
            continue
        seen.add(entry.key)
        if not DIGEST.match(entry.source_digest or ""):
            problems.append(Problem(key, _("the source version is missing or damaged")))
            continue
        if not _may_edit(user, model):
            problems.append(Problem(key, _("you may not edit this kind of record")))
            continue
        parsed.append((entry, model, pk, field_name))

    by_model = {}
    for _entry, model, pk, _field_name in parsed:
        by_model.setdefault(model, set()).add(pk)
    current = {}
    existing = set()
    for model, pks in by_model.items():
        existing.update(
            (model, pk)
            for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
        )
        for unit in units(language, models=[model], pks=pks):
            current[(model, unit.pk, unit.field)] = unit

    plan = ImportPlan(language)
    for entry, model, pk, field_name in parsed:
        if (model, pk) not in existing:
            problems.append(Problem(entry.key, _("no such record (deleted, or never existed)")))
            continue
        unit = current.get((model, pk, field_name))
        if unit is None:
            problems.append(Problem(entry.key, _("the English source is now empty")))
            continue
        if unit.source_digest != entry.source_digest:
            problems.append(
                Problem(entry.key, _("the English source has changed since the export"))
            )
            continue
        target = entry.target
        if not target.strip():
            plan.skipped_empty += 1
            continue
        column = model._meta.get_field(f"{field_name}_{column_suffix(language)}")
        if column.max_length is not None and len(target) > column.max_length:
            problems.append(
                Problem(
                    entry.key,
                    _("the translation is %(length)s characters long; at most %(max)s fit")
                    % {"length": len(target), "max": column.max_length},
                )
            )
            continue
        if target == unit.target and unit.state != STALE:
            plan.unchanged += 1
            continue
        plan.changes.append(
            Change(
                key=entry.key,
                model=model,
                pk=pk,
                field=field_name,
                label=unit_label(model, pk, field_name),
                old=unit.target,
                new=target,
                source_digest=entry.source_digest,
                confirm_only=target == unit.target,
            )
        )
    if problems:
        raise ImportRefused(problems)
    return plan


def apply_import(filename, data, language, user=None):
    """Checks the file again and applies it in one transaction; returns the plan applied."""
    with transaction.atomic():
        plan = plan_import(filename, data, language, user)
        records = {}
        for change in plan.changes:
            records.setdefault((change.model, change.pk), []).append(change)
        with reversion.create_revision():
            if user is not None:
                reversion.set_user(user)
            reversion.set_comment(_("Imported from %(file)s") % {"file": filename})
            for (model, pk), changes in records.items():
                obj = model._default_manager.select_for_update().get(pk=pk)
                columns = []
                for change in changes:
                    if not change.confirm_only:
                        column = f"{change.field}_{column_suffix(language)}"
                        setattr(obj, column, change.new)
                        columns.append(column)
                if columns:
                    obj.save(update_fields=columns)
                for change in changes:
                    record_translation(
                        obj, change.field, language, user, source_digest=change.source_digest
                    )
                if user is not None:
                    # In the audit trail: the columns written (a confirmation writes none).
                    audit.record(user, obj, audit.IMPORTED, fields=columns, note=filename)
    return plan
