//! "Ny plan" (docs/app.md): a short form asking what a treasurer knows — the plan's name, the
//! last decided year (the base year) and its *medelstilldelning*, how many plan years follow,
//! the first plan year's *medelstilldelning*, the key between the municipalities with the
//! source and date of its figures, and optionally a members CSV. The engine builds the plan
//! ([`Plan::from_seed`]) and checks the form; each problem is shown at its field.

use leptos::html;
use leptos::prelude::*;
use samplan_engine::{
    allocation::{Key, KeyMethod},
    csv::{read_members_csv, MembersImport},
    input::{parse_amount, parse_count},
    new_plan::{
        FirstYearFunding, NewPlanField, NewPlanSeed, DEFAULT_NEW_PLAN_YEARS, MAX_NEW_PLAN_YEARS,
    },
    Plan,
};

use crate::files;
use crate::format;
use crate::session::Session;
use crate::state::AppState;

/// The key choices of the form: value, label, key.
fn key_choices() -> [(&'static str, &'static str, Key); 4] {
    [
        ("invanare", "Invånare", Key::single(KeyMethod::Population)),
        ("lika", "Lika delar", Key::single(KeyMethod::Equal)),
        (
            "andel",
            "Andel (procent per kommun)",
            Key::single(KeyMethod::Percent),
        ),
        ("belopp", "Belopp (kronor per kommun)", Key::Amount),
    ]
}

/// The current calendar year: the default base year (this year's budget is decided).
fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// The new-plan form as a dialog; `open` shows it.
#[component]
pub fn NewPlanDialog(
    /// True while the dialog is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let session = Session::expect();
    let state = AppState::expect();
    let name = RwSignal::new(String::new());
    let base_year = RwSignal::new(this_year().to_string());
    let base_funding = RwSignal::new(String::new());
    let base_equity = RwSignal::new(String::new());
    let plan_years = RwSignal::new(DEFAULT_NEW_PLAN_YEARS.to_string());
    let first_mode = RwSignal::new("samma".to_string());
    let first_percent = RwSignal::new(String::new());
    let first_amount = RwSignal::new(String::new());
    let key = RwSignal::new("invanare".to_string());
    let source = RwSignal::new(String::new());
    let source_date = RwSignal::new(String::new());
    let members = RwSignal::new(None::<(String, MembersImport)>);
    let members_text = RwSignal::new(None::<Result<String, String>>);
    let errors = RwSignal::new(Vec::<(NewPlanField, String)>::new());
    let name_input = NodeRef::<html::Input>::new();

    Effect::new(move |_| {
        if open.get() {
            if let Some(el) = name_input.get() {
                let _ = el.focus();
            }
        }
    });

    let reset = move || {
        name.set(String::new());
        base_year.set(this_year().to_string());
        base_funding.set(String::new());
        base_equity.set(String::new());
        plan_years.set(DEFAULT_NEW_PLAN_YEARS.to_string());
        first_mode.set("samma".into());
        first_percent.set(String::new());
        first_amount.set(String::new());
        key.set("invanare".into());
        source.set(String::new());
        source_date.set(String::new());
        members.set(None);
        members_text.set(None);
        errors.set(Vec::new());
    };
    let close = move || {
        reset();
        open.set(false);
    };
    let error_of = move |field: NewPlanField| {
        errors.with(|list| {
            list.iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, e)| e.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };

    let on_members = move |ev: leptos::ev::Event| {
        files::on_file_chosen(&ev, move |file_name, read| {
            let parsed =
                read.and_then(|bytes| read_members_csv(&bytes, None).map_err(|e| e.to_string()));
            match parsed {
                Ok(import) => {
                    members_text.set(Some(Ok(format!(
                        "\"{file_name}\": {} medlemmar, fördelningsnyckel {}.",
                        import.members.len(),
                        import.kommun_key.label()
                    ))));
                    members.set(Some((file_name, import)));
                }
                Err(e) => {
                    members.set(None);
                    members_text.set(Some(Err(format!("\"{file_name}\" kunde inte läsas: {e}"))));
                }
            }
        });
    };

    let create = move || {
        let mut problems = Vec::new();
        let mut seed = NewPlanSeed::with_defaults(this_year());
        seed.name = name.get_untracked();
        match parse_count(&base_year.get_untracked())
            .ok()
            .and_then(|y| i32::try_from(y).ok())
        {
            Some(y) => seed.base_year = y,
            None => problems.push((
                NewPlanField::BaseYear,
                "Skriv basåret som ett årtal, t.ex. 2025.".to_string(),
            )),
        }
        let amount = |text: String| {
            if text.trim().is_empty() {
                Ok(samplan_engine::Amount::ZERO)
            } else {
                parse_amount(&text).map_err(|e| e.message())
            }
        };
        match amount(base_funding.get_untracked()) {
            Ok(a) => seed.base_funding = a,
            Err(e) => problems.push((NewPlanField::BaseFunding, e)),
        }
        // Optional: empty = not known (the equity then waits for a result, docs/equity.md).
        let equity_text = base_equity.get_untracked();
        if !equity_text.trim().is_empty() {
            match parse_amount(&equity_text) {
                Ok(a) => seed.base_closing_equity = Some(a),
                Err(e) => problems.push((NewPlanField::BaseClosingEquity, e.message())),
            }
        }
        match parse_count(&plan_years.get_untracked())
            .ok()
            .and_then(|n| u32::try_from(n).ok())
        {
            Some(n) => seed.plan_years = n,
            None => problems.push((
                NewPlanField::PlanYears,
                format!("Välj 1–{MAX_NEW_PLAN_YEARS} planår."),
            )),
        }
        seed.first_funding = match first_mode.get_untracked().as_str() {
            "procent" => match format::parse_percent_text(&first_percent.get_untracked()) {
                Ok(p) => FirstYearFunding::PlusPercent(p),
                Err(e) => {
                    problems.push((NewPlanField::FirstFunding, e));
                    FirstYearFunding::SameAsBase
                }
            },
            "belopp" => match amount(first_amount.get_untracked()) {
                Ok(a) => FirstYearFunding::Total(a),
                Err(e) => {
                    problems.push((NewPlanField::FirstFunding, e));
                    FirstYearFunding::SameAsBase
                }
            },
            _ => FirstYearFunding::SameAsBase,
        };
        let chosen = key.get_untracked();
        if let Some((_, _, k)) = key_choices().into_iter().find(|(v, _, _)| *v == chosen) {
            seed.kommun_key = k;
        }
        seed.source = source.get_untracked();
        seed.source_date = source_date.get_untracked();
        seed.members = members.get_untracked().map(|(_, m)| m);
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        match Plan::from_seed(&seed) {
            Ok(plan) => {
                let first_plan_year = plan.years.get(1).copied();
                session.open_new(state, plan, false);
                state.chosen_year.set(first_plan_year);
                close();
                // Focus follows the action: the new plan's first heading.
                crate::components::focus_view_heading();
            }
            Err(list) => errors.set(list.iter().map(|e| (e.field(), e.to_string())).collect()),
        }
    };

    let text_field = move |id: &'static str,
                           label: &'static str,
                           value: RwSignal<String>,
                           placeholder: &'static str,
                           field: Option<NewPlanField>| {
        let error_id = format!("{id}-fel");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="text"
                    placeholder=placeholder
                    aria-describedby=error_id.clone()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <span class="field-error" id=error_id role="alert">
                    {move || field.map(error_of).unwrap_or_default()}
                </span>
            </div>
        }
    };

    // A number of the form: the one number field ([`LiveInput`](crate::components::LiveInput)),
    // checked as it is typed with the engine's parser; a problem the last "Skapa plan" found at
    // this field goes as soon as the field is typed in again.
    let number_field = move |id: &'static str,
                             label: &'static str,
                             value: RwSignal<String>,
                             placeholder: &'static str,
                             field: Option<NewPlanField>,
                             check: fn(&str) -> Result<(), String>| {
        let on_text = Callback::new(move |text: String| {
            value.set(text.clone());
            if let Some(f) = field {
                if errors.with_untracked(|e| e.iter().any(|(g, _)| *g == f)) {
                    errors.update(|e| e.retain(|(g, _)| *g != f));
                }
            }
            if text.trim().is_empty() {
                Ok(())
            } else {
                check(&text)
            }
        });
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <crate::components::LiveInput
                    id=id
                    class="num"
                    placeholder=placeholder
                    value=Signal::derive(move || value.get())
                    on_text=on_text
                />
                <span class="field-error" role="alert">
                    {move || field.map(error_of).unwrap_or_default()}
                </span>
            </div>
        }
    };
    let check_year = |t: &str| {
        parse_count(t)
            .map(|_| ())
            .map_err(|_| "Skriv basåret som ett årtal, t.ex. 2025.".to_string())
    };
    let check_amount = |t: &str| parse_amount(t).map(|_| ()).map_err(|e| e.message());
    let check_percent = |t: &str| format::parse_percent_text(t).map(|_| ());

    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop">
                <div
                    class="dialog new-plan"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="ny-plan-rubrik"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            close();
                        }
                    }
                >
                    <h2 id="ny-plan-rubrik">"Ny plan"</h2>
                    <p class="hint">
                        "Fyll i det du vet. Basåret är det senast beslutade året; planen räknar planåren efter det. Allt kan ändras senare."
                    </p>
                    <form on:submit=move |ev| {
                        ev.prevent_default();
                        create();
                    }>
                        <div class="field">
                            <label for="ny-plan-namn">"Planens namn"</label>
                            <input
                                id="ny-plan-namn"
                                type="text"
                                node_ref=name_input
                                placeholder="t.ex. Samordningsförbundet Norra Länet"
                                aria-describedby="ny-plan-namn-fel"
                                prop:value=move || name.get()
                                on:input=move |ev| name.set(event_target_value(&ev))
                            />
                            <span class="field-error" id="ny-plan-namn-fel" role="alert">
                                {move || error_of(NewPlanField::Name)}
                            </span>
                        </div>
                        <div class="form-row">
                            {number_field("ny-plan-basar", "Basår (senast beslutade år)", base_year, "", Some(NewPlanField::BaseYear), check_year)}
                            {number_field("ny-plan-medel-basar", "Medelstilldelning basåret (kr)", base_funding, "0", Some(NewPlanField::BaseFunding), check_amount)}
                            {number_field("ny-plan-ek-basar", "Eget kapital vid basårets slut (kr, valfritt, från årsredovisningen)", base_equity, "", Some(NewPlanField::BaseClosingEquity), check_amount)}
                            <div class="field">
                                <label for="ny-plan-planar">"Antal planår efter basåret"</label>
                                <select
                                    id="ny-plan-planar"
                                    on:change=move |ev| plan_years.set(event_target_value(&ev))
                                >
                                    {(1..=MAX_NEW_PLAN_YEARS)
                                        .map(|n| {
                                            let v = n.to_string();
                                            let selected = plan_years.get_untracked() == v;
                                            view! { <option value=v.clone() selected=selected>{v.clone()}</option> }
                                        })
                                        .collect_view()}
                                </select>
                                <span class="field-error" role="alert">{move || error_of(NewPlanField::PlanYears)}</span>
                            </div>
                        </div>
                        <fieldset>
                            <legend>"Medelstilldelning första planåret"</legend>
                            {[("samma", "Samma som basåret"), ("procent", "Basåret + procent"), ("belopp", "Belopp")]
                                .into_iter()
                                .map(|(v, label)| view! {
                                    <label class="inline">
                                        <input
                                            type="radio"
                                            name="ny-plan-forsta"
                                            value=v
                                            prop:checked=move || first_mode.get() == v
                                            on:change=move |_| first_mode.set(v.to_string())
                                        />
                                        " " {label}
                                    </label>
                                })
                                .collect_view()}
                            <Show when=move || first_mode.get() == "procent">
                                {number_field("ny-plan-procent", "Förändring mot basåret (%)", first_percent, "t.ex. 2,5", Some(NewPlanField::FirstFunding), check_percent)}
                            </Show>
                            <Show when=move || first_mode.get() == "belopp">
                                {number_field("ny-plan-medel-forsta", "Medelstilldelning första planåret (kr)", first_amount, "0", Some(NewPlanField::FirstFunding), check_amount)}
                            </Show>
                        </fieldset>
                        <div class="form-row">
                            <div class="field">
                                <label for="ny-plan-nyckel">"Fördelningsnyckel mellan kommunerna"</label>
                                <select id="ny-plan-nyckel" on:change=move |ev| key.set(event_target_value(&ev))>
                                    {key_choices()
                                        .into_iter()
                                        .map(|(v, label, _)| view! { <option value=v selected=move || key.get() == v>{label}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            {text_field("ny-plan-kalla", "Källa för nyckeltalen", source, "t.ex. SCB", None)}
                            {text_field("ny-plan-datum", "Datum för nyckeltalen", source_date, "ÅÅÅÅ-MM-DD", None)}
                        </div>
                        <div class="field">
                            <label for="ny-plan-medlemmar">"Medlemslista (CSV, valfritt)"</label>
                            <input
                                id="ny-plan-medlemmar"
                                type="file"
                                accept=".csv,text/csv,text/plain"
                                aria-describedby="ny-plan-medlemmar-hjalp"
                                on:change=on_members
                            />
                            <crate::components::MembersCsvHelp id="ny-plan-medlemmar-hjalp" />
                            {move || members_text.get().map(|r| match r {
                                Ok(t) => view! { <span class="hint" role="status">{t}</span> }.into_any(),
                                Err(e) => view! { <span class="field-error" role="alert">{e}</span> }.into_any(),
                            })}
                            <span class="field-error" role="alert">{move || error_of(NewPlanField::Members)}</span>
                        </div>
                        <div class="row-actions">
                            <button type="submit" class="primary">"Skapa plan"</button>
                            <button type="button" on:click=move |_| close()>"Avbryt"</button>
                        </div>
                    </form>
                </div>
            </div>
        </Show>
    }
}
