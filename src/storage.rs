//! The browser's localStorage as a `drafts::KeyValue`.
//!
//! web-sys directly rather than gloo-storage: drafts must be read as raw
//! strings (a corrupt one is kept aside byte for byte, which a typed `get`
//! cannot do), and gloo's `raw()` panics where storage is disabled, while we
//! fall back to memory and tell the user.

use wasm_bindgen::JsCast;

use crate::drafts::{KeyValue, MemoryStore, SaveError};

pub enum Store {
    Local(web_sys::Storage),
    /// localStorage is unavailable (disabled, sandboxed frame...).
    Memory(MemoryStore),
}

impl Store {
    /// The page's localStorage, or memory with the reason it is not usable.
    pub fn open() -> (Store, Option<String>) {
        let storage = web_sys::window().ok_or("no window".to_string()).and_then(|w| {
            w.local_storage()
                .map_err(|e| js_message(&e))
                .and_then(|s| s.ok_or("localStorage is disabled".to_string()))
        });
        match storage {
            Ok(s) => (Store::Local(s), None),
            Err(why) => (Store::Memory(MemoryStore::default()), Some(why)),
        }
    }
}

fn js_message(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

impl KeyValue for Store {
    fn get(&self, key: &str) -> Option<String> {
        match self {
            Store::Local(s) => s.get_item(key).ok().flatten(),
            Store::Memory(m) => m.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), SaveError> {
        match self {
            Store::Local(s) => s.set_item(key, value).map_err(|e| {
                match e.dyn_ref::<web_sys::DomException>() {
                    // Browsers disagree on the name; 22 and 1014 are the legacy codes.
                    Some(d)
                        if d.name() == "QuotaExceededError"
                            || d.name() == "NS_ERROR_DOM_QUOTA_REACHED"
                            || d.code() == 22
                            || d.code() == 1014 =>
                    {
                        SaveError::Full
                    }
                    _ => SaveError::Unavailable(js_message(&e)),
                }
            }),
            Store::Memory(m) => m.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) {
        match self {
            Store::Local(s) => {
                let _ = s.remove_item(key);
            }
            Store::Memory(m) => m.remove(key),
        }
    }

    fn keys(&self) -> Vec<String> {
        match self {
            Store::Local(s) => {
                let len = s.length().unwrap_or(0);
                (0..len).filter_map(|i| s.key(i).ok().flatten()).collect()
            }
            Store::Memory(m) => m.keys(),
        }
    }
}

/// The browser's StorageManager, where it has one (not in every context:
/// it needs a secure one, which localhost is).
fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    (!has.is_undefined()).then(|| navigator.storage())
}

async fn boolean(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    let value = wasm_bindgen_futures::JsFuture::from(promise.ok()?).await.ok()?;
    value.as_bool()
}

/// Asks the browser to keep this site's storage until the user clears it,
/// rather than evict it when space runs low. Whether it agreed; `None`
/// where it cannot be asked.
pub async fn ask_to_persist() -> Option<bool> {
    boolean(manager()?.persist()).await
}

/// Whether the browser keeps this site's storage until the user clears it.
pub async fn persisted() -> Option<bool> {
    boolean(manager()?.persisted()).await
}

/// Bytes this site uses and may use, as the browser estimates them (all its
/// storage: the offline copy of the app counts too).
pub async fn estimate() -> Option<(u64, u64)> {
    let promise = manager()?.estimate().ok()?;
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let number =
        |name: &str| js_sys::Reflect::get(&value, &name.into()).ok()?.as_f64().map(|n| n as u64);
    Some((number("usage")?, number("quota")?))
}
