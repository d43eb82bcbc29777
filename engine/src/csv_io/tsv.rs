//! Tab-separated text as spreadsheets put it on the clipboard (docs/app.md "Clipboard"), read
//! by the `csv` crate and written by its writer core (`RowWriter`) with a tab delimiter: rows
//! end with CRLF, LF or CR; a cell that contains a tab, a line break or a quote is quoted with
//! `"` and its quotes doubled.
//! Reading accepts what Excel, LibreOffice and Google Sheets write; writing produces the same
//! form. Cells are text: numbers are parsed by the caller with the Swedish parser.

use super::write::RowWriter;

/// Splits clipboard text into rows of cells. A final line break does not make an empty row;
/// an empty line inside the text is a row of one empty cell (a copied column with an empty
/// cell), and a quote inside an unquoted cell is literal (`5" skärm`).
pub fn read_tsv(text: &str) -> Vec<Vec<String>> {
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(b'\t')
        // The same reader type as the imports' (one copy of its code in the app).
        .from_reader(std::io::Cursor::new(bytes.to_vec()));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut record = csv::StringRecord::new();
    let is_break = |b: &u8| matches!(b, b'\r' | b'\n');
    // The csv reader skips empty lines; they are counted back from the run of line breaks
    // before each record (a record never starts with a break, and the previous record's
    // text never ends with one outside quotes).
    let empty_before = |content: usize, after_record: bool| -> usize {
        let head = bytes.get(..content).unwrap_or_default();
        let run = head.iter().rev().take_while(|b| is_break(b)).count();
        let gap = head.get(content.saturating_sub(run)..).unwrap_or_default();
        // After a record the first break ends it.
        line_breaks(gap).saturating_sub(usize::from(after_record))
    };
    // Reading text from memory fails only on invalid UTF-8, impossible for a `&str`.
    while let Ok(true) = reader.read_record(&mut record) {
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0)
            .min(bytes.len());
        let skipped = bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| is_break(b))
            .count();
        let empty = empty_before(start.saturating_add(skipped), !rows.is_empty());
        rows.extend(std::iter::repeat_with(|| vec![String::new()]).take(empty));
        rows.push(record.iter().map(str::to_string).collect());
    }
    // Empty lines at the end (the last line break ends the last row), unless the last cell
    // is a quoted one left open, which holds them.
    let open_quote = rows
        .last()
        .and_then(|r| r.last())
        .is_some_and(|c| c.ends_with(['\r', '\n']));
    if !open_quote {
        let empty = empty_before(bytes.len(), !rows.is_empty());
        rows.extend(std::iter::repeat_with(|| vec![String::new()]).take(empty));
    }
    rows
}

/// Line breaks (CRLF, LF or CR, each one) in `gap`, which holds only breaks.
fn line_breaks(gap: &[u8]) -> usize {
    let mut n = 0usize;
    let mut i = 0usize;
    while let Some(&b) = gap.get(i) {
        match b {
            b'\r' if gap.get(i.saturating_add(1)) == Some(&b'\n') => i = i.saturating_add(2),
            b'\r' | b'\n' => i = i.saturating_add(1),
            _ => break,
        }
        n = n.saturating_add(1);
    }
    n
}

/// Joins rows of cells into clipboard text: CRLF after every row, a cell quoted when it
/// contains a tab, a line break or a quote. A row of one empty cell is an empty line.
pub fn write_tsv(rows: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    let writer = RowWriter::new(b'\t', true);
    for row in rows {
        if row.len() == 1 && row.iter().all(String::is_empty) {
            // A row of one empty cell is an empty line on the clipboard (not `""`).
            out.extend_from_slice(b"\r\n");
        } else {
            writer.row(&mut out, row);
        }
    }
    // Every cell was a `String`, so the bytes are UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn plain_block_with_trailing_newline() {
        assert_eq!(
            read_tsv("1\t2\r\n3\t4\r\n"),
            rows(&[&["1", "2"], &["3", "4"]])
        );
        assert_eq!(read_tsv("1\t2\n3\t4"), rows(&[&["1", "2"], &["3", "4"]]));
        assert_eq!(read_tsv("1\t2\r3\t4\r"), rows(&[&["1", "2"], &["3", "4"]]));
        assert_eq!(read_tsv("1 234,50"), rows(&[&["1 234,50"]]));
        assert_eq!(read_tsv(""), Vec::<Vec<String>>::new());
    }

    #[test]
    fn empty_cells_and_empty_lines_are_kept() {
        assert_eq!(read_tsv("\t2\n\t\n"), rows(&[&["", "2"], &["", ""]]));
        assert_eq!(read_tsv("a\r\n\r\nb\r\n"), rows(&[&["a"], &[""], &["b"]]));
        assert_eq!(
            read_tsv("\n\na\r\r\n\nb\n"),
            rows(&[&[""], &[""], &["a"], &[""], &[""], &["b"]])
        );
        assert_eq!(read_tsv("a\n\n"), rows(&[&["a"], &[""]]));
    }

    #[test]
    fn quoted_cells() {
        let text = "\"a\tb\"\t\"rad 1\r\nrad 2\"\t\"sa \"\"hej\"\"\"\r\nx\ty\tz\r\n";
        assert_eq!(
            read_tsv(text),
            rows(&[&["a\tb", "rad 1\r\nrad 2", "sa \"hej\""], &["x", "y", "z"]])
        );
    }

    #[test]
    fn quote_inside_a_cell_is_literal() {
        assert_eq!(read_tsv("5\" skärm\t1"), rows(&[&["5\" skärm", "1"]]));
    }

    #[test]
    fn written_like_a_spreadsheet() {
        assert_eq!(
            write_tsv(&rows(&[
                &["Post", "2026"],
                &["a\tb", "\"x\""],
                &[""],
                &["", ""]
            ])),
            "Post\t2026\r\n\"a\tb\"\t\"\"\"x\"\"\"\r\n\r\n\t\r\n"
        );
    }

    #[test]
    fn round_trip() {
        let data = rows(&[
            &["Post", "2026"],
            &["a\tb", "1234,5"],
            &["\"x\"", "-12"],
            &[""],
            &["två\nrader", ""],
        ]);
        assert_eq!(read_tsv(&write_tsv(&data)), data);
    }
}
