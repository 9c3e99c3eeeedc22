"""The public templates (Jinja2) keep every string where `makemessages` finds it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

PUBLIC_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "public"

# makemessages reads a template's strings from `{{ _("...") }}` alone: a `_(` anywhere else
# (inside a macro's arguments, a {% set %}) is never extracted and stays in English.
EXTRACTED = re.compile(r"""\{\{\s*_\((?:"[^"]*"|'[^']*')\)""")
MARKED = re.compile(r"""\b_\(""")


def public_templates():
    return sorted(path for path in PUBLIC_TEMPLATES.rglob("*") if path.is_file())


@pytest.mark.parametrize("path", public_templates(), ids=lambda path: path.name)
def test_every_translated_string_is_where_makemessages_reads_it(path):
    source = path.read_text(encoding="utf-8")

    assert len(MARKED.findall(source)) == len(EXTRACTED.findall(source)), (
        f'{path.name}: write each translated string as {{{{ _("...") }}}}, '
        "formatted after it with |format(...)"
    )


@pytest.mark.parametrize("path", public_templates(), ids=lambda path: path.name)
def test_every_public_template_compiles(path):
    name = path.relative_to(PUBLIC_TEMPLATES).as_posix()

    template = engines["jinja2"].get_template(name)

    assert template.origin.name == str(path)


def test_the_admin_keeps_the_django_template_language():
    template = engines["django"].get_template("admin/base_site.html")

    assert template.origin.name.endswith("templates/admin/base_site.html")
