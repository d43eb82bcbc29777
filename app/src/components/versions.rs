//! Versions in the views (docs/budget.md "Versioner", "Vyerna och beslutet"): the switch of
//! Uppföljning, Kommun and Eget kapital between the decision in force, an earlier decision and
//! the draft, what the view shows in words, and, for one municipality, what changed since the
//! version it was told about. The figures are the engine's ([`compute_view`],
//! [`Plan::view_options`], [`diff_plans`]).

use leptos::prelude::*;
use samplan_engine::{
    compute_view,
    diff::{diff_plans, DiffSection},
    versions::{VersionRef, ViewVersion},
    MemberId, Plan, ViewReport,
};

use crate::choices::Choices;
use crate::format;
use crate::state::AppState;

/// Why the switch is disabled while a scenario is active (docs/budget.md "Vyerna och beslutet").
pub const SCENARIO_ON_DRAFT: &str =
    "Scenariot räknas på utkastet. Välj Basplan för att se beslutet.";

/// The report a view shows under `choice` when it is not the draft's own: `None` for a plan
/// without decisions, for `Utkast`, or when every year shows the draft (the view then reads
/// the workbook's report, as before versions).
pub fn shown_report(p: &Plan, choice: ViewVersion) -> Option<ViewReport> {
    if choice == ViewVersion::Draft || !p.has_adopted() {
        return None;
    }
    Some(compute_view(p, choice)).filter(|v| !v.all_draft())
}

/// The version choice of Uppföljning, Kommun and Eget kapital: the one chosen in a view's
/// switch (one choice for the three views, [`Choices::view_version`]), the draft while a
/// scenario is active (a scenario applies to the draft only).
#[derive(Clone, Copy)]
pub struct ViewChoice {
    choices: Choices,
    state: AppState,
}

impl ViewChoice {
    /// The views' choice (call inside a view: it reads the context).
    pub fn new() -> Self {
        ViewChoice {
            choices: Choices::expect(),
            state: AppState::expect(),
        }
    }

    /// True when the view computes on the draft's own report (no decision shown): a plan
    /// without decisions, `Utkast`, or a scenario active (reactive).
    pub fn on_draft(&self) -> bool {
        let c = self.get();
        c == ViewVersion::Draft || !self.state.plan.with(|p| p.has_adopted())
    }

    /// The version the view computes on (reactive).
    pub fn get(&self) -> ViewVersion {
        if self.choices.scenario().is_some() {
            ViewVersion::Draft
        } else {
            self.choices.view_version()
        }
    }

    /// The report the view shows under its choice ([`shown_report`]); reactive.
    pub fn report(&self) -> Memo<Option<ViewReport>> {
        let this = *self;
        let state = self.state;
        Memo::new(move |_| {
            let c = this.get();
            state.plan.with(|p| shown_report(p, c))
        })
    }
}

impl Default for ViewChoice {
    fn default() -> Self {
        ViewChoice::new()
    }
}

/// The version switch of a view ("Budget som visas": `Beslutad (gäller): …`, each earlier
/// decision of the selected year, `Utkast`) and what the view shows, in words. Nothing for a
/// plan without an adopted version; disabled, saying why, while a scenario is active.
#[component]
pub fn VersionSwitch(
    /// The view's choice.
    choice: ViewChoice,
    /// The select's id (unique on the page).
    id: &'static str,
    /// True for a view over all years (Kommun, Eget kapital).
    #[prop(optional)]
    across: bool,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let year = Memo::new(move |_| state.year());
    let options = Memo::new(move |_| {
        let y = year.get();
        state.plan.with(|p| {
            if across {
                p.view_options_across(y)
            } else {
                p.view_options(y)
            }
        })
    });
    let scenario = Memo::new(move |_| choices.scenario().is_some());
    let note = Memo::new(move |_| {
        let (y, c) = (year.get(), choice.get());
        state.plan.with(|p| p.view_note(y, c))
    });
    let hint_id = format!("{id}-text");
    move || {
        let opts = options.get();
        let text = if scenario.get() {
            state
                .plan
                .with(|p| p.has_adopted())
                .then(|| SCENARIO_ON_DRAFT.to_string())
        } else {
            note.get()
        };
        let hint = text.map(|t| {
            view! { <p class="hint version-visas" id=hint_id.clone() data-testid="version-visas">{t}</p> }
        });
        if opts.is_empty() {
            return view! { {hint} }.into_any();
        }
        let selected = {
            let (y, c) = (year.get(), choice.get());
            state.plan.with(|p| p.view_choice_for(y, c))
        };
        let disabled = scenario.get();
        view! {
            <div class="form-row version-val pres-hide">
                <div class="field" data-read="keep">
                    <label for=id>"Budget som visas"</label>
                    <select
                        id=id
                        data-testid="version-val"
                        aria-describedby=hint_id.clone()
                        prop:disabled=disabled
                        on:change=move |ev| {
                            choice.choices.set_view_version(ViewVersion::from_option_value(&event_target_value(&ev)));
                        }
                    >
                        {opts
                            .into_iter()
                            .map(|o| {
                                let s = o.choice == selected;
                                view! { <option value=o.choice.option_value() selected=s>{o.label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            {hint}
        }
        .into_any()
    }
}

/// What changed for `member` since the latest adopted version: its payment per year and the
/// funding, each from → to. In the shared Kommun file this is "what changed since we were
/// told" (the file carries the plan's versions).
#[component]
pub fn ChangeSinceDecided(member: Memo<Option<MemberId>>) -> impl IntoView {
    let state = AppState::expect();
    let rows = Memo::new(move |_| {
        let id = member.get()?;
        state.plan.with(|p| {
            let name = p.member(id)?.name.clone();
            let v = p.latest_adopted_any()?;
            let decided = p.content_of(VersionRef::Version(v.id)).ok()?;
            let d = diff_plans(&decided, &p.content(), &v.label(), "planen nu");
            let lines: Vec<String> = d
                .for_member(&name)
                .map(|r| {
                    let what = match r.section {
                        DiffSection::Medelstilldelning => "Medelstilldelning".to_string(),
                        _ => format!("{name} betalar"),
                    };
                    let from = r
                        .from
                        .map(|a| format::kr(samplan_engine::Amount(a)))
                        .unwrap_or_else(|| "–".into());
                    let to =
                        r.to.map(|a| format::kr(samplan_engine::Amount(a)))
                            .unwrap_or_else(|| "–".into());
                    format!(
                        "{} {what}: {from} → {to} kr ({} kr)",
                        r.year,
                        samplan_engine::format::format_signed_kr_ore(r.diff)
                    )
                })
                .collect();
            Some((v.label(), lines))
        })
    });
    move || {
        rows.get().map(|(label, lines)| {
            let heading = format!("Ändrat sedan {label}");
            view! {
                <section class="kommun-andrat" data-testid="kommun-andrat" aria-labelledby="kommun-andrat-rubrik">
                    <h3 id="kommun-andrat-rubrik">{heading}</h3>
                    {if lines.is_empty() {
                        view! { <p>"Inga ändringar för kommunen sedan beslutet."</p> }.into_any()
                    } else {
                        view! {
                            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        }
                        .into_any()
                    }}
                </section>
            }
        })
    }
}
