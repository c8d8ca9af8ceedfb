//! What a copied conversation holds besides what people said: the
//! clients' buttons and counters copied along ("Reply", "2 replies",
//! "View thread", a reaction and its count), and system lines (someone
//! joined, left, reacted, renamed the channel), which are no events of
//! the outage.

/// Words that close a message and say nothing: " (edited)".
pub fn without_marks(text: &str) -> &str {
    let mut t = text.trim_end();
    for mark in ["(edited)", "(Edited)", "(bearbeitet)", "Edited"] {
        if let Some(rest) = t.strip_suffix(mark) {
            // "Edited" alone at the end only after a space, as Teams adds it.
            if mark != "Edited" || rest.ends_with(' ') {
                t = rest.trim_end();
            }
        }
    }
    t
}

/// Lines a client copies along with the messages: buttons, counters,
/// thread links, attachment sizes, avatar texts, export banners.
pub fn is_noise(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    const EXACT: &[&str] = &[
        "reply",
        "replies",
        "add reaction",
        "edit",
        "forward",
        "more",
        "click to react",
        "collapse",
        "expand",
        "view thread",
        "view newer replies",
        "view older replies",
        "also sent to the channel",
        "this message was deleted.",
        "(edited)",
        "edited",
        "thread",
        "has context menu",
        "last read",
        "new",
        "new messages",
        "unread messages",
        "(gif image)",
        "{attachments}",
        "{reactions}",
        "{embed}",
        "{stickers}",
        "pinned",
        "replied to a thread:",
        "jump",
        "show more",
        "see more",
        "read more",
    ];
    if EXACT.contains(&lower.as_str()) {
        return true;
    }
    // ":+1:", ":white_check_mark:": a reaction alone; "2": its count.
    let emoji_code = |w: &str| {
        w.len() > 2
            && w.starts_with(':')
            && w.ends_with(':')
            && w[1..w.len() - 1].chars().all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
    };
    if !t.is_empty()
        && t.split_whitespace().all(|w| emoji_code(w) || w.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    // "👍" alone under a message: a reaction (its count follows).
    let pictographic = |c: char| (c as u32) >= 0x2190 && !c.is_alphanumeric();
    if t.chars().all(|c| pictographic(c) || c == ' ') {
        return true;
    }
    // "👍 (2)", "👍 2": a reaction's count, as exporters write it.
    if let Some(first) = t.chars().next().filter(|c| pictographic(*c)) {
        let rest = t[first.len_utf8()..].trim().trim_start_matches('\u{fe0f}').trim();
        let count = rest.trim_start_matches('(').trim_end_matches(')');
        if !count.is_empty() && count.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        // "1 reply", "12 replies", "3 new messages"
        [n, "reply" | "replies"] | [n, "new", "messages" | "message"] if is_number(n) => true,
        // "5 KB", "1.2 MB": an attachment's size.
        [n, "b" | "kb" | "mb" | "gb" | "bytes"] if is_number(n) => true,
        // "2 Like reactions.", "1 Heart reaction."
        [n, _, "reaction" | "reactions" | "reaction." | "reactions."] if is_number(n) => true,
        // "Exported 42 message(s)"
        ["exported", n, ..] if is_number(n) => true,
        _ => {
            lower.starts_with("last reply ")
                || lower.ends_with("view thread")
                || lower.starts_with("url preview for ")
                || lower.starts_with("begin reference,")
                || lower.starts_with("end reference")
                || lower.ends_with(" profile image")
                || lower.ends_with(", has an attachment.")
                || (lower.starts_with('(') && lower.ends_with("lines left)"))
                || lower.starts_with("(https://app.slack.com/services/")
                || (t.len() >= 5 && t.chars().all(|c| "=-_*~".contains(c)))
                || ["guild: ", "channel: ", "topic: ", "after: ", "before: "]
                    .iter()
                    .any(|p| lower.starts_with(p) && words.len() <= 8)
        }
    }
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// What a message's text says when it is a system line: someone joined
/// or left, was added, renamed something, reacted; an encryption notice.
/// `authored`: the text came after an author's name, so it is what that
/// person did ("joined the channel"); otherwise the name is in the text
/// ("Alice joined the room.").
pub fn is_system(text: &str, authored: bool) -> bool {
    let lower = text.trim().to_lowercase();
    if lower.is_empty() {
        return false;
    }
    const ANYWHERE: &[&str] = &[
        "end-to-end encrypted",
        "this message was deleted",
        "you deleted this message",
        "joined using this group's invite link",
        "security code changed",
        "security code with",
        "has joined the channel",
        "joined #",
        "left #",
        "has left the channel",
        "joined the channel",
        "left the channel",
        "joined the room",
        "left the room",
        "joined the call",
        "left the call",
        "set the channel topic",
        "set the channel description",
        "set the channel purpose",
        "changed the channel name",
        "changed their display name",
        "changed their profile picture",
        "changed the subject",
        "changed this group's",
        "changed the group",
        "created group",
        "created this group",
        "is now known as",
        "has been added to",
        "was added to",
        "were added to",
        "has quit",
        "has joined",
        "has left",
        "pinned a message",
        "unpinned a message",
        "started a call",
        "reacted to",
        "removed a",
    ];
    // Reactions as Zoom writes them: 'Reacted to "..." with 👋'.
    if lower.starts_with("reacted to ") || lower.starts_with("removed a ") {
        return true;
    }
    let words = lower.split_whitespace().count();
    if ANYWHERE.iter().any(|p| lower.contains(p)) && words <= 40 {
        return true;
    }
    if authored {
        return false;
    }
    // "Bob left", "You added Carol", "alice joined": one to four words
    // of names, then what they did.
    const DID: &[&str] = &[
        "joined", "left", "added", "removed", "invited", "kicked", "banned", "created", "renamed",
    ];
    let w: Vec<&str> = lower.split_whitespace().collect();
    words <= 12 && (1..=4).any(|k| w.get(k).is_some_and(|v| DID.contains(&v.trim_end_matches('.'))))
}

/// IRC and log clients' own lines: "-!- ", "*** ", "--> ", "<-- ", "-- ".
pub fn is_client_line(rest: &str) -> bool {
    let t = rest.trim_start();
    [
        "-!-",
        "***",
        "-->",
        "<--",
        "--",
        "* Joins:",
        "* Quits:",
        "* Parts:",
        "* Mode",
        "* Topic",
        "* Now talking",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_and_counters_are_noise() {
        for line in [
            "Reply",
            "2 replies",
            "1 reply",
            "View thread",
            "8 days agoView thread",
            "Last reply 2 months agoView thread",
            ":+1:",
            "2",
            ":eyes: :+1:",
            "5 KB",
            "👍 (2)",
            "2 Like reactions.",
            "Begin Reference, Outage by Jane Smith",
            "Has context menu",
            "(3 lines left)",
            "{Reactions}",
            "=========",
            "Exported 12 message(s)",
            "username1 profile image",
        ] {
            assert!(is_noise(line), "{line:?}");
        }
        for line in ["restarting the db", "2 nodes down", "Edit the config", "👍 looks good"] {
            assert!(!is_noise(line), "{line:?}");
        }
    }

    #[test]
    fn system_lines() {
        for (text, authored) in [
            ("has joined the channel", true),
            ("Alice joined the room.", false),
            ("Bob left", false),
            ("You added Carol", false),
            ("Messages and calls are end-to-end encrypted. No one outside of this chat can read them.", false),
            ("Reacted to \"db is down\" with 👍", true),
            ("alice is now known as alice_away", false),
        ] {
            assert!(is_system(text, authored), "{text:?}");
        }
        for (text, authored) in [
            ("left the config as it was", true),
            ("db01 left the cluster at 10:42 and we failed over to db02 while paging", false),
            ("rolling back now", true),
        ] {
            assert!(!is_system(text, authored), "{text:?}");
        }
    }

    #[test]
    fn edited_marks_go() {
        assert_eq!(without_marks("rolled back (edited)"), "rolled back");
        assert_eq!(without_marks("rolled back"), "rolled back");
    }
}
