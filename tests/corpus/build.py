#!/usr/bin/env python3
"""Builds the bad-input corpus under tests/src/test/resources/corpus/ (committed; re-run by hand).

Every case is one folder of export files in one provider's format, made from a small clean base
(rows of the bundled public samples and test fixtures) with one thing broken. Each case bills its
own billing account, so that it is its own slice: one ingest per provider reads every case, and a
case that fails leaves the others going on. cases.tsv says what each case must come to; ITCorpus
checks it. Deterministic: the same bytes on every run.

    python3 tests/corpus/build.py
"""
import csv
import decimal
import gzip
import io
import json
import os
import shutil
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "src", "test", "resources", "corpus")
SAMPLES = os.path.join(ROOT, "jobs", "src", "main", "resources", "io", "costlake", "samples")
FIXTURES = os.path.join(ROOT, "tests", "src", "test", "resources", "fixtures")

LONG_VALUE = ("long-value-" * 1000)[:10000]
UNICODE_KEY = "équipe-数据-🚀"
FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+2", "-3-4", "@SUM(A1:A2)"]

CASES = []  # (provider, case, status, rows_in, written, quarantined, reasons, what)


def case(provider, name, status, rows_in, written, quarantined, reasons, what):
    CASES.append((provider, name, status, rows_in, written, quarantined, reasons, what))
    folder = os.path.join(OUT, provider, name)
    os.makedirs(folder, exist_ok=True)
    return folder


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def gz(data):
    buf = io.BytesIO()
    # mtime=0: the same bytes on every run
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def csv_bytes(header, rows, delimiter=",", newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for row in rows:
        w.writerow(row)
    return buf.getvalue().encode("utf-8")


class CsvBase:
    """A clean CSV export and the names of the columns the cases break."""

    def __init__(self, provider, header, rows, account, cost, quantity, currency, start, text,
                 file_name, tags=None, tag_json=None):
        self.provider, self.header, self.rows = provider, header, rows
        self.account, self.cost, self.quantity = account, cost, quantity
        self.currency, self.start, self.text = currency, start, text
        self.file_name, self.tags, self.tag_json = file_name, tags, tag_json
        self.n = 0

    def fresh(self, account_columns):
        """A copy of the rows billing a new account (one slice per case)."""
        self.n += 1
        rows = [list(r) for r in self.rows]
        for r in rows:
            for col in account_columns:
                i = self.header.index(col)
                r[i] = self.account_value(r[i], self.n)
        return [list(self.header), rows]

    @staticmethod
    def account_value(old, n):
        return "corpus%02d-%s" % (n, old)

    def idx(self, col):
        return self.header.index(col)


def build_csv_cases(b, account_columns):
    p = b.provider
    rows_n = len(b.rows)

    def base():
        return b.fresh(account_columns)

    h, rows = base()
    write(os.path.join(case(p, "clean", "WRITTEN", rows_n, rows_n, 0, "",
                            "the clean base, as a control"), b.file_name), csv_bytes(h, rows))

    h, rows = base()
    data = gz(csv_bytes(h, rows))
    write(os.path.join(case(p, "truncated-gzip", "FAILED", None, 0, 0, "TRUNCATED_FILE",
                            "a gzip file cut in the middle"), b.file_name + ".gz"),
          data[: len(data) // 2])

    write(os.path.join(case(p, "empty-file", "FAILED", 0, 0, 0, "EMPTY_FILE",
                            "zero bytes"), b.file_name), b"")

    h, rows = base()
    write(os.path.join(case(p, "header-only", "WRITTEN", 0, 0, 0, "",
                            "the header line and no rows"), b.file_name), csv_bytes(h, []))

    h, rows = base()
    write(os.path.join(case(p, "wrong-delimiter", "FAILED", rows_n, 0, 0, "MISSING_COLUMNS",
                            "semicolons instead of commas"), b.file_name),
          csv_bytes(h, rows, delimiter=";"))

    h, rows = base()
    write(os.path.join(case(p, "utf8-bom", "WRITTEN", rows_n, rows_n, 0, "",
                            "a UTF-8 byte order mark before the header"), b.file_name),
          b"\xef\xbb\xbf" + csv_bytes(h, rows))

    h, rows = base()
    lines = csv_bytes(h, rows).decode("utf-8").split("\n")
    mixed = ""
    for i, line in enumerate(lines[:-1]):
        mixed += line + ("\r\n" if i % 2 == 0 else "\n")
    write(os.path.join(case(p, "mixed-line-endings", "WRITTEN", rows_n, rows_n, 0, "",
                            "CRLF and LF lines in one file"), b.file_name), mixed.encode("utf-8"))

    h, rows = base()
    rows[0][b.idx(b.text)] = "first line\nsecond line, with a comma and \"quotes\""
    write(os.path.join(case(p, "quoted-newline", "WRITTEN", rows_n, rows_n, 0, "",
                            "a quoted cell holding a newline, a comma and quotes"), b.file_name),
          csv_bytes(h, rows))

    h, rows = base()
    i = b.idx(b.cost)
    h2 = h[:i] + h[i + 1:]
    rows2 = [r[:i] + r[i + 1:] for r in rows]
    write(os.path.join(case(p, "missing-required-column", "FAILED", rows_n, 0, 0,
                            "MISSING_COLUMNS", "the billed cost column is absent"),
                       b.file_name), csv_bytes(h2, rows2))

    h, rows = base()
    h[b.idx(b.cost)] = h[b.idx(b.cost)] + "_renamed"
    write(os.path.join(case(p, "renamed-required-column", "FAILED", rows_n, 0, 0,
                            "MISSING_COLUMNS", "the billed cost column under another name"),
                       b.file_name), csv_bytes(h, rows))

    h, rows = base()
    h = h + ["corpusUnexpected/Column"]
    rows = [r + ["surprise"] for r in rows]
    write(os.path.join(case(p, "extra-column", "WRITTEN", rows_n, rows_n, 0, "",
                            "a column no contract knows (schema drift: kept, reported)"),
                       b.file_name), csv_bytes(h, rows))

    for name, value, what in [
        ("non-numeric-cost", "n/a", "a billed cost that is not a number"),
        ("nan-cost", "NaN", "a billed cost of NaN"),
        ("huge-cost", "1e400", "a billed cost of 1e400, beyond DECIMAL(38,10)"),
    ]:
        h, rows = base()
        rows[0][b.idx(b.cost)] = value
        write(os.path.join(case(p, name, "WRITTEN", rows_n, rows_n - 1, 1, "INVALID_NUMBER", what),
                           b.file_name), csv_bytes(h, rows))

    h, rows = base()
    rows[0][b.idx(b.quantity)] = "-" + rows[0][b.idx(b.quantity)].lstrip("-")
    write(os.path.join(case(p, "negative-quantity", "WRITTEN", rows_n, rows_n, 0, "",
                            "a negative quantity (refunds have them): kept as it is"),
                       b.file_name), csv_bytes(h, rows))

    h, rows = base()
    for r in rows[:1]:
        r[b.idx(b.currency)] = "ZZQ"
    write(os.path.join(case(p, "unknown-currency", "WRITTEN", rows_n, rows_n - 1, 1,
                            "UNKNOWN_CURRENCY", "a currency code ISO 4217 does not have"),
                       b.file_name), csv_bytes(h, rows))

    h, rows = base()
    rows[0][b.idx(b.start)] = b.out_of_period
    write(os.path.join(case(p, "charge-outside-period", "WRITTEN", rows_n, rows_n - 1, 1,
                            "CHARGE_OUTSIDE_PERIOD",
                            "a charge dated years away from its billing period"),
                       b.file_name), csv_bytes(h, rows))

    h, rows = base()
    rows = rows + [list(rows[0])]
    write(os.path.join(case(p, "duplicate-row-in-file", "WRITTEN", rows_n + 1, rows_n, 1,
                            "DUPLICATE_RECORD", "one line twice in one file"),
                       b.file_name), csv_bytes(h, rows))

    h, rows = base()
    folder = case(p, "duplicate-across-files", "WRITTEN", 2 * rows_n, rows_n, rows_n,
                  "DUPLICATE_RECORD", "the same file under two names (an overlapping re-export)")
    write(os.path.join(folder, "a-" + b.file_name), csv_bytes(h, rows))
    write(os.path.join(folder, "b-" + b.file_name), csv_bytes(h, rows))

    h, rows = base()
    if b.tags is not None:
        h = h + [b.tags(UNICODE_KEY)]
        rows = [r + [LONG_VALUE] for r in rows]
    else:
        i = b.idx(b.tag_json)
        for r in rows:
            r[i] = json.dumps({UNICODE_KEY: LONG_VALUE, "team": "ünïcødé ✓"}, ensure_ascii=False)
    write(os.path.join(case(p, "unicode-long-tags", "WRITTEN", rows_n, rows_n, 0, "",
                            "a Unicode tag key and a 10,000-character tag value"),
                       b.file_name), csv_bytes(h, rows))

    if b.tag_json is not None:
        h, rows = base()
        rows[0][b.idx(b.tag_json)] = "{\"team\": \"web\", broken"
        # The row can be costed and placed: it lands, the defect named in x_DataQuality.
        write(os.path.join(case(p, "tags-not-json", "WRITTEN", rows_n, rows_n, 0, "",
                                "a tags cell that is not valid JSON (lands, in x_DataQuality)"),
                           b.file_name), csv_bytes(h, rows))

    h, rows = base()
    for r, formula in zip(rows, FORMULAS):
        r[b.idx(b.text)] = formula
    write(os.path.join(case(p, "formula-cells", "WRITTEN", rows_n, rows_n, 0, "",
                            "cells beginning with =, +, - and @ (kept as data, defused in CSV"
                            " exports)"), b.file_name), csv_bytes(h, rows))

    # Added last, so that the cases before keep their accounts (and bytes).
    h, rows = base()
    i = b.idx(b.cost)
    h = h + [h[i]]
    rows = [r + [str(float(r[i] or 0) * 2)] for r in rows]
    write(os.path.join(case(p, "duplicate-column", "FAILED", rows_n, 0, 0, "DUPLICATE_COLUMN",
                            "the billed cost column twice, with other values the second time"),
                       b.file_name), csv_bytes(h, rows))

    h, rows = base()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, part in enumerate([rows, list(reversed(rows))]):
            # a fixed date: the same bytes on every run
            z.writestr(zipfile.ZipInfo("part-%d.csv" % (n + 1), date_time=(2025, 1, 1, 0, 0, 0)),
                       csv_bytes(h, part))
    write(os.path.join(case(p, "zip-two-entries", "FAILED", None, 0, 0, "EXTRA_ARCHIVE_ENTRY",
                            "a zip archive holding two CSV files (only one would be read)"),
                       b.file_name + ".zip"), buf.getvalue())

    h, rows = base()
    write(os.path.join(case(p, "utf16-bom", "FAILED", None, 0, 0, "NOT_UTF8",
                            "the file saved as UTF-16 (little-endian, with its byte order mark)"),
                       b.file_name), csv_bytes(h, rows).decode("utf-8").encode("utf-16"))

    # A last cell opened with a quote that the line does not close: the parser reads on through
    # the line breaks to the next quote (Python's csv module does the same; it counts).
    h, rows = base()
    text = csv_bytes(h, rows).decode("utf-8").split("\n")
    text[2] = text[2] + ',"opened here'
    h = h + ["corpus/note"]
    text[0] = ",".join(h)
    unclosed = "\n".join(text)
    records = list(csv.reader(io.StringIO(unclosed)))[1:]
    wide = len(records[1]) > len(h)
    write(os.path.join(case(p, "unclosed-quote", "WRITTEN", len(records), len(records) - 1, 1,
                            "ROW_TOO_WIDE" if wide else "SWALLOWED_LINES",
                            "a quote left open in a cell: the lines after it read as one record,"
                            " quarantined with their raw text"),
                       b.file_name), unclosed.encode("utf-8"))

    h, rows = base()
    rows[1][b.idx(b.text)] = "Caf\u00e9-corpus"
    data = csv_bytes(h, rows).replace("Caf\u00e9-corpus".encode("utf-8"),
                                      "Caf\u00e9-corpus".encode("cp1252"))
    write(os.path.join(case(p, "windows-1252", "FAILED", None, 0, 0, "NOT_UTF8",
                            "one cell in Windows-1252 (an \u00e9 as the byte E9), the rest ASCII"),
                       b.file_name), data)

    # Amounts finer than the table's 10 decimal places: rounded in the table, the difference
    # reported per file (ingest_runs.cost_rounding), so the bytes' own total is still known.
    h, rows = base()
    rows = [list(rows[0]) for _ in range(40)]  # usage on demand: its billed cost is its cost
    for i, r in enumerate(rows):
        r[b.idx(b.cost)] = "0.00000000004" if i % 2 == 0 else "5E-11"
        r[b.idx(b.text)] = "sub-precision line %d" % i  # forty records, not copies
    write(os.path.join(case(p, "sub-precision-amounts", "WRITTEN", 40, 40, 0, "",
                            "40 amounts of 4E-11 and 5E-11: the table rounds them to 10 decimal"
                            " places"), b.file_name), csv_bytes(h, rows))

    h, rows = base()
    rows[0][b.idx(b.currency)] = "EUR" if rows[0][b.idx(b.currency)] != "EUR" else "USD"
    write(os.path.join(case(p, "two-currencies", "WRITTEN", rows_n, rows_n, 0, "",
                            "one account and month billed in two currencies: never added up"),
                       b.file_name), csv_bytes(h, rows))


def aws():
    path = os.path.join(SAMPLES, "aws", "koku_test_cur.csv")
    with open(path, newline="", encoding="utf-8") as f:
        all_rows = list(csv.reader(f))
    header, rows = all_rows[0], all_rows[1:5]
    b = CsvBase("aws", header, rows, "bill/PayerAccountId", "lineItem/UnblendedCost",
                "lineItem/UsageAmount", "lineItem/CurrencyCode", "lineItem/UsageStartDate",
                "lineItem/LineItemDescription", "cur.csv",
                tags=lambda key: "resourceTags/user:" + key)
    b.account_value = lambda old, n: "9%011d" % n
    b.out_of_period = "2009-06-01 00:00:00"
    build_csv_cases(b, ["bill/PayerAccountId"])
    manifests(header, rows)


def manifests(header, rows):
    """CUR report layouts whose manifest is wrong."""
    def report(folder, account, keys, data_account):
        period = os.path.join(folder, "corpus-cur", "20180601-20180701")
        os.makedirs(os.path.join(period, "assembly-1"), exist_ok=True)
        i = header.index("bill/PayerAccountId")
        data = [list(r) for r in rows]
        for r in data:
            r[i] = data_account
        write(os.path.join(period, "assembly-1", "corpus-cur-1.csv.gz"), gz(csv_bytes(header, data)))
        manifest = {
            "assemblyId": "assembly-1",
            "account": account,
            "billingPeriod": {"start": "20180601T000000.000Z", "end": "20180701T000000.000Z"},
            "bucket": "corpus-bucket",
            "reportKeys": keys,
            "columns": [],
        }
        write(os.path.join(period, "corpus-cur-Manifest.json"),
              json.dumps(manifest, indent=2).encode("utf-8"))

    folder = case("aws", "manifest-names-missing-file", "FAILED", None, 0, 0,
                  "MANIFEST_FILE_MISSING", "a manifest naming a file that is not there")
    report(folder, "900000000101",
           ["corpus-cur/20180601-20180701/assembly-1/corpus-cur-1.csv.gz",
            "corpus-cur/20180601-20180701/assembly-1/corpus-cur-2.csv.gz"], "900000000101")
    folder = case("aws", "manifest-of-another-account", "FAILED", 4, 0, 4, "ACCOUNT_MISMATCH",
                  "a manifest of one payer account over rows of another")
    report(folder, "900000000102",
           ["corpus-cur/20180601-20180701/assembly-1/corpus-cur-1.csv.gz"], "900000000199")


def azure():
    path = os.path.join(FIXTURES, "azure", "ea-2024-03", "actual", "part_0_0001.csv")
    with open(path, newline="", encoding="utf-8") as f:
        all_rows = list(csv.reader(f))
    header, rows = all_rows[0], all_rows[1:]
    b = CsvBase("azure", header, rows, "BillingAccountId", "CostInBillingCurrency", "Quantity",
                "BillingCurrencyCode", "Date", "MeterName", "cost-details.csv", tag_json="Tags")
    b.account_value = lambda old, n: "77%05d" % n
    b.out_of_period = "03/05/2009"
    build_csv_cases(b, ["BillingAccountId", "BillingProfileId"])


FOCUS_HEADER = [
    "BillingAccountId", "BillingAccountName", "BillingAccountType", "BillingCurrency",
    "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
    "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "BilledCost",
    "EffectiveCost", "ListCost", "ContractedCost", "ConsumedQuantity", "ConsumedUnit",
    "InvoiceIssuerName", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName",
    "ResourceId", "SubAccountId", "Tags",
]


def focus():
    rows = []
    for i, (cost, qty) in enumerate([("10.50", "3"), ("2.25", "1.5"), ("0.10", "12"), ("7", "2")]):
        rows.append([
            "acme", "Acme", "Billing Account", "USD",
            "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z",
            "2024-03-0%dT00:00:00Z" % (i + 1), "2024-03-0%dT00:00:00Z" % (i + 2),
            "Usage", "", "Compute hours", "Usage-Based", cost, cost, cost, cost, qty, "Hour",
            "Example Cloud", "Example Cloud", "Example Cloud", "Compute", "Virtual Machines",
            "vm-%d" % i, "project-1", json.dumps({"team": "web", "env": "prod"}),
        ])
    b = CsvBase("focus", FOCUS_HEADER, rows, "BillingAccountId", "BilledCost", "ConsumedQuantity",
                "BillingCurrency", "ChargePeriodStart", "ChargeDescription", "focus.csv",
                tag_json="Tags")
    b.account_value = lambda old, n: "focus-corpus-%02d" % n
    b.out_of_period = "2009-03-01T00:00:00Z"
    build_csv_cases(b, ["BillingAccountId"])


def gcp():
    path = os.path.join(FIXTURES, "gcp", "export-2024-03", "billing_export_part_000.jsonl")
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                records.append(json.loads(line))
            except ValueError:
                continue
            if len(records) == 4:
                break
    n = [0]

    def base():
        n[0] += 1
        out = json.loads(json.dumps(records))
        for r in out:
            r["billing_account_id"] = "0C0RP5-%06d-000000" % n[0]
        return out

    def lines(recs):
        return ("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n").encode("utf-8")

    k = len(records)
    write(os.path.join(case("gcp", "clean", "WRITTEN", k, k, 0, "", "the clean base, as a control"),
                       "export.jsonl"), lines(base()))
    data = gz(lines(base()))
    write(os.path.join(case("gcp", "truncated-gzip", "FAILED", None, 0, 0, "TRUNCATED_FILE",
                            "a gzip file cut in the middle"), "export.jsonl.gz"),
          data[: len(data) // 2])
    write(os.path.join(case("gcp", "empty-file", "FAILED", 0, 0, 0, "EMPTY_FILE", "zero bytes"),
                       "export.jsonl"), b"")
    write(os.path.join(case("gcp", "utf8-bom", "WRITTEN", k, k, 0, "",
                            "a UTF-8 byte order mark before the first record"), "export.jsonl"),
          b"\xef\xbb\xbf" + lines(base()))
    recs = base()
    text = lines(recs).decode("utf-8").split("\n")
    write(os.path.join(case("gcp", "mixed-line-endings", "WRITTEN", k, k, 0, "",
                            "CRLF and LF lines in one file"), "export.jsonl"),
          ("\r\n".join(text[:2]) + "\n" + "\n".join(text[2:])).encode("utf-8"))
    recs = base()
    text = lines(recs).decode("utf-8").split("\n")
    text[1] = text[1][: len(text[1]) // 2]
    write(os.path.join(case("gcp", "malformed-record", "WRITTEN", k, k - 1, 1, "MALFORMED_JSON",
                            "one record cut short (not valid JSON)"), "export.jsonl"),
          "\n".join(text).encode("utf-8"))
    recs = base()
    for r in recs:
        del r["cost"]
    write(os.path.join(case("gcp", "missing-required-field", "FAILED", k, 0, k, "MISSING_VALUE",
                            "no record has a cost (every row rejected: the slice is left as it was)"), "export.jsonl"), lines(recs))
    recs = base()
    recs[0]["cost_renamed"] = recs[0].pop("cost")
    recs[0]["corpus_unexpected"] = {"nested": True}
    write(os.path.join(case("gcp", "renamed-and-extra-fields", "WRITTEN", k, k - 1, 1,
                            "MISSING_VALUE", "cost under another name in one record, plus a field"
                            " no contract knows"), "export.jsonl"), lines(recs))
    for name, value, what in [
        ("non-numeric-cost", "n/a", "a cost that is not a number"),
        ("nan-cost", "NaN", "a cost of NaN"),
        ("huge-cost", "1e400", "a cost of 1e400"),
    ]:
        recs = base()
        text = lines(recs).decode("utf-8").split("\n")
        text[0] = text[0].replace('"cost": %s' % json.dumps(recs[0]["cost"]),
                                  '"cost": %s' % (value if name != "non-numeric-cost" else '"n/a"'), 1)
        # A bare NaN is not JSON at all: the line is rejected as such, before its cost is read.
        reason = "MALFORMED_JSON" if name == "nan-cost" else "INVALID_NUMBER"
        write(os.path.join(case("gcp", name, "WRITTEN", k, k - 1, 1, reason, what),
                           "export.jsonl"), "\n".join(text).encode("utf-8"))
    recs = base()
    recs[0]["usage"]["amount"] = -abs(recs[0]["usage"]["amount"])
    write(os.path.join(case("gcp", "negative-quantity", "WRITTEN", k, k, 0, "",
                            "a negative usage amount: kept as it is"), "export.jsonl"), lines(recs))
    recs = base()
    recs[0]["currency"] = "ZZQ"
    write(os.path.join(case("gcp", "unknown-currency", "WRITTEN", k, k - 1, 1, "UNKNOWN_CURRENCY",
                            "a currency code ISO 4217 does not have"), "export.jsonl"), lines(recs))
    recs = base()
    recs[0]["usage_start_time"] = "2009-03-05T10:00:00Z"
    recs[0]["usage_end_time"] = "2009-03-05T11:00:00Z"
    write(os.path.join(case("gcp", "charge-outside-period", "WRITTEN", k, k - 1, 1,
                            "CHARGE_OUTSIDE_PERIOD", "usage dated years before its invoice month"),
                       "export.jsonl"), lines(recs))
    recs = base()
    write(os.path.join(case("gcp", "duplicate-row-in-file", "WRITTEN", k + 1, k, 1,
                            "DUPLICATE_RECORD", "one record twice in one file"), "export.jsonl"),
          lines(recs + [recs[0]]))
    recs = base()
    folder = case("gcp", "duplicate-across-files", "WRITTEN", 2 * k, k, k, "DUPLICATE_RECORD",
                  "the same file under two names (an overlapping re-export)")
    write(os.path.join(folder, "a-export.jsonl"), lines(recs))
    write(os.path.join(folder, "b-export.jsonl"), lines(recs))
    recs = base()
    for r in recs:
        r["labels"] = [{"key": UNICODE_KEY, "value": LONG_VALUE}, {"key": "team", "value": "ünïcødé ✓"}]
    write(os.path.join(case("gcp", "unicode-long-labels", "WRITTEN", k, k, 0, "",
                            "a Unicode label key and a 10,000-character label value"),
                       "export.jsonl"), lines(recs))
    recs = base()
    recs[0]["labels"] = "{not: a list"
    write(os.path.join(case("gcp", "labels-not-a-list", "WRITTEN", k, k - 1, 1, "INVALID_TYPE",
                            "labels that are a string instead of key/value records"),
                       "export.jsonl"), lines(recs))
    recs = base()
    for r, formula in zip(recs, FORMULAS):
        r["labels"] = [{"key": "team", "value": formula}]
    write(os.path.join(case("gcp", "formula-cells", "WRITTEN", k, k, 0, "",
                            "label values beginning with =, +, - and @"), "export.jsonl"),
          lines(recs))

    # Added last, so that the cases before keep their accounts (and bytes).
    write(os.path.join(case("gcp", "json-array", "FAILED", None, 0, 0, "JSON_ARRAY",
                            "the records as one JSON array, not one object per line"),
                       "export.jsonl"),
          json.dumps(base(), ensure_ascii=False, indent=2).encode("utf-8"))
    write(os.path.join(case("gcp", "utf16-bom", "FAILED", None, 0, 0, "NOT_UTF8",
                            "the file saved as UTF-16 (little-endian, with its byte order mark)"),
                       "export.jsonl"), lines(base()).decode("utf-8").encode("utf-16"))
    recs = [json.loads(json.dumps(r)) for r in (base() * 10)]
    for i, r in enumerate(recs):
        r["cost"] = 4e-11 if i % 2 == 0 else 5e-11
        r["credits"] = []
        r["corpus_row"] = i  # distinct records, not copies
    write(os.path.join(case("gcp", "sub-precision-amounts", "WRITTEN", len(recs), len(recs), 0, "",
                            "amounts of 4E-11 and 5E-11: the table rounds them to 10 decimal"
                            " places"), "export.jsonl"), lines(recs))
    recs = base()
    recs[0]["currency"] = "EUR" if recs[0]["currency"] != "EUR" else "USD"
    write(os.path.join(case("gcp", "two-currencies", "WRITTEN", k, k, 0, "",
                            "one account and month billed in two currencies: never added up"),
                       "export.jsonl"), lines(recs))


# What each provider bills, for counting cost from the bytes: the cost column(s), the currency.
COST_FIELDS = {
    "aws": (["lineItem/NetUnblendedCost", "lineItem/UnblendedCost"], "lineItem/CurrencyCode"),
    "azure": (["CostInBillingCurrency"], "BillingCurrencyCode"),
    "focus": (["BilledCost"], "BillingCurrency"),
}
TEXT_BREAKS = {"quoted-newline": 1}  # line breaks inside quoted text cells, as written above


def stored_texts(folder):
    """Every export file under a case, as text: gzip unpacked, each zip entry on its own."""
    for root, _, names in sorted(os.walk(folder)):
        for name in sorted(names):
            if name.endswith(".json"):
                continue  # a CUR manifest
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            if name.endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    for entry in z.namelist():
                        yield z.read(entry).decode("utf-8-sig")
                continue
            yield data.decode("utf-8-sig")


def amount(text):
    """An amount the table can hold, exactly, or None."""
    try:
        value = decimal.Decimal(str(text).strip())
    except (decimal.InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and abs(value) < decimal.Decimal("1e28") else None


def from_the_bytes(provider, folder):
    """(data lines, billed cost per currency) of a case, read back from the files as stored:
    lines counted as lines (a header each for CSV), cost summed exactly with Python's own readers."""
    lines, cost = 0, {}
    for text in stored_texts(folder):
        physical = [l for l in text.replace("\r\n", "\n").split("\n") if l.strip()]
        if provider == "gcp":
            lines += len(physical)
            for line in physical:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                value = amount(record.get("cost"))
                if value is None:
                    continue
                for credit in record.get("credits") or []:
                    value += amount(credit.get("amount")) or 0
                currency = record.get("currency")
                cost[currency] = cost.get(currency, 0) + value
            continue
        lines += max(len(physical) - 1, 0)
        records = list(csv.reader(io.StringIO(text)))
        if not records:
            continue
        header = records[0]
        names, currency_name = COST_FIELDS[provider]
        for record in records[1:]:
            cells = dict(zip(header, record))
            value = None
            for name in names:
                if cells.get(name, "").strip():
                    value = amount(cells[name])
                    break
            if value is not None:
                currency = cells.get(currency_name)
                cost[currency] = cost.get(currency, 0) + value
    return lines, cost


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    aws()
    gcp()
    azure()
    focus()
    with open(os.path.join(OUT, "cases.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("provider\tcase\tstatus\trows_in\trows_written\trows_quarantined\treasons\twhat"
                "\tlines_in\ttext_breaks\tcost_in\n")
        for c in CASES:
            counted = ["", "", ""]
            if c[2] == "WRITTEN":  # a file refused whole is named, not counted
                lines, cost = from_the_bytes(c[0], os.path.join(OUT, c[0], c[1]))
                counted = [lines, TEXT_BREAKS.get(c[1], 0),
                           ";".join("%s %s" % (cur, format(v.normalize(), "f"))
                                    for cur, v in sorted(cost.items(), key=lambda e: str(e[0])))]
            f.write("\t".join("" if v is None else str(v) for v in list(c) + counted) + "\n")
    print("%d cases under %s" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
