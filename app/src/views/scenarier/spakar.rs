//! The quick levers, each applied as one undoable edit.

use super::*;

/// Quick levers on the active scenario and the selected year.
#[component]
pub(super) fn Levers(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let percent = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);

    let run = move |make: fn(Year, Decimal) -> Lever, needs_percent: bool| {
        let y = year.get_untracked();
        let p = if needs_percent {
            let text = percent.get_untracked();
            if text.trim().is_empty() {
                status.set(None);
                problem.set(Some(
                    "Skriv en procentsats, t.ex. −10 eller 2,5.".to_string(),
                ));
                return;
            }
            match format::parse_percent_text(&text) {
                Ok(p) => p,
                Err(e) => {
                    status.set(None);
                    problem.set(Some(e));
                    return;
                }
            }
        } else {
            Decimal::ZERO
        };
        let lever = make(y, p);
        let scenario = choices.scenario_untracked();
        let mut replaced = 0;
        let result = plan
            .with_untracked(|pl| lever.edit(pl, scenario))
            .map_err(|e| e.to_string())
            .and_then(|edit| {
                if edit.is_noop() {
                    Err("Inget ändrades.".to_string())
                } else {
                    replaced = plan.with_untracked(|pl| {
                        samplan_engine::replaced_line_amounts(pl, scenario, &edit)
                    });
                    state.apply(edit)
                }
            });
        match result {
            Ok(()) => {
                problem.set(None);
                let name = plan.with_untracked(|pl| pl.scenario_name(scenario));
                let text = match replaced {
                    0 => format!("{} i {name}.", lever.label()),
                    1 => format!("{} i {name}: 1 ifylld siffra ersattes.", lever.label()),
                    n => format!("{} i {name}: {n} ifyllda siffror ersattes.", lever.label()),
                };
                crate::components::Toasts::undoable(text.clone());
                status.set(Some(format!("{text} Ångra med Ctrl+Z.")));
            }
            Err(e) => {
                status.set(None);
                problem.set(Some(e));
            }
        }
    };

    view! {
        <fieldset class="levers" data-testid="snabbval">
            <legend>
                "Snabbval för " {move || choices.scenario_name()} ", " {move || year.get()}
            </legend>
            <div class="form-row">
                <div class="field">
                    <label for="snabbval-procent">"Procent"</label>
                    <crate::components::LiveInput
                        id="snabbval-procent"
                        class="num"
                        testid="snabbval-procent"
                        placeholder="t.ex. −10"
                        value=Signal::derive(move || percent.get())
                        on_text=Callback::new(move |text: String| {
                            percent.set(text.clone());
                            if text.trim().is_empty() {
                                return Ok(());
                            }
                            format::parse_percent_text(&text).map(|_| ())
                        })
                    />
                </div>
                <div class="row-actions">
                    <button
                        type="button"
                        on:click=move |_| run(|year, percent| Lever::ChangeTotal { year, percent }, true)
                    >
                        "Ändra medelstilldelningen"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| run(|year, percent| Lever::ChangeState { year, percent }, true)
                    >
                        "Ändra statens belopp"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| run(|year, percent| Lever::IndexLines { year, percent }, true)
                    >
                        "Indexera alla poster"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| run(|year, _| Lever::CopyForward { year }, false)
                    >
                        "Kopiera posterna till nästa år"
                    </button>
                </div>
            </div>
            <p class="hint">
                "Ändringen görs i det aktiva scenariot för valt år och blir ett ångrabart steg. "
                "Procent: positiv ökar, negativ minskar."
            </p>
            <p class="field-error" role="alert" data-testid="snabbval-fel">{move || problem.get()}</p>
            <p class="status" role="status" data-testid="snabbval-status">{move || status.get()}</p>
        </fieldset>
    }
}
