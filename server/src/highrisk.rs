//! The high-risk operations of ACK as structured data: `content/high-risk-operations.toml`,
//! one row per operation with its impact and recovery in every locale. The rows render as
//! tables on the `high-risk-operations` entry, one table per group, one anchor per row.

use app::locale::Locale;
use app::model::{urls, HighRiskGroup, HighRiskGroupView, HighRiskRow};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The entry whose page shows the tables.
pub const HIGH_RISK_ENTRY: &str = "high-risk-operations";
pub const FILE: &str = "high-risk-operations.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    operation: Vec<RawOperation>,
}

/// Every key besides these is a locale table (`[operation.ja]`), so unknown keys are
/// reported as unknown locales rather than by serde.
#[derive(Debug, Deserialize)]
struct RawOperation {
    key: String,
    group: String,
    #[serde(default)]
    entry: Option<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(flatten)]
    texts: BTreeMap<String, Texts>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub operation: String,
    pub impact: String,
    pub recovery: String,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub key: String,
    pub group: HighRiskGroup,
    pub entry: Option<String>,
    pub terms: Vec<String>,
    pub texts: BTreeMap<Locale, Texts>,
}

#[derive(Debug, Clone, Default)]
pub struct HighRiskTable {
    pub operations: Vec<Operation>,
}

impl HighRiskTable {
    /// Reads and checks the file. `entry_exists` answers whether an entry id exists.
    pub fn load(path: &Path, entry_exists: impl Fn(&str) -> bool) -> Result<HighRiskTable, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
        let file: File = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].lines().count().max(1));
            match line {
                Some(l) => format!("line {l}: {}", e.message()),
                None => e.message().to_owned(),
            }
        })?;
        let mut keys = HashSet::new();
        let mut operations = Vec::new();
        for raw in file.operation {
            let what = format!("operation `{}`", raw.key);
            if !keys.insert(raw.key.clone()) {
                return Err(format!("{what} appears twice"));
            }
            crate::ids::check_id(&raw.key).map_err(|e| format!("{what}: {e}"))?;
            let group = HighRiskGroup::from_id(&raw.group).ok_or_else(|| {
                let known: Vec<_> = HighRiskGroup::ALL.iter().map(|g| g.id()).collect();
                format!("{what}: unknown group `{}`; known: {}", raw.group, known.join(", "))
            })?;
            if let Some(e) = &raw.entry {
                if !entry_exists(e) {
                    return Err(format!("{what}: entry `{e}` does not exist"));
                }
            }
            let mut texts = BTreeMap::new();
            for (code, t) in raw.texts {
                let lang = Locale::from_code(&code)
                    .filter(|l| l.code() == code)
                    .ok_or_else(|| format!("{what}: unknown locale `{code}`"))?;
                if [&t.operation, &t.impact, &t.recovery].iter().any(|s| s.trim().is_empty()) {
                    return Err(format!("{what}: an empty cell in {code}"));
                }
                texts.insert(lang, t);
            }
            if let Some(missing) = Locale::ALL.into_iter().find(|l| !texts.contains_key(l)) {
                return Err(format!("{what}: missing in {missing}"));
            }
            operations.push(Operation { key: raw.key, group, entry: raw.entry, terms: raw.terms, texts });
        }
        Ok(HighRiskTable { operations })
    }

    /// The rows of one locale, grouped in the fixed group order, rows in file order.
    pub fn view(&self, lang: Locale) -> Vec<HighRiskGroupView> {
        HighRiskGroup::ALL
            .into_iter()
            .filter_map(|group| {
                let rows: Vec<HighRiskRow> = self
                    .operations
                    .iter()
                    .filter(|o| o.group == group)
                    .map(|o| {
                        let t = &o.texts[&lang];
                        HighRiskRow {
                            key: o.key.clone(),
                            operation: t.operation.clone(),
                            impact: t.impact.clone(),
                            recovery: t.recovery.clone(),
                            entry_url: o.entry.as_ref().map(|e| urls::entry(lang, e)),
                        }
                    })
                    .collect();
                (!rows.is_empty()).then(|| HighRiskGroupView { group, name: group.name(lang).to_owned(), rows })
            })
            .collect()
    }

    pub fn get(&self, key: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.key == key)
    }

    /// Where a row is shown: its anchor on the high-risk operations entry.
    pub fn url(lang: Locale, key: &str) -> String {
        format!("{}#op-{key}", urls::entry(lang, HIGH_RISK_ENTRY))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<HighRiskTable, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::fs::write(&path, text).unwrap();
        HighRiskTable::load(&path, |id| id == "known-entry")
    }

    fn row(key: &str, group: &str, entry: &str, locales: &[&str]) -> String {
        let mut s = format!("[[operation]]\nkey = \"{key}\"\ngroup = \"{group}\"\n{entry}");
        for l in locales {
            s.push_str(&format!("[operation.{l}]\noperation = \"o\"\nimpact = \"i\"\nrecovery = \"r\"\n"));
        }
        s
    }

    const ALL: &[&str] = &["zh", "zh-TW", "id", "ja"];

    #[test]
    fn checks_every_row() {
        let cases: Vec<(String, Option<&str>)> = vec![
            (row("a-row", "network", "", ALL), None),
            (row("a-row", "network", "entry = \"known-entry\"\n", ALL), None),
            (row("a-row", "weather", "", ALL), Some("unknown group `weather`")),
            (row("a-row", "network", "entry = \"ghost\"\n", ALL), Some("entry `ghost` does not exist")),
            (row("a-row", "network", "", &["zh", "zh-TW", "id"]), Some("missing in ja")),
            (row("a-row", "network", "", &["zh", "zh-TW", "id", "ja", "en"]), Some("unknown locale `en`")),
            (format!("{}{}", row("a-row", "network", "", ALL), row("a-row", "storage", "", ALL)), Some("appears twice")),
            ("[[operation]]\nkey = 1\n".into(), Some("line 2")),
        ];
        for (text, want) in cases {
            match (load(&text), want) {
                (Ok(_), None) => {}
                (Err(e), Some(w)) => assert!(e.contains(w), "expected `{w}` in `{e}`"),
                (got, want) => panic!("{text}\n=> {got:?}, wanted {want:?}"),
            }
        }
    }

    #[test]
    fn groups_rows_in_a_fixed_order() {
        let text = format!("{}{}{}", row("net-1", "network", "", ALL), row("cluster-1", "cluster", "", ALL), row("net-2", "network", "", ALL));
        let table = load(&text).unwrap();
        let view = table.view(Locale::Ja);
        let groups: Vec<_> = view.iter().map(|g| (g.group, g.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>())).collect();
        assert_eq!(groups, [(HighRiskGroup::Cluster, vec!["cluster-1"]), (HighRiskGroup::Network, vec!["net-1", "net-2"])]);
    }
}
