import csv
import io

import openpyxl
import pytest

from wagtail_darksocial.reports.exports import neutralise, spreadsheet_response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6 12", "'+33 6 12"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("plain", "plain"),
        ("", ""),
        (-2, -2),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_and_xlsx_neutralise_every_cell():
    rows = [['=HYPERLINK("http://evil")', 3], ["<b>ok</b>", -1]]
    response = spreadsheet_response("x", ["=head", "n"], rows, "csv")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    parsed = list(csv.reader(io.StringIO(response.content.decode())))
    assert parsed == [["'=head", "n"], ['\'=HYPERLINK("http://evil")', "3"], ["<b>ok</b>", "-1"]]

    response = spreadsheet_response("x", ["=head", "n"], rows, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == [["'=head", "n"], ['\'=HYPERLINK("http://evil")', 3], ["<b>ok</b>", -1]]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
