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
/// The `csv` crate's writer lays out the bytes: a field is quoted (its quotes doubled) when it
/// contains the delimiter, a quote, CR or LF, and a row of one empty field is written as `""`
/// (so it is not an empty line). Writing to memory cannot fail (the writer's errors are I/O
/// errors and rows of unequal length, which `flexible` allows); should it ever, the bytes
/// written until then are returned.
pub fn write_csv_with(rows: &[Vec<Cell>], options: CsvWriteOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{FEFF}".as_bytes());
    }
    let terminator: &[u8] = if options.crlf { b"\r\n" } else { b"\n" };
    // csv writes `""` for a row without fields; an empty row is an empty line, written
    // between the runs of other rows.
    let mut rest = rows;
    loop {
        let n = rest.iter().position(Vec::is_empty).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(n);
        write_rows(&mut out, run, options);
        match tail.split_first() {
            Some((_, after)) => {
                out.extend_from_slice(terminator);
                rest = after;
            }
            None => break,
        }
    }
    out
}

/// Appends `rows` (none of them without fields) to `out` through the csv writer.
/// Writing to memory cannot fail (see [`write_csv_with`]).
fn write_rows(out: &mut Vec<u8>, rows: &[Vec<Cell>], options: CsvWriteOptions) {
    if rows.is_empty() {
        return;
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(options.delimiter)
        .terminator(if options.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(out);
    for row in rows {
        if writer.write_record(row.iter().map(Cell::render)).is_err() {
            break;
        }
    }
    // Flushed into `out`; an error here is impossible for memory (see above).
    let _ = writer.flush();
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
