//! Helpers shared by the diagnostics wizard's tests: inputs from pairs, and every command,
//! check and output of a report.

use crate::wizard::{Block, Inputs, Report};

pub(super) fn inputs(pairs: &[(&str, &str)]) -> Inputs {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// Every code (commands, checks, outputs) of a report.
pub(super) fn codes(r: &Report) -> Vec<String> {
    r.sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| match b {
            Block::Command { code, .. } | Block::Check { code, .. } | Block::Output { code } => Some(code.clone()),
            _ => None,
        })
        .collect()
}
