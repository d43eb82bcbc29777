//! Two scenarios side by side with a difference column (b − a).

use super::*;

/// One row of a comparison table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRow {
    /// Row header.
    pub label: String,
    /// Member type (members only).
    pub kind: String,
    /// Test-id of the difference cell.
    pub testid: String,
    /// Texts of a, b and b − a.
    pub a: String,
    /// See `a`.
    pub b: String,
    /// See `a`.
    pub diff: String,
    /// Sign of the difference: −1, 0, 1.
    pub sign: i8,
}

pub(super) fn sign_of(d: Decimal) -> i8 {
    if d > Decimal::ZERO {
        1
    } else if d < Decimal::ZERO {
        -1
    } else {
        0
    }
}

pub(super) fn money_row(
    label: String,
    kind: String,
    testid: String,
    d: &AmountDiff,
    unit: DisplayUnit,
) -> CompareRow {
    CompareRow {
        label,
        kind,
        testid,
        a: format::money(d.a, unit),
        b: format::money(d.b, unit),
        diff: format_signed_money(d.diff.value(), unit),
        sign: sign_of(d.diff.value()),
    }
}

/// Test-id stem from a name: lower case, spaces as `-`.
pub(super) fn slug(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// Key figures of `year` in both scenarios (pure).
pub fn key_figure_rows(c: &Comparison, year: Year, unit: DisplayUnit) -> Vec<CompareRow> {
    let Some(y) = c.years.iter().find(|y| y.year == year) else {
        return Vec::new();
    };
    let figures = [
        ("Medelstilldelning", "medelstilldelning", &y.total),
        ("Medlemmarna betalar", "medlemsbidrag", &y.member_income),
        ("Verksamhetens intäkter", "intakter", &y.operating_income),
        ("Verksamhetens kostnader", "kostnader", &y.operating_costs),
        (
            "Verksamhetens resultat",
            "verksamhetens-resultat",
            &y.operating_result,
        ),
        ("Årets resultat", "arets-resultat", &y.result),
        ("Eget kapital vid årets slut", "ek-ub", &y.equity),
    ];
    let mut rows: Vec<CompareRow> = Vec::new();
    // A year that cannot be computed in a scenario: say so first, its figures are not zeros.
    if y.error_a.is_some() || y.error_b.is_some() {
        rows.push(CompareRow {
            label: "Kan inte beräknas".to_string(),
            kind: String::new(),
            testid: "skillnad-fel".to_string(),
            a: y.error_a.clone().unwrap_or_default(),
            b: y.error_b.clone().unwrap_or_default(),
            diff: "–".to_string(),
            sign: 0,
        });
    }
    rows.extend(figures.into_iter().map(|(label, id, d)| {
        money_row(
            label.to_string(),
            String::new(),
            format!("skillnad-{id}"),
            d,
            unit,
        )
    }));
    // The board's request beside the decided funding (the same in both: a base-plan input).
    if let Some(r) = y.requested {
        let text = format::money(r, unit);
        rows.insert(
            usize::from(y.error_a.is_some() || y.error_b.is_some()).saturating_add(1),
            CompareRow {
                label: "Äskande".to_string(),
                kind: String::new(),
                testid: "skillnad-askande".to_string(),
                a: text.clone(),
                b: text,
                diff: "–".to_string(),
                sign: 0,
            },
        );
    }
    let diff = y.ratio_diff();
    rows.push(CompareRow {
        label: "Eget kapital i % av bas".to_string(),
        kind: String::new(),
        testid: "skillnad-ek-andel".to_string(),
        a: format::percent_opt(y.ratio_a),
        b: format::percent_opt(y.ratio_b),
        diff: diff
            .map(format_signed_points)
            .unwrap_or_else(|| "–".to_string()),
        sign: diff.map(sign_of).unwrap_or(0),
    });
    rows
}

/// Members of `year` in both scenarios (pure).
pub fn member_rows(c: &Comparison, year: Year, unit: DisplayUnit) -> Vec<CompareRow> {
    c.members
        .iter()
        .filter(|m| m.year == year)
        .map(|m| {
            money_row(
                m.name.clone(),
                m.kind.label().to_string(),
                format!("skillnad-medlem-{}", slug(&m.name)),
                &m.amount,
                unit,
            )
        })
        .collect()
}

/// Budget lines of `year` in both scenarios (pure).
pub fn line_rows(c: &Comparison, year: Year, unit: DisplayUnit) -> Vec<CompareRow> {
    c.lines
        .iter()
        .filter(|l| l.year == year)
        .map(|l| {
            money_row(
                l.name.clone(),
                String::new(),
                format!("skillnad-post-{}", slug(&l.name)),
                &l.amount,
                unit,
            )
        })
        .collect()
}

/// Two scenarios side by side for the selected year.
#[component]
pub(super) fn Compare(
    /// The selected year.
    year: Memo<Year>,
) -> impl IntoView {
    let state = AppState::expect();
    let choices = Choices::expect();
    let plan = state.plan;
    let unit = state.unit;
    let options = Memo::new(move |_| plan.with(scenario_options));
    let pair = Memo::new(move |_| choices.compared());
    let comparison = Memo::new(move |_| {
        let (a, b) = pair.get();
        plan.with(|p| compare(p, a, b))
    });
    let only_diffs = RwSignal::new(false);
    let names = Memo::new(move |_| {
        let (a, b) = pair.get();
        plan.with(|p| (p.scenario_name(a), p.scenario_name(b)))
    });

    let select = move |which: &'static str, label: &'static str| {
        let chosen = move || {
            let (a, b) = pair.get();
            if which == "a" {
                a
            } else {
                b
            }
        };
        view! {
            <div class="field">
                <label for=format!("jamfor-{which}")>{label}</label>
                <select
                    id=format!("jamfor-{which}")
                    data-testid=format!("jamfor-{which}")
                    data-presentation="keep"
                    on:change=move |ev| {
                        let id = parse_scenario_option(&event_target_value(&ev));
                        if which == "a" {
                            choices.set_compare_a(id);
                        } else {
                            choices.set_compare_b(id);
                        }
                    }
                >
                    {move || {
                        let current = chosen();
                        options
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                view! {
                                    <option value=scenario_option_value(id) selected=id == current>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };

    let table =
        move |title: &'static str,
              testid: &'static str,
              with_kind: bool,
              build: fn(&Comparison, Year, DisplayUnit) -> Vec<CompareRow>| {
            move || {
                let (y, u) = (year.get(), unit.get());
                let only = only_diffs.get();
                let (na, nb) = names.get();
                let rows: Vec<CompareRow> = comparison
                    .with(|c| build(c, y, u))
                    .into_iter()
                    .filter(|r| !only || r.sign != 0 || r.a != r.b)
                    .collect();
                let ul = u.label();
                let body = if rows.is_empty() {
                    view! { <tr><td colspan="5" class="muted">"Inga skillnader."</td></tr> }
                        .into_any()
                } else {
                    rows.into_iter()
                    .map(|r| {
                        view! {
                            <tr>
                                <th scope="row">{r.label}</th>
                                {with_kind.then(|| view! { <td class="pres-hide">{r.kind}</td> })}
                                <td class="num">{r.a}</td>
                                <td class="num">{r.b}</td>
                                <td
                                    class=match r.sign {
                                        1 => "num diff diff-pos",
                                        -1 => "num diff diff-neg",
                                        _ => "num diff",
                                    }
                                    data-testid=r.testid
                                >
                                    {r.diff}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
                    .into_any()
                };
                view! {
                    <table class="data compare-table" data-testid=testid>
                        <caption>{format!("{title} {y}: {na} jämfört med {nb}")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{if with_kind { "Medlem" } else { "" }}</th>
                                {with_kind.then(|| view! { <th scope="col" class="pres-hide">"Typ"</th> })}
                                <th scope="col" class="num">{format!("A: {na} ({ul})")}</th>
                                <th scope="col" class="num">{format!("B: {nb} ({ul})")}</th>
                                <th scope="col" class="num">{format!("Skillnad B − A ({ul})")}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                }
            }
        };

    view! {
        <h3 id="jamfor-rubrik">"Jämför två scenarier"</h3>
        <div class="form-row compare-controls">
            {select("a", "Scenario A")}
            {select("b", "Scenario B")}
            <label class="inline checkbox" data-presentation="keep">
                <input
                    type="checkbox"
                    data-testid="visa-bara-skillnader"
                    prop:checked=move || only_diffs.get()
                    on:change=move |ev| only_diffs.set(event_target_checked(&ev))
                />
                "Visa bara rader med skillnad"
            </label>
        </div>
        <p class="hint">
            "Skillnad = B − A för " {move || year.get()}
            ". Välj år i verktygsfältet. Positiv skillnad betyder mer i B."
        </p>
        <div class="compare-grid">
            {table("Nyckeltal", "jamforelse-nyckeltal", false, key_figure_rows)}
            {table("Medlemmar", "jamforelse-medlemmar", true, member_rows)}
            {table("Poster", "jamforelse-poster", false, line_rows)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samplan_engine::example_plan;

    #[test]
    fn comparison_rows_show_b_minus_a() {
        let plan = example_plan();
        let b = plan.scenarios[0].id;
        let c = compare(&plan, None, Some(b));
        let year = plan.years[1];
        let keys = key_figure_rows(&c, year, DisplayUnit::Kr);
        assert_eq!(keys.len(), 8);
        assert!(keys.iter().any(|r| r.sign != 0), "{keys:?}");
        let members = member_rows(&c, year, DisplayUnit::Kr);
        assert!(members.len() >= 12);
        let same = compare(&plan, Some(b), Some(b));
        assert!(member_rows(&same, year, DisplayUnit::Kr)
            .iter()
            .all(|r| r.sign == 0));
        assert!(!line_rows(&c, year, DisplayUnit::Kr).is_empty());
    }
}
