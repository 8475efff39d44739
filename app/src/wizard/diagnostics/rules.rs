//! The diagnostics wizard's rules: which fields are asked, how the choices are read, and
//! `evaluate`, which checks the inputs, puts the messages in step order and picks the
//! report (the managed control plane, a node's plan, or incomplete).

use super::output::{output_messages, scan_output, Os};
use super::plan::{managed_master_report, node_report, Plan};
use super::region::check_region;
use super::words::{join, quote};
use super::{CLUSTER_TYPES, OSES, ROLES, STEPS};
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{
    message, missing_required, value, FieldMessage, Inputs, Report, Severity,
    WizardId,
};

/// The option of a Choice field that the input names (ASCII case ignored), if any.
fn choice(inputs: &Inputs, field: &str, options: &'static [&'static str]) -> Option<&'static str> {
    let v = value(inputs, field)?;
    options.iter().copied().find(|o| o.eq_ignore_ascii_case(v))
}

/// The control plane of a managed cluster: nothing to run on a node, so the node questions
/// and the script's output are not asked.
fn managed_master(inputs: &Inputs) -> bool {
    choice(inputs, "cluster_type", CLUSTER_TYPES) == Some("managed") && choice(inputs, "role", ROLES) == Some("master")
}

pub fn applies(field: &str, inputs: &Inputs) -> bool {
    match field {
        "cluster_type" | "role" => true,
        "os" | "region" | "output" => !managed_master(inputs),
        _ => false,
    }
}

/// A Choice field's option, or an error message when the value is not one of them.
fn checked_choice(
    inputs: &Inputs,
    field: &str,
    options: &'static [&'static str],
    l: Locale,
    msgs: &mut Vec<FieldMessage>,
) -> Option<&'static str> {
    let raw = value(inputs, field)?;
    let found = choice(inputs, field, options);
    if found.is_none() {
        let opts = join(options, l);
        msgs.push(message(field, Severity::Error, tr!(l, "diagnostics.choice-invalid", v = quote(raw), opts)));
    }
    found
}

pub fn evaluate(inputs: &Inputs, l: Locale) -> Report {
    let mut msgs = missing_required(WizardId::Diagnostics, inputs, l);
    let cluster_type = checked_choice(inputs, "cluster_type", CLUSTER_TYPES, l, &mut msgs);
    let role = checked_choice(inputs, "role", ROLES, l, &mut msgs);

    let mut os = None;
    if applies("os", inputs) {
        os = checked_choice(inputs, "os", OSES, l, &mut msgs).and_then(Os::parse);
        if os == Some(Os::Windows) && role == Some("master") {
            let text = tr!(l, "diagnostics.windows-master");
            msgs.push(message("os", Severity::Error, text));
        }
    }

    let mut region = None;
    if applies("region", inputs) {
        if let Some(raw) = value(inputs, "region") {
            region = check_region(raw, os.map(|o| if o == Os::Linux { "linux" } else { "windows" }), l, &mut msgs);
        }
    }

    let mut archive = None;
    if applies("output", inputs) {
        if let (Some(os), Some(text)) = (os, value(inputs, "output")) {
            let found = scan_output(text, os);
            output_messages(&found, os, l, &mut msgs);
            archive = Some(found);
        }
    }

    // In step order (stable: each field's messages keep their order).
    let order: Vec<&str> = STEPS.iter().flat_map(|s| s.fields.iter().map(|f| f.name)).collect();
    msgs.sort_by_key(|m| order.iter().position(|f| *f == m.field).unwrap_or(order.len()));

    if msgs.iter().any(|m| m.severity == Severity::Error) {
        return Report::incomplete(msgs);
    }
    match (cluster_type, role) {
        (Some("managed"), Some("master")) => managed_master_report(msgs, l),
        (Some(cluster_type), Some(role)) => match (os, region) {
            (Some(os), Some(region)) => {
                let plan = Plan { dedicated: cluster_type == "dedicated", master: role == "master", os, region };
                node_report(&plan, archive.as_ref(), msgs, l)
            }
            _ => Report::incomplete(msgs),
        },
        _ => Report::incomplete(msgs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::diagnostics::testutil::{codes, inputs};
    use crate::wizard::Level;

    fn all_text(r: &Report) -> String {
        let mut out = serde_json::to_string(r).unwrap();
        out.push_str(&r.messages.iter().map(|m| m.message.as_str()).collect::<Vec<_>>().join("\n"));
        out
    }

    struct Case {
        name: &'static str,
        inputs: &'static [(&'static str, &'static str)],
        complete: bool,
        level: Option<Level>,
        /// (field, severity, substring of the message in zh)
        messages: &'static [(&'static str, Severity, &'static str)],
        /// substrings that some command, check or output must contain
        code: &'static [&'static str],
        /// substrings that no command, check or output may contain
        no_code: &'static [&'static str],
    }

    const LINUX_URL: &str = "https://aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/public/diagnose/diagnose_k8s.sh";

    const CASES: &[Case] = &[
        Case {
            name: "managed_worker_linux_gets_the_hangzhou_script_and_kubelet_checks",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-beijing")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-hangzhou")],
            code: &[
                LINUX_URL,
                "curl -o /usr/local/bin/diagnose_k8s.sh",
                "chmod u+x /usr/local/bin/diagnose_k8s.sh",
                "cd /usr/local/bin",
                "diagnose_k8s.sh",
                "kubectl get nodes",
                "kubectl describe node <NODE_NAME>",
                "kubectl get pods -n kube-system",
                "kubectl logs -f <POD_NAME> -n kube-system",
                "systemctl status kubelet",
                "journalctl -u kubelet",
                "ls -ltr | grep diagnose_<TIMESTAMP>.tar.gz",
            ],
            no_code: &["cn-beijing", "Invoke-WebRequest"],
        },
        Case {
            name: "managed_worker_linux_in_hangzhou_has_no_region_remark",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &[LINUX_URL],
            no_code: &["Invoke-WebRequest"],
        },
        Case {
            name: "managed_worker_windows_script_comes_from_the_cluster_region",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-beijing")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &[
                "Invoke-WebRequest -UseBasicParsing -Uri https://aliacs-k8s-cn-beijing.oss-cn-beijing.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1 | Invoke-Expression",
                "powershell",
                "INFO: Please get diagnoses_1514939155.zip for diagnostics",
                "Get-ChildItem diagnoses_*.zip",
                "kubectl get nodes",
            ],
            no_code: &["systemctl", "journalctl", "diagnose_k8s.sh", "cn-hangzhou"],
        },
        Case {
            name: "managed_master_linux_is_blocked_and_points_to_cluster_diagnosis",
            inputs: &[("cluster_type", "managed"), ("role", "master"), ("os", "linux"), ("region", "cn-hangzhou")],
            complete: true,
            level: Some(Level::Blocked),
            messages: &[],
            code: &["kubectl get nodes", "kubectl get pods -n kube-system"],
            no_code: &["diagnose_k8s.sh", "Invoke-WebRequest", "systemctl", "journalctl"],
        },
        Case {
            name: "managed_master_needs_neither_os_nor_region",
            inputs: &[("cluster_type", "managed"), ("role", "master")],
            complete: true,
            level: Some(Level::Blocked),
            messages: &[],
            code: &["kubectl get nodes"],
            no_code: &["curl", "Invoke-WebRequest"],
        },
        Case {
            name: "managed_master_ignores_windows_and_a_bad_region",
            inputs: &[("cluster_type", "managed"), ("role", "master"), ("os", "windows"), ("region", "$(whoami)"), ("output", "garbage")],
            complete: true,
            level: Some(Level::Blocked),
            messages: &[],
            code: &[],
            no_code: &["whoami", "Invoke-WebRequest"],
        },
        Case {
            name: "dedicated_master_linux_runs_the_script_over_ssh",
            inputs: &[("cluster_type", "dedicated"), ("role", "master"), ("os", "linux"), ("region", "cn-shanghai")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-hangzhou")],
            code: &[LINUX_URL, "chmod u+x /usr/local/bin/diagnose_k8s.sh", "systemctl status kubelet"],
            no_code: &["Invoke-WebRequest"],
        },
        Case {
            name: "dedicated_master_windows_is_an_error_on_os",
            inputs: &[("cluster_type", "dedicated"), ("role", "master"), ("os", "windows"), ("region", "cn-shanghai")],
            complete: false,
            level: None,
            messages: &[("os", Severity::Error, "Windows 只能作为 Worker 节点")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "dedicated_worker_windows_uses_the_region_in_the_url",
            inputs: &[("cluster_type", "dedicated"), ("role", "worker"), ("os", "windows"), ("region", "ap-southeast-1")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &["https://aliacs-k8s-ap-southeast-1.oss-ap-southeast-1.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1"],
            no_code: &["systemctl"],
        },
        Case {
            name: "dedicated_worker_linux",
            inputs: &[("cluster_type", "dedicated"), ("role", "worker"), ("os", "linux"), ("region", "eu-central-1")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "eu-central-1")],
            code: &[LINUX_URL, "journalctl -u kubelet"],
            no_code: &["eu-central-1"],
        },
        Case {
            name: "region_typo_suggests_the_closest_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzou")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-hangzhou？")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_missing_hyphen_is_a_typo",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cnbeijing")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-beijing")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_wrong_case_and_blanks_are_normalised",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "  CN-Beijing \t")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-beijing")],
            code: &["https://aliacs-k8s-cn-beijing.oss-cn-beijing.aliyuncs.com/"],
            no_code: &["CN-Beijing"],
        },
        Case {
            name: "region_with_underscore_and_full_width_letters_is_normalised",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "ｃｎ＿ｓｈａｎｇｈａｉ")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-shanghai")],
            code: &["aliacs-k8s-cn-shanghai.oss-cn-shanghai"],
            no_code: &[],
        },
        Case {
            name: "region_in_chinese_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "杭州")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-hangzhou")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_console_name_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "华东2（上海）")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-shanghai")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_in_english_words_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "Hangzhou")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-hangzhou")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_city_in_katakana_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "ジャカルタ")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "ap-southeast-5")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_finance_cloud_name_prefers_the_longer_match",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "上海金融云")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-shanghai-finance-1")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_new_number_of_a_known_family_is_a_warning",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "ap-southeast-8")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Warning, "ap-southeast-1")],
            code: &["aliacs-k8s-ap-southeast-8.oss-ap-southeast-8"],
            no_code: &[],
        },
        Case {
            name: "region_well_formed_but_unknown_is_a_warning",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "xx-nowhere-9")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Warning, "xx-nowhere-9")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_with_shell_injection_is_rejected",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "$(Remove-Item C:\\ -Recurse)")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "不是地域 ID")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_id_followed_by_a_command_is_rejected",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzhou; rm -rf /")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "只填写地域 ID：cn-hangzhou")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "output_with_the_linux_archive_confirms_the_upload",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "......\n+ echo 'please get diagnose_1700000000.tar.gz for diagnostics'\nplease get diagnose_1700000000.tar.gz for diagnostics\n+ echo '请上传 diagnose_1700000000.tar.gz'\n请上传 diagnose_1700000000.tar.gz\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "diagnose_1700000000.tar.gz")],
            code: &["ls -ltr /usr/local/bin | grep diagnose_1700000000.tar.gz"],
            no_code: &[],
        },
        Case {
            name: "output_with_the_windows_archive_confirms_the_upload",
            inputs: &[
                ("cluster_type", "dedicated"),
                ("role", "worker"),
                ("os", "windows"),
                ("region", "cn-shenzhen"),
                ("output", "INFO: Compressing diagnosis clues ...\r\nINFO: ...done\r\nINFO: Please get diagnoses_1700000001.zip for diagnostics\r\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "diagnoses_1700000001.zip")],
            code: &["Get-ChildItem diagnoses_1700000001.zip"],
            no_code: &[],
        },
        Case {
            name: "output_of_windows_on_a_linux_node_is_a_warning",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "INFO: Please get diagnoses_1700000001.zip for diagnostics"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Warning, "diagnose_<TIMESTAMP>.tar.gz")],
            code: &[],
            no_code: &["grep diagnoses_1700000001.zip"],
        },
        Case {
            name: "output_of_linux_on_a_windows_node_is_a_warning",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "windows"),
                ("region", "cn-hangzhou"),
                ("output", "please get diagnose_1700000000.tar.gz for diagnostics"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Warning, "diagnoses_<TIMESTAMP>.zip")],
            code: &[],
            no_code: &["Get-ChildItem diagnose_1700000000.tar.gz"],
        },
        Case {
            name: "output_without_archive_says_what_to_look_for_and_quotes_the_failure",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "  % Total    % Received\ncurl: (6) Could not resolve host: aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[
                ("output", Severity::Warning, "please get diagnose_<TIMESTAMP>.tar.gz for diagnostics"),
                ("output", Severity::Warning, "curl: (6) Could not resolve host"),
            ],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "output_with_the_documentation_example_name_is_a_warning",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "windows"),
                ("region", "cn-hangzhou"),
                ("output", "INFO: Please get diagnoses_1514939155.zip for diagnostics"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "diagnoses_1514939155.zip"), ("output", Severity::Warning, "示例文件名")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "output_of_two_runs_uses_the_last_archive",
            inputs: &[
                ("cluster_type", "dedicated"),
                ("role", "master"),
                ("os", "linux"),
                ("region", "cn-qingdao"),
                ("output", "please get diagnose_1600000000.tar.gz for diagnostics\nplease get diagnose_1700000000.tar.gz for diagnostics\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "2 个不同的诊断包文件名")],
            code: &["grep diagnose_1700000000.tar.gz"],
            no_code: &["grep diagnose_1600000000.tar.gz"],
        },
        Case {
            name: "output_with_a_hostile_name_never_reaches_a_command",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "please get diagnose_$(rm -rf ~).tar.gz\n<script>alert(1)</script> diagnose_a;b.tar.gz"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Warning, "没有找到")],
            code: &[],
            no_code: &["rm -rf", "<script>", "a;b"],
        },
        Case {
            name: "empty_form_asks_for_every_required_field",
            inputs: &[],
            complete: false,
            level: None,
            messages: &[
                ("cluster_type", Severity::Error, "请填写"),
                ("role", Severity::Error, "请填写"),
                ("os", Severity::Error, "请填写"),
                ("region", Severity::Error, "请填写"),
            ],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "linux_still_needs_the_region",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "请填写")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "unknown_choice_values_are_errors_that_list_the_options",
            inputs: &[("cluster_type", "serverless"), ("role", "etcd"), ("os", "macos"), ("region", "cn-hangzhou")],
            complete: false,
            level: None,
            messages: &[
                ("cluster_type", Severity::Error, "managed、dedicated"),
                ("role", Severity::Error, "worker、master"),
                ("os", Severity::Error, "linux、windows"),
            ],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "choice_values_ignore_ascii_case",
            inputs: &[("cluster_type", "Managed"), ("role", "WORKER"), ("os", "Linux"), ("region", "cn-hangzhou")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &[LINUX_URL],
            no_code: &[],
        },
    ];

    #[test]
    fn cases() {
        for case in CASES {
            let r = evaluate(&inputs(case.inputs), Locale::Zh);
            assert_eq!(r.complete, case.complete, "{}: complete; messages {:?}", case.name, r.messages);
            assert_eq!(r.complete, !r.has_errors(), "{}: complete iff no errors", case.name);
            assert_eq!(r.verdict.as_ref().map(|v| v.level), case.level, "{}: level", case.name);
            if !r.complete {
                assert!(r.sections.is_empty(), "{}: no plan when incomplete", case.name);
            }
            for (field, severity, text) in case.messages {
                assert!(
                    r.messages.iter().any(|m| m.field == *field && m.severity == *severity && m.message.contains(text)),
                    "{}: expected {:?} on {} containing {:?}; got {:?}",
                    case.name,
                    severity,
                    field,
                    text,
                    r.messages
                );
            }
            let codes = codes(&r);
            for want in case.code {
                assert!(codes.iter().any(|c| c.contains(want)), "{}: no code contains {:?}: {:?}", case.name, want, codes);
            }
            for unwanted in case.no_code {
                assert!(!codes.iter().any(|c| c.contains(unwanted)), "{}: a code contains {:?}: {:?}", case.name, unwanted, codes);
            }
        }
    }

    #[test]
    fn cases_have_the_same_outcome_in_every_locale() {
        for case in CASES {
            let zh = evaluate(&inputs(case.inputs), Locale::Zh);
            for l in Locale::ALL {
                let r = evaluate(&inputs(case.inputs), l);
                assert_eq!(r.complete, zh.complete, "{} {l}", case.name);
                assert_eq!(r.verdict.as_ref().map(|v| v.level), zh.verdict.as_ref().map(|v| v.level), "{} {l}", case.name);
                let sev = |r: &Report| r.messages.iter().map(|m| (m.field.clone(), m.severity)).collect::<Vec<_>>();
                assert_eq!(sev(&r), sev(&zh), "{} {l}", case.name);
                assert_eq!(codes(&r), codes(&zh), "{} {l}: commands do not depend on the locale", case.name);
            }
        }
    }

    #[test]
    fn messages_are_in_step_order() {
        let r = evaluate(
            &inputs(&[("region", "cn-hangzou"), ("os", "solaris"), ("role", "boss"), ("cluster_type", "x")]),
            Locale::Ja,
        );
        let fields: Vec<&str> = r.messages.iter().map(|m| m.field.as_str()).collect();
        assert_eq!(fields, ["cluster_type", "role", "os", "region"]);
    }

    #[test]
    fn missing_messages_are_marked_missing_and_others_not() {
        let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "nope")]), Locale::Id);
        let role = r.for_field("role").next().unwrap();
        assert!(!role.missing);
        let os = r.for_field("os").next().unwrap();
        assert!(os.missing);
    }

    #[test]
    fn applies_hides_node_questions_for_a_managed_master() {
        let mm = inputs(&[("cluster_type", "managed"), ("role", "master")]);
        let dm = inputs(&[("cluster_type", "dedicated"), ("role", "master")]);
        let empty = inputs(&[]);
        for f in ["os", "region", "output"] {
            assert!(!applies(f, &mm), "{f}");
            assert!(applies(f, &dm), "{f}");
            assert!(applies(f, &empty), "{f}");
        }
        assert!(applies("cluster_type", &mm) && applies("role", &mm));
        assert!(!applies("nonsense", &empty));
    }

    #[test]
    fn evaluate_never_panics_on_hostile_input() {
        let big = "diagnose_".repeat(12_000) + &"é\u{0}\u{202e}".repeat(5_000);
        let many = (0..5_000).map(|i| format!("please get diagnose_{i}.tar.gz\n")).collect::<String>();
        let values: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\u{0}".into(),
            "managed".into(),
            "dedicated".into(),
            "master".into(),
            "worker".into(),
            "linux".into(),
            "windows".into(),
            "cn-hangzhou".into(),
            "杭州".into(),
            "ｃｎ".into(),
            "{id}{v}{name}".into(),
            "-".into(),
            "--".into(),
            "a-".into(),
            "diagnoses_".into(),
            "diagnose_1.tar.g".into(),
            "\u{FF5E}\u{3000}\u{FFFF}".into(),
            "🦀".repeat(1000),
            "x".repeat(100_000),
            big,
            many,
        ];
        let fields = ["cluster_type", "role", "os", "region", "output"];
        for l in Locale::ALL {
            for v in &values {
                for f in fields {
                    for base in [
                        &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou")][..],
                        &[("cluster_type", "dedicated"), ("role", "master"), ("os", "windows"), ("region", "cn-beijing")][..],
                        &[][..],
                    ] {
                        let mut i = inputs(base);
                        i.insert(f.to_owned(), v.clone());
                        let r = evaluate(&i, l);
                        assert_eq!(r.complete, !r.has_errors());
                        if !r.complete {
                            assert!(r.verdict.is_none() && r.sections.is_empty());
                        }
                        // Messages stay short even for huge inputs.
                        assert!(r.messages.iter().all(|m| m.message.chars().count() < 800), "{f}");
                        let _ = all_text(&r);
                    }
                }
            }
        }
    }
}
