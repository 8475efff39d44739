//! The message catalogs: every user-visible sentence of the wizards and the interface, by key.
//!
//! The texts live in `app/locales/<locale>/<catalog>.toml`, one flat `key = "text"` table per
//! locale and catalog (see `docs/TRANSLATING.md`). They are embedded in the binary and parsed
//! on first use. A message is named `"<catalog>.<key>"`, for example `"acl.step-networks"`.
//!
//! Code names a message with [`tr!`], with the key as a string literal and the template's
//! `{name}` placeholders as named arguments:
//!
//! ```ignore
//! tr!(l, "acl.step-networks")                          // &'static str
//! tr!(l, "acl.audit-allowed-by", by = first_three(v))  // String, `{by}` filled
//! tr!(l, "acl.entry-too-broad", tok, limit)            // `tok = tok, limit = limit`
//! ```
//!
//! The tests of this module read the catalogs and the sources: every locale has the same keys
//! with the same placeholders, every key used in the code exists, every key is used, and the
//! arguments at each [`tr!`] are the key's placeholders.

use crate::locale::Locale;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The catalogs, by name: one file per locale each.
pub const CATALOGS: &[&str] = &["ui", "wizard", "acl", "runtime", "diagnostics", "check", "portal"];

/// The text of every catalog file, embedded: `(locale, catalog, TOML)`.
macro_rules! sources {
    ($($catalog:literal),+) => {
        &[$(
            (Locale::Zh, $catalog, include_str!(concat!("../locales/zh/", $catalog, ".toml"))),
            (Locale::ZhTw, $catalog, include_str!(concat!("../locales/zh-TW/", $catalog, ".toml"))),
            (Locale::Id, $catalog, include_str!(concat!("../locales/id/", $catalog, ".toml"))),
            (Locale::Ja, $catalog, include_str!(concat!("../locales/ja/", $catalog, ".toml"))),
        )+]
    };
}

const SOURCES: &[(Locale, &str, &str)] = sources!("ui", "wizard", "acl", "runtime", "diagnostics", "check");
/// The staff portal's words exist only on the server.
#[cfg(feature = "ssr")]
const SERVER_SOURCES: &[(Locale, &str, &str)] = sources!("portal");
#[cfg(not(feature = "ssr"))]
const SERVER_SOURCES: &[(Locale, &str, &str)] = &[];

/// Names a message by its literal key, filling its `{name}` placeholders with the named
/// arguments (any `Display` value; `name` alone means `name = name`).
///
/// Without arguments it is the `&'static str` of [`text`]; with arguments, a `String`.
macro_rules! tr {
    (@arg $name:ident) => {
        ::std::string::ToString::to_string(&$name)
    };
    (@arg $name:ident = $value:expr) => {
        ::std::string::ToString::to_string(&$value)
    };
    ($l:expr, $key:literal $(,)?) => {
        $crate::catalog::text($l, $key)
    };
    ($l:expr, $key:literal, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::catalog::fill(
            $crate::catalog::text($l, $key),
            &[$((stringify!($name), $crate::catalog::tr!(@arg $name $(= $value)?).as_str())),+],
        )
    };
}
pub(crate) use tr;

/// One locale's messages: `"<catalog>.<key>"` → text.
type Messages = HashMap<String, &'static str>;

/// The position of a locale in [`Locale::ALL`].
pub(crate) const fn index(l: Locale) -> usize {
    match l {
        Locale::Zh => 0,
        Locale::ZhTw => 1,
        Locale::Id => 2,
        Locale::Ja => 3,
    }
}

fn messages(l: Locale) -> &'static Messages {
    static ALL: OnceLock<[Messages; 4]> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut all: [Messages; 4] = Default::default();
        for (locale, catalog, source) in SOURCES.iter().chain(SERVER_SOURCES) {
            // A broken file is caught by the tests; at run time its keys are just missing.
            let table = parse(source).unwrap_or_default();
            let into = &mut all[index(*locale)];
            for (key, text) in table {
                into.insert(format!("{catalog}.{key}"), &*Box::leak(text.into_boxed_str()));
            }
        }
        all
    });
    &all[index(l)]
}

/// The message `"<catalog>.<key>"` in a locale, if the catalog has it.
pub fn lookup(l: Locale, key: &str) -> Option<&'static str> {
    messages(l).get(key).copied()
}

/// The message `"<catalog>.<key>"` in a locale, placeholders unfilled. A key that the catalog
/// lacks (the tests prevent it) gives the key itself, and fails debug builds.
pub fn text(l: Locale, key: &'static str) -> &'static str {
    match lookup(l, key) {
        Some(text) => text,
        None => {
            debug_assert!(false, "no message {key:?} in the {l} catalogs");
            key
        }
    }
}

/// The text of a table field (see [`string_table!`]): field `a_b` is the key `<catalog>.a-b`.
pub fn field_text(l: Locale, catalog: &str, field: &str) -> &'static str {
    let key = format!("{catalog}.{}", field.replace('_', "-"));
    match lookup(l, &key) {
        Some(text) => text,
        None => {
            debug_assert!(false, "no message {key:?} in the {l} catalogs");
            Box::leak(key.into_boxed_str())
        }
    }
}

/// Declares a struct of `&'static str` fields, one per message of a catalog: field `a_b` holds
/// the message `<catalog>.a-b`. The struct gets `FIELDS` (the field names) and
/// `get(l) -> &'static Self`, built from the catalog on first use.
macro_rules! string_table {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $catalog:literal {
            $( $(#[$field_meta:meta])* $field:ident, )+
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* pub $field: &'static str, )+
        }

        impl $name {
            /// The fields, in order: field `a_b` is the message `<catalog>.a-b`.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),+];

            pub fn get(l: $crate::locale::Locale) -> &'static $name {
                static ALL: ::std::sync::OnceLock<[$name; 4]> = ::std::sync::OnceLock::new();
                let all = ALL.get_or_init(|| {
                    $crate::locale::Locale::ALL.map(|l| $name {
                        $( $field: $crate::catalog::field_text(l, $catalog, stringify!($field)), )+
                    })
                });
                &all[$crate::catalog::index(l)]
            }
        }
    };
}
pub(crate) use string_table;

/// Parses one catalog file: a flat table of strings.
pub fn parse(source: &str) -> Result<BTreeMap<String, String>, String> {
    toml::from_str(source).map_err(|e| e.to_string())
}

/// Fills `{name}` placeholders of a template in one pass over the template, so that a value
/// containing `{n}` (a query, say) is never expanded again. Unknown placeholders stay as
/// they are.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + pairs.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| pairs.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, *v)));
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template (names of letters, digits and `_`).
pub fn placeholders(template: &str) -> std::collections::BTreeSet<&str> {
    let mut out = std::collections::BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
