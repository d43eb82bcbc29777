//! Line names (docs/budget.md, "Years and lines"): a new line starts unnamed, is shown and
//! exported as "(namnlös post)", gets the typed name whole, and a named line cannot be
//! emptied.

use samplan_engine::csv::*;
use samplan_engine::figures::*;
use samplan_engine::*;

fn plan_with_unnamed_line() -> (Plan, LineId) {
    let mut p = example_plan();
    let first = p.lines[0].id;
    let edit = Edit::insert_unnamed_line_in_group(&p, Some(Category::Kansli), Some(first));
    apply(&mut p, &edit).unwrap();
    let line = p.lines.iter().find(|l| l.name.is_empty()).unwrap();
    assert_eq!(line.category, Some(Category::Kansli));
    (p.clone(), line.id)
}

#[test]
fn a_new_line_is_unnamed_and_shown_as_namnlos_post() {
    let (p, id) = plan_with_unnamed_line();
    let line = p.line(id).unwrap();
    assert!(line.is_unnamed());
    assert_eq!(line.shown_name(), "(namnlös post)");
    assert_eq!(UNNAMED_LINE, "(namnlös post)");
    let named = p.lines.iter().find(|l| l.id != id).unwrap();
    assert_eq!(named.shown_name(), named.name);

    // The statement (view and CSV) names it.
    let statement = budget_statement(&p, &compute(&p));
    let row = statement
        .rows
        .iter()
        .find(|r| matches!(r, StatementRow::Line { line, .. } if *line == id))
        .unwrap();
    assert_eq!(row.label(&p), "(namnlös post)");
    let csv = String::from_utf8(export_budget_statement_csv(&p, None)).unwrap();
    assert!(csv.contains("\r\n(namnlös post);Kansli;"), "{csv}");
}

#[test]
fn the_typed_name_is_the_whole_name_and_a_name_cannot_be_emptied() {
    let (mut p, id) = plan_with_unnamed_line();
    // Nothing typed into an unnamed line: nothing to do, no error.
    assert!(Edit::rename_line(&p, id, "   ").unwrap().is_none());
    // The typed name, trimmed (inner white space kept, as pasted).
    let edit = Edit::rename_line(&p, id, "  Övriga kostnader\t")
        .unwrap()
        .unwrap();
    apply(&mut p, &edit).unwrap();
    assert_eq!(p.line(id).unwrap().name, "Övriga kostnader");
    assert!(!p.line(id).unwrap().is_unnamed());
    // The same name again changes nothing.
    assert!(Edit::rename_line(&p, id, "Övriga kostnader")
        .unwrap()
        .is_none());
    // A named line cannot be emptied.
    let err = Edit::rename_line(&p, id, " \t").unwrap_err();
    assert_eq!(err.to_string(), "skriv postens namn");
    assert_eq!(p.line(id).unwrap().name, "Övriga kostnader");
    // An unknown line is refused.
    assert!(Edit::rename_line(&p, LineId(u32::MAX), "X").is_err());
}

#[test]
fn the_budget_csv_writes_namnlos_post_and_reads_it_back_onto_the_unnamed_line() {
    let (mut p, id) = plan_with_unnamed_line();
    let year = p.years[1];
    let set = Edit::set_line_amount(&p, None, id, year, Amount::kr(12_500)).unwrap();
    apply(&mut p, &set).unwrap();
    let csv = export_budget_csv(&p, None);
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(";(namnlös post);Kansli;"), "{text}");

    // Read back: no new line, every row updates its own line, and the unnamed line stays
    // unnamed with its amount.
    let import = read_budget_csv(&csv, None, &p).unwrap();
    assert_eq!(import.new_lines().count(), 0);
    let row = import
        .lines
        .iter()
        .find(|l| l.name == "(namnlös post)")
        .unwrap();
    assert_eq!(row.matched, Some(id));
    let edit = import.to_edit(&p).unwrap();
    let before = p.clone();
    apply(&mut p, &edit).unwrap();
    assert_eq!(p.lines.len(), before.lines.len());
    assert!(p.line(id).unwrap().is_unnamed());
    assert_eq!(p.line(id).unwrap().amount(year), Amount::kr(12_500));
}
