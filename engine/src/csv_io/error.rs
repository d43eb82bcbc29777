//! The error type of CSV import.

use thiserror::Error;

use crate::bounds::BoundsError;
use crate::parse::NumberError;

/// Why a CSV file cannot be imported. Every variant that concerns a cell names the file's
/// physical line number (1-based, the line where the record starts) and the column as its
/// header is written in the file. Messages are Swedish, e.g.
/// `rad 4, kolumn "Invånare": "12a" är inget tal`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CsvError {
    /// The file has no content (or only empty lines).
    #[error("filen är tom")]
    Empty,
    /// The bytes are not text in a supported encoding.
    #[error(
        "filen kunde inte läsas som text ({reason}); spara den som CSV (UTF-8) och försök igen"
    )]
    Undecodable {
        /// What went wrong, in Swedish.
        reason: String,
    },
    /// A forced delimiter that cannot delimit fields.
    #[error("avgränsaren {} kan inte användas; välj semikolon, komma eller tabb", describe_byte(*delimiter))]
    BadDelimiter {
        /// The delimiter as given.
        delimiter: u8,
    },
    /// The CSV structure itself could not be read.
    #[error("rad {line}: filen kunde inte tolkas som CSV")]
    Syntax {
        /// Line where reading failed.
        line: usize,
    },
    /// The header row has only a header and no data rows.
    #[error("filen innehåller bara rubrikraden, inga rader med data")]
    NoRows,
    /// A required column is missing from the header row.
    #[error("kolumnen \"{column}\" saknas")]
    MissingColumn {
        /// The column's canonical name, e.g. `Medlem`.
        column: String,
    },
    /// None of the alternative key columns exists.
    #[error(
        "det finns ingen nyckelkolumn: lägg till en av kolumnerna {}",
        quoted_list(columns)
    )]
    MissingKeyColumn {
        /// The accepted key columns, e.g. `Invånare`, `Andel`, `Belopp`.
        columns: Vec<String>,
    },
    /// The same column occurs twice in the header row (possibly under two accepted names,
    /// e.g. `Invånare` and `Befolkning`).
    #[error("{}", duplicate_column(column, other))]
    DuplicateColumn {
        /// The column as written in the header (first occurrence).
        column: String,
        /// The other occurrence as written in the header.
        other: String,
    },
    /// A required value is blank.
    #[error("rad {line}, kolumn \"{column}\": värdet saknas")]
    MissingValue {
        /// Line of the record.
        line: usize,
        /// The column as written in the header.
        column: String,
    },
    /// A cell that must be a number is not an acceptable Swedish number.
    #[error("rad {line}, kolumn \"{column}\": {error}")]
    InvalidNumber {
        /// Line of the record.
        line: usize,
        /// The column as written in the header.
        column: String,
        /// The parser's verdict, which carries the value as typed.
        error: NumberError,
    },
    /// A number outside the input bounds of its column (docs/bounds.md).
    #[error("rad {line}, kolumn \"{column}\": {error}")]
    OutOfBounds {
        /// Line of the record.
        line: usize,
        /// The column as written in the header.
        column: String,
        /// Which bound is violated.
        error: BoundsError,
    },
    /// A `Typ` value that is not `Stat`, `Region` or `Kommun`.
    #[error("rad {line}, kolumn \"{column}\": \"{value}\" är ingen känd typ (Stat, Region eller Kommun)")]
    UnknownKind {
        /// Line of the record.
        line: usize,
        /// The column as written in the header.
        column: String,
        /// The value as written.
        value: String,
    },
    /// The same member name occurs twice (compared case-insensitively).
    #[error("rad {line}, kolumn \"{column}\": \"{value}\" finns redan på rad {first_line}")]
    DuplicateMember {
        /// Line of the second occurrence.
        line: usize,
        /// The column as written in the header.
        column: String,
        /// The name as written on this line.
        value: String,
        /// Line of the first occurrence.
        first_line: usize,
    },
    /// Several key columns are filled for every member, so the key is ambiguous.
    #[error("nyckeln är tvetydig: kolumnerna {} är ifyllda för alla {group}; lämna bara en av dem ifylld", quoted_list(columns))]
    AmbiguousKey {
        /// The columns as written in the header.
        columns: Vec<String>,
        /// Which members, in Swedish plural: `kommuner` or `regioner`.
        group: String,
    },
    /// No key column is filled for every member: the first member lacking a value is named.
    #[error("rad {line}, kolumn \"{column}\": värdet saknas för {member}; nyckeln måste vara ifylld för alla {group}")]
    IncompleteKey {
        /// Line of the member lacking a value.
        line: usize,
        /// The key column that is filled for the most members, as written in the header.
        column: String,
        /// The member's name.
        member: String,
        /// Which members, in Swedish plural: `kommuner` or `regioner`.
        group: String,
    },
    /// A second `Stat` row: the state is one payer.
    #[error("rad {line}, kolumn \"{column}\": staten finns redan på rad {first_line} (staten är en enda betalare)")]
    SecondState {
        /// Line of the second `Stat` row.
        line: usize,
        /// The `Typ` column as written in the header.
        column: String,
        /// Line of the first `Stat` row.
        first_line: usize,
    },
    /// The file has no municipality.
    #[error("filen innehåller ingen medlem med typen Kommun")]
    NoMunicipalities,
}

fn describe_byte(b: u8) -> String {
    match b {
        b'\t' => "tabb".to_string(),
        b'\n' | b'\r' => "radbrytning".to_string(),
        b if b.is_ascii_graphic() || b == b' ' => format!("\"{}\"", char::from(b)),
        b => format!("0x{b:02X}"),
    }
}

fn duplicate_column(column: &str, other: &str) -> String {
    if column.to_lowercase() == other.to_lowercase() {
        format!("kolumnen \"{column}\" finns flera gånger i rubrikraden")
    } else {
        format!("kolumnerna \"{column}\" och \"{other}\" betyder samma sak; behåll en av dem")
    }
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_count;

    #[test]
    fn messages_name_line_column_and_value() {
        let error = parse_count("12a").unwrap_err();
        let e = CsvError::InvalidNumber {
            line: 4,
            column: "Invånare".to_string(),
            error,
        };
        assert_eq!(
            e.to_string(),
            "rad 4, kolumn \"Invånare\": \"12a\" är inget tal"
        );
        let e = CsvError::UnknownKind {
            line: 3,
            column: "Typ".to_string(),
            value: "Kommunn".to_string(),
        };
        assert_eq!(
            e.to_string(),
            "rad 3, kolumn \"Typ\": \"Kommunn\" är ingen känd typ (Stat, Region eller Kommun)"
        );
        let e = CsvError::MissingColumn {
            column: "Medlem".to_string(),
        };
        assert_eq!(e.to_string(), "kolumnen \"Medlem\" saknas");
        let e = CsvError::AmbiguousKey {
            columns: vec!["Invånare".into(), "Andel".into(), "Belopp".into()],
            group: "kommuner".into(),
        };
        assert!(
            e.to_string()
                .contains("\"Invånare\", \"Andel\" och \"Belopp\""),
            "{e}"
        );
        assert_eq!(
            CsvError::BadDelimiter { delimiter: b'"' }.to_string(),
            "avgränsaren \"\"\" kan inte användas; välj semikolon, komma eller tabb"
        );
    }
}
