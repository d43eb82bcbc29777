//! Test data and helpers shared by the engine's integration tests, defined once: literals
//! (`d`, `kr`, `tkr`), fixtures, and the one-member plans the golden-vector files build on
//! (docs/README.md#golden-vectors).
#![allow(dead_code)] // each test file uses its own part

pub mod cli;

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::csv::*;
use samplan_engine::figures::*;
use samplan_engine::*;

pub fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

pub fn kr(v: i64) -> Amount {
    Amount::kr(v)
}

pub fn tkr(v: i64) -> Amount {
    Amount::kr(v * 1000)
}

/// The bytes of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A one-year plan with total `t` and one municipality on an equal key (so the members pay
/// exactly T), without lines.
pub fn one_member_plan(year: Year, t: Amount) -> Plan {
    let mut p = Plan::empty("Test", year, 0);
    p.year_inputs.insert(
        year,
        YearInput {
            funding: FundingInput::Total(t),
            ..YearInput::default()
        },
    );
    p.settings.kommun_key = Key::single(KeyMethod::Equal);
    let id = MemberId(p.fresh_id());
    p.members.push(Member {
        id,
        name: "Kommunen".into(),
        kind: MemberKind::Kommun,
        first_year: None,
        last_year: None,
        values: Default::default(),
    });
    p
}

/// [`one_member_plan`] with `lines`: (name, category, budget, outcome).
pub fn plan(year: Year, t: Amount, lines: &[(&str, Category, Amount, Option<Amount>)]) -> Plan {
    let mut p = one_member_plan(year, t);
    for (name, cat, budget, outcome) in lines {
        let mut l = BudgetLine::new(LineId(p.fresh_id()), *name, Some(*cat));
        l.amounts.insert(year, *budget);
        if let Some(o) = outcome {
            l.outcome.insert(
                year,
                Outcome {
                    ytd: None,
                    final_amount: Some(*o),
                    forecast: None,
                },
            );
        }
        p.lines.push(l);
    }
    p
}

pub fn exact2(dist: &CostDistribution) -> Vec<Decimal> {
    CostGroup::ALL
        .iter()
        .map(|g| round_half_up(dist.group(*g).percent.expect("base > 0"), 2))
        .collect()
}

/// Checks one follow-up row: (budget, outcome, deviation) in kr.
pub fn check_row(f: &FollowUp, label: &str, budget: Amount, outcome: Amount, deviation: Amount) {
    let row = f.row(label).unwrap_or_else(|| panic!("row {label}"));
    assert_eq!(
        (
            row.figures.budget,
            row.figures.outcome,
            row.figures.deviation
        ),
        (budget, outcome, deviation),
        "row {label}"
    );
}

/// NV 2023 with Belopp (GV-06, T 7 030 000, the +4 kr accepted) and VM 2024 with Invånare
/// (the derived weights of GV-01, T 19 038 000); the four new members join in 2024 (the merger,
/// docs/allocation.md).
pub fn merger_plan() -> Plan {
    let mut p = Plan::empty("Samordningsförbundet Västmanland", 2023, 1);
    p.year_inputs.insert(
        2023,
        YearInput {
            funding: FundingInput::Total(kr(7_030_000)),
            allow_difference: true,
            ..YearInput::default()
        },
    );
    p.year_inputs.insert(
        2024,
        YearInput {
            funding: FundingInput::Total(kr(19_038_000)),
            ..YearInput::default()
        },
    );
    let old = read_members_csv(&fixture("nv2023_belopp.csv"), None).expect("import");
    let new = read_members_csv(&fixture("vm2024_invanare.csv"), None).expect("import");
    for m in &new.members {
        let id = MemberId(p.fresh_id());
        let mut values = std::collections::BTreeMap::new();
        let before = old.members.iter().find(|o| o.name == m.name);
        if let Some(o) = before {
            values.insert(
                2023,
                KeyValues {
                    amount: o.amount,
                    ..KeyValues::default()
                },
            );
        }
        values.insert(
            2024,
            KeyValues {
                population: m.population,
                ..KeyValues::default()
            },
        );
        p.members.push(Member {
            id,
            name: m.name.clone(),
            kind: m.kind.unwrap_or(MemberKind::Kommun),
            first_year: if before.is_some() || m.kind == Some(MemberKind::Region) {
                None
            } else {
                Some(2024)
            },
            last_year: None,
            values,
        });
    }
    let e = Edit::set_kommun_key_from(&p, 2023, Key::Amount);
    apply(&mut p, &e).expect("apply");
    let e = Edit::set_kommun_key_from(&p, 2024, Key::single(KeyMethod::Population));
    apply(&mut p, &e).expect("apply");
    p
}

/// Södra Dalarna 2022–2024 without budget lines (GV-21): EK IB 1 262 tkr, a medelstilldelning
/// of 6 322 tkr, and Avesta, Hedemora and Säter paying 44, 32 and 24 % of the municipalities'
/// part.
pub fn sd_2022_skeleton() -> Plan {
    let mut p = Plan::empty("Södra Dalarnas Samordningsförbund", 2022, 2);
    p.opening_equity = tkr(1_262);
    p.year_inputs.insert(
        2022,
        YearInput {
            funding: FundingInput::Total(tkr(6_322)),
            ..YearInput::default()
        },
    );
    p.settings.kommun_key = Key::single(KeyMethod::Percent);
    for (name, pct) in [("Avesta", 44), ("Hedemora", 32), ("Säter", 24)] {
        let mut m = Member {
            id: MemberId(p.fresh_id()),
            name: name.into(),
            kind: MemberKind::Kommun,
            first_year: None,
            last_year: None,
            values: Default::default(),
        };
        m.values.insert(
            2022,
            KeyValues {
                percent: Some(Decimal::from(pct)),
                ..KeyValues::default()
            },
        );
        p.members.push(m);
    }
    p
}

/// Södra Dalarna 2021, the årsrapport's ID table (GV-16): three samverkansteam, two structural
/// lines, Styrelse and Administration, each with its year-to-date utfall (tkr, no accounts).
pub fn sd_2021_ytd() -> Plan {
    use Category::*;
    let mut p = plan(
        2021,
        kr(6_322_000),
        &[
            ("Styrelse", Styrelse, tkr(230), None),
            ("Administration", Kansli, tkr(1_090), None),
            (
                "Personalinriktade insatser",
                Strukturpaverkande,
                tkr(150),
                None,
            ),
            ("Publikationer", Strukturpaverkande, tkr(20), None),
            ("Samverkansteam Avesta", Individinsatser, tkr(1_950), None),
            ("Samverkansteam Hedemora", Individinsatser, tkr(1_670), None),
            ("Samverkansteam Säter", Individinsatser, tkr(1_550), None),
        ],
    );
    let ytd = [115, 897, 260, -5, 1_950, 1_619, 1_550];
    for (l, v) in p.lines.iter_mut().zip(ytd) {
        l.outcome.insert(
            2021,
            Outcome {
                ytd: Some(tkr(v)),
                final_amount: None,
                forecast: None,
            },
        );
    }
    p
}
