//! The budget statement (docs/budget.md, "Budget statement"): the rows of the Budget view in
//! order, with subtotals that add up from the rows shown under them.

use samplan_engine::figures::*;
use samplan_engine::*;

fn vm2024_file() -> Plan {
    let text = include_str!("../../examples/vm2024.samplan.json");
    plan_from_json(text).expect("the example file loads")
}

/// (label, amounts of the first year) of every row; `None` = no amount / unknown.
fn rows(plan: &Plan) -> Vec<(String, Option<Amount>)> {
    let s = budget_statement(plan, &compute(plan));
    s.rows
        .iter()
        .map(|r| {
            let a = match r {
                StatementRow::Heading { .. } => None,
                StatementRow::Line { amounts, .. } | StatementRow::Total { amounts, .. } => {
                    amounts[0]
                }
                StatementRow::Subtotal { amounts, .. } => Some(amounts[0]),
            };
            (r.label(plan), a)
        })
        .collect()
}

#[test]
fn vm2024_statement_order_subtotals_and_results() {
    let plan = vm2024_file();
    let kr = |v: i64| Some(Amount::kr(v));
    let got = rows(&plan);
    let expected: Vec<(&str, Option<Amount>)> = vec![
        ("Individinsatser", None),
        ("Samordningsteam Surahammar", kr(1_200_000)),
        ("Samordningsteam Hallstahammar", kr(1_200_000)),
        ("Samordningsteam Västerås", kr(6_200_000)),
        ("Samordningsteamet FNS", kr(1_525_000)),
        ("Samordningsteam Sala", kr(1_700_000)),
        ("Teamsamverkan Västra Mälardalen", kr(1_700_000)),
        ("Kurator Samordningsteam", kr(400_000)),
        ("Summa Individinsatser", kr(13_925_000)),
        ("Strukturpåverkande insatser", None),
        ("Samverkansmedel ofördelat", kr(400_000)),
        ("Myndighetsgem team Västerås", kr(1_120_000)),
        ("SIP-utvecklare", kr(40_000)),
        ("Rehabkoordinatorer i samverkan", kr(595_000)),
        ("Extern medbedömning", kr(0)),
        ("Övriga utvärderingsinsatser", kr(100_000)),
        ("Utv-dagar Samordningsteam", kr(0)),
        ("Länsgem utbildningsinsatser", kr(500_000)),
        ("Andra utbildningsinsatser", kr(0)),
        ("Summa Strukturpåverkande insatser", kr(2_755_000)),
        ("Processtöd samverkansinsatser", None),
        ("Processtöd samverkansinsatser", kr(1_453_000)),
        ("Summa Processtöd samverkansinsatser", kr(1_453_000)),
        ("Summa direkta insatskostnader", kr(18_133_000)),
        ("Styrelse", None),
        ("Styrelse", kr(606_000)),
        ("Summa Styrelse", kr(606_000)),
        ("Kansli", None),
        ("Kansli + bilkonto", kr(2_244_000)),
        ("Summa Kansli", kr(2_244_000)),
        ("Summa administrativa kostnader", kr(2_850_000)),
        ("Verksamhetens kostnader", kr(20_983_000)),
        ("Medlemsbidrag (medelstilldelningen)", kr(19_038_000)),
        ("Övriga intäkter", None),
        ("Övriga intäkter", kr(0)),
        ("EU-medel och andra bidrag", kr(0)),
        ("Summa Övriga intäkter", kr(0)),
        ("Verksamhetens intäkter", kr(19_038_000)),
        // GV-22: the planned deficit, exactly 1 945 000 kr.
        ("Verksamhetens resultat", kr(-1_945_000)),
        ("Finansiella intäkter", None),
        ("Finansiella intäkter", kr(0)),
        ("Summa Finansiella intäkter", kr(0)),
        ("Finansiella kostnader", None),
        ("Finansiella kostnader", kr(0)),
        ("Summa Finansiella kostnader", kr(0)),
        ("Årets resultat", kr(-1_945_000)),
    ];
    let got_ref: Vec<(&str, Option<Amount>)> = got.iter().map(|(l, a)| (l.as_str(), *a)).collect();
    assert_eq!(got_ref, expected);

    // The figures are the report's, to the krona.
    let report = compute(&plan);
    let f = &report.years[0].budget;
    assert_eq!(f.operating_costs, Amount::kr(20_983_000));
    assert_eq!(f.result, Amount::kr(-1_945_000));
}

/// Every subtotal equals the sum of the line rows shown under its heading, every year, with
/// split lines shown by share (the example plan's Förbundschef is split Kansli / Processtöd).
fn assert_groups_add_up(plan: &Plan) {
    let s = budget_statement(plan, &compute(plan));
    let mut sums: Vec<Amount> = vec![Amount::ZERO; s.years.len()];
    let mut checked = 0;
    for r in &s.rows {
        match r {
            StatementRow::Heading { .. } => sums = vec![Amount::ZERO; s.years.len()],
            StatementRow::Line { amounts, .. } => {
                for (s, a) in sums.iter_mut().zip(amounts) {
                    *s = Amount(s.value() + a.unwrap_or_default().value());
                }
            }
            StatementRow::Subtotal { group, amounts } => {
                assert_eq!(&sums, amounts, "Summa {}", group_label(*group));
                checked += 1;
            }
            StatementRow::Total { .. } => {}
        }
    }
    assert_eq!(
        checked,
        Category::ALL.len() + usize::from(plan.lines.iter().any(|l| line_in_group(l, None)))
    );
}

#[test]
fn split_shares_are_shown_in_their_categories_and_the_groups_add_up() {
    let plan = example_plan();
    assert!(plan.lines.iter().any(BudgetLine::is_split));
    assert_groups_add_up(&plan);
    let s = budget_statement(&plan, &compute(&plan));
    let chef = plan
        .lines
        .iter()
        .find(|l| l.name == "Förbundschef")
        .unwrap();
    let shown: Vec<(Option<Category>, String)> = s
        .rows
        .iter()
        .filter(|r| r.line() == Some(chef.id))
        .map(|r| (r.group().flatten(), r.label(&plan)))
        .collect();
    assert_eq!(
        shown,
        [
            (
                Some(Category::Processtod),
                "Förbundschef (50 %)".to_string()
            ),
            (Some(Category::Kansli), "Förbundschef (50 %)".to_string()),
        ]
    );
    // No separate group for split lines.
    assert!(s
        .rows
        .iter()
        .all(|r| !r.label(&plan).starts_with("Fördelade")));
}

#[test]
fn uneven_shares_and_uncategorised_lines_keep_every_group_consistent() {
    let mut plan = example_plan();
    let chef = plan
        .lines
        .iter()
        .position(|l| l.name == "Förbundschef")
        .unwrap();
    // 1 001 kr at 50 / 30: the 20 % remainder goes to the line's own category (or none).
    plan.lines[chef].category = None;
    plan.lines[chef].split[0].percent = 30.into();
    for a in plan.lines[chef].amounts.values_mut() {
        *a = Amount::kr(1_001);
    }
    assert_groups_add_up(&plan);
    let s = budget_statement(&plan, &compute(&plan));
    let labels: Vec<String> = s.rows.iter().map(|r| r.label(&plan)).collect();
    let at = labels.iter().position(|l| l == "Utan kategori").unwrap();
    assert_eq!(labels[at + 1], "Förbundschef (20 %)");
    assert_eq!(labels[at + 2], "Summa utan kategori");
    assert_eq!(labels[at + 3], "Verksamhetens kostnader");
    let StatementRow::Line { amounts, .. } = &s.rows[at + 1] else {
        panic!("a line row")
    };
    assert_eq!(
        amounts[0],
        Some(Amount(rust_decimal::Decimal::new(2002, 1)))
    );
}

#[test]
fn results_are_unknown_where_the_allocation_fails() {
    let mut plan = vm2024_file();
    plan.members.clear();
    let s = budget_statement(&plan, &compute(&plan));
    for r in &s.rows {
        if let StatementRow::Total { total, amounts } = r {
            assert_eq!(
                amounts[0].is_none(),
                total.needs_funding(),
                "{}",
                total.label()
            );
        }
    }
}
