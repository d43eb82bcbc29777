//! Rows built ahead of a large import's swap (docs/app.md "Imports of any size").
//!
//! An import of 100 000 rows is prepared by the engine in steps beside the workbook and then
//! swapped in at once (`Workbook::commit`). The grid on screen then has 100 000 new rows to
//! format, which in one task would keep the page from answering for most of a second. So a
//! grid view that keeps its rows by row key registers a [`BuildAhead`] here: once the import is
//! ready, the import's steps hand each registered view what the workbook will show after the
//! swap ([`Ready`]) and the view formats the rows that will be new, a bounded part per step.
//! Right after the swap, before the views hear of it, [`Ahead::adopt`] makes those rows the
//! views' own, so the task after the swap finds every row already built.
//!
//! What is built ahead is never shown before the swap is made: a swap that is refused (the plan
//! changed meanwhile) or cancelled drops it ([`Ahead::forget`]), and the next import starts
//! from nothing.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use samplan_engine::{workbook::KeyedStatement, Plan, Report};

/// What the workbook will show once a prepared import is swapped in: the active scenario's
/// resolved plan, its report and the budget statement (with the revisions its rows will have).
#[derive(Clone, Copy)]
pub struct Ready<'a> {
    pub plan: &'a Plan,
    pub report: &'a Report,
    pub statement: &'a KeyedStatement,
}

/// A view's rows built ahead of a swap (see the module docs).
pub trait BuildAhead: Send {
    /// Builds more of the rows `ready` will need until `over()` says the step's time is up;
    /// true when every row is built.
    fn step(&mut self, ready: Ready<'_>, over: &dyn Fn() -> bool) -> bool;
    /// The swap was made: what was built ahead becomes the view's.
    fn adopt(&mut self);
    /// What was built ahead is dropped (a new import starts, or the swap was refused).
    fn forget(&mut self);
}

type Builder = Arc<Mutex<dyn BuildAhead>>;

/// The views that build their rows ahead (cheap to copy; part of [`AppState`](crate::state::AppState)).
#[derive(Clone, Copy)]
pub struct Ahead {
    views: StoredValue<Vec<(u64, Builder)>>,
    next: StoredValue<u64>,
}

impl Default for Ahead {
    fn default() -> Self {
        Self::new()
    }
}

impl Ahead {
    /// No view registered.
    pub fn new() -> Self {
        Ahead {
            views: StoredValue::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    /// Registers `builder` for as long as the calling view lives.
    pub fn register(&self, builder: impl BuildAhead + 'static) {
        let id = self.next.get_value();
        self.next.set_value(id.saturating_add(1));
        let builder: Builder = Arc::new(Mutex::new(builder));
        self.views.update_value(|v| v.push((id, builder)));
        let views = self.views;
        on_cleanup(move || {
            views.try_update_value(|v| v.retain(|(i, _)| *i != id));
        });
    }

    /// The registered builders (copied out, so a builder may read the app's state).
    fn builders(&self) -> Vec<Builder> {
        self.views
            .try_with_value(|v| v.iter().map(|(_, b)| Arc::clone(b)).collect())
            .unwrap_or_default()
    }

    /// One step of every builder; true when all are done.
    pub fn step(&self, ready: Ready<'_>, over: &dyn Fn() -> bool) -> bool {
        let mut done = true;
        for b in self.builders() {
            if over() {
                return false;
            }
            if let Ok(mut b) = b.lock() {
                done &= b.step(ready, over);
            }
        }
        done
    }

    /// The swap was made: every builder adopts what it built.
    pub fn adopt(&self) {
        for b in self.builders() {
            if let Ok(mut b) = b.lock() {
                b.adopt();
            }
        }
    }

    /// Every builder drops what it built.
    pub fn forget(&self) {
        for b in self.builders() {
            if let Ok(mut b) = b.lock() {
                b.forget();
            }
        }
    }
}

/// A view's rows kept for the app's lifetime (provided by `App` for the Budget and Kommuner
/// grids): leaving the view keeps them, so coming back after an import of 100 000 rows formats
/// no row again (a tab click of a few tens of milliseconds instead of half a second), and
/// leaving frees nothing. The view drops rows that are gone at its next layout.
pub struct Kept<T: Send + Sync + 'static>(StoredValue<T>);

impl<T: Send + Sync + 'static> Clone for Kept<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Kept<T> {}

impl<T: Default + Send + Sync + 'static> Kept<T> {
    /// Provides an empty one as context.
    pub fn provide() {
        provide_context(Kept(StoredValue::new(T::default())));
    }

    /// The one provided, or a view's own when none is (a view mounted on its own).
    pub fn get() -> StoredValue<T> {
        use_context::<Kept<T>>().map_or_else(|| StoredValue::new(T::default()), |k| k.0)
    }
}
