//! Golden vectors (docs/README.md#golden-vectors) for follow-up and budget decisions:
//! follow-up formulas (GV-16, GV-17), planned deficit (GV-22), staff split (GV-24) and net
//! budget growth (GV-25). Amounts given in tkr are built as tkr × 1 000, as in golden_budget.rs.

use rust_decimal::Decimal;
use samplan_engine::figures::*;
use samplan_engine::format::*;
use samplan_engine::*;

mod common;
use common::{check_row, d, exact2, kr, plan, sd_2021_ytd, tkr};

#[test]
fn gv16_sd_id_table_year_to_date() {
    let mut p = sd_2021_ytd();
    let accounts = [
        "10000", "20000", "21000", "29000", "35000", "36000", "37000",
    ];
    for (l, acc) in p.lines.iter_mut().zip(accounts) {
        l.account = Some(acc.to_string());
    }
    let f = follow_up(&p, 2021, OutcomeBasis::YearToDate, kr(6_322_000));
    // (Återstår tkr with costs positive, Förbrukad % exact to 2 decimals, shown with 1 decimal)
    let want: [(&str, i64, &str, &str); 7] = [
        ("10000", 115, "50", "50,0\u{a0}%"),
        ("20000", 193, "82.29", "82,3\u{a0}%"),
        ("21000", -110, "173.33", "173,3\u{a0}%"),
        ("29000", 25, "-25", "\u{2212}25,0\u{a0}%"), // printed −26 %
        ("35000", 0, "100", "100,0\u{a0}%"),
        ("36000", 51, "96.95", "96,9\u{a0}%"),
        ("37000", 0, "100", "100,0\u{a0}%"),
    ];
    for (acc, remaining, used, shown) in want {
        let row = f
            .rows
            .iter()
            .find(|r| r.account.as_deref() == Some(acc))
            .expect("row");
        assert_eq!(row.figures.remaining, tkr(remaining), "återstår {acc}");
        assert_eq!(
            round_half_up(row.figures.used_percent.expect("budget"), 2),
            d(used),
            "förbrukad {acc}"
        );
        assert_eq!(format_percent_opt(row.figures.used_percent), shown, "{acc}");
    }
    // 50 000 Intäkter 6 322 / 6 322 / 0 / 100 %.
    check_row(
        &f,
        "Medel från huvudmännen",
        kr(6_322_000),
        kr(6_322_000),
        Amount::ZERO,
    );
    // Totalt −64 / −338 / återstår −274 (Årsbudget − Ack utfall).
    let total = f.row("Årets resultat").expect("total");
    assert_eq!(total.figures.budget, tkr(-338));
    assert_eq!(total.figures.outcome, tkr(-64));
    assert_eq!(total.figures.remaining, tkr(-274));
    assert_eq!(
        total.figures.deviation,
        tkr(274),
        "positive = better than budget"
    );
    // Best basis falls back to ytd.
    let best = follow_up(&p, 2021, OutcomeBasis::Best, kr(6_322_000));
    assert_eq!(
        best.row("Årets resultat").expect("total").figures.outcome,
        tkr(-64)
    );
    // Final basis: nothing is known yet.
    let fin = follow_up(&p, 2021, OutcomeBasis::Final, kr(6_322_000));
    let styrelse = fin
        .rows
        .iter()
        .find(|r| r.account.as_deref() == Some("10000"))
        .expect("row");
    assert!(!styrelse.has_outcome);
    assert_eq!(styrelse.figures.outcome, Amount::ZERO);
}

#[test]
fn gv17_sd_narrative_follow_up_formulas() {
    // (row, utfall, budget, återstår, förbrukad exact to 2 decimals, whole percent)
    let rows: [(&str, i64, i64, i64, &str, i64); 17] = [
        (
            "Styrelse 2021 (Tabell 2, budget 260 ⚠)",
            115,
            260,
            145,
            "44.23",
            44,
        ),
        ("Styrelse 2020", 84, 260, 176, "32.31", 32),
        ("Styrelse 2019", 238, 260, 22, "91.54", 92),
        ("Administration 2021", 897, 1_090, 193, "82.29", 82),
        ("Administration 2020", 763, 1_069, 306, "71.38", 71),
        ("Administration 2019", 1_000, 930, -70, "107.53", 108),
        ("Personalinriktade 2021", 260, 150, -110, "173.33", 173),
        ("Personalinriktade 2020", 78, 220, 142, "35.45", 35),
        ("Personalinriktade 2019", 114, 160, 46, "71.25", 71),
        ("Publikationer 2021 (printed −26 %)", -5, 20, 25, "-25", -25),
        ("Publikationer 2020", 5, 20, 15, "25", 25),
        ("Publikationer 2019", 4, 20, 16, "20", 20),
        ("Avesta 2019", 2_381, 2_720, 339, "87.54", 88),
        ("Avesta 2020", 2_240, 2_340, 100, "95.73", 96),
        ("Hedemora 2019", 1_704, 2_050, 346, "83.12", 83),
        ("Säter 2019", 1_467, 1_730, 263, "84.80", 85),
        ("Säter 2020", 1_491, 1_740, 249, "85.69", 86),
    ];
    for (row, utfall, budget, remaining, used, whole) in rows {
        let f = follow_up_figures(tkr(budget), tkr(utfall), false);
        assert_eq!(f.remaining, tkr(remaining), "{row}: återstår");
        assert_eq!(f.deviation, tkr(remaining), "{row}: avvikelse (cost)");
        let p = f.used_percent.expect("budget");
        assert_eq!(round_half_up(p, 2), d(used), "{row}: förbrukad");
        assert_eq!(
            round_half_up(p, 0),
            Decimal::from(whole),
            "{row}: whole percent"
        );
    }
    // Styrelse 2021 is consistent only with budget 230 (ID table): 115 left, 50 %.
    let f = follow_up_figures(tkr(230), tkr(115), false);
    assert_eq!((f.remaining, f.used_percent), (tkr(115), Some(d("50"))));
    // Income row: avvikelse = utfall − budget.
    let inc = follow_up_figures(tkr(373), tkr(448), true);
    assert_eq!(inc.deviation, tkr(75));
    assert_eq!(inc.remaining, tkr(-75));
    // Zero budget: "–", never NaN or a panic.
    let z = follow_up_figures(Amount::ZERO, tkr(35), false);
    assert_eq!(z.used_percent, None);
    assert_eq!(format_percent_opt(z.used_percent), "–");
}

#[test]
fn gv22_planned_deficit() {
    use Category::*;
    // NV 2021: allocation 7 046, planned use of equity 353 → budgeted costs 7 399.
    let p = plan(
        2021,
        tkr(7_046),
        &[("Kostnader", Individinsatser, tkr(7_399), Some(tkr(7_078)))],
    );
    let r = compute(&p);
    let y = r.year(2021).expect("year");
    assert_eq!(y.budget.result, tkr(-353));
    assert_eq!(y.budget.planned_equity_use, tkr(353));
    let fu = y.follow_up.row("Verksamhetens kostnader").expect("row");
    assert_eq!(
        fu.figures.deviation,
        tkr(321),
        "321 tkr under budget (NV årsredovisning 2021)"
    );
    let w: Vec<&Warning> = r
        .warnings_for(2021)
        .filter(|w| matches!(w, Warning::Deficit { .. }))
        .collect();
    assert_eq!(w.len(), 1);
    assert!(w[0].message().contains("synnerliga skäl"), "{}", w[0]);
    // Every budgeted line has its final outcome, so the year is closed and equity (and the
    // deficit warning) use the outcome result 7 046 − 7 078 = −32 tkr, not the planned −353.
    assert_eq!(y.equity.basis, ResultBasis::Outcome);
    assert!(w[0].message().contains("32\u{a0}000"), "{}", w[0]);
    // VM 2024: 19 038 − 20 983 = −1 945.
    let p = plan(
        2024,
        tkr(19_038),
        &[("Kostnader", Individinsatser, tkr(20_983), None)],
    );
    let y = compute(&p);
    assert_eq!(
        y.year(2024).expect("year").budget.planned_equity_use,
        tkr(1_945)
    );
    // A surplus is *ofördelad budget* (info), not a deficit.
    let p = plan(
        2024,
        tkr(19_038),
        &[("Kostnader", Individinsatser, tkr(19_000), None)],
    );
    let r = compute(&p);
    assert_eq!(
        r.year(2024).expect("year").budget.planned_equity_use,
        Amount::ZERO
    );
    assert!(r
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::UnallocatedBudget { amount, .. } if *amount == tkr(38))));
    assert!(!r
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::Deficit { .. })));
}

#[test]
fn gv24_staff_split_50_50_to_80_20() {
    use Category::*;
    // NV 2021 with the förbundschef (C = 864 226 kr) split 50 % Kansli / 50 % Processtöd, so
    // processtöd is 432 113 kr as in GV-10.
    let mut p = plan(
        2021,
        kr(7_046_000),
        &[
            ("Individinsatser", Individinsatser, kr(5_074_808), None),
            ("Strukturpåverkande", Strukturpaverkande, kr(395_004), None),
            ("Övrigt kansli och styrelse", Kansli, kr(743_758), None),
            ("Förbundschef", Kansli, kr(864_226), None),
        ],
    );
    let chef = p.lines[3].id;
    let split = |kansli: i64, proc: i64| {
        vec![
            SplitShare {
                category: Kansli,
                percent: Decimal::from(kansli),
            },
            SplitShare {
                category: Processtod,
                percent: Decimal::from(proc),
            },
        ]
    };
    let e = Edit::set_line_split(&p, chef, split(50, 50)).expect("line");
    apply(&mut p, &e).expect("apply");
    let before = compute(&p);
    let b = &before.year(2021).expect("year").budget;
    assert_eq!(b.category(Processtod), kr(432_113));
    assert_eq!(b.admin_costs, kr(1_175_871));
    let dist = &before.year(2021).expect("year").distribution;
    assert_eq!(
        exact2(dist),
        vec![d("71.70"), d("5.58"), d("6.11"), d("16.61")]
    );

    let e = Edit::set_line_split(&p, chef, split(80, 20)).expect("line");
    apply(&mut p, &e).expect("apply");
    let after = compute(&p);
    let a = &after.year(2021).expect("year").budget;
    let moved = d("0.3") * Decimal::from(864_226);
    assert_eq!(
        b.category(Processtod).value() - a.category(Processtod).value(),
        moved,
        "0,3·C leaves processtöd"
    );
    assert_eq!(
        a.admin_costs.value() - b.admin_costs.value(),
        moved,
        "0,3·C goes to administration"
    );
    assert_eq!(a.operating_costs, b.operating_costs, "total unchanged");
    let dist = &after.year(2021).expect("year").distribution;
    assert_eq!(
        exact2(dist),
        vec![d("71.70"), d("5.58"), d("2.44"), d("20.28")]
    );
    // Follow-up shows the split line once per category share.
    let f = &after.year(2021).expect("year").follow_up;
    let shares: Vec<Option<Decimal>> = f
        .rows
        .iter()
        .filter(|r| r.line == Some(chef))
        .map(|r| r.share_percent)
        .collect();
    assert_eq!(shares, vec![Some(d("80")), Some(d("20"))]);
    // And the move is undoable.
    revert(&mut p, &e).expect("revert");
    assert_eq!(compute(&p).year(2021).expect("year").budget, *b);
}

#[test]
fn gv25_net_budget_and_growth() {
    use Category::*;
    let mut p = plan(2021, tkr(6_322), &[]);
    p.years = vec![2021, 2022];
    p.year_inputs.insert(2022, YearInput::default());
    // 2021: gross costs 7 033 with budgeted other income 373 (Administration carries the
    // external assignments gross); 2022: the net ID lines.
    let lines: [(&str, Category, i64, i64); 8] = [
        ("Styrelse", Styrelse, 230, 160),
        ("Administration", Kansli, 1_090 + 373, 905),
        ("Personalinriktade insatser", Strukturpaverkande, 150, 40),
        ("Publikationer", Strukturpaverkande, 20, -10),
        ("Samverkansteam Avesta", Individinsatser, 1_950, 2_300),
        ("Samverkansteam Hedemora", Individinsatser, 1_670, 1_980),
        ("Samverkansteam Säter", Individinsatser, 1_550, 1_820),
        ("Övriga intäkter", OvrigaIntakter, 373, 0),
    ];
    for (name, cat, a21, a22) in lines {
        let mut l = BudgetLine::new(LineId(p.fresh_id()), name, Some(cat));
        l.amounts.insert(2021, tkr(a21));
        l.amounts.insert(2022, tkr(a22));
        p.lines.push(l);
    }
    let r = compute(&p);
    let y21 = &r.year(2021).expect("2021").budget;
    assert_eq!(y21.operating_costs, tkr(7_033));
    assert_eq!(y21.other_income, tkr(373));
    assert_eq!(y21.net_costs, tkr(6_660), "net budget 6 660 = Σ IDs");
    assert_eq!(
        y21.result,
        tkr(-338),
        "budgeted result 2021 (SD årsrapport 2021)"
    );
    assert_eq!(r.year(2022).expect("2022").budget.net_costs, tkr(7_195));
    let growth = r.multi_year[1].net_cost_change_percent.expect("growth");
    assert_eq!(round_half_up(growth, 2), d("8.03"));
    assert_eq!(
        round_half_up(growth, 0),
        d("8"),
        "\"ökat budgeten … med 8 %\""
    );
    assert_eq!(r.multi_year[0].net_cost_change_percent, None);
}
