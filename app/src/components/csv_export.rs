//! Buttons that download a table the engine writes: as CSV (UTF-8 with BOM, `;`, decimal comma,
//! CRLF — docs/csv.md) or as an .xlsx file of one sheet (docs/xlsx.md "One table").

use leptos::prelude::*;

use crate::choices::Choices;
use crate::files;
use crate::state::AppState;

/// Downloads `<plan name> <what>.csv` with the bytes `bytes` returns (`<plan name> <what>
/// (<scenario>).csv` while a scenario is active: the views export the active scenario).
#[component]
pub fn CsvExport(
    /// Button text, e.g. `Exportera budget (CSV)`.
    #[prop(into)]
    label: String,
    /// What the file holds, used in the file name, e.g. `budget`.
    #[prop(into)]
    what: String,
    /// Produces the file's bytes (from the engine).
    bytes: Callback<(), Vec<u8>>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = use_context::<Choices>();
    let click = move |_| {
        let name = export_name(state, choices, &what, "csv");
        if let Err(e) = files::download(&name, &bytes.run(()), "text/csv;charset=utf-8") {
            state
                .notice
                .set(Some(format!("Filen kunde inte skapas: {e}")));
        }
    };
    // Only reads the plan: allowed in a shared read-only file (`data-read="keep"`).
    view! { <button type="button" data-read="keep" on:click=click>{label}</button> }
}

/// `<plan name> <what>.<ext>`, or `<plan name> <what> (<scenario>).<ext>` while a scenario is
/// active (the views export the active scenario).
fn export_name(state: AppState, choices: Option<Choices>, what: &str, ext: &str) -> String {
    let scenario = choices.and_then(|c| c.scenario_untracked());
    state.plan.with_untracked(|p| {
        let stem = files::file_stem(&p.settings.name);
        match scenario.map(|id| files::file_stem(&p.scenario_name(Some(id)))) {
            Some(s) => format!("{stem} {what} ({s}).{ext}"),
            None => format!("{stem} {what}.{ext}"),
        }
    })
}

/// The .xlsx file type.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Downloads `<plan name> <what>.xlsx` (`… (<scenario>).xlsx` while a scenario is active) with
/// the bytes `bytes` returns from the engine; a file that cannot be written says why.
#[component]
pub fn XlsxExport(
    /// Button text, e.g. `Exportera budget (.xlsx)`.
    #[prop(into)]
    label: String,
    /// What the file holds, used in the file name, e.g. `budget`.
    #[prop(into)]
    what: String,
    /// Produces the file's bytes (from the engine), or why it cannot.
    bytes: Callback<(), Result<Vec<u8>, String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = use_context::<Choices>();
    let click = move |_| {
        let name = export_name(state, choices, &what, "xlsx");
        if let Err(e) = bytes
            .run(())
            .and_then(|b| files::download(&name, &b, XLSX_MIME))
        {
            state
                .notice
                .set(Some(format!("Excel-filen kunde inte skapas: {e}")));
        }
    };
    view! { <button type="button" data-read="keep" on:click=click>{label}</button> }
}

/// The bytes of one table as the view shows it: the active scenario, and for Uppföljning,
/// Eget kapital and Kommun the views' version choice (engine `export_table_xlsx`).
pub fn table_xlsx(table: samplan_engine::xlsx::XlsxTable) -> Callback<(), Result<Vec<u8>, String>> {
    let state = AppState::expect();
    let choices = Choices::expect();
    Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        let choice = untrack(|| choices.view_version());
        state.plan.with_untracked(|p| {
            match samplan_engine::xlsx::export_table_xlsx(p, scenario, choice, table) {
                Some(Ok(b)) => Ok(b),
                Some(Err(e)) => Err(e.to_string()),
                None => Err("tabellen kan inte räknas fram".to_string()),
            }
        })
    })
}
