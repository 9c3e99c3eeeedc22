"""The admin's pages for translation files: export, and import with a preview.

- /admin/translations/export/ : choose a language, a format and what to include (missing
  or stale strings, or all), of every kind of record or of the records selected in a
  list (the "Export for translation" action leads here with them); the file downloads.
- /admin/translations/import/ : upload a file; its preview lists each change (record,
  field, old -> new translation), or, if anything is wrong, the report that refuses it.
  Confirming applies it. The uploaded file is kept in the session between the two steps,
  never stored in MEDIA.
"""

import base64
import hashlib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from association.languages import native_name
from association.translation_board import viewable_models
from association.translation_exchange import (
    MAX_IMPORT_BYTES,
    STATE_CHOICE_LABELS,
    STATE_CHOICES,
    ImportRefused,
    Problem,
    apply_import,
    export_units,
    plan_import,
)
from association.translation_files import FORMATS, export_filename
from association.translation_state import TRANSLATION_LANGUAGES, translator_languages

SESSION_KEY = "translation_import"


def export_languages(user, models):
    """The languages `user` may export: theirs, or all of them for those who edit content."""
    opts = [model._meta for model, _fields in models]
    if user.is_superuser or any(
        user.has_perm(f"{o.app_label}.change_{o.model_name}") for o in opts
    ):
        return list(TRANSLATION_LANGUAGES)
    return translator_languages(user)


class LanguageSelect(forms.Select):
    """Each language named in itself, and tagged with its language (fonts, screen readers)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), widget=LanguageSelect)
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[(key, file_format.label) for key, file_format in FORMATS.items()],
        initial="xliff",
    )
    states = forms.ChoiceField(
        label=gettext_lazy("Include"), choices=STATE_CHOICE_LABELS, initial="missing,stale"
    )
    model = forms.ChoiceField(label=gettext_lazy("Kind of record"), required=False)
    ids = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, languages, models, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = {model._meta.label_lower: model for model, _fields in models}
        self.fields["language"].choices = [(code, native_name(code)) for code in languages]
        self.fields["model"].choices = [("", _("All kinds"))] + [
            (label, model._meta.verbose_name_plural.capitalize())
            for label, model in self.models.items()
        ]

    def clean_ids(self):
        value = self.cleaned_data["ids"].strip()
        if not value:
            return None
        try:
            return sorted({int(part) for part in value.split(",") if part.strip()})
        except ValueError:
            raise forms.ValidationError(_("The selected records could not be read.")) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ids") and not cleaned.get("model"):
            raise forms.ValidationError(_("Selected records need their kind of record."))
        return cleaned


def export_translations(request, admin_site):
    """The export page (URL name admin:translation_export)."""
    models = viewable_models(request.user)
    languages = export_languages(request.user, models)
    if not models or not languages:
        raise PermissionDenied(_("You have no language to export."))
    data = request.POST if request.method == "POST" else None
    initial = {
        "model": request.GET.get("model", ""),
        "ids": request.GET.get("ids", ""),
        "language": request.GET.get("language") or languages[0],
    }
    form = ExportForm(data, initial=initial, languages=languages, models=models)
    if form.is_valid():
        language = form.cleaned_data["language"]
        file_format = FORMATS[form.cleaned_data["format"]]
        model = form.models.get(form.cleaned_data["model"])
        units = export_units(
            language,
            models=[model] if model else [m for m, _fields in models],
            pks=form.cleaned_data["ids"],
            states=STATE_CHOICES[form.cleaned_data["states"]],
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(
            file_format.write(language, units), content_type=file_format.content_type
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{export_filename(language, file_format, stamp)}"'
        )
        return response
    selected = initial["ids"].count(",") + 1 if initial["ids"] else 0
    context = {
        **admin_site.each_context(request),
        "title": _("Export for translation"),
        "form": form,
        "selected_count": selected,
    }
    status = 400 if data is not None else 200
    return TemplateResponse(request, "admin/translation_export.html", context, status=status)


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), widget=LanguageSelect)
    file = forms.FileField(
        label=gettext_lazy("Translation file"),
        help_text=gettext_lazy("An XLIFF (.xlf), PO (.po) or XLSX (.xlsx) file exported here."),
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, native_name(code)) for code in languages]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB; split it and send the parts.")
                % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


def _import_page(request, admin_site, context, status=200):
    context = {**admin_site.each_context(request), "title": _("Import translations"), **context}
    return TemplateResponse(request, "admin/translation_import.html", context, status=status)


def import_translations(request, admin_site):
    """Upload, preview, confirm (URL name admin:translation_import)."""
    languages = translator_languages(request.user)
    if not languages:
        raise PermissionDenied(_("You have not been granted any language to translate into."))
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm_import(request, admin_site, languages)
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    form = ImportForm(*data, languages=languages)
    if not form.is_valid():
        return _import_page(request, admin_site, {"form": form}, status=400 if data else 200)
    upload = form.cleaned_data["file"]
    language = form.cleaned_data["language"]
    content = upload.read()
    name = upload.name
    try:
        plan = plan_import(name, content, language, request.user)
    except ImportRefused as refused:
        return _import_page(
            request,
            admin_site,
            {"form": form, "problems": refused.problems, "file_name": name},
            status=400,
        )
    token = hashlib.sha256(content).hexdigest()
    request.session[SESSION_KEY] = {
        "name": name,
        "language": language,
        "token": token,
        "data": base64.b64encode(content).decode("ascii"),
    }
    return _import_page(
        request,
        admin_site,
        {"plan": plan, "file_name": name, "token": token, "language_name": native_name(language)},
    )


def _confirm_import(request, admin_site, languages):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("token") != request.POST.get("confirm"):
        form = ImportForm(languages=languages)
        problems = [Problem("", _("This preview has expired; upload the file again."))]
        return _import_page(request, admin_site, {"form": form, "problems": problems}, status=400)
    content = base64.b64decode(pending["data"])
    name = pending["name"]
    language = pending["language"]
    try:
        plan = apply_import(name, content, language, request.user)
    except ImportRefused as refused:
        form = ImportForm(initial={"language": language}, languages=languages)
        return _import_page(
            request,
            admin_site,
            {"form": form, "problems": refused.problems, "file_name": name},
            status=400,
        )
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "%(file)s imported: %(written)s translations written, %(confirmed)s confirmed "
            "unchanged in %(language)s."
        )
        % {
            "file": name,
            "written": len(plan.written),
            "confirmed": len(plan.confirmed),
            "language": native_name(language),
        },
    )
    return redirect(reverse("admin:translation_board"))


@admin.action(description=gettext_lazy("Export for translation"), permissions=["view"])
def export_for_translation(modeladmin, request, queryset):
    """List action: the export page, for the records selected."""
    ids = ",".join(str(pk) for pk in queryset.order_by("pk").values_list("pk", flat=True))
    query = urlencode({"model": modeladmin.model._meta.label_lower, "ids": ids})
    return redirect(f"{reverse('admin:translation_export')}?{query}")
