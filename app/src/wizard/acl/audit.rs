//! The audit of a pasted ACL: each required range allowed, allowed only by a too wide entry,
//! partly allowed or missing (a lock-out, named by who gets locked out); the entries no input
//! explains; what the commands must still add. Then the verdict on the whole.

use super::address::{broad_limit, is_open};
use super::allow_list::{Entry, Item, Reasons};
use super::current::Current;
use super::messages::{clip, list_sep};
use super::plan::Changes;
use super::MAX_PER_ACL;
use crate::locale::Locale;
use crate::wizard::{fill_template as fill, localized as t};
use crate::wizard::{Block, Level, Section, Verdict};
use ipnet::IpNet;

/// Rows of the audit table before the rest are summed up.
const MAX_AUDIT_ROWS: usize = 300;

/// One required range, for the audit: exact duplicates merged, nothing else.
struct Need {
    net: IpNet,
    reasons: Reasons,
}

enum Coverage {
    /// Allowed by these entries of the current ACL (empty: by several together).
    Allowed(Vec<String>),
    /// Allowed only thanks to 0.0.0.0/0 or overly broad entries.
    BroadOnly(Vec<String>),
    /// Partly allowed, by these entries.
    Partial(Vec<String>),
    Missing,
}

fn first_three(v: impl Iterator<Item = String>, l: Locale) -> String {
    let all: Vec<String> = v.collect();
    let mut s = all.iter().take(3).cloned().collect::<Vec<_>>().join(list_sep(l));
    if all.len() > 3 {
        s.push_str(t(l, " 等", " 等", " dll.", " など"));
    }
    s
}

/// What the audit found.
#[derive(Default)]
pub(super) struct Audit {
    /// The audit table and its notes, shown after the commands (`None`: no ACL was pasted).
    pub(super) section: Option<Section>,
    /// The required ranges the ACL does not allow: who needs each, and whether part of it is.
    pub(super) lockouts: Vec<(IpNet, Reasons, bool)>,
    /// Lines for the verdict.
    pub(super) details: Vec<String>,
    /// Something calls for a second look: an entry too wide, a range allowed only thanks to
    /// one, more entries than an ACL holds once the missing ones are added.
    pub(super) caution: bool,
}

/// Audits the pasted ACL against the required ranges. What the commands add shrinks to what
/// the ACL lacks; entries too wide or explained by no input are offered for removal.
pub(super) fn audit(cur: &[Current], items: &[Item], entries: &[Entry], changes: &mut Changes, l: Locale) -> Audit {
    let mut lockouts: Vec<(IpNet, Reasons, bool)> = Vec::new();
    let mut details: Vec<String> = Vec::new();
    let mut caution = false;

    let is_wide = |c: &Current| is_open(&c.net) || broad_limit(&c.net).is_some();
    let all: Vec<IpNet> = IpNet::aggregate(&cur.iter().map(|c| c.net).collect());
    let narrow: Vec<IpNet> = IpNet::aggregate(&cur.iter().filter(|c| !is_wide(c)).map(|c| c.net).collect());
    let covered = |set: &[IpNet], net: &IpNet| set.iter().any(|c| c.contains(net));

    // Each required range, exact duplicates merged.
    let mut needs: Vec<Need> = Vec::new();
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by_key(|i| (i.net, i.source as u8));
    for i in sorted {
        match needs.last_mut() {
            Some(n) if n.net == i.net => n.reasons.add(Reasons::of(i.source)),
            _ => needs.push(Need { net: i.net, reasons: Reasons::of(i.source) }),
        }
    }

    // A version the pasted ACL has no entry of lives in another ACL: not audited here.
    let has_v4 = cur.iter().any(|c| c.net.addr().is_ipv4());
    let has_v6 = cur.iter().any(|c| c.net.addr().is_ipv6());
    let audits = |n: &IpNet| if n.addr().is_ipv4() { has_v4 } else { has_v6 };
    let unaudited: Vec<&str> = [("IPv4", has_v4), ("IPv6", has_v6)]
        .into_iter()
        .filter(|(v, has)| !has && needs.iter().any(|n| n.net.addr().is_ipv4() == (*v == "IPv4")))
        .map(|(v, _)| v)
        .collect();
    needs.retain(|n| audits(&n.net));

    let mut rows: Vec<Vec<String>> = Vec::new();
    for need in &needs {
        let containers = || cur.iter().filter(|c| c.net.contains(&need.net)).map(|c| c.raw.clone());
        let coverage = if covered(&narrow, &need.net) {
            Coverage::Allowed(containers().collect())
        } else if covered(&all, &need.net) {
            Coverage::BroadOnly(containers().collect())
        } else {
            let parts: Vec<String> = cur.iter().filter(|c| need.net.contains(&c.net)).map(|c| c.raw.clone()).collect();
            if parts.is_empty() {
                Coverage::Missing
            } else {
                Coverage::Partial(parts)
            }
        };
        let consequences = || need.reasons.iter().map(|s| s.lockout(l)).collect::<Vec<_>>().join(" ");
        let finding = match &coverage {
            Coverage::Allowed(by) if by.is_empty() => t(l, "已放行（由多个条目合起来覆盖）", "已允許（由多筆項目合起來涵蓋）", "Diizinkan (dicakup beberapa entri bersama-sama)", "許可済み (複数のエントリで合わせてカバー)").to_owned(),
            Coverage::Allowed(by) => fill(t(l, "已放行（{by}）", "已允許（{by}）", "Diizinkan ({by})", "許可済み ({by})"), &[("by", &first_three(by.iter().cloned(), l))]),
            Coverage::BroadOnly(by) => fill(
                t(
                    l,
                    "只靠过宽的条目 {by} 放行。收紧那些条目之前，要先单独放行这个网段。",
                    "只靠範圍過大的項目 {by} 允許。收緊那些項目之前，要先另外允許這個網段。",
                    "Hanya diizinkan lewat entri yang terlalu luas ({by}). Sebelum entri itu dipersempit, izinkan blok ini secara tersendiri.",
                    "範囲が広すぎるエントリ {by} によってのみ許可されています。そのエントリを絞り込む前に、この CIDR を個別に許可してください。",
                ),
                &[("by", &first_three(by.iter().cloned(), l))],
            ),
            Coverage::Partial(by) => fill(
                t(l, "锁定风险：只放行了其中一部分（{by}）。{what}", "鎖定風險：只允許了其中一部分（{by}）。{what}", "Risiko terkunci: hanya sebagian yang diizinkan ({by}). {what}", "締め出しのリスク: 一部だけが許可されています ({by})。{what}"),
                &[("by", &first_three(by.iter().cloned(), l)), ("what", &consequences())],
            ),
            Coverage::Missing => fill(t(l, "锁定风险：未放行。{what}", "鎖定風險：未允許。{what}", "Risiko terkunci: tidak diizinkan. {what}", "締め出しのリスク: 許可されていません。{what}"), &[("what", &consequences())]),
        };
        match coverage {
            Coverage::Partial(_) => lockouts.push((need.net, need.reasons, true)),
            Coverage::Missing => lockouts.push((need.net, need.reasons, false)),
            Coverage::BroadOnly(_) => {
                caution = true;
                details.push(fill(
                    t(
                        l,
                        "{net}（{who}）目前只靠过宽的条目放行。",
                        "{net}（{who}）目前只靠範圍過大的項目允許。",
                        "{net} ({who}) saat ini hanya diizinkan lewat entri yang terlalu luas.",
                        "{net} ({who}) は現在、範囲が広すぎるエントリによってのみ許可されています。",
                    ),
                    &[("net", &need.net.to_string()), ("who", &need.reasons.who(l))],
                ));
            }
            Coverage::Allowed(_) => {}
        }
        rows.push(vec![need.net.to_string(), need.reasons.who(l), finding]);
    }

    // The entries of the current ACL that are too wide or that no input explains.
    let mut unexplained = 0usize;
    for c in cur {
        let explained = needs.iter().any(|n| n.net.contains(&c.net) || c.net.contains(&n.net));
        let required_itself = entries.iter().any(|e| e.net == c.net) || needs.iter().any(|n| n.net == c.net);
        let finding = if is_open(&c.net) {
            caution = true;
            Some(
                t(
                    l,
                    "放行所有地址：这个 ACL 实际上不限制任何来源。",
                    "允許所有位址：這個 ACL 實際上不限制任何來源。",
                    "Mengizinkan semua alamat: ACL ini sebenarnya tidak membatasi sumber apa pun.",
                    "すべてのアドレスを許可しています。この ACL は実質的にどの送信元も制限していません。",
                )
                .to_owned(),
            )
        } else if let Some(limit) = broad_limit(&c.net) {
            caution = true;
            Some(fill(
                t(
                    l,
                    "范围过大（前缀短于 /{limit}）。",
                    "範圍過大（前綴短於 /{limit}）。",
                    "Terlalu luas (prefiks lebih pendek dari /{limit}).",
                    "範囲が広すぎます (プレフィックスが /{limit} より短い)。",
                ),
                &[("limit", &limit.to_string())],
            ))
        } else if !explained {
            unexplained += 1;
            Some(t(
                l,
                "无法由你的输入解释：不属于上面任何一类来源。保留还是删除，由你决定。",
                "無法由你的輸入解釋：不屬於上面任何一類來源。保留或刪除由你決定。",
                "Tidak dijelaskan oleh masukan Anda: tidak termasuk sumber mana pun di atas. Dipertahankan atau dihapus, Anda yang memutuskan.",
                "入力内容からは説明できません (上のどの送信元にも当てはまりません)。残すか削除するかはご判断ください。",
            )
            .to_owned())
        } else {
            None
        };
        if let Some(f) = finding {
            if !required_itself {
                changes.remove.push((c.raw.clone(), String::new()));
            }
            let comment = if c.comment.is_empty() { "—".to_owned() } else { clip(&c.comment) };
            rows.push(vec![c.raw.clone(), comment, f]);
        }
    }
    if unexplained > 0 {
        details.push(fill(
            t(
                l,
                "现有 ACL 中有 {n} 个条目无法由你的输入解释，保留还是删除由你决定。",
                "現有 ACL 中有 {n} 筆項目無法由你的輸入解釋，保留或刪除由你決定。",
                "Ada {n} entri di ACL saat ini yang tidak dijelaskan oleh masukan Anda; dipertahankan atau dihapus, Anda yang memutuskan.",
                "現在の ACL には、入力内容から説明できないエントリが {n} 件あります。残すか削除するかはご判断ください。",
            ),
            &[("n", &unexplained.to_string())],
        ));
    }

    // What to add: what the ACL lacks, counting ranges allowed only by wide entries as
    // lacking, and never an entry that is already there (AclEntryExists).
    let lacks = |(e, _): &(String, String)| -> bool {
        let net: IpNet = match e.parse() {
            Ok(n) => n,
            Err(_) => return true,
        };
        !cur.iter().any(|c| c.net == net) && !covered(&narrow, &net)
    };
    if has_v4 {
        changes.add_v4.retain(|p| lacks(p));
    }
    if has_v6 {
        changes.add_v6.retain(|p| lacks(p));
    }
    let total = (cur.iter().filter(|c| c.net.addr().is_ipv4()).count() + changes.add_v4.len())
        .max(cur.iter().filter(|c| c.net.addr().is_ipv6()).count() + changes.add_v6.len());
    if total > MAX_PER_ACL {
        caution = true;
        details.push(fill(
            t(
                l,
                "添加之后 ACL 将有约 {n} 个条目，超过了上限 300。请先删除不需要的条目，或归并网段。",
                "新增之後 ACL 將有約 {n} 筆項目，超過上限 300。請先刪除不需要的項目，或歸併網段。",
                "Setelah penambahan, ACL akan berisi sekitar {n} entri, melebihi batas 300. Hapus dulu entri yang tidak perlu atau gabungkan bloknya.",
                "追加後の ACL は約 {n} 件になり、上限の 300 件を超えます。不要なエントリを先に削除するか、CIDR をまとめてください。",
            ),
            &[("n", &total.to_string())],
        ));
    }

    let mut blocks = Vec::new();
    let shown = rows.len().min(MAX_AUDIT_ROWS);
    let hidden = rows.len() - shown;
    rows.truncate(shown);
    blocks.push(Block::Table {
        headers: vec![
            t(l, "网段", "網段", "Blok CIDR", "CIDR").to_owned(),
            t(l, "谁需要它 / 备注", "誰需要它／備註", "Siapa yang membutuhkan / komentar", "必要とするもの / コメント")
                .to_owned(),
            t(l, "结论", "結論", "Temuan", "結果").to_owned(),
        ],
        rows,
    });
    for version in unaudited {
        blocks.push(Block::Text {
            text: fill(
                t(
                    l,
                    "粘贴的 ACL 里没有 {ver} 条目，所以 {ver} 网段没有核对：它们属于另一个 {ver} ACL，添加命令会把它们全部列上。",
                    "貼上的 ACL 裡沒有 {ver} 項目，所以 {ver} 網段沒有核對：它們屬於另一個 {ver} ACL，新增指令會把它們全部列上。",
                    "ACL yang ditempel tidak berisi entri {ver}, jadi blok {ver} tidak diaudit: blok itu milik ACL {ver} tersendiri, dan perintah penambahan mencantumkan semuanya.",
                    "貼り付けた ACL には {ver} のエントリがないため、{ver} の CIDR は確認していません。これらは別の {ver} ACL に属するもので、追加コマンドにはすべて含めています。",
                ),
                &[("ver", version)],
            ),
        });
    }
    if hidden > 0 {
        blocks.push(Block::Text {
            text: fill(
                t(
                    l,
                    "另有 {n} 行未列出。",
                    "另有 {n} 列未列出。",
                    "{n} baris lainnya tidak ditampilkan.",
                    "ほかに {n} 行あります (省略)。",
                ),
                &[("n", &hidden.to_string())],
            ),
        });
    }
    let section = Section {
        title: t(l, "现有 ACL 核对结果", "現有 ACL 核對結果", "Hasil audit ACL saat ini", "現在の ACL の確認結果")
            .to_owned(),
        blocks,
    };
    Audit { section: Some(section), lockouts, details, caution }
}

// ---------------------------------------------------------------------------------------------
// Verdict

/// The verdict: Blocked when the pasted ACL locks someone out, Caution when something calls
/// for a second look, else Ok. `n_entries`: the entries of the allow-list.
pub(super) fn verdict(
    lockouts: &[(IpNet, Reasons, bool)],
    details: Vec<String>,
    warnings: Vec<String>,
    caution: bool,
    audited: bool,
    n_entries: usize,
    l: Locale,
) -> Verdict {
    if !lockouts.is_empty() {
        let mut who = Reasons::default();
        for (_, r, _) in lockouts {
            who.add(*r);
        }
        let mut d: Vec<String> = lockouts
            .iter()
            .map(|(net, r, partial)| {
                let what = r.iter().map(|s| s.lockout(l)).collect::<Vec<_>>().join(" ");
                let template = if *partial {
                    t(
                        l,
                        "{net}（{who}）只放行了一部分：{what}",
                        "{net}（{who}）只允許了一部分：{what}",
                        "{net} ({who}) hanya sebagian diizinkan: {what}",
                        "{net} ({who}) は一部しか許可されていません: {what}",
                    )
                } else {
                    t(
                        l,
                        "{net}（{who}）未放行：{what}",
                        "{net}（{who}）未允許：{what}",
                        "{net} ({who}) tidak diizinkan: {what}",
                        "{net} ({who}) が許可されていません: {what}",
                    )
                };
                fill(template, &[("net", &net.to_string()), ("who", &r.who(l)), ("what", &what)])
            })
            .collect();
        d.extend(details);
        d.extend(warnings);
        Verdict {
            level: Level::Blocked,
            headline: fill(
                t(
                    l,
                    "现有 ACL 会把这些来源挡在外面：{who}",
                    "現有 ACL 會把這些來源擋在外面：{who}",
                    "ACL saat ini akan memblokir: {who}",
                    "現在の ACL では次のアクセスが遮断されます: {who}",
                ),
                &[("who", &who.who(l))],
            ),
            details: d,
        }
    } else if caution {
        let headline = if audited {
            t(
                l,
                "现有 ACL 放行了所有必需的网段，但有需要留意的地方",
                "現有 ACL 允許了所有必要的網段，但有需要留意的地方",
                "ACL saat ini mengizinkan semua blok yang wajib, tetapi ada hal yang perlu diperhatikan",
                "現在の ACL は必要な CIDR をすべて許可していますが、注意点があります",
            )
            .to_owned()
        } else {
            fill(
                t(
                    l,
                    "放行列表已生成（{n} 个条目），但有需要留意的地方",
                    "允許清單已產生（{n} 筆項目），但有需要留意的地方",
                    "Daftar sudah disusun ({n} entri), tetapi ada hal yang perlu diperhatikan",
                    "許可リストを作成しました ({n} 件) が、注意点があります",
                ),
                &[("n", &n_entries.to_string())],
            )
        };
        let mut d = details;
        d.extend(warnings);
        Verdict { level: Level::Caution, headline, details: d }
    } else {
        let headline = if audited {
            t(
                l,
                "现有 ACL 已放行全部必需的网段",
                "現有 ACL 已允許全部必要的網段",
                "ACL saat ini sudah mengizinkan semua blok yang wajib",
                "現在の ACL は必要な CIDR をすべて許可しています",
            )
            .to_owned()
        } else {
            fill(
                t(
                    l,
                    "放行列表已生成：{n} 个条目",
                    "允許清單已產生：{n} 筆項目",
                    "Daftar sudah disusun: {n} entri",
                    "許可リストを作成しました: {n} 件",
                ),
                &[("n", &n_entries.to_string())],
            )
        };
        Verdict { level: Level::Ok, headline, details }
    }
}

#[cfg(test)]
mod tests {
    use crate::wizard::acl::testutil::{codes, level, run, section, with};
    use crate::wizard::{Block, Level};

    #[test]
    fn lockout_details_name_the_consequence() {
        let cases: &[(&str, &str)] = &[
            ("192.168.0.0/16\n203.0.113.7", "控制台查看集群信息失败"),
            ("100.104.0.0/16\n203.0.113.7", "NotReady"),
            ("100.104.0.0/16\n192.168.0.0/16", "超时"),
        ];
        for (current, needle) in cases {
            let r = run(&with(&[("current", current)]));
            let v = r.verdict.expect("verdict");
            assert!(v.details.iter().any(|d| d.contains(needle)), "{current}: {:?}", v.details);
        }
    }

    #[test]
    fn audit_of_an_ipv4_acl_adds_every_ipv6_range() {
        let r = run(&with(&[
            ("clients", "203.0.113.7\n2408:4000::/32"),
            ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
        ]));
        let bash = codes(&r, "bash").join("\n");
        let add: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(add.len(), 1, "{bash}");
        assert!(add[0].contains("<IPV6_ACL_ID>") && add[0].contains("2408:4000::/32"));
        let audit = section(&r, "现有 ACL 核对结果").expect("audit section");
        assert!(audit.blocks.iter().any(|b| matches!(b, Block::Text { text } if text.contains("IPv6 网段没有核对"))));
    }

    #[test]
    fn audit_adds_only_what_is_missing() {
        let r = run(&with(&[("current", "100.104.0.0/16\n203.0.113.7")]));
        let bash = codes(&r, "bash").join("\n");
        let add: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(add.len(), 1);
        assert!(
            add[0].contains("192.168.0.0/16") && !add[0].contains("100.104.0.0/16") && !add[0].contains("203.0.113.7"),
            "{}",
            add[0]
        );
    }

    #[test]
    fn audit_with_nothing_missing_adds_nothing() {
        let r = run(&with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7")]));
        assert!(!codes(&r, "bash").join("\n").contains("AddAccessControlListEntry"));
    }

    #[test]
    fn audit_lists_unexplained_entries_and_offers_their_removal() {
        let r = run(&with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7\n198.18.0.0/15 old-vpn")]));
        assert_eq!(level(&r), Some(Level::Ok));
        let audit = section(&r, "现有 ACL 核对结果").expect("audit section");
        let rows = match &audit.blocks[0] {
            Block::Table { rows, .. } => rows.clone(),
            b => panic!("{b:?}"),
        };
        let row = rows.iter().find(|r| r[0] == "198.18.0.0/15").expect("row");
        assert_eq!(row[1], "old-vpn");
        assert!(row[2].contains("无法由你的输入解释"));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("RemoveAccessControlListEntry") && bash.contains("198.18.0.0/15"));
        assert!(r.verdict.unwrap().details.iter().any(|d| d.contains("1 个条目")));
    }

    #[test]
    fn audit_with_open_acl_adds_narrow_entries_before_removal() {
        let r = run(&with(&[("current", "0.0.0.0/0")]));
        assert_eq!(level(&r), Some(Level::Caution));
        let bash = codes(&r, "bash").join("\n");
        let add = bash.lines().find(|l| l.contains("AddAccessControlListEntry")).expect("add");
        for c in ["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"] {
            assert!(add.contains(c), "{add}");
        }
        let remove = bash.lines().find(|l| l.contains("RemoveAccessControlListEntry")).expect("remove");
        assert!(remove.contains("0.0.0.0/0"));
    }

    #[test]
    fn audit_never_offers_to_remove_a_required_entry() {
        let r = run(&with(&[("clients", "0.0.0.0/0"), ("current", "0.0.0.0/0")]));
        assert!(!codes(&r, "bash").join("\n").contains("RemoveAccessControlListEntry"));
    }
}
