//! Kubernetes versions as the user writes them: `1.22`, `v1.22.15`, `1.22.15-aliyun.1`.

/// A Kubernetes version 1.minor[.patch]; the major is always 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Version {
    pub(super) minor: u32,
    patch: Option<u32>,
}

impl Version {
    /// `1.22`: the runtime rules only depend on the minor version.
    pub(super) fn short(self) -> String {
        format!("1.{}", self.minor)
    }

    pub(super) fn full(self) -> String {
        match self.patch {
            Some(p) => format!("1.{}.{}", self.minor, p),
            None => self.short(),
        }
    }

    /// Whether `self` is older than `other` (patches compared only when both are given).
    pub(super) fn older_than(self, other: Version) -> bool {
        self.minor < other.minor
            || (self.minor == other.minor && matches!((self.patch, other.patch), (Some(a), Some(b)) if a < b))
    }
}

/// Accepts `1.22`, `v1.22.15`, `1.22.15-aliyun.1` (and a `+build` suffix).
pub(super) fn parse_version(s: &str) -> Option<Version> {
    let s = s.trim();
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    let (core, suffix) = match s.find(['-', '+']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if let Some(sfx) = suffix {
        if sfx.is_empty() || !sfx.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_')) {
            return None;
        }
    }
    let parts: Vec<&str> = core.split('.').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let num = |p: &str| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            p.parse().ok()
        }
    };
    if num(parts[0])? != 1 {
        return None;
    }
    let minor = num(parts[1])?;
    let patch = match parts.get(2) {
        Some(p) => Some(num(p)?),
        None => None,
    };
    Some(Version { minor, patch })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_in_every_accepted_form() {
        for (s, minor, patch) in [
            ("1.22", 22, None),
            ("v1.22.15", 22, Some(15)),
            ("V1.24.6", 24, Some(6)),
            ("1.22.15-aliyun.1", 22, Some(15)),
            (" 1.30.1-aliyun.1 ", 30, Some(1)),
            ("1.28.3+build.7", 28, Some(3)),
        ] {
            assert_eq!(parse_version(s), Some(Version { minor, patch }), "{s}");
        }
        for s in [
            "",
            "1",
            "1.",
            "1.x",
            "2.0",
            "0.22",
            "1.22.15.4",
            "v",
            "vv1.22",
            "1.22-",
            "1.22.15-ali yun",
            "１.２２",
            "1.-22",
            "1.99999",
        ] {
            assert_eq!(parse_version(s), None, "{s}");
        }
    }
}
