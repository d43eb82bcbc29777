//! Example plans: [`example_plan`], a fictional association shown at first start (docs/app.md), and
//! [`vm2024_plan`], Samordningsförbundet Västmanland 2024 rebuilt from its annual report
//! (domain GV-01, GV-11, GV-14, GV-18) and shipped as `examples/vm2024.samplan.json`.
//!
//! Both are built in code so they always match the current plan format.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::allocation::{Key, KeyMethod, MemberKind};
use crate::money::{round_half_up_to, Amount};
use crate::plan::{
    BudgetLine, Category, FundingInput, KeyValues, LineId, Member, MemberId, Outcome, Overrides,
    Plan, Scenario, ScenarioId, SplitShare, Year, YearInput,
};

/// What a line of an example is: one category, or a split.
enum Cat {
    One(Category),
    Split(&'static [(Category, i64)]),
}

struct Builder {
    plan: Plan,
}

impl Builder {
    fn id(&mut self) -> u32 {
        self.plan.fresh_id()
    }

    fn member(&mut self, name: &str, kind: MemberKind, year: Year, values: KeyValues) {
        let id = MemberId(self.id());
        let mut m = Member {
            id,
            name: name.to_string(),
            kind,
            first_year: None,
            last_year: None,
            values: BTreeMap::new(),
        };
        if values != KeyValues::default() {
            m.values.insert(year, values);
        }
        self.plan.members.push(m);
    }

    fn line(&mut self, account: &str, name: &str, cat: Cat) -> &mut BudgetLine {
        let id = LineId(self.id());
        let mut l = BudgetLine::new(id, name, None);
        if !account.is_empty() {
            l.account = Some(account.to_string());
        }
        match cat {
            Cat::One(c) => l.category = Some(c),
            Cat::Split(shares) => {
                l.category = shares.first().map(|s| s.0);
                l.split = shares
                    .iter()
                    .map(|(c, p)| SplitShare {
                        category: *c,
                        percent: Decimal::from(*p),
                    })
                    .collect();
            }
        }
        let last = self.plan.lines.len();
        self.plan.lines.push(l);
        // Indexing is safe: the line was pushed just above, so `last` is in range.
        #[allow(clippy::indexing_slicing)]
        &mut self.plan.lines[last]
    }
}

fn pct(v: i64, scale: u32) -> Decimal {
    Decimal::new(v, scale)
}

/// The example plan shown at first start: the fictional *Samordningsförbundet Exempeldalen*
/// with ten municipalities (population key, "SCB 2025-11-01"), about 40 budget lines in every
/// category (the förbundschef split 50 % Kansli / 50 % Processtöd), 2025 as the current year
/// with year-to-date outcome (through August), 2026 as the budget year and 2027–2029 as plan
/// years, two scenarios, and an opening equity of 2 100 000 kr.
// Arithmetic and indexing here only touch the constants above (no input reaches this
// function), and the example tests check every resulting figure.
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
pub fn example_plan() -> Plan {
    let first: Year = 2025;
    let mut plan = Plan::empty("Samordningsförbundet Exempeldalen", first, 4);
    plan.settings.org_nr = "222000-0000".to_string();
    plan.settings.population_source = "SCB 2025-11-01".to_string();
    plan.settings.kommun_key = Key::single(KeyMethod::Population);
    plan.settings.equity_floor = Some(Amount::kr(500_000));
    plan.opening_equity = Amount::kr(2_100_000);
    let funding = [
        (2025, FundingInput::Total(Amount::kr(12_000_000))),
        (2026, FundingInput::Total(Amount::kr(12_400_000))),
        (2027, FundingInput::PreviousPlusPercent(Decimal::ZERO)),
        (2028, FundingInput::PreviousPlusPercent(Decimal::from(2))),
        (2029, FundingInput::PreviousPlusPercent(Decimal::from(2))),
    ];
    for (y, f) in funding {
        plan.year_inputs.insert(
            y,
            YearInput {
                funding: f,
                ..YearInput::default()
            },
        );
    }
    let mut b = Builder { plan };
    b.member(
        "Staten (Försäkringskassan och Arbetsförmedlingen)",
        MemberKind::Stat,
        first,
        KeyValues::default(),
    );
    b.member(
        "Region Exempellän",
        MemberKind::Region,
        first,
        KeyValues::default(),
    );
    let kommuner: [(&str, u64); 10] = [
        ("Älvstad", 98_412),
        ("Norrfors", 24_873),
        ("Sjöberga", 15_306),
        ("Storsund", 12_704),
        ("Granvik", 11_942),
        ("Hedåsen", 9_318),
        ("Björkliden", 7_655),
        ("Tallmora", 6_127),
        ("Lövnäs", 4_981),
        ("Ekhamra", 3_476),
    ];
    for (name, pop) in kommuner {
        let v = KeyValues {
            population: Some(pop),
            ..KeyValues::default()
        };
        b.member(name, MemberKind::Kommun, first, v);
    }

    use Category::*;
    // (konto, post, category, budget 2026 in kr, municipality)
    let lines: [(&str, &str, Cat, i64, Option<&str>); 40] = [
        (
            "4010",
            "Arvoden styrelse",
            Cat::One(Styrelse),
            210_000,
            None,
        ),
        ("4020", "Revision", Cat::One(Styrelse), 70_000, None),
        (
            "4030",
            "Styrelsens utbildning och konferenser",
            Cat::One(Styrelse),
            45_000,
            None,
        ),
        ("4090", "Övrigt styrelse", Cat::One(Styrelse), 15_000, None),
        (
            "5010",
            "Förbundschef",
            Cat::Split(&[(Kansli, 50), (Processtod, 50)]),
            1_080_000,
            None,
        ),
        (
            "5030",
            "Ekonomi- och lönetjänster",
            Cat::One(Kansli),
            140_000,
            None,
        ),
        ("5040", "Lokalhyra", Cat::One(Kansli), 110_000, None),
        (
            "5050",
            "IT, telefoni och licenser",
            Cat::One(Kansli),
            65_000,
            None,
        ),
        (
            "5060",
            "Hemsida och kommunikation",
            Cat::One(Kansli),
            40_000,
            None,
        ),
        ("5070", "Resor och bilkonto", Cat::One(Kansli), 45_000, None),
        (
            "5080",
            "Försäkringar och serviceavgift NNS",
            Cat::One(Kansli),
            25_000,
            None,
        ),
        ("5090", "Övrigt kansli", Cat::One(Kansli), 20_000, None),
        (
            "6010",
            "Utvecklingsledare",
            Cat::One(Processtod),
            820_000,
            None,
        ),
        (
            "6020",
            "Processtöd samverkan, övrigt",
            Cat::One(Processtod),
            60_000,
            None,
        ),
        (
            "7010",
            "Samordningsteam Älvstad",
            Cat::One(Individinsatser),
            2_200_000,
            Some("Älvstad"),
        ),
        (
            "7020",
            "Samordningsteam Norrfors",
            Cat::One(Individinsatser),
            1_150_000,
            Some("Norrfors"),
        ),
        (
            "7030",
            "Samordningsteam Sjöberga–Granvik",
            Cat::One(Individinsatser),
            1_050_000,
            Some("Sjöberga"),
        ),
        (
            "7040",
            "Samordningsteam Hedåsen–Björkliden",
            Cat::One(Individinsatser),
            780_000,
            Some("Hedåsen"),
        ),
        (
            "7050",
            "Samordningsteam Storsund",
            Cat::One(Individinsatser),
            720_000,
            Some("Storsund"),
        ),
        (
            "7060",
            "Samordningsteam Tallmora–Lövnäs–Ekhamra",
            Cat::One(Individinsatser),
            640_000,
            Some("Tallmora"),
        ),
        (
            "7070",
            "Ungdomsteam 16–29 år",
            Cat::One(Individinsatser),
            750_000,
            Some("Älvstad"),
        ),
        (
            "7080",
            "IPS – individanpassat stöd till arbete",
            Cat::One(Individinsatser),
            550_000,
            None,
        ),
        (
            "7090",
            "Kurator i samordningsteamen",
            Cat::One(Individinsatser),
            380_000,
            None,
        ),
        (
            "7100",
            "Språkstöd i arbetsträning",
            Cat::One(Individinsatser),
            300_000,
            Some("Norrfors"),
        ),
        (
            "7110",
            "Aktivitetshuset Hedåsen",
            Cat::One(Individinsatser),
            250_000,
            Some("Hedåsen"),
        ),
        (
            "7120",
            "Stegvis – förrehabilitering",
            Cat::One(Individinsatser),
            200_000,
            None,
        ),
        (
            "8010",
            "Samverkansmedel ofördelat",
            Cat::One(Strukturpaverkande),
            350_000,
            None,
        ),
        (
            "8020",
            "Extern utvärdering och medbedömning",
            Cat::One(Strukturpaverkande),
            120_000,
            None,
        ),
        (
            "8030",
            "Länsgemensamma utbildningsinsatser",
            Cat::One(Strukturpaverkande),
            180_000,
            None,
        ),
        (
            "8040",
            "SIP-utveckling",
            Cat::One(Strukturpaverkande),
            90_000,
            None,
        ),
        (
            "8050",
            "Insatskatalogen",
            Cat::One(Strukturpaverkande),
            25_000,
            None,
        ),
        (
            "8060",
            "Utvecklingsdagar samordningsteam",
            Cat::One(Strukturpaverkande),
            60_000,
            None,
        ),
        (
            "8070",
            "Lösningsfokuserat arbetssätt – grundutbildning",
            Cat::One(Strukturpaverkande),
            75_000,
            None,
        ),
        (
            "8080",
            "Rehabkoordinatorer i samverkan",
            Cat::One(Strukturpaverkande),
            150_000,
            None,
        ),
        (
            "8090",
            "Uppföljning Finsam och indikatorer",
            Cat::One(Strukturpaverkande),
            30_000,
            None,
        ),
        (
            "8100",
            "Förstudie arbetsgivarsamverkan",
            Cat::One(Strukturpaverkande),
            60_000,
            None,
        ),
        (
            "3010",
            "Kursintäkter",
            Cat::One(OvrigaIntakter),
            40_000,
            None,
        ),
        (
            "3020",
            "Externa uppdrag",
            Cat::One(OvrigaIntakter),
            60_000,
            None,
        ),
        (
            "8310",
            "Ränteintäkter",
            Cat::One(FinansiellaIntakter),
            20_000,
            None,
        ),
        (
            "8410",
            "Bankavgifter och räntekostnader",
            Cat::One(FinansiellaKostnader),
            3_000,
            None,
        ),
    ];
    // Year-to-date share of the 2025 budget used by the end of August, per line (cycled).
    let ytd_share = [62, 58, 71, 66, 55, 69, 64, 74, 60, 67, 52, 70, 65, 61, 68];
    let thousand = Decimal::ONE_THOUSAND;
    for (i, (account, name, cat, amount_2026, municipality)) in lines.into_iter().enumerate() {
        let a26 = Decimal::from(amount_2026);
        let a25 = round_half_up_to(a26 * pct(97, 2), thousand);
        let a28 = round_half_up_to(a26 * pct(102, 2), thousand);
        let a29 = round_half_up_to(a28 * pct(102, 2), thousand);
        let ytd = round_half_up_to(a25 * pct(ytd_share[i % ytd_share.len()], 2), Decimal::ONE);
        let l = b.line(account, name, cat);
        l.municipality = municipality.map(str::to_string);
        for (y, a) in [
            (2025, a25),
            (2026, a26),
            (2027, a26),
            (2028, a28),
            (2029, a29),
        ] {
            l.amounts.insert(y, Amount(a));
        }
        l.outcome.insert(
            2025,
            Outcome {
                ytd: Some(Amount(ytd)),
                final_amount: None,
                forecast: None,
            },
        );
        if i == 4 {
            l.note =
                "50 % administration, 50 % processtöd (tid enligt tidsredovisning)".to_string();
        }
        if i == 26 {
            l.note = "Reserv för nya insatser som styrelsen beslutar om under året".to_string();
        }
    }
    let s1 = ScenarioId(b.id());
    let s2 = ScenarioId(b.id());
    let mut low = Overrides::default();
    low.funding
        .insert(2026, FundingInput::Total(Amount::kr(11_160_000)));
    let mut ask = Overrides::default();
    ask.funding
        .insert(2026, FundingInput::Total(Amount::kr(13_000_000)));
    b.plan.scenarios.push(Scenario {
        id: s1,
        name: "Medelstilldelning −10 %".to_string(),
        overrides: low,
    });
    b.plan.scenarios.push(Scenario {
        id: s2,
        name: "Äskande 13 000 tkr".to_string(),
        overrides: ask,
    });
    b.plan
}

/// The municipalities' decided amounts (`Belopp`, kr) of Samordningsförbundet Västmanland 2024
/// (the merger year; docs/allocation.md worked examples): the one copy of this table, used by
/// [`vm2024_plan`] and the tests.
pub const VM_2024_KOMMUNER: [(&str, i64); 10] = [
    ("Arboga", 236_975),
    ("Fagersta", 224_196),
    ("Hallstahammar", 288_938),
    ("Kungsör", 146_015),
    ("Köping", 423_391),
    ("Norberg", 93_732),
    ("Skinnskatteberg", 73_599),
    ("Sala", 406_064),
    ("Surahammar", 168_244),
    ("Västerås", 2_698_345),
];

/// Samordningsförbundet Västmanland 2024 from its *Årsredovisning 2024* (S3):
/// T = 19 038 000 kr with the ten municipalities' documented amounts as key `Belopp` (GV-01,
/// Σ 4 759 499, −1 kr), the *driftredovisning* lines (GV-14; tkr × 1 000, one line per category
/// adjusted so the category outcomes are the kronor of Not 3, GV-11), övriga intäkter 4 564 kr,
/// financial items +246 567 / −60 154 kr as outcome, EK IB 427 565 kr, kapitaltillskott
/// 3 519 143 kr and the actual result 81 778 kr, so EK UB = 4 028 486 kr = 21,16 % (GV-18).
pub fn vm2024_plan() -> Plan {
    let year: Year = 2024;
    let mut plan = Plan::empty("Samordningsförbundet Västmanland", year, 0);
    plan.settings.org_nr = "222000-1974".to_string();
    plan.settings.kommun_key = Key::Amount;
    plan.opening_equity = Amount::kr(427_565);
    plan.year_inputs.insert(
        year,
        YearInput {
            funding: FundingInput::Total(Amount::kr(19_038_000)),
            requested: None,
            capital_contribution: Amount::kr(3_519_143),
            actual_result: Some(Amount::kr(81_778)),
            ..YearInput::default()
        },
    );
    let mut b = Builder { plan };
    b.member(
        "Staten (Försäkringskassan och Arbetsförmedlingen)",
        MemberKind::Stat,
        year,
        KeyValues::default(),
    );
    b.member(
        "Region Västmanland",
        MemberKind::Region,
        year,
        KeyValues::default(),
    );
    for (name, amount) in VM_2024_KOMMUNER {
        let v = KeyValues {
            amount: Some(Amount::kr(amount)),
            ..KeyValues::default()
        };
        b.member(name, MemberKind::Kommun, year, v);
    }
    use Category::*;
    // (post, category, budget kr, outcome kr, municipality)
    let lines: [(&str, Category, i64, i64, Option<&str>); 23] = [
        ("Styrelse", Styrelse, 606_000, 679_000, None),
        ("Kansli + bilkonto", Kansli, 2_244_000, 1_756_872, None),
        (
            "Samordningsteam Surahammar",
            Individinsatser,
            1_200_000,
            1_090_000,
            Some("Surahammar"),
        ),
        (
            "Samordningsteam Hallstahammar",
            Individinsatser,
            1_200_000,
            1_250_000,
            Some("Hallstahammar"),
        ),
        (
            "Samordningsteam Västerås",
            Individinsatser,
            6_200_000,
            5_832_000,
            Some("Västerås"),
        ),
        (
            "Samordningsteamet FNS",
            Individinsatser,
            1_525_000,
            1_284_000,
            None,
        ),
        (
            "Samordningsteam Sala",
            Individinsatser,
            1_700_000,
            1_605_000,
            Some("Sala"),
        ),
        (
            "Teamsamverkan Västra Mälardalen",
            Individinsatser,
            1_700_000,
            1_459_000,
            None,
        ),
        (
            "Kurator Samordningsteam",
            Individinsatser,
            400_000,
            185_567,
            None,
        ),
        (
            "Samverkansmedel ofördelat",
            Strukturpaverkande,
            400_000,
            75_000,
            None,
        ),
        (
            "Myndighetsgem team Västerås",
            Strukturpaverkande,
            1_120_000,
            1_084_000,
            Some("Västerås"),
        ),
        ("SIP-utvecklare", Strukturpaverkande, 40_000, 15_000, None),
        (
            "Rehabkoordinatorer i samverkan",
            Strukturpaverkande,
            595_000,
            438_000,
            None,
        ),
        ("Extern medbedömning", Strukturpaverkande, 0, 0, None),
        (
            "Övriga utvärderingsinsatser",
            Strukturpaverkande,
            100_000,
            15_000,
            None,
        ),
        (
            "Utv-dagar Samordningsteam",
            Strukturpaverkande,
            0,
            5_000,
            None,
        ),
        (
            "Länsgem utbildningsinsatser",
            Strukturpaverkande,
            500_000,
            558_763,
            None,
        ),
        ("Andra utbildningsinsatser", Strukturpaverkande, 0, 0, None),
        (
            "Processtöd samverkansinsatser",
            Processtod,
            1_453_000,
            1_814_996,
            None,
        ),
        ("Övriga intäkter", OvrigaIntakter, 0, 4_564, None),
        ("EU-medel och andra bidrag", OvrigaIntakter, 0, 0, None),
        (
            "Finansiella intäkter",
            FinansiellaIntakter,
            0,
            246_567,
            None,
        ),
        (
            "Finansiella kostnader",
            FinansiellaKostnader,
            0,
            60_154,
            None,
        ),
    ];
    for (name, cat, budget, outcome, municipality) in lines {
        let l = b.line("", name, Cat::One(cat));
        l.amounts.insert(year, Amount::kr(budget));
        l.outcome.insert(
            year,
            Outcome {
                ytd: None,
                final_amount: Some(Amount::kr(outcome)),
                forecast: None,
            },
        );
        l.municipality = municipality.map(str::to_string);
    }
    if let Some(l) = b.plan.lines.get_mut(1) {
        l.note = "Utfall brutto; kansliets intäkt 4 564 kr står under Övriga intäkter".to_string();
    }
    if let Some(l) = b.plan.lines.get_mut(8) {
        l.note =
            "Utfall justerat −433 kr så att individinsatser blir 12 705 567 kr (Not 3)".to_string();
    }
    if let Some(l) = b.plan.lines.get_mut(16) {
        l.note = "Utfall justerat −237 kr så att strukturpåverkande blir 2 190 763 kr (Not 3)"
            .to_string();
    }
    if let Some(l) = b.plan.lines.get_mut(18) {
        l.note = "Förbundschef 50 % och utvecklingsledare 100 % i budget".to_string();
    }
    b.plan
}

/// A deterministic large plan for benchmarks (the criterion benches and `bench/peers/`): `lines` budget lines over `years` years and `members`
/// municipalities with populations (every 50th line split 50/50 Kansli/Processtöd, outcome for
/// the first year, two scenarios).
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)] // small loop counters only
pub fn generated_plan(lines: usize, years: u32, members: usize) -> Plan {
    use crate::*;
    let mut p = Plan::empty("Genererad", 2026, years - 1);
    p.year_inputs.insert(
        2026,
        YearInput {
            funding: FundingInput::Total(Amount::kr(400_000_000)),
            ..YearInput::default()
        },
    );
    for (i, y) in p.years.clone().into_iter().enumerate().skip(1) {
        let pct = Decimal::from(i as i64 % 3);
        p.year_inputs.insert(
            y,
            YearInput {
                funding: FundingInput::PreviousPlusPercent(pct),
                ..YearInput::default()
            },
        );
    }
    for i in 0..members {
        let id = MemberId(p.fresh_id());
        let mut values = BTreeMap::new();
        values.insert(
            2026,
            KeyValues {
                population: Some(2_000 + (i as u64 * 7_919) % 150_000),
                ..KeyValues::default()
            },
        );
        p.members.push(Member {
            id,
            name: format!("Kommun {i:03}"),
            kind: MemberKind::Kommun,
            first_year: None,
            last_year: None,
            values,
        });
    }
    let cats = [
        Category::Individinsatser,
        Category::Individinsatser,
        Category::Strukturpaverkande,
        Category::Processtod,
        Category::Styrelse,
        Category::Kansli,
        Category::OvrigaIntakter,
        Category::FinansiellaIntakter,
        Category::FinansiellaKostnader,
    ];
    for i in 0..lines {
        let id = LineId(p.fresh_id());
        let mut l = BudgetLine::new(id, format!("Post {i:04}"), Some(cats[i % cats.len()]));
        l.account = Some(format!("{}", 10_000 + i));
        if i % 50 == 0 {
            l.split = vec![
                SplitShare {
                    category: Category::Kansli,
                    percent: Decimal::from(50),
                },
                SplitShare {
                    category: Category::Processtod,
                    percent: Decimal::from(50),
                },
            ];
        }
        for (k, y) in p.years.iter().enumerate() {
            l.amounts.insert(
                *y,
                Amount::kr(100_000 + (i as i64 * 1_237 + k as i64 * 911) % 90_000),
            );
        }
        l.outcome.insert(
            2026,
            Outcome {
                ytd: Some(Amount::kr(60_000 + (i as i64 * 313) % 40_000)),
                final_amount: None,
                forecast: None,
            },
        );
        p.lines.push(l);
    }
    for name in ["Äskande", "Staten −10 %"] {
        let id = ScenarioId(p.fresh_id());
        let mut o = Overrides::default();
        o.funding
            .insert(2027, FundingInput::Total(Amount::kr(380_000_000)));
        p.scenarios.push(Scenario {
            id,
            name: name.into(),
            overrides: o,
        });
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_ids_are_unique_and_next_id_is_fresh() {
        for p in [example_plan(), vm2024_plan()] {
            let mut ids: Vec<u32> = p.lines.iter().map(|l| l.id.0).collect();
            ids.extend(p.members.iter().map(|m| m.id.0));
            ids.extend(p.scenarios.iter().map(|s| s.id.0));
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n);
            assert!(ids.iter().all(|i| *i < p.next_id));
        }
    }
}
