//! **Insatser** in Uppföljning (docs/budget.md "Insatser"): per insats (each line with direct
//! costs) the budget and utfall per year, with the administrativa kostnader beside them, and
//! the CSV export. The figures are the engine's [`insats_table`].

use leptos::prelude::*;
use samplan_engine::{export_insats_csv, insats_table, write_csv, Amount};

use crate::components::CsvExport;
use crate::format;
use crate::state::AppState;

/// The insats table of the base plan.
#[component]
pub fn InsatsPanel() -> impl IntoView {
    let state = AppState::expect();
    let plan = state.plan;
    let unit = state.unit;
    let table = Memo::new(move |_| plan.with(insats_table));
    let years = Memo::new(move |_| plan.with(|p| p.years.clone()));
    let export = Callback::new(move |()| plan.with_untracked(|p| write_csv(&export_insats_csv(p))));
    let cell = move |a: Option<Amount>| {
        a.map(|a| format::money(a, unit.get()))
            .unwrap_or_else(|| "–".into())
    };
    view! {
        <section class="insatser" aria-labelledby="insatser-rubrik" data-testid="insatser">
            <h3 id="insatser-rubrik">"Insatser: budget och utfall per år"</h3>
            <div class="row-actions" data-read="keep">
                <CsvExport label="Exportera insatser (CSV)" what="insatser" bytes=export />
            </div>
            <div class="insats-scroll" role="region" aria-label="Insatser per år" tabindex="0">
            <table class="data insats-tabell">
                <caption>{move || format::with_unit("Budget och utfall per insats", unit.get())}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Insats"</th>
                        {move || years.get().into_iter().map(|y| view! {
                            <th scope="col" class="num">{format!("Budget {y}")}</th>
                            <th scope="col" class="num">{format!("Utfall {y}")}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let t = table.get();
                        let admin = t.admin.clone();
                        view! {
                            {t_rows(&t, cell)}
                            <tr class="sum">
                                <th scope="row">"Administrativa kostnader"</th>
                                {admin.into_iter().map(|a| view! {
                                    <td class="num">{cell(Some(a.budget))}</td>
                                    <td class="num">{cell(a.outcome)}</td>
                                }).collect_view()}
                            </tr>
                        }
                    }}
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// The insatser's rows.
fn t_rows(
    t: &samplan_engine::InsatsTable,
    cell: impl Fn(Option<Amount>) -> String + Copy + 'static,
) -> impl IntoView {
    t.insatser
        .iter()
        .map(|i| {
            view! {
                <tr>
                    <th scope="row">{i.name.clone()}</th>
                    {i.years
                        .iter()
                        .map(|y| {
                            view! {
                                <td class="num">{cell(Some(y.budget))}</td>
                                <td class="num">{cell(y.outcome)}</td>
                            }
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view()
}
