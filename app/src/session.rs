//! The stored plans of this browser and how the open plan is kept in `localStorage`
//! (docs/app.md), on top of [`crate::storage`]:
//!
//! - autosave: an effect watches the plan and writes it 300 ms after the last change (and at
//!   once when the page is hidden or closed); a failed save is shown, never swallowed;
//! - another tab saving the same plan (`storage` event) raises a conflict: autosave pauses until
//!   the user picks a version;
//! - the plan menu: new, switch, duplicate, delete, open from file, save as file;
//! - the last good snapshot: each saved state that computes without an error on any year is
//!   also written as the plan's "last good" snapshot ([`Store::save_current`]). The plan key always
//!   gets the latest state, so no edit is lost, but a state that could not be computed never
//!   overwrites the last good one; "Starta om med senast fungerande plan" on the recovery screen
//!   (see [`crate::recovery`]) puts the snapshot back;
//! - leaving the page: a pending save is written at once on `beforeunload`, `pagehide` and when
//!   the page is hidden (`visibilitychange`); `beforeunload` asks the browser to warn whenever
//!   the plan has changes that are not in storage, whatever the reason: a failed save, blocked
//!   storage, a read-only session (unreadable plan list), a two-tab conflict;
//! - start-up never overwrites what it has not read: see [`Session::start`];
//! - file reminders: each index entry records when the plan was last saved as a file and since
//!   when changes have not been; [`Session::needs_file_reminder`] is true once that is more than
//!   a week ago.

use std::time::Duration;

use leptos::prelude::*;
use samplan_engine::{names::unique_plan_name, Plan};
use wasm_bindgen::JsCast;

use crate::state::AppState;
use crate::storage::{
    plan_key, IndexLoad, Kept, Loaded, PlanEntry, PlanIndex, Store, Unreadable, INDEX_KEY, PREFIX,
};

/// How long autosave waits after the last change.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);
/// After this long with changes not saved as a file, the plan menu reminds "Spara som fil".
pub const FILE_REMINDER_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Now, in milliseconds since 1970.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The message of a failed autosave: why, and what the browser still holds (the plan as it
/// was last stored, at `stored_at` when this tab stored it). The banner adds that the changes
/// are only in this tab and that "Spara som fil" keeps them (docs/app.md "Lagring").
pub fn save_failed_message(reason: &str, stored_at: Option<String>) -> String {
    let kept = match stored_at {
        Some(t) => format!("I webbläsaren finns planen som den sparades kl. {t}."),
        None => "I webbläsaren finns planen som den senast kunde sparas.".to_string(),
    };
    format!("Planen kunde inte sparas i webbläsaren: {reason}. {kept}")
}

/// "14.05": the local time of `ms` (milliseconds since 1970), Swedish style.
fn clock_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}.{:02}", d.get_hours(), d.get_minutes())
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

/// Why the session writes nothing to storage until the user chooses (see
/// [`Session::read_only`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOnly {
    /// Why the plan list could not be read (the browser's reason, Swedish where known).
    pub reason: String,
    /// The plans stored in this browser (id, name), read from their keys.
    pub stored: Vec<(String, String)>,
}

impl ReadOnly {
    /// The banner text: what happened, what is kept where, what happens to new changes.
    pub fn message(&self) -> String {
        let kept = if self.stored.is_empty() {
            "Inga sparade planer hittades under andra nycklar.".to_string()
        } else {
            format!(
                "De sparade planerna finns kvar oförändrade: {}.",
                self.stored
                    .iter()
                    .map(|(id, name)| format!("\"{name}\" ({})", plan_key(id)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        format!(
            "Listan över sparade planer ({INDEX_KEY}) kunde inte läsas ({}). {kept} \
             För att inget ska skrivas över sparas ingenting i webbläsaren förrän du väljer: \
             ändringar du gör nu finns bara i den här fliken.",
            self.reason
        )
    }
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
    /// The plan list could not be read at start: nothing is written to storage (no autosave,
    /// no index) until the user picks [`Session::retry_index`] or [`Session::write_anyway`].
    pub read_only: RwSignal<Option<ReadOnly>>,
    /// The plan has changes that are not in storage (not yet saved, a failed save, storage
    /// blocked or read-only, changes held back by a conflict).
    unsaved: RwSignal<bool>,
    /// Changes were held back by a conflict (not written to storage).
    held_back: RwSignal<bool>,
    store: StoredValue<Option<Store>, LocalStorage>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// When the open plan was last written to storage in this tab (milliseconds since 1970).
    stored_at: StoredValue<Option<i64>>,
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
    ///
    /// Nothing stored is overwritten that was not read: the example gets an id past every
    /// stored plan key (listed or not), an index that disagrees with the keys is repaired (and
    /// a banner says how), and when the index cannot be read at all the session is read-only
    /// for storage ([`Session::read_only`]) until the user chooses.
    pub fn start(example: impl Fn() -> Plan, avoid: Option<String>) -> (Session, Plan) {
        let mut banners = Vec::new();
        let store = match Store::open() {
            Ok(s) => Some(s),
            Err(reason) => {
                banners.push(Banner::NoStorage(reason));
                None
            }
        };
        let load = match &store {
            Some(s) => s.load_index(),
            None => IndexLoad {
                index: PlanIndex::default(),
                unreadable: None,
                repaired: None,
                read_failed: None,
            },
        };
        let mut index = load.index;
        if let Some(p) = load.unreadable {
            banners.push(Banner::Unreadable(p));
        }
        if let Some(r) = load.repaired {
            banners.push(Banner::Info(r.message()));
        }
        let read_only = load.read_failed.map(|reason| ReadOnly {
            reason,
            stored: index
                .plans
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect(),
        });
        let writable = read_only.is_none();
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
                        if u.backup_key.is_some() && writable {
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
            let stored = store.as_ref().map(Store::stored_ids).unwrap_or_default();
            let id = index.fresh_id(&stored);
            index
                .plans
                .push(PlanEntry::new(id.clone(), plan.settings.name.clone()));
            (id, plan)
        });
        index.current = Some(id.clone());
        let kept = store.as_ref().map(Store::kept).unwrap_or_default();
        if let Some(store) = store.as_ref().filter(|_| writable) {
            let _ = store.save_index(&index);
        }
        let session = Session {
            index: RwSignal::new(index),
            current_id: RwSignal::new(id),
            banners: RwSignal::new(banners),
            save_error: RwSignal::new(None),
            conflict: RwSignal::new(false),
            kept: RwSignal::new(kept),
            read_only: RwSignal::new(read_only),
            unsaved: RwSignal::new(false),
            held_back: RwSignal::new(false),
            store: StoredValue::new_local(store),
            pending: StoredValue::new(None),
            stored_at: StoredValue::new(None),
            replacing: StoredValue::new(false),
        };
        (session, plan)
    }

    /// "Försök läsa igen" while read-only: reads the plan list again. When it can be read now
    /// (repaired from the stored keys if needed) the open plan is added to it and saving
    /// resumes; otherwise the session stays read-only with the new reason.
    pub fn retry_index(self, state: AppState) {
        let Some(load) = self.with_store(Store::load_index) else {
            return;
        };
        if let Some(reason) = load.read_failed {
            self.read_only.update(|r| {
                if let Some(r) = r {
                    r.reason = format!("{reason}, även vid nytt försök");
                }
            });
            return;
        }
        if let Some(p) = load.unreadable {
            self.banners.update(|b| b.push(Banner::Unreadable(p)));
        }
        if let Some(r) = load.repaired {
            self.banners.update(|b| b.push(Banner::Info(r.message())));
        }
        self.resume_writing(state, load.index);
    }

    /// "Spara i webbläsaren ändå" while read-only: writes a new plan list built from the stored
    /// plan keys (the unreadable list's other details, such as file-save times, are lost; no
    /// plan is) and resumes saving.
    pub fn write_anyway(self, state: AppState) {
        let Some(stored) = self.with_store(Store::stored_plans) else {
            return;
        };
        let mut index = PlanIndex::default();
        index.repair(&stored);
        self.resume_writing(state, index);
    }

    /// True (and says why) when the open plan has changes that only this tab holds because
    /// the session is read-only: switching, adding or deleting a plan would lose them, so it
    /// waits until the user has chosen in the read-only message.
    fn held_by_read_only(self, state: AppState) -> bool {
        let held = self.read_only.with_untracked(Option::is_some) && self.unsaved.get_untracked();
        if held {
            state.notice.set(Some(
                "Ändringarna i den öppna planen är inte sparade: välj först \"Försök läsa igen\" eller \"Spara i webbläsaren ändå\" i meddelandet om listan över sparade planer."
                    .into(),
            ));
        }
        held
    }

    /// Leaves read-only mode with `index` (which lists every stored plan): the open plan is
    /// listed under its id (a stored plan it was read from, or an id past every stored key),
    /// the index is written and the open plan saved when it has changes.
    fn resume_writing(self, state: AppState, mut index: PlanIndex) {
        let id = self.current_id.get_untracked();
        let name = state.plan.with_untracked(|p| p.settings.name.clone());
        if index.entry_mut(&id).is_none() {
            index.plans.push(PlanEntry::new(id.clone(), name));
        }
        index.current = Some(id);
        self.read_only.set(None);
        self.write_index(index);
        if self.unsaved.get_untracked() {
            self.save_now(state);
        }
        self.refresh_kept();
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
            read_only: RwSignal::new(None),
            unsaved: RwSignal::new(false),
            held_back: RwSignal::new(false),
            store: StoredValue::new_local(None),
            pending: StoredValue::new(None),
            stored_at: StoredValue::new(None),
            replacing: StoredValue::new(false),
        }
    }

    /// "Spara en kopia i mina planer" in a shared file: opens the browser's stored plans and
    /// adds the open plan to them as a new plan (named "… (2)" when the name is taken), which
    /// stays open and is saved automatically from now on. On failure nothing is stored.
    pub fn adopt(self, state: AppState) -> Result<(), String> {
        let store = Store::open()?;
        let load = store.load_index();
        if let Some(reason) = load.read_failed {
            return Err(format!(
                "listan över sparade planer kunde inte läsas ({reason}); ingenting har sparats"
            ));
        }
        let mut index = load.index;
        if let Some(p) = load.unreadable {
            self.banners.update(|b| b.push(Banner::Unreadable(p)));
        }
        if let Some(r) = load.repaired {
            self.banners.update(|b| b.push(Banner::Info(r.message())));
        }
        let names: Vec<&str> = index.plans.iter().map(|p| p.name.as_str()).collect();
        let mut plan = state.plan.get_untracked();
        plan.settings.name = unique_plan_name(&plan.settings.name, &names);
        let id = index.fresh_id(&store.stored_ids());
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
        if self.held_by_read_only(state) {
            return;
        }
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
                    // A shared file before "Spara en kopia" (no id) has nothing to keep.
                    if !self.unsaved.get_untracked()
                        && self.current_id.with_untracked(|id| !id.is_empty())
                    {
                        self.unsaved.set(true);
                    }
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

    /// True while changes exist only in this tab, whatever the reason: the latest save failed,
    /// storage is blocked or read-only, or a conflict holds changes back.
    pub fn has_unsaved_changes(self) -> bool {
        self.unsaved.get_untracked()
            || self.save_error.with_untracked(Option::is_some)
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
        if self.read_only.with_untracked(Option::is_some) {
            return;
        }
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
                // One serialisation for the plan and its snapshot; a failed snapshot write
                // leaves the previous snapshot, the plan is saved.
                s.save_current(&id, plan, good)?;
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
        let error = match &result {
            Some(Err(reason)) => Some(save_failed_message(
                reason,
                self.stored_at.get_value().map(clock_time),
            )),
            _ => None,
        };
        if matches!(result, Some(Ok(()))) {
            self.stored_at.set_value(Some(now_ms()));
        }
        if matches!(result, Some(Ok(()))) && self.unsaved.get_untracked() {
            self.unsaved.set(false);
        }
        if self.save_error.get_untracked() != error {
            self.save_error.set(error);
        }
        if self.held_back.get_untracked() {
            self.held_back.set(false);
        }
    }

    /// Another tab wrote the index: take its list (repaired from the keys in memory only; a
    /// failed read keeps ours).
    fn reload_index(self) {
        if let Some(load) = self.with_store(Store::load_index) {
            if load.read_failed.is_none() {
                self.index.set(load.index);
            }
        }
    }

    /// Writes `index` (unless read-only) and shows it.
    fn write_index(self, index: PlanIndex) {
        if self.read_only.with_untracked(Option::is_some) {
            self.index.set(index);
            return;
        }
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
        if self.held_by_read_only(state) {
            return;
        }
        self.flush(state);
        let mut index = self.index.get_untracked();
        let stored = self.with_store(Store::stored_ids).unwrap_or_default();
        let id = index.fresh_id(&stored);
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
        if self.held_by_read_only(state) {
            return;
        }
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
        if self.held_by_read_only(state) {
            return;
        }
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
        let stored = self.with_store(Store::stored_ids).unwrap_or_default();
        let new_id = index.fresh_id(&stored);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_save_says_what_the_browser_still_holds() {
        assert_eq!(
            save_failed_message(
                "lagringsutrymmet i webbläsaren är fullt (planen är 11,3 MB)",
                Some("14.05".into())
            ),
            "Planen kunde inte sparas i webbläsaren: lagringsutrymmet i webbläsaren är fullt \
             (planen är 11,3 MB). I webbläsaren finns planen som den sparades kl. 14.05."
        );
        assert_eq!(
            save_failed_message("okänt fel", None),
            "Planen kunde inte sparas i webbläsaren: okänt fel. I webbläsaren finns planen som \
             den senast kunde sparas."
        );
    }

    #[test]
    fn the_read_only_message_says_what_is_kept_where() {
        let r = ReadOnly {
            reason: "Åtkomst nekad".into(),
            stored: vec![
                ("p1".into(), "Plan A".into()),
                ("p3".into(), "Plan B".into()),
            ],
        };
        assert_eq!(
            r.message(),
            "Listan över sparade planer (samplan:v1:index) kunde inte läsas (Åtkomst nekad). \
             De sparade planerna finns kvar oförändrade: \"Plan A\" (samplan:v1:plan:p1), \
             \"Plan B\" (samplan:v1:plan:p3). För att inget ska skrivas över sparas ingenting i \
             webbläsaren förrän du väljer: ändringar du gör nu finns bara i den här fliken."
        );
        let none = ReadOnly {
            reason: "x".into(),
            stored: vec![],
        };
        assert!(none
            .message()
            .contains("Inga sparade planer hittades under andra nycklar."));
    }
}
