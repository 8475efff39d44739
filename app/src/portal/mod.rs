//! The internal support portal (`/{lang}/support`): its roles, what its pages show, and
//! the pages themselves. Server-rendered only: the portal works without JavaScript and
//! none of it ships in the WebAssembly.

pub mod dashboard;
pub mod feedback;
pub mod gaps;
pub mod health;
pub mod text;
pub mod views;

use serde::{Deserialize, Serialize};

/// What a signed-in person may do. Each role can do everything the one before it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything in the portal.
    Viewer,
    /// Also triages the queues and the feedback.
    Editor,
    /// Also manages accounts and settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Editor, Role::Admin];

    pub fn id(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether this role may do what `needed` may.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

/// The signed-in person, as the portal's pages see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    pub email: String,
    pub role: Role,
    /// The session's form token: every portal form carries it.
    pub csrf: String,
}

/// Who may use a portal address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Signing in: open to anyone.
    Public,
    /// A signed-in person with at least this role.
    Role(Role),
}

/// The access rule of a portal request: `rest` is the path after `/{lang}/support`
/// (empty for the dashboard). Reading needs a viewer; changing the queues and feedback an
/// editor; accounts an admin.
pub fn access(post: bool, rest: &str) -> Access {
    let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
    match (post, first) {
        (_, "signin" | "sso" | "oidc") => Access::Public,
        (_, "users") => Access::Role(Role::Admin),
        (true, "signout") => Access::Role(Role::Viewer),
        (true, "gaps" | "feedback") => Access::Role(Role::Editor),
        (true, _) => Access::Role(Role::Admin),
        (false, _) => Access::Role(Role::Viewer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_portal_address_has_its_role() {
        let v = Access::Role(Role::Viewer);
        let e = Access::Role(Role::Editor);
        let a = Access::Role(Role::Admin);
        let cases = [
            (false, "", v),
            (false, "/signin", Access::Public),
            (true, "/signin", Access::Public),
            (true, "/sso", Access::Public),
            (false, "/oidc/callback", Access::Public),
            (true, "/signout", v),
            (false, "/runs", v),
            (false, "/runs/abc", v),
            (false, "/gaps", v),
            (true, "/gaps/triage", e),
            (false, "/gaps/export", v),
            (true, "/feedback/comments", e),
            (false, "/users", a),
            (true, "/users/role", a),
            (true, "/runs", a),
            (false, "/health", v),
        ];
        for (post, rest, want) in cases {
            assert_eq!(access(post, rest), want, "{post} {rest}");
        }
    }

    #[test]
    fn roles_nest_and_parse() {
        assert!(Role::Admin.allows(Role::Editor) && Role::Editor.allows(Role::Viewer) && Role::Viewer.allows(Role::Viewer));
        assert!(!Role::Viewer.allows(Role::Editor) && !Role::Editor.allows(Role::Admin));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.id()), Some(r));
        }
        assert_eq!(Role::parse(" Admin "), Some(Role::Admin));
        assert_eq!(Role::parse("root"), None);
    }
}
