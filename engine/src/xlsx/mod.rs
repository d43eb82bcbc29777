//! The plan as an Excel workbook (.xlsx, docs/xlsx.md): numbers are numbers with Swedish number
//! formats, sums and results are formulas that give samplan's own figures, and text is never
//! read as a formula. Written by a small writer of our own (SpreadsheetML in a stored ZIP), so
//! the web app can export without loading a spreadsheet library.

mod book;
mod diff;
mod plan;
mod zip;

pub use zip::ZipTooLarge as XlsxError;

use crate::diff::PlanDiff;
use crate::plan::{MemberId, Plan, ScenarioId};
use crate::versions::ViewVersion;

/// One table of the app, exported on its own (docs/xlsx.md "One table"): the sheet the whole
/// plan's workbook has for that view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XlsxTable {
    /// Finansiering: the funding per year and what each member pays.
    Finansiering,
    /// Budget: the budget statement per year.
    Budget,
    /// Uppföljning: budget against outcome per year with outcome.
    Uppfoljning,
    /// Eget kapital: the equity per year.
    EgetKapital,
    /// Kommun: one municipality as the Kommun view shows it.
    Kommun(MemberId),
}

/// The whole plan (or its scenario `scenario`) as an .xlsx file: the sheets Finansiering,
/// Budget, Uppföljning and Eget kapital, and one sheet per municipality (docs/xlsx.md). The same
/// plan always gives the same bytes.
pub fn export_plan_xlsx(plan: &Plan, scenario: Option<ScenarioId>) -> Result<Vec<u8>, XlsxError> {
    plan::plan_book(plan, scenario).to_xlsx()
}

/// One table (`table`) as an .xlsx file of one sheet, as the view shows it: Uppföljning, Eget
/// kapital and Kommun under the views' version `choice` (each year's decision in force by
/// default, docs/budget.md "Vyerna och beslutet"), the others, and every view while a
/// `scenario` is active, on the draft or the scenario. `None` for a municipality the plan
/// cannot compute.
pub fn export_table_xlsx(
    plan: &Plan,
    scenario: Option<ScenarioId>,
    choice: ViewVersion,
    table: XlsxTable,
) -> Option<Result<Vec<u8>, XlsxError>> {
    plan::table_book(plan, scenario, choice, table).map(|b| b.to_xlsx())
}

/// What changed between two versions or plans (docs/budget.md "What changed (diff)") as an
/// .xlsx file: the sheet "Ändringar" with the rows of the CSV and each group's sum as a
/// formula over its rows.
pub fn export_diff_xlsx(diff: &PlanDiff) -> Result<Vec<u8>, XlsxError> {
    let mut book = book::Book::default();
    book.add(diff::diff_sheet(diff));
    book.to_xlsx()
}
