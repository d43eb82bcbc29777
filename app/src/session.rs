//! The stored plans of this browser and how the open plan is kept in `localStorage`
//! (docs/app.md), on top of [`crate::storage`]:
//!
//! - autosave: an effect watches the plan and writes it 300 ms after the last change (and at
//!   once when the page is hidden or closed); a failed save is shown, never swallowed;
//! - another tab saving the same plan (`storage` event) raises a conflict: autosave pauses until
//!   the user picks a version;
//! - the plan menu: new, switch, duplicate, delete, open from file, save as file;
//! - the last good snapshot: each saved state that computes without an error on any year is
//!   also written as the plan's "last good" snapshot ([`Store::save_good`]). The plan key always
//!   gets the latest state, so no edit is lost, but a state that could not be computed never
//!   overwrites the last good one; "Starta om med senast fungerande plan" on the recovery screen
//!   (see [`crate::recovery`]) puts the snapshot back;
//! - leaving the page: a pending save is written at once on `beforeunload`, `pagehide` and when
//!   the page is hidden (`visibilitychange`); `beforeunload` asks the browser to warn when a save
//!   has failed or changes are held back by a two-tab conflict;
//! - file reminders: each index entry records when the plan was last saved as a file and since
//!   when changes have not been; [`Session::needs_file_reminder`] is true once that is more than
//!   a week ago.

use std::time::Duration;

use leptos::prelude::*;
use samplan_engine::{unique_plan_name, Plan};
use wasm_bindgen::JsCast;

use crate::state::AppState;
use crate::storage::{
    plan_key, Kept, Loaded, PlanEntry, PlanIndex, Store, Unreadable, INDEX_KEY, PREFIX,
};

/// How long autosave waits after the last change.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);
/// After this long with changes not saved as a file, the plan menu reminds "Spara som fil".
pub const FILE_REMINDER_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Now, in milliseconds since 1970.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

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
    /// Stored data that cannot be opened but is kept (newer-version plans, unreadable data).
    pub kept: RwSignal<Vec<Kept>>,
    /// Changes were held back by a conflict (not written to storage).
    held_back: RwSignal<bool>,
    store: StoredValue<Option<Store>, LocalStorage>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The next plan change is a whole-plan replacement (switch, open), not a user edit.
    replacing: StoredValue<bool>,
}

/// The budget year of a new plan: next calendar year.
fn next_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32 + 1
}

impl Session {
    /// Opens the stored plans and returns the session and the plan to show first: the one
    /// open last time, or `example` on first start (or when nothing can be read). Plan `avoid`
    /// is not opened (the recovery screen's restart when that plan has no good snapshot).
    pub fn start(example: impl Fn() -> Plan, avoid: Option<String>) -> (Session, Plan) {
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
                if avoid.as_deref() == Some(id.as_str()) {
                    continue;
                }
                match store.load_plan(&id) {
                    Loaded::Plan(plan) => {
                        opened = Some((id, *plan));
                        break;
                    }
                    Loaded::Missing => index.plans.retain(|p| p.id != id),
                    // Stays in its key and in the index (listed by `kept`).
                    Loaded::TooNew => {}
                    Loaded::Unreadable(u) => {
                        // Keep the entry only when the text could not even be backed up.
                        if u.backup_key.is_some() {
                            index.plans.retain(|p| p.id != id);
                            store.remove(&u.key);
                        }
                        banners.push(Banner::Unreadable(u));
                    }
                }
            }
        }
        let (id, plan) = opened.unwrap_or_else(|| {
            let plan = example();
            let id = index.fresh_id();
            index
                .plans
                .push(PlanEntry::new(id.clone(), plan.settings.name.clone()));
            (id, plan)
        });
        index.current = Some(id.clone());
        let kept = store.as_ref().map(Store::kept).unwrap_or_default();
        if let Some(store) = &store {
            let _ = store.save_index(&index);
        }
        let session = Session {
            index: RwSignal::new(index),
            current_id: RwSignal::new(id),
            banners: RwSignal::new(banners),
            save_error: RwSignal::new(None),
            conflict: RwSignal::new(false),
            kept: RwSignal::new(kept),
            held_back: RwSignal::new(false),
            store: StoredValue::new_local(store),
            pending: StoredValue::new(None),
            replacing: StoredValue::new(false),
        };
        (session, plan)
    }

    /// A session that never touches the browser's stored plans: for a shared read-only file
    /// (see [`crate::shared`]) until [`Session::adopt`].
    pub fn detached() -> Session {
        Session {
            index: RwSignal::new(PlanIndex::default()),
            current_id: RwSignal::new(String::new()),
            banners: RwSignal::new(Vec::new()),
            save_error: RwSignal::new(None),
            conflict: RwSignal::new(false),
            kept: RwSignal::new(Vec::new()),
            held_back: RwSignal::new(false),
            store: StoredValue::new_local(None),
            pending: StoredValue::new(None),
            replacing: StoredValue::new(false),
        }
    }

    /// "Spara en kopia i mina planer" in a shared file: opens the browser's stored plans and
    /// adds the open plan to them as a new plan (named "… (2)" when the name is taken), which
    /// stays open and is saved automatically from now on. On failure nothing is stored.
    pub fn adopt(self, state: AppState) -> Result<(), String> {
        let store = Store::open()?;
        let (mut index, problem) = store.load_index();
        if let Some(p) = problem {
            self.banners.update(|b| b.push(Banner::Unreadable(p)));
        }
        let names: Vec<&str> = index.plans.iter().map(|p| p.name.as_str()).collect();
        let mut plan = state.plan.get_untracked();
        plan.settings.name = unique_plan_name(&plan.settings.name, &names);
        let id = index.fresh_id();
        index
            .plans
            .push(PlanEntry::new(id.clone(), plan.settings.name.clone()));
        index.current = Some(id.clone());
        store.save_plan(&id, &plan)?;
        if let Err(e) = store.save_index(&index) {
            store.remove_plan(&id);
            return Err(e);
        }
        let kept = store.kept();
        self.store.set_value(Some(store));
        self.kept.set(kept);
        self.index.set(index);
        self.current_id.set(id);
        self.replacing.set_value(true);
        state.replace_plan(plan);
        request_persistent_storage();
        Ok(())
    }

    /// The names of the stored plans that can be opened here (for "already stored?").
    pub fn stored_names(self) -> Vec<(String, String)> {
        let too_new: Vec<String> = self.kept.with_untracked(|k| {
            k.iter()
                .filter(|k| matches!(k.kind, crate::storage::KeptKind::TooNew { .. }))
                .map(|k| k.key.clone())
                .collect()
        });
        self.index.with_untracked(|i| {
            i.plans
                .iter()
                .filter(|p| !too_new.contains(&plan_key(&p.id)))
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect()
        })
    }

    /// "Ersätt": stored plan `id` is replaced by `plan` (read from a file) and opened.
    pub fn replace_stored(self, state: AppState, id: String, plan: Plan) {
        self.flush(state);
        if let Some(Err(reason)) = self.with_store(|s| s.save_plan(&id, &plan)) {
            self.save_error.set(Some(format!(
                "Planen kunde inte sparas i webbläsaren: {reason}."
            )));
            return;
        }
        if id == self.current_id.get_untracked() {
            self.replacing.set_value(true);
            state.replace_plan(plan);
        } else {
            self.show(state, id, plan);
        }
    }

    /// "Behåll båda": `plan` (read from a file) is added as a new plan named "… (2)" (or the
    /// next free number) and opened.
    pub fn open_as_copy(self, state: AppState, mut plan: Plan) {
        let names: Vec<String> = self
            .index
            .with_untracked(|i| i.plans.iter().map(|p| p.name.clone()).collect());
        plan.settings.name = unique_plan_name(&plan.settings.name, &names);
        self.open_new(state, plan, false);
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
                if !self
                    .replacing
                    .try_update_value(std::mem::take)
                    .unwrap_or(false)
                {
                    self.mark_unsaved_in_file();
                }
                self.schedule_save(state);
            } else {
                self.save_now(state);
            }
        });
        let hide = window_event_listener_untyped("pagehide", move |_| self.flush(state));
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                self.flush(state);
            }
        });
        let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            self.flush(state);
            if self.has_unsaved_changes() {
                ev.prevent_default();
                ev.set_return_value("Ändringar i planen har inte sparats.");
            }
        });
        if self.with_store(|_| ()).is_some() {
            request_persistent_storage();
        }
        let storage = window_event_listener(leptos::ev::storage, move |ev| {
            // A shared read-only file has nothing stored to be in conflict with.
            if self.with_store(|_| ()).is_none() {
                return;
            }
            let key = ev.key();
            let current = plan_key(&self.current_id.get_untracked());
            match key.as_deref() {
                None => self.conflict.set(true),
                Some(k) if k == current => self.conflict.set(true),
                Some(INDEX_KEY) => self.reload_index(),
                Some(k) if k.starts_with(PREFIX) && !k.contains(":good:") => self.refresh_kept(),
                _ => {}
            }
        });
        on_cleanup(move || {
            hide.remove();
            visibility.remove();
            unload.remove();
            storage.remove();
        });
    }

    /// True while changes exist only in this tab: the latest save failed, or a conflict holds
    /// changes back.
    pub fn has_unsaved_changes(self) -> bool {
        self.save_error.with_untracked(Option::is_some)
            || (self.conflict.get_untracked() && self.held_back.get_untracked())
    }

    /// Reads the kept data again (after a backup or a removal).
    pub fn refresh_kept(self) {
        if let Some(kept) = self.with_store(Store::kept) {
            self.kept.set(kept);
        }
    }

    /// Removes kept data under `key` (after the user confirmed it).
    pub fn delete_kept(self, key: &str) {
        self.with_store(|s| s.remove(key));
        self.refresh_kept();
    }

    /// The index entry of the open plan (reactive).
    pub fn current_entry(self) -> Option<PlanEntry> {
        let id = self.current_id.get();
        self.index
            .with(|i| i.plans.iter().find(|p| p.id == id).cloned())
    }

    /// True once changes not saved as a file are older than a week (reactive in the index;
    /// the time is read when called).
    pub fn needs_file_reminder(self) -> bool {
        self.current_entry()
            .and_then(|e| e.unsaved_since)
            .is_some_and(|since| now_ms().saturating_sub(since) > FILE_REMINDER_MS)
    }

    /// Records that the open plan was just saved as a file.
    pub fn mark_saved_as_file(self) {
        let id = self.current_id.get_untracked();
        let mut index = self.index.get_untracked();
        if let Some(e) = index.entry_mut(&id) {
            e.file_saved = Some(now_ms());
            e.unsaved_since = None;
            self.write_index(index);
        }
    }

    /// Records that the open plan has changes not saved as a file (keeps the oldest time).
    fn mark_unsaved_in_file(self) {
        let id = self.current_id.get_untracked();
        let mut index = self.index.get_untracked();
        if let Some(e) = index.entry_mut(&id) {
            if e.unsaved_since.is_none() {
                e.unsaved_since = Some(now_ms());
                self.write_index(index);
            }
        }
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
            if !self.held_back.get_untracked() {
                self.held_back.set(true);
            }
            return;
        }
        let id = self.current_id.get_untracked();
        // Computing here (not only in the views) means a state that panics the engine is never
        // written as the last good snapshot.
        let good = state
            .report
            .with_untracked(|r| r.years.iter().all(|y| y.allocation.is_ok()));
        let result = state.plan.with_untracked(|plan| {
            self.with_store(|s| {
                s.save_plan(&id, plan)?;
                if good {
                    // A failed snapshot write leaves the previous snapshot; the plan is saved.
                    let _ = s.save_good(&id, plan);
                }
                let mut index = self.index.get_untracked();
                let changed = match index.entry_mut(&id) {
                    Some(e) if e.name != plan.settings.name => {
                        e.name = plan.settings.name.clone();
                        true
                    }
                    Some(_) => false,
                    None => {
                        index
                            .plans
                            .push(PlanEntry::new(id.clone(), plan.settings.name.clone()));
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
        if self.held_back.get_untracked() {
            self.held_back.set(false);
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
        self.held_back.set(false);
        self.replacing.set_value(true);
        self.current_id.set(id.clone());
        let mut index = self.index.get_untracked();
        index.current = Some(id);
        self.write_index(index);
        state.replace_plan(plan);
    }

    /// Adds `plan` as a new stored plan and opens it. `unsaved`: it holds work that is in no
    /// file (a copy of another plan); a new empty plan or one just read from a file does not.
    pub fn open_new(self, state: AppState, plan: Plan, unsaved: bool) {
        self.flush(state);
        let mut index = self.index.get_untracked();
        let id = index.fresh_id();
        let mut entry = PlanEntry::new(id.clone(), plan.settings.name.clone());
        if unsaved {
            entry.unsaved_since = Some(now_ms());
        }
        index.plans.push(entry);
        self.index.set(index);
        self.show(state, id, plan);
    }

    /// "Ny plan": an empty plan for next year and three plan years.
    pub fn new_plan(self, state: AppState) {
        self.open_new(state, Plan::empty("Ny plan", next_year(), 3), false);
    }

    /// "Duplicera": a copy of the open plan named "… (kopia)".
    pub fn duplicate(self, state: AppState) {
        let mut plan = state.plan.get_untracked();
        plan.settings.name = format!("{} (kopia)", plan.settings.name);
        self.open_new(state, plan, true);
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
            Some(Loaded::TooNew) => {
                self.refresh_kept();
                self.banners.update(|b| {
                    b.push(Banner::Info(
                        "Planen är sparad av en nyare version av samplan och kan inte öppnas här. Den finns kvar oförändrad."
                            .into(),
                    ))
                });
            }
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
                self.refresh_kept();
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
        self.refresh_kept();
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
        index
            .plans
            .push(PlanEntry::new(new_id.clone(), plan.settings.name.clone()));
        self.index.set(index);
        self.show(state, new_id, plan);
    }

    /// Conflict resolved by taking the other tab's version.
    pub fn take_theirs(self, state: AppState) {
        let id = self.current_id.get_untracked();
        match self.with_store(|s| s.load_plan(&id)) {
            Some(Loaded::Plan(plan)) => {
                self.conflict.set(false);
                self.held_back.set(false);
                self.replacing.set_value(true);
                state.replace_plan(*plan);
            }
            Some(Loaded::Unreadable(u)) => {
                self.refresh_kept();
                self.banners.update(|b| b.push(Banner::Unreadable(u)));
            }
            Some(Loaded::TooNew) => {
                // Never overwritten without the user knowing: the conflict stays open.
                self.refresh_kept();
                self.banners.update(|b| {
                    b.push(Banner::Info(
                        "Den andra versionen är sparad av en nyare version av samplan och kan inte läsas här. Den finns kvar oförändrad tills du väljer \"Behåll min version\"."
                            .into(),
                    ))
                });
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

/// Asks the browser once to keep this site's storage (`navigator.storage.persist()`), so it is
/// not wiped under storage pressure; ignored where the API does not exist.
fn request_persistent_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(storage) = js_sys::Reflect::get(&window.navigator(), &"storage".into()) else {
        return;
    };
    if storage.is_undefined() || storage.is_null() {
        return;
    }
    let Ok(persist) = js_sys::Reflect::get(&storage, &"persist".into()) else {
        return;
    };
    if let Ok(persist) = persist.dyn_into::<js_sys::Function>() {
        if let Ok(promise) = persist.call0(&storage) {
            if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                // The answer does not change anything the app does.
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    }
}
