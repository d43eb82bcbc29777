//! Input bounds at the CSV doors (docs/bounds.md, docs/csv.md): the members, budget and
//! outcome imports refuse values outside the bounds with the line and the column, all or
//! nothing, and never overflow; markup stays plain text.

use samplan_engine::csv::*;
use samplan_engine::*;

const TOO_LARGE: &str =
    "beloppet är för stort: högst 1 000 000 000 000 kr (tusen miljarder) är tillåtet";
const DIGITS_28: &str = "9999999999999999999999999999";
const TEN_POW_30: &str = "1000000000000000000000000000000";

fn members(csv: &str) -> String {
    read_members_csv(csv.as_bytes(), None)
        .map(|_| ())
        .expect_err("should fail")
        .to_string()
}

#[test]
fn members_csv_bounds() {
    let cases: Vec<(String, String)> = vec![
        (
            "Medlem;Typ;Invånare\nA;Kommun;1\nB;Kommun;1 000 000 001\n".into(),
            "rad 3, kolumn \"Invånare\": antalet invånare är för stort: högst 1 000 000 000 är tillåtet".into(),
        ),
        (
            format!("Medlem;Typ;Invånare\nA;Kommun;{DIGITS_28}\n"),
            "rad 2, kolumn \"Invånare\": antalet invånare är för stort: högst 1 000 000 000 är tillåtet".into(),
        ),
        (
            format!("Medlem;Typ;Befolkning\nA;Kommun;{TEN_POW_30}\n"),
            "rad 2, kolumn \"Befolkning\": antalet invånare är för stort: högst 1 000 000 000 är tillåtet".into(),
        ),
        (
            "Medlem;Typ;Invånare\nA;Kommun;-5\n".into(),
            "rad 2, kolumn \"Invånare\": \"-5\" får inte vara negativt".into(),
        ),
        (
            "Medlem;Typ;Invånare\nA;Kommun;\u{2212}5\n".into(),
            "rad 2, kolumn \"Invånare\": \"\u{2212}5\" får inte vara negativt".into(),
        ),
        (
            "Medlem;Typ;Andel\nA;Kommun;100,5\n".into(),
            "rad 2, kolumn \"Andel\": 100,5 % ligger utanför 0–100 %".into(),
        ),
        (
            "Medlem;Typ;Andel %\nA;Kommun;-1\n".into(),
            "rad 2, kolumn \"Andel %\": \u{2212}1 % ligger utanför 0–100 %".into(),
        ),
        (
            format!("Medlem;Typ;Andel\nA;Kommun;{TEN_POW_30}\n"),
            "rad 2, kolumn \"Andel\": procentsatsen ligger utanför 0–100 %".into(),
        ),
        (
            "Medlem;Typ;Andel\nA;Kommun;12,1234567\n".into(),
            "rad 2, kolumn \"Andel\": procentsatsen har fler än sex decimaler".into(),
        ),
        (
            format!("Medlem;Typ;Belopp\nA;Kommun;{DIGITS_28}\n"),
            format!("rad 2, kolumn \"Belopp\": {TOO_LARGE}"),
        ),
        (
            format!("Medlem;Typ;Belopp\nA;Kommun;{TEN_POW_30}\n"),
            format!("rad 2, kolumn \"Belopp\": {TOO_LARGE}"),
        ),
        (
            "Medlem;Typ;Belopp\nA;Kommun;1 000 000 001 tkr\n".into(),
            format!("rad 2, kolumn \"Belopp\": {TOO_LARGE}"),
        ),
        (
            "Medlem;Typ;Belopp\nA;Kommun;-5\n".into(),
            "rad 2, kolumn \"Belopp\": beloppet får inte vara negativt".into(),
        ),
        (
            "Medlem;Typ;Belopp\nA;Kommun;1,005\n".into(),
            "rad 2, kolumn \"Belopp\": beloppet har fler än två decimaler (ören)".into(),
        ),
        (
            // A bad value in a column that is not the key is refused too.
            "Medlem;Typ;Invånare;Belopp\nA;Kommun;5;-1\n".into(),
            "rad 2, kolumn \"Belopp\": beloppet får inte vara negativt".into(),
        ),
    ];
    for (csv, want) in cases {
        assert_eq!(members(&csv), want, "{csv:?}");
    }
}

#[test]
fn members_csv_at_the_bounds_and_markup() {
    let m = read_members_csv(
        "Medlem;Typ;Invånare;Belopp\n<script>alert(1)</script>;Kommun;1 000 000 000;1 000 000 000 000\n\
         \"<img src=x onerror=alert(1)>\";Kommun;0;\n"
            .as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(m.members[0].name, "<script>alert(1)</script>");
    assert_eq!(m.members[0].population, Some(1_000_000_000));
    assert_eq!(m.members[0].amount, Some(Amount::kr(1_000_000_000_000)));
    assert_eq!(m.members[1].name, "<img src=x onerror=alert(1)>");
    let m = read_members_csv(
        "Medlem;Typ;Andel\nA;Kommun;100\nB;Kommun;0,000001\n".as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(m.members[1].percent, Some("0.000001".parse().unwrap()));
}

fn budget(csv: &str) -> String {
    read_budget_csv(csv.as_bytes(), None, &example_plan())
        .map(|_| ())
        .expect_err("should fail")
        .to_string()
}

#[test]
fn budget_csv_amounts_are_signed() {
    // A net line can be income: Södra Dalarna budgets Publikationer at −10 tkr (docs/budget.md).
    let import = read_budget_csv(
        "Konto;Post;Kategori;2022\n29000;Publikationer;Struktur;-10 000\n".as_bytes(),
        None,
        &Plan::empty("SD", 2022, 0),
    )
    .expect("a negative budget amount is accepted");
    assert_eq!(import.lines.len(), 1);
    assert_eq!(
        import.lines[0].amounts.get(&2022),
        Some(&Some(Amount::kr(-10_000)))
    );
}

#[test]
fn budget_csv_bounds() {
    let cases: Vec<(String, String)> = vec![
        (
            format!("Post;2026\nA;1\nB;{DIGITS_28}\n"),
            format!("rad 3, kolumn \"2026\": {TOO_LARGE}"),
        ),
        (
            format!("Post;2026\nA;{TEN_POW_30}\n"),
            format!("rad 2, kolumn \"2026\": {TOO_LARGE}"),
        ),
        (
            "Post;Budget 2027\nA;1 000 000 000 000,01\n".into(),
            format!("rad 2, kolumn \"Budget 2027\": {TOO_LARGE}"),
        ),
        (
            "Post;2026\nA;12,345\n".into(),
            "rad 2, kolumn \"2026\": beloppet har fler än två decimaler (ören)".into(),
        ),
        (
            "Post;2026;2201\nA;1;2\n".into(),
            "kolumn \"2201\": året 2201 ligger utanför 1990–2200".into(),
        ),
        (
            "Post;Budget 1989\nA;1\n".into(),
            "kolumn \"Budget 1989\": året 1989 ligger utanför 1990–2200".into(),
        ),
        (
            "Post;2026;99999\nA;1;2\n".into(),
            "kolumn \"99999\": året 99999 ligger utanför 1990–2200".into(),
        ),
        (
            "Post;99999999999999999999999999\nA;1\n".into(),
            "kolumn \"99999999999999999999999999\": året ligger utanför 1990–2200".into(),
        ),
    ];
    for (csv, want) in cases {
        assert_eq!(budget(&csv), want, "{csv:?}");
    }
}

#[test]
fn budget_csv_at_the_bounds_and_markup() {
    let plan = example_plan();
    let csv = "Konto;Post;2026;Kommun;Notering\n\
               <b>1</b>;<script>alert(1)</script>;1 000 000 000 000;<i>Ort</i>;\"<a href=\"\"x\"\">\"\n";
    let imp = read_budget_csv(csv.as_bytes(), None, &plan).unwrap();
    let l = &imp.lines[0];
    assert_eq!(l.account.as_deref(), Some("<b>1</b>"));
    assert_eq!(l.name, "<script>alert(1)</script>");
    assert_eq!(l.amounts[&2026], Some(Amount::kr(1_000_000_000_000)));
    assert_eq!(l.municipality.as_deref(), Some("<i>Ort</i>"));
    assert_eq!(l.note.as_deref(), Some("<a href=\"x\">"));
    let mut p = plan.clone();
    apply(&mut p, &imp.to_edit(&plan).unwrap()).unwrap();
    assert_eq!(p.lines.last().unwrap().name, "<script>alert(1)</script>");
}

fn outcome(csv: &str) -> String {
    read_outcome_csv(
        csv.as_bytes(),
        None,
        &example_plan(),
        2026,
        OutcomeKind::Final,
    )
    .map(|_| ())
    .expect_err("should fail")
    .to_string()
}

#[test]
fn outcome_csv_bounds() {
    let cases: Vec<(String, String)> = vec![
        (
            format!("Post;Utfall\nA;{DIGITS_28}\n"),
            format!("rad 2, kolumn \"Utfall\": {TOO_LARGE}"),
        ),
        (
            format!("Konto;Belopp\n7010;-{TEN_POW_30}\n"),
            format!("rad 2, kolumn \"Belopp\": {TOO_LARGE}"),
        ),
        (
            "Konto;Belopp\n7010;1,001\n".into(),
            "rad 2, kolumn \"Belopp\": beloppet har fler än två decimaler (ören)".into(),
        ),
        (
            // Each row is within the bounds, their sum is not.
            "Konto;Belopp\n7010;600 000 000 000\n8888;1\n7010;400 000 000 000\n7010;0,01\n".into(),
            format!(
                "rad 5, kolumn \"Belopp\": summan för konto \"7010\" (rad 2, 4, 5): {TOO_LARGE}"
            ),
        ),
        (
            "Post;Utfall\nx;-1 000 000 000 000\nX ;-0,01\n".into(),
            format!("rad 3, kolumn \"Utfall\": summan för posten \"x\" (rad 2, 3): {TOO_LARGE}"),
        ),
    ];
    for (csv, want) in cases {
        assert_eq!(outcome(&csv), want, "{csv:?}");
    }
}

#[test]
fn outcome_sums_within_the_bounds_are_fine() {
    let plan = example_plan();
    // Credits and debits that pass the bound on the way but end within it.
    let csv =
        "Konto;Belopp\n4010;1 000 000 000 000\n4010;-1 000 000 000 000\n4010;1 000 000 000 000\n";
    let imp = read_outcome_csv(csv.as_bytes(), None, &plan, 2026, OutcomeKind::Final).unwrap();
    assert_eq!(imp.matched.len(), 1);
    assert_eq!(imp.matched[0].amount, Amount::kr(1_000_000_000_000));
}

#[test]
fn mapping_an_unmatched_key_keeps_the_sum_within_the_bounds() {
    let plan = example_plan();
    let csv = "Konto;Belopp\n4010;1 000 000 000 000\n9999;1\n";
    let mut imp = read_outcome_csv(csv.as_bytes(), None, &plan, 2026, OutcomeKind::Final).unwrap();
    let line = imp.matched[0].line;
    assert_eq!(
        imp.try_map("9999", line).unwrap_err().to_string(),
        format!("rad 3, kolumn \"Belopp\": summan för konto \"9999\" (rad 2, 3): {TOO_LARGE}")
    );
    assert!(!imp.map("9999", line), "refused, nothing changes");
    assert_eq!(imp.unmatched.len(), 1);
    assert_eq!(imp.matched[0].amount, Amount::kr(1_000_000_000_000));
}
