//! What a CommonMark renderer (pulldown-cmark, with GitHub's tables, footnotes, strikethrough,
//! task lists and math) makes of a Markdown export: the elements it finds, so that a test can
//! say no field of a hostile dossier became HTML, an image, code or a link to anything but the
//! web.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// What an export holds, as a renderer sees it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Elements an export must never hold, each as a readable line.
    pub unexpected: Vec<String>,
    /// The text of every text event, joined: what a reader sees.
    pub text: String,
    /// How many footnote references, tables and links (to the web or to `#disputes`) it holds.
    pub footnotes: usize,
    pub tables: usize,
    pub links: usize,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// A link an export may make: a source's web address, or the disputes section.
fn allowed_link(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    dest == "#disputes" || lower.starts_with("https://") || lower.starts_with("http://")
}

/// Renders `markdown` and sorts what it finds.
pub fn render(markdown: &str) -> Rendered {
    let mut r = Rendered::default();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) => r.text.push_str(&t),
            Event::FootnoteReference(_) => r.footnotes += 1,
            Event::Start(tag) => match tag {
                Tag::Heading { .. }
                | Tag::Paragraph
                | Tag::List(_)
                | Tag::Item
                | Tag::Strong
                | Tag::Emphasis
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::BlockQuote(None)
                | Tag::FootnoteDefinition(_) => {}
                Tag::Table(_) => r.tables += 1,
                Tag::Link { dest_url, .. } if allowed_link(&dest_url) => r.links += 1,
                other => r.unexpected.push(format!("{other:?}")),
            },
            Event::End(_) | Event::SoftBreak | Event::HardBreak => {}
            other => r.unexpected.push(format!("{other:?}")),
        }
    }
    // The HTML a site would serve, checked too: no element came from the data.
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    for needle in [
        "<script",
        "<img",
        "<iframe",
        "href=\"javascript",
        "href=\"data",
        "href=\"vbscript",
    ] {
        if html.to_ascii_lowercase().contains(needle) {
            r.unexpected.push(format!("{needle} in the HTML"));
        }
    }
    r
}

/// Markdown and HTML an attacker would put in a field, every trick in one line.
pub const PAYLOAD: &str = "<img src=x onerror=alert(document.domain)> <script>alert(1)</script> \
    [c](javascript:alert(1)) ![i](https://evil.example/x.png) <https://evil.example> \
    <javascript:alert(1)> `code` ``` *em* **strong** _u_ ~~s~~ &lt;b&gt; &#x3C;script&#x3E; \
    [^fake] [ref]: javascript:alert(1) | a | b | $x^2$ <!-- c --> <div>d</div> - [ ] task \\";

/// A part of [`PAYLOAD`] that must reach the reader as text, unchanged.
pub const SEEN: &str = "<img src=x onerror=alert(document.domain)>";
