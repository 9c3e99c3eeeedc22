"""Translation files: XLIFF 1.2, gettext PO and XLSX, written and read for one language.

A file holds units of one target language. Each unit is one record's translated field:
its id ("members.region:42:description:ru", see `translation_state.unit_key`), the
English source, the target and the digest of the English source it was exported from,
so an import can tell whether the English text has changed since.

- XLIFF 1.2: one <trans-unit id="..."> per unit; the digest in its `extradata` attribute
  and in a <note from="source-version">. Parsed with defusedxml: entity declarations
  and external references are refused.
- PO: msgctxt is the unit id, msgid the source, msgstr the target; the digest in an
  extracted comment ("#. source-version: ...").
- XLSX: one row per unit (unit, record, field, English source, target, source version),
  and an "About" sheet naming the language. Every cell is written as text, never as a
  formula; reading takes stored values only and refuses formulas.

Readers raise `TranslationFileError` (with a message for the person who uploaded the
file) for whatever is not one of our files; what is inside (which records, whether the
sources changed) is judged by `association.translation_import`.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import openpyxl
from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.utils.translation import gettext as _
from django.utils.translation import to_language, to_locale
from openpyxl.utils.exceptions import InvalidFileException

from association.languages import SOURCE_LANGUAGE

PRODUCER = "NEAR website"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
DIGEST = re.compile(r"^[0-9a-f]{64}$")
DIGEST_COMMENT = "source-version:"
DIGEST_IN_COMMENTS = re.compile(r"source-version:\s*([0-9a-f]{64})")
# An XLSX is a zip: its parts, once inflated, must stay small (no zip bombs).
XLSX_MAX_INFLATED = 50 * 1024 * 1024


@dataclass(frozen=True)
class FileUnit:
    """One unit as a file carries it."""

    key: str
    source: str
    target: str
    source_digest: str
    label: str = ""  # the record and field, for people reading the file
    problem: str = ""  # what is wrong with this entry as the reader found it


@dataclass(frozen=True)
class TranslationFile:
    """What a reader found: the file's target language and its units."""

    language: str
    units: list


class TranslationFileError(Exception):
    """The file is not one of ours, is damaged, or tries an XML trick."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class XliffFormat:
    key = "xliff"
    label = "XLIFF 1.2"
    extension = "xlf"
    extensions = ("xlf", "xliff")
    content_type = "application/x-xliff+xml"

    def write(self, language, units):
        ElementTree.register_namespace("", XLIFF_NS)
        q = f"{{{XLIFF_NS}}}"
        root = ElementTree.Element(f"{q}xliff", {"version": "1.2"})
        file_element = ElementTree.SubElement(
            root,
            f"{q}file",
            {
                "original": PRODUCER,
                "source-language": SOURCE_LANGUAGE,
                "target-language": language,
                "datatype": "plaintext",
            },
        )
        header = ElementTree.SubElement(file_element, f"{q}header")
        ElementTree.SubElement(header, f"{q}tool", {"tool-id": "near-site", "tool-name": PRODUCER})
        body = ElementTree.SubElement(file_element, f"{q}body")
        for unit in units:
            element = ElementTree.SubElement(
                body,
                f"{q}trans-unit",
                {
                    "id": unit.key,
                    "extradata": unit.source_digest,
                    "{http://www.w3.org/XML/1998/namespace}space": "preserve",
                },
            )
            ElementTree.SubElement(element, f"{q}source").text = unit.source
            target = ElementTree.SubElement(element, f"{q}target")
            target.text = unit.target
            if unit.target:
                target.set("state", "translated")
            ElementTree.SubElement(
                element, f"{q}note", {"from": "source-version"}
            ).text = unit.source_digest
            if unit.label:
                ElementTree.SubElement(element, f"{q}note", {"from": "record"}).text = unit.label
        ElementTree.indent(root)
        return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)

    def read(self, data):
        try:
            root = safe_fromstring(
                data, forbid_dtd=False, forbid_entities=True, forbid_external=True
            )
        except ExternalReferenceForbidden as error:
            raise TranslationFileError(
                _("The file refers to an external resource (%(resource)s); it was refused.")
                % {"resource": error.sysid or error.pubid or "?"}
            ) from error
        except EntitiesForbidden as error:
            if error.sysid or error.pubid:
                message = _(
                    "The file declares an external entity (%(name)s), which could read "
                    "files from the server; it was refused."
                ) % {"name": error.name}
            else:
                message = _(
                    "The file declares an entity (%(name)s), which could expand to an "
                    "enormous text; it was refused."
                ) % {"name": error.name}
            raise TranslationFileError(message) from error
        except DefusedXmlException as error:
            raise TranslationFileError(
                _("The file uses an XML feature that is not accepted; it was refused.")
            ) from error
        except (ElementTree.ParseError, ValueError) as error:
            raise TranslationFileError(
                _("The file is not well-formed XML: %(error)s") % {"error": error}
            ) from error
        q = f"{{{XLIFF_NS}}}"
        if root.tag != f"{q}xliff" or root.get("version") != "1.2":
            raise TranslationFileError(_("The file is not an XLIFF 1.2 document."))
        files = root.findall(f"{q}file")
        if len(files) != 1 or files[0].get("original") != PRODUCER:
            raise TranslationFileError(
                _("The file was not exported from this site (or it was merged with another).")
            )
        file_element = files[0]
        language = _language_code(file_element.get("target-language", ""))
        units = []
        for element in file_element.iter(f"{q}trans-unit"):
            source = element.find(f"{q}source")
            target = element.find(f"{q}target")
            digest = element.get("extradata", "")
            if not DIGEST.match(digest):
                note = element.find(f"{q}note[@from='source-version']")
                digest = (note.text or "").strip() if note is not None else ""
            units.append(
                FileUnit(
                    key=element.get("id", ""),
                    source="".join(source.itertext()) if source is not None else "",
                    target="".join(target.itertext()) if target is not None else "",
                    source_digest=digest,
                )
            )
        return TranslationFile(language, units)


class PoFormat:
    key = "po"
    label = "gettext PO"
    extension = "po"
    extensions = ("po",)
    content_type = "text/x-gettext-translation; charset=utf-8"

    def write(self, language, units):
        catalog = Catalog(
            locale=to_locale(language),
            project=PRODUCER,
            version="translations",
            fuzzy=False,
            header_comment=f"# {PRODUCER}: {SOURCE_LANGUAGE} -> {language}",
        )
        for unit in units:
            comments = [DIGEST_COMMENT + unit.source_digest]
            if unit.label:
                comments.append(unit.label)
            message = catalog.add(
                unit.source,
                unit.target,
                context=unit.key,
                auto_comments=comments,
            )
            # Content is not a format string, whatever "%" it holds ("50% of ...").
            message.flags.discard("python-format")
        output = io.BytesIO()
        write_po(output, catalog, width=0, omit_header=False)
        return output.getvalue()

    def read(self, data):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise TranslationFileError(_("The file is not UTF-8 text.")) from error
        if "msgid" not in text:
            raise TranslationFileError(_("The file is not a gettext PO catalog."))
        try:
            catalog = read_po(io.StringIO(text), abort_invalid=True)
        except (PoFileError, ValueError, UnknownLocaleError) as error:
            raise TranslationFileError(
                _("The file is not a valid PO catalog: %(error)s") % {"error": error}
            ) from error
        if not (catalog.project or "").startswith(PRODUCER):
            raise TranslationFileError(_("The file was not exported from this site."))
        if catalog.locale is None:
            raise TranslationFileError(_("The file does not name its language."))
        language = _language_code(str(catalog.locale))
        units = []
        for message in catalog:
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                raise TranslationFileError(_("The file holds plural forms, which are not ours."))
            # Tools may re-wrap comments: look for the digest in all of them, joined.
            digest = DIGEST_IN_COMMENTS.search(" ".join(message.auto_comments))
            units.append(
                FileUnit(
                    key=message.context or "",
                    source=message.id,
                    target="" if message.fuzzy else (message.string or ""),
                    source_digest=digest.group(1) if digest else "",
                )
            )
        return TranslationFile(language, units)


class XlsxFormat:
    key = "xlsx"
    label = "XLSX"
    extension = "xlsx"
    extensions = ("xlsx",)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    MARKER = "near-site translations"

    def write(self, language, units):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Translations"
        headers = [
            _("unit"),
            _("record and field"),
            _("English source"),
            _("translation (%(language)s)") % {"language": language},
            _("source version"),
        ]
        sheet.append(headers)
        for unit in units:
            sheet.append(
                [unit.key, unit.label, unit.source, unit.target or None, unit.source_digest]
            )
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.value is not None:
                    # Text, never a formula: "=SUM(A1)" stays what the translator wrote.
                    cell.data_type = "s"
                cell.number_format = "@"
        for column, width in zip("ABCDE", (28, 30, 60, 60, 20), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
        about = workbook.create_sheet("About")
        about.append([self.MARKER, PRODUCER])
        about.append(["source-language", SOURCE_LANGUAGE])
        about.append(["target-language", language])
        workbook.properties.creator = PRODUCER
        workbook.properties.subject = self.MARKER
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    def read(self, data):
        if not data.startswith(b"PK\x03\x04"):
            raise TranslationFileError(_("The file is not an XLSX workbook."))
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if sum(info.file_size for info in archive.infolist()) > XLSX_MAX_INFLATED:
                    raise TranslationFileError(_("The workbook is too large once unpacked."))
                if archive.testzip() is not None:
                    raise zipfile.BadZipFile("a damaged member")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except TranslationFileError:
            raise
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
            raise TranslationFileError(
                _("The file is not a readable XLSX workbook (damaged or truncated).")
            ) from error
        except DefusedXmlException as error:
            raise TranslationFileError(
                _("The workbook uses an XML feature that is not accepted; it was refused.")
            ) from error
        try:
            if "About" not in workbook.sheetnames or "Translations" not in workbook.sheetnames:
                raise TranslationFileError(_("The workbook was not exported from this site."))
            about = {
                row[0]: row[1]
                for row in workbook["About"].iter_rows(max_col=2, values_only=True)
                if row and row[0]
            }
            if about.get(self.MARKER) != PRODUCER:
                raise TranslationFileError(_("The workbook was not exported from this site."))
            language = _language_code(str(about.get("target-language") or ""))
            units = []
            for row in workbook["Translations"].iter_rows(min_row=2, max_col=5):
                cells = list(row) + [None] * (5 - len(row))
                formulas = [
                    cell.coordinate
                    for cell in cells
                    if cell is not None and getattr(cell, "data_type", None) == "f"
                ]
                key, _label, source, target, digest = (_cell_text(cell) for cell in cells)
                if not key and not source and not target:
                    continue
                problem = ""
                if formulas:
                    problem = _(
                        "cell %(cell)s holds a formula; translations must be plain text"
                    ) % {"cell": ", ".join(formulas)}
                units.append(
                    FileUnit(
                        key=key,
                        source=source,
                        target=target,
                        source_digest=digest,
                        problem=problem,
                    )
                )
        finally:
            workbook.close()
        return TranslationFile(language, units)


def _cell_text(cell):
    """A cell's stored value as text (a formula is kept as written, never evaluated)."""
    if cell is None or getattr(cell, "value", None) is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _language_code(value):
    """ "ru", "zh_Hans", "zh-Hans" -> the site's code ("zh-hans"); "" if none."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        locale = Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return to_language(value)
    code = locale.language
    if locale.script:
        code = f"{code}-{locale.script}"
    return code.lower()


FORMATS = {format.key: format for format in (XliffFormat(), PoFormat(), XlsxFormat())}


def format_for_filename(filename):
    """The format a file's name announces (by extension), or None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    for file_format in FORMATS.values():
        if extension in file_format.extensions:
            return file_format
    return None


def read_file(filename, data):
    """Reads an uploaded translation file; TranslationFileError if it is not one of ours."""
    file_format = format_for_filename(filename)
    if file_format is None:
        raise TranslationFileError(
            _("Unknown kind of file: send an XLIFF (.xlf), PO (.po) or XLSX (.xlsx) file.")
        )
    return file_format.read(data)


def export_filename(language, file_format, stamp):
    """ "near-translations-ru-20261127-1030.xlf" """
    return f"near-translations-{language}-{stamp}.{file_format.extension}"
