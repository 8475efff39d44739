//! The user interface strings: one field per message of the `ui` catalog
//! (`app/locales/<locale>/ui.toml`, field `site_name` is the key `site-name`).
//!
//! A struct instead of a key lookup at each use, so the interface code reads `s.site_name`.
//! The catalog tests fail on a field without a message or a message without a field.

pub use crate::catalog::fill;

crate::catalog::string_table! {
    pub struct Strings in "ui" {
        site_name,
        tagline,
        search_label,
        search_placeholder,
        search_button,
        skip_to_content,
        language,
        home,
        categories,
        /// `{n}` is replaced by the number of entries.
        entry_count,
        /// `{n}` is replaced by the number of results, `{q}` by the query.
        results_for,
        search_title,
        empty_query,
        no_results,
        no_results_hint,
        /// `{n}` is replaced by the maximum number of characters.
        query_truncated,
        updated,
        category,
        tags,
        related,
        other_languages,
        copy,
        copied,
        on_this_page,
        error_messages,
        feedback_question,
        feedback_yes,
        feedback_no,
        feedback_comment,
        /// `{n}` is replaced by the maximum comment length.
        feedback_comment_hint,
        feedback_submit,
        feedback_thanks,
        feedback_error_vote,
        feedback_error_comment_long,
        feedback_error_unknown,
        feedback_error_storage,
        not_found_title,
        not_found_body,
        back_home,
        error_title,
        error_body,
        footer,
        popular_questions,
        hr_operation,
        hr_impact,
        hr_recovery,
        hr_details,
        known_error,
        all_categories,
        try_other_languages,
        /// Before the other spellings of a query that found nothing.
        did_you_mean,
        /// The name under which a browser lists the console as a search engine (16 characters at most).
        short_name,
        /// The wizards: a menu link and the index page's heading.
        wizards,
        /// One line under the heading of the wizards' index.
        wizards_intro,
        /// `{n}` is the step's number, `{m}` the number of steps.
        wz_step_of,
        wz_next,
        wz_back,
        wz_show_result,
        wz_check_again,
        wz_save,
        wz_save_hint,
        wz_optional,
        wz_fix_errors,
        wz_result,
        wz_your_inputs,
        wz_edit,
        wz_follow_up,
        /// `{title}` is the wizard's title.
        wz_saved_title,
        wz_saved_on,
        wz_permalink,
        wz_export_md,
        wz_print,
        wz_open_in_wizard,
        wz_relies_on,
        wz_level_ok,
        wz_level_caution,
        wz_level_blocked,
        wz_run_not_found,
        wz_start,
        /// On an entry page: the link to its wizard.
        wz_open_wizard,
        wz_not_given,
        too_large_title,
        /// `{n}` is the limit in KB.
        too_large_body,
        /// The browser sent no id of ours (first visit, cookies off, or a form from elsewhere).
        feedback_error_session,
        feedback_error_rate,
        feedback_error_quota,
        wz_save_session,
        wz_save_rate,
        wz_save_quota,
        wz_save_unavailable,
        /// The result page's button that downloads the run as Markdown without saving it.
        wz_export_now,
        /// A wizard link whose long inputs were kept for a day, opened after that.
        wz_draft_gone,
        /// Too many requests: a page's title and text (`{n}` is the wait in seconds).
        limit_title,
        limit_body,
        /// The server has too much work in flight.
        busy_title,
        busy_body,
        /// A request that took too long.
        timeout_title,
        timeout_body,
        /// A form sent from another site.
        cross_site_title,
        cross_site_body,
        /// A link that repeats the request.
        try_again,
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_each_placeholder_once_and_never_inside_a_value() {
        let cases: &[(&str, &[(&str, &str)], &str)] = &[
            ("“{q}”共有 {n} 条结果", &[("q", "证书"), ("n", "3")], "“证书”共有 3 条结果"),
            ("“{q}”共有 {n} 条结果", &[("q", "{n} {q}"), ("n", "3")], "“{n} {q}”共有 3 条结果"),
            ("{n}/{m}", &[("n", "1"), ("m", "{n}")], "1/{n}"),
            ("{unknown} {n}", &[("n", "2")], "{unknown} 2"),
            ("{ {n}} {", &[("n", "2")], "{ 2} {"),
            ("", &[("n", "2")], ""),
            ("no placeholders", &[], "no placeholders"),
        ];
        for (template, pairs, want) in cases {
            assert_eq!(fill(template, pairs), *want, "{template}");
        }
    }
}
