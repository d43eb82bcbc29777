//! Keystroke grouping in the undo history (docs/app.md "Undo"): the keystrokes typed into one
//! field are one undo step; another field, another edit, undo or redo closes the step.

use samplan_engine::*;

fn typed(plan: &Plan, year: Year, kr: i64) -> Edit {
    Edit::set_funding(plan, None, year, FundingInput::Total(Amount::kr(kr))).unwrap()
}

#[test]
fn keystrokes_in_one_field_are_one_step() {
    let original = example_plan();
    let year = original.years[0];
    let mut plan = original.clone();
    let mut stack = UndoStack::new();
    for kr in [1, 12, 125, 1_250] {
        let e = typed(&plan, year, kr);
        stack
            .apply_grouped(&mut plan, "medelstilldelning", e)
            .unwrap();
    }
    assert!(stack.has_open_group());
    assert!(stack.can_undo());
    assert_eq!(stack.undo_len(), 0);
    assert!(stack.close_group());
    assert!(!stack.close_group(), "a closed group is recorded once");
    assert_eq!(stack.undo_len(), 1);
    assert_eq!(
        plan.year_input(year).funding,
        FundingInput::Total(Amount::kr(1_250))
    );
    assert!(stack.undo(&mut plan).unwrap());
    assert_eq!(plan, original, "one undo reverts every keystroke");
    assert!(stack.redo(&mut plan).unwrap());
    assert_eq!(
        plan.year_input(year).funding,
        FundingInput::Total(Amount::kr(1_250))
    );
}

#[test]
fn another_field_or_edit_closes_the_group() {
    let original = example_plan();
    let year = original.years[0];
    let mut plan = original.clone();
    let mut stack = UndoStack::new();
    let e = typed(&plan, year, 7);
    stack.apply_grouped(&mut plan, "a", e).unwrap();
    let e = typed(&plan, year, 70);
    stack.apply_grouped(&mut plan, "a", e).unwrap();
    // Another field: the first group becomes a step, a new group opens.
    let e = Edit::set_opening_equity(&plan, Amount::kr(9));
    stack.apply_grouped(&mut plan, "b", e).unwrap();
    assert_eq!(stack.undo_len(), 1);
    // An ordinary edit closes the open group too.
    let e = Edit::set_opening_equity(&plan, Amount::kr(10));
    stack.apply(&mut plan, e).unwrap();
    assert_eq!(stack.undo_len(), 3);
    assert!(!stack.has_open_group());
    while stack.undo(&mut plan).unwrap() {}
    assert_eq!(plan, original);
}

#[test]
fn undo_closes_an_open_group_first_and_noops_are_not_steps() {
    let original = example_plan();
    let year = original.years[0];
    let mut plan = original.clone();
    let mut stack = UndoStack::new();
    let same = Edit::set_opening_equity(&plan, original.opening_equity);
    stack.apply_grouped(&mut plan, "ib", same).unwrap();
    assert!(
        !stack.has_open_group(),
        "typing the same value opens no step"
    );
    let e = typed(&plan, year, 3);
    stack.apply_grouped(&mut plan, "t", e).unwrap();
    assert!(stack.undo(&mut plan).unwrap());
    assert_eq!(plan, original);
    assert!(stack.can_redo());
    // A failing edit leaves plan and history unchanged.
    let bad = Edit::rename_member(&plan, plan.members[0].id, "x").unwrap();
    let mut other = Plan::empty("Tom", year, 1);
    assert!(stack.apply_grouped(&mut other, "n", bad).is_err());
    assert!(!stack.has_open_group());
}
