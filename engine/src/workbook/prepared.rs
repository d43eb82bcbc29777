//! A large edit (an import of 100 000 rows) prepared in steps beside the workbook and swapped
//! in at once (docs/workbook.md "Large edits in steps", docs/app.md "Imports of any size").
//!
//! [`Workbook::prepare`] starts a [`PreparedApply`]; each [`PreparedApply::step`] does a
//! bounded part of the work on a copy — copy the plan, apply a batch of the edit's single
//! edits ([`StepApply`]), bring copies of the base plan's report, the active scenario's and
//! the budget statement up to date (incrementally, as [`Workbook::apply`] does) — so the page
//! can answer between steps. [`Workbook::commit`] then swaps the
//! prepared plan, reports and statement in and records the edit as **one** undo step. Until
//! then the workbook is untouched: dropping the prepared edit (Avbryt) changes nothing, and a
//! commit after any other change of the workbook is refused (the edit is given back). The
//! committed workbook equals one that took the edit with [`Workbook::apply`] (tests below).

use super::{Active, Changes, KeyedStatement, Workbook};
use crate::edit::{Edit, EditError, StepApply};
use crate::plan::Plan;
use crate::recalc::{Recalc, RecalcSteps};

/// Where a [`PreparedApply`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The plan is to be copied.
    Copy,
    /// The edit's single edits are applied to the copy.
    Apply,
    /// The base plan's report is to be computed.
    Base,
    /// The active scenario's resolved plan and report are to be computed.
    Active,
    /// The budget statement is to be built.
    Statement,
    /// Ready to be committed.
    Ready,
}

/// An edit being prepared in steps beside a [`Workbook`] (see the module docs).
pub struct PreparedApply {
    edit: Edit,
    phase: Phase,
    /// The workbook's revision when the plan was copied.
    revision: u64,
    plan: Option<Plan>,
    steps: StepApply,
    base: Option<Recalc>,
    /// The base plan's report being brought up to date, a year's part per step.
    base_steps: Option<(Recalc, RecalcSteps)>,
    active: Option<Active>,
    /// The active scenario's report being brought up to date, a year's part per step.
    active_steps: Option<(Active, RecalcSteps)>,
    statement: Option<KeyedStatement>,
    /// What the edit changes (as [`Workbook::apply`] reports it).
    changes: Changes,
}

impl Workbook {
    /// Starts preparing `edit` in steps ([`PreparedApply::step`]); nothing changes until
    /// [`Workbook::commit`].
    pub fn prepare(&self, edit: Edit) -> PreparedApply {
        let phase = if edit.is_noop() {
            Phase::Ready
        } else {
            Phase::Copy
        };
        PreparedApply {
            steps: StepApply::new(&edit),
            edit,
            phase,
            revision: self.revision,
            plan: None,
            base: None,
            base_steps: None,
            active: None,
            active_steps: None,
            statement: None,
            changes: Changes::default(),
        }
    }

    /// Swaps the prepared plan, its reports and statement in and records the edit as one undo
    /// step (a no-op edit records nothing); returns the [`Changes`] [`Workbook::apply`] would. Refused — the prepared edit is given back, the
    /// workbook unchanged — when it is not ready or the workbook changed after the plan was
    /// copied (prepare it again, or rebuild the edit from the current plan).
    pub fn commit(&mut self, prepared: PreparedApply) -> Result<Changes, Box<PreparedApply>> {
        if prepared.phase != Phase::Ready || prepared.revision != self.revision {
            return Err(Box::new(prepared));
        }
        if prepared.edit.is_noop() {
            self.history.close_group();
            return Ok(Changes::default());
        }
        let PreparedApply {
            edit,
            plan,
            base,
            active,
            statement,
            changes,
            ..
        } = prepared;
        let (Some(plan), Some(base), Some(statement)) = (plan, base, statement) else {
            return Err(Box::new(PreparedApply {
                edit,
                phase: Phase::Copy,
                revision: self.revision,
                plan: None,
                steps: StepApply::default(),
                base: None,
                base_steps: None,
                active: None,
                active_steps: None,
                statement: None,
                changes: Changes::default(),
            }));
        };
        self.plan = plan;
        self.base = base;
        self.active = active;
        self.statement = statement;
        self.revision = self.revision.saturating_add(1);
        self.history.push(edit);
        Ok(changes)
    }
}

impl PreparedApply {
    /// Does the next bounded part of the work: copies the plan, applies up to `n` single edits
    /// to the copy, or brings a report up to date by one year's part, or builds the statement. `Ok(true)` when ready to commit.
    /// `book` must be the workbook that prepared it; after any change of it the steps go on
    /// but [`Workbook::commit`] refuses. On `Err` (the edit does not fit the plan) nothing of
    /// the workbook changed; drop this.
    pub fn step(&mut self, book: &Workbook, n: usize) -> Result<bool, EditError> {
        match self.phase {
            Phase::Copy => {
                self.revision = book.revision;
                self.plan = Some(book.plan.clone());
                self.phase = Phase::Apply;
            }
            Phase::Apply => {
                if let Some(plan) = &mut self.plan {
                    if self.steps.step(plan, &self.edit, n)? {
                        self.phase = Phase::Base;
                    }
                }
            }
            // The reports and the statement are brought up to date from the workbook's as
            // `Workbook::apply` does (only what the edit reaches is recomputed), on copies.
            Phase::Base => {
                if let Some(plan) = &self.plan {
                    let (base, steps) = self.base_steps.get_or_insert_with(|| {
                        let base = book.base.clone();
                        let steps = base.begin_resolved(plan, &self.edit);
                        (base, steps)
                    });
                    if base.step(plan, steps) {
                        if let Some((base, _)) = self.base_steps.take() {
                            self.changes = Changes::of_edit(&self.edit);
                            self.changes.years.extend(base.touched_years());
                            self.base = Some(base);
                        }
                        self.phase = Phase::Active;
                    }
                } else {
                    self.phase = Phase::Active;
                }
            }
            Phase::Active => {
                let Some(plan) = &self.plan else {
                    self.phase = Phase::Statement;
                    return Ok(false);
                };
                if let Some((active, steps)) = &mut self.active_steps {
                    if active.recalc.step(&active.resolved, steps) {
                        self.changes.years.extend(active.recalc.touched_years());
                        self.active = self.active_steps.take().map(|(a, _)| a);
                        self.phase = Phase::Statement;
                    }
                    return Ok(false);
                }
                let id = book.chosen.filter(|id| plan.scenario(*id).is_some());
                match (&book.active, id) {
                    (Some(a), Some(id)) if a.id == id => {
                        let resolved = plan.resolved(Some(id));
                        let recalc = a.recalc.clone();
                        let steps = recalc.begin_resolved(&resolved, &self.edit);
                        self.active_steps = Some((
                            Active {
                                id,
                                resolved,
                                recalc,
                            },
                            steps,
                        ));
                        return Ok(false);
                    }
                    (None, None) => self.active = None,
                    _ => {
                        self.changes.structure = true;
                        self.active = id.map(|id| Active::new(plan, id));
                    }
                }
                self.phase = Phase::Statement;
            }
            Phase::Statement => {
                let revision = self.revision.saturating_add(1);
                let source = match (&self.active, &self.plan, &self.base) {
                    (Some(a), _, _) => Some((&a.resolved, a.recalc.report())),
                    (None, Some(plan), Some(base)) => Some((plan, base.report())),
                    _ => None,
                };
                if let Some((plan, report)) = source {
                    let mut statement = book.statement.clone();
                    statement.update(plan, report, &self.changes, revision);
                    self.statement = Some(statement);
                }
                self.phase = Phase::Ready;
            }
            Phase::Ready => {}
        }
        Ok(self.phase == Phase::Ready)
    }

    /// True while the edit's single edits are applied: a step is then about `n` small edits,
    /// so a caller may run several in one go; every other step is one larger part (a year of
    /// a report, the statement) best given a task of its own.
    pub fn in_small_steps(&self) -> bool {
        matches!(self.phase, Phase::Copy | Phase::Apply)
    }

    /// How far the preparation has come, in percent (the single edits are most of it).
    pub fn percent(&self) -> u8 {
        let (done, total) = self.steps.progress();
        // 5 % for the copy, 65 % for the single edits, the rest for the reports.
        let applied = done
            .saturating_mul(65)
            .checked_div(total)
            .unwrap_or(65)
            .min(65);
        let at = match self.phase {
            Phase::Copy => 0,
            Phase::Apply => applied.saturating_add(5),
            Phase::Base => 70,
            Phase::Active => 85,
            Phase::Statement => 90,
            Phase::Ready => 100,
        };
        u8::try_from(at).unwrap_or(100)
    }

    /// Once ready to commit: what the workbook will show after [`Workbook::commit`] — the
    /// active scenario's resolved plan (the plan itself without one), its report and the
    /// budget statement, with the revisions they will have — so that a view can build its
    /// rows of them ahead, in steps, before the swap. `None` before then.
    pub fn ready(&self) -> Option<(&Plan, &crate::Report, &KeyedStatement)> {
        if self.phase != Phase::Ready {
            return None;
        }
        let statement = self.statement.as_ref()?;
        match (&self.active, &self.plan, &self.base) {
            (Some(a), _, _) => Some((&a.resolved, a.recalc.report(), statement)),
            (None, Some(plan), Some(base)) => Some((plan, base.report(), statement)),
            _ => None,
        }
    }

    /// The edit, given back (to apply it another way or drop it).
    pub fn into_edit(self) -> Edit {
        self.edit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::{read_budget_csv, read_members_csv_for};
    use crate::{compute, example_plan, Amount};

    /// Prepares `edit` on `book` in steps of `n` and commits it.
    fn stepped(book: &mut Workbook, edit: Edit, n: usize) -> Changes {
        let mut p = book.prepare(edit);
        let mut steps = 0;
        while !p.step(book, n).unwrap() {
            steps += 1;
            assert!(steps < 100_000, "never ready");
        }
        assert_eq!(p.percent(), 100);
        // What a view may build its rows of ahead is what the workbook shows after the swap.
        let (plan, report, statement) = p
            .ready()
            .map(|(p, r, s)| (p.clone(), r.clone(), s.clone()))
            .unwrap();
        let changes = match book.commit(p) {
            Ok(c) => c,
            Err(_) => panic!("commit refused"),
        };
        assert_eq!(&plan, book.resolved());
        assert_eq!(&report, book.active_report());
        assert!(statement.rows().eq(book.statement().rows()));
        changes
    }

    fn budget_file(rows: usize) -> String {
        let mut csv = String::from("Konto;Post;Kategori;2026;2027\r\n");
        for i in 0..rows {
            csv.push_str(&format!(
                "{};Importpost {i};Kansli;{};7\r\n",
                100000 + i,
                1000 + i
            ));
        }
        // A line the plan has: updated, not added.
        csv.push_str("4010;Löner;Kansli;1234567;\r\n");
        csv
    }

    /// Everything a view reads of the two workbooks is equal.
    fn assert_same(a: &Workbook, b: &Workbook) {
        assert_eq!(a.plan(), b.plan());
        assert_eq!(a.report(), b.report());
        assert_eq!(a.report(), &compute(a.plan()));
        assert_eq!(a.active_report(), b.active_report());
        assert_eq!(a.resolved(), b.resolved());
        assert_eq!(a.scenario(), b.scenario());
        assert_eq!(a.statement().statement(), b.statement().statement());
        assert_eq!(a.revision(), b.revision());
        let rows = |w: &Workbook| {
            w.statement()
                .rows()
                .map(|(k, _, r)| (k, r))
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(a), rows(b));
        assert_eq!(a.history().can_undo(), b.history().can_undo());
        assert_eq!(a.history().can_redo(), b.history().can_redo());
    }

    /// A budget and a members import, in steps of several sizes, with the base plan or a
    /// scenario active: the committed workbook equals the one-shot apply, and so do their
    /// undo and redo.
    #[test]
    fn stepped_import_equals_one_shot_apply() {
        let plan = example_plan();
        let scenario = plan.scenarios.first().map(|s| s.id);
        assert!(scenario.is_some());
        let year = plan.years[0];
        let budget = read_budget_csv(budget_file(300).as_bytes(), None, &plan)
            .unwrap()
            .to_edit(&plan)
            .unwrap();
        let mut members = String::from("Medlem;Typ;Invånare\r\n");
        for i in 0..200 {
            members.push_str(&format!("Kommun {i};Kommun;{}\r\n", 1000 + i));
        }
        let members = read_members_csv_for(members.as_bytes(), None, &plan, year)
            .unwrap()
            .to_edit(&plan, year)
            .unwrap()
            .0;
        for edit in [budget, members] {
            for active in [None, scenario] {
                for n in [1, 7, 1000] {
                    let mut one = Workbook::new(plan.clone());
                    let mut two = Workbook::new(plan.clone());
                    one.set_scenario(active);
                    two.set_scenario(active);
                    let expected = one.apply(edit.clone()).unwrap();
                    let changes = stepped(&mut two, edit.clone(), n);
                    assert_eq!(changes, expected);
                    assert_same(&one, &two);
                    assert!(two.revision() > 0);
                    one.undo().unwrap();
                    two.undo().unwrap();
                    assert_same(&one, &two);
                    assert_eq!(two.plan(), &plan);
                    one.redo().unwrap();
                    two.redo().unwrap();
                    assert_same(&one, &two);
                }
            }
        }
    }

    /// Avbryt before the swap: the prepared edit is dropped and the workbook is as it was.
    #[test]
    fn dropping_a_prepared_edit_changes_nothing() {
        let plan = example_plan();
        let edit = read_budget_csv(budget_file(50).as_bytes(), None, &plan)
            .unwrap()
            .to_edit(&plan)
            .unwrap();
        let book = Workbook::new(plan.clone());
        let revision = book.revision();
        let mut p = book.prepare(edit);
        for _ in 0..5 {
            p.step(&book, 10).unwrap();
        }
        assert!(p.percent() < 100);
        drop(p);
        assert_eq!(book.plan(), &plan);
        assert_eq!(book.revision(), revision);
        assert!(!book.history().can_undo());
    }

    /// A change of the workbook while the edit is prepared makes the commit refuse (the edit
    /// is given back and nothing changes); a commit before the steps are done too.
    #[test]
    fn a_stale_or_unfinished_preparation_is_refused() {
        let plan = example_plan();
        let edit = read_budget_csv(budget_file(20).as_bytes(), None, &plan)
            .unwrap()
            .to_edit(&plan)
            .unwrap();
        let mut book = Workbook::new(plan.clone());
        let p = book.prepare(edit.clone());
        let Err(p) = book.commit(p) else {
            panic!("an unfinished preparation was committed")
        };
        assert_eq!(book.plan(), &plan);
        let mut p = book.prepare(p.into_edit());
        while !p.step(&book, 5).unwrap() {}
        let line = book.plan().lines[3].id;
        let typed =
            Edit::set_line_amount(book.plan(), None, line, book.plan().years[0], Amount::kr(5))
                .unwrap();
        book.apply(typed).unwrap();
        let after_typing = book.plan().clone();
        let Err(p) = book.commit(p) else {
            panic!("a stale preparation was committed")
        };
        assert_eq!(book.plan(), &after_typing);
        assert_eq!(p.into_edit(), edit);
    }

    /// An edit that does not fit the plan fails in a step and leaves the workbook unchanged;
    /// a no-op edit is ready at once and records nothing.
    #[test]
    fn a_failing_edit_and_a_noop() {
        let plan = example_plan();
        let line = plan.lines[3].id;
        let wrong = Edit::Compound(vec![
            Edit::set_line_amount(&plan, None, line, plan.years[0], Amount::kr(5)).unwrap(),
            Edit::delete_line(&plan, 99_999).unwrap_or(Edit::Compound(vec![])),
            Edit::set_line_amount(&plan, None, line, plan.years[0], Amount::kr(5)).unwrap(),
        ]);
        let mut book = Workbook::new(plan.clone());
        let mut p = book.prepare(wrong);
        let failed = (0..10).any(|_| p.step(&book, 1).is_err());
        assert!(failed, "the second amount edit is stale and must fail");
        assert_eq!(book.plan(), &plan);
        let mut p = book.prepare(Edit::Compound(vec![]));
        assert!(p.step(&book, 1).unwrap());
        assert_eq!(book.commit(p).ok(), Some(Changes::default()));
        assert!(!book.history().can_undo());
    }
}
