"""Spreadsheet exports that are safe to open: cells that look like formulas are neutralised."""

import csv
import io

from django.http import FileResponse, HttpResponse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")


def neutralise(value):
    """Prefix a string that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class NeutralisingExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export, with formula-like cells neutralised (CSV injection)."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


def spreadsheet_response(filename, headings, rows, export_format):
    """A CSV or XLSX download of ``rows`` (sequences of plain values) under ``headings``."""
    rows = [[neutralise(value) for value in row] for row in rows]
    headings = [neutralise(str(heading)) for heading in headings]
    if export_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
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
    writer = csv.writer(output)
    writer.writerow(headings)
    writer.writerows(rows)
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
