//! A button that downloads a CSV file whose bytes the engine writes (UTF-8 with BOM, `;`,
//! decimal comma, CRLF — docs/csv.md).

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
        let scenario = choices.and_then(|c| c.scenario_untracked());
        let (stem, scenario) = state.plan.with_untracked(|p| {
            (
                files::file_stem(&p.settings.name),
                scenario.map(|id| files::file_stem(&p.scenario_name(Some(id)))),
            )
        });
        let name = match scenario {
            Some(s) => format!("{stem} {what} ({s}).csv"),
            None => format!("{stem} {what}.csv"),
        };
        if let Err(e) = files::download(&name, &bytes.run(()), "text/csv;charset=utf-8") {
            state
                .notice
                .set(Some(format!("Filen kunde inte skapas: {e}")));
        }
    };
    // Only reads the plan: allowed in a shared read-only file (`data-read="keep"`).
    view! { <button type="button" data-read="keep" on:click=click>{label}</button> }
}
