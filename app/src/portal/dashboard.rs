//! The search analytics dashboard: its filter, what it shows, the chart's geometry, and
//! the page.

use super::text::PortalText;
use super::views::{document, frame, portal_url, Section};
use super::Staff;
use crate::i18n::fill;
use crate::locale::Locale;
use crate::model::{urls, SearchSource};
use leptos::prelude::*;

/// Which searches the dashboard counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFilter {
    /// Everything but the suggestions while typing (the default).
    Submitted,
    All,
    One(SearchSource),
}

const ONE: [SearchSource; 5] = [SearchSource::Page, SearchSource::Suggest, SearchSource::Api, SearchSource::OpenSearch, SearchSource::Go];

impl SourceFilter {
    pub fn param(self) -> &'static str {
        match self {
            SourceFilter::Submitted => "",
            SourceFilter::All => "all",
            SourceFilter::One(s) => s.id(),
        }
    }

    pub fn parse(s: Option<&str>) -> SourceFilter {
        match s {
            Some("all") => SourceFilter::All,
            Some(id) => ONE.into_iter().find(|s| s.id() == id).map_or(SourceFilter::Submitted, SourceFilter::One),
            None => SourceFilter::Submitted,
        }
    }

    /// Whether searches of `source` (its id) count.
    pub fn includes(self, source: &str) -> bool {
        match self {
            SourceFilter::Submitted => source != SearchSource::Suggest.id(),
            SourceFilter::All => true,
            SourceFilter::One(s) => s.id() == source,
        }
    }

    fn label(self, t: &PortalText) -> &'static str {
        match self {
            SourceFilter::Submitted => t.source_submitted,
            SourceFilter::All => t.source_all,
            SourceFilter::One(s) => source_label(t, s),
        }
    }
}

pub fn source_label(t: &PortalText, s: SearchSource) -> &'static str {
    match s {
        SearchSource::Page => t.source_page,
        SearchSource::Suggest => t.source_suggest,
        SearchSource::Api => t.source_api,
        SearchSource::OpenSearch => t.source_opensearch,
        SearchSource::Go => t.source_go,
    }
}

/// The dashboard's filter, as in its URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardQuery {
    /// `YYYY-MM-DD`, both ends included.
    pub from: String,
    pub to: String,
    pub lang: Option<Locale>,
    pub source: SourceFilter,
}

impl DashboardQuery {
    /// The query string (without `?`) of this filter.
    pub fn query_string(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("from", &self.from).append_pair("to", &self.to);
        if let Some(l) = self.lang {
            q.append_pair("lang", l.code());
        }
        if self.source != SourceFilter::Submitted {
            q.append_pair("source", self.source.param());
        }
        q.finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DayPoint {
    pub date: String,
    pub searches: i64,
    pub zero: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Totals {
    pub searches: i64,
    pub zero: i64,
    /// Searches with at least one click.
    pub clicked: i64,
    /// The sum of the first click's position over those searches.
    pub position_sum: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryStat {
    pub query: String,
    pub searches: i64,
    pub zero: i64,
    pub clicked: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryStat {
    pub id: String,
    pub title: String,
    pub views: i64,
    pub clicks: i64,
}

/// Arrivals through `/go` links from one source (a product name, `other` for a `from`
/// that is not one, `""` for links that name none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrivalStat {
    pub source: String,
    pub arrivals: i64,
    /// Arrivals whose id was no entry, alias or operation (they became a search).
    pub led_nowhere: i64,
    /// The title of the entry or operation this source opened most, if any.
    pub top_target: Option<String>,
}

/// The source as shown: the product's name, or what stands for none or a bad one.
pub fn arrival_source_label(t: &PortalText, source: &str) -> String {
    match source {
        "" => t.arrivals_unnamed.to_owned(),
        "other" => t.arrivals_other.to_owned(),
        name => name.to_owned(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Dashboard {
    pub days: Vec<DayPoint>,
    pub totals: Totals,
    pub top_queries: Vec<QueryStat>,
    pub top_zero: Vec<QueryStat>,
    pub top_entries: Vec<EntryStat>,
    pub arrivals: Vec<ArrivalStat>,
}

/// `part / whole` as a percentage with one decimal, or a dash when there is no whole.
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "–".to_owned()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// The mean of `sum` over `n`, with one decimal, or a dash.
pub fn mean(sum: i64, n: i64) -> String {
    if n <= 0 {
        "–".to_owned()
    } else {
        format!("{:.1}", sum as f64 / n as f64)
    }
}

/// One bar of the chart, in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    /// Height of the whole bar and of its zero-result part, from the baseline up.
    pub height: f64,
    pub zero_height: f64,
}

pub const CHART_WIDTH: f64 = 720.0;
pub const CHART_HEIGHT: f64 = 160.0;

/// The bars of a per-day chart: equal widths with a gap, heights scaled to the busiest day.
pub fn bars(days: &[DayPoint]) -> Vec<Bar> {
    let max = days.iter().map(|d| d.searches).max().unwrap_or(0).max(1) as f64;
    let n = days.len().max(1) as f64;
    let slot = CHART_WIDTH / n;
    let gap = (slot * 0.15).min(4.0);
    days.iter()
        .enumerate()
        .map(|(i, d)| Bar {
            x: i as f64 * slot + gap / 2.0,
            width: (slot - gap).max(1.0),
            height: d.searches as f64 / max * CHART_HEIGHT,
            zero_height: d.zero.min(d.searches) as f64 / max * CHART_HEIGHT,
        })
        .collect()
}

fn chart(t: &'static PortalText, q: &DashboardQuery, days: &[DayPoint], total: i64) -> impl IntoView {
    let desc = fill(t.dash_chart_desc, &[("from", &q.from), ("to", &q.to), ("n", &total.to_string())]);
    let max = days.iter().map(|d| d.searches).max().unwrap_or(0);
    let first = days.first().map(|d| d.date.clone()).unwrap_or_default();
    let last = days.last().map(|d| d.date.clone()).unwrap_or_default();
    let base = CHART_HEIGHT + 4.0;
    let bars = bars(days)
        .into_iter()
        .zip(days.iter())
        .map(|(b, d)| {
            let label = format!("{} · {} · {}", d.date, d.searches, d.zero);
            view! {
                <g class="bar">
                    <title>{label}</title>
                    <rect class="bar-total" x=format!("{:.1}", b.x) y=format!("{:.1}", base - b.height) width=format!("{:.1}", b.width) height=format!("{:.1}", b.height)/>
                    <rect class="bar-zero" x=format!("{:.1}", b.x) y=format!("{:.1}", base - b.zero_height) width=format!("{:.1}", b.width) height=format!("{:.1}", b.zero_height)/>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {CHART_WIDTH} {}", CHART_HEIGHT + 28.0) role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="none">
                <title id="chart-title">{t.dash_per_day}</title>
                <desc id="chart-desc">{desc.clone()}</desc>
                <line class="axis" x1="0" y1=format!("{base}") x2=format!("{CHART_WIDTH}") y2=format!("{base}")/>
                {bars}
                <text class="axis-label" x="0" y=format!("{}", base + 18.0)>{first}</text>
                <text class="axis-label end" x=format!("{CHART_WIDTH}") y=format!("{}", base + 18.0)>{last}</text>
                <text class="axis-label" x="2" y="12">{max.to_string()}</text>
            </svg>
            <figcaption>{desc}</figcaption>
        </figure>
    }
}

fn query_table(t: &'static PortalText, caption: &'static str, rows: Vec<QueryStat>, csv: String) -> impl IntoView {
    view! {
        <section class="stat-table">
            <h2>{caption}</h2>
            <p class="export"><a href=csv>{t.export_csv}</a></p>
            {if rows.is_empty() {
                view! { <p class="hint">{t.none_yet}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="portal-table">
                            <thead><tr>
                                <th scope="col">{t.col_query}</th>
                                <th scope="col" class="num">{t.col_searches}</th>
                                <th scope="col" class="num">{t.col_zero}</th>
                                <th scope="col" class="num">{t.dash_ctr}</th>
                            </tr></thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|r| view! {
                                        <tr>
                                            <td><span class="query">{r.query}</span></td>
                                            <td class="num">{r.searches}</td>
                                            <td class="num">{r.zero}</td>
                                            <td class="num">{percent(r.clicked, r.searches - r.zero)}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

fn arrivals_table(t: &'static PortalText, rows: Vec<ArrivalStat>, csv: String) -> impl IntoView {
    view! {
        <section class="stat-table">
            <h2>{t.dash_arrivals}</h2>
            <p class="hint">{t.dash_arrivals_hint}</p>
            <p class="export"><a href=csv>{t.export_csv}</a></p>
            {if rows.is_empty() {
                view! { <p class="hint">{t.none_yet}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="portal-table">
                            <thead><tr>
                                <th scope="col">{t.col_arrival_source}</th>
                                <th scope="col" class="num">{t.col_arrivals}</th>
                                <th scope="col" class="num">{t.col_led_nowhere}</th>
                                <th scope="col">{t.col_top_target}</th>
                            </tr></thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|r| view! {
                                        <tr>
                                            <td><span class="query">{arrival_source_label(t, &r.source)}</span></td>
                                            <td class="num">{r.arrivals}</td>
                                            <td class="num">{r.led_nowhere}</td>
                                            <td>{r.top_target.unwrap_or_default()}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// The export address of one of the dashboard's tables, with its filter.
pub fn export_url(lang: Locale, table: &str, q: &DashboardQuery) -> String {
    format!("{}?{}", portal_url(lang, &format!("/export/{table}.csv")), q.query_string())
}

pub fn dashboard_page(lang: Locale, staff: &Staff, q: &DashboardQuery, data: Option<Dashboard>, problem: Option<&str>, today: &str, yesterday: &str, month_ago: &str) -> String {
    let t = PortalText::get(lang);
    let here = format!("{}?{}", portal_url(lang, ""), q.query_string());
    let lang_options = Locale::ALL
        .into_iter()
        .map(|l| view! { <option value=l.code() selected=q.lang == Some(l)>{l.native_name()}</option> })
        .collect_view();
    let source_options = [SourceFilter::Submitted, SourceFilter::All]
        .into_iter()
        .chain(ONE.into_iter().map(SourceFilter::One))
        .map(|s| view! { <option value=s.param() selected=q.source == s>{s.label(t)}</option> })
        .collect_view();
    let quick = |from: &str, to: &str| {
        let mut q2 = q.clone();
        q2.from = from.to_owned();
        q2.to = to.to_owned();
        format!("{}?{}", portal_url(lang, ""), q2.query_string())
    };
    let body = match data {
        None => view! { <p class="form-errors" role="alert">{t.unavailable}</p> }.into_any(),
        Some(d) => {
            let tt = d.totals;
            view! {
                <ul class="cards">
                    <li><span class="card-value">{tt.searches}</span><span class="card-label">{t.dash_searches}</span></li>
                    <li><span class="card-value">{percent(tt.zero, tt.searches)}</span><span class="card-label">{t.dash_zero_rate}</span></li>
                    <li><span class="card-value">{percent(tt.clicked, tt.searches - tt.zero)}</span><span class="card-label">{t.dash_ctr}</span></li>
                    <li><span class="card-value">{mean(tt.position_sum, tt.clicked)}</span><span class="card-label">{t.dash_mean_position}</span></li>
                </ul>
                {chart(t, q, &d.days, tt.searches)}
                <p class="export"><a href=export_url(lang, "daily", q)>{t.export_csv}</a>" ("{t.dash_per_day}")"</p>
                {query_table(t, t.dash_top_queries, d.top_queries, export_url(lang, "queries", q))}
                {query_table(t, t.dash_top_zero, d.top_zero, export_url(lang, "zero", q))}
                <section class="stat-table">
                    <h2>{t.dash_top_entries}</h2>
                    <p class="export"><a href=export_url(lang, "entries", q)>{t.export_csv}</a></p>
                    {if d.top_entries.is_empty() {
                        view! { <p class="hint">{t.none_yet}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table class="portal-table">
                                    <thead><tr>
                                        <th scope="col">{t.col_entry}</th>
                                        <th scope="col" class="num">{t.col_views}</th>
                                        <th scope="col" class="num">{t.col_clicks}</th>
                                    </tr></thead>
                                    <tbody>
                                        {d.top_entries
                                            .into_iter()
                                            .map(|e| view! {
                                                <tr>
                                                    <td><a href=urls::entry(lang, &e.id)>{e.title}</a></td>
                                                    <td class="num">{e.views}</td>
                                                    <td class="num">{e.clicks}</td>
                                                </tr>
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any()
                    }}
                </section>
                {arrivals_table(t, d.arrivals, export_url(lang, "arrivals", q))}
            }
            .into_any()
        }
    };
    let content = view! {
        <h1>{t.dash_title}</h1>
        {problem.map(|p| view! { <p class="form-errors" role="alert">{p.to_owned()}</p> })}
        <form class="portal-form filters" method="get" action=portal_url(lang, "")>
            <label for="f-from">{t.from}</label>
            <input type="date" id="f-from" name="from" value=q.from.clone()/>
            <label for="f-to">{t.to}</label>
            <input type="date" id="f-to" name="to" value=q.to.clone()/>
            <label for="f-lang">{t.locale}</label>
            <select id="f-lang" name="lang"><option value="">{t.any}</option>{lang_options}</select>
            <label for="f-source">{t.dash_source}</label>
            <select id="f-source" name="source">{source_options}</select>
            <button type="submit" class="secondary">{t.filter}</button>
        </form>
        <p class="quick-ranges">
            <a href=quick(yesterday, yesterday)>{t.dash_yesterday}</a>
            " · "
            <a href=quick(month_ago, today)>{t.dash_last_30}</a>
        </p>
        {body}
    };
    document(lang, t.dash_title, frame(lang, staff, Section::Dashboard, &here, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_busiest_day_and_fill_the_width() {
        let days = vec![
            DayPoint { date: "a".into(), searches: 10, zero: 2 },
            DayPoint { date: "b".into(), searches: 5, zero: 5 },
            DayPoint { date: "c".into(), searches: 0, zero: 0 },
            DayPoint { date: "d".into(), searches: 20, zero: 30 },
        ];
        let b = bars(&days);
        assert_eq!(b.len(), 4);
        assert_eq!(b[3].height, CHART_HEIGHT);
        assert_eq!(b[0].height, CHART_HEIGHT / 2.0);
        assert_eq!(b[1].zero_height, b[1].height);
        assert_eq!(b[2].height, 0.0);
        assert_eq!(b[3].zero_height, b[3].height, "more zero results than searches never overflows");
        assert!(b[3].x + b[3].width <= CHART_WIDTH);
        assert!(b[1].x > b[0].x + b[0].width, "a gap between bars");
        assert!(bars(&[]).is_empty());
    }

    #[test]
    fn rates_and_means_say_when_there_is_nothing_to_divide() {
        assert_eq!(percent(1, 4), "25.0%");
        assert_eq!(percent(0, 0), "–");
        assert_eq!(mean(7, 2), "3.5");
        assert_eq!(mean(0, 0), "–");
    }

    #[test]
    fn the_filter_round_trips_through_its_url() {
        let q = DashboardQuery { from: "2026-11-01".into(), to: "2026-11-24".into(), lang: Some(Locale::Ja), source: SourceFilter::One(SearchSource::Go) };
        assert_eq!(q.query_string(), "from=2026-11-01&to=2026-11-24&lang=ja&source=go");
        assert_eq!(SourceFilter::parse(Some("go")), SourceFilter::One(SearchSource::Go));
        assert_eq!(SourceFilter::parse(Some("all")), SourceFilter::All);
        assert_eq!(SourceFilter::parse(Some("nonsense")), SourceFilter::Submitted);
        assert!(SourceFilter::Submitted.includes("page") && !SourceFilter::Submitted.includes("suggest"));
        assert!(SourceFilter::All.includes("suggest"));
    }
}
