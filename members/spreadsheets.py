"""Member and contact spreadsheets (CSV and XLSX), with django-import-export.

Export: every member region (country, status, kind, names in six languages, website ...)
and every contact, as XLSX or as CSV in UTF-8 with a byte-order mark, so that Excel shows
Hangul, Han and Cyrillic. Columns are named by field (`name_ko`, `phone`), the same in
every language, so a file exported in one language imports in another.

Import (contacts, and the plain fields of regions): the file is checked in full and shown
as a preview of what will be created, changed or refused; only a file without a single
refused row can be confirmed, and it is then saved in one transaction, with one version
per record in the history ("Imported from <file>") and an entry per record in the audit
trail.

Formulas: a cell starting with =, +, -, @, a tab or a carriage return is exported with an
apostrophe before it, so no spreadsheet reads it as a formula; on import that apostrophe
is taken off again. A cell starting with =, @, a tab or a carriage return without it is
refused (phone numbers start with +, so + and - are taken as text); XLSX cells are read as
written (formulas as their text), never computed.
"""

import io

import openpyxl
import reversion
import tablib
from diff_match_patch import diff_match_patch
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.resources import Diff
from import_export.results import RowResult

from association import audit
from association.languages import localized_field_names
from members.models import Contact, Country, Region

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REFUSED_STARTS = ("=", "@", "\t", "\r")
ESCAPE = "'"


def escape_cell(value):
    """The exported cell, with an apostrophe before anything a spreadsheet reads as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return ESCAPE + value
    return value


def unescape_cell(value):
    """The imported cell as text; ValueError for a cell that would be a formula."""
    if not isinstance(value, str):
        return value
    if value.startswith(ESCAPE) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    if value.startswith(REFUSED_STARTS):
        raise ValueError(
            gettext(
                "The cell starts with “%(start)s”, so spreadsheets take it for a formula. "
                "Remove that character, or type an apostrophe (') before it to keep it as text."
            )
            % {"start": {"\t": "Tab", "\r": "CR"}.get(value[0], value[0])}
        )
    return value


class CSV(base_formats.CSV):
    """CSV, read and written in UTF-8 (with a byte-order mark when written)."""


class XLSX(base_formats.XLSX):
    """XLSX, read cell by cell as written: a formula comes in as its text, never computed."""

    def create_dataset(self, in_stream):
        workbook = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=False)
        dataset = tablib.Dataset()
        try:
            rows = workbook.active.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            header = next(rows, None)
            if header is None:
                return dataset
            headers = ["" if cell is None else str(cell).strip() for cell in header]
            while headers and not headers[-1]:
                headers.pop()
            dataset.headers = headers
            for row in rows:
                cells = list(row[: len(headers)]) + [None] * (len(headers) - len(row))
                if any(cell not in (None, "") for cell in cells):
                    dataset.append(cells)
                    if len(dataset) > MAX_ROWS:
                        break  # enough to refuse the file; the rest is not read
        finally:
            workbook.close()
        return dataset


FORMATS = [CSV, XLSX]


class PhoneWidget(widgets.CharWidget):
    """Phone numbers in international form ("+86 451 5363 1091"), checked by the model."""

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return value.as_international if hasattr(value, "as_international") else str(value)

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class RegionWidget(widgets.ForeignKeyWidget):
    """A region named by its address name (slug), as in the members export."""

    def __init__(self):
        super().__init__(Region, "slug")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError(
                gettext("The region is missing. Give its address name, as in the members export.")
            )
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except Region.DoesNotExist:
            raise ValueError(
                gettext(
                    "No region has the address name “%(value)s”. Use the address names of "
                    "the members export (the “slug” column)."
                )
                % {"value": value}
            ) from None


class CountryWidget(widgets.ForeignKeyWidget):
    """A country named by its ISO code."""

    def __init__(self):
        super().__init__(Country, "code")

    def clean(self, value, row=None, **kwargs):
        code = "" if value is None else str(value).strip().upper()
        try:
            return super().clean(code, row, **kwargs) if code else None
        except Country.DoesNotExist:
            raise ValueError(
                gettext("No country has the code “%(value)s”. Use CN, JP, KR, KP, MN or RU.")
                % {"value": value}
            ) from None


class MarkedDiff(Diff):
    """The preview's before/after of each cell, marked with <del> and <ins> and no inline
    style (the Content-Security-Policy allows none); static/css/admin.css colours them."""

    TAGS = {-1: "del", 0: "span", 1: "ins"}

    def as_html(self):
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            matcher = diff_match_patch()
            changes = matcher.diff_main(force_str(before), force_str(after))
            matcher.diff_cleanupSemantic(changes)
            cells.append(
                format_html_join(
                    "", "<{0}>{1}</{0}>", ((self.TAGS[op], text) for op, text in changes)
                )
            )
        return cells


class SpreadsheetResource(resources.ModelResource):
    """What member and contact spreadsheets share: formula escaping, history, audit."""

    def get_diff_class(self):
        return MarkedDiff

    def export_field(self, field, instance, **kwargs):
        return escape_cell(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        errors = {}
        for column, value in row.items():
            try:
                row[column] = unescape_cell(value)
            except ValueError as error:
                errors[column] = str(error)
        if errors:
            raise ValidationError(errors)

    def import_data(self, dataset, dry_run=False, **kwargs):
        if len(dataset) > MAX_ROWS:
            result = self.get_result_class()()
            result.append_base_error(
                self.get_error_result_class()(
                    ValueError(
                        gettext(
                            "The file has more than %(limit)s rows; at most %(limit)s are "
                            "imported at once. Split it into smaller files and import them "
                            "one by one."
                        )
                        % {"limit": MAX_ROWS}
                    )
                )
            )
            return result
        if dry_run:
            return super().import_data(dataset, dry_run=True, **kwargs)
        try:
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(kwargs.get("user"))
                reversion.set_comment(
                    gettext("Imported from %(file)s") % {"file": kwargs.get("file_name") or "?"}
                )
                result = super().import_data(dataset, dry_run=False, **kwargs)
                if result.has_errors() or result.has_validation_errors():
                    raise _Refused(result)
        except _Refused as refused:
            return refused.result
        return result

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True


class _Refused(Exception):
    """Rolls back an import in which a row was refused, keeping its result for the page."""

    def __init__(self, result):
        super().__init__()
        self.result = result


def _translated(*names):
    return [column for name in names for column in localized_field_names(name)]


class RegionResource(SpreadsheetResource):
    """Member regions: exported in full; imported for their plain fields, by address name."""

    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    is_published = fields.Field(
        attribute="is_published",
        column_name="is_published",
        widget=widgets.BooleanWidget(),
        readonly=True,
    )

    class Meta(SpreadsheetResource.Meta):
        model = Region
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "country",
            "status",
            "kind",
            *_translated("name"),
            "native_name",
            "website",
            "latitude",
            "longitude",
            "population",
            "area_km2",
            "is_published",
        ]
        export_order = fields

    def get_export_queryset(self, request):
        return Region.objects.select_related("country")


class ContactResource(SpreadsheetResource):
    """Contacts of member regions: a row per contact, `id` empty for a new one."""

    region = fields.Field(attribute="region", column_name="region", widget=RegionWidget())
    region_name = fields.Field(
        attribute="region__name_en", column_name="region_name", readonly=True
    )
    country = fields.Field(attribute="region__country__code", column_name="country", readonly=True)
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())
    phone_alt = fields.Field(attribute="phone_alt", column_name="phone_alt", widget=PhoneWidget())
    fax = fields.Field(attribute="fax", column_name="fax", widget=PhoneWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Contact
        import_id_fields = ["id"]
        fields = [
            "id",
            "region",
            "region_name",
            "country",
            *_translated("office"),
            "phone",
            "phone_alt",
            "fax",
            "email",
            "address_native",
            *_translated("address"),
            "is_primary",
            "order",
        ]
        export_order = fields

    def get_export_queryset(self, request):
        return Contact.objects.select_related("region__country").order_by(
            "region__country__order", "region__slug", "-is_primary", "order", "pk"
        )

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        if new and row.get("id") not in (None, ""):
            raise ValidationError(
                {
                    "id": gettext(
                        "No contact has the number %(id)s. Leave “id” empty to add a new "
                        "contact, or copy the number from a contacts export."
                    )
                    % {"id": row["id"]}
                }
            )
        return instance, new


class SpreadsheetImportForm(ImportForm):
    """The import form, refusing files larger than MAX_UPLOAD_BYTES."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s; a spreadsheet may be at most %(limit)s. "
                    "Split it into smaller files and import them one after the other."
                ),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_UPLOAD_BYTES),
                },
            )
        return upload


def row_problems(result, resource):
    """[(line in the spreadsheet, column, message)] for every refused row of an import."""
    declared = resource.fields.values()
    columns = {field.attribute: field.column_name for field in declared}
    columns.update({field.column_name: field.column_name for field in declared})
    problems = []
    for row in result.invalid_rows:
        line = row.number + 1  # the first line holds the column names
        for name, errors in row.field_specific_errors.items():
            for error in errors:
                problems.append((line, columns.get(name, name), error))
        for error in row.non_field_specific_errors:
            problems.append((line, "", error))
    for number, errors in result.row_errors():
        for error in errors:
            problems.append((number + 1, "", str(error.error)))
    for error in result.base_errors:
        problems.append((0, "", str(error.error)))
    return sorted(problems, key=lambda problem: problem[0])


class SpreadsheetAdminMixin(ImportExportMixin):
    """Export (CSV, XLSX) for those who may view; previewed import for those who may add and
    change (editors, not translators)."""

    import_formats = FORMATS
    export_formats = FORMATS
    from_encoding = "utf-8-sig"
    to_encoding = "utf-8-sig"
    skip_admin_log = True  # the audit trail records imports itself, naming the file
    import_form_class = SpreadsheetImportForm
    import_template_name = "admin/spreadsheet_import.html"
    export_template_name = "admin/spreadsheet_export.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context and context.get("result") is not None:
            resource = self.get_import_resource_classes(request)[0]()
            context["row_problems"] = row_problems(context["result"], resource)
        return response

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            resource = self.get_import_resource_classes(request)[0]()
            for line, column, message in row_problems(result, resource)[:20]:
                messages.error(request, _row_problem_text(line, column, message))
            messages.error(
                request, gettext("Nothing was imported. Correct the file and import it again.")
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)

    def generate_log_entries(self, result, request):
        file_name = getattr(request, "import_file_name", "") or ""
        for row in result.valid_rows():
            if row.instance is None or row.import_type not in (
                RowResult.IMPORT_TYPE_NEW,
                RowResult.IMPORT_TYPE_UPDATE,
            ):
                continue
            created = row.import_type == RowResult.IMPORT_TYPE_NEW
            audit.record(
                request,
                row.instance,
                audit.IMPORTED,
                fields=[] if created else _changed_fields(row.original, row.instance),
                note=file_name,
                created=created,
            )

    def process_import(self, request, **kwargs):
        request.import_file_name = request.POST.get("original_file_name", "")
        return super().process_import(request, **kwargs)


def _row_problem_text(line, column, message):
    if not line:
        return message
    if column:
        return gettext("Line %(line)s, column “%(column)s”: %(message)s") % {
            "line": line,
            "column": column,
            "message": message,
        }
    return gettext("Line %(line)s: %(message)s") % {"line": line, "message": message}


def _changed_fields(original, instance):
    if original is None:
        return []
    return [
        field.name
        for field in instance._meta.concrete_fields
        if field.editable and getattr(original, field.attname) != getattr(instance, field.attname)
    ]
