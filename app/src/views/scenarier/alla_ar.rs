//! The comparison of two scenarios over **all years** (docs/scenarios.md, "Comparing two
//! scenarios"): per year the medelstilldelning, the year's result, the equity at the end of the
//! year and the equity ratio in A and B with the difference B − A — how a choice plays out over
//! the plan, not only in the selected year. Every figure comes from the engine's
//! [`Comparison`] ([`YearDiff`](samplan_engine::YearDiff)).

use super::jamforelse::{money_row, sign_of};
use super::*;

/// One year of the all-years comparison: the year and its cells (a, b, b − a per figure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllYearsRow {
    /// The year.
    pub year: Year,
    /// Medelstilldelning, Årets resultat, Eget kapital UB: (a, b, diff, sign) each.
    pub money: Vec<(String, String, String, i8)>,
    /// EK-kvot in a, b and the difference in percentage points.
    pub ratio: (String, String, String, i8),
    /// Why the year cannot be computed in a or b, if so.
    pub problem: Option<String>,
}

/// The rows of the all-years comparison (pure).
pub fn all_years_rows(c: &Comparison, unit: DisplayUnit) -> Vec<AllYearsRow> {
    c.years
        .iter()
        .map(|y| {
            let money = [&y.total, &y.result, &y.equity]
                .into_iter()
                .map(|d| {
                    let r = money_row(String::new(), String::new(), String::new(), d, unit);
                    (r.a, r.b, r.diff, r.sign)
                })
                .collect();
            let diff = y.ratio_diff();
            let ratio = (
                format::percent_opt(y.ratio_a),
                format::percent_opt(y.ratio_b),
                diff.map(format_signed_points)
                    .unwrap_or_else(|| "–".to_string()),
                diff.map(sign_of).unwrap_or(0),
            );
            let problem = match (&y.error_a, &y.error_b) {
                (Some(a), _) => Some(format!("A: {a}")),
                (None, Some(b)) => Some(format!("B: {b}")),
                (None, None) => None,
            };
            AllYearsRow {
                year: y.year,
                money,
                ratio,
                problem,
            }
        })
        .collect()
}

/// The class of a difference cell.
fn diff_class(sign: i8) -> &'static str {
    match sign {
        1 => "num diff diff-pos",
        -1 => "num diff diff-neg",
        _ => "num diff",
    }
}

/// The two compared scenarios (chosen above, in "Jämför två scenarier") over every plan year.
#[component]
pub fn CompareAllYears() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let unit = state.unit;
    let pair = Memo::new(move |_| choices.compared());
    let rows = Memo::new(move |_| {
        let (a, b) = pair.get();
        let u = unit.get();
        plan.with(|p| all_years_rows(&compare(p, a, b), u))
    });
    let names = Memo::new(move |_| {
        let (a, b) = pair.get();
        plan.with(|p| (p.scenario_name(a), p.scenario_name(b)))
    });
    view! {
        <h3 id="jamfor-alla-ar-rubrik">"Alla år"</h3>
        // A wide table may scroll sideways: the region takes the focus, so the keyboard can.
        <div
            class="table-wrap compare-all-years"
            tabindex="0"
            role="region"
            aria-labelledby="jamfor-alla-ar-rubrik"
        >
            <table class="data compare-table" data-testid="jamforelse-alla-ar">
                <caption>
                    {move || {
                        let (na, nb) = names.get();
                        format!(
                            "Alla år: {na} (A) jämfört med {nb} (B), med eget kapital ({})",
                            unit.get().label()
                        )
                    }}
                </caption>
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">"År"</th>
                        <th scope="colgroup" colspan="3">"Medelstilldelning"</th>
                        <th scope="colgroup" colspan="3">"Årets resultat"</th>
                        <th scope="colgroup" colspan="3">"Eget kapital vid årets slut"</th>
                        <th scope="colgroup" colspan="3">"Eget kapital i % av bas"</th>
                    </tr>
                    <tr>
                        {(0..4)
                            .map(|_| view! {
                                <th scope="col" class="num">"A"</th>
                                <th scope="col" class="num">"B"</th>
                                <th scope="col" class="num">"B − A"</th>
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|r| {
                                let y = r.year;
                                view! {
                                    <tr data-testid=format!("jamfor-ar-{y}")>
                                        <th scope="row">
                                            {y}
                                            {r.problem.map(|p| view! {
                                                <span class="field-error">{format!(" (kan inte beräknas: {p})")}</span>
                                            })}
                                        </th>
                                        {r.money
                                            .into_iter()
                                            .zip(["medelstilldelning", "resultat", "ek"])
                                            .map(|((a, b, d, s), id)| view! {
                                                <td class="num">{a}</td>
                                                <td class="num">{b}</td>
                                                <td class=diff_class(s) data-testid=format!("alla-ar-{id}-{y}")>{d}</td>
                                            })
                                            .collect_view()}
                                        <td class="num">{r.ratio.0}</td>
                                        <td class="num">{r.ratio.1}</td>
                                        <td class=diff_class(r.ratio.3) data-testid=format!("alla-ar-ek-kvot-{y}")>
                                            {r.ratio.2}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samplan_engine::example_plan;

    #[test]
    fn every_year_with_equity() {
        let plan = example_plan();
        let b = plan.scenarios[0].id;
        let c = compare(&plan, None, Some(b));
        let rows = all_years_rows(&c, DisplayUnit::Kr);
        assert_eq!(rows.len(), plan.years.len());
        assert!(rows.iter().all(|r| r.money.len() == 3));
        // The scenario changes the funding: some year differs in T and in equity.
        assert!(rows.iter().any(|r| r.money[0].3 != 0));
        assert!(rows.iter().any(|r| r.money[2].3 != 0));
        let same = compare(&plan, Some(b), Some(b));
        assert!(all_years_rows(&same, DisplayUnit::Kr).iter().all(|r| r
            .money
            .iter()
            .all(|m| m.3 == 0)
            && r.ratio.3 == 0));
    }
}
