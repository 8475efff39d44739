//! `kubectl get svc -A -o json` or `-o yaml` (a list or one Service): annotations named by
//! the rules, Services named by the rules, and LoadBalancer Services whose SLB ACK created
//! and manages. JSON is read by serde_json, YAML by serde_norway, never by hand.

use super::{Ctx, Part};
use app::check::{OutputKind, RawFinding, Source, What};
use serde_json::Value;

pub(super) fn analyze(ctx: &Ctx<'_>) -> Part {
    let looks_like = ctx.lower.contains("kind") && (ctx.lower.contains("service") || ctx.lower.contains("items"));
    if !looks_like {
        return Part::default();
    }
    let text = ctx.lines.join("\n");
    let Some(doc) = parse(&text) else { return Part::default() };
    let items: Vec<&Value> = match doc.get("items").and_then(Value::as_array) {
        Some(items) => items.iter().collect(),
        None => vec![&doc],
    };
    let services: Vec<&Value> = items.into_iter().filter(|v| v.get("kind").and_then(Value::as_str).is_none_or(|k| k == "Service") && v.get("spec").is_some()).collect();
    let mut part = Part { recognised: if services.is_empty() { 0 } else { ctx.lines.len() }, ..Default::default() };
    for svc in services {
        let meta = svc.get("metadata");
        let name = meta.and_then(|m| m.get("name")).and_then(Value::as_str).unwrap_or("?");
        let namespace = meta.and_then(|m| m.get("namespace")).and_then(Value::as_str).unwrap_or("default");
        let id = format!("{namespace}/{name}");
        let annotations = meta.and_then(|m| m.get("annotations")).and_then(Value::as_object);
        let annotation = |key: &str| annotations.and_then(|a| a.get(key)).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
        let lines = line_of(ctx.lines, name);
        for rule in &ctx.rules.annotation {
            if let Some(value) = annotation(&rule.key) {
                let mut lines = lines.clone();
                lines.extend(line_of(ctx.lines, &rule.key));
                part.findings.push(finding(rule.severity, What::Annotation { service: id.clone(), key: rule.key.clone(), value }, lines, &rule.operation));
            }
        }
        for rule in ctx.rules.service.iter().filter(|r| r.namespace == namespace && r.name == name) {
            part.findings.push(finding(rule.severity, What::NamedService { service: id.clone() }, lines.clone(), &rule.operation));
        }
        let load_balancer = svc.pointer("/spec/type").and_then(Value::as_str) == Some("LoadBalancer");
        if let Some(rule) = ctx.rules.managed_slb.as_ref().filter(|_| load_balancer) {
            if rule.unless.iter().all(|k| annotation(k).is_none()) {
                let address = svc
                    .pointer("/status/loadBalancer/ingress/0")
                    .and_then(|i| i.get("ip").or_else(|| i.get("hostname")))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                part.findings.push(finding(rule.severity, What::ManagedSlb { service: id.clone(), address }, lines.clone(), &rule.operation));
            }
        }
    }
    part
}

fn finding(severity: super::rules::Sev, what: What, lines: Vec<usize>, operation: &str) -> RawFinding {
    RawFinding {
        kind: OutputKind::Services,
        severity: severity.severity(),
        what,
        lines,
        source: Some(Source::Operation(operation.to_owned())),
        note: None,
        fix: vec![],
        masked: None,
    }
}

/// JSON when it starts like JSON, else YAML. Text around the document (a prompt, a
/// command) is dropped first: the document starts at the first `{` or `apiVersion:` line.
fn parse(text: &str) -> Option<Value> {
    let trimmed = text.trim_start();
    let json_start = trimmed.find('{');
    let yaml_start = trimmed.lines().position(|l| l.starts_with("apiVersion:") || l.starts_with("items:") || l.starts_with("kind:"));
    if let Some(i) = json_start.filter(|i| yaml_start.is_none() || trimmed[..*i].lines().count() <= yaml_start.unwrap_or(0) + 1) {
        let body = &trimmed[i..];
        let end = body.rfind('}').map_or(body.len(), |e| e + 1);
        if let Ok(v) = serde_json::from_str::<Value>(&body[..end]) {
            return Some(v);
        }
    }
    let start = yaml_start?;
    let body: String = trimmed.lines().skip(start).collect::<Vec<_>>().join("\n");
    serde_norway::from_str::<Value>(&body).ok()
}

/// The first line that names `what` as a value (`name: web`, `"name": "web"`) or as a key.
fn line_of(lines: &[String], what: &str) -> Vec<usize> {
    lines
        .iter()
        .position(|l| {
            let t = l.trim().trim_start_matches("- ");
            t == format!("name: {what}") || t.starts_with(&format!("\"name\": \"{what}\"")) || t.starts_with(&format!("{what}:")) || t.starts_with(&format!("\"{what}\""))
        })
        .map(|i| vec![i + 1])
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use super::*;

    const YAML: &str = "$ kubectl get svc -A -o yaml
apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    annotations:
      service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id: lb-bp1abcdefghijk
    name: shop-web
    namespace: shop
  spec:
    type: LoadBalancer
  status:
    loadBalancer:
      ingress:
      - ip: 47.96.1.2
- apiVersion: v1
  kind: Service
  metadata:
    name: api
    namespace: default
  spec:
    type: LoadBalancer
  status:
    loadBalancer:
      ingress:
      - ip: 47.96.1.3
- apiVersion: v1
  kind: Service
  metadata:
    name: nginx-ingress-lb
    namespace: kube-system
  spec:
    type: LoadBalancer
- apiVersion: v1
  kind: Service
  metadata:
    name: kubernetes
    namespace: default
  spec:
    type: ClusterIP
kind: List
metadata:
  resourceVersion: \"\"
";

    fn said(paste: &str) -> Vec<(What, String, Vec<usize>)> {
        check(paste, None)
            .findings
            .into_iter()
            .map(|f| match f.source {
                Some(Source::Operation(o)) => (f.what, o, f.lines),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn yaml_lists_reuse_annotations_the_ingress_service_and_the_slbs_ack_manages() {
        let got = said(YAML);
        assert_eq!(
            got,
            [
                (
                    What::Annotation { service: "shop/shop-web".into(), key: "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id".into(), value: "lb-bp1abcdefghijk".into() },
                    "remove-slb-reuse-annotation".into(),
                    vec![9, 8]
                ),
                (What::ManagedSlb { service: "default/api".into(), address: Some("47.96.1.3".into()) }, "modify-ack-managed-slb-config".into(), vec![20]),
                (What::NamedService { service: "kube-system/nginx-ingress-lb".into() }, "delete-nginx-ingress-lb".into(), vec![31]),
                (What::ManagedSlb { service: "kube-system/nginx-ingress-lb".into(), address: None }, "modify-ack-managed-slb-config".into(), vec![31]),
            ]
        );
    }

    #[test]
    fn json_reads_the_same_as_yaml_and_a_single_service_too() {
        let json = r#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"shop-web","namespace":"shop","annotations":{"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id":"lb-bp1abcdefghijk"}},"spec":{"type":"LoadBalancer"}}]}"#;
        let got = said(json);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "remove-slb-reuse-annotation");
        let single = "apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\n  namespace: shop\r\nspec:\r\n  type: LoadBalancer\r\n";
        assert_eq!(said(single)[0].0, What::ManagedSlb { service: "shop/web".into(), address: None });
    }

    #[test]
    fn broken_documents_give_no_findings_and_no_panic() {
        for paste in ["kind: Service\nmetadata: [unclosed", "{\"kind\": \"Service\", ", "items: 3\nkind: List", "kind: Service\n\t- : :"] {
            let r = check(paste, Some(OutputKind::Services));
            assert!(r.findings.is_empty(), "{paste}");
        }
    }
}
