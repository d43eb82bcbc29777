//! The follow-up per insats over all years (docs/budget.md, "Per insats"): a read-only table of
//! each insats's budget and utfall year by year with the administrative costs beside them, and
//! its CSV export. Every figure and row comes from the engine's `insats_table`.

use leptos::prelude::*;
use samplan_engine::figures::{insats_table, InsatsRow, InsatsTable};
use samplan_engine::format::DisplayUnit;

use crate::choices::Choices;
use crate::components::CsvExport;
use crate::format;
use crate::state::AppState;

/// One body row: the label as a row header, the category, then budget and utfall per year.
fn row_view(row: &InsatsRow, unit: DisplayUnit, class: &'static str) -> impl IntoView {
    let cells = row
        .years
        .iter()
        .flat_map(|y| {
            let outcome = y
                .outcome
                .map_or_else(|| "–".to_string(), |o| format::money(o, unit));
            [format::money(y.budget, unit), outcome]
        })
        .map(|text| view! { <td class="num">{text}</td> })
        .collect_view();
    let category = row.category.map(|c| c.label()).unwrap_or("");
    view! {
        <tr class=class>
            <th scope="row">{row.label.clone()}</th>
            <td>{category}</td>
            {cells}
        </tr>
    }
}

/// The table of `t` in `unit`.
fn table_view(t: &InsatsTable, unit: DisplayUnit) -> impl IntoView {
    let year_heads = t
        .years
        .iter()
        .map(|y| view! { <th scope="colgroup" colspan="2" class="num">{*y}</th> })
        .collect_view();
    let sub_heads = (0..t.years.len())
        .map(|i| {
            let outcome = t.outcome_kind(i);
            view! {
                <th scope="col" class="num">"Budget"</th>
                <th scope="col" class="num">{outcome}</th>
            }
        })
        .collect_view();
    let rows = t.rows.iter().map(|r| row_view(r, unit, "")).collect_view();
    let empty = t.rows.is_empty().then(|| {
        let span = t
            .years
            .len()
            .saturating_mul(2)
            .saturating_add(2)
            .to_string();
        view! {
            <tr>
                <td colspan=span class="hint">
                    "Planen har inga poster under direkta insatskostnader ännu."
                </td>
            </tr>
        }
    });
    view! {
        <thead>
            <tr>
                <th scope="col" rowspan="2">"Insats"</th>
                <th scope="col" rowspan="2">"Kategori"</th>
                {year_heads}
            </tr>
            <tr>{sub_heads}</tr>
        </thead>
        <tbody>
            {rows}
            {empty}
            {row_view(&t.direct_total, unit, "sum")}
            {row_view(&t.admin_total, unit, "sum")}
            {row_view(&t.costs_total, unit, "total")}
        </tbody>
    }
}

/// "Per insats, alla år" under Uppföljning: the table of the active plan or scenario.
#[component]
pub fn InsatsFollowUp() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let unit = state.unit;
    let table = Memo::new(move |_| {
        choices
            .report
            .with(|r| state.plan.with(|p| insats_table(p, r)))
    });
    let export = Callback::new(move |()| table.with_untracked(InsatsTable::to_csv));
    view! {
        <section class="insatser" aria-labelledby="insatser-rubrik" data-testid="insatser">
            <h3 id="insatser-rubrik">"Per insats, alla år"</h3>
            <p class="hint">
                "Budget och utfall för varje insats (poster under direkta insatskostnader; poster med samma namn är en insats) "
                "med de administrativa kostnaderna bredvid, som den nationella uppföljningen av Finsam frågar efter. "
                "Utfall helår där det finns, annars ack. utfall; – = inget utfall."
            </p>
            <div class="row-actions">
                <CsvExport label="Exportera per insats (CSV)" what="per insats" bytes=export />
            </div>
            <div
                class="table-scroll"
                tabindex="0"
                role="region"
                aria-label="Tabellen per insats (rulla i sidled)"
            >
                <table class="data insats-table" data-testid="insats-tabell">
                    <caption>{move || format!("Budget och utfall per insats ({})", unit.get().label())}</caption>
                    {move || table.with(|t| table_view(t, unit.get()))}
                </table>
            </div>
        </section>
    }
}
