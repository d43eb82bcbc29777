//! **Finansiering** (docs/app.md, 2.2): the year's *medelstilldelning* (total or the state's
//! amount), party shares, rounding, the key between the municipalities and each member's key
//! values; amounts, change vs the previous year, kr per invånare and the
//! *avrundningsdifferens* come from the engine's report.
//!
//! The view shows the **active scenario** ([`Choices`]); medelstilldelning, statens belopp,
//! party shares, member rounding, the municipal key and the key values are edited as its
//! overrides. The rounding unit, the population source, adding and removing members and the
//! members import change the base plan (marked "gäller alla scenarier").

mod arsrad;
mod filer;
mod kommuner;
pub use kommuner::provide_kept_member_rows;
mod nyckel;
mod parter;

use arsrad::*;
use filer::*;
use kommuner::*;
use nyckel::*;
use parter::*;

use leptos::prelude::*;
use samplan_engine::{
    allocation::{Allocation, Key, MemberKind, MemberRounding, Party, RoundingUnit},
    csv::MemberAction,
    format::{format_decimal, DisplayUnit},
    input::{KeyValueColumn, KEY_CHOICES},
    Edit, FundingInput, MemberId, Plan, Report, Setting, Year, YearKeys,
};

use crate::choices::Choices;
use crate::components::{
    shared_title, CellWrite, CsvExport, CsvImport, Grid, GridCell, GridColumn, GridRow,
    ImportPreview, LiveInput, PreviewRows, RowKind, ScenarioNote, SharedNote, WriteErrors,
    XlsxExport,
};
use crate::format;
use crate::state::{report_problem, AppState};

/// The Finansiering tab for the selected year.
#[component]
pub fn FinansieringView() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let year = Memo::new(move |_| state.year());
    let allocation = Memo::new(move |_| {
        let y = year.get();
        choices.report.with(|r| {
            r.year(y).map(|yr| {
                yr.allocation.clone().map_err(|e| match e.awaits_input() {
                    true => (
                        true,
                        samplan_engine::allocation::allocation_problem_text(y, &e),
                    ),
                    false => (false, e.to_string()),
                })
            })
        })
    });
    let ok_allocation = Memo::new(move |_| allocation.with(|a| a.clone().and_then(Result::ok)));

    let total_text = Signal::derive(move || {
        ok_allocation.with(|a| a.as_ref().map(|a| format::kr(a.total)).unwrap_or_default())
    });
    let on_total = Callback::new(move |text: String| {
        let amount = format::parse_money_in(&text, DisplayUnit::Kr)?;
        let y = year.get_untracked();
        let scenario = choices.scenario_untracked();
        state.apply_live("medelstilldelning", |p| {
            Edit::set_funding(p, scenario, y, FundingInput::Total(amount))
        })
    });
    let state_text = Signal::derive(move || {
        ok_allocation.with(|a| {
            a.as_ref()
                .and_then(|a| a.party(Party::Staten))
                .map(|p| format::kr(p.amount))
                .unwrap_or_default()
        })
    });
    let on_state = Callback::new(move |text: String| {
        let amount = format::parse_money_in(&text, DisplayUnit::Kr)?;
        let y = year.get_untracked();
        let scenario = choices.scenario_untracked();
        state.apply_live("statens-belopp", |p| {
            Edit::set_funding(p, scenario, y, FundingInput::State(amount))
        })
    });
    let on_done = Callback::new(move |()| state.close_group());
    let funding_mode = Memo::new(move |_| {
        let y = year.get();
        let scenario = choices.scenario();
        let own = plan.with(|p| {
            scenario
                .and_then(|id| p.scenario(id))
                .filter(|s| s.overrides.funding.contains_key(&y))
                .map(|s| {
                    format!(
                        " Scenariot {} har en egen medelstilldelning för {y}.",
                        s.name
                    )
                })
                .unwrap_or_default()
        });
        let mode = choices.resolved.with(|p| match p.year_input(y).funding {
            FundingInput::Total(_) => "Anges som total medelstilldelning.".to_string(),
            FundingInput::State(_) => "Anges som statens belopp; totalen räknas fram.".to_string(),
            FundingInput::PreviousPlusPercent(pc) => format!(
                "Räknas fram som {}. Skriv ett belopp för att ange det direkt.",
                samplan_engine::figures::previous_plus_percent_text(pc)
            ),
        });
        mode + &own
    });

    // The board's request (*äskande*), a base-plan input shown beside the decided total.
    let requested_text = Signal::derive(move || {
        let y = year.get();
        plan.with(|p| {
            p.year_input(y)
                .requested
                .map(format::kr)
                .unwrap_or_default()
        })
    });
    let on_requested = Callback::new(move |text: String| {
        let value = if text.trim().is_empty() {
            None
        } else {
            Some(format::parse_money_in(&text, DisplayUnit::Kr)?)
        };
        let y = year.get_untracked();
        state.apply_live("askande", |p| Ok(Edit::set_requested(p, y, value)))
    });
    let request_note = move || {
        let y = year.get();
        let decided = ok_allocation.with(|a| a.as_ref().map(|a| a.total));
        plan.with(|p| p.request_text(y, decided))
    };

    let rounding = Memo::new(move |_| choices.resolved.with(|p| p.settings.rounding));
    let set_rounding = move |r: MemberRounding| {
        let scenario = choices.scenario_untracked();
        report_problem(state.edit(|p| Edit::set_setting(p, scenario, Setting::Rounding(r))));
    };
    let unit_setting = Memo::new(move |_| plan.with(|p| p.settings.unit.kronor()));
    let set_unit = move |text: String| {
        let Ok(unit) = text.parse::<RoundingUnit>() else {
            return;
        };
        report_problem(state.edit(|p| Edit::set_setting(p, None, Setting::Unit(unit))));
    };

    view! {
        <section class="view" aria-labelledby="finansiering-rubrik">
            <h2 id="finansiering-rubrik">"Finansiering " {move || year.get()}</h2>
            <ScenarioNote text="Medelstilldelning, statens belopp, partsandelar, avrundning per medlem, fördelningsnyckel och nyckelvärden ändras bara i scenariot. Det som är märkt ”gäller alla scenarier” ändrar basplanen." />
            <div class="form-row">
                <div class="field">
                    <label for="medelstilldelning">"Medelstilldelning (kr)"</label>
                    <LiveInput id="medelstilldelning" class="num" value=total_text on_text=on_total on_done=on_done />
                </div>
                <div class="field">
                    <label for="statens-belopp">"Statens belopp (kr)"</label>
                    <LiveInput id="statens-belopp" class="num" value=state_text on_text=on_state on_done=on_done />
                </div>
                <fieldset class="field radios">
                    <legend>"Avrundning per medlem"</legend>
                    <label>
                        <input
                            type="radio"
                            name="avrundning"
                            prop:checked=move || rounding.get() == MemberRounding::Each
                            on:change=move |_| set_rounding(MemberRounding::Each)
                        />
                        "Var för sig (avrundningsdifferens visas)"
                    </label>
                    <label>
                        <input
                            type="radio"
                            name="avrundning"
                            prop:checked=move || rounding.get() == MemberRounding::Balanced
                            on:change=move |_| set_rounding(MemberRounding::Balanced)
                        />
                        "Balanserad (summerar exakt)"
                    </label>
                </fieldset>
                <div class="field">
                    <label for="avrundningsenhet">"Avrundningsenhet"</label>
                    <select
                        id="avrundningsenhet"
                        title=shared_title("avrundningsenheten kan inte ändras i ett scenario")
                        on:change=move |ev| set_unit(event_target_value(&ev))
                    >
                        {RoundingUnit::ALL
                            .into_iter()
                            .map(RoundingUnit::kronor)
                            .map(|u| {
                                view! {
                                    <option value=u.to_string() selected=move || unit_setting.get() == u>
                                        {format!("{} kr", format_decimal(u.into(), 0))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <SharedNote />
                </div>
            </div>
            <p class="hint">{move || funding_mode.get()}</p>
            <div class="form-row">
                <div class="field">
                    <label for="askande">"Äskande (kr, tomt = inget)"</label>
                    <LiveInput id="askande" class="num" value=requested_text on_text=on_requested on_done=on_done />
                    <SharedNote />
                </div>
            </div>
            {move || request_note().map(|t| view! { <p class="hint" data-testid="askande-text">{t}</p> })}
            <FundingYears />
            {move || {
                allocation
                    .get()
                    .and_then(Result::err)
                    .map(|(hint, msg)| match hint {
                        true => view! { <p class="hint" role="status" data-testid="fordelning-vantar">{msg}</p> }.into_any(),
                        false => view! { <p class="problem" role="alert">"Fördelningen kan inte beräknas: " {msg}</p> }.into_any(),
                    })
            }}
            <FinansieringFiles year=year />
            <PartyGrid allocation=ok_allocation year=year />
            <AllowDifference year=year />
            <KeySettings year=year />
            <KommunGrid year=year />
            {crate::components::financing_chart_view()}
        </section>
    }
}
