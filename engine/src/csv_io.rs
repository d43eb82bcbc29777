//! CSV import and export in the dialects Swedish users actually have (docs/csv.md, 3.3).
//!
//! - [`read_table`] decodes the bytes (UTF-8 with or without BOM, otherwise Windows-1252),
//!   detects the delimiter (`;`, `,` or tab) and returns a [`CsvTable`] of raw text cells with
//!   the physical line number of every record. It never interprets numbers: callers parse the
//!   text with the Swedish parser ([`parse_amount`](crate::input::parse_amount) and friends) and report
//!   failures as [`CsvError`] with line and column.
//! - [`read_members_csv`] builds on it: the members CSV (`Medlem;Typ;Invånare|Andel|Belopp`)
//!   becomes a [`MembersImport`] of [`MemberInput`](crate::allocation::MemberInput)s and the key that was
//!   used, all or nothing.
//! - [`write_csv`] writes [`Cell`]s the way Excel on Swedish Windows reads them: UTF-8 with BOM,
//!   `;`, decimal comma, CRLF, with the formula-injection guard for text cells
//!   ([`guard_formula`]); imports read text cells with [`text_cell`], which undoes exactly that
//!   guard ([`unguard_formula`]), so an export imports back unchanged.
//! - [`export_members_csv`] writes the members CSV of one year; [`MembersImport::to_edit`]
//!   applies an import to a plan.
//! - [`read_tsv`] / [`write_tsv`]: the clipboard's tab-separated text, through the same
//!   `csv` crate.

mod budget;
mod cells;
mod dialect;
mod error;
mod export;
mod line_match;
mod members;
mod outcome;
mod plan_columns;
mod report;
mod tsv;
mod write;

pub use budget::*;
pub use cells::text_cell;
pub(crate) use cells::{amount_cell, Sign};
pub use dialect::*;
pub use error::*;
pub use export::*;
pub use line_match::MatchBy;
pub use members::*;
pub use outcome::*;
pub use plan_columns::*;
pub use report::*;
pub use tsv::{read_tsv, write_tsv};
pub use write::*;
