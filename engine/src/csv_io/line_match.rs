//! Matching imported rows to budget lines by account, else by name (docs/csv.md), through maps
//! so that reading and applying is linear in the rows and lines; a key shared by several lines
//! is ambiguous.

use std::collections::HashMap;

use crate::plan::{LineId, Plan};

/// How an imported row was matched to a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchBy {
    /// By account (`Konto`).
    Account,
    /// By line name (`Post`).
    Name,
}

impl MatchBy {
    /// `konto` or `posten`, for messages.
    pub(super) fn describe(self) -> &'static str {
        match self {
            MatchBy::Account => "konto",
            MatchBy::Name => "posten",
        }
    }
}

pub(super) fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The lines (plan positions) one key, an account or a name, can match, in plan order, with
/// a cursor past the ones earlier rows already took (taken lines stay taken, so the cursor
/// only moves forward and matching a whole file is linear).
pub(super) enum Candidates {
    /// The usual case: one line has the key.
    One(usize),
    /// Several lines have the key.
    Many { positions: Vec<usize>, next: usize },
}

impl Candidates {
    pub(super) fn push(&mut self, pos: usize) {
        match self {
            Candidates::One(first) => {
                *self = Candidates::Many {
                    positions: vec![*first, pos],
                    next: 0,
                }
            }
            Candidates::Many { positions, .. } => positions.push(pos),
        }
    }

    pub(super) fn first(&self) -> Option<usize> {
        match self {
            Candidates::One(p) => Some(*p),
            Candidates::Many { positions, .. } => positions.first().copied(),
        }
    }

    pub(super) fn first_free(&mut self, taken: &[Option<usize>]) -> Option<usize> {
        let is_free = |p: usize| matches!(taken.get(p), Some(None));
        match self {
            Candidates::One(p) => Some(*p).filter(|p| is_free(*p)),
            Candidates::Many { positions, next } => {
                while let Some(&p) = positions.get(*next) {
                    if is_free(p) {
                        return Some(p);
                    }
                    *next = next.saturating_add(1);
                }
                None
            }
        }
    }
}

pub(super) fn add_candidate<K: std::hash::Hash + Eq>(
    map: &mut HashMap<K, Candidates>,
    key: K,
    pos: usize,
) {
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().push(pos),
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(Candidates::One(pos));
        }
    }
}

/// Finds the line a row refers to: by account when given (exact after trimming), else by name
/// (case-insensitive, trimmed); lines already taken by earlier rows are skipped. Maps from
/// account and name to the plan's lines are built once (the name map only when a row needs
/// it), so matching a file is linear.
pub(super) struct LineMatcher<'a> {
    plan: &'a Plan,
    by_account: HashMap<&'a str, Candidates>,
    by_name: Option<HashMap<String, Candidates>>,
    /// Per plan position: the file line of the row that took the line.
    taken: Vec<Option<usize>>,
}

impl<'a> LineMatcher<'a> {
    pub(super) fn new(plan: &'a Plan) -> Self {
        let mut by_account: HashMap<&'a str, Candidates> = HashMap::new();
        for (pos, l) in plan.lines.iter().enumerate() {
            if let Some(a) = &l.account {
                add_candidate(&mut by_account, a.trim(), pos);
            }
        }
        LineMatcher {
            plan,
            by_account,
            by_name: None,
            taken: vec![None; plan.lines.len()],
        }
    }

    pub(super) fn names(&mut self) -> &mut HashMap<String, Candidates> {
        let plan = self.plan;
        self.by_name.get_or_insert_with(|| {
            let mut map = HashMap::with_capacity(plan.lines.len());
            for (pos, l) in plan.lines.iter().enumerate() {
                add_candidate(&mut map, norm(l.shown_name()), pos);
            }
            map
        })
    }

    pub(super) fn id(&self, pos: usize) -> Option<LineId> {
        self.plan.lines.get(pos).map(|l| l.id)
    }

    /// Takes the first line not yet taken that the row matches, for the row on `line`.
    pub(super) fn take(
        &mut self,
        account: Option<&str>,
        name: &str,
        line: usize,
    ) -> Option<LineId> {
        let by_account = account
            .and_then(|a| self.by_account.get_mut(a))
            .and_then(|c| c.first_free(&self.taken));
        let pos = match by_account {
            Some(p) => Some(p),
            None => {
                let key = norm(name);
                let taken = std::mem::take(&mut self.taken);
                let p = self
                    .names()
                    .get_mut(&key)
                    .and_then(|c| c.first_free(&taken));
                self.taken = taken;
                p
            }
        }?;
        if let Some(slot) = self.taken.get_mut(pos) {
            *slot = Some(line);
        }
        self.id(pos)
    }

    /// The file line of the earlier row that took the line this row would match if no line
    /// were taken.
    pub(super) fn taken_by(&mut self, account: Option<&str>, name: &str) -> Option<usize> {
        let pos = match account
            .and_then(|a| self.by_account.get(a))
            .and_then(Candidates::first)
        {
            Some(p) => p,
            None => {
                let key = norm(name);
                self.names().get(&key).and_then(Candidates::first)?
            }
        };
        self.taken.get(pos).copied().flatten()
    }
}
