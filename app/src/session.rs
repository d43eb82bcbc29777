//! The stored plans of this browser and how the open plan is kept in `localStorage`
//! (SPEC 4.3), on top of [`crate::storage`]:
//!
//! - autosave: an effect watches the plan and writes it 300 ms after the last change (and at
//!   once when the page is hidden or closed); a failed save is shown, never swallowed;
//! - another tab saving the same plan (`storage` event) raises a conflict: autosave pauses until
//!   the user picks a version;
//! - the plan menu: new, switch, duplicate, delete, open from file.

use std::time::Duration;

use leptos::prelude::*;
use samplan_engine::Plan;

use crate::state::AppState;
use crate::storage::{plan_key, Loaded, PlanEntry, PlanIndex, Store, Unreadable, INDEX_KEY};

/// How long autosave waits after the last change.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// A message above the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Banner {
    /// Stored data could not be read; it was kept under a backup key.
    Unreadable(Unreadable),
    /// Local storage cannot be used at all.
    NoStorage(String),
    /// Something else worth telling (e.g. a plan listed but missing).
    Info(String),
}

/// The plans of this browser and the autosave machinery (context, cheap to copy).
#[derive(Clone, Copy)]
pub struct Session {
    /// The stored plans.
    pub index: RwSignal<PlanIndex>,
    /// The id of the open plan.
    pub current_id: RwSignal<String>,
    /// Messages about stored data.
    pub banners: RwSignal<Vec<Banner>>,
    /// The reason the latest save failed, if it did.
    pub save_error: RwSignal<Option<String>>,
    /// Another tab saved this plan: autosave is paused until the user chooses.
    pub conflict: RwSignal<bool>,
    store: StoredValue<Option<Store>, LocalStorage>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

/// The budget year of a new plan: next calendar year.
fn next_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32 + 1
}

impl Session {
    /// Opens the stored plans and returns the session and the plan to show first: the one
    /// open last time, or `example` on first start (or when nothing can be read).
    pub fn start(example: impl Fn() -> Plan) -> (Session, Plan) {
        let mut banners = Vec::new();
        let store = match Store::open() {
            Ok(s) => Some(s),
            Err(reason) => {
                banners.push(Banner::NoStorage(reason));
                None
            }
        };
        let (mut index, index_problem) = match &store {
            Some(s) => s.load_index(),
            None => (PlanIndex::default(), None),
        };
        if let Some(p) = index_problem {
            banners.push(Banner::Unreadable(p));
        }
        let mut opened: Option<(String, Plan)> = None;
        if let Some(store) = &store {
            let mut candidates: Vec<String> = index.current.iter().cloned().collect();
            candidates.extend(index.plans.iter().map(|p| p.id.clone()));
            for id in candidates {
                match store.load_plan(&id) {
                    Loaded::Plan(plan) => {
                        opened = Some((id, *plan));
                        break;
                    }
                    Loaded::Missing => index.plans.retain(|p| p.id != id),
                    Loaded::Unreadable(u) => {
                        // Keep the entry only when the text could not even be backed up.
                        if u.backup_key.is_some() {
                            index.plans.retain(|p| p.id != id);
                            let _ = store.remove(&u.key);
                        }
                        banners.push(Banner::Unreadable(u));
                    }
                }
            }
        }
        let (id, plan) = opened.unwrap_or_else(|| {
            let plan = example();
            let id = index.fresh_id();
            index.plans.push(PlanEntry {
                id: id.clone(),
                name: plan.settings.name.clone(),
            });
            (id, plan)
        });
        index.current = Some(id.clone());
        if let Some(store) = &store {
            let _ = store.save_index(&index);
        }
        let session = Session {
            index: RwSignal::new(index),
            current_id: RwSignal::new(id),
            banners: RwSignal::new(banners),
            save_error: RwSignal::new(None),
            conflict: RwSignal::new(false),
            store: StoredValue::new_local(store),
            pending: StoredValue::new(None),
        };
        (session, plan)
    }

    /// The session from context.
    pub fn expect() -> Self {
        expect_context::<Session>()
    }

    /// Starts autosave and the cross-tab and page-hide listeners for `state`.
    pub fn install(self, state: AppState) {
        // Sync to the outside world only: the effect writes localStorage, never a signal.
        Effect::new(move |previous: Option<()>| {
            state.plan.track();
            if previous.is_some() {
                self.schedule_save(state);
            } else {
                self.save_now(state);
            }
        });
        let hide = window_event_listener_untyped("pagehide", move |_| self.flush(state));
        let storage = window_event_listener(leptos::ev::storage, move |ev| {
            let key = ev.key();
            let current = plan_key(&self.current_id.get_untracked());
            match key.as_deref() {
                None => self.conflict.set(true),
                Some(k) if k == current => self.conflict.set(true),
                Some(INDEX_KEY) => self.reload_index(),
                _ => {}
            }
        });
        on_cleanup(move || {
            hide.remove();
            storage.remove();
        });
    }

    fn with_store<T>(&self, f: impl FnOnce(&Store) -> T) -> Option<T> {
        self.store.with_value(|s| s.as_ref().map(f))
    }

    fn schedule_save(self, state: AppState) {
        if let Some(Some(handle)) = self.pending.try_update_value(|p| p.take()) {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || self.save_now(state), AUTOSAVE_DELAY).ok();
        self.pending.set_value(handle);
    }

    /// Saves a pending change at once (page hidden, plan switch).
    pub fn flush(self, state: AppState) {
        if let Some(Some(handle)) = self.pending.try_update_value(|p| p.take()) {
            handle.clear();
            self.save_now(state);
        }
    }

    /// Writes the open plan (and its name in the index) now, unless a conflict is open.
    pub fn save_now(self, state: AppState) {
        self.pending.set_value(None);
        if self.conflict.get_untracked() {
            return;
        }
        let id = self.current_id.get_untracked();
        let result = state.plan.with_untracked(|plan| {
            self.with_store(|s| {
                s.save_plan(&id, plan)?;
                let mut index = self.index.get_untracked();
                let changed = match index.entry_mut(&id) {
                    Some(e) if e.name != plan.settings.name => {
                        e.name = plan.settings.name.clone();
                        true
                    }
                    Some(_) => false,
                    None => {
                        index.plans.push(PlanEntry {
                            id: id.clone(),
                            name: plan.settings.name.clone(),
                        });
                        true
                    }
                };
                if changed {
                    s.save_index(&index)?;
                    self.index.set(index);
                }
                Ok::<(), String>(())
            })
        });
        let error = match result {
            Some(Err(reason)) => Some(format!("Planen kunde inte sparas i webbläsaren: {reason}.")),
            _ => None,
        };
        if self.save_error.get_untracked() != error {
            self.save_error.set(error);
        }
    }

    fn reload_index(self) {
        if let Some((index, _)) = self.with_store(|s| s.load_index()) {
            self.index.set(index);
        }
    }

    fn write_index(self, index: PlanIndex) {
        if let Some(Err(reason)) = self.with_store(|s| s.save_index(&index)) {
            self.save_error
                .set(Some(format!("Planlistan kunde inte sparas: {reason}.")));
        }
        self.index.set(index);
    }

    /// Opens `plan` as the current plan under `id` (already in the index).
    fn show(self, state: AppState, id: String, plan: Plan) {
        self.conflict.set(false);
        self.current_id.set(id.clone());
        let mut index = self.index.get_untracked();
        index.current = Some(id);
        self.write_index(index);
        state.replace_plan(plan);
    }

    /// Adds `plan` as a new stored plan and opens it.
    pub fn open_new(self, state: AppState, plan: Plan) {
        self.flush(state);
        let mut index = self.index.get_untracked();
        let id = index.fresh_id();
        index.plans.push(PlanEntry {
            id: id.clone(),
            name: plan.settings.name.clone(),
        });
        self.index.set(index);
        self.show(state, id, plan);
    }

    /// "Ny plan": an empty plan for next year and three plan years.
    pub fn new_plan(self, state: AppState) {
        self.open_new(state, Plan::empty("Ny plan", next_year(), 3));
    }

    /// "Duplicera": a copy of the open plan named "… (kopia)".
    pub fn duplicate(self, state: AppState) {
        let mut plan = state.plan.get_untracked();
        plan.settings.name = format!("{} (kopia)", plan.settings.name);
        self.open_new(state, plan);
    }

    /// Switches to stored plan `id`. An unreadable plan is backed up and reported; the open
    /// plan stays.
    pub fn switch(self, state: AppState, id: String) {
        if id == self.current_id.get_untracked() {
            return;
        }
        self.flush(state);
        match self.with_store(|s| s.load_plan(&id)) {
            Some(Loaded::Plan(plan)) => self.show(state, id, *plan),
            Some(Loaded::Missing) => {
                let mut index = self.index.get_untracked();
                index.plans.retain(|p| p.id != id);
                self.write_index(index);
                self.banners.update(|b| {
                    b.push(Banner::Info(
                        "Planen finns inte längre i webbläsaren.".into(),
                    ))
                });
            }
            Some(Loaded::Unreadable(u)) => {
                if u.backup_key.is_some() {
                    let mut index = self.index.get_untracked();
                    index.plans.retain(|p| p.id != id);
                    self.with_store(|s| s.remove(&u.key));
                    self.write_index(index);
                }
                self.banners.update(|b| b.push(Banner::Unreadable(u)));
            }
            None => {}
        }
    }

    /// Deletes the open plan and opens another (or a new empty one when none is left).
    pub fn delete_current(self, state: AppState) {
        if let Some(Some(handle)) = self.pending.try_update_value(|p| p.take()) {
            handle.clear();
        }
        let id = self.current_id.get_untracked();
        self.with_store(|s| s.remove_plan(&id));
        let mut index = self.index.get_untracked();
        index.plans.retain(|p| p.id != id);
        self.index.set(index.clone());
        for entry in index.plans.clone() {
            if let Some(Loaded::Plan(plan)) = self.with_store(|s| s.load_plan(&entry.id)) {
                self.show(state, entry.id, *plan);
                return;
            }
        }
        let plan = Plan::empty("Ny plan", next_year(), 3);
        let mut index = self.index.get_untracked();
        let new_id = index.fresh_id();
        index.plans.push(PlanEntry {
            id: new_id.clone(),
            name: plan.settings.name.clone(),
        });
        self.index.set(index);
        self.show(state, new_id, plan);
    }

    /// Conflict resolved by taking the other tab's version.
    pub fn take_theirs(self, state: AppState) {
        let id = self.current_id.get_untracked();
        match self.with_store(|s| s.load_plan(&id)) {
            Some(Loaded::Plan(plan)) => {
                self.conflict.set(false);
                state.replace_plan(*plan);
            }
            Some(Loaded::Unreadable(u)) => {
                self.banners.update(|b| b.push(Banner::Unreadable(u)));
            }
            _ => {
                // The other tab deleted it: keep ours and save it again.
                self.keep_mine(state);
            }
        }
    }

    /// Conflict resolved by keeping (and saving) this tab's version.
    pub fn keep_mine(self, state: AppState) {
        self.conflict.set(false);
        self.save_now(state);
    }
}
