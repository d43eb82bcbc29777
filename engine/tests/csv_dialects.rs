//! The CSV dialect matrix (docs/csv.md): the same members content written as
//! `;`/`,`/tab × LF/CRLF × BOM/none × UTF-8/Windows-1252 imports to the same result; plus
//! quoting, line numbers and all-or-nothing.

use samplan_engine::csv::{read_members_csv, read_table, CsvError, MembersImport};

/// The content every dialect carries: å/ä/ö in names, a decimal comma, an embedded quote and
/// an embedded delimiter candidate in a name, grouped thousands.
const CONTENT: &[&[&str]] = &[
    &["Medlem", "Typ", "Invånare", "Andel"],
    &["Staten", "Stat", "", ""],
    &["Region Västmanland", "Region", "", ""],
    &["Köping", "Kommun", "25 047", "12,5"],
    &["Västerås", "Kommun", "159 629", ""],
    &["Sala \"Silverstaden\"", "Kommun", "24022", ""],
    &["Norberg; Fagersta, m.fl.", "Kommun", "5 545", ""],
    &["Åby", "kommun", "1", ""],
];

#[derive(Clone, Copy, Debug)]
enum Encoding {
    Utf8,
    Windows1252,
}

#[derive(Clone, Copy, Debug)]
struct Dialect {
    delimiter: u8,
    crlf: bool,
    bom: bool,
    encoding: Encoding,
}

impl Dialect {
    /// Every combination; a BOM only exists for UTF-8.
    fn all() -> Vec<Dialect> {
        let mut out = Vec::new();
        for delimiter in [b';', b',', b'\t'] {
            for crlf in [false, true] {
                for (bom, encoding) in [
                    (false, Encoding::Utf8),
                    (true, Encoding::Utf8),
                    (false, Encoding::Windows1252),
                ] {
                    out.push(Dialect {
                        delimiter,
                        crlf,
                        bom,
                        encoding,
                    });
                }
            }
        }
        out
    }

    /// Writes `rows` the way a spreadsheet in this dialect would (quoting when needed).
    fn render(&self, rows: &[&[&str]]) -> Vec<u8> {
        let delimiter = char::from(self.delimiter);
        let mut text = String::new();
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.contains([delimiter, '"', '\n', '\r']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            text.push_str(&cells.join(&delimiter.to_string()));
            text.push_str(if self.crlf { "\r\n" } else { "\n" });
        }
        let mut bytes = Vec::new();
        if self.bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        match self.encoding {
            Encoding::Utf8 => bytes.extend_from_slice(text.as_bytes()),
            Encoding::Windows1252 => {
                let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                assert!(!unmappable, "test content must fit Windows-1252");
                bytes.extend_from_slice(&encoded);
            }
        }
        bytes
    }
}

/// Imports `rows` in every dialect and asserts that all results are equal; returns it.
fn import_in_every_dialect(rows: &[&[&str]]) -> Result<MembersImport, CsvError> {
    let reference = read_members_csv(&Dialect::all()[0].render(rows), None);
    for dialect in Dialect::all() {
        let bytes = dialect.render(rows);
        let got = read_members_csv(&bytes, None);
        assert_eq!(got, reference, "{dialect:?}");
        let table = read_table(&bytes, None).expect("table reads");
        assert_eq!(table.delimiter, dialect.delimiter, "{dialect:?}");
    }
    reference
}

#[test]
fn same_content_in_every_dialect_gives_the_same_import() {
    let import = import_in_every_dialect(CONTENT).expect("content imports");
    let names: Vec<&str> = import.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Staten",
            "Region Västmanland",
            "Köping",
            "Västerås",
            "Sala \"Silverstaden\"",
            "Norberg; Fagersta, m.fl.",
            "Åby"
        ]
    );
    assert_eq!(import.members[2].population, Some(25_047));
    assert_eq!(
        import.members[2].percent,
        Some(rust_decimal::Decimal::new(125, 1))
    );
    assert_eq!(import.members[3].population, Some(159_629));
    assert_eq!(
        import.kommun_key,
        samplan_engine::allocation::Key::single(samplan_engine::allocation::KeyMethod::Population)
    );
}

#[test]
fn errors_are_the_same_in_every_dialect() {
    let mut rows: Vec<&[&str]> = CONTENT.to_vec();
    rows.push(&["Ödeby", "Kommun", "12a", ""]);
    let e = import_in_every_dialect(&rows).expect_err("12a is not a number");
    assert_eq!(
        e.to_string(),
        "rad 9, kolumn \"Invånare\": \"12a\" är inget tal"
    );
}

#[test]
fn quoted_fields_with_delimiter_quote_and_newline() {
    let csv = "Medlem;Typ;Belopp\n\"Ödeborg;\"\"norra\"\"\nmed ny rad\";Kommun;\"1 234,50\"\n";
    let import = read_members_csv(csv.as_bytes(), None).expect("imports");
    assert_eq!(import.members[0].name, "Ödeborg;\"norra\"\nmed ny rad");
    assert_eq!(
        import.members[0].amount,
        Some(samplan_engine::Amount("1234.50".parse().expect("decimal")))
    );
}

#[test]
fn error_line_is_physical_after_a_multi_line_field() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/members_bad_number.csv"
    );
    let bytes = std::fs::read(path).expect("fixture");
    let e = read_members_csv(&bytes, None).expect_err("12a");
    assert_eq!(
        e.to_string(),
        "rad 5, kolumn \"Invånare\": \"12a\" är inget tal"
    );

    // Also with CRLF, blank lines and a BOM before the header.
    let csv = "\u{FEFF}\r\n\r\nMedlem;Typ;Invånare\r\n\"A\r\nB\r\nC\";Kommun;1\r\n\r\n;;\r\nD;Kommun;x\r\n";
    let e = read_members_csv(csv.as_bytes(), None).expect_err("x");
    assert!(
        matches!(&e, CsvError::InvalidNumber { line: 9, column, .. } if column == "Invånare"),
        "{e}"
    );
}

#[test]
fn excel_windows_1252_export() {
    // What Excel on Swedish Windows writes: Windows-1252, `;`, CRLF, trailing empty cells and
    // rows of only delimiters.
    let bytes = b"Medlem;Typ;Andel;;\r\nAvesta;Kommun;44;;\r\nHedemora;Kommun;32,0;;\r\nS\xE4ter;Kommun;24;;\r\n;;;;\r\n;;;;\r\n";
    let import = read_members_csv(bytes, None).expect("imports");
    assert_eq!(import.members.len(), 3);
    assert_eq!(import.members[2].name, "Säter");
    assert_eq!(
        import.kommun_key,
        samplan_engine::allocation::Key::single(samplan_engine::allocation::KeyMethod::Percent)
    );
}

#[test]
fn utf16_unicode_text_from_excel() {
    let text = "Medlem\tTyp\tInvånare\r\nKöping\tKommun\t25 047\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let import = read_members_csv(&bytes, None).expect("imports");
    assert_eq!(import.members[0].name, "Köping");
    assert_eq!(import.members[0].population, Some(25_047));
}

#[test]
fn forced_delimiter_overrides_detection() {
    // Detection would pick `,` (two against one); the user says `;`.
    let csv = "Medlem;Typ,x,y\nA;Kommun\n";
    assert!(read_members_csv(csv.as_bytes(), None).is_err());
    let csv = "Medlem;Typ;Belopp, kr\nA;Kommun;5,5\n";
    let import = read_members_csv(csv.as_bytes(), Some(b';')).expect("imports");
    assert_eq!(
        import.members[0].amount,
        Some(samplan_engine::Amount("5.5".parse().expect("decimal")))
    );
}

#[test]
fn all_or_nothing() {
    // Nine good rows, one bad at the end: nothing is returned but the error.
    let mut csv = String::from("Medlem;Typ;Invånare\n");
    for i in 0..9 {
        csv.push_str(&format!("K{i};Kommun;{}\n", 100 + i));
    }
    csv.push_str("Sist;Kommunn;5\n");
    let result = read_members_csv(csv.as_bytes(), None);
    assert_eq!(
        result.map(|_| ()).map_err(|e| e.to_string()),
        Err(
            "rad 11, kolumn \"Typ\": \"Kommunn\" är ingen känd typ (Stat, Region eller Kommun)"
                .to_string()
        )
    );
}

#[test]
fn column_aliases() {
    let variants = [
        "medlem;TYP;invanare",
        " Medlem ; Typ ; Befolkning ",
        "Namn;Typ;Antal invånare",
        "Kommun;Typ;Folkmängd",
    ];
    for header in variants {
        let csv = format!("{header}\nÅby;Kommun;10\nBy;Kommun;20\n");
        let import =
            read_members_csv(csv.as_bytes(), None).unwrap_or_else(|e| panic!("{header:?}: {e}"));
        assert_eq!(import.members[1].population, Some(20), "{header:?}");
    }
    for header in ["Medlem;Typ;Andel %", "Medlem;Typ;andel (%)"] {
        let csv = format!("{header}\nA;Kommun;44\nB;Kommun;56,0\n");
        let import =
            read_members_csv(csv.as_bytes(), None).unwrap_or_else(|e| panic!("{header:?}: {e}"));
        assert_eq!(
            import.kommun_key,
            samplan_engine::allocation::Key::single(samplan_engine::allocation::KeyMethod::Percent),
            "{header:?}"
        );
    }
}
