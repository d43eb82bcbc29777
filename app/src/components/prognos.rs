//! **Prognos** in Uppföljning (docs/budget.md "Prognos"): when the forecast was made, a
//! full-year forecast per line, and per line and subtotal budget, utfall t.o.m. the period,
//! prognos and avvikelse prognos − budget, with the year's equity on the forecast labelled
//! "prognos". The figures are the engine's [`forecast_follow_up`] and report.

use leptos::prelude::*;
use samplan_engine::{
    compute,
    figures::{forecast_follow_up, FollowUpRowKind, ForecastPeriod},
    versions::VersionId,
    Edit, Plan,
};

use crate::format;
use crate::state::AppState;

/// The forecast panel of the selected year (base plan).
#[component]
pub fn PrognosPanel() -> impl IntoView {
    let state = AppState::expect();
    let plan = state.plan;
    let unit = state.unit;
    let year = Memo::new(move |_| state.year());
    let problem = RwSignal::new(None::<String>);
    // What the forecast is compared with: an adopted version of the year (by default the one
    // in force) with today's outcome and forecasts, or the draft (`Some(None)`).
    let against = RwSignal::new(None::<Option<VersionId>>);
    let decisions = Memo::new(move |_| {
        let y = year.get();
        plan.with(|p| {
            p.adopted_of(y)
                .iter()
                .map(|v| (v.id, v.label()))
                .collect::<Vec<_>>()
        })
    });
    let chosen = move || {
        against.get().unwrap_or_else(|| {
            let y = year.get();
            plan.with(|p| p.latest_adopted(y).map(|v| v.id))
        })
    };
    // The compared plan and its report (the draft's is the kept one).
    let compared = Memo::new(move |_| {
        chosen().and_then(|id| {
            plan.with(|p: &Plan| {
                p.version(id).map(|v| {
                    let decided = p.with_known_outcome(&v.plan);
                    let report = compute(&decided);
                    (decided, report)
                })
            })
        })
    });
    let follow = Memo::new(move |_| {
        let y = year.get();
        let figures = |r: &samplan_engine::Report| {
            r.year(y)
                .and_then(|yr| yr.allocation.as_ref().ok())
                .map(|a| (a.total, a.members_total()))
                .unwrap_or_default()
        };
        compared.with(|c| match c {
            Some((decided, report)) => {
                let (total, paid) = figures(report);
                forecast_follow_up(decided, y, total, paid)
            }
            None => {
                let (total, paid) = state.report.with(figures);
                plan.with(|p| forecast_follow_up(p, y, total, paid))
            }
        })
    });
    let equity = Memo::new(move |_| {
        let y = year.get();
        let text = |r: &samplan_engine::Report| {
            r.year(y).filter(|yr| yr.equity.known).map(|yr| {
                format!(
                    "Eget kapital vid årets slut {y}: {} kr ({}), EK-kvot {}",
                    format::kr(yr.equity.closing),
                    yr.equity.basis.label(),
                    format::percent_opt(yr.equity.ratio)
                )
            })
        };
        compared.with(|c| match c {
            Some((_, report)) => text(report),
            None => state.report.with(text),
        })
    });
    let set_period = move |text: String| {
        let y = year.get_untracked();
        let period = ForecastPeriod::parse(&text);
        let edit = plan.with_untracked(|p| Edit::set_forecast_period(p, y, period));
        problem.set(state.apply(edit).err());
    };
    let set_forecast = move |line: samplan_engine::LineId, text: String| {
        let y = year.get_untracked();
        let t = text.trim();
        let value = if t.is_empty() {
            None
        } else {
            match format::parse_money_in(t, unit.get_untracked()) {
                Ok(a) => Some(a),
                Err(e) => {
                    problem.set(Some(e));
                    return;
                }
            }
        };
        problem.set(state.edit(|p| Edit::set_forecast(p, line, y, value)).err());
    };
    view! {
        <section class="prognos" aria-labelledby="prognos-rubrik" data-testid="prognos">
            <h3 id="prognos-rubrik">{move || follow.with(|f| format!("{} {}", f.heading(), f.year))}</h3>
            <div class="form-row pres-hide">
                <div class="field" data-read="keep">
                    <label for="prognos-mot">"Budget att jämföra med"</label>
                    <select
                        id="prognos-mot"
                        data-testid="prognos-mot"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            against.set(Some(v.parse::<u32>().ok().map(VersionId)));
                        }
                    >
                        {move || {
                            let current = chosen();
                            let mut options: Vec<(String, String, bool)> = decisions
                                .get()
                                .into_iter()
                                .map(|(id, l)| (id.0.to_string(), l, current == Some(id)))
                                .collect();
                            options.push(("utkast".into(), "Utkastet".into(), current.is_none()));
                            options
                                .into_iter()
                                .map(|(v, l, s)| view! { <option value=v selected=s>{l}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="prognos-period">"Prognosen gjord"</label>
                    <select id="prognos-period" on:change=move |ev| set_period(event_target_value(&ev))>
                        {move || {
                            let current = follow.with(|f| f.period.clone());
                            [("", "Ej angivet", None), ("T1", "T1", Some(ForecastPeriod::T1)), ("T2", "T2 (delår)", Some(ForecastPeriod::T2)), ("T3", "T3", Some(ForecastPeriod::T3))]
                                .into_iter()
                                .map(|(v, l, p)| view! { <option value=v selected=p == current>{l}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
            </div>
            {move || problem.get().map(|p| view! { <p class="problem" role="alert">{p}</p> })}
            <table class="data prognos-tabell" data-testid="prognos-tabell">
                <thead>
                    <tr>
                        <th scope="col">"Post"</th>
                        <th scope="col" class="num">{move || format::with_unit("Budget", unit.get())}</th>
                        <th scope="col" class="num">{move || format::with_unit("Utfall t.o.m. perioden", unit.get())}</th>
                        <th scope="col" class="num">{move || format::with_unit("Prognos helår", unit.get())}</th>
                        <th scope="col" class="num">{move || format::with_unit("Avvikelse prognos − budget", unit.get())}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let u = unit.get();
                        let y = year.get();
                        follow
                            .get()
                            .rows
                            .into_iter()
                            .filter(|r| r.kind != FollowUpRowKind::Heading)
                            .map(|r| {
                                let sum = r.kind != FollowUpRowKind::Line;
                                let forecast_cell = match (r.kind, r.line) {
                                    (FollowUpRowKind::Line, Some(id)) => {
                                        let typed = plan.with_untracked(|p| {
                                            p.line(id)
                                                .and_then(|l| l.outcome.get(&y))
                                                .and_then(|o| o.forecast)
                                        });
                                        let label = format!("Prognos {} {y}", r.label);
                                        view! {
                                            <input
                                                type="text"
                                                inputmode="decimal"
                                                class="num"
                                                aria-label=label
                                                placeholder=format::money(r.forecast, u)
                                                prop:value=typed.map(|a| format::money_edit(a, u)).unwrap_or_default()
                                                on:change=move |ev| set_forecast(id, event_target_value(&ev))
                                            />
                                        }
                                        .into_any()
                                    }
                                    _ => view! { {format::money(r.forecast, u)} }.into_any(),
                                };
                                view! {
                                    <tr class:sum=sum>
                                        <th scope="row">{r.label.clone()}</th>
                                        <td class="num">{format::money(r.budget, u)}</td>
                                        <td class="num">{if r.has_outcome { format::money(r.outcome, u) } else { "–".to_string() }}</td>
                                        <td class="num">{forecast_cell}</td>
                                        <td class="num">{samplan_engine::format::format_signed_money(r.deviation.value(), u)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <p data-testid="prognos-ek">{move || equity.get()}</p>
        </section>
    }
}
