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

/// Things dropped per idle turn by `drop_when_idle`.
const DROPPED_PER_TURN: usize = 50;

/// Drops `things` a few at a time when the browser is idle: what a view
/// that went leaves behind (each row's DOM handles and event listeners),
/// already off the page, whose dropping would otherwise be paid by the
/// action that replaced it. Their reactive parts go with their owner, at once.
pub fn drop_when_idle<T: 'static>(mut things: Vec<T>) {
    if things.is_empty() {
        return;
    }
    idle(
        move || {
            let keep = things.len().saturating_sub(DROPPED_PER_TURN);
            drop(things.split_off(keep));
            drop_when_idle(things);
        },
        1000,
    );
}
