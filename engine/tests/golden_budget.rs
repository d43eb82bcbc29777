//! Golden vectors (docs/README.md#golden-vectors) for the budget: cost distribution (GV-10, GV-11),
//! *driftredovisning* (GV-13, GV-14), follow-up formulas (GV-16, GV-17), planned deficit
//! (GV-22), staff split (GV-24) and net budget growth (GV-25).
//!
//! Where a document gives only tkr, lines are built in kr as tkr × 1 000 and the assertions are
//! the *computed* values (the documents round every cell, so their printed subtotals can differ
//! by ±1 tkr; the printed value is noted next to the assert).

use rust_decimal::Decimal;
use samplan_engine::allocation::*;
use samplan_engine::figures::*;
use samplan_engine::format::*;
use samplan_engine::*;

mod common;
use common::{check_row, d, exact2, kr, plan, tkr};

fn percents(dist: &CostDistribution, rounding: PercentRounding) -> Vec<Decimal> {
    CostGroup::ALL
        .iter()
        .map(|g| dist.group(*g).whole(rounding).expect("base > 0"))
        .collect()
}

fn ints(v: &[i64]) -> Vec<Decimal> {
    v.iter().map(|x| Decimal::from(*x)).collect()
}

#[test]
fn gv10_nv2021_cost_distribution() {
    use Category::*;
    let p = plan(
        2021,
        kr(7_046_000),
        &[
            ("Individinsatser", Individinsatser, kr(5_074_808), None),
            ("Strukturpåverkande", Strukturpaverkande, kr(395_004), None),
            ("Processtöd", Processtod, kr(432_113), None),
            ("Administration", Kansli, kr(1_175_871), None),
        ],
    );
    let r = compute(&p);
    let y = r.year(2021).expect("year");
    assert_eq!(y.budget.operating_costs, kr(7_077_796), "total");
    assert_eq!(y.budget.direct_costs, kr(5_901_925), "direct");
    let dist = &y.distribution;
    assert_eq!(
        exact2(dist),
        vec![d("71.70"), d("5.58"), d("6.11"), d("16.61")]
    );
    assert_eq!(
        percents(dist, PercentRounding::Independent),
        ints(&[72, 6, 6, 17]),
        "independent (printed, sums to 101)"
    );
    assert_eq!(
        percents(dist, PercentRounding::LargestRemainder),
        ints(&[72, 5, 6, 17]),
        "largest remainder"
    );
    // The settings choose the headline.
    assert_eq!(dist.rounding, PercentRounding::LargestRemainder);
    let one: Vec<String> = CostGroup::ALL
        .iter()
        .map(|g| format_percent_opt(dist.group(*g).one_decimal()))
        .collect();
    assert_eq!(
        one,
        ["71,7\u{a0}%", "5,6\u{a0}%", "6,1\u{a0}%", "16,6\u{a0}%"]
    );
}

#[test]
fn gv11_vm2024_cost_distribution_outcome_and_budget() {
    let p = vm2024_plan();
    let r = compute(&p);
    let y = r.year(2024).expect("year");
    // Outcome (Not 3, kr).
    let o = y.outcome_distribution.as_ref().expect("outcome");
    assert_eq!(o.base, kr(19_147_198));
    assert_eq!(o.direct.amount, kr(16_711_326));
    assert_eq!(
        round_half_up(o.direct.percent.expect("base"), 2),
        d("87.28")
    );
    assert_eq!(
        exact2(o),
        vec![d("66.36"), d("11.44"), d("9.48"), d("12.72")]
    );
    assert_eq!(
        percents(o, PercentRounding::LargestRemainder),
        ints(&[66, 11, 10, 13]),
        "LR = printed"
    );
    assert_eq!(
        percents(o, PercentRounding::Independent),
        ints(&[66, 11, 9, 13]),
        "independent sums to 99"
    );
    assert_eq!(
        o.direct.whole_largest_remainder,
        Some(d("87")),
        "direct 87 % (VM årsredovisning 2024)"
    );
    // Budget (tkr): 13 925 / 2 755 / 1 453 / 2 850 of 20 983.
    let b = &y.distribution;
    assert_eq!(b.base, tkr(20_983));
    assert_eq!(
        exact2(b),
        vec![d("66.36"), d("13.13"), d("6.92"), d("13.58")]
    );
    for mode in [
        PercentRounding::LargestRemainder,
        PercentRounding::Independent,
    ] {
        assert_eq!(percents(b, mode), ints(&[66, 13, 7, 14]), "{mode:?}");
    }
}

#[test]
fn gv11_vm2023_gross_basis() {
    use Category::*;
    let p = plan(
        2023,
        kr(7_030_000),
        &[
            ("Individ", Individinsatser, kr(5_386_783), None),
            ("Struktur", Strukturpaverkande, kr(333_719), None),
            ("Processtöd", Processtod, kr(639_436), None),
            ("Admin", Kansli, kr(1_560_925), None),
        ],
    );
    let r = compute(&p);
    let dist = &r.year(2023).expect("year").distribution;
    assert_eq!(dist.base, kr(7_920_863));
    assert_eq!(
        percents(dist, PercentRounding::LargestRemainder),
        ints(&[68, 4, 8, 20])
    );
}

#[test]
fn gv13_nv2021_driftsredovisning() {
    use Category::*;
    let mut p = plan(
        2021,
        kr(7_046_000),
        &[
            ("Styrelse", Styrelse, tkr(424), Some(tkr(426))),
            ("Kansli + Bilkonto (1003)", Kansli, tkr(786), Some(tkr(750))),
            (
                "Samordningsteam Surahammar",
                Individinsatser,
                tkr(958),
                Some(tkr(963)),
            ),
            (
                "Samordningsteam Hallstahammar",
                Individinsatser,
                tkr(1_060),
                Some(tkr(1_044)),
            ),
            (
                "Samordningsteamet FNS",
                Individinsatser,
                tkr(1_457),
                Some(tkr(1_402)),
            ),
            (
                "Samordningsteam Sala",
                Individinsatser,
                tkr(1_590),
                Some(tkr(1_536)),
            ),
            (
                "Kurator Samordningsteam",
                Individinsatser,
                tkr(235),
                Some(tkr(130)),
            ),
            (
                "Samverkansmedel ofördelat",
                Strukturpaverkande,
                tkr(90),
                Some(tkr(102)),
            ),
            (
                "Extern medbedömning",
                Strukturpaverkande,
                tkr(0),
                Some(tkr(35)),
            ),
            (
                "Övriga utvärderingsinsatser",
                Strukturpaverkande,
                tkr(100),
                Some(tkr(13)),
            ),
            (
                "Utvecklingsdagar samordningsteam",
                Strukturpaverkande,
                tkr(0),
                Some(tkr(5)),
            ),
            (
                "Länsgem utbildningsinsatser",
                Strukturpaverkande,
                tkr(125),
                Some(tkr(153)),
            ),
            (
                "Lösningsfokus och Samverkan – Webportal",
                Strukturpaverkande,
                tkr(2),
                Some(tkr(0)),
            ),
            (
                "Andra utbildningsinsatser",
                Strukturpaverkande,
                tkr(80),
                Some(tkr(15)),
            ),
            (
                "Insatskatalogen",
                Strukturpaverkande,
                tkr(75),
                Some(tkr(72)),
            ),
            (
                "Processtöd samverkansinsatser",
                Processtod,
                tkr(418),
                Some(tkr(432)),
            ),
            ("Övriga intäkter", OvrigaIntakter, kr(0), Some(kr(8_857))),
            (
                "Finansiella kostnader",
                FinansiellaKostnader,
                kr(0),
                Some(tkr(12)),
            ),
        ],
    );
    // GV-03: the municipalities' documented amounts (Σ 1 761 499, −1 kr).
    p.members.clear();
    p.settings.kommun_key = Key::Amount;
    for (name, amount) in [
        ("Fagersta", 321_290),
        ("Norberg", 138_557),
        ("Skinnskatteberg", 105_861),
        ("Sala", 553_623),
        ("Hallstahammar", 397_459),
        ("Surahammar", 244_709),
    ] {
        let mut m = Member {
            id: MemberId(p.fresh_id()),
            name: name.into(),
            kind: MemberKind::Kommun,
            first_year: None,
            last_year: None,
            values: Default::default(),
        };
        m.values.insert(
            2021,
            KeyValues {
                amount: Some(kr(amount)),
                ..KeyValues::default()
            },
        );
        p.members.push(m);
    }
    let r = compute(&p);
    let y = r.year(2021).expect("year");
    let f = &y.follow_up;
    let line = |name: &str| {
        let l = p.lines.iter().find(|l| l.name == name).expect("line");
        f.line(l.id).expect("row").figures.deviation
    };
    // Row deviations (budget − utfall for costs; the report shows utfall − budget netto,
    // the same number with costs negative).
    let rows = [
        ("Styrelse", -2), // printed −3 (rounding)
        ("Samordningsteam Surahammar", -5),
        ("Samordningsteam Hallstahammar", 16),
        ("Samordningsteamet FNS", 55),
        ("Samordningsteam Sala", 54),
        ("Kurator Samordningsteam", 105),
        ("Samverkansmedel ofördelat", -12),
        ("Extern medbedömning", -35),
        ("Övriga utvärderingsinsatser", 87),
        ("Utvecklingsdagar samordningsteam", -5),
        ("Länsgem utbildningsinsatser", -28),
        ("Lösningsfokus och Samverkan – Webportal", 2),
        ("Andra utbildningsinsatser", 65),
        ("Insatskatalogen", 3),
        ("Processtöd samverkansinsatser", -14), // printed −15
    ];
    for (name, dev) in rows {
        assert_eq!(line(name), tkr(dev), "row {name}");
    }
    check_row(f, "Summa individinsatser", tkr(5_300), tkr(5_075), tkr(225));
    check_row(
        f,
        "Summa strukturpåverkande insatser",
        tkr(472),
        tkr(395),
        tkr(77),
    );
    check_row(
        f,
        "Summa processtöd samverkansinsatser",
        tkr(418),
        tkr(432),
        tkr(-14),
    );
    check_row(
        f,
        "Summa direkta insatskostnader",
        tkr(6_190),
        tkr(5_902),
        tkr(288),
    );
    // Admin: gross cost 1 176 (report: intäkt 9, kostnad −1 176, netto −1 167); budget rows
    // sum to 1 210 (printed −1 209).
    check_row(
        f,
        "Summa administrativa kostnader",
        tkr(1_210),
        tkr(1_176),
        tkr(34),
    );
    // SUMMA: intäkter 7 055, kostnader 7 078, netto −23 (NV årsredovisning 2021). The budget books the
    // decided 7 046 000; the outcome what the members paid (−1 kr).
    check_row(
        f,
        "Summa verksamhetens intäkter",
        kr(7_046_000),
        kr(7_054_856),
        kr(8_856),
    );
    check_row(
        f,
        "Verksamhetens kostnader",
        tkr(7_400),
        tkr(7_078),
        tkr(322),
    );
    check_row(
        f,
        "Verksamhetens resultat",
        kr(-354_000),
        kr(-23_144),
        kr(330_856),
    );
    // After financial items: −35 tkr (printed budget −353, avvikelse 318).
    check_row(f, "Årets resultat", kr(-354_000), kr(-35_144), kr(318_856));
    assert_eq!(format_tkr(kr(-35_144).value()), "\u{2212}35");
    assert_eq!(format_tkr(kr(7_054_856).value()), "7\u{a0}055");
    let o = y.outcome.as_ref().expect("outcome");
    assert_eq!(o.operating_income, kr(7_054_856), "GV-03 revenue");
}

#[test]
fn gv14_vm2024_driftredovisning_tkr() {
    use Category::*;
    // Lines as printed (tkr × 1 000), Kansli net of its 5 tkr income as in the report's Netto.
    let p = plan(
        2024,
        kr(19_038_000),
        &[
            ("Styrelse", Styrelse, tkr(606), Some(tkr(679))),
            ("Kansli + bilkonto", Kansli, tkr(2_244), Some(tkr(1_752))),
            (
                "Samordningsteam Surahammar",
                Individinsatser,
                tkr(1_200),
                Some(tkr(1_090)),
            ),
            (
                "Samordningsteam Hallstahammar",
                Individinsatser,
                tkr(1_200),
                Some(tkr(1_250)),
            ),
            (
                "Samordningsteam Västerås",
                Individinsatser,
                tkr(6_200),
                Some(tkr(5_832)),
            ),
            (
                "Samordningsteamet FNS",
                Individinsatser,
                tkr(1_525),
                Some(tkr(1_284)),
            ),
            (
                "Samordningsteam Sala",
                Individinsatser,
                tkr(1_700),
                Some(tkr(1_605)),
            ),
            (
                "Teamsamverkan Västra Mälardalen",
                Individinsatser,
                tkr(1_700),
                Some(tkr(1_459)),
            ),
            (
                "Kurator Samordningsteam",
                Individinsatser,
                tkr(400),
                Some(tkr(186)),
            ),
            (
                "Samverkansmedel ofördelat",
                Strukturpaverkande,
                tkr(400),
                Some(tkr(75)),
            ),
            (
                "Myndighetsgem team Västerås",
                Strukturpaverkande,
                tkr(1_120),
                Some(tkr(1_084)),
            ),
            ("SIP-utvecklare", Strukturpaverkande, tkr(40), Some(tkr(15))),
            (
                "Rehabkoordinatorer i samverkan",
                Strukturpaverkande,
                tkr(595),
                Some(tkr(438)),
            ),
            (
                "Extern medbedömning",
                Strukturpaverkande,
                tkr(0),
                Some(tkr(0)),
            ),
            (
                "Övriga utvärderingsinsatser",
                Strukturpaverkande,
                tkr(100),
                Some(tkr(15)),
            ),
            (
                "Utv-dagar Samordningsteam",
                Strukturpaverkande,
                tkr(0),
                Some(tkr(5)),
            ),
            (
                "Länsgem utbildningsinsatser",
                Strukturpaverkande,
                tkr(500),
                Some(tkr(559)),
            ),
            (
                "Andra utbildningsinsatser",
                Strukturpaverkande,
                tkr(0),
                Some(tkr(0)),
            ),
            (
                "Processtöd samverkansinsatser",
                Processtod,
                tkr(1_453),
                Some(tkr(1_815)),
            ),
            (
                "Finansiella intäkter",
                FinansiellaIntakter,
                tkr(0),
                Some(tkr(247)),
            ),
            (
                "Finansiella kostnader",
                FinansiellaKostnader,
                tkr(0),
                Some(tkr(60)),
            ),
        ],
    );
    let r = compute(&p);
    let f = &r.year(2024).expect("year").follow_up;
    let dev = |name: &str| {
        let l = p.lines.iter().find(|l| l.name == name).expect("line");
        f.line(l.id).expect("row").figures.deviation
    };
    for (name, want) in [
        ("Styrelse", -73),
        ("Kansli + bilkonto", 492),
        ("Samordningsteam Hallstahammar", -50),
        ("Samordningsteam Västerås", 368),
        ("Kurator Samordningsteam", 214),
        ("Länsgem utbildningsinsatser", -59),
        ("Processtöd samverkansinsatser", -362),
    ] {
        assert_eq!(dev(name), tkr(want), "row {name}");
    }
    check_row(
        f,
        "Summa administrativa kostnader",
        tkr(2_850),
        tkr(2_431),
        tkr(419),
    );
    check_row(
        f,
        "Summa individinsatser",
        tkr(13_925),
        tkr(12_706),
        tkr(1_219),
    );
    check_row(
        f,
        "Summa strukturpåverkande insatser",
        tkr(2_755),
        tkr(2_191),
        tkr(564),
    );
    // Rows sum to 16 712 (printed 16 711 from the kr values); deviation 1 421 as printed.
    check_row(
        f,
        "Summa direkta insatskostnader",
        tkr(18_133),
        tkr(16_712),
        tkr(1_421),
    );
    check_row(
        f,
        "Verksamhetens kostnader",
        tkr(20_983),
        tkr(19_143),
        tkr(1_840),
    );
    check_row(f, "Årets resultat", tkr(-1_945), tkr(82), tkr(2_027));
}

#[test]
fn gv14_vm2024_in_kronor() {
    // The shipped example (kr outcome per Not 3): deviations at kr level.
    let r = compute(&vm2024_plan());
    let y = r.year(2024).expect("year");
    let f = &y.follow_up;
    check_row(
        f,
        "Summa individinsatser",
        tkr(13_925),
        kr(12_705_567),
        kr(1_219_433),
    );
    check_row(
        f,
        "Summa strukturpåverkande insatser",
        tkr(2_755),
        kr(2_190_763),
        kr(564_237),
    );
    check_row(
        f,
        "Summa processtöd samverkansinsatser",
        tkr(1_453),
        kr(1_814_996),
        kr(-361_996),
    );
    check_row(
        f,
        "Summa direkta insatskostnader",
        tkr(18_133),
        kr(16_711_326),
        kr(1_421_674),
    );
    check_row(
        f,
        "Summa administrativa kostnader",
        tkr(2_850),
        kr(2_435_872),
        kr(414_128),
    );
    check_row(
        f,
        "Verksamhetens kostnader",
        tkr(20_983),
        kr(19_147_198),
        kr(1_835_802),
    );
    // Income: the budget books the decided total 19 038 000; the outcome what the members
    // paid, 19 037 999 (−1 kr), + övriga 4 564 = 19 042 563 (GV-01).
    check_row(
        f,
        "Summa verksamhetens intäkter",
        kr(19_038_000),
        kr(19_042_563),
        kr(4_563),
    );
    // Result before financial items −104 635 (VM årsredovisning 2024); avvikelse 1 840 tkr (printed 1 841).
    check_row(
        f,
        "Verksamhetens resultat",
        kr(-1_945_000),
        kr(-104_635),
        kr(1_840_365),
    );
    assert_eq!(format_tkr(kr(1_840_365).value()), "1\u{a0}840");
    check_row(
        f,
        "Årets resultat",
        kr(-1_945_000),
        kr(81_778),
        kr(2_026_778),
    );
    assert_eq!(
        y.budget.planned_equity_use,
        kr(1_945_000),
        "GV-22: the board decided 1 945 000"
    );
}
