//! The one place that configures pulldown-cmark.
//!
//! Content Markdown becomes HTML that is safe to insert as-is: raw HTML in the source is
//! escaped, link targets are checked, fenced code gets a copy button, and headings get
//! anchors. The same pass collects the plain text (for search) and the outline.

use app::locale::Locale;
use app::model::{urls, Heading};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// What the renderer turns on. The default is what the knowledge base uses.
#[derive(Clone, Debug)]
pub struct MarkdownOptions {
    /// GitHub-style pipe tables.
    pub tables: bool,
    /// `~~strike~~`.
    pub strikethrough: bool,
    /// The label of the copy button on code blocks.
    pub copy_label: String,
    /// Wizards that can be linked to. A `wizard:` link to any other keeps its text but
    /// loses the link, so that no page links to a wizard that is not there yet.
    pub live_wizards: &'static [&'static str],
}

impl MarkdownOptions {
    pub fn for_locale(lang: Locale) -> Self {
        MarkdownOptions {
            tables: true,
            strikethrough: true,
            copy_label: app::i18n::Strings::get(lang).copy.to_owned(),
            live_wizards: &app::wizard::WizardId::IDS,
        }
    }

    fn parser_options(&self) -> Options {
        let mut o = Options::empty();
        o.set(Options::ENABLE_TABLES, self.tables);
        o.set(Options::ENABLE_STRIKETHROUGH, self.strikethrough);
        o
    }
}

/// Fence languages that mark expected output rather than something to run.
pub const OUTPUT_LANGUAGES: [&str; 3] = ["text", "output", "console"];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub plain_text: String,
    pub headings: Vec<Heading>,
    /// Ids named by `entry:` links, for the loader to check.
    pub entry_links: Vec<String>,
    /// Wizard names named by `wizard:` links.
    pub wizard_links: Vec<String>,
    /// Ids named by links to `/go/<id>`, for the loader to check.
    pub go_links: Vec<String>,
    /// Link targets that were refused (such as `javascript:`), for the loader to report.
    pub bad_links: Vec<String>,
    /// The items of the body's first numbered list of two or more steps, as plain text:
    /// the procedure a `HowTo` describes.
    pub steps: Vec<String>,
}

/// The first top-level numbered list of two or more items, each item as plain text.
fn procedure_steps(events: &[Event<'_>]) -> Vec<String> {
    let mut depth = 0usize;
    let mut in_steps = false;
    let mut item_depth = 0usize;
    let mut steps: Vec<String> = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::List(first)) => {
                if depth == 0 && first.is_some() && steps.is_empty() {
                    in_steps = true;
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && in_steps {
                    if steps.len() >= 2 {
                        return steps.into_iter().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
                    }
                    steps.clear();
                    in_steps = false;
                }
            }
            Event::Start(Tag::Item) if in_steps => {
                item_depth += 1;
                if depth == 1 && item_depth == 1 {
                    steps.push(String::new());
                } else if let Some(last) = steps.last_mut() {
                    last.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph) if in_steps => {
                if let Some(last) = steps.last_mut() {
                    last.push(' ');
                }
            }
            Event::End(TagEnd::Item) if in_steps => item_depth = item_depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_steps => {
                if let Some(last) = steps.last_mut() {
                    last.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if in_steps => {
                if let Some(last) = steps.last_mut() {
                    last.push(' ');
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

pub fn render(markdown: &str, lang: Locale, options: &MarkdownOptions) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options.parser_options()).collect();
    let mut out = Rendered::default();
    let anchors = heading_anchors(&events, &mut out.headings);
    out.steps = procedure_steps(&events);

    let mut html_events: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut heading_index = 0;
    let mut in_code_block = false;
    // One flag per open link: whether its tags were dropped.
    let mut dropped_links: Vec<bool> = Vec::new();
    for event in events {
        match event {
            // Raw HTML is never passed through: it is shown as text.
            Event::Html(raw) | Event::InlineHtml(raw) => html_events.push(Event::Text(raw)),
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                let id = anchors.get(heading_index).cloned().map(CowStr::from);
                heading_index += 1;
                html_events.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                let lang_name = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                let lang_attr = escape(&lang_name);
                let class = if lang_name.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"language-{lang_attr}\"")
                };
                // Output is shown apart from commands, and has nothing to copy. A block
                // wider than the page scrolls, so it takes the keyboard focus too.
                let block = if OUTPUT_LANGUAGES.contains(&lang_name.as_str()) {
                    format!("<div class=\"code-block output\" data-lang=\"{lang_attr}\"><pre tabindex=\"0\"><code{class}>")
                } else {
                    format!(
                        "<div class=\"code-block\" data-lang=\"{lang_attr}\"><button type=\"button\" class=\"copy\">{}</button><pre tabindex=\"0\"><code{class}>",
                        escape(&options.copy_label)
                    )
                };
                html_events.push(Event::Html(CowStr::from(block)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                html_events.push(Event::Html(CowStr::from("</code></pre></div>\n")));
                out.plain_text.push('\n');
            }
            Event::Text(text) if in_code_block => {
                out.plain_text.push_str(&text);
                html_events.push(Event::Html(CowStr::from(escape(&text))));
            }
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url
                    .strip_prefix("wizard:")
                    .is_some_and(|w| !options.live_wizards.contains(&w)) =>
            {
                out.wizard_links.push(dest_url["wizard:".len()..].to_owned());
                dropped_links.push(true);
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(false) {
                    html_events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                dropped_links.push(false);
                let dest = resolve_link(&dest_url, lang, &mut out);
                html_events.push(Event::Start(Tag::Link {
                    link_type: if link_type == LinkType::Email { LinkType::Inline } else { link_type },
                    dest_url: CowStr::from(dest),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                // Entries carry no images; an image is kept as its address in text.
                html_events.push(Event::Text(dest_url));
            }
            Event::End(TagEnd::Image) => {}
            Event::Text(ref text) | Event::Code(ref text) => {
                out.plain_text.push_str(text);
                html_events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.plain_text.push(' ');
                html_events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow) => {
                out.plain_text.push('\n');
                html_events.push(event);
            }
            Event::End(TagEnd::TableCell) => {
                out.plain_text.push(' ');
                html_events.push(event);
            }
            other => html_events.push(other),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, html_events.into_iter());
    out.plain_text = collapse_blank_lines(&out.plain_text);
    out
}

/// Gives every heading an anchor from its text, unique within the page.
fn heading_anchors(events: &[Event<'_>], headings: &mut Vec<Heading>) -> Vec<String> {
    let mut anchors = Vec::new();
    let mut seen = HashSet::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((*level, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = current.take() {
                    let base = slug(&text);
                    let base = if base.is_empty() { "section".to_owned() } else { base };
                    let mut anchor = base.clone();
                    let mut n = 2;
                    while !seen.insert(anchor.clone()) {
                        anchor = format!("{base}-{n}");
                        n += 1;
                    }
                    headings.push(Heading { level: level as u8, anchor: anchor.clone(), text: text.trim().to_owned() });
                    anchors.push(anchor);
                }
            }
            _ => {}
        }
    }
    anchors
}

/// Lowercase letters and digits of any script, with runs of anything else as one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

fn resolve_link(dest: &str, lang: Locale, out: &mut Rendered) -> String {
    if let Some(target) = dest.strip_prefix("entry:") {
        let (id, anchor) = target.split_once('#').map_or((target, None), |(i, a)| (i, Some(a)));
        out.entry_links.push(id.to_owned());
        let mut url = urls::entry(lang, id);
        if let Some(a) = anchor {
            url.push('#');
            url.push_str(a);
        }
        return url;
    }
    if let Some(name) = dest.strip_prefix("wizard:") {
        out.wizard_links.push(name.to_owned());
        return format!("/{}/wizards/{}", lang.code(), name);
    }
    let lower = dest.trim().to_ascii_lowercase();
    let allowed = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
        || (lower.starts_with('/') && !lower.starts_with("//"));
    if let Some(id) = dest.strip_prefix("/go/").and_then(|t| t.split(['/', '?', '#']).next()) {
        out.go_links.push(id.to_owned());
    }
    if allowed {
        dest.to_owned()
    } else {
        out.bad_links.push(dest.to_owned());
        "#".to_owned()
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn collapse_blank_lines(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_numbered_list_of_two_or_more_items_is_the_procedure() {
        let steps = |md: &str| render(md, Locale::Zh, &MarkdownOptions::for_locale(Locale::Zh)).steps;
        assert_eq!(steps("intro\n\n1. Log in to the `master` node\n2. Run it\n   - a detail\n3. Check\n\ntext\n\n1. other\n2. list"), ["Log in to the master node", "Run it a detail", "Check"]);
        assert_eq!(steps("- a\n- b"), Vec::<String>::new(), "bullets are no procedure");
        assert_eq!(steps("1. only one\n\ntext\n\n1. first\n2. second"), ["first", "second"]);
    }

    fn html(md: &str) -> String {
        render(md, Locale::Zh, &MarkdownOptions::for_locale(Locale::Zh)).html
    }

    #[test]
    fn escapes_raw_html_instead_of_passing_it_through() {
        let out = html("Hello <script>alert(1)</script>\n\n<div onclick=\"x\">block</div>\n");
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("<div onclick"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn wraps_fenced_code_with_a_copy_button_and_language() {
        insta::assert_snapshot!(html("```bash\nkubectl get nodes <NODE_NAME>\n```\n"), @r#"
        <div class="code-block" data-lang="bash"><button type="button" class="copy">复制</button><pre tabindex="0"><code class="language-bash">kubectl get nodes &lt;NODE_NAME&gt;
        </code></pre></div>
        "#);
    }

    #[test]
    fn shows_expected_output_without_a_copy_button() {
        let out = html("```text\nActive: active (running)\n```\n");
        assert!(out.starts_with(r#"<div class="code-block output" data-lang="text"><pre tabindex="0">"#), "{out}");
        assert!(!out.contains("copy"), "{out}");
    }

    #[test]
    fn gives_headings_unique_anchors_and_an_outline() {
        let r = render("## 原因\n\n## 原因\n\n### Fix `kubelet`\n", Locale::Zh, &MarkdownOptions::for_locale(Locale::Zh));
        assert!(r.html.contains(r#"<h2 id="原因">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="原因-2">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h3 id="fix-kubelet">"#), "{}", r.html);
        assert_eq!(r.headings.iter().map(|h| h.anchor.as_str()).collect::<Vec<_>>(), ["原因", "原因-2", "fix-kubelet"]);
    }

    #[test]
    fn renders_tables() {
        insta::assert_snapshot!(html("| 操作 | 影响 |\n| --- | --- |\n| 删除 SLB | 集群不可用 |\n"), @r"
        <table><thead><tr><th>操作</th><th>影响</th></tr></thead><tbody>
        <tr><td>删除 SLB</td><td>集群不可用</td></tr>
        </tbody></table>
        ");
    }

    #[test]
    fn links_to_wizards_only_once_they_are_live() {
        let mut options = MarkdownOptions::for_locale(Locale::Zh);
        options.live_wizards = &[];
        let r = render("用 [ACL 向导](wizard:acl) 检查。", Locale::Zh, &options);
        assert_eq!(r.html, "<p>用 ACL 向导 检查。</p>\n");
        assert_eq!(r.wizard_links, ["acl"]);
        options.live_wizards = &["acl"];
        let r = render("用 [ACL 向导](wizard:acl) 检查。", Locale::Zh, &options);
        assert_eq!(r.html, "<p>用 <a href=\"/zh/wizards/acl\">ACL 向导</a> 检查。</p>\n");
    }

    #[test]
    fn resolves_internal_links_and_refuses_script_links() {
        let mut options = MarkdownOptions::for_locale(Locale::Ja);
        options.live_wizards = &["acl"];
        let r = render(
            "[a](entry:apiserver-slb-acl-cidrs#cause) [b](wizard:acl) [c](javascript:alert(1)) [d](https://example.com/x) [e](/go/kubectl-timeout?from=x)",
            Locale::Ja,
            &options,
        );
        assert!(r.html.contains(r#"href="/ja/entries/apiserver-slb-acl-cidrs#cause""#), "{}", r.html);
        assert!(r.html.contains(r#"href="/ja/wizards/acl""#), "{}", r.html);
        assert!(r.html.contains(r##"href="#""##), "{}", r.html);
        assert!(r.html.contains(r#"href="https://example.com/x""#), "{}", r.html);
        assert_eq!(r.entry_links, ["apiserver-slb-acl-cidrs"]);
        assert_eq!(r.wizard_links, ["acl"]);
        assert_eq!(r.bad_links, ["javascript:alert(1)"]);
        assert_eq!(r.go_links, ["kubectl-timeout"]);
    }

    #[test]
    fn collects_plain_text_including_code() {
        let r = render("Run this:\n\n```bash\nchmod u+x /usr/local/bin/diagnose_k8s.sh\n```\n", Locale::Id, &MarkdownOptions::for_locale(Locale::Id));
        assert_eq!(r.plain_text, "Run this:\nchmod u+x /usr/local/bin/diagnose_k8s.sh");
    }
}
