//! **Versioner** (docs/budget.md "Versioner"): adopt the draft (date, body, §, note) or save
//! it as a proposal, list the versions, start a draft from one, and see what changed between
//! two of them — per line, per municipality, equity and its ratio — printable on A4.
//!
//! Every rule is the engine's ([`Plan::freeze`], [`Plan::start_draft`], [`diff_plans`]); this
//! view only collects the input and shows the result. Adopting and starting a draft are not
//! edits of the plan's content, so they are not undone by "Ångra".

use leptos::prelude::*;
use samplan_engine::{
    diff::{diff_csv, diff_plans, DiffRow, DiffSection, PlanDiff},
    versions::{Decision, DecisionBody, VersionId, VersionRef},
    Plan,
};

use crate::components::{CsvExport, XlsxExport};
use crate::format;
use crate::print::print_page;
use crate::state::AppState;

/// A version choice as an `<option>` value: `utkast` or the version's id.
fn ref_value(r: VersionRef) -> String {
    match r {
        VersionRef::Version(id) => id.0.to_string(),
        _ => "utkast".to_string(),
    }
}

/// The text of a diff value: money in the chosen unit, the ratio in percent.
fn value_text(section: DiffSection, v: Option<rust_decimal::Decimal>) -> String {
    match (section, v) {
        (_, None) => "–".to_string(),
        (DiffSection::EkKvot, Some(p)) => format::percent(p),
        (_, Some(a)) => format::kr(samplan_engine::Amount(a)),
    }
}

/// The signed difference: `+350 000`, `−185 000`, or points for the ratio.
fn diff_text(section: DiffSection, d: rust_decimal::Decimal) -> String {
    match section {
        DiffSection::EkKvot => samplan_engine::format::format_signed_points(d),
        _ => samplan_engine::format::format_signed_kr_ore(d),
    }
}

/// The Versioner tab.
#[component]
pub fn VersionerView() -> impl IntoView {
    let state = AppState::expect();
    let plan = state.plan;
    let years = Memo::new(move |_| plan.with(|p| p.years.clone()));
    let year = RwSignal::new(None::<i32>);
    let date = RwSignal::new(String::new());
    let body = RwSignal::new(DecisionBody::Styrelse);
    let paragraph = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let chosen_year = move || {
        year.get()
            .or_else(|| years.with(|y| y.first().copied()))
            .unwrap_or_default()
    };

    let adopt = move |decided: bool| {
        let y = chosen_year();
        let decision = if decided {
            match Decision::new(
                &date.get_untracked(),
                body.get_untracked(),
                &paragraph.get_untracked(),
                &note.get_untracked(),
            ) {
                Ok(d) => Some(d),
                Err(e) => {
                    problem.set(Some(e.to_string()));
                    done.set(None);
                    return;
                }
            }
        } else {
            None
        };
        let mut result = Ok(VersionId(0));
        // Freezing stores a copy and locks the draft; the content is unchanged, so the kept
        // reports stay valid.
        if let Some(r) = state.change_versions(|b| b.freeze(y, decision)) {
            result = r;
        }
        match result {
            Ok(id) => {
                problem.set(None);
                done.set(Some(plan.with_untracked(|p| {
                    format!(
                        "Sparat som {}. Utkastet är låst tills du startar ett nytt. Ångra (Ctrl+Z) tar bort versionen igen.",
                        p.version_label(VersionRef::Version(id))
                    )
                })));
            }
            Err(e) => {
                problem.set(Some(e.to_string()));
                done.set(None);
            }
        }
    };

    let start = move |id: VersionId| {
        let mut result = Ok(());
        if let Some(r) = state.change_versions(|b| b.start_draft(id).map(|_| ())) {
            result = r;
        }
        match result {
            Ok(()) => {
                problem.set(None);
                done.set(Some(plan.with_untracked(|p| p.draft_status())));
            }
            Err(e) => {
                problem.set(Some(e.to_string()));
                done.set(None);
            }
        }
    };

    // The diff: from the latest adopted version (else the first version) to the draft.
    let from = RwSignal::new(None::<VersionRef>);
    let to = RwSignal::new(VersionRef::Draft);
    let default_from = move || {
        plan.with(|p| {
            p.latest_adopted_any()
                .or_else(|| p.versions.list.first())
                .map(|v| VersionRef::Version(v.id))
                .unwrap_or(VersionRef::Draft)
        })
    };
    let diff = Memo::new(move |_| -> Option<Result<PlanDiff, String>> {
        let f = from.get().unwrap_or_else(default_from);
        let t = to.get();
        plan.with(|p: &Plan| {
            if p.versions.list.is_empty() {
                return None;
            }
            let a = p.content_of(f).map_err(|e| e.to_string());
            let b = p.content_of(t).map_err(|e| e.to_string());
            Some(a.and_then(|a| {
                b.map(|b| diff_plans(&a, &b, &p.version_label(f), &p.version_label(t)))
            }))
        })
    });
    let options = Memo::new(move |_| {
        plan.with(|p| {
            let mut o = vec![(VersionRef::Draft, "Utkast".to_string())];
            o.extend(
                p.versions
                    .list
                    .iter()
                    .map(|v| (VersionRef::Version(v.id), v.label())),
            );
            o
        })
    });
    let parse_ref = |text: String| match text.parse::<u32>() {
        Ok(n) => VersionRef::Version(VersionId(n)),
        Err(_) => VersionRef::Draft,
    };
    let export = Callback::new(move |()| {
        diff.with_untracked(|d| match d {
            Some(Ok(d)) => samplan_engine::csv::write_csv(&diff_csv(d)),
            _ => Vec::new(),
        })
    });

    let export_xlsx = Callback::new(move |()| {
        diff.with_untracked(|d| match d {
            Some(Ok(d)) => samplan_engine::xlsx::export_diff_xlsx(d).map_err(|e| e.to_string()),
            _ => Err("ingen jämförelse att exportera".to_string()),
        })
    });

    view! {
        <section class="view versioner-view" aria-labelledby="versioner-rubrik">
            <h2 id="versioner-rubrik">"Versioner"</h2>
            <p data-testid="utkast-status" class="versioner-status">
                {move || plan.with(|p| p.draft_status())}
            </p>
            <fieldset class="versioner-anta pres-hide">
                <legend>"Anta utkastet eller spara det som förslag"</legend>
                <div class="form-row">
                    <div class="field">
                        <label for="version-ar">"Budgetår"</label>
                        <select
                            id="version-ar"
                            on:change=move |ev| year.set(event_target_value(&ev).parse().ok())
                        >
                            {move || {
                                let chosen = chosen_year();
                                years
                                    .get()
                                    .into_iter()
                                    .map(|y| view! { <option value=y.to_string() selected=y == chosen>{y}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                    <div class="field">
                        <label for="version-datum">"Beslutsdatum"</label>
                        <input
                            id="version-datum"
                            type="date"
                            prop:value=move || date.get()
                            on:input=move |ev| date.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="version-organ">"Beslutat av"</label>
                        <select
                            id="version-organ"
                            on:change=move |ev| {
                                if let Some(b) = DecisionBody::parse(&event_target_value(&ev)) {
                                    body.set(b);
                                }
                            }
                        >
                            {DecisionBody::ALL
                                .into_iter()
                                .map(|b| view! { <option value=b.label()>{b.label()}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="version-paragraf">"Paragraf (§)"</label>
                        <input
                            id="version-paragraf"
                            type="text"
                            inputmode="numeric"
                            prop:value=move || paragraph.get()
                            on:input=move |ev| paragraph.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="version-anteckning">"Anteckning (valfri)"</label>
                        <input
                            id="version-anteckning"
                            type="text"
                            prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))
                        />
                    </div>
                </div>
                <div class="row-actions">
                    <button type="button" class="primary" data-testid="anta-utkast" on:click=move |_| adopt(true)>
                        "Anta som beslutad"
                    </button>
                    <button type="button" data-testid="spara-forslag" on:click=move |_| adopt(false)>
                        "Spara som förslag"
                    </button>
                </div>
                {move || problem.get().map(|p| view! { <p class="problem" role="alert">{p}</p> })}
                {move || done.get().map(|d| view! { <p class="ok" role="status">{d}</p> })}
            </fieldset>

            <h3>"Sparade versioner"</h3>
            {move || {
                let rows = plan.with(|p| {
                    p.versions
                        .list
                        .iter()
                        .rev()
                        .map(|v| {
                            let status = if Some(v.id) == p.versions.locked {
                                "låst utkast"
                            } else if p.latest_adopted(v.year).map(|a| a.id) == Some(v.id) {
                                "gäller"
                            } else {
                                ""
                            };
                            (v.id, v.label(), v.long_label(), v.year, status)
                        })
                        .collect::<Vec<_>>()
                });
                if rows.is_empty() {
                    return view! { <p class="muted">"Inga versioner ännu: anta utkastet eller spara det som förslag."</p> }.into_any();
                }
                view! {
                    <table class="data versioner-lista" data-testid="versioner-lista">
                        <thead>
                            <tr>
                                <th scope="col">"Version"</th>
                                <th scope="col">"Beslut"</th>
                                <th scope="col" class="num">"År"</th>
                                <th scope="col">"Läge"</th>
                                <th scope="col" class="pres-hide">"Åtgärd"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|(id, label, long, y, status)| {
                                    let aria = format!("Starta ett nytt utkast från {label}");
                                    view! {
                                        <tr>
                                            <th scope="row">{label}</th>
                                            <td>{long}</td>
                                            <td class="num">{y}</td>
                                            <td>{status}</td>
                                            <td class="pres-hide">
                                                <button type="button" aria-label=aria on:click=move |_| start(id)>
                                                    "Starta utkast härifrån"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}

            <h3 id="andringar-rubrik">"Vad ändrades"</h3>
            <div class="form-row pres-hide" data-read="keep">
                <div class="field">
                    <label for="diff-fran">"Från"</label>
                    <select id="diff-fran" on:change=move |ev| from.set(Some(parse_ref(event_target_value(&ev))))>
                        {move || {
                            let chosen = from.get().unwrap_or_else(default_from);
                            options
                                .get()
                                .into_iter()
                                .map(|(r, l)| view! { <option value=ref_value(r) selected=r == chosen>{l}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="diff-till">"Till"</label>
                    <select id="diff-till" on:change=move |ev| to.set(parse_ref(event_target_value(&ev)))>
                        {move || {
                            let chosen = to.get();
                            options
                                .get()
                                .into_iter()
                                .map(|(r, l)| view! { <option value=ref_value(r) selected=r == chosen>{l}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="row-actions">
                    <button type="button" data-testid="diff-skriv-ut" on:click=move |_| print_page()>"Skriv ut"</button>
                    <CsvExport label="Exportera ändringar (CSV)" what="ändringar" bytes=export />
                    <XlsxExport label="Exportera ändringar (.xlsx)" what="ändringar" bytes=export_xlsx />
                </div>
            </div>
            {move || match diff.get() {
                None => view! { <p class="muted">"Spara en version för att se vad som ändrats."</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{e}</p> }.into_any(),
                Some(Ok(d)) if d.is_empty() => view! {
                    <p data-testid="diff-inga">{format!("Inga skillnader mellan {} och {}.", d.from_label, d.to_label)}</p>
                }.into_any(),
                Some(Ok(d)) => view! { <DiffTable diff=d /> }.into_any(),
            }}
        </section>
    }
}

/// The differences, by year: each section's rows and its sum.
#[component]
fn DiffTable(diff: PlanDiff) -> impl IntoView {
    let caption = format!("Från {} till {}", diff.from_label, diff.to_label);
    let mut rows: Vec<(DiffRow, bool)> = Vec::new();
    for (i, r) in diff.rows.iter().enumerate() {
        rows.push((r.clone(), false));
        let next = diff.rows.get(i + 1);
        if next.is_none_or(|n| n.section != r.section || n.year != r.year) {
            if let Some(s) = diff
                .sums
                .iter()
                .find(|s| s.section == r.section && s.year == r.year)
            {
                rows.push((s.clone(), true));
            }
        }
    }
    view! {
        <table class="data versioner-diff" data-testid="diff-tabell" aria-describedby="andringar-rubrik">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col" class="num">"År"</th>
                    <th scope="col">"Avsnitt"</th>
                    <th scope="col">"Vad"</th>
                    <th scope="col" class="num">"Från"</th>
                    <th scope="col" class="num">"Till"</th>
                    <th scope="col" class="num">"Skillnad"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(r, sum)| {
                        view! {
                            <tr class:sum=sum>
                                <td class="num">{r.year}</td>
                                <td>{r.section.label()}</td>
                                <th scope="row">{r.label.clone()}</th>
                                <td class="num">{if sum { String::new() } else { value_text(r.section, r.from) }}</td>
                                <td class="num">{if sum { String::new() } else { value_text(r.section, r.to) }}</td>
                                <td class="num">{diff_text(r.section, r.diff)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
