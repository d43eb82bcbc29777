//! **Scenarier** (docs/scenarios.md, 4.1): the plan's scenarios — create, rename, duplicate and delete
//! (after a confirmation), choose the **active** scenario (the one edited and shown; see
//! [`Choices`]), quick levers ("Staten −10 %", index all lines, copy a year forward) applied as
//! one undoable edit each, and two scenarios side by side with a difference column (b − a) per
//! key figure, member and line for the selected year. Every change goes through the app's edit
//! dispatch, so Ctrl+Z undoes it.

use leptos::html;
use leptos::prelude::*;
use rust_decimal::Decimal;
use samplan_engine::{
    compare, format_signed_money, format_signed_points, AmountDiff, Comparison, DisplayUnit, Edit,
    Lever, ScenarioId, Year, BASE_PLAN_NAME,
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

/// The scenarios with rename, duplicate and delete; a field to create a new one.
#[component]
fn ScenarioList() -> impl IntoView {
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
        let name = samplan_engine::clean_name(&name);
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

/// Quick levers on the active scenario and the selected year.
#[component]
fn Levers(
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
                    <input
                        id="snabbval-procent"
                        type="text"
                        inputmode="decimal"
                        class="num"
                        placeholder="t.ex. −10"
                        data-testid="snabbval-procent"
                        prop:value=move || percent.get()
                        on:input=move |ev| percent.set(event_target_value(&ev))
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

/// One row of a comparison table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRow {
    /// Row header.
    pub label: String,
    /// Member type (members only).
    pub kind: String,
    /// Test-id of the difference cell.
    pub testid: String,
    /// Texts of a, b and b − a.
    pub a: String,
    /// See `a`.
    pub b: String,
    /// See `a`.
    pub diff: String,
    /// Sign of the difference: −1, 0, 1.
    pub sign: i8,
}

fn sign_of(d: Decimal) -> i8 {
    if d > Decimal::ZERO {
        1
    } else if d < Decimal::ZERO {
        -1
    } else {
        0
    }
}

fn money_row(
    label: String,
    kind: String,
    testid: String,
    d: &AmountDiff,
    unit: DisplayUnit,
) -> CompareRow {
    CompareRow {
        label,
        kind,
        testid,
        a: format::money(d.a, unit),
        b: format::money(d.b, unit),
        diff: format_signed_money(d.diff.value(), unit),
        sign: sign_of(d.diff.value()),
    }
}

/// Test-id stem from a name: lower case, spaces as `-`.
fn slug(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// Key figures of `year` in both scenarios (pure).
pub fn key_figure_rows(c: &Comparison, year: Year, unit: DisplayUnit) -> Vec<CompareRow> {
    let Some(y) = c.years.iter().find(|y| y.year == year) else {
        return Vec::new();
    };
    let figures = [
        ("Medelstilldelning", "medelstilldelning", &y.total),
        ("Medlemmarna betalar", "medlemsbidrag", &y.member_income),
        ("Verksamhetens intäkter", "intakter", &y.operating_income),
        ("Verksamhetens kostnader", "kostnader", &y.operating_costs),
        (
            "Verksamhetens resultat",
            "verksamhetens-resultat",
            &y.operating_result,
        ),
        ("Årets resultat", "arets-resultat", &y.result),
        ("Eget kapital vid årets slut", "ek-ub", &y.equity),
    ];
    let mut rows: Vec<CompareRow> = Vec::new();
    // A year that cannot be computed in a scenario: say so first, its figures are not zeros.
    if y.error_a.is_some() || y.error_b.is_some() {
        rows.push(CompareRow {
            label: "Kan inte beräknas".to_string(),
            kind: String::new(),
            testid: "skillnad-fel".to_string(),
            a: y.error_a.clone().unwrap_or_default(),
            b: y.error_b.clone().unwrap_or_default(),
            diff: "–".to_string(),
            sign: 0,
        });
    }
    rows.extend(figures.into_iter().map(|(label, id, d)| {
        money_row(
            label.to_string(),
            String::new(),
            format!("skillnad-{id}"),
            d,
            unit,
        )
    }));
    let diff = y.ratio_b.zip(y.ratio_a).and_then(|(b, a)| b.checked_sub(a));
    rows.push(CompareRow {
        label: "Eget kapital i % av bas".to_string(),
        kind: String::new(),
        testid: "skillnad-ek-andel".to_string(),
        a: format::percent_opt(y.ratio_a),
        b: format::percent_opt(y.ratio_b),
        diff: diff
            .map(format_signed_points)
            .unwrap_or_else(|| "–".to_string()),
        sign: diff.map(sign_of).unwrap_or(0),
    });
    rows
}

/// Members of `year` in both scenarios (pure).
pub fn member_rows(c: &Comparison, year: Year, unit: DisplayUnit) -> Vec<CompareRow> {
    c.members
        .iter()
        .filter(|m| m.year == year)
        .map(|m| {
            money_row(
                m.name.clone(),
                m.kind.label().to_string(),
                format!("skillnad-medlem-{}", slug(&m.name)),
                &m.amount,
                unit,
            )
        })
        .collect()
}

/// Budget lines of `year` in both scenarios (pure).
pub fn line_rows(c: &Comparison, year: Year, unit: DisplayUnit) -> Vec<CompareRow> {
    c.lines
        .iter()
        .filter(|l| l.year == year)
        .map(|l| {
            money_row(
                l.name.clone(),
                String::new(),
                format!("skillnad-post-{}", slug(&l.name)),
                &l.amount,
                unit,
            )
        })
        .collect()
}

/// Two scenarios side by side for the selected year.
#[component]
fn Compare(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let unit = state.unit;
    let options = Memo::new(move |_| plan.with(scenario_options));
    let pair = Memo::new(move |_| choices.compared());
    let comparison = Memo::new(move |_| {
        let (a, b) = pair.get();
        plan.with(|p| compare(p, a, b))
    });
    let only_diffs = RwSignal::new(false);
    let names = Memo::new(move |_| {
        let (a, b) = pair.get();
        plan.with(|p| (p.scenario_name(a), p.scenario_name(b)))
    });

    let select = move |which: &'static str, label: &'static str| {
        let chosen = move || {
            let (a, b) = pair.get();
            if which == "a" {
                a
            } else {
                b
            }
        };
        view! {
            <div class="field">
                <label for=format!("jamfor-{which}")>{label}</label>
                <select
                    id=format!("jamfor-{which}")
                    data-testid=format!("jamfor-{which}")
                    data-presentation="keep"
                    on:change=move |ev| {
                        let id = parse_scenario_option(&event_target_value(&ev));
                        if which == "a" {
                            choices.set_compare_a(id);
                        } else {
                            choices.set_compare_b(id);
                        }
                    }
                >
                    {move || {
                        let current = chosen();
                        options
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                view! {
                                    <option value=scenario_option_value(id) selected=id == current>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };

    let table =
        move |title: &'static str,
              testid: &'static str,
              with_kind: bool,
              build: fn(&Comparison, Year, DisplayUnit) -> Vec<CompareRow>| {
            move || {
                let (y, u) = (year.get(), unit.get());
                let only = only_diffs.get();
                let (na, nb) = names.get();
                let rows: Vec<CompareRow> = comparison
                    .with(|c| build(c, y, u))
                    .into_iter()
                    .filter(|r| !only || r.sign != 0 || r.a != r.b)
                    .collect();
                let ul = u.label();
                let body = if rows.is_empty() {
                    view! { <tr><td colspan="5" class="muted">"Inga skillnader."</td></tr> }
                        .into_any()
                } else {
                    rows.into_iter()
                    .map(|r| {
                        view! {
                            <tr>
                                <th scope="row">{r.label}</th>
                                {with_kind.then(|| view! { <td class="pres-hide">{r.kind}</td> })}
                                <td class="num">{r.a}</td>
                                <td class="num">{r.b}</td>
                                <td
                                    class=match r.sign {
                                        1 => "num diff diff-pos",
                                        -1 => "num diff diff-neg",
                                        _ => "num diff",
                                    }
                                    data-testid=r.testid
                                >
                                    {r.diff}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
                    .into_any()
                };
                view! {
                    <table class="data compare-table" data-testid=testid>
                        <caption>{format!("{title} {y}: {na} jämfört med {nb}")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{if with_kind { "Medlem" } else { "" }}</th>
                                {with_kind.then(|| view! { <th scope="col" class="pres-hide">"Typ"</th> })}
                                <th scope="col" class="num">{format!("A: {na} ({ul})")}</th>
                                <th scope="col" class="num">{format!("B: {nb} ({ul})")}</th>
                                <th scope="col" class="num">{format!("Skillnad B − A ({ul})")}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                }
            }
        };

    view! {
        <h3 id="jamfor-rubrik">"Jämför två scenarier"</h3>
        <div class="form-row compare-controls">
            {select("a", "Scenario A")}
            {select("b", "Scenario B")}
            <label class="inline checkbox" data-presentation="keep">
                <input
                    type="checkbox"
                    data-testid="visa-bara-skillnader"
                    prop:checked=move || only_diffs.get()
                    on:change=move |ev| only_diffs.set(event_target_checked(&ev))
                />
                "Visa bara rader med skillnad"
            </label>
        </div>
        <p class="hint">
            "Skillnad = B − A för " {move || year.get()}
            ". Välj år i verktygsfältet. Positiv skillnad betyder mer i B."
        </p>
        <div class="compare-grid">
            {table("Nyckeltal", "jamforelse-nyckeltal", false, key_figure_rows)}
            {table("Medlemmar", "jamforelse-medlemmar", true, member_rows)}
            {table("Poster", "jamforelse-poster", false, line_rows)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samplan_engine::example_plan;

    #[test]
    fn comparison_rows_show_b_minus_a() {
        let plan = example_plan();
        let b = plan.scenarios[0].id;
        let c = compare(&plan, None, Some(b));
        let year = plan.years[1];
        let keys = key_figure_rows(&c, year, DisplayUnit::Kr);
        assert_eq!(keys.len(), 8);
        assert!(keys.iter().any(|r| r.sign != 0), "{keys:?}");
        let members = member_rows(&c, year, DisplayUnit::Kr);
        assert!(members.len() >= 12);
        let same = compare(&plan, Some(b), Some(b));
        assert!(member_rows(&same, year, DisplayUnit::Kr)
            .iter()
            .all(|r| r.sign == 0));
        assert!(!line_rows(&c, year, DisplayUnit::Kr).is_empty());
    }
}
