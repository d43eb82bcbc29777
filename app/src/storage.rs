//! The only user of `localStorage` (SPEC 4.3). Nothing here panics: every browser call that can
//! fail returns a Swedish reason instead.
//!
//! Keys (all versioned with `samplan:v1:`):
//! - `samplan:v1:index` — the [`PlanIndex`]: which plans exist and which one is open;
//! - `samplan:v1:plan:<id>` — one plan, as the engine's plan file JSON;
//! - `samplan:v1:backup:<n>` — stored text that could not be read, kept untouched.
//!
//! Unreadable stored data is never thrown away: it is copied to a backup key first, and only
//! then is its original key reused or removed.

use samplan_engine::{plan_from_json, plan_to_json, Plan};
use serde::{Deserialize, Serialize};

/// Prefix of every key samplan writes.
pub const PREFIX: &str = "samplan:v1:";
/// The key of the plan index.
pub const INDEX_KEY: &str = "samplan:v1:index";
const PLAN_PREFIX: &str = "samplan:v1:plan:";
const BACKUP_PREFIX: &str = "samplan:v1:backup:";

/// The key of plan `id`.
pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// One stored plan, as listed in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    /// Storage id (`p1`, `p2`, …), never reused within a browser profile.
    pub id: String,
    /// The plan's name (copied from its settings for the plan menu).
    pub name: String,
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
    /// A fresh plan id (`p<n>`), also past every id already listed.
    pub fn fresh_id(&mut self) -> String {
        let highest = self
            .plans
            .iter()
            .filter_map(|p| p.id.strip_prefix('p').and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        let n = self.next.max(highest + 1).max(1);
        self.next = n + 1;
        format!("p{n}")
    }

    /// The entry of `id`.
    pub fn entry_mut(&mut self, id: &str) -> Option<&mut PlanEntry> {
        self.plans.iter_mut().find(|p| p.id == id)
    }
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
    /// Stored but unreadable (already backed up as far as possible).
    Unreadable(Unreadable),
}

/// Access to `window.localStorage`; all methods are no-panic.
#[derive(Clone)]
pub struct Store {
    storage: web_sys::Storage,
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
        (Some("QuotaExceededError"), _) => "lagringsutrymmet i webbläsaren är fullt".to_string(),
        (_, Some(m)) if !m.is_empty() => m,
        (Some(n), _) => n.to_string(),
        _ => "okänt fel".to_string(),
    }
}

impl Store {
    /// The browser's local storage, or the reason it cannot be used (e.g. blocked cookies).
    pub fn open() -> Result<Store, String> {
        let window = web_sys::window().ok_or("inget webbläsarfönster")?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(Store { storage }),
            Ok(None) => Err("webbläsaren har ingen lokal lagring".to_string()),
            Err(e) => Err(format!("lokal lagring är blockerad ({})", js_reason(&e))),
        }
    }

    /// Reads a key.
    pub fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.storage.get_item(key).map_err(|e| js_reason(&e))
    }

    /// Writes a key; a full storage gives `Err("lagringsutrymmet i webbläsaren är fullt")`.
    pub fn set(&self, key: &str, value: &str) -> Result<(), String> {
        self.storage.set_item(key, value).map_err(|e| js_reason(&e))
    }

    /// Removes a key.
    pub fn remove(&self, key: &str) -> Result<(), String> {
        self.storage.remove_item(key).map_err(|e| js_reason(&e))
    }

    /// Every key currently stored.
    pub fn keys(&self) -> Vec<String> {
        let n = self.storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .collect()
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

    /// Reads the index. An unreadable index is backed up and rebuilt from the stored plans.
    pub fn load_index(&self) -> (PlanIndex, Option<Unreadable>) {
        let text = match self.get(INDEX_KEY) {
            Ok(Some(t)) => t,
            Ok(None) => return (self.rebuild_index(), None),
            Err(reason) => {
                let problem = Unreadable {
                    key: INDEX_KEY.to_string(),
                    backup_key: None,
                    reason,
                    text: String::new(),
                };
                return (PlanIndex::default(), Some(problem));
            }
        };
        match serde_json::from_str::<PlanIndex>(&text) {
            Ok(index) => (index, None),
            Err(e) => {
                let backup_key = self.backup(&text).ok();
                let problem = Unreadable {
                    key: INDEX_KEY.to_string(),
                    backup_key,
                    reason: format!("planlistan är skadad ({e})"),
                    text,
                };
                (self.rebuild_index(), Some(problem))
            }
        }
    }

    /// An index listing every stored plan key (names from the plans that can be read).
    fn rebuild_index(&self) -> PlanIndex {
        let mut index = PlanIndex::default();
        let mut keys: Vec<String> = self
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(PLAN_PREFIX))
            .collect();
        keys.sort();
        for key in keys {
            let id = key.trim_start_matches(PLAN_PREFIX).to_string();
            let name = self
                .get(&key)
                .ok()
                .flatten()
                .and_then(|t| plan_from_json(&t).ok())
                .map(|p| p.settings.name)
                .unwrap_or_else(|| id.clone());
            index.plans.push(PlanEntry { id, name });
        }
        index.current = index.plans.first().map(|p| p.id.clone());
        index
    }

    /// Writes the index.
    pub fn save_index(&self, index: &PlanIndex) -> Result<(), String> {
        let text = serde_json::to_string(index).map_err(|e| e.to_string())?;
        self.set(INDEX_KEY, &text)
    }

    /// Loads plan `id`. Unreadable text is copied to a backup key (the original stays until the
    /// copy exists).
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

    /// Saves plan `id` as plan file JSON.
    pub fn save_plan(&self, id: &str, plan: &Plan) -> Result<(), String> {
        self.set(&plan_key(id), &plan_to_json(plan))
    }

    /// Removes plan `id`.
    pub fn remove_plan(&self, id: &str) -> Result<(), String> {
        self.remove(&plan_key(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_skip_listed_ones() {
        let mut index = PlanIndex {
            plans: vec![PlanEntry {
                id: "p7".into(),
                name: "x".into(),
            }],
            current: None,
            next: 2,
        };
        assert_eq!(index.fresh_id(), "p8");
        assert_eq!(index.fresh_id(), "p9");
    }

    #[test]
    fn index_round_trips() {
        let index = PlanIndex {
            plans: vec![PlanEntry {
                id: "p1".into(),
                name: "Plan".into(),
            }],
            current: Some("p1".into()),
            next: 2,
        };
        let text = serde_json::to_string(&index).unwrap();
        assert_eq!(serde_json::from_str::<PlanIndex>(&text).unwrap(), index);
    }
}
