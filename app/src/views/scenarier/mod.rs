//! **Scenarier** (docs/scenarios.md, 4.1): the plan's scenarios — create, rename, duplicate and delete
//! (after a confirmation), choose the **active** scenario (the one edited and shown; see
//! [`Choices`]), quick levers ("Staten −10 %", index all lines, copy a year forward) applied as
//! one undoable edit each, and two scenarios side by side with a difference column (b − a) per
//! key figure, member and line for the selected year. Every change goes through the app's edit
//! dispatch, so Ctrl+Z undoes it.

mod alla_ar;
mod jamforelse;
mod lista;
mod spakar;

pub use alla_ar::*;
pub use jamforelse::*;
use lista::*;
use spakar::*;

use leptos::html;
use leptos::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::{
    compare,
    format::{format_signed_money, format_signed_points, DisplayUnit},
    lever::Lever,
    AmountDiff, Comparison, Edit, ScenarioId, Year, BASE_PLAN_NAME,
};

use crate::choices::{parse_scenario_option, scenario_option_value, scenario_options, Choices};
use crate::components::ScenarioSelect;
use crate::format;
use crate::state::AppState;

/// The Scenarier tab.
#[component]
pub fn ScenarierView() -> impl IntoView {
    let state = AppState::expect();
    let year = Memo::new(move |_| state.year());
    view! {
        <section class="view scenarier-view" aria-labelledby="scenarier-rubrik">
            <h2 id="scenarier-rubrik">"Scenarier"</h2>
            <p class="hint">
                "Ett scenario ändrar medelstilldelning, partsandelar, fördelningsnyckel, avrundning, "
                "nyckelvärden eller budgetbelopp jämfört med basplanen. Resten följer basplanen."
            </p>
            <ActiveScenario />
            <ScenarioList />
            <Levers year=year />
            <Compare year=year />
            <CompareAllYears />
        </section>
    }
}

/// The active scenario (the one every view shows and edits, changed by the levers and named in
/// print).
#[component]
fn ActiveScenario() -> impl IntoView {
    view! {
        <div class="form-row">
            <div class="field">
                <label for="aktivt-scenario">"Aktivt scenario"</label>
                <ScenarioSelect id="aktivt-scenario" keep=true />
                <span class="hint no-print">
                    "Det aktiva scenariot visas och ändras i alla flikar (välj det också i verktygsfältet), ändras av snabbvalen och står i utskriftens huvud. "
                    "Poster, namn, utfall, eget kapital och medlemmar gäller alla scenarier."
                </span>
            </div>
        </div>
    }
}
