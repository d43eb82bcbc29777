//! The follow-up per insats over all years (docs/budget.md, "Per insats").

use samplan_engine::figures::*;
use samplan_engine::*;

mod common;
use common::{kr, plan, sd_2021_ytd, tkr};

fn row<'a>(t: &'a InsatsTable, label: &str) -> &'a InsatsRow {
    t.rows
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("insats {label}"))
}

#[test]
fn each_direct_line_is_an_insats_with_budget_and_utfall_and_the_administration_beside() {
    let p = sd_2021_ytd();
    let t = insats_table(&p, &compute(&p));
    assert_eq!(t.years, vec![2021]);
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    // Statement order: Individinsatser before Strukturpåverkande; no administrative line.
    assert_eq!(
        labels,
        [
            "Samverkansteam Avesta",
            "Samverkansteam Hedemora",
            "Samverkansteam Säter",
            "Personalinriktade insatser",
            "Publikationer",
        ]
    );
    let hedemora = row(&t, "Samverkansteam Hedemora");
    assert_eq!(hedemora.category, Some(Category::Individinsatser));
    assert_eq!(hedemora.years[0].budget, tkr(1_670));
    assert_eq!(hedemora.years[0].outcome, Some(tkr(1_619)));
    // The report's direct costs 5 340 tkr, utfall 5 374 tkr; administration 1 320 / 1 012 tkr.
    assert_eq!(t.direct_total.years[0].budget, tkr(5_340));
    assert_eq!(t.direct_total.years[0].outcome, Some(tkr(5_374)));
    assert_eq!(t.admin_total.years[0].budget, tkr(1_320));
    assert_eq!(t.admin_total.years[0].outcome, Some(tkr(1_012)));
    assert_eq!(t.costs_total.years[0].budget, tkr(6_660));
    assert_eq!(t.outcome_label(0), "Ack. utfall 2021");
}

#[test]
fn the_insatser_sum_to_the_direct_costs_every_year_of_the_example() {
    let p = example_plan();
    let report = compute(&p);
    let t = insats_table(&p, &report);
    assert_eq!(t.years, p.years);
    assert!(!t.rows.is_empty());
    for (i, y) in report.years.iter().enumerate() {
        let sum = t
            .rows
            .iter()
            .fold(Amount::ZERO, |a, r| a + r.years[i].budget);
        assert_eq!(sum, t.direct_total.years[i].budget, "{}", y.year);
        assert_eq!(
            t.direct_total.years[i].budget, y.budget.direct_costs,
            "{}",
            y.year
        );
    }
}

#[test]
fn lines_of_one_name_are_one_insats_and_a_split_lines_direct_share_counts() {
    use Category::*;
    let mut p = plan(
        2026,
        kr(4_000_000),
        &[
            ("Samordningsteam Sala", Individinsatser, kr(900_000), None),
            ("samordningsteam  sala", Individinsatser, kr(100_000), None),
            ("Förbundschef", Kansli, kr(800_000), None),
            ("", Strukturpaverkande, kr(10_000), None),
            ("", Strukturpaverkande, kr(20_000), None),
        ],
    );
    p.lines[0].account = Some("4010".into());
    p.lines[1].account = Some("4011".into());
    // The chief: 25 % Processtöd, the rest Kansli.
    p.lines[2].split = vec![SplitShare {
        category: Processtod,
        percent: 25.into(),
    }];
    p.lines[0].outcome.insert(
        2026,
        Outcome {
            ytd: None,
            final_amount: Some(kr(950_000)),
            forecast: None,
        },
    );
    let t = insats_table(&p, &compute(&p));
    let sala = row(&t, "Samordningsteam Sala");
    assert_eq!(sala.lines.len(), 2);
    assert_eq!(sala.accounts, ["4010", "4011"]);
    assert_eq!(sala.years[0].budget, kr(1_000_000));
    // Only one of its lines has an utfall: the known part is shown, not a made-up zero.
    assert_eq!(sala.years[0].outcome, Some(kr(950_000)));
    let chief = row(&t, "Förbundschef");
    assert_eq!(chief.category, Some(Processtod));
    assert_eq!(chief.years[0].budget, kr(200_000));
    assert_eq!(chief.years[0].outcome, None);
    // Two unnamed lines stay two rows.
    let unnamed = t.rows.iter().filter(|r| r.label == UNNAMED_LINE).count();
    assert_eq!(unnamed, 2);
    assert_eq!(t.admin_total.years[0].budget, kr(600_000));
    assert_eq!(t.outcome_label(0), "Utfall 2026");
}

#[test]
fn the_csv_has_budget_and_utfall_per_year_and_the_totals() {
    let p = sd_2021_ytd();
    let t = insats_table(&p, &compute(&p));
    let csv = String::from_utf8(t.to_csv()).unwrap();
    let csv = csv.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Insats;Kategori;Konto;Budget 2021;Ack. utfall 2021"
    );
    assert_eq!(
        lines[1],
        "Samverkansteam Avesta;Individinsatser;;1950000;1950000"
    );
    assert_eq!(
        lines[lines.len() - 2],
        "Summa administrativa kostnader;;;1320000;1012000"
    );
    assert_eq!(lines.len(), 1 + 5 + 3);
}
