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
/// ([`parse_amount`](crate::input::parse_amount) etc.). The same reading in steps, for a caller
/// that must not block (a page), is [`TableReader`].
pub fn read_table(bytes: &[u8], delimiter: Option<u8>) -> Result<CsvTable, CsvError> {
    let mut reader = TableReader::new(bytes, delimiter)?;
    while !reader.step(usize::MAX)? {}
    reader.finish()
}

/// How far a [`TableReader`] has read: bytes of the decoded text and records so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadProgress {
    /// Bytes of the (decoded, UTF-8) text read so far.
    pub done: u64,
    /// Bytes of the whole text.
    pub total: u64,
    /// Records (rows, the header included, blank rows not) read so far.
    pub records: usize,
}

impl ReadProgress {
    /// Whole percent read, 0–100 (100 for an empty text).
    pub fn percent(&self) -> u8 {
        let p = self
            .done
            .saturating_mul(100)
            .checked_div(self.total)
            .unwrap_or(100);
        u8::try_from(p.min(100)).unwrap_or(100)
    }
}

/// [`read_table`] in steps: decodes and picks the delimiter at once, then reads at most a given
/// number of records per [`step`](Self::step), so a page can read a large file in chunks, show
/// the progress between them and stop whenever the user cancels (nothing is kept but the
/// reader itself; dropping it discards the reading). The result is exactly
/// [`read_table`]'s, errors included (docs/app.md "Imports of any size").
pub struct TableReader {
    delimiter: u8,
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    newlines: Vec<usize>,
    total: u64,
    headers: Option<Vec<String>>,
    rows: Vec<CsvRow>,
    record: csv::StringRecord,
    last_line: usize,
    done: bool,
}

impl std::fmt::Debug for TableReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableReader")
            .field("delimiter", &self.delimiter)
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

impl TableReader {
    /// Decodes `bytes` and picks the delimiter (see [`read_table`]); no record is read yet.
    /// Errors: a bad forced delimiter, an undecodable or empty file.
    pub fn new(bytes: &[u8], delimiter: Option<u8>) -> Result<TableReader, CsvError> {
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
        let text = text.into_owned().into_bytes();
        let newlines = memchr_all(&text, b'\n');
        let total = u64::try_from(text.len()).unwrap_or(u64::MAX);
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(std::io::Cursor::new(text));
        Ok(TableReader {
            delimiter,
            reader,
            newlines,
            total,
            headers: None,
            rows: Vec::new(),
            record: csv::StringRecord::new(),
            last_line: 1,
            done: false,
        })
    }

    /// The delimiter used (forced or detected).
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// How far the reading has come.
    pub fn progress(&self) -> ReadProgress {
        let done = if self.done {
            self.total
        } else {
            self.reader.position().byte().min(self.total)
        };
        ReadProgress {
            done,
            total: self.total,
            records: self
                .rows
                .len()
                .saturating_add(usize::from(self.headers.is_some())),
        }
    }

    /// The physical line (1-based) where the record at byte `byte` starts. csv's
    /// `Position::line()` is the line where the previous record ended (blank lines in between
    /// are skipped later), so the start line is computed from the byte offset instead.
    fn line_at(&self, byte: u64) -> usize {
        let bytes = self.reader.get_ref().get_ref();
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start = start.saturating_add(1);
        }
        self.newlines
            .partition_point(|&p| p < start)
            .saturating_add(1)
    }

    /// Reads up to `max_records` more records (blank ones are skipped and not counted);
    /// `Ok(true)` when the whole file has been read. A syntax error names its line.
    pub fn step(&mut self, max_records: usize) -> Result<bool, CsvError> {
        let mut read = 0usize;
        while !self.done && read < max_records {
            let more = match self.reader.read_record(&mut self.record) {
                Ok(more) => more,
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| self.line_at(p.byte()))
                        .unwrap_or(self.last_line);
                    return Err(CsvError::Syntax { line });
                }
            };
            if !more {
                self.done = true;
                break;
            }
            let line = self
                .record
                .position()
                .map(|p| self.line_at(p.byte()))
                .unwrap_or(self.last_line);
            self.last_line = line;
            let row = CsvRow {
                line,
                fields: self.record.iter().map(str::to_string).collect(),
            };
            if row.is_blank() {
                continue;
            }
            read = read.saturating_add(1);
            match self.headers {
                None => {
                    self.headers = Some(
                        row.fields
                            .iter()
                            .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_string())
                            .collect(),
                    )
                }
                Some(_) => self.rows.push(row),
            }
        }
        Ok(self.done)
    }

    /// The table read, after [`step`](Self::step) returned `Ok(true)` (reads the rest first
    /// if it did not). [`CsvError::Empty`] when the file holds no header.
    pub fn finish(mut self) -> Result<CsvTable, CsvError> {
        while !self.step(usize::MAX)? {}
        let headers = self.headers.ok_or(CsvError::Empty)?;
        Ok(CsvTable {
            delimiter: self.delimiter,
            headers,
            rows: self.rows,
        })
    }
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

    /// Reading in steps of any size gives exactly [`read_table`]'s table or error, and the
    /// progress only grows, ending at 100 %.
    #[test]
    fn reading_in_steps_equals_reading_at_once() {
        let inputs: [&[u8]; 7] = [
            b"\r\nA;B\r\n\r\n1;\"x\r\ny\"\r\n;;\r\n2;z\r\n",
            b"Namn\nK\xF6ping\nS\xE4ter\n",
            b"\xEF\xBB\xBFKonto,Post\n1,\"a,b\"\n2,c\n3,d",
            b"a;b\n",
            b";;\n;;\n",
            b"a;b\n1;\"oavslutad\n",
            b"a;b\n1;2\n\"x\"y;3\n",
        ];
        for input in inputs {
            let whole = read_table(input, None);
            for chunk in [1, 2, 3, 1000] {
                let stepped = TableReader::new(input, None).and_then(|mut r| {
                    let mut last = r.progress();
                    assert!(last.done <= last.total);
                    while !r.step(chunk)? {
                        let now = r.progress();
                        assert!(now.done >= last.done && now.records >= last.records);
                        last = now;
                    }
                    assert_eq!(r.progress().percent(), 100);
                    r.finish()
                });
                assert_eq!(stepped, whole, "{input:?} in steps of {chunk}");
            }
        }
        let mut r = TableReader::new(b"a;b\n1;2\n3;4\n5;6\n", None).unwrap();
        assert_eq!(r.delimiter(), b';');
        assert!(!r.step(2).unwrap());
        assert_eq!(r.progress().records, 2);
        assert!(r.progress().percent() < 100);
        assert_eq!(r.finish().unwrap().rows.len(), 3);
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
