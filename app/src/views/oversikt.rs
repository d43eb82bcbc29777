//! **Översikt** (docs/app.md): the plan's name, the key figures of the selected year and every
//! warning of the engine's report, for the **active scenario** ([`Choices`]).

use leptos::prelude::*;
use samplan_engine::{
    figures::{CostGroup, ResultBasis},
    DistributionBase, Edit, Setting, Severity,
};

use crate::choices::Choices;
use crate::components::{CsvExport, LiveInput};
use crate::format;
use crate::state::{report_problem, AppState};

/// The Översikt tab.
#[component]
pub fn OversiktView() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let unit = state.unit;
    let year = Memo::new(move |_| state.year());

    let name = Signal::derive(move || plan.with(|p| p.settings.name.clone()));
    let on_name = Callback::new(move |text: String| {
        let t = text.trim().to_string();
        if t.is_empty() {
            return Err("planen måste ha ett namn".to_string());
        }
        state.apply_live("namn", |p| Edit::set_setting(p, None, Setting::Name(t)))
    });
    let done = Callback::new(move |()| state.close_group());

    // (label, value, test id) of the key figures.
    let figures = Memo::new(move |_| {
        let y = year.get();
        let u = unit.get();
        choices.report.with(|r| {
            let Some(yr) = r.year(y) else {
                return Vec::new();
            };
            let b = &yr.budget;
            let money = |a| format::money(a, u);
            // Figures that depend on the year's funding are unknown when it fails ("–", and
            // the error is shown above the figures).
            let ok = yr.allocation.is_ok();
            let e = &yr.equity;
            // A year without budget lines or outcome has no result (docs/equity.md): its
            // "result" would be the whole funding as surplus.
            let has_result = ok && !e.no_budget;
            let shown = |on: bool, a| if on { money(a) } else { "–".to_string() };
            let ratio = if !e.known {
                "–".to_string()
            } else if e.base_assumed {
                format!("{} (antagande)", format::percent_opt(e.ratio))
            } else {
                format::percent_opt(e.ratio)
            };
            let basis = match e.basis {
                _ if e.no_result => "inget resultat",
                ResultBasis::Budget => "budget",
                ResultBasis::Outcome => "utfall",
                ResultBasis::Typed => "angivet resultat",
                ResultBasis::ClosingEquity => "angivet eget kapital vid årets slut",
                ResultBasis::Forecast => "prognos",
            };
            let paid = yr
                .allocation
                .as_ref()
                .map(|a| money(a.members_total()))
                .unwrap_or_else(|_| "–".into());
            let mut out = vec![
                (
                    "Medelstilldelning",
                    yr.total.map(money).unwrap_or_else(|| "–".into()),
                    "medelstilldelning",
                ),
                (
                    "Medlemsbidrag i budgeten",
                    shown(ok, b.member_income),
                    "medlemsbidrag",
                ),
                (
                    "Medlemmarna betalar (inkl. avrundning)",
                    paid,
                    "medlemmarna-betalar",
                ),
                (
                    "Verksamhetens intäkter",
                    shown(ok, b.operating_income),
                    "intakter",
                ),
                (
                    "Verksamhetens kostnader",
                    money(b.operating_costs),
                    "kostnader",
                ),
                (
                    "Verksamhetens resultat",
                    shown(has_result, b.operating_result),
                    "verksamhetens-resultat",
                ),
                (
                    "Årets resultat (budget)",
                    shown(has_result, b.result),
                    "arets-resultat",
                ),
                (
                    "Planerat nyttjande av eget kapital",
                    shown(has_result, b.planned_equity_use),
                    "nyttjande",
                ),
                (
                    "Eget kapital vid årets slut",
                    if e.known {
                        money(e.closing)
                    } else {
                        "–".into()
                    },
                    "ek-ub",
                ),
                ("Eget kapital i % av bas", ratio, "ek-andel"),
                ("Eget kapital räknas på", basis.to_string(), "resultatbas"),
            ];
            let d = &yr.distribution;
            out.push((
                "Direkta insatskostnader (andel)",
                format::percent_opt(d.direct.one_decimal()),
                "andel-direkta",
            ));
            for g in [
                CostGroup::Individinsatser,
                CostGroup::Strukturpaverkande,
                CostGroup::Processtod,
                CostGroup::Administration,
            ] {
                let slug = match g {
                    CostGroup::Individinsatser => "andel-individ",
                    CostGroup::Strukturpaverkande => "andel-struktur",
                    CostGroup::Processtod => "andel-processtod",
                    CostGroup::Administration => "andel-administration",
                };
                out.push((
                    g.label(),
                    format::percent_opt(d.group(g).one_decimal()),
                    slug,
                ));
            }
            out
        })
    });
    let year_error = Memo::new(move |_| {
        let y = year.get();
        choices.report.with(|r| {
            r.year(y)
                .and_then(|yr| yr.allocation.as_ref().err())
                .map(|e| {
                    (
                        e.awaits_input(),
                        samplan_engine::allocation::allocation_problem_text(y, e),
                    )
                })
        })
    });
    // The plan has years without any result: said first, until budget lines or a typed
    // result / closing equity resolve it.
    let no_result = move || {
        choices.report.with(|r| {
            r.warnings
                .iter()
                .find(|w| matches!(w, samplan_engine::Warning::NoResult { .. }))
                .map(|w| w.message())
        })
    };
    let dist_base = Memo::new(move |_| plan.with(|p| p.settings.distribution_base));
    let dist_caption = Memo::new(move |_| {
        let y = year.get();
        choices.report.with(|r| {
            r.year(y)
                .map(|yr| yr.distribution.caption())
                .unwrap_or_default()
        })
    });
    let set_dist_base = move |v: String| {
        let b = match v.as_str() {
            "netto" => DistributionBase::NetCosts,
            "medelstilldelning" => DistributionBase::Allocation,
            _ => DistributionBase::GrossCosts,
        };
        report_problem(state.edit(|p| Edit::set_setting(p, None, Setting::DistributionBase(b))));
    };
    let warnings = Memo::new(move |_| {
        choices.report.with(|r| {
            r.warnings
                .iter()
                .map(|w| (w.severity(), w.title(), w.message()))
                .collect::<Vec<_>>()
        })
    });

    let export_distribution = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| samplan_engine::csv::export_distribution_csv(p, scenario))
    });
    let export_report = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        let text = plan.with_untracked(|p| {
            let name = scenario.map(|id| p.scenario_name(Some(id)));
            samplan_engine::csv::report_to_csv(p, None, name.as_deref())
        });
        // The key figures file is for Excel too: add the BOM Excel needs to see UTF-8.
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(text.unwrap_or_default().into_bytes());
        bytes
    });
    view! {
        <section class="view" aria-labelledby="oversikt-rubrik">
            <h2 id="oversikt-rubrik">"Översikt " {move || year.get()}</h2>
            {move || no_result().map(|m| view! { <p class="problem" role="alert" data-testid="resultat-saknas">{m}</p> })}
            <div class="form-row">
                <div class="field">
                    <label for="plan-namn">"Planens namn"</label>
                    <LiveInput id="plan-namn" value=name on_text=on_name on_done=done />
                </div>
            </div>
            <div class="row-actions">
                <CsvExport label="Exportera nyckeltal (CSV)" what="nyckeltal" bytes=export_report />
                <CsvExport label="Exportera kostnadsfördelning (CSV)" what="kostnadsfördelning" bytes=export_distribution />
            </div>
            <h3>
                "Nyckeltal " {move || year.get()} " (" {move || unit.get().label()} ")"
                {move || choices.scenario().map(|_| format!(" – {}", choices.scenario_name()))}
            </h3>
            {move || year_error.get().map(|(hint, msg)| if hint { view! { <p class="hint" role="status">{msg}</p> }.into_any() } else { view! { <p class="problem" role="alert">{msg}</p> }.into_any() })}
            <dl class="figures">
                {move || {
                    figures
                        .get()
                        .into_iter()
                        .map(|(label, value, id)| {
                            view! {
                                <div>
                                    <dt>{label}</dt>
                                    <dd data-testid=format!("nyckeltal-{id}")>{value}</dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
            <div class="form-row">
                <div class="field">
                    <label for="kostnadsfordelning-bas">"Kostnadsfördelningen räknas som"</label>
                    <select
                        id="kostnadsfordelning-bas"
                        prop:value=move || match dist_base.get() {
                            DistributionBase::GrossCosts => "brutto",
                            DistributionBase::NetCosts => "netto",
                            DistributionBase::Allocation => "medelstilldelning",
                        }
                        on:change=move |ev| set_dist_base(event_target_value(&ev))
                    >
                        {[
                            ("brutto", DistributionBase::GrossCosts, "Andel av kostnaderna (brutto)"),
                            ("netto", DistributionBase::NetCosts, "Andel av kostnaderna netto (övriga intäkter avräknade)"),
                            ("medelstilldelning", DistributionBase::Allocation, "Andel av medelstilldelningen"),
                        ]
                            .into_iter()
                            .map(|(v, b, text)| view! { <option value=v selected=move || dist_base.get() == b>{text}</option> })
                            .collect_view()}
                    </select>
                    <p class="hint" data-testid="kostnadsfordelning-bas">{move || dist_caption.get()}</p>
                </div>
            </div>
            <h3 id="varningar-rubrik">"Varningar"</h3>
            {move || {
                let list = warnings.get();
                if list.is_empty() {
                    view! { <p class="muted">"Inga varningar."</p> }.into_any()
                } else {
                    view! {
                        <ul class="warnings" aria-labelledby="varningar-rubrik" data-testid="varningar">
                            {list
                                .into_iter()
                                .map(|(severity, title, message)| {
                                    let class = match severity {
                                        Severity::Error => "error",
                                        Severity::Warning => "warning",
                                        Severity::Info => "info",
                                    };
                                    view! {
                                        <li class=class>
                                            <strong>{title} ": "</strong>
                                            {message}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            {crate::components::cost_distribution_chart_view()}
        </section>
    }
}
