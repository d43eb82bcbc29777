//! What a members CSV looks like (docs/csv.md, "Members CSV"): the expected columns with an
//! example, and the engine's template to download. Shown next to every members import (the
//! Ny plan form and Finansiering), so the treasurer's own sheet is recognised before it is
//! picked.

use leptos::prelude::*;

use crate::files;

/// The expected columns, an example and "Ladda ner mall".
#[component]
pub fn MembersCsvHelp(
    /// Element id of the help text (for the file input's `aria-describedby`).
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let download = move |_| {
        let bytes = samplan_engine::csv::members_csv_template();
        match files::download("medlemmar mall.csv", &bytes, "text/csv;charset=utf-8") {
            Ok(()) => problem.set(None),
            Err(e) => problem.set(Some(format!("Mallen kunde inte skapas: {e}"))),
        }
    };
    view! {
        <div class="members-help" data-testid="medlemmar-hjalp">
            <p class="hint" id=id>
                "Kolumner: " <code>"Kommun;Invånare"</code>
                " räcker (en rad per kommun, t.ex. " <code>"Exempelby;12345"</code> "). "
                "I stället för Invånare går " <code>"Andel"</code> " (%) eller "
                <code>"Belopp"</code> " (kr). Kolumnen " <code>"Typ"</code>
                " (Stat, Region, Kommun) behövs inte."
            </p>
            <button type="button" class="small" on:click=download>"Ladda ner mall (CSV)"</button>
            <span class="field-error" role="alert">{move || problem.get()}</span>
        </div>
    }
}
