//! Fuzzy search over quotes, behind a small interface so the matcher can be measured and swapped.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Quote;

/// Which part of a quote a match was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The quote's words.
    Text,
    /// Who said it.
    Speaker,
    /// The context.
    Context,
}

/// One quote that matches a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the quote in the dossier's `quotes`.
    pub quote: usize,
    /// Higher is better.
    pub score: i64,
    /// The field the best match was found in.
    pub field: Field,
    /// Char indices (not byte indices) of the matched characters in that field.
    pub positions: Vec<usize>,
}

/// Ranks quotes against a query: text, speaker and context are searched, best match first.
pub struct QuoteSearch {
    matcher: SkimMatcherV2,
}

impl Default for QuoteSearch {
    fn default() -> Self {
        Self {
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }
}

impl QuoteSearch {
    /// Every quote matching `query`, best first (ties keep dossier order). An empty query matches nothing.
    pub fn search(&self, quotes: &[Quote], query: &str) -> Vec<Hit> {
        if query.trim().is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = quotes
            .iter()
            .enumerate()
            .filter_map(|(i, q)| self.best(i, q, query))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.quote.cmp(&b.quote)));
        hits
    }

    fn best(&self, index: usize, quote: &Quote, query: &str) -> Option<Hit> {
        let fields = [
            (Field::Text, Some(quote.text.as_str())),
            (Field::Speaker, Some(quote.speaker.as_str())),
            (Field::Context, quote.context.as_deref()),
        ];
        fields
            .into_iter()
            .filter_map(|(field, text)| {
                let (score, positions) = self.matcher.fuzzy_indices(text?, query)?;
                Some(Hit {
                    quote: index,
                    score,
                    field,
                    positions,
                })
            })
            .max_by_key(|hit| hit.score)
    }
}
