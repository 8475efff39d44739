//! Test helpers shared by the tests of every file of the wizard: inputs from pairs, a run
//! in zh, and readers of the report (the allow-list, code blocks, messages, the level).

use super::evaluate;
use crate::locale::Locale;
use crate::wizard::{Block, Inputs, Level, Report, Section, Severity};

pub(super) fn inputs(pairs: &[(&str, &str)]) -> Inputs {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

pub(super) fn run(pairs: &[(&str, &str)]) -> Report {
    evaluate(&inputs(pairs), Locale::Zh)
}

/// The rows of the allow-list table.
pub(super) fn allow_list(r: &Report) -> Vec<Vec<String>> {
    match r.sections.first().and_then(|s| s.blocks.iter().find(|b| matches!(b, Block::Table { .. }))) {
        Some(Block::Table { rows, .. }) => rows.clone(),
        _ => Vec::new(),
    }
}

pub(super) fn cidrs(r: &Report) -> Vec<String> {
    allow_list(r).into_iter().map(|row| row[0].clone()).collect()
}

pub(super) fn section<'a>(r: &'a Report, title_zh: &str) -> Option<&'a Section> {
    r.sections.iter().find(|s| s.title == title_zh)
}

pub(super) fn codes(r: &Report, lang: &str) -> Vec<String> {
    r.sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| match b {
            Block::Command { lang: x, code } if x == lang => Some(code.clone()),
            _ => None,
        })
        .collect()
}

pub(super) fn has_msg(r: &Report, field: &str, severity: Severity, needle: &str) -> bool {
    r.for_field(field).any(|m| m.severity == severity && m.message.contains(needle))
}

pub(super) fn level(r: &Report) -> Option<Level> {
    r.verdict.as_ref().map(|v| v.level)
}

const BASE: &[(&str, &str)] = &[("kind", "ack"), ("vpc", "192.168.0.0/16"), ("clients", "203.0.113.7")];

pub(super) fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v: Vec<(&'a str, &'a str)> = BASE.to_vec();
    for (k, val) in extra {
        v.retain(|(x, _)| x != k);
        v.push((k, val));
    }
    v
}
