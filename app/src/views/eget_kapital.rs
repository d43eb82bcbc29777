//! **Eget kapital** (docs/equity.md, 4.1): the multi-year equity forecast — medelstilldelning,
//! costs, result, EK IB/UB, the ratio against the ceiling and the floor, with flags — from the
//! engine's report. Opening equity, ceiling, floor, capital contributions and actual results
//! are edited here.
//!
//! The figures are the **active scenario**'s ([`Choices`]); the inputs here are not scenario
//! overrides, so they change the base plan (marked "gäller alla scenarier").

use leptos::prelude::*;
use samplan_engine::{
    figures::ResultBasis, format::DisplayUnit, input::parse_percent, Amount, Edit, EquityBase,
    Report, Setting, Year,
};

use crate::choices::Choices;
use crate::components::write_cells;
use crate::components::{
    shared_title, CellWrite, CsvExport, Grid, GridCell, GridColumn, GridRow, LiveInput, RowKind,
    ScenarioNote, SharedNote, VersionSwitch, ViewChoice, WriteErrors, XlsxExport,
};
use crate::format;
use crate::state::{report_problem, AppState};

/// Column of the capital contribution input.
const COL_CONTRIBUTION: usize = 4;
/// Column of the actual result input.
const COL_ACTUAL: usize = 5;
/// Column of the typed closing equity (from the annual report).
const COL_CLOSING: usize = 6;

fn money_cell(a: Amount, unit: DisplayUnit) -> GridCell {
    GridCell::read_only(format::money(a, unit), format::money_copy(a, unit))
}

fn opt_money_cell(a: Option<Amount>, unit: DisplayUnit) -> GridCell {
    a.map(|a| money_cell(a, unit))
        .unwrap_or_else(|| GridCell::read_only("–", ""))
}

/// The years that show a decision (their capital contribution is the decision's, read-only),
/// when the plan has decisions.
type Sources = Vec<Year>;

fn rows_of(
    report: &Report,
    unit: DisplayUnit,
    sources: Option<&Sources>,
) -> (Vec<GridRow>, Vec<Year>) {
    let mut rows = Vec::new();
    let mut years = Vec::new();
    for (m, yr) in report.multi_year.iter().zip(&report.years) {
        let e = &yr.equity;
        let y = m.year;
        let edit_money = |a: Option<Amount>, label: String| match a {
            Some(a) => GridCell::editable(
                format::money(a, unit),
                format::money_edit(a, unit),
                format::money_copy(a, unit),
                label,
            ),
            None => GridCell::editable("", "", "", label),
        };
        let error = match (&yr.allocation, m.known) {
            (_, true) => None,
            (Err(e), false) => Some(format!("Kan inte beräknas: {e}")),
            (Ok(_), false) => Some(format!(
                "Kan inte beräknas: {}",
                e.unknown_reason().unwrap_or_default()
            )),
        };
        let flags = m.flags();
        let flag_text = error.clone().unwrap_or_else(|| flags.join(", "));
        let ratio = if !m.known {
            "–".to_string()
        } else if e.base_assumed {
            format!("{} (antagande)", format::percent_opt(m.ratio))
        } else {
            format::percent_opt(m.ratio)
        };
        let basis = match e.basis {
            ResultBasis::Budget => "Budget",
            ResultBasis::Outcome => "Utfall",
            ResultBasis::Typed => "Angivet",
            ResultBasis::ClosingEquity => "Angivet EK UB",
            ResultBasis::Forecast => "Prognos",
        };
        let shown_if = |known: bool, a: Amount| {
            if known {
                money_cell(a, unit)
            } else {
                GridCell::read_only("–", "")
            }
        };
        // The closing equity typed from the annual report (a base-plan input).
        let closing_typed = (e.basis == ResultBasis::ClosingEquity).then_some(e.closing);
        let budgeted = if yr.allocation.is_ok() && !e.no_budget {
            money_cell(e.budgeted_result, unit)
        } else {
            GridCell::read_only("–", "")
        };
        let decided = sources.is_some_and(|s| s.contains(&y));
        let contribution = (!e.capital_contribution.is_zero()).then_some(e.capital_contribution);
        let cells = vec![
            GridCell::read_only(y.to_string(), y.to_string()),
            opt_money_cell(m.total, unit).with_testid(format!("ek-medel-{y}")),
            money_cell(m.costs, unit),
            budgeted.with_testid(format!("ek-budgetresultat-{y}")),
            if decided {
                contribution
                    .map(|a| money_cell(a, unit))
                    .unwrap_or_default()
                    .with_testid(format!("ek-kapitaltillskott-beslutat-{y}"))
            } else {
                edit_money(contribution, format!("Kapitaltillskott {y}"))
            },
            edit_money(e.actual_result, format!("Faktiskt resultat {y}")),
            edit_money(
                closing_typed,
                format!("Eget kapital vid årets slut enligt bokslut {y}"),
            )
            .with_testid(format!("ek-angivet-ub-{y}")),
            shown_if(e.opening_known, e.opening).with_testid(format!("ek-ib-{y}")),
            shown_if(m.known, e.closing).with_testid(format!("ek-ub-{y}")),
            GridCell::read_only(ratio.clone(), ratio).with_testid(format!("ek-andel-{y}")),
            GridCell::read_only(flag_text.clone(), flag_text).with_testid(format!("ek-flagga-{y}")),
            GridCell::read_only(basis, basis).with_testid(format!("ek-resultatbas-{y}")),
        ];
        let kind = if error.is_some() {
            RowKind::Problem
        } else if flags.is_empty() {
            RowKind::Line
        } else {
            RowKind::Flagged
        };
        rows.push(GridRow {
            key: format!("ar-{y}"),
            kind,
            cells,
        });
        years.push(y);
    }
    (rows, years)
}

/// The Eget kapital tab.
#[component]
pub fn EgetKapitalView() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    // The base plan: every input here edits it.
    let plan = state.plan;
    let unit = state.unit;
    // Which versions (docs/budget.md "Vyerna och beslutet"): each year's decision in force by
    // default; `None` = the draft's (or the active scenario's) own report.
    let version = ViewChoice::new();
    let shown = version.report();
    // The years that show a decision, when the plan has decisions.
    let sources = Memo::new(move |_| {
        let c = version.get();
        plan.with(|p| {
            p.has_adopted().then(|| {
                p.years
                    .iter()
                    .copied()
                    .filter(|y| p.year_source(*y, c) != samplan_engine::versions::YearSource::Draft)
                    .collect::<Sources>()
            })
        })
    });
    // Which years show which version, in words.
    let sources_text = Memo::new(move |_| {
        let c = version.get();
        plan.with(|p| p.view_sources_text(c))
    });
    // The shown forecast.
    let built = Memo::new(move |_| {
        let u = unit.get();
        sources.with(|s| {
            match shown.with(|v| v.as_ref().map(|v| rows_of(&v.report, u, s.as_ref()))) {
                Some(rows) => rows,
                None => choices.report.with(|r| rows_of(r, u, s.as_ref())),
            }
        })
    });
    // The shown report's warnings.
    let with_report = move |f: &dyn Fn(&Report) -> Option<Vec<String>>| -> Option<Vec<String>> {
        match shown.with(|v| v.as_ref().map(|v| f(&v.report))) {
            Some(x) => x,
            None => choices.report.with(|r| f(r)),
        }
    };
    let rows = Memo::new(move |_| built.with(|b| b.0.clone()));
    let columns = Signal::derive(move || {
        let u = unit.get().label();
        [
            ("År", false),
            (&*format!("Medelstilldelning ({u})"), true),
            (&*format!("Verksamhetens kostnader ({u})"), true),
            (&*format!("Budgeterat resultat ({u})"), true),
            (&*format!("Kapitaltillskott ({u})"), true),
            (&*format!("Faktiskt resultat ({u})"), true),
            (&*format!("EK UB enligt bokslut ({u})"), true),
            (&*format!("EK IB ({u})"), true),
            (&*format!("EK UB ({u})"), true),
            ("EK / bas", true),
            ("Flaggor", false),
            ("Resultat räknas på", false),
        ]
        .iter()
        .map(|(h, n)| GridColumn {
            header: h.to_string(),
            numeric: *n,
            class: "",
        })
        .collect::<Vec<_>>()
    });
    let on_write = Callback::new(move |writes: Vec<CellWrite>| -> Result<(), WriteErrors> {
        let u = unit.get_untracked();
        let years = built.with_untracked(|b| b.1.clone());
        write_cells(
            state,
            &writes,
            |row| years.get(row).copied(),
            |p, &y, col, text| {
                let t = text.trim();
                let value = if t.is_empty() {
                    None
                } else {
                    Some(format::parse_money_in(t, u)?)
                };
                Ok(match col {
                    COL_CONTRIBUTION => Some(Edit::set_capital_contribution(
                        p,
                        y,
                        value.unwrap_or_default(),
                    )),
                    COL_ACTUAL => Some(Edit::set_actual_result(p, y, value)),
                    COL_CLOSING => Some(Edit::set_closing_equity(p, y, value)),
                    _ => None,
                })
            },
        )
    });

    let opening = Signal::derive(move || plan.with(|p| format::kr(p.opening_equity)));
    let on_opening = Callback::new(move |text: String| {
        let a = format::parse_money_in(&text, DisplayUnit::Kr)?;
        state.apply_live("ek-ib", |p| Ok(Edit::set_opening_equity(p, a)))
    });
    let ceiling = Signal::derive(move || {
        plan.with(|p| format::percent_edit(p.settings.equity_ceiling_percent))
    });
    let on_ceiling = Callback::new(move |text: String| {
        let v = parse_percent(&text).map_err(|e| e.message())?;
        state.apply_live("ek-tak", |p| {
            Edit::set_setting(p, None, Setting::EquityCeiling(v))
        })
    });
    let floor = Signal::derive(move || {
        plan.with(|p| p.settings.equity_floor.map(format::kr).unwrap_or_default())
    });
    let on_floor = Callback::new(move |text: String| {
        let v = if text.trim().is_empty() {
            None
        } else {
            Some(format::parse_money_in(&text, DisplayUnit::Kr)?)
        };
        state.apply_live("ek-golv", |p| {
            Edit::set_setting(p, None, Setting::EquityFloor(v))
        })
    });
    let done = Callback::new(move |()| state.close_group());
    let base = Memo::new(move |_| plan.with(|p| p.settings.equity_base));
    let set_base = move |b: EquityBase| {
        report_problem(state.edit(|p| Edit::set_setting(p, None, Setting::EquityBase(b))));
    };
    let last_year = Memo::new(move |_| plan.with(|p| p.years.last().copied().unwrap_or_default()));
    let expected = Signal::derive(move || {
        plan.with(|p| {
            p.settings
                .expected_next_funding
                .map(format::kr)
                .unwrap_or_default()
        })
    });
    let on_expected = Callback::new(move |text: String| {
        let v = if text.trim().is_empty() {
            None
        } else {
            let a = format::parse_money_in(&text, DisplayUnit::Kr)?;
            Some(
                samplan_engine::bounds::check_non_negative_amount(a.value())
                    .map_err(|e| e.to_string())?,
            )
        };
        state.apply_live("ek-nasta-ar", |p| {
            Edit::set_setting(p, None, Setting::ExpectedNextFunding(v))
        })
    });
    let closed_years = Memo::new(move |_| {
        plan.with(|p| {
            p.years
                .iter()
                .map(|y| (*y, p.year_input(*y).closed))
                .collect::<Vec<_>>()
        })
    });
    let set_closed = move |y: Year, on: bool| {
        report_problem(state.edit(|p| Ok(Edit::set_closed(p, y, on))));
    };
    let warnings = Memo::new(move |_| {
        with_report(&|r: &Report| {
            Some(
                r.warnings
                    .iter()
                    .filter(|w| {
                        matches!(
                            w,
                            samplan_engine::Warning::EquityAboveCeiling { .. }
                                | samplan_engine::Warning::EquityBelowFloor { .. }
                                | samplan_engine::Warning::Deficit { .. }
                                | samplan_engine::Warning::ResultDiffersFromOutcome { .. }
                                | samplan_engine::Warning::ClosedWithoutFinalOutcome { .. }
                                | samplan_engine::Warning::ClosedWithoutOutcome { .. }
                                | samplan_engine::Warning::NoResult { .. }
                                | samplan_engine::Warning::OutcomeMissing { .. }
                                | samplan_engine::Warning::NegativeEquity { .. }
                        )
                    })
                    .map(|w| w.message())
                    .collect::<Vec<_>>(),
            )
        })
        .unwrap_or_default()
    });

    // Years without any result come first, until resolved (docs/equity.md).
    let no_result = move || {
        with_report(&|r: &Report| {
            r.warnings
                .iter()
                .find(|w| matches!(w, samplan_engine::Warning::NoResult { .. }))
                .map(|w| vec![w.message()])
        })
        .and_then(|m| m.into_iter().next())
    };
    // The export is the table shown: the decided chain when the view shows decisions.
    let export = Callback::new(move |()| {
        let scenario = choices.scenario_untracked();
        plan.with_untracked(|p| {
            shown
                .with_untracked(|v| {
                    v.as_ref()
                        .map(|v| samplan_engine::csv::export_equity_csv_of(p, &v.report))
                })
                .unwrap_or_else(|| samplan_engine::csv::export_equity_csv(p, scenario))
        })
    });
    let radios_title = shared_title("basen för andelen är densamma i alla scenarier");
    view! {
        <section class="view" aria-labelledby="ek-rubrik">
            <h2 id="ek-rubrik">"Eget kapital"</h2>
            <VersionSwitch choice=version id="ek-version" across=true />
            {move || sources_text.get().map(|t| view! { <p class="hint" data-testid="ek-versioner">{t}</p> })}
            <ScenarioNote text="Prognosen räknas på scenariots medelstilldelning och budget. Ingående eget kapital, tak, golv, bas, kapitaltillskott, faktiskt resultat och eget kapital enligt bokslut gäller alla scenarier." />
            {move || no_result().map(|m| view! { <p class="problem" role="alert" data-testid="ek-resultat-saknas">{m}</p> })}
            <div class="form-row">
                <div class="field">
                    <label for="ek-ib">"Ingående eget kapital första året (kr)"</label>
                    <LiveInput id="ek-ib" class="num" value=opening on_text=on_opening on_done=done />
                    <SharedNote />
                </div>
                <div class="field">
                    <label for="ek-tak">"Tak (% av medelstilldelningen)"</label>
                    <LiveInput id="ek-tak" class="num" value=ceiling on_text=on_ceiling on_done=done />
                    <SharedNote />
                </div>
                <div class="field">
                    <label for="ek-golv">"Golv (kr, tomt = inget)"</label>
                    <LiveInput id="ek-golv" class="num" value=floor on_text=on_floor on_done=done />
                    <SharedNote />
                </div>
                <fieldset class="field radios" title=radios_title>
                    <legend>"Andelen räknas mot"</legend>
                    {EquityBase::ALL
                        .into_iter()
                        .map(|b| {
                            let text = match b {
                                EquityBase::SameYear => "Samma års medelstilldelning",
                                EquityBase::NextYear => "Nästa års medelstilldelning",
                                EquityBase::BudgetedContributions => "Budgeterade medlemsbidrag",
                                EquityBase::BudgetedRevenue => "Budgeterade intäkter",
                            };
                            view! {
                                <label>
                                    <input
                                        type="radio"
                                        name="ek-bas"
                                        prop:checked=move || base.get() == b
                                        on:change=move |_| set_base(b)
                                    />
                                    {text}
                                </label>
                            }
                        })
                        .collect_view()}
                    <SharedNote />
                </fieldset>
                <Show when=move || base.get() == EquityBase::NextYear>
                    <div class="field">
                        <label for="ek-nasta-ar">
                            {move || format!("Förväntad medelstilldelning {} (kr, tomt = oförändrad)", last_year.get() + 1)}
                        </label>
                        <LiveInput id="ek-nasta-ar" class="num" value=expected on_text=on_expected on_done=done />
                        <p class="hint">"Sista årets andel är ett antagande."</p>
                    </div>
                </Show>
            </div>
            <div class="row-actions">
                <CsvExport label="Exportera eget kapital (CSV)" what="eget kapital" bytes=export />
                <XlsxExport label="Exportera eget kapital (.xlsx)" what="eget kapital" bytes=crate::components::table_xlsx(samplan_engine::xlsx::XlsxTable::EgetKapital) />
            </div>
            <Grid
                id="ek-grid"
                caption=Signal::derive(move || format!("Eget kapital per år ({})", unit.get().label()))
                columns=columns
                rows=rows
                on_write=on_write
            />
            <fieldset class="field checks" title=shared_title("bokslutet gäller basplanen och alla scenarier")>
                <legend>"Bokslut klart (eget kapital räknas på utfallet)"</legend>
                {move || {
                    closed_years
                        .get()
                        .into_iter()
                        .map(|(y, on)| {
                            view! {
                                <label class="inline">
                                    <input
                                        type="checkbox"
                                        data-testid=format!("bokslut-klart-{y}")
                                        prop:checked=on
                                        on:change=move |ev| set_closed(y, event_target_checked(&ev))
                                    />
                                    {format!(" {y} ")}
                                </label>
                            }
                        })
                        .collect_view()
                }}
                <p class="hint">"Ett år räknas också som avslutat när alla poster med budget har utfall för helår. Ett angivet faktiskt resultat gäller före utfallet."</p>
                <SharedNote />
            </fieldset>
            <ul class="warnings" aria-label="Varningar om eget kapital">
                {move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
            {
                // The chart of the shown chain (the draft's, or each year's decision).
                let chart = Memo::new(move |_| {
                    let floor = plan.with(|p| p.settings.equity_floor);
                    let draw = |r: &Report| {
                        samplan_engine::chart::equity_chart(
                            &samplan_engine::chart::equity_points(r.years.iter().map(|y| &y.equity)),
                            floor,
                        )
                    };
                    match shown.with(|v| v.as_ref().map(|v| draw(&v.report))) {
                        Some(c) => c,
                        None => choices.report.with(draw),
                    }
                });
                view! { <crate::components::chart::ChartFigure chart=chart testid="diagram-eget-kapital" /> }
            }
        </section>
    }
}
