//! The only user of `localStorage` (docs/app.md), through the `gloo-storage` crate. Nothing here
//! panics: every browser call that can fail returns a Swedish reason instead.
//!
//! Keys (all versioned with `samplan:v1:`):
//! - `samplan:v1:index` — the [`PlanIndex`]: which plans exist and which one is open;
//! - `samplan:v1:plan:<id>` — one plan, as the engine's plan file JSON (always the latest
//!   state the user made, so no edit is ever lost);
//! - `samplan:v1:good:<id>` — the last state of plan `<id>` that computed without an error on
//!   any year (the "last good" snapshot; see [`Store::save_current`]);
//! - `samplan:v1:backup:<n>` — stored text that could not be read, kept untouched.
//!
//! Nothing is removed without a click: unreadable stored data is copied to a backup key before
//! its original key is reused or removed, and a plan written by a newer samplan stays in its
//! own key (see [`Loaded::TooNew`]). Both are listed by [`Store::kept`] for the plan menu.
//!
//! How `gloo-storage` is used: [`gloo_storage::LocalStorage`] is the one handle to the
//! storage. Its typed `get`/`set` (de)serialise values as JSON, which would store the plan file
//! text as a quoted JSON string (changing the stored bytes) and cannot keep unreadable text;
//! and its error conversion panics on a thrown value that is not an `Error`. So text is read
//! and written through [`gloo_storage::Storage::raw`] with our own error mapping, keys are
//! removed with [`gloo_storage::Storage::delete`], and [`Store::open`] first checks that the
//! storage can be used at all (gloo's `raw()` would throw on a blocked storage).

use gloo_storage::{LocalStorage, Storage as _};
use samplan_engine::{plan_from_json, plan_to_json_compact, Plan, PlanFileError};
use serde::{Deserialize, Serialize};

/// Prefix of every key samplan writes.
pub const PREFIX: &str = "samplan:v1:";
/// The key of the plan index.
pub const INDEX_KEY: &str = "samplan:v1:index";
const PLAN_PREFIX: &str = "samplan:v1:plan:";
const GOOD_PREFIX: &str = "samplan:v1:good:";
const BACKUP_PREFIX: &str = "samplan:v1:backup:";

/// The key of plan `id`.
pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// The key of plan `id`'s last good snapshot.
pub fn good_key(id: &str) -> String {
    format!("{GOOD_PREFIX}{id}")
}

/// One stored plan, as listed in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    /// Storage id (`p1`, `p2`, …), never reused within a browser profile.
    pub id: String,
    /// The plan's name (copied from its settings for the plan menu).
    pub name: String,
    /// When the plan was last saved as a file ("Spara som fil"), in milliseconds since 1970.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_saved: Option<i64>,
    /// When the oldest change not yet saved as a file was made (milliseconds since 1970);
    /// `None` when every change is in a saved file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsaved_since: Option<i64>,
}

impl PlanEntry {
    /// An entry with no file history.
    pub fn new(id: String, name: String) -> Self {
        PlanEntry {
            id,
            name,
            file_saved: None,
            unsaved_since: None,
        }
    }
}

/// Which plans are stored and which is open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanIndex {
    /// The plans in menu order.
    pub plans: Vec<PlanEntry>,
    /// The id of the open plan.
    #[serde(default)]
    pub current: Option<String>,
    /// The number of the next id to hand out.
    #[serde(default)]
    pub next: u32,
}

impl PlanIndex {
    /// A fresh plan id (`p<n>`): past every id listed here and past every id in `stored` (the
    /// ids that have a plan or snapshot key in storage, listed or not — see
    /// [`Store::stored_ids`]), so a new plan never lands on a key that holds data.
    pub fn fresh_id(&mut self, stored: &[String]) -> String {
        let highest = self
            .plans
            .iter()
            .map(|p| p.id.as_str())
            .chain(stored.iter().map(String::as_str))
            .filter_map(|id| id.strip_prefix('p').and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        let mut n = self.next.max(highest.saturating_add(1)).max(1);
        // Ids that are not `p<number>` cannot collide with `p<n>` unless spelled the same.
        while stored
            .iter()
            .chain(self.plans.iter().map(|p| &p.id))
            .any(|id| *id == format!("p{n}"))
        {
            n = n.saturating_add(1);
        }
        self.next = n.saturating_add(1);
        format!("p{n}")
    }

    /// Makes the index agree with the plan keys actually stored (`stored`: id and name of each
    /// `samplan:v1:plan:<id>` key): a stored plan the index does not list is added, a listed
    /// plan with no key is dropped, and `current` is cleared when it names no listed plan.
    /// Returns what was changed (empty when the index agreed).
    pub fn repair(&mut self, stored: &[(String, String)]) -> Repair {
        let mut repair = Repair::default();
        let mut removed = Vec::new();
        self.plans.retain(|p| {
            let keep = stored.iter().any(|(id, _)| *id == p.id);
            if !keep {
                removed.push((p.id.clone(), p.name.clone()));
            }
            keep
        });
        repair.removed = removed;
        for (id, name) in stored {
            if !self.plans.iter().any(|p| p.id == *id) {
                self.plans.push(PlanEntry::new(id.clone(), name.clone()));
                repair.added.push((id.clone(), name.clone()));
            }
        }
        if let Some(current) = &self.current {
            if !self.plans.iter().any(|p| p.id == *current) {
                self.current = self.plans.first().map(|p| p.id.clone());
            }
        }
        repair
    }

    /// The entry of `id`.
    pub fn entry_mut(&mut self, id: &str) -> Option<&mut PlanEntry> {
        self.plans.iter_mut().find(|p| p.id == id)
    }
}

/// How [`PlanIndex::repair`] changed an index that disagreed with the stored plan keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repair {
    /// Stored plans (id, name) the index did not list, now listed.
    pub added: Vec<(String, String)>,
    /// Listed plans (id, name) with no stored key, no longer listed.
    pub removed: Vec<(String, String)>,
}

impl Repair {
    /// True when the index agreed with the stored keys.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }

    /// What was repaired, in Swedish, naming each plan and its key (for a banner).
    pub fn message(&self) -> String {
        let list = |plans: &[(String, String)]| {
            plans
                .iter()
                .map(|(id, name)| format!("\"{name}\" ({})", plan_key(id)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = vec![
            "Listan över sparade planer stämde inte med det som finns sparat och har rättats."
                .to_string(),
        ];
        if !self.added.is_empty() {
            parts.push(format!(
                "Sparade planer som saknades i listan och nu finns med igen: {}.",
                list(&self.added)
            ));
        }
        if !self.removed.is_empty() {
            parts.push(format!(
                "Planer i listan som inte finns sparade och nu är borttagna ur listan: {}.",
                list(&self.removed)
            ));
        }
        parts.push("Ingen sparad plan har ändrats.".to_string());
        parts.join(" ")
    }
}

/// The index as read at start-up (see [`Store::load_index`]).
pub struct IndexLoad {
    /// The index to use (always listing every stored plan key).
    pub index: PlanIndex,
    /// The index text was unreadable: it was backed up and the index rebuilt from the keys.
    pub unreadable: Option<Unreadable>,
    /// The index was readable but disagreed with the stored keys (or was missing while plans
    /// are stored): what was repaired.
    pub repaired: Option<Repair>,
    /// Reading the index failed (the browser refused): `index` is only a list built in memory
    /// from the stored keys and nothing may be written until the user chooses.
    pub read_failed: Option<String>,
}

/// Stored text that could not be read, and where it was put.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The key it was read from.
    pub key: String,
    /// The backup key holding a copy (`None` if even the copy failed; then the original key is
    /// left untouched).
    pub backup_key: Option<String>,
    /// Why it could not be read (Swedish).
    pub reason: String,
    /// The text itself, for the download button.
    pub text: String,
}

/// Result of loading one plan.
pub enum Loaded {
    /// The plan.
    Plan(Box<Plan>),
    /// Nothing stored under the key.
    Missing,
    /// Written by a newer samplan: left untouched in its key (never backed up, moved or
    /// removed), listed by [`Store::kept`].
    TooNew,
    /// Stored but unreadable (already backed up as far as possible).
    Unreadable(Unreadable),
}

/// What a stored entry in [`Store::kept`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeptKind {
    /// A plan stored by a newer samplan (still in its own plan key).
    TooNew {
        /// The plan's name, when it can be read.
        name: Option<String>,
    },
    /// Text that could not be read (a backup key).
    Unreadable,
    /// A readable plan version set aside under a backup key (the state that the recovery
    /// screen's restart replaced).
    SetAside {
        /// The plan's name.
        name: String,
    },
}

/// Stored data samplan cannot open but keeps until the user removes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// The key.
    pub key: String,
    /// What it is.
    pub kind: KeptKind,
    /// The stored text, for the download button.
    pub text: String,
}

/// Access to `window.localStorage` (see the module docs); all methods are no-panic.
#[derive(Clone)]
pub struct Store {
    _private: (),
}

fn js_reason(e: &wasm_bindgen::JsValue) -> String {
    // DOMException name/message, e.g. QuotaExceededError.
    let name = js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|v| v.as_string());
    let message = js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|v| v.as_string());
    match (name.as_deref(), message) {
        (Some("QuotaExceededError"), _) => QUOTA_REASON.to_string(),
        (_, Some(m)) if !m.is_empty() => m,
        (Some(n), _) => n.to_string(),
        _ => "okänt fel".to_string(),
    }
}

/// A full storage's reason with the size of the plan that did not fit: "… fullt (planen är
/// 6,2 MB)".
pub fn with_plan_size(reason: String, bytes: usize) -> String {
    if reason != QUOTA_REASON {
        return reason;
    }
    let tenths = rust_decimal::Decimal::from(bytes.div_ceil(100_000) as u64);
    let mb = samplan_engine::format::format_decimal(tenths / rust_decimal::Decimal::from(10), 1);
    format!("{reason} (planen är {mb} MB)")
}

/// The reason for a storage that is full.
const QUOTA_REASON: &str = "lagringsutrymmet i webbläsaren är fullt";

/// The name in a plan file's JSON, read loosely (for plans samplan cannot open).
fn loose_name(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value
        .get("plan")?
        .get("settings")?
        .get("name")?
        .as_str()
        .map(str::to_string)
}

/// A preference's text (a grid's column widths, hidden years, collapsed groups), `None` when
/// it is missing or the storage cannot be used (blocked storage never throws).
pub fn read_preference(key: &str) -> Option<String> {
    Store::open().ok()?.get(key).ok().flatten()
}

/// Keeps a preference's text; a full or blocked storage only loses the preference.
pub fn write_preference(key: &str, text: &str) {
    if let Ok(store) = Store::open() {
        let _ = store.set(key, text);
    }
}

impl Store {
    /// The browser's local storage, or the reason it cannot be used (e.g. blocked cookies).
    pub fn open() -> Result<Store, String> {
        // The one availability probe of the app, and the one place that asks the browser
        // for its storage without gloo: gloo's `LocalStorage::raw()` throws (a JS exception
        // that aborts the caller) when the storage is blocked, and gloo has no fallible way
        // to ask. Every other read and write, here and in the grids' layout keys
        // ([`read_preference`], [`write_preference`]), goes through gloo after this check.
        let window = web_sys::window().ok_or("inget webbläsarfönster")?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(Store { _private: () }),
            Ok(None) => Err("webbläsaren har ingen lokal lagring".to_string()),
            Err(e) => Err(format!("lokal lagring är blockerad ({})", js_reason(&e))),
        }
    }

    /// Reads a key.
    pub fn get(&self, key: &str) -> Result<Option<String>, String> {
        LocalStorage::raw().get_item(key).map_err(|e| js_reason(&e))
    }

    /// Writes a key; a full storage gives `Err("lagringsutrymmet i webbläsaren är fullt")`.
    pub fn set(&self, key: &str, value: &str) -> Result<(), String> {
        LocalStorage::raw()
            .set_item(key, value)
            .map_err(|e| js_reason(&e))
    }

    /// Removes a key.
    pub fn remove(&self, key: &str) {
        LocalStorage::delete(key);
    }

    /// Every key currently stored.
    ///
    /// Enumerated through `gloo_storage`'s raw `web_sys::Storage` (`length` and `key(i)`):
    /// gloo-storage itself has no key listing except `get_all`, which parses every stored
    /// value as JSON and so fails on (or would hide) exactly the unreadable text this module
    /// must keep.
    pub fn keys(&self) -> Vec<String> {
        let storage = LocalStorage::raw();
        (0..LocalStorage::length())
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
    }

    /// Every samplan key and its text, as one JSON object (for "Ladda ner alla sparade data":
    /// plans, snapshots, backups and unreadable data alike).
    pub fn all_data(&self) -> String {
        let mut keys: Vec<String> = self
            .keys()
            .into_iter()
            .filter(|k| k.starts_with("samplan:"))
            .collect();
        keys.sort();
        let map: serde_json::Map<String, serde_json::Value> = keys
            .into_iter()
            .filter_map(|k| {
                let text = self.get(&k).ok().flatten()?;
                Some((k, serde_json::Value::String(text)))
            })
            .collect();
        serde_json::to_string_pretty(&serde_json::Value::Object(map))
            .unwrap_or_else(|_| "{}".to_string())
    }

    /// Copies `text` to the first free backup key and returns that key.
    pub fn backup(&self, text: &str) -> Result<String, String> {
        let keys = self.keys();
        let n = (1u32..)
            .find(|n| !keys.iter().any(|k| *k == format!("{BACKUP_PREFIX}{n}")))
            .unwrap_or(1);
        let key = format!("{BACKUP_PREFIX}{n}");
        self.set(&key, text)?;
        Ok(key)
    }

    /// Reads the index and makes it agree with the stored plan keys (nothing is written here
    /// except a backup copy of unreadable index text):
    /// - readable: repaired from the keys when it disagrees ([`IndexLoad::repaired`]);
    /// - missing while plans are stored, or unreadable text (backed up first): rebuilt from
    ///   the keys;
    /// - the read itself fails: [`IndexLoad::read_failed`], with an index built in memory.
    pub fn load_index(&self) -> IndexLoad {
        let stored = self.stored_plans();
        let mut load = IndexLoad {
            index: PlanIndex::default(),
            unreadable: None,
            repaired: None,
            read_failed: None,
        };
        let text = match self.get(INDEX_KEY) {
            Ok(Some(t)) => t,
            Ok(None) => {
                let repair = load.index.repair(&stored);
                load.repaired = Some(repair).filter(|r| !r.is_empty());
                return load;
            }
            Err(reason) => {
                load.index.repair(&stored);
                load.read_failed = Some(reason);
                return load;
            }
        };
        match serde_json::from_str::<PlanIndex>(&text) {
            Ok(index) => {
                load.index = index;
                let repair = load.index.repair(&stored);
                load.repaired = Some(repair).filter(|r| !r.is_empty());
            }
            Err(e) => {
                let backup_key = self.backup(&text).ok();
                load.unreadable = Some(Unreadable {
                    key: INDEX_KEY.to_string(),
                    backup_key,
                    reason: format!("planlistan är skadad ({e})"),
                    text,
                });
                let repair = load.index.repair(&stored);
                load.repaired = Some(repair).filter(|r| !r.is_empty());
            }
        }
        load
    }

    /// The ids that have a plan key or a last-good key in storage, listed in the index or not
    /// (a new plan's id must skip all of them).
    pub fn stored_ids(&self) -> Vec<String> {
        self.keys()
            .into_iter()
            .filter_map(|k| {
                k.strip_prefix(PLAN_PREFIX)
                    .or_else(|| k.strip_prefix(GOOD_PREFIX))
                    .map(str::to_string)
            })
            .collect()
    }

    /// Every stored plan key's id and name (read from the plan, loosely for plans samplan
    /// cannot open, else the id), in key order.
    pub fn stored_plans(&self) -> Vec<(String, String)> {
        let mut keys: Vec<String> = self
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(PLAN_PREFIX))
            .collect();
        keys.sort();
        keys.into_iter()
            .map(|key| {
                let id = key.trim_start_matches(PLAN_PREFIX).to_string();
                let text = self.get(&key).ok().flatten();
                let name = text
                    .as_deref()
                    .and_then(|t| plan_from_json(t).ok())
                    .map(|p| p.settings.name)
                    .or_else(|| text.as_deref().and_then(loose_name))
                    .unwrap_or_else(|| id.clone());
                (id, name)
            })
            .collect()
    }

    /// Writes the index.
    pub fn save_index(&self, index: &PlanIndex) -> Result<(), String> {
        let text = serde_json::to_string(index).map_err(|e| e.to_string())?;
        self.set(INDEX_KEY, &text)
    }

    /// Loads plan `id`. Unreadable text is copied to a backup key (the original stays until the
    /// copy exists); a plan written by a newer samplan is left alone ([`Loaded::TooNew`]).
    pub fn load_plan(&self, id: &str) -> Loaded {
        let key = plan_key(id);
        let text = match self.get(&key) {
            Ok(Some(t)) => t,
            Ok(None) => return Loaded::Missing,
            Err(reason) => {
                return Loaded::Unreadable(Unreadable {
                    key,
                    backup_key: None,
                    reason,
                    text: String::new(),
                })
            }
        };
        match plan_from_json(&text) {
            Ok(plan) => Loaded::Plan(Box::new(plan)),
            Err(PlanFileError::TooNew { .. }) => Loaded::TooNew,
            Err(e) => {
                let backup_key = self.backup(&text).ok();
                Loaded::Unreadable(Unreadable {
                    key,
                    backup_key,
                    reason: e.to_string(),
                    text,
                })
            }
        }
    }

    /// Saves plan `id` as plan file JSON (compact: [`plan_to_json_compact`]). A full storage
    /// says how large the plan is.
    pub fn save_plan(&self, id: &str, plan: &Plan) -> Result<(), String> {
        self.save_current(id, plan, false)
    }

    /// Saves plan `id` and, when `good`, also as its last good snapshot, from one
    /// serialisation (a large plan's JSON is costly to make). Call with `good` only for a
    /// state that computed without an error on any year: a state that could not be computed
    /// never overwrites the snapshot. A failed snapshot write leaves the previous snapshot;
    /// the plan is saved.
    pub fn save_current(&self, id: &str, plan: &Plan, good: bool) -> Result<(), String> {
        let text = plan_to_json_compact(plan);
        self.set(&plan_key(id), &text)
            .map_err(|reason| with_plan_size(reason, text.len()))?;
        if good {
            let _ = self.set(&good_key(id), &text);
        }
        Ok(())
    }

    /// Removes plan `id` and its last good snapshot.
    pub fn remove_plan(&self, id: &str) {
        self.remove(&plan_key(id));
        self.remove(&good_key(id));
    }

    /// "Starta om med senast fungerande plan": puts plan `id`'s last good snapshot back under
    /// its plan key. The replaced text is first copied to a backup key (so it is listed and can
    /// be downloaded); if that copy fails nothing is changed. Returns false when the plan has no
    /// snapshot (or it could not be restored): then the caller opens another plan instead.
    pub fn restore_good(&self, id: &str) -> bool {
        let Ok(Some(good)) = self.get(&good_key(id)) else {
            return false;
        };
        let current = self.get(&plan_key(id)).ok().flatten();
        if let Some(current) = current.filter(|c| *c != good) {
            if self.backup(&current).is_err() {
                return false;
            }
        }
        self.set(&plan_key(id), &good).is_ok()
    }

    /// Stored data that cannot be opened but is kept: plans of a newer samplan (in their plan
    /// keys) and unreadable data (backup keys), in key order.
    pub fn kept(&self) -> Vec<Kept> {
        let mut keys = self.keys();
        keys.sort();
        keys.into_iter()
            .filter_map(|key| {
                let text = self.get(&key).ok().flatten()?;
                let kind = if key.starts_with(BACKUP_PREFIX) {
                    match plan_from_json(&text) {
                        Ok(plan) => KeptKind::SetAside {
                            name: plan.settings.name,
                        },
                        Err(_) => KeptKind::Unreadable,
                    }
                } else if key.starts_with(PLAN_PREFIX)
                    && matches!(plan_from_json(&text), Err(PlanFileError::TooNew { .. }))
                {
                    KeptKind::TooNew {
                        name: loose_name(&text),
                    }
                } else {
                    return None;
                };
                Some(Kept { key, kind, text })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_storage_names_the_plans_size() {
        assert_eq!(
            with_plan_size(QUOTA_REASON.to_string(), 11_234_567),
            "lagringsutrymmet i webbläsaren är fullt (planen är 11,3 MB)"
        );
        assert_eq!(with_plan_size("okänt fel".into(), 5), "okänt fel");
    }

    #[test]
    fn fresh_ids_skip_listed_ones() {
        let mut index = PlanIndex {
            plans: vec![PlanEntry::new("p7".into(), "x".into())],
            current: None,
            next: 2,
        };
        assert_eq!(index.fresh_id(&[]), "p8");
        assert_eq!(index.fresh_id(&[]), "p9");
    }

    /// The first repro of issue 21: an index that lists no plan must not hand out `p1` while
    /// `samplan:v1:plan:p1` (or only its snapshot) is stored.
    #[test]
    fn fresh_ids_skip_every_stored_key_listed_or_not() {
        let mut index = PlanIndex::default();
        assert_eq!(index.fresh_id(&["p1".into()]), "p2");
        let mut index = PlanIndex {
            plans: vec![],
            current: None,
            next: 0,
        };
        assert_eq!(index.fresh_id(&["p3".into(), "p1".into()]), "p4");
        let mut index = PlanIndex::default();
        assert_eq!(index.fresh_id(&["px".into(), "p01".into()]), "p2");
    }

    #[test]
    fn an_index_that_disagrees_with_the_keys_is_repaired_and_says_how() {
        let mut index = PlanIndex {
            plans: vec![
                PlanEntry::new("p1".into(), "Kvar".into()),
                PlanEntry::new("p2".into(), "Borta".into()),
            ],
            current: Some("p2".into()),
            next: 3,
        };
        let stored = vec![
            ("p1".to_string(), "Kvar".to_string()),
            ("p5".to_string(), "Hittad".to_string()),
        ];
        let repair = index.repair(&stored);
        assert_eq!(
            index
                .plans
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>(),
            ["p1", "p5"]
        );
        assert_eq!(index.current.as_deref(), Some("p1"));
        assert_eq!(
            repair.message(),
            "Listan över sparade planer stämde inte med det som finns sparat och har rättats. \
             Sparade planer som saknades i listan och nu finns med igen: \"Hittad\" (samplan:v1:plan:p5). \
             Planer i listan som inte finns sparade och nu är borttagna ur listan: \"Borta\" (samplan:v1:plan:p2). \
             Ingen sparad plan har ändrats."
        );
        assert!(index.repair(&stored).is_empty());
    }

    #[test]
    fn index_round_trips() {
        let index = PlanIndex {
            plans: vec![PlanEntry::new("p1".into(), "Plan".into())],
            current: Some("p1".into()),
            next: 2,
        };
        let text = serde_json::to_string(&index).unwrap();
        assert_eq!(serde_json::from_str::<PlanIndex>(&text).unwrap(), index);
    }

    #[test]
    fn entries_without_file_history_keep_the_old_index_format() {
        let old = r#"{"plans":[{"id":"p1","name":"Plan"}],"current":"p1","next":2}"#;
        let index: PlanIndex = serde_json::from_str(old).unwrap();
        assert_eq!(index.plans[0], PlanEntry::new("p1".into(), "Plan".into()));
        assert_eq!(serde_json::to_string(&index).unwrap(), old);
    }

    #[test]
    fn file_history_round_trips() {
        let mut entry = PlanEntry::new("p1".into(), "Plan".into());
        entry.file_saved = Some(1_700_000_000_000);
        entry.unsaved_since = Some(1_700_000_100_000);
        let text = serde_json::to_string(&entry).unwrap();
        assert_eq!(
            text,
            r#"{"id":"p1","name":"Plan","file_saved":1700000000000,"unsaved_since":1700000100000}"#
        );
        assert_eq!(serde_json::from_str::<PlanEntry>(&text).unwrap(), entry);
    }

    #[test]
    fn names_are_read_loosely_from_any_plan_file_version() {
        let newer = r#"{"format":"samplan-plan","version":99,"plan":{"settings":{"name":"Framtid"},"x":1}}"#;
        assert_eq!(loose_name(newer).as_deref(), Some("Framtid"));
        assert_eq!(loose_name("trasig {"), None);
        assert_eq!(loose_name(r#"{"plan":{}}"#), None);
    }

    #[test]
    fn keys() {
        assert_eq!(plan_key("p3"), "samplan:v1:plan:p3");
        assert_eq!(good_key("p3"), "samplan:v1:good:p3");
    }
}
