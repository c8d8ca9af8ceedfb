//! Work the page puts off until the browser has nothing better to do.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs `f` when the browser is next idle, or after `within_ms` at the
/// latest (at once where there is no requestIdleCallback).
pub fn idle(f: impl FnOnce() + 'static, within_ms: i32) {
    let Some(window) = web_sys::window() else { return f() };
    let has_idle = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if !has_idle {
        return f();
    }
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(within_ms.max(1) as u32);
    let callback = Closure::once_into_js(f);
    let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
}
