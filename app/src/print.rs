//! Printing (docs/app.md): the browser's print dialog ("Skriv ut" / "Spara som PDF") with the
//! print stylesheet in `style/extra.css` (A4, landscape for the wide grids, no controls).
//!
//! [`PrintHeader`] is shown only on paper: plan name, scenario, selected year, display unit and
//! the print date. The date comes from the browser's clock (JS `Date`) when the page is shown
//! and again just before printing — the engine never reads a clock.

use leptos::prelude::*;

use crate::choices::Choices;
use crate::state::AppState;

/// Opens the browser's print dialog.
pub fn print_page() {
    if let Err(e) = window().print() {
        if let Some(state) = use_context::<AppState>() {
            let reason = e.as_string().unwrap_or_else(|| "okänt fel".to_string());
            state
                .notice
                .set(Some(format!("Utskriften kunde inte startas: {reason}")));
        }
    }
}

/// Today's local date and time from the browser, `2026-11-23 14:05`.
fn now_text() -> String {
    crate::format::local_date_time(&js_sys::Date::new_0())
}

/// The header printed at the top of every page: plan, scenario, year, unit and print date.
/// Hidden on screen.
#[component]
pub fn PrintHeader() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let printed = RwSignal::new(now_text());
    let listener = window_event_listener_untyped("beforeprint", move |_| printed.set(now_text()));
    on_cleanup(move || listener.remove());
    let plan_name = move || state.plan.with(|p| p.settings.name.clone());
    view! {
        <div class="print-header" data-testid="utskriftshuvud">
            <span class="print-plan">{plan_name}</span>
            <span>"Scenario: " {move || choices.scenario_name()}</span>
            <span>"År: " {move || state.year()}</span>
            <span>"Belopp i " {move || state.unit.get().label()}</span>
            <span>"Utskrivet " {move || printed.get()}</span>
        </div>
    }
}

/// The toolbar's print button (every view prints; *Kommun* has its own "Skriv ut" too).
#[component]
pub fn PrintButton() -> impl IntoView {
    view! {
        <button
            type="button"
            class="print-button"
            title="Skriv ut vyn eller spara den som PDF (Ctrl+P)"
            data-testid="utskrift"
            on:click=move |_| print_page()
        >
            "Utskrift"
        </button>
    }
}
