//! The list of scenarios: create, rename, duplicate, delete.

use super::*;

/// The scenarios with rename, duplicate and delete; a field to create a new one.
#[component]
pub(super) fn ScenarioList() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let rows = Memo::new(move |_| {
        plan.with(|p| {
            p.scenarios
                .iter()
                .map(|s| (s.id, s.name.clone(), s.overrides.summary()))
                .collect::<Vec<_>>()
        })
    });
    let renaming = RwSignal::new(None::<(ScenarioId, String)>);
    let confirm_delete = RwSignal::new(None::<ScenarioId>);
    let problem = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());

    let done = move |msg: String| {
        problem.set(None);
        status.set(Some(msg));
    };
    let fail = move |msg: String| {
        status.set(None);
        problem.set(Some(msg));
    };

    let create = move || {
        let edit =
            match plan.with_untracked(|p| Edit::add_named_scenario(p, &new_name.get_untracked())) {
                Ok(e) => e,
                Err(e) => return fail(e.to_string()),
            };
        let (id, name) = match &edit {
            Edit::AddScenario { scenario, .. } => (Some(scenario.id), scenario.name.clone()),
            _ => (None, String::new()),
        };
        match state.apply(edit) {
            Ok(()) => {
                new_name.set(String::new());
                choices.set_scenario(id);
                done(format!("Scenariot {name} skapades och är nu aktivt."));
            }
            Err(e) => fail(e),
        }
    };
    let save_rename = move || {
        let Some((id, name)) = renaming.get_untracked() else {
            return;
        };
        let name = samplan_engine::names::clean_name(&name);
        match state.edit(|p| Edit::rename_scenario(p, id, name.clone())) {
            Ok(()) => {
                renaming.set(None);
                done(format!("Scenariot heter nu {name}."));
            }
            Err(e) => fail(e),
        }
    };
    let duplicate = move |id: ScenarioId| {
        let Some(name) = plan.with_untracked(|p| p.scenario(id).map(|s| p.copy_name(&s.name)))
        else {
            return;
        };
        match state.edit(|p| Edit::copy_scenario(p, id)) {
            Ok(()) => done(format!("Kopian {name} skapades.")),
            Err(e) => fail(e),
        }
    };
    let remove = move |id: ScenarioId| {
        let name = plan.with_untracked(|p| p.scenario_name(Some(id)));
        confirm_delete.set(None);
        match state.edit(|p| Edit::remove_scenario(p, id)) {
            Ok(()) => {
                crate::components::Toasts::undoable(format!("Scenariot {name} togs bort."));
                done(format!(
                    "Scenariot {name} togs bort. Ångra med Ctrl+Z om det var fel."
                ))
            }
            Err(e) => fail(e),
        }
    };

    let confirm_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = confirm_button.get() {
            let _ = b.focus();
        }
    });

    let row_view = move |(id, name, summary): (ScenarioId, String, String)| {
        let is_renaming = move || renaming.with(|r| r.as_ref().is_some_and(|(r, _)| *r == id));
        let active = move || choices.scenario() == Some(id);
        let name_cell = {
            let name = name.clone();
            move || {
                if is_renaming() {
                    let input = NodeRef::<html::Input>::new();
                    Effect::new(move |_| {
                        if let Some(el) = input.get() {
                            let _ = el.focus();
                            el.select();
                        }
                    });
                    view! {
                        <input
                            node_ref=input
                            type="text"
                            class="rename"
                            aria-label=format!("Nytt namn på {name}")
                            data-testid="scenario-nytt-namn"
                            prop:value=move || renaming.with(|r| r.as_ref().map(|(_, n)| n.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                renaming.update(|r| {
                                    if let Some((_, n)) = r {
                                        *n = text;
                                    }
                                });
                            }
                            on:keydown=move |ev| match ev.key().as_str() {
                                "Enter" => save_rename(),
                                "Escape" => renaming.set(None),
                                _ => {}
                            }
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <span>{name.clone()}</span>
                        {move || active().then(|| view! { <span class="badge">"aktivt"</span> })}
                    }
                    .into_any()
                }
            }
        };
        let actions = {
            let name = name.clone();
            move || {
                if is_renaming() {
                    view! {
                        <button type="button" class="primary" on:click=move |_| save_rename()>"Spara namn"</button>
                        <button type="button" on:click=move |_| renaming.set(None)>"Avbryt"</button>
                    }
                    .into_any()
                } else {
                    let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
                    view! {
                        // The name is in the button's text (hidden), so the accessible name
                        // "Gör <namn> aktivt" contains the visible words.
                        <button
                            type="button"
                            prop:disabled=active
                            on:click=move |_| choices.set_scenario(Some(id))
                        >
                            "Gör " <span class="visually-hidden">{n1} " "</span> "aktivt"
                        </button>
                        <button
                            type="button"
                            aria-label=format!("Byt namn på {n2}")
                            on:click={
                                let name = name.clone();
                                move |_| {
                                    problem.set(None);
                                    renaming.set(Some((id, name.clone())));
                                }
                            }
                        >
                            "Byt namn"
                        </button>
                        <button type="button" aria-label=format!("Duplicera {n3}") on:click=move |_| duplicate(id)>
                            "Duplicera"
                        </button>
                        <button
                            type="button"
                            class="danger"
                            aria-label=format!("Ta bort {n4}")
                            on:click=move |_| confirm_delete.set(Some(id))
                        >
                            "Ta bort"
                        </button>
                    }
                    .into_any()
                }
            }
        };
        view! {
            <tr class:active-scenario=active data-testid=format!("scenario-rad-{}", id.0)>
                <th scope="row">{name_cell}</th>
                <td class="pres-hide">{summary}</td>
                <td class="actions">{actions}</td>
            </tr>
        }
    };

    view! {
        <table class="data scenario-list" data-testid="scenario-lista">
            <caption>"Scenarier i planen"</caption>
            <thead>
                <tr>
                    <th scope="col">"Scenario"</th>
                    <th scope="col" class="pres-hide">"Ändringar mot basplanen"</th>
                    <th scope="col" class="actions">"Åtgärder"</th>
                </tr>
            </thead>
            <tbody>
                <tr class:active-scenario=move || choices.scenario().is_none()>
                    <th scope="row">
                        {BASE_PLAN_NAME}
                        {move || choices.scenario().is_none().then(|| view! { <span class="badge">"aktivt"</span> })}
                    </th>
                    <td class="pres-hide">"Planen utan scenario"</td>
                    <td class="actions">
                        <button
                            type="button"
                            prop:disabled=move || choices.scenario().is_none()
                            on:click=move |_| choices.set_scenario(None)
                        >
                            "Gör " <span class="visually-hidden">"Basplan "</span> "aktivt"
                        </button>
                    </td>
                </tr>
                <For each=move || rows.get() key=|r| r.clone() children=row_view />
            </tbody>
        </table>
        {move || {
            confirm_delete
                .get()
                .map(|id| {
                    let name = plan.with(|p| p.scenario_name(Some(id)));
                    view! {
                        <div
                            class="panel confirm"
                            role="alertdialog"
                            aria-labelledby="bekrafta-text"
                            data-testid="bekrafta-borttagning"
                            on:keydown=move |ev| {
                                if ev.key() == "Escape" {
                                    confirm_delete.set(None);
                                }
                            }
                        >
                            <p id="bekrafta-text">
                                {format!("Ta bort scenariot {name}? Dess ändringar försvinner (det går att ångra med Ctrl+Z).")}
                            </p>
                            <div class="row-actions">
                                <button type="button" class="danger" node_ref=confirm_button on:click=move |_| remove(id)>
                                    "Ja, ta bort"
                                </button>
                                <button type="button" on:click=move |_| confirm_delete.set(None)>"Avbryt"</button>
                            </div>
                        </div>
                    }
                })
        }}
        <div class="row-actions" role="group" aria-label="Nytt scenario">
            <label class="inline">
                "Nytt scenario "
                <input
                    type="text"
                    aria-label="Namn på nytt scenario"
                    data-testid="nytt-scenario-namn"
                    placeholder="t.ex. Staten −10 %"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            create();
                        }
                    }
                />
            </label>
            <button type="button" on:click=move |_| create()>"Skapa scenario"</button>
        </div>
        <p class="field-error" role="alert" data-testid="scenario-fel">{move || problem.get()}</p>
        <p class="status" role="status" data-testid="scenario-status">{move || status.get()}</p>
    }
}
