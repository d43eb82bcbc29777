//! Large imports and batches of edits behave exactly like the same edits one by one: the line
//! index a compound edit uses (docs/budget.md) stays correct across inserts, deletes and moves,
//! and undo restores the plan. Speed is measured in `benches/import.rs`, not here.

use samplan_engine::csv::*;
use samplan_engine::*;

fn plan_with_lines(n: usize) -> Plan {
    let mut p = Plan::empty("Batch", 2026, 1);
    let lines: Vec<BudgetLine> = (0..n)
        .map(|i| {
            let mut l = BudgetLine::new(LineId(0), format!("Post {i}"), Some(Category::Kansli));
            l.account = Some(format!("{}", 10_000 + i));
            l
        })
        .collect();
    let e = Edit::insert_lines(&p, 0, lines);
    apply(&mut p, &e).unwrap();
    p
}

#[test]
fn a_mixed_batch_equals_the_edits_one_by_one() {
    let base = plan_with_lines(30);
    let id = |p: &Plan, i: usize| p.lines[i].id;
    // Build the batch step by step on a scratch plan, so every edit is valid where it runs.
    let mut scratch = base.clone();
    let mut edits = Vec::new();
    let mut push = |p: &mut Plan, e: Edit| {
        apply(p, &e).unwrap();
        edits.push(e);
    };
    let e = Edit::set_line_amount(&scratch, None, id(&scratch, 29), 2026, Amount::kr(5)).unwrap();
    push(&mut scratch, e);
    let e = Edit::insert_new_line(&scratch, 3, "Mitt i", None);
    push(&mut scratch, e);
    let e = Edit::set_line_amount(&scratch, None, id(&scratch, 29), 2026, Amount::kr(6)).unwrap();
    push(&mut scratch, e);
    let e = Edit::move_line(&scratch, 0, 20).unwrap();
    push(&mut scratch, e);
    let e = Edit::set_line_amount(&scratch, None, id(&scratch, 0), 2027, Amount::kr(7)).unwrap();
    push(&mut scratch, e);
    let e = Edit::delete_line(&scratch, 10).unwrap();
    push(&mut scratch, e);
    let e = Edit::set_line_amount(&scratch, None, id(&scratch, 10), 2026, Amount::kr(8)).unwrap();
    push(&mut scratch, e);
    let e = Edit::delete_line(&scratch, scratch.lines.len() - 1).unwrap();
    push(&mut scratch, e);
    let e = Edit::insert_new_line(&scratch, scratch.lines.len(), "Sist", None);
    push(&mut scratch, e);
    let last = scratch.lines.len() - 1;
    let e = Edit::set_line_name(&scratch, id(&scratch, last), "Sist, omdöpt").unwrap();
    push(&mut scratch, e);
    let e = Edit::set_line_amount(&scratch, None, id(&scratch, 5), 2026, Amount::kr(9)).unwrap();
    push(&mut scratch, e);
    assert!(edits.len() > 8, "large enough to use the line index");

    let batch = Edit::Compound(edits);
    let mut p = base.clone();
    apply(&mut p, &batch).unwrap();
    assert_eq!(p, scratch);
    revert(&mut p, &batch).unwrap();
    assert_eq!(p, base);

    // A batch whose last edit is stale is refused as a whole.
    let Edit::Compound(mut edits) = batch else {
        unreachable!()
    };
    edits.push(Edit::SetLineAmount {
        scenario: None,
        line: LineId(9_999),
        year: 2026,
        old: None,
        new: Some(Amount::kr(1)),
    });
    let mut p = base.clone();
    assert_eq!(
        apply(&mut p, &Edit::Compound(edits)),
        Err(EditError::NoLine(LineId(9_999)))
    );
    assert_eq!(p, base, "all or nothing");
}

#[test]
fn a_large_budget_import_applies_undoes_and_reimports_as_a_no_op() {
    let rows = 20_000;
    let mut csv = String::from("Konto;Post;Kategori;2026;2027\n");
    for i in 0..rows {
        csv.push_str(&format!("{};Rad {i};Kansli;{};{}\n", 50_000 + i, i, i * 2));
    }
    let base = plan_with_lines(100);
    let imp = read_budget_csv(csv.as_bytes(), None, &base).unwrap();
    assert_eq!(imp.new_lines().count(), rows);
    let edit = imp.to_edit(&base).unwrap();
    let mut p = base.clone();
    let mut undo = UndoStack::new();
    undo.apply(&mut p, edit).unwrap();
    assert_eq!(p.lines.len(), 100 + rows);
    assert_eq!(p.lines[100 + 7].amount(2027), Amount::kr(14));

    let again = read_budget_csv(csv.as_bytes(), None, &p).unwrap();
    assert_eq!(again.new_lines().count(), 0);
    assert!(again.to_edit(&p).unwrap().is_noop());

    // A ledger for every imported account, twice per account.
    let mut ledger = String::from("Konto;Belopp\n");
    for i in 0..rows {
        ledger.push_str(&format!("{};1\n{};-0,5\n", 50_000 + i, 50_000 + i));
    }
    let out = read_outcome_csv(ledger.as_bytes(), None, &p, 2026, OutcomeKind::Final).unwrap();
    assert_eq!(out.matched.len(), rows);
    assert!(out.unmatched.is_empty());
    let before = p.clone();
    let edit = out.to_edit(&p).unwrap();
    undo.apply(&mut p, edit).unwrap();
    assert_eq!(
        p.lines[100].outcome[&2026].final_amount,
        Some(Amount("0.5".parse().unwrap()))
    );
    undo.undo(&mut p).unwrap();
    assert_eq!(p, before);
    undo.undo(&mut p).unwrap();
    assert_eq!(p, base);
}

/// A members import of many rows (the compound edit looks members up through its id map):
/// the same plan as adding and setting them one by one, undo restores the plan, and the
/// import again is no edit. 20 000 rows, which a lookup scanning the list per member made
/// take minutes in a debug build.
#[test]
fn a_large_members_import_applies_undoes_and_reimports_as_a_no_op() {
    let n = 20_000;
    let csv: String = std::iter::once("Medlem;Typ;Invånare\n".to_string())
        .chain((0..n).map(|i| format!("Kommun {i};Kommun;{}\n", 1_000 + i)))
        .collect();
    let base = Plan::empty("Medlemmar", 2026, 1);
    let imp = read_members_csv(csv.as_bytes(), None).unwrap();
    let (edit, _) = imp.to_edit(&base, 2026).unwrap();
    let started = std::time::Instant::now();
    let mut plan = base.clone();
    apply(&mut plan, &edit).unwrap();
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert_eq!(plan.members.len(), n);
    assert_eq!(
        plan.members[n - 1].values_for(2026).population,
        Some(1_000 + n as u64 - 1)
    );

    // Then every value changed, in one compound: each member found by id.
    let csv2: String = std::iter::once("Medlem;Typ;Invånare\n".to_string())
        .chain((0..n).map(|i| format!("Kommun {i};Kommun;{}\n", 5 + i)))
        .collect();
    let imp2 = read_members_csv(csv2.as_bytes(), None).unwrap();
    let (edit2, _) = imp2.to_edit(&plan, 2026).unwrap();
    let before = plan.clone();
    apply(&mut plan, &edit2).unwrap();
    assert_eq!(plan.members[7].values_for(2026).population, Some(12));
    revert(&mut plan, &edit2).unwrap();
    assert_eq!(plan, before);
    revert(&mut plan, &edit).unwrap();
    assert_eq!(plan, base);

    apply(&mut plan, &edit).unwrap();
    let (again, _) = imp.to_edit(&plan, 2026).unwrap();
    assert!(again.is_noop());
}
