//! The plan as an Excel workbook (.xlsx, docs/xlsx.md): numbers are numbers with Swedish number
//! formats, sums and results are formulas that give samplan's own figures, and text is never
//! read as a formula. Written by a small writer of our own (SpreadsheetML in a stored ZIP), so
//! the web app can export without loading a spreadsheet library.

mod book;
mod plan;
mod zip;

pub use zip::ZipTooLarge as XlsxError;

use crate::plan::{Plan, ScenarioId};

/// The whole plan (or its scenario `scenario`) as an .xlsx file: the sheets Finansiering,
/// Budget, Uppföljning and Eget kapital, and one sheet per municipality (docs/xlsx.md). The same
/// plan always gives the same bytes.
pub fn export_plan_xlsx(plan: &Plan, scenario: Option<ScenarioId>) -> Result<Vec<u8>, XlsxError> {
    plan::plan_book(plan, scenario).to_xlsx()
}
