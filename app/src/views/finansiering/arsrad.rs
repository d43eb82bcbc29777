//! Medelstilldelning for every plan year in one editable row (docs/app.md, "Finansiering"): an
//! amount per year, or "föregående år + p %" per year, and the change from the year before as a
//! signed hint (`+2,0 %`, `−1,5 %`, `0,0 %`, from the engine).

use super::*;

/// One plan year's column: its total (when computed), its funding input and the change.
#[derive(Clone, Debug, PartialEq, Eq)]
struct YearCell {
    year: Year,
    /// The computed total, formatted for editing.
    total: String,
    /// The p of "föregående år + p %" (formatted for editing), when the year is given so.
    percent: Option<String>,
    /// The rule of the year as a hint (`föregående år + 2 %`), when it builds on the previous.
    rule: Option<String>,
    /// The change from the previous year (`+2,0 %`), when both are computed.
    change: Option<String>,
    /// True for the plan's first year (it has no previous year to build on).
    first: bool,
}

/// Every plan year's medelstilldelning in one row, editable.
#[component]
pub(super) fn FundingYears() -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let cells = Memo::new(move |_| {
        choices.resolved.with(|p| {
            choices.report.with(|r| {
                let mut previous = None;
                p.years
                    .iter()
                    .enumerate()
                    .map(|(i, &y)| {
                        let total = r
                            .year(y)
                            .and_then(|yr| yr.allocation.as_ref().ok())
                            .map(|a| a.total);
                        let (percent, rule) = match p.year_input(y).funding {
                            FundingInput::PreviousPlusPercent(pc) => (
                                Some(format::percent_edit(pc)),
                                Some(samplan_engine::figures::previous_plus_percent_text(pc)),
                            ),
                            _ => (None, None),
                        };
                        let change = total.zip(previous).map(|(now, before)| {
                            samplan_engine::figures::funding_change_text(now, before)
                        });
                        previous = total;
                        YearCell {
                            year: y,
                            total: total.map(format::kr).unwrap_or_default(),
                            percent,
                            rule,
                            change,
                            first: i == 0,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let years = Memo::new(move |_| cells.with(|c| c.iter().map(|c| c.year).collect::<Vec<_>>()));
    let cell = move |y: Year| cells.with(|c| c.iter().find(|c| c.year == y).cloned());
    let set = move |y: Year, input: FundingInput| {
        let scenario = choices.scenario_untracked();
        state.apply_live("medelstilldelning-per-ar", |p| {
            Edit::set_funding(p, scenario, y, input)
        })
    };
    let on_done = Callback::new(move |()| state.close_group());
    view! {
        <div class="table-wrap funding-years-wrap">
            <table class="data funding-years" data-testid="medelstilldelning-per-ar">
                <caption>"Medelstilldelning per år (kr)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"År"</th>
                        {move || years.get().into_iter().map(|y| view! { <th scope="col" class="num">{y}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"Medelstilldelning"</th>
                        {move || years.get().into_iter().map(|y| {
                            let value = Signal::derive(move || cell(y).map(|c| c.total).unwrap_or_default());
                            let on_text = Callback::new(move |text: String| {
                                let amount = format::parse_money_in(&text, DisplayUnit::Kr)?;
                                set(y, FundingInput::Total(amount))
                            });
                            view! {
                                <td class="num">
                                    <LiveInput
                                        id=format!("medel-{y}")
                                        class="num"
                                        testid=format!("medel-{y}")
                                        aria_label=format!("Medelstilldelning {y} (kr)")
                                        value=value
                                        on_text=on_text
                                        on_done=on_done
                                    />
                                </td>
                            }
                        }).collect_view()}
                    </tr>
                    <tr>
                        <th scope="row">"Föregående år + %"</th>
                        {move || years.get().into_iter().map(|y| {
                            if cell(y).is_some_and(|c| c.first) {
                                return view! { <td class="num muted">"–"</td> }.into_any();
                            }
                            let value = Signal::derive(move || cell(y).and_then(|c| c.percent).unwrap_or_default());
                            let on_text = Callback::new(move |text: String| {
                                if text.trim().is_empty() {
                                    return Ok(());
                                }
                                let p = format::parse_percent_text(&text)?;
                                set(y, FundingInput::PreviousPlusPercent(p))
                            });
                            view! {
                                <td class="num">
                                    <LiveInput
                                        id=format!("medel-procent-{y}")
                                        class="num"
                                        testid=format!("medel-procent-{y}")
                                        aria_label=format!("Medelstilldelning {y}: föregående år + procent")
                                        placeholder="t.ex. 2"
                                        value=value
                                        on_text=on_text
                                        on_done=on_done
                                    />
                                </td>
                            }
                            .into_any()
                        }).collect_view()}
                    </tr>
                    <tr>
                        <th scope="row">"Förändring"</th>
                        {move || years.get().into_iter().map(|y| {
                            let c = cell(y);
                            let change = c.as_ref().and_then(|c| c.change.clone()).unwrap_or_else(|| "–".into());
                            let rule = c.and_then(|c| c.rule);
                            view! {
                                <td class="num hint" data-testid=format!("medel-forandring-{y}")>
                                    {change}
                                    {rule.map(|r| view! { <br /><span class="muted">{r}</span> })}
                                </td>
                            }
                        }).collect_view()}
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
