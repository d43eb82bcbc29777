//! The active scenario on screen: [`ScenarioChoice`] (the toolbar's "Scenario" select, so the
//! scenario that is shown and edited is always visible), [`ScenarioNote`] (a view's note on
//! what its inputs change while a scenario is active) and [`SharedNote`] / [`shared_title`]
//! (marks on inputs that a scenario cannot override: they change the base plan, i.e. every
//! scenario). Nothing here is shown for Basplan, where every input edits the base plan.

use leptos::prelude::*;

use crate::choices::{parse_scenario_option, scenario_option_value, scenario_options, Choices};
use crate::state::AppState;

/// The text of [`SharedNote`] and the start of [`shared_title`].
pub const SHARED_TEXT: &str = "gäller alla scenarier";

/// The toolbar's scenario select: Basplan and every scenario; highlighted while a scenario is
/// active.
#[component]
pub fn ScenarioChoice() -> impl IntoView {
    let choices = Choices::expect();
    let in_scenario = move || choices.scenario().is_some();
    // A `<label for>` (not wrapping the select), so the label's text is just "Scenario".
    view! {
        <span
            class="inline scenario-choice"
            class:scenario-on=in_scenario
            title="Scenariot som visas och ändras i alla flikar. Skapa och hantera scenarier under fliken Scenarier."
        >
            <label for="visat-scenario">"Scenario"</label>
            <ScenarioSelect id="visat-scenario" />
        </span>
    }
}

/// A select of Basplan and every scenario, bound to the active scenario in [`Choices`]. `id`
/// is also its `data-testid`; `keep` marks it `data-presentation="keep"` (shown in
/// presentation mode).
#[component]
pub fn ScenarioSelect(
    /// The select's `id` and `data-testid` (a `<label for>` names it).
    id: &'static str,
    /// Whether to mark it `data-presentation="keep"`.
    #[prop(optional)]
    keep: bool,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let options = Memo::new(move |_| state.plan.with(scenario_options));
    view! {
        <select
            id=id
            data-testid=id
            data-presentation=keep.then_some("keep")
            on:change=move |ev| choices.set_scenario(parse_scenario_option(&event_target_value(&ev)))
        >
            {move || {
                let active = choices.scenario();
                options
                    .get()
                    .into_iter()
                    .map(|(id, name)| {
                        view! {
                            <option value=scenario_option_value(id) selected=id == active>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// A note at the top of a view while a scenario is active: which scenario is shown and
/// edited, and (`text`) what the view's inputs change.
#[component]
pub fn ScenarioNote(
    /// What the view's inputs change in a scenario, e.g. "Beloppen ändras bara i scenariot."
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let choices = Choices::expect();
    view! {
        <Show when=move || choices.scenario().is_some()>
            <p class="scenario-note pres-hide no-print" role="note" data-testid="scenario-not">
                "Du visar och ändrar scenariot "
                <strong>{move || choices.scenario_name()}</strong>
                ". "
                {text.clone()}
            </p>
        </Show>
    }
}

/// "gäller alla scenarier" next to an input that edits the base plan, while a scenario is
/// active.
#[component]
pub fn SharedNote() -> impl IntoView {
    let choices = Choices::expect();
    view! {
        <Show when=move || choices.scenario().is_some()>
            <span class="shared-note pres-hide">{SHARED_TEXT}</span>
        </Show>
    }
}

/// A `title` for a control that edits the base plan while a scenario is active (`what` says
/// what it changes), else none. Reactive.
pub fn shared_title(what: &'static str) -> impl Fn() -> Option<String> + Copy + 'static {
    let choices = Choices::expect();
    move || {
        choices
            .scenario()
            .map(|_| format!("Gäller alla scenarier (ändrar basplanen): {what}"))
    }
}
