//! `dossier export`: the whole dossier as one JSON document, or as Markdown that reads well on
//! its own, every fact followed by its sources as footnotes (`[^source-id]`), each source defined
//! once at the end.

use std::fmt::Write as _;

use super::describe::{
    DATE_BASIS_LEGEND, clean, count, final_summary, leg, outcome_label, quote_date, quote_language,
    record, source_kind_label, stage_dates, stage_exit, stage_exit_short, team_kind_label,
    trophy_group_label,
};
use crate::model::{Dispute, Dossier, Id, TrophyKind, TrophyResult, is_web_url};

/// The whole dossier as pretty JSON, with the model's field names.
pub fn json(dossier: &Dossier) -> serde_json::Result<String> {
    super::show::to_json(dossier)
}

/// The whole dossier as a Markdown document.
pub fn markdown(d: &Dossier) -> String {
    let mut out = String::new();
    title(&mut out, d);
    subject(&mut out, d);
    timeline(&mut out, d);
    trophies(&mut out, d);
    matches(&mut out, d);
    offers(&mut out, d);
    quotes(&mut out, d);
    disputes(&mut out, d);
    sources(&mut out, d);
    out
}

/// Text from the data file, safe and on one line, with every character that Markdown or HTML
/// would read as more than a letter escaped with a backslash (CommonMark makes any escaped ASCII
/// punctuation literal): emphasis, code, links, footnotes and images (`[`, `]`), raw HTML and
/// autolinks (`<`), entities (`&`), table cells (`|`), strikethrough (`~`) and math (`$`). Fit for headings
/// and the middle of a line.
fn escape(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`escape`], and also safe at the start of a block.
fn md(text: &str) -> String {
    let mut out = escape(text);
    // At the start of a block these would begin a heading, a quote, a list or a rule.
    if out.starts_with(['#', '>', '-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(i) = out.find(|c: char| !c.is_ascii_digit())
        && i > 0
        && out[i..].starts_with(['.', ')'])
    {
        // `1961. ` would start an ordered list: escape the dot, a backslash before a digit is
        // printed as it is.
        out.insert(i, '\\');
    }
    out
}

/// The text as a sentence: it ends with a full stop unless it already ends a sentence.
fn sentence(text: String) -> String {
    if text.is_empty() || text.ends_with(['.', '!', '?', '…']) {
        text
    } else {
        format!("{text}.")
    }
}

/// A footnote label for a source id. Ids are `[a-z0-9-]+` once validated; anything else is
/// replaced so that a reference and its definition always agree.
fn label(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Footnote references for these sources: `[^a] [^b]`.
fn refs(ids: &[Id]) -> String {
    ids.iter()
        .map(|id| format!("[^{}]", label(id)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text followed by its footnotes, with no dangling space when either is empty.
fn with_refs(text: &str, ids: &[Id]) -> String {
    let r = refs(ids);
    match (text.is_empty(), r.is_empty()) {
        (_, true) => text.to_string(),
        (true, false) => r,
        (false, false) => format!("{text} {r}"),
    }
}

const DISPUTED: &str = "([disputed](#disputes))";

fn disputed(text: String, disputes: &[Dispute]) -> String {
    if disputes.is_empty() {
        text
    } else {
        format!("{text} {DISPUTED}")
    }
}

fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

fn title(out: &mut String, d: &Dossier) {
    let _ = writeln!(out, "# {}\n", escape(&d.subject.name));
    let _ = writeln!(
        out,
        "A sourced career dossier: {}, {}, {}, {} and {}. Every fact is followed by its \
         sources as footnotes; where the sources disagree, every version is listed under \
         [Disputes](#disputes).\n",
        count(d.stages.len(), "stage", "stages"),
        count(d.trophies.len(), "trophy", "trophies"),
        count(d.matches.len(), "key match", "key matches"),
        count(d.offers.len(), "offer", "offers"),
        count(d.quotes.len(), "quote", "quotes"),
    );
}

fn subject(out: &mut String, d: &Dossier) {
    let s = &d.subject;
    let _ = writeln!(out, "## Subject\n");
    let _ = writeln!(out, "- **Name:** {}", md(&s.name));
    let about = |fields: &[&str]| -> Vec<Dispute> {
        s.disputes
            .iter()
            .filter(|x| super::describe::is_about(x, fields))
            .cloned()
            .collect()
    };
    if let Some(full) = &s.full_name {
        let _ = writeln!(
            out,
            "- **Full name:** {}",
            disputed(md(full), &about(&["full_name"]))
        );
    }
    if let Some(born) = &s.born {
        let mut parts = Vec::new();
        if let Some(date) = &born.date {
            parts.push(date.to_string());
        }
        if let Some(place) = &born.place {
            parts.push(md(place));
        }
        let _ = writeln!(
            out,
            "- **Born:** {}",
            disputed(parts.join(", "), &about(&["born"]))
        );
    }
    if let Some(n) = &s.nationality {
        let _ = writeln!(
            out,
            "- **Nationality:** {}",
            disputed(md(n), &about(&["nationality"]))
        );
    }
    if let Some(n) = &s.nickname {
        let _ = writeln!(
            out,
            "- **Nickname:** {}",
            disputed(md(n), &about(&["nickname"]))
        );
    }
    let _ = writeln!(out, "- **Sources:** {}\n", refs(&s.sources));
    if let Some(summary) = &s.summary {
        let _ = writeln!(out, "{}\n", with_refs(&md(summary), &s.sources));
    }
}

fn timeline(out: &mut String, d: &Dossier) {
    if d.stages.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Timeline\n");
    let rows: Vec<Vec<String>> = d
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut sources = s.sources.clone();
            if let Some(r) = &s.record {
                sources.extend(
                    r.sources
                        .iter()
                        .filter(|id| !s.sources.contains(id))
                        .cloned(),
                );
            }
            vec![
                (i + 1).to_string(),
                stage_dates(s),
                disputed(md(&s.team), &s.disputes),
                md(&s.country),
                md(&stage_exit_short(s, 40)),
                s.record.as_ref().map(record).unwrap_or_default(),
                refs(&sources),
            ]
        })
        .collect();
    table(
        out,
        &[
            "#",
            "Dates",
            "Team",
            "Country",
            "How it ended",
            "Record (W D L, played)",
            "Sources",
        ],
        &rows,
    );
    for (i, s) in d.stages.iter().enumerate() {
        let mut line = format!(
            "**{}. {}** ({}, {}, {}).",
            i + 1,
            md(&s.team),
            team_kind_label(s.kind),
            md(&s.country),
            stage_dates(s)
        );
        if let Some(note) = &s.start_note {
            let _ = write!(line, " Start: {}", sentence(md(note)));
        }
        if let Some(summary) = &s.summary {
            let _ = write!(line, " {}", sentence(md(summary)));
        }
        let ended = stage_exit(s);
        if !ended.is_empty() {
            let _ = write!(line, " End: {}", sentence(md(&ended)));
        }
        line = with_refs(&line, &s.sources);
        if let Some(r) = &s.record {
            let _ = write!(line, " Record: {}.", record(r));
            if let Some(note) = &r.note {
                let _ = write!(line, " {}", sentence(md(note)));
            }
            line = with_refs(&line, &r.sources);
        }
        let _ = writeln!(out, "{line}\n");
    }
}

fn trophies(out: &mut String, d: &Dossier) {
    if d.trophies.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Trophies\n");
    let groups = [
        (TrophyResult::Won, TrophyKind::Title),
        (TrophyResult::RunnerUp, TrophyKind::Title),
        (TrophyResult::Won, TrophyKind::Conference),
        (TrophyResult::RunnerUp, TrophyKind::Conference),
    ];
    for (result, kind) in groups {
        let members: Vec<_> = d
            .trophies
            .iter()
            .filter(|t| t.result == result && t.kind == kind)
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "### {} ({})\n",
            trophy_group_label(result, kind),
            members.len()
        );
        let rows: Vec<Vec<String>> = members
            .iter()
            .map(|t| {
                let team = d
                    .stage(&t.stage)
                    .map_or_else(|| md(&t.stage), |s| md(&s.team));
                vec![
                    md(&t.season),
                    disputed(md(&t.competition), &t.disputes),
                    team,
                    md(&final_summary(t)),
                    refs(&t.sources),
                ]
            })
            .collect();
        table(
            out,
            &["Season", "Competition", "Team", "Final", "Sources"],
            &rows,
        );
        let detailed: Vec<_> = members
            .iter()
            .filter(|t| t.summary.is_some() || !t.legs.is_empty())
            .collect();
        for t in &detailed {
            let mut line = format!("- **{} {}.**", md(&t.competition), md(&t.season));
            for l in &t.legs {
                let mut leg_text = leg(l);
                let place = [l.venue.as_deref(), l.city.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(clean)
                    .collect::<Vec<_>>()
                    .join(", ");
                if !place.is_empty() {
                    leg_text = format!("{leg_text} ({place})");
                }
                match &l.date {
                    Some(date) => {
                        let _ = write!(line, " {date}: {}.", md(&leg_text));
                    }
                    None => {
                        let _ = write!(line, " {}.", md(&leg_text));
                    }
                }
            }
            if let Some(summary) = &t.summary {
                let _ = write!(line, " {}", sentence(md(summary)));
            }
            let _ = writeln!(out, "{}", with_refs(&line, &t.sources));
        }
        if !detailed.is_empty() {
            out.push('\n');
        }
    }
}

fn matches(out: &mut String, d: &Dossier) {
    if d.matches.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Key matches\n");
    for m in &d.matches {
        let _ = writeln!(
            out,
            "### {} {} {}\n",
            escape(&m.home),
            md(&m.score),
            md(&m.away)
        );
        let mut facts = vec![m.date.to_string(), md(&m.competition)];
        let place = [m.venue.as_deref(), m.city.as_deref()]
            .into_iter()
            .flatten()
            .map(md)
            .collect::<Vec<_>>()
            .join(", ");
        if !place.is_empty() {
            facts.push(place);
        }
        if let Some(s) = d.stage(&m.stage) {
            facts.push(format!("{} ({})", md(&s.team), stage_dates(s)));
        }
        let _ = writeln!(out, "{}.\n", disputed(facts.join(" · "), &m.disputes));
        if !m.goals.is_empty() {
            let goals: Vec<String> = m
                .goals
                .iter()
                .map(|g| {
                    let mut s = format!("{} ({})", md(&g.player), md(&g.team));
                    if let Some(min) = &g.minute {
                        let _ = write!(s, " {}'", md(min));
                    }
                    if g.own_goal {
                        s.push_str(", own goal");
                    }
                    s
                })
                .collect();
            let _ = writeln!(out, "Goals: {}.\n", goals.join("; "));
        }
        let summary = m.summary.as_deref().map(md).unwrap_or_default();
        let _ = writeln!(out, "{}\n", with_refs(&summary, &m.sources));
    }
}

fn offers(out: &mut String, d: &Dossier) {
    if d.offers.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Offers\n");
    for o in &d.offers {
        let _ = writeln!(
            out,
            "### {} ({}), {}: {}\n",
            escape(&o.team),
            team_kind_label(o.kind),
            o.date,
            outcome_label(o.outcome)
        );
        let when = match &o.end {
            Some(end) if *end != o.date => format!("{} – {end}", o.date),
            _ => o.date.to_string(),
        };
        let _ = writeln!(out, "- **When:** {when}");
        let _ = writeln!(out, "- **Offered by:** {}", md(&o.offered_by));
        if let Some(s) = d.stage(&o.stage) {
            let _ = writeln!(out, "- **While at:** {} ({})", md(&s.team), stage_dates(s));
        }
        let mut outcome = outcome_label(o.outcome).to_string();
        if let Some(who) = &o.appointed {
            let _ = write!(outcome, "; {} appointed", md(who));
        }
        let _ = writeln!(out, "- **Outcome:** {}", disputed(outcome, &o.disputes));
        for a in &o.actors {
            let _ = writeln!(
                out,
                "- **{}:** {}",
                md(&a.name),
                with_refs(&md(&a.role), &a.sources)
            );
        }
        out.push('\n');
        let summary = o.summary.as_deref().map(md).unwrap_or_default();
        let _ = writeln!(out, "{}\n", with_refs(&summary, &o.sources));
        if !o.events.is_empty() {
            let _ = writeln!(out, "**Chronology**\n");
            let rows: Vec<Vec<String>> = o
                .events
                .iter()
                .map(|e| {
                    let date = if e.approximate {
                        format!("about {}", e.date)
                    } else {
                        e.date.to_string()
                    };
                    vec![date, md(&e.summary), refs(&e.sources)]
                })
                .collect();
            table(out, &["Date", "What happened", "Sources"], &rows);
        }
        if !o.explanations.is_empty() {
            let _ = writeln!(out, "**Reported explanations**\n");
            for e in &o.explanations {
                let _ = writeln!(out, "- {}", with_refs(&md(&e.summary), &e.sources));
            }
            out.push('\n');
        }
    }
}

fn quotes(out: &mut String, d: &Dossier) {
    if d.quotes.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Quotes\n");
    if d.quotes.iter().any(|q| q.date_basis.is_some()) {
        let _ = writeln!(out, "_{DATE_BASIS_LEGEND}_\n");
    }
    for q in &d.quotes {
        let _ = writeln!(out, "> “{}”\n>", md(&q.text));
        let mut by = md(&q.speaker);
        if let Some(role) = &q.role {
            let _ = write!(by, ", {}", md(role));
        }
        let when = quote_date(q);
        if !when.is_empty() {
            let _ = write!(by, ", {when}");
        }
        let language = if q.translation {
            format!("translation, {}", escape(&quote_language(q)))
        } else {
            escape(&quote_language(q))
        };
        let _ = writeln!(
            out,
            "> — {by} ({language}) {}\n",
            refs(std::slice::from_ref(&q.source))
        );
        if let Some(context) = &q.context {
            let _ = writeln!(out, "Context: {}\n", md(context));
        }
    }
}

fn disputes(out: &mut String, d: &Dossier) {
    let mut all: Vec<(String, &Dispute)> = Vec::new();
    all.extend(
        d.subject
            .disputes
            .iter()
            .map(|x| ("Subject".to_string(), x)),
    );
    for s in &d.stages {
        all.extend(
            s.disputes
                .iter()
                .map(|x| (format!("{} ({})", clean(&s.team), stage_dates(s)), x)),
        );
    }
    for t in &d.trophies {
        all.extend(
            t.disputes
                .iter()
                .map(|x| (format!("{} {}", clean(&t.competition), clean(&t.season)), x)),
        );
    }
    for m in &d.matches {
        all.extend(m.disputes.iter().map(|x| {
            (
                format!("{} {} {}", clean(&m.home), clean(&m.score), clean(&m.away)),
                x,
            )
        }));
    }
    for o in &d.offers {
        all.extend(
            o.disputes
                .iter()
                .map(|x| (format!("{} offer, {}", clean(&o.team), o.date), x)),
        );
    }
    let _ = writeln!(out, "## Disputes\n");
    if all.is_empty() {
        let _ = writeln!(out, "The sources agree on every fact recorded here.\n");
        return;
    }
    for (record, dispute) in all {
        let _ = writeln!(out, "### {}: {}\n", escape(&record), md(&dispute.field));
        if let Some(note) = &dispute.note {
            let _ = writeln!(out, "{}\n", md(note));
        }
        for v in &dispute.versions {
            let _ = writeln!(out, "- {}", with_refs(&md(&v.value), &v.sources));
        }
        out.push('\n');
    }
}

fn sources(out: &mut String, d: &Dossier) {
    let _ = writeln!(out, "## Sources\n");
    let _ = writeln!(
        out,
        "{}, each cited above as a footnote.\n",
        count(d.sources.len(), "source", "sources")
    );
    for s in &d.sources {
        let mut line = format!(
            "[^{}]: *{}*. {}",
            label(&s.id),
            md(&s.title),
            md(&s.publisher)
        );
        if let Some(date) = &s.date {
            let _ = write!(line, ", {date}");
        }
        let _ = write!(
            line,
            " ({}, {}).",
            source_kind_label(s.kind),
            md(&s.language)
        );
        if let Some(url) = &s.url {
            // Only a web address becomes a link: `javascript:` or `data:` would run or show
            // whatever they hold when clicked. The loader refuses them; this is for a dossier
            // that came another way.
            let safe = clean(url);
            if is_web_url(&safe) {
                let _ = write!(line, " <{safe}>");
            } else {
                let _ = write!(line, " {}", escape(&safe));
            }
        }
        if let Some(note) = &s.note {
            let _ = write!(line, " Note: {}", md(note));
        }
        let _ = writeln!(out, "{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_format_the_markdown() {
        assert_eq!(
            md("a | b *c* _d_ [^x] <b> &amp; ~~s~~ ![i](j)"),
            r"a \| b \*c\* \_d\_ \[^x\] \<b\> \&amp; \~\~s\~\~ \!\[i\](j)"
        );
        assert_eq!(md("# not a heading"), r"\# not a heading");
        assert_eq!(md("1961. A year"), r"1961\. A year");
        assert_eq!(md("- not a list"), r"\- not a list");
        assert_eq!(md("two\nlines"), "two lines");
        assert_eq!(md("bell\u{7}"), r"bell\\u{7}");
    }

    #[test]
    fn footnote_labels_match_their_definitions_whatever_the_id() {
        assert_eq!(label("el-tiempo-2023"), "el-tiempo-2023");
        assert_eq!(label("a b]c"), "a-b-c");
    }
}
