//! Reading any CSV dialect into a table of raw text cells (docs/csv.md).

use std::borrow::Cow;

use super::error::CsvError;

/// The delimiters [`read_table`] detects, in tie-break order.
pub(crate) const CSV_DELIMITERS: [u8; 3] = [b';', b'\t', b','];

/// A CSV file as text cells: the header row and the data rows, with line numbers.
///
/// Cells are kept exactly as in the file (not trimmed, not interpreted); headers are trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvTable {
    /// The delimiter used (detected or forced): `;`, `,` or tab.
    pub delimiter: u8,
    /// The header row's cells, trimmed.
    pub headers: Vec<String>,
    /// The data rows after the header, fully empty rows left out.
    pub rows: Vec<CsvRow>,
}

/// One data record of a [`CsvTable`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRow {
    /// 1-based physical line number in the file where the record starts (a quoted field may
    /// continue on the following lines).
    pub line: usize,
    /// The record's cells as in the file; rows may be shorter or longer than the header.
    pub fields: Vec<String>,
}

impl CsvRow {
    /// The cell in column `idx`, or `""` when the row is shorter.
    pub fn get(&self, idx: usize) -> &str {
        self.fields.get(idx).map(String::as_str).unwrap_or("")
    }

    /// True when every cell is empty or whitespace.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Normalises a header for matching: trimmed, lower case, inner whitespace runs as one space.
pub fn normalize_header(header: &str) -> String {
    header
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl CsvTable {
    /// The first column (left to right) whose header matches any of `names`, compared
    /// case-insensitively after trimming (see [`normalize_header`]).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.columns(names).into_iter().next()
    }

    /// Every column whose header matches any of `names` (to detect duplicates).
    pub fn columns(&self, names: &[&str]) -> Vec<usize> {
        let wanted: Vec<String> = names.iter().map(|n| normalize_header(n)).collect();
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, h)| wanted.contains(&normalize_header(h)))
            .map(|(i, _)| i)
            .collect()
    }

    /// The header of column `idx` as written in the file (trimmed), or `""`.
    pub fn header(&self, idx: usize) -> &str {
        self.headers.get(idx).map(String::as_str).unwrap_or("")
    }
}

/// Reads CSV bytes into a [`CsvTable`] of raw text cells.
///
/// - Encoding: UTF-8 with or without BOM; UTF-16 with BOM; otherwise Windows-1252 (what Excel
///   writes as "CSV" on Swedish Windows).
/// - Delimiter: `delimiter` if given, else detected from the header line among `;`, `,` and
///   tab (the most frequent outside quotes; ties prefer `;`, then tab).
/// - Quoted fields may contain delimiters, doubled quotes and line breaks; lines end in CRLF or
///   LF; fully empty lines (also `;;;`) are skipped.
///
/// Numbers are never interpreted here: parse cells with the Swedish parser
/// ([`parse_amount`](crate::input::parse_amount) etc.).
pub fn read_table(bytes: &[u8], delimiter: Option<u8>) -> Result<CsvTable, CsvError> {
    if let Some(d) = delimiter {
        if matches!(d, b'"' | b'\n' | b'\r') || !d.is_ascii() {
            return Err(CsvError::BadDelimiter { delimiter: d });
        }
    }
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // csv's `Position::line()` is the line where the previous record ended (blank lines in
    // between are skipped later), so the start line is computed from the byte offset instead.
    let bytes = text.as_bytes();
    let newlines: Vec<usize> = memchr_all(bytes, b'\n');
    let line_at = |byte: u64| -> usize {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start = start.saturating_add(1);
        }
        newlines.partition_point(|&p| p < start).saturating_add(1)
    };
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut last_line = 1;
    for record in reader.records() {
        let record = record.map_err(|e| CsvError::Syntax {
            line: e.position().map(|p| line_at(p.byte())).unwrap_or(last_line),
        })?;
        let line = record
            .position()
            .map(|p| line_at(p.byte()))
            .unwrap_or(last_line);
        last_line = line;
        let row = CsvRow {
            line,
            fields: record.iter().map(str::to_string).collect(),
        };
        if row.is_blank() {
            continue;
        }
        match headers {
            None => {
                headers = Some(
                    row.fields
                        .iter()
                        .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_string())
                        .collect(),
                )
            }
            Some(_) => rows.push(row),
        }
    }
    let headers = headers.ok_or(CsvError::Empty)?;
    Ok(CsvTable {
        delimiter,
        headers,
        rows,
    })
}

fn memchr_all(bytes: &[u8], needle: u8) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == needle)
        .map(|(i, _)| i)
        .collect()
}

/// Decodes the file's bytes: UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1252.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, CsvError> {
    let undecodable = |reason: &str| CsvError::Undecodable {
        reason: reason.to_string(),
    };
    let text: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Cow::Borrowed(
            std::str::from_utf8(rest)
                .map_err(|_| undecodable("UTF-8-filen innehåller ogiltiga tecken"))?,
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Cow::Owned(
            decode_utf16(rest, u16::from_le_bytes)
                .ok_or_else(|| undecodable("UTF-16-filen innehåller ogiltiga tecken"))?,
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Cow::Owned(
            decode_utf16(rest, u16::from_be_bytes)
                .ok_or_else(|| undecodable("UTF-16-filen innehåller ogiltiga tecken"))?,
        )
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        Cow::Borrowed(s)
    } else {
        // Windows-1252 maps every byte to a character, so this cannot fail.
        Cow::Owned(bytes.iter().map(|b| windows_1252(*b)).collect())
    };
    if text.contains('\0') {
        return Err(undecodable("filen innehåller binära data"));
    }
    Ok(text)
}

/// Decodes UTF-16 code units (after the BOM) read with `unit` (little- or big-endian);
/// `None` for an odd number of bytes or an unpaired surrogate.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    let pairs = bytes.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return None;
    }
    let units = pairs.map(|p| {
        unit([
            p.first().copied().unwrap_or(0),
            p.get(1).copied().unwrap_or(0),
        ])
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// The characters of Windows-1252 bytes 0x80–0x9F (the WHATWG table; the five undefined
/// bytes map to the C1 control of the same value, as browsers do). Every other byte is the
/// Latin-1 character of the same value.
const WINDOWS_1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// One Windows-1252 byte as a character.
fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => byte
            .checked_sub(0x80)
            .and_then(|i| WINDOWS_1252_80_9F.get(usize::from(i)))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(byte),
    }
}

/// Picks the delimiter from the first non-empty line: the most frequent of `;`, tab and `,`
/// outside quotes; ties prefer `;`, then tab; `;` when there is none.
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut seen_content = false;
    for c in text.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
            seen_content = true;
            continue;
        }
        if in_quotes {
            continue;
        }
        if c == '\n' || c == '\r' {
            if seen_content {
                break;
            }
            continue;
        }
        if let Some(n) = CSV_DELIMITERS
            .iter()
            .position(|d| char::from(*d) == c)
            .and_then(|i| counts.get_mut(i))
        {
            *n = n.saturating_add(1);
        }
        if !c.is_whitespace() || c == '\t' {
            seen_content = true;
        }
    }
    // Strictly greater wins, so ties keep the earlier delimiter.
    let mut best: Option<(u8, usize)> = None;
    for (&d, &n) in CSV_DELIMITERS.iter().zip(&counts) {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((d, n));
        }
    }
    best.map_or(b';', |(d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(s: &str) -> CsvTable {
        read_table(s.as_bytes(), None).unwrap()
    }

    #[test]
    fn windows_1252_matches_the_reference_decoder_for_every_byte() {
        for b in 0..=255u8 {
            let byte = [b];
            let (reference, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            assert_eq!(windows_1252(b).to_string(), reference, "byte {b:#04x}");
        }
        // A non-UTF-8 file goes through the table: "Västerås;Å" in Windows-1252.
        let bytes = b"V\xe4ster\xe5s;\xc5\x80";
        assert_eq!(decode(bytes).unwrap(), "Västerås;Å€");
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let text = "Medlem;Invånare\r\nSäter;11 123 €𝄞";
        for (bom, le) in [(&b"\xFF\xFE"[..], true), (&b"\xFE\xFF"[..], false)] {
            let mut bytes = bom.to_vec();
            for u in text.encode_utf16() {
                bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            assert_eq!(decode(&bytes).unwrap(), text);
            // An odd trailing byte or an unpaired surrogate is refused, never replaced.
            let mut odd = bytes.clone();
            odd.push(0x41);
            assert!(decode(&odd).is_err());
        }
        assert!(
            decode(b"\xFF\xFE\x00\xD8\x41\x00").is_err(),
            "unpaired surrogate"
        );
    }

    #[test]
    fn detects_delimiters_and_prefers_semicolon_on_ties() {
        assert_eq!(table("a;b\n1;2").delimiter, b';');
        assert_eq!(table("a,b\n1,2").delimiter, b',');
        assert_eq!(table("a\tb\n1\t2").delimiter, b'\t');
        assert_eq!(table("a;b,c\n").delimiter, b';');
        assert_eq!(table("a\tb,c\n").delimiter, b'\t');
        assert_eq!(table("\"a;x\",b,c\n").delimiter, b',');
        assert_eq!(table("ensam\n1").delimiter, b';');
        assert_eq!(table("\n\n  \na,b\n1;2;3;4").delimiter, b',');
    }

    #[test]
    fn line_numbers_are_physical_and_blank_lines_skipped() {
        let t = table("\r\nA;B\r\n\r\n1;\"x\r\ny\"\r\n;;\r\n2;z\r\n");
        assert_eq!(t.headers, vec!["A", "B"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![4, 7]);
        assert_eq!(t.rows[0].get(1), "x\r\ny");
        assert_eq!(t.rows[1].get(5), "");
    }

    #[test]
    fn column_lookup_is_case_insensitive_and_trimmed() {
        let t = table(" Medlem ;INVÅNARE; andel  % \n");
        assert_eq!(t.column(&["medlem"]), Some(0));
        assert_eq!(t.column(&["Befolkning", "Invånare"]), Some(1));
        assert_eq!(t.column(&["Andel %"]), Some(2));
        assert_eq!(t.column(&["Belopp"]), None);
        assert_eq!(t.header(1), "INVÅNARE");
    }

    #[test]
    fn encodings() {
        let t = read_table(b"\xEF\xBB\xBFNamn\nK\xC3\xB6ping\n", None).unwrap();
        assert_eq!(t.headers, vec!["Namn"]);
        assert_eq!(t.rows[0].get(0), "Köping");
        let t = read_table(b"Namn\nK\xF6ping\n", None).unwrap();
        assert_eq!(t.rows[0].get(0), "Köping");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "Namn\tTyp\r\nKöping\tKommun\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let t = read_table(&utf16, None).unwrap();
        assert_eq!(t.delimiter, b'\t');
        assert_eq!(t.rows[0].fields, vec!["Köping", "Kommun"]);
        assert!(matches!(
            read_table(b"\xEF\xBB\xBFa\xFF", None),
            Err(CsvError::Undecodable { .. })
        ));
        assert!(matches!(
            read_table(b"a\0b", None),
            Err(CsvError::Undecodable { .. })
        ));
    }

    #[test]
    fn empty_inputs() {
        for input in ["", "\r\n\r\n", "\u{FEFF}", ";;\n;;\n", "  \n"] {
            assert_eq!(
                read_table(input.as_bytes(), None),
                Err(CsvError::Empty),
                "{input:?}"
            );
        }
        assert!(table("a;b\n").rows.is_empty());
    }

    #[test]
    fn forced_delimiter() {
        let t = read_table(b"a;b,c\n1;2,3\n", Some(b',')).unwrap();
        assert_eq!(t.headers, vec!["a;b", "c"]);
        assert_eq!(
            read_table(b"a", Some(b'"')),
            Err(CsvError::BadDelimiter { delimiter: b'"' })
        );
    }
}
