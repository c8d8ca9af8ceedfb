//! The colour scheme: the system's, or light or dark as chosen, remembered
//! in this browser. (index.html applies the remembered one before the app
//! loads, so a dark page never flashes white.)

use leptos::prelude::*;

use crate::drafts::KeyValue;
use crate::storage::Store;

/// Where the choice is kept (outside the drafts' keys).
const THEME_KEY: &str = "postmortem/theme";

fn apply(theme: &str) {
    let Some(root) = document().document_element() else { return };
    let _ = match theme {
        "light" | "dark" => root.set_attribute("data-theme", theme),
        _ => root.remove_attribute("data-theme"),
    };
}

/// A "Theme" switch: System, Light or Dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let (store, _) = Store::open();
    let chosen = store.get(THEME_KEY).unwrap_or_else(|| "system".into());
    apply(&chosen);
    let on_change = move |ev: leptos::ev::Event| {
        let theme = event_target_value(&ev);
        apply(&theme);
        let (mut store, _) = Store::open();
        // Not remembered where storage is refused: the page still switches.
        let _ = store.set(THEME_KEY, &theme);
    };
    view! {
        <label class="theme" for="theme">"Theme"</label>
        <select id="theme" on:change=on_change>
            {["system", "light", "dark"].map(|value| {
                let label = match value {
                    "light" => "Light",
                    "dark" => "Dark",
                    _ => "System",
                };
                view! { <option value=value selected=value == chosen>{label}</option> }
            })}
        </select>
    }
}
