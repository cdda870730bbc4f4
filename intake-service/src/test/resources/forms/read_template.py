"""Reads a Fill Once XLSX template with openpyxl (an independent reader, not POI) and prints what a person and the
upload see, as JSON: the sheets, the records sheet's header (row 1), its path row (row 2) and whether that row is
hidden, the data validations and the number format of row 3's cells."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]
width = sheet.max_column
print(json.dumps({
    "sheets": book.sheetnames,
    "hiddenSheets": [ws.title for ws in book.worksheets if ws.sheet_state != "visible"],
    "header": [sheet.cell(row=1, column=c).value for c in range(1, width + 1)],
    "paths": [sheet.cell(row=2, column=c).value for c in range(1, width + 1)],
    "pathRowHidden": bool(sheet.row_dimensions[2].hidden),
    "frozen": sheet.freeze_panes,
    "validations": [{"range": str(v.sqref), "list": v.formula1} for v in sheet.data_validations.dataValidation],
}, ensure_ascii=False))
