"""Spreadsheet exports that are safe to open: nothing a reader controls becomes a formula.

Page titles are written by editors but can come from anyone with page access, so
every text cell is treated as hostile:

- **XLSX** cells have a type. Text is written as a string cell (``data_type "s"``, never
  a formula), with Excel's own "quote prefix" style on formula-like text, so the text
  is shown exactly as it is and stays text if someone edits the cell.
- **CSV** has no types: per OWASP's CSV injection guidance, a cell that a spreadsheet
  could read as a formula gets a leading apostrophe, and every cell is quoted, so a
  separator inside a cell (``,`` or the ``;`` of many European locales) cannot start
  a new cell.
"""

import csv
import io
import re

from django.http import FileResponse, HttpResponse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMATS = ("csv", "xlsx")

# What starts a formula: = + - @, their fullwidth forms (which spreadsheets fold to
# ASCII), and TAB or CR themselves. Leading whitespace and line breaks do not stop a
# spreadsheet from reading the formula, nor does a field separator or quote before it
# (a cell can be split at a separator on import).
TRIGGERS = "=+\\-@\uff1d\uff0b\uff0d\uff20"
SEPARATORS = ",;\t|\r\n"
FORMULA_LIKE = re.compile(
    rf"^[\t\r]|^[\s\"']*[{TRIGGERS}]|[{re.escape(SEPARATORS)}][\s\"']*[{TRIGGERS}]"
)


def is_formula_like(value):
    return isinstance(value, str) and FORMULA_LIKE.search(value) is not None


def neutralise(value):
    """For CSV: prefix text that a spreadsheet could read as a formula with ``'``."""
    return "'" + value if is_formula_like(value) else value


def xlsx_cell(sheet, value):
    """A write-only cell; text is always a string cell, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl reads "=..." as a formula otherwise
        if is_formula_like(value):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell


class NeutralisingExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export with formula-like text neutralised (CSV injection).

    Wagtail already writes XLSX text as string cells; CSV cells get the apostrophe and
    are all quoted.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if cell.data_type == "s" and is_formula_like(cell.value):
                cell.quotePrefix = True
            yield cell

    def stream_csv(self, queryset):
        writer = csv.DictWriter(_Echo(), fieldnames=self.list_export, quoting=csv.QUOTE_ALL)
        yield writer.writerow(
            {field: neutralise(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))


class _Echo:
    """A file-like object whose ``write`` returns the line, for streaming."""

    def write(self, value):
        return value


def spreadsheet_response(filename, headings, rows, export_format):
    """A CSV or XLSX download of ``rows`` (sequences of plain values) under ``headings``."""
    headings = [str(heading) for heading in headings]
    if export_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in [headings, *rows]:
            sheet.append([xlsx_cell(sheet, value) for value in row])
        output = io.BytesIO()
        workbook.save(output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            filename=f"{filename}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    output = io.StringIO()
    writer = csv.writer(output, quoting=csv.QUOTE_ALL)
    for row in [headings, *rows]:
        writer.writerow([neutralise(value) for value in row])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
