//! Writing CSV the way Excel on Swedish Windows reads it (docs/csv.md).

use rust_decimal::Decimal;

use crate::format::{format_plain, format_plain_natural};
use crate::money::Amount;

/// One cell to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// An empty cell.
    Empty,
    /// Text; guarded against formula injection (a leading `'` when it starts with `=`, `+`,
    /// `-`, `@`, tab, CR or `'`; see [`guard_formula`]).
    Text(String),
    /// A whole number, e.g. a population or a year.
    Integer(i64),
    /// A number written with its natural scale and a decimal comma (`1234,5`, `-1945000`).
    Number(Decimal),
    /// A number rounded half-up to a fixed number of decimals (`14,1735`).
    Fixed(Decimal, u32),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The cell as it appears in the file, before CSV quoting.
    pub fn render(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => guard_formula(s),
            Cell::Integer(i) => i.to_string(),
            Cell::Number(d) => format_plain_natural(*d),
            Cell::Fixed(d, dp) => format_plain(*d, *dp),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(i: i64) -> Cell {
        Cell::Integer(i)
    }
}

impl From<Decimal> for Cell {
    fn from(d: Decimal) -> Cell {
        Cell::Number(d)
    }
}

impl From<Amount> for Cell {
    fn from(a: Amount) -> Cell {
        Cell::Number(a.value())
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map(Into::into).unwrap_or(Cell::Empty)
    }
}

/// The first characters that make [`guard_formula`] prefix a `'`: the ones a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`, tab, CR) and the apostrophe itself.
pub(crate) const FORMULA_GUARD_TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

fn is_guard_trigger(c: char) -> bool {
    FORMULA_GUARD_TRIGGERS.contains(&c)
}

/// Prefixes `'` to text that a spreadsheet would otherwise run as a formula (docs/csv.md).
///
/// The exact rule: when the text's first character is `=`, `+`, `-`, `@`, tab, CR or `'`,
/// one `'` is put in front; any other text (including the empty text) is written unchanged.
/// Guarding a leading `'` too (`'=x` → `''=x`) makes the rule reversible for every string:
/// [`unguard_formula`] removes exactly the apostrophe this function adds, so
/// `unguard_formula(&guard_formula(s)) == s` for every `s`.
pub fn guard_formula(text: &str) -> String {
    match text.chars().next() {
        Some(c) if is_guard_trigger(c) => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Undoes [`guard_formula`] on a text cell read from a CSV file (docs/csv.md).
///
/// The exact rule: when the text starts with `'` and its second character is one the guard
/// protects (`=`, `+`, `-`, `@`, tab, CR or `'`), that first `'` is removed; any other text is
/// returned unchanged (`'abc` stays `'abc`, since the guard never writes it). Every import
/// applies it to its text cells (names, accounts, types, categories, municipalities, notes),
/// never to numbers.
pub fn unguard_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(is_guard_trigger) => rest,
        _ => text,
    }
}

/// How [`write_csv_with`] lays out the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvWriteOptions {
    /// The delimiter, `;` for files.
    pub delimiter: u8,
    /// Start with a UTF-8 byte order mark (so Excel detects UTF-8).
    pub bom: bool,
    /// End lines with CRLF (else LF).
    pub crlf: bool,
}

impl CsvWriteOptions {
    /// Files for Excel (docs/csv.md): UTF-8 with BOM, `;`, CRLF.
    pub const FILE: CsvWriteOptions = CsvWriteOptions {
        delimiter: b';',
        bom: true,
        crlf: true,
    };
    /// Standard output of the CLI (docs/cli.md): UTF-8 without BOM, `;`, LF.
    pub const STDOUT: CsvWriteOptions = CsvWriteOptions {
        delimiter: b';',
        bom: false,
        crlf: false,
    };
}

impl Default for CsvWriteOptions {
    fn default() -> Self {
        CsvWriteOptions::FILE
    }
}

/// Writes rows as a CSV file for Excel (docs/csv.md): UTF-8 with BOM, `;`, decimal comma, no
/// thousands grouping, CRLF; fields quoted when needed; text cells guarded against formula
/// injection, numeric cells written as numbers.
pub fn write_csv(rows: &[Vec<Cell>]) -> Vec<u8> {
    write_csv_with(rows, CsvWriteOptions::FILE)
}

/// Like [`write_csv`] with explicit layout, e.g. [`CsvWriteOptions::STDOUT`] for the CLI.
///
/// The csv crate's writer core (`RowWriter`) lays out the bytes: a field is quoted (its
/// quotes doubled) when it contains the delimiter, a quote, CR or LF, and a row of one empty
/// field is written as `""` (so it is not an empty line); a row without fields is an empty
/// line.
pub fn write_csv_with(rows: &[Vec<Cell>], options: CsvWriteOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{FEFF}".as_bytes());
    }
    let writer = RowWriter::new(options.delimiter, options.crlf);
    for row in rows {
        let cells: Vec<String> = row.iter().map(Cell::render).collect();
        writer.row(&mut out, &cells);
    }
    out
}

/// Rows written with the csv crate's writer core (`csv_core`): its [`csv_core::Writer`] says
/// which bytes need quotes for the delimiter and terminator (the delimiter, `"`, CR and LF)
/// and [`csv_core::quote`] doubles the quotes, exactly as `csv::Writer` with
/// `QuoteStyle::Necessary` does. Not `csv::Writer` itself: its field writer also carries the
/// `NonNumeric` style's float parser, about 15 KB of the app's WebAssembly for a style never
/// used.
pub(crate) struct RowWriter {
    core: csv_core::Writer,
    delimiter: u8,
    terminator: &'static [u8],
}

impl RowWriter {
    /// A writer of `delimiter`-separated fields, rows ending in CRLF (`crlf`) or LF.
    pub(crate) fn new(delimiter: u8, crlf: bool) -> RowWriter {
        let core = csv_core::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(if crlf {
                csv_core::Terminator::CRLF
            } else {
                csv_core::Terminator::Any(b'\n')
            })
            .build();
        RowWriter {
            core,
            delimiter,
            terminator: if crlf { b"\r\n" } else { b"\n" },
        }
    }

    /// Appends one row and its terminator to `out`.
    pub(crate) fn row<S: AsRef<str>>(&self, out: &mut Vec<u8>, cells: &[S]) {
        let only = cells.len() == 1;
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(self.delimiter);
            }
            let field = cell.as_ref().as_bytes();
            let needs_quotes =
                field.iter().any(|&b| self.core.is_special_byte(b)) || (only && field.is_empty());
            if needs_quotes {
                out.push(b'"');
                quote_into(out, field);
                out.push(b'"');
            } else {
                out.extend_from_slice(field);
            }
        }
        out.extend_from_slice(self.terminator);
    }
}

/// `field` with its quotes doubled ([`csv_core::quote`]), appended to `out`.
fn quote_into(out: &mut Vec<u8>, mut field: &[u8]) {
    let mut buf = [0u8; 256];
    loop {
        let (result, read, written) = csv_core::quote(field, &mut buf, b'"', b'\\', true);
        out.extend_from_slice(buf.get(..written).unwrap_or_default());
        field = field.get(read..).unwrap_or_default();
        if result == csv_core::WriteResult::InputEmpty || (read == 0 && written == 0) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_io::read_table;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn file_layout_bom_semicolon_crlf_decimal_comma() {
        let rows = vec![
            vec![
                Cell::text("Medlem"),
                Cell::text("Belopp"),
                Cell::text("Andel"),
            ],
            vec![
                Cell::text("Västerås"),
                Cell::from(Amount::kr(2_698_345)),
                Cell::Fixed(d("14.173495"), 4),
            ],
            vec![Cell::text("Sala"), Cell::Number(d("-1234.50")), Cell::Empty],
        ];
        let bytes = write_csv(&rows);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}Medlem;Belopp;Andel\r\nVästerås;2698345;14,1735\r\nSala;-1234,5;\r\n"
        );
    }

    #[test]
    fn formula_injection_guard_on_text_only() {
        let rows = vec![vec![
            Cell::text("=SUM(A1)"),
            Cell::text("-5"),
            Cell::Number(d("-5")),
            Cell::Integer(-5),
            Cell::text("+46"),
            Cell::text("@x"),
            Cell::text("\tx"),
            Cell::text("\rx"),
            Cell::text("a=b"),
        ]];
        let text = String::from_utf8(write_csv_with(&rows, CsvWriteOptions::STDOUT)).unwrap();
        assert_eq!(text, "'=SUM(A1);'-5;-5;-5;'+46;'@x;'\tx;\"'\rx\";a=b\n");
    }

    #[test]
    fn guard_is_undone_exactly() {
        let cases = [
            ("=x", "'=x"),
            ("'=x", "''=x"),
            ("''", "'''"),
            ("'", "''"),
            ("'abc", "''abc"),
            ("abc", "abc"),
            ("", ""),
            ("-5", "'-5"),
            ("\tx", "'\tx"),
        ];
        for (plain, guarded) in cases {
            assert_eq!(guard_formula(plain), guarded, "{plain:?}");
            assert_eq!(unguard_formula(guarded), plain, "{guarded:?}");
        }
        // Apostrophes the guard did not add are kept.
        assert_eq!(unguard_formula("'abc"), "'abc");
        assert_eq!(unguard_formula("a'=b"), "a'=b");
    }

    /// The layout the hand-written writer had, pinned byte for byte: a row of one empty
    /// field is `""`, an empty row an empty line, a tab only quoted when it is the delimiter.
    #[test]
    fn quoting_rules_pinned() {
        let rows = vec![
            vec![Cell::Empty],
            vec![],
            vec![Cell::Empty, Cell::Empty],
            vec![Cell::text("a\tb"), Cell::text("x;y"), Cell::text("\"")],
        ];
        assert_eq!(
            String::from_utf8(write_csv_with(&rows, CsvWriteOptions::STDOUT)).unwrap(),
            "\"\"\n\n;\na\tb;\"x;y\";\"\"\"\"\n"
        );
        let tabs = CsvWriteOptions {
            delimiter: b'\t',
            bom: false,
            crlf: true,
        };
        assert_eq!(
            String::from_utf8(write_csv_with(&rows[3..], tabs)).unwrap(),
            "\"a\tb\"\tx;y\t\"\"\"\"\r\n"
        );
    }

    #[test]
    fn quoting_round_trips_through_the_reader() {
        let rows = vec![
            vec![Cell::text("A"), Cell::text("B")],
            vec![Cell::text("x;y"), Cell::text("sa \"hej\"\nny rad")],
            vec![Cell::Empty],
        ];
        let bytes = write_csv(&rows);
        let t = read_table(&bytes, None).unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers, vec!["A", "B"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].fields, vec!["x;y", "sa \"hej\"\nny rad"]);
    }
}
