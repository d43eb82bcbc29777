//! The engine's SVG charts (docs/app.md) on screen: [`ChartFigure`] shows one
//! [`samplan_engine::chart::Chart`] — its title, the SVG (inlined; the engine escapes all text and uses
//! no styles, fonts or URLs) and the same figures as a real `<table>` with caption and header
//! cells in a `<details>` ("Visa som tabell"). The figure is described (`aria-describedby`) by
//! the chart's text description, which points to that table.
//!
//! [`FinancingChart`] (Finansiering), [`CostDistributionChart`] (Översikt) and [`EquityChart`]
//! (Eget kapital) derive their chart from the active scenario's report ([`Choices::report`]) for
//! the selected year; each view adds one of them with a single line, e.g.
//! `{crate::components::financing_chart()}`.

use leptos::prelude::*;
use samplan_engine::chart::{
    cost_distribution_chart, equity_chart, equity_points, financing_chart, Chart, ChartTable,
};

use crate::choices::Choices;
use crate::state::AppState;

/// True when a formatted table value is a number (right-aligned): `2 698 345`, `−12`, `14,2 %`.
fn is_numeric(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '\u{2212}' || c == '-')
}

/// A chart with its title and its table fallback.
#[component]
pub fn ChartFigure(
    /// The chart to show.
    #[prop(into)]
    chart: Signal<Chart>,
    /// `data-testid` of the `<figure>`, e.g. `diagram-finansiering`.
    #[prop(into)]
    testid: String,
) -> impl IntoView {
    let title = move || chart.with(|c| c.title.clone());
    let svg = move || chart.with(|c| c.svg.clone());
    let description = move || chart.with(|c| c.description.clone());
    let caption_id = format!("{testid}-rubrik");
    let labelled_by = caption_id.clone();
    let description_id = format!("{testid}-beskrivning");
    let described_by = description_id.clone();
    let table = Memo::new(move |_| chart.with(|c| c.table.clone()));
    view! {
        <figure
            class="chart-figure"
            data-testid=testid
            aria-labelledby=labelled_by
            aria-describedby=described_by
        >
            <figcaption id=caption_id>{title}</figcaption>
            <div class="chart-svg" inner_html=svg></div>
            <p class="visually-hidden" id=description_id>
                {description} " Samma siffror finns i tabellen under diagrammet."
            </p>
            <details class="chart-table">
                <summary>"Visa som tabell"</summary>
                {move || view! { <ChartTableView table=table.get() /> }}
            </details>
        </figure>
    }
}

/// The table fallback of a chart: caption, column headers, a row header per row.
#[component]
fn ChartTableView(
    /// The chart's figures.
    table: ChartTable,
) -> impl IntoView {
    let ChartTable {
        caption,
        headers,
        rows,
    } = table;
    let numeric_cols: Vec<bool> = (0..headers.len().saturating_sub(1))
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.values.get(i))
                .any(|v| is_numeric(v))
        })
        .collect();
    view! {
        <table class="data chart-data">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {headers
                        .into_iter()
                        .enumerate()
                        .map(|(i, h)| {
                            let num = i > 0 && numeric_cols.get(i - 1).copied().unwrap_or(false);
                            view! { <th scope="col" class:num=num>{h}</th> }
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                {if rows.is_empty() {
                    view! { <tr><td colspan="99" class="muted">"Inga data"</td></tr> }.into_any()
                } else {
                    rows.into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">{r.label}</th>
                                    {r
                                        .values
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, v)| {
                                            let num = numeric_cols.get(i).copied().unwrap_or(false);
                                            view! { <td class:num=num>{v}</td> }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </tbody>
        </table>
    }
}

/// A placeholder while a chart cannot be made (never shown: [`OptionalChart`] hides it).
fn no_chart() -> Chart {
    Chart {
        title: String::new(),
        description: String::new(),
        svg: String::new(),
        table: ChartTable::default(),
    }
}

/// A chart that exists only sometimes (e.g. not while the year's allocation fails).
#[component]
fn OptionalChart(
    /// The chart, if there is one.
    chart: Memo<Option<Chart>>,
    /// `data-testid` of the `<figure>`.
    testid: &'static str,
) -> impl IntoView {
    let shown = Signal::derive(move || chart.get().unwrap_or_else(no_chart));
    view! {
        <Show when=move || chart.with(Option::is_some)>
            <ChartFigure chart=shown testid=testid />
        </Show>
    }
}

/// Financing by party and member for the selected year (Finansiering). Hidden while the year's
/// allocation cannot be computed (the view says why).
#[component]
pub fn FinancingChart() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let chart = Memo::new(move |_| {
        let y = state.year();
        choices.report.with(|r| {
            r.year(y)
                .and_then(|yr| yr.allocation.as_ref().ok())
                .map(financing_chart)
        })
    });
    view! { <OptionalChart chart=chart testid="diagram-finansiering" /> }
}

/// The cost distribution of the selected year's budget (Översikt).
#[component]
pub fn CostDistributionChart() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let chart = Memo::new(move |_| {
        let y = state.year();
        choices.report.with(|r| {
            r.year(y)
                .map(|yr| cost_distribution_chart(&yr.distribution))
        })
    });
    view! { <OptionalChart chart=chart testid="diagram-kostnadsfordelning" /> }
}

/// Equity (EK UB) per plan year against the ceiling and the floor (Eget kapital).
#[component]
pub fn EquityChart() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let chart = Memo::new(move |_| {
        let floor = state.plan.with(|p| p.settings.equity_floor);
        choices
            .report
            .with(|r| equity_chart(&equity_points(r.years.iter().map(|y| &y.equity)), floor))
    });
    view! { <ChartFigure chart=chart testid="diagram-eget-kapital" /> }
}

/// [`FinancingChart`] as a plain function, for a one-line use inside a view.
pub fn financing_chart_view() -> impl IntoView {
    view! { <FinancingChart /> }
}

/// [`CostDistributionChart`] as a plain function, for a one-line use inside a view.
pub fn cost_distribution_chart_view() -> impl IntoView {
    view! { <CostDistributionChart /> }
}

/// [`EquityChart`] as a plain function, for a one-line use inside a view.
pub fn equity_chart_view() -> impl IntoView {
    view! { <EquityChart /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_texts() {
        assert!(is_numeric("2\u{a0}698\u{a0}345"));
        assert!(is_numeric("\u{2212}12"));
        assert!(is_numeric("14,2\u{a0}%"));
        assert!(!is_numeric("Kommun"));
        assert!(!is_numeric("–"));
        assert!(!is_numeric(""));
    }
}
