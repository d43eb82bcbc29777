//! Tab-separated text as spreadsheets put it on the clipboard: rows end with CRLF, LF or CR;
//! a cell that contains a tab, a line break or a quote is quoted with `"` and its quotes
//! doubled. Reading accepts what Excel, LibreOffice and Google Sheets write; writing produces
//! the same form.

/// Splits clipboard text into rows of cells. A final line break does not make an empty row.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut in_quotes = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                in_quotes = true;
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() || !at_cell_start {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Joins rows of cells into clipboard text (CRLF after every row, quoting where needed).
pub fn write_tsv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| quote(c)).collect();
        out.push_str(&cells.join("\t"));
        out.push_str("\r\n");
    }
    out
}

fn quote(cell: &str) -> String {
    if cell.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
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
            parse_tsv("1\t2\r\n3\t4\r\n"),
            rows(&[&["1", "2"], &["3", "4"]])
        );
        assert_eq!(parse_tsv("1\t2\n3\t4"), rows(&[&["1", "2"], &["3", "4"]]));
        assert_eq!(parse_tsv("1 234,50"), rows(&[&["1 234,50"]]));
    }

    #[test]
    fn empty_cells_are_kept() {
        assert_eq!(parse_tsv("\t2\n\t\n"), rows(&[&["", "2"], &["", ""]]));
    }

    #[test]
    fn quoted_cells() {
        let text = "\"a\tb\"\t\"rad 1\r\nrad 2\"\t\"sa \"\"hej\"\"\"\r\nx\ty\tz\r\n";
        assert_eq!(
            parse_tsv(text),
            rows(&[&["a\tb", "rad 1\r\nrad 2", "sa \"hej\""], &["x", "y", "z"]])
        );
    }

    #[test]
    fn quote_inside_a_cell_is_literal() {
        assert_eq!(parse_tsv("5\" skärm\t1"), rows(&[&["5\" skärm", "1"]]));
    }

    #[test]
    fn round_trip() {
        let data = rows(&[
            &["Post", "2026"],
            &["a\tb", "1234,5"],
            &["\"x\"", "-12"],
            &["två\nrader", ""],
        ]);
        assert_eq!(parse_tsv(&write_tsv(&data)), data);
    }
}
