//! Large, valid, deterministic dossiers for benchmarks and property tests.
//!
//! Not part of the tool: `examples/gen.rs` writes them as YAML files, the benches build them in memory.
//! The same seed always gives the same dossier (a small built-in PRNG, no platform randomness), so
//! benchmark numbers can be reproduced and compared.

use std::io::{self, Write};

use crate::model::{
    Actor, Birth, Dispute, Dossier, Event, Exit, Explanation, Goal, Leg, Match, Offer,
    OfferOutcome, PartialDate, Quote, Record, Source, SourceKind, Stage, Subject, TeamKind, Text,
    Trophy, TrophyKind, TrophyResult, Version, days_in_month,
};

/// SplitMix64: tiny, fast, and good enough to make text look varied.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x5EED_D055_1E00_0000)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        // Multiply-shift: no modulo bias worth caring about for text generation.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ES_WORDS: &[&str] = &[
    "el",
    "la",
    "los",
    "las",
    "de",
    "del",
    "que",
    "y",
    "en",
    "un",
    "una",
    "por",
    "con",
    "para",
    "no",
    "es",
    "se",
    "lo",
    "como",
    "más",
    "pero",
    "muy",
    "todo",
    "siempre",
    "nunca",
    "hoy",
    "equipo",
    "partido",
    "selección",
    "fútbol",
    "jugadores",
    "rotación",
    "táctica",
    "entrenador",
    "afición",
    "campeonato",
    "victoria",
    "derrota",
    "esfuerzo",
    "país",
    "trabajo",
    "corazón",
    "orgullo",
    "mañana",
    "mejor",
    "difícil",
    "decisión",
    "análisis",
    "también",
    "después",
    "según",
    "técnico",
    "jugamos",
    "ganamos",
    "perdimos",
    "estadio",
    "camiseta",
    "historia",
    "grupo",
    "objetivo",
    "presión",
    "momento",
    "competencia",
    "día",
    "años",
    "rival",
    "balón",
    "pelota",
    "cancha",
    "gol",
    "goles",
    "defensa",
    "ataque",
    "transición",
    "intensidad",
    "orden",
    "respeto",
    "humildad",
    "convicción",
    "proceso",
    "idea",
    "estilo",
    "posesión",
    "presionar",
    "recuperar",
    "jugar",
    "ganar",
    "aprender",
    "creer",
    "sueño",
    "periodistas",
    "críticas",
    "federación",
    "directiva",
    "contrato",
    "propuesta",
    "oferta",
    "cariño",
    "gente",
    "pueblo",
    "nación",
    "árbitro",
    "penal",
    "minuto",
    "segundo",
    "tiempo",
    "cansancio",
    "viaje",
    "altura",
    "calor",
    "clima",
    "físico",
    "mental",
    "emocional",
    "sacrificio",
    "compromiso",
    "lealtad",
    "Mundial",
    "Copa",
    "Liga",
    "México",
    "Colombia",
    "Honduras",
    "Paraguay",
    "Medellín",
    "Bogotá",
    "Pereira",
    "Manizales",
    "Tegucigalpa",
    "Asunción",
    "Atlético",
    "Nacional",
    "América",
    "Alemania",
    "Suecia",
    "Corea",
    "Brasil",
    "Costa Rica",
    "campeón",
    "título",
    "final",
    "semifinal",
    "clasificación",
    "eliminatoria",
    "convocatoria",
    "lesión",
    "suplente",
    "titular",
    "vestuario",
    "compañeros",
    "familia",
    "Dios",
    "gracias",
    "ojalá",
    "así",
    "aquí",
    "allá",
    "ahí",
    "porque",
    "aunque",
    "cuando",
    "donde",
    "quién",
    "qué",
    "cómo",
    "cuál",
];

const EN_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "of",
    "to",
    "in",
    "we",
    "I",
    "you",
    "they",
    "it",
    "is",
    "was",
    "are",
    "be",
    "have",
    "had",
    "not",
    "but",
    "with",
    "for",
    "on",
    "at",
    "this",
    "that",
    "every",
    "team",
    "match",
    "players",
    "rotation",
    "training",
    "coach",
    "fans",
    "win",
    "won",
    "lost",
    "pressure",
    "game",
    "season",
    "national",
    "World",
    "Cup",
    "think",
    "believe",
    "proud",
    "day",
    "work",
    "hard",
    "respect",
    "opponent",
    "squad",
    "tactics",
    "system",
    "shape",
    "press",
    "possession",
    "transition",
    "intensity",
    "goal",
    "goals",
    "defence",
    "attack",
    "referee",
    "penalty",
    "minute",
    "fitness",
    "travel",
    "altitude",
    "heat",
    "history",
    "federation",
    "contract",
    "offer",
    "decision",
    "analysis",
    "performance",
    "result",
    "results",
    "future",
    "country",
    "people",
    "journalists",
    "criticism",
    "dressing",
    "room",
    "family",
    "dream",
    "Mexico",
    "Colombia",
    "Honduras",
    "Paraguay",
    "Germany",
    "Sweden",
    "Korea",
    "Brazil",
    "Chicago",
    "New York",
    "Red Bulls",
    "Fire",
    "league",
    "title",
    "final",
    "qualifiers",
    "always",
    "never",
    "today",
    "tomorrow",
    "again",
    "together",
    "really",
    "very",
    "much",
    "it's",
    "don't",
    "we're",
    "can't",
    "didn't",
    "that's",
    "there's",
    "I'm",
    "we've",
];

const PT_WORDS: &[&str] = &[
    "o",
    "a",
    "os",
    "as",
    "de",
    "do",
    "da",
    "que",
    "e",
    "em",
    "um",
    "uma",
    "não",
    "é",
    "com",
    "para",
    "por",
    "mais",
    "mas",
    "muito",
    "sempre",
    "nunca",
    "hoje",
    "time",
    "jogo",
    "seleção",
    "futebol",
    "jogadores",
    "treinador",
    "torcida",
    "vitória",
    "derrota",
    "coração",
    "orgulho",
    "amanhã",
    "decisão",
    "também",
    "então",
    "à",
    "está",
    "nós",
    "vamos",
    "trabalho",
    "difícil",
    "técnico",
    "campeão",
    "estádio",
    "rodízio",
    "tática",
    "elenco",
    "gol",
    "gols",
    "defesa",
    "ataque",
    "transição",
    "intensidade",
    "pressão",
    "posse",
    "bola",
    "campo",
    "árbitro",
    "pênalti",
    "minuto",
    "tempo",
    "cansaço",
    "viagem",
    "calor",
    "físico",
    "emocional",
    "sacrifício",
    "compromisso",
    "respeito",
    "humildade",
    "convicção",
    "processo",
    "ideia",
    "estilo",
    "sonho",
    "jornalistas",
    "críticas",
    "diretoria",
    "contrato",
    "proposta",
    "carinho",
    "povo",
    "nação",
    "São Paulo",
    "Brasil",
    "Morumbi",
    "Paulistão",
    "Brasileirão",
    "Libertadores",
    "Rogério Ceni",
    "d'água",
    "irmãos",
    "família",
    "obrigado",
    "graças",
    "ninguém",
    "alguém",
    "você",
    "vocês",
];

const EMOJI: &[&str] = &[
    "⚽", "🙏", "💪", "🔥", "😀", "👏", "🇲🇽", "🇨🇴", "🇭🇳", "🏆", "❤️",
];

const TEAMS: &[(&str, &str, TeamKind)] = &[
    ("Deportes Quindío", "Colombia", TeamKind::Club),
    ("Millonarios", "Colombia", TeamKind::Club),
    ("Chicago Fire", "United States", TeamKind::Club),
    ("New York Red Bulls", "United States", TeamKind::Club),
    ("Once Caldas", "Colombia", TeamKind::Club),
    ("Puebla", "Mexico", TeamKind::Club),
    ("Atlético Nacional", "Colombia", TeamKind::Club),
    ("São Paulo", "Brazil", TeamKind::Club),
    ("Mexico", "Mexico", TeamKind::NationalTeam),
    ("Paraguay", "Paraguay", TeamKind::NationalTeam),
    ("América de Cali", "Colombia", TeamKind::Club),
    ("Tijuana", "Mexico", TeamKind::Club),
    ("Zamalek", "Egypt", TeamKind::Club),
    ("Athletico Paranaense", "Brazil", TeamKind::Club),
    ("Deportivo Pereira", "Colombia", TeamKind::Club),
    ("Santos Laguna", "Mexico", TeamKind::Club),
    ("Independiente Medellín", "Colombia", TeamKind::Club),
    ("Honduras", "Honduras", TeamKind::NationalTeam),
    ("Costa Rica", "Costa Rica", TeamKind::NationalTeam),
];

const PUBLISHERS: &[(&str, &str)] = &[
    ("El Tiempo", "es"),
    ("El Espectador", "es"),
    ("Semana", "es"),
    ("Diez", "es"),
    ("La Prensa", "es"),
    ("ESPN Deportes", "es"),
    ("Récord", "es"),
    ("Marca", "es"),
    ("The Guardian", "en"),
    ("ESPN FC", "en"),
    ("The Athletic", "en"),
    ("MLSsoccer.com", "en"),
    ("Chicago Tribune", "en"),
    ("Globo Esporte", "pt"),
    ("Folha de S.Paulo", "pt"),
    ("Lance!", "pt"),
    ("UOL Esporte", "pt"),
];

const SPEAKERS: &[(&str, Option<&str>)] = &[
    ("Juan Carlos Osorio", Some("head coach")),
    ("Juan Carlos Osorio", None),
    ("Rafael Márquez", Some("captain")),
    ("Javier \"Chicharito\" Hernández", Some("forward")),
    ("Guillermo Ochoa", Some("goalkeeper")),
    ("José Ernesto Sosa", Some("journalist at Diez")),
    ("Jorge Salomón", Some("president of the federation")),
    ("Rogério Ceni", Some("former captain")),
    ("Andrés Cantor", Some("broadcaster")),
    ("Miguel Borja", Some("forward")),
    ("Jürgen Klinsmann", None),
    ("Dayron Pérez", Some("fan")),
];

const CONTEXT_OPENERS: &[&str] = &[
    "Press conference after the",
    "Interview before the",
    "Post-match remarks following the",
    "Speaking to reporters about the",
    "Radio interview on the eve of the",
    "Statement after the",
    "Training-ground comments ahead of the",
];

const CONTEXT_EVENTS: &[&str] = &[
    "2-1 win over",
    "1-1 draw with",
    "0-1 defeat to",
    "3-0 win against",
    "goalless draw with",
    "Copa Libertadores tie with",
    "World Cup qualifier against",
    "final against",
    "friendly with",
];

const CONTEXT_TAILS: &[&str] = &[
    "in which he rotated the starting line-up again.",
    "when asked about his future.",
    "answering criticism of his tactics.",
    "after the federation's offer was reported.",
    "on a night of heavy rain.",
    "with the title race still open.",
    "",
];

/// The shape of a generated dossier.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// How many quotes.
    pub quotes: usize,
    /// How many sources (at least one per stage).
    pub sources: usize,
    /// The seed: the same spec always gives the same dossier.
    pub seed: u64,
}

impl Spec {
    /// `quotes` quotes, 300 sources, seed 1.
    pub fn new(quotes: usize) -> Self {
        Self {
            quotes,
            sources: 300,
            seed: 1,
        }
    }
}

/// Queries typed in the keystroke benchmarks: Spanish and Portuguese with and without accents,
/// English with a space, and a name with a capital (case-sensitive).
pub const QUERIES: &[&str] = &[
    "jugadores",
    "seleccion",
    "Osorio",
    "world cup",
    "seleção",
    "presión",
];

/// Queries in fzf's extended syntax for the same benchmarks: an exact term, a fuzzy and an exact
/// one, a prefix, a negation, alternatives.
pub const SYNTAX_QUERIES: &[&str] = &[
    "'seleccion",
    "jugadores 'mexico",
    "^la sel",
    "world cup !brazil",
    "presion | pressure",
    "'Osorio dijo",
];

/// What the search box holds after each keystroke when `query` is typed and then deleted again
/// with backspace: "a", "ab", "abc", "ab", "a".
pub fn keystrokes(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    (1..=chars.len())
        .chain((1..chars.len()).rev())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

/// A whole generated dossier in memory.
pub fn dossier(spec: Spec) -> Dossier {
    let mut dossier = skeleton(spec);
    dossier.quotes = QuoteGen::new(&dossier, spec.seed)
        .take(spec.quotes)
        .collect();
    dossier
}

/// Just the quotes of a generated dossier (what the search benches need).
pub fn quotes(spec: Spec) -> Vec<Quote> {
    let skeleton = skeleton(spec);
    QuoteGen::new(&skeleton, spec.seed)
        .take(spec.quotes)
        .collect()
}

/// Writes a generated dossier as YAML, streaming the quotes (memory stays small at any size).
pub fn write_yaml<W: Write>(out: W, spec: Spec) -> io::Result<()> {
    let skeleton = skeleton(spec);
    let mut y = Yaml::new(out);
    y.dossier_head(&skeleton)?;
    y.raw("quotes:\n")?;
    for quote in QuoteGen::new(&skeleton, spec.seed).take(spec.quotes) {
        y.quote(&quote)?;
    }
    y.out.flush()
}

fn date(year: u16, month: u8, day: u8) -> PartialDate {
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// A day-precision date uniformly inside `[start, end]` (by year and month; days are clamped).
fn date_between(rng: &mut Rng, start: PartialDate, end: PartialDate) -> PartialDate {
    let (y0, m0, _) = start.earliest();
    let (y1, m1, _) = end.latest();
    let a = usize::from(y0) * 12 + usize::from(m0 - 1);
    let b = usize::from(y1) * 12 + usize::from(m1 - 1);
    let months = if b > a { rng.range(a, b) } else { a };
    let year = (months / 12) as u16;
    let month = (months % 12) as u8 + 1;
    let day = rng.range(1, usize::from(days_in_month(year, month))) as u8;
    let d = date(year, month, day);
    // Keep it inside the range when start or end fall mid-month.
    d.clamp(start, date(y1, m1, end.latest().2))
}

fn cite(rng: &mut Rng, n_sources: usize, count: usize) -> Vec<String> {
    let mut ids: Vec<usize> = (0..count).map(|_| rng.below(n_sources)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().map(source_id).collect()
}

fn source_id(i: usize) -> String {
    format!("src-{i:04}")
}

/// Everything but the quotes: subject, sources, ~15 stages, trophies, matches and offers, all
/// cross-referenced, every source cited at least once.
pub fn skeleton(spec: Spec) -> Dossier {
    let mut rng = Rng::new(spec.seed.wrapping_mul(31).wrapping_add(7));
    let n_sources = spec.sources.max(TEAMS.len());

    let sources: Vec<Source> = (0..n_sources)
        .map(|i| {
            let (publisher, language) = *rng.pick(PUBLISHERS);
            let year = rng.range(1996, 2025) as u16;
            let month = rng.range(1, 12) as u8;
            let day = rng.range(1, usize::from(days_in_month(year, month))) as u8;
            let kind = *rng.pick(&[
                SourceKind::Article,
                SourceKind::Article,
                SourceKind::Article,
                SourceKind::Broadcast,
                SourceKind::Profile,
                SourceKind::Statement,
                SourceKind::Tweet,
                SourceKind::Blog,
            ]);
            let words: &[&str] = match language {
                "es" => ES_WORDS,
                "pt" => PT_WORDS,
                _ => EN_WORDS,
            };
            let len = rng_len(&mut rng, 25, 90);
            let title = sentence(&mut rng, words, len, false);
            Source {
                id: Text::from(source_id(i)),
                title: Text::from(title.trim_end_matches(['.', '!', '?']).to_string()),
                publisher: Text::from(publisher.to_string()),
                date: rng.chance(90).then(|| date(year, month, day)),
                url: Some(
                    format!(
                        "https://example.org/{}/{year}/{month:02}/{i}",
                        publisher.to_lowercase().replace([' ', '.', '!'], "-")
                    )
                    .into(),
                ),
                language: Text::from(language.to_string()),
                kind,
                note: rng
                    .chance(5)
                    .then(|| "Machine translation used.".to_string())
                    .map(Text::from),
            }
        })
        .collect();

    // ~15 stages, oldest first, with gaps, from 1995 on.
    let n_stages = 15;
    let mut stages = Vec::with_capacity(n_stages);
    // Months since year 0: stages follow each other with a gap of 1 to 8 months.
    let mut month = 1995 * 12 + rng.below(12);
    let at =
        |month: usize, day: usize| date((month / 12) as u16, (month % 12) as u8 + 1, day as u8);
    for i in 0..n_stages {
        let (team, country, kind) = TEAMS[i % TEAMS.len()];
        let start = at(month, rng.range(1, 28));
        month += rng.range(6, 24);
        let last = i + 1 == n_stages;
        let end = (!last).then(|| at(month, rng.range(1, 28)));
        month += rng.range(1, 8);
        let exit = if last {
            Exit::Ongoing
        } else {
            *rng.pick(&[
                Exit::Left,
                Exit::Resigned,
                Exit::Dismissed,
                Exit::MutualAgreement,
            ])
        };
        let summary_len = rng_len(&mut rng, 80, 200);
        let won = rng.range(5, 40) as u32;
        let drawn = rng.range(3, 20) as u32;
        let lost = rng.range(2, 20) as u32;
        stages.push(Stage {
            id: format!("{}-{}", slug(team), start.year).into(),
            team: Text::from(team.to_string()),
            kind,
            country: Text::from(country.to_string()),
            league: (kind == TeamKind::Club)
                .then(|| format!("{country} first division"))
                .map(Text::from),
            start,
            start_note: rng
                .chance(30)
                .then(|| "appointed".to_string())
                .map(Text::from),
            end,
            exit: Some(exit),
            exit_note: rng
                .chance(40)
                .then(|| sentence(&mut rng, EN_WORDS, 30, false))
                .map(Text::from),
            record: rng.chance(70).then(|| Record {
                played: Some(won + drawn + lost),
                won,
                drawn,
                lost,
                note: None,
                sources: cite(&mut rng, n_sources, 1)
                    .into_iter()
                    .map(Text::from)
                    .collect::<Vec<_>>(),
            }),
            summary: Some(Text::from(sentence(&mut rng, EN_WORDS, summary_len, false))),
            sources: cite(&mut rng, n_sources, 3)
                .into_iter()
                .map(Text::from)
                .collect::<Vec<_>>(),
            disputes: Vec::new(),
        });
    }

    let mut trophies = Vec::new();
    for (i, stage) in stages.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
        let season = stage.start.year.to_string();
        trophies.push(Trophy {
            id: format!("trophy-{i:02}").into(),
            competition: format!("{} league", stage.country).into(),
            season: Text::from(season),
            stage: stage.id.clone(),
            result: if rng.chance(75) {
                TrophyResult::Won
            } else {
                TrophyResult::RunnerUp
            },
            kind: TrophyKind::Title,
            opponent: Some(Text::from(rng.pick(TEAMS).0.to_string())),
            legs: vec![Leg {
                date: Some(date_between(
                    &mut rng,
                    stage.start,
                    stage.end.unwrap_or(stage.start),
                )),
                home: stage.team.clone(),
                away: Text::from(rng.pick(TEAMS).0.to_string()),
                score: format!("{}-{}", rng.below(4), rng.below(3)).into(),
                penalties: None,
                venue: None,
                city: None,
            }],
            aggregate: None,
            summary: None,
            sources: cite(&mut rng, n_sources, 2)
                .into_iter()
                .map(Text::from)
                .collect::<Vec<_>>(),
            disputes: Vec::new(),
        });
    }

    let matches: Vec<Match> = (0..20)
        .map(|i| {
            let stage = &stages[rng.below(stages.len())];
            Match {
                id: format!("match-{i:02}").into(),
                date: date_between(&mut rng, stage.start, stage.end.unwrap_or(stage.start)),
                competition: Text::from("League, regular season".to_string()),
                home: stage.team.clone(),
                away: Text::from(rng.pick(TEAMS).0.to_string()),
                score: Text::from("2-1".to_string()),
                venue: Some(Text::from("Estadio Centenario".to_string())),
                city: None,
                goals: vec![Goal {
                    player: Text::from("Miguel Borja".to_string()),
                    team: stage.team.clone(),
                    minute: Some(format!("{}", rng.range(1, 90)).into()),
                    own_goal: false,
                }],
                stage: stage.id.clone(),
                summary: None,
                sources: cite(&mut rng, n_sources, 2)
                    .into_iter()
                    .map(Text::from)
                    .collect::<Vec<_>>(),
                disputes: Vec::new(),
            }
        })
        .collect();

    let offers: Vec<Offer> = (0..6)
        .map(|_| {
            let stage = &stages[rng.below(stages.len())];
            let start = date_between(&mut rng, stage.start, stage.end.unwrap_or(stage.start));
            let (team, _, kind) = *rng.pick(TEAMS);
            Offer {
                id: format!("offer-{}-{}", slug(team), start.year).into(),
                team: Text::from(team.to_string()),
                kind,
                date: start,
                end: None,
                offered_by: format!("The {team} board").into(),
                stage: stage.id.clone(),
                outcome: *rng.pick(&[
                    OfferOutcome::Declined,
                    OfferOutcome::Withdrawn,
                    OfferOutcome::NotTaken,
                    OfferOutcome::Rumour,
                ]),
                appointed: None,
                actors: vec![Actor {
                    name: Text::from("José Ernesto Sosa".to_string()),
                    role: Text::from("journalist at Diez".to_string()),
                    sources: cite(&mut rng, n_sources, 1)
                        .into_iter()
                        .map(Text::from)
                        .collect::<Vec<_>>(),
                }],
                events: (0..3)
                    .map(|_| Event {
                        date: start,
                        approximate: rng.chance(20),
                        summary: Text::from(sentence(&mut rng, EN_WORDS, 60, false)),
                        sources: cite(&mut rng, n_sources, 1)
                            .into_iter()
                            .map(Text::from)
                            .collect::<Vec<_>>(),
                    })
                    .collect(),
                explanations: vec![Explanation {
                    summary: Text::from(sentence(&mut rng, EN_WORDS, 80, false)),
                    sources: cite(&mut rng, n_sources, 1)
                        .into_iter()
                        .map(Text::from)
                        .collect::<Vec<_>>(),
                }],
                summary: Some(Text::from(sentence(&mut rng, EN_WORDS, 120, false))),
                sources: cite(&mut rng, n_sources, 2)
                    .into_iter()
                    .map(Text::from)
                    .collect::<Vec<_>>(),
                disputes: Vec::new(),
            }
        })
        // Offer ids must be unique: drop a rare repeat of team and year.
        .fold(Vec::new(), |mut acc: Vec<Offer>, o| {
            if !acc.iter().any(|x| x.id == o.id) {
                acc.push(o);
            }
            acc
        });

    let mut dossier = Dossier {
        subject: Subject {
            name: Text::from("Juan Carlos Osorio".to_string()),
            full_name: Some(Text::from("Juan Carlos Osorio Arbeláez".to_string())),
            born: Some(Birth {
                date: Some(date(1961, 6, 8)),
                place: Some(Text::from("Santa Rosa de Cabal, Colombia".to_string())),
            }),
            nationality: Some(Text::from("Colombian".to_string())),
            nickname: Some(Text::from("El Recreacionista".to_string())),
            summary: Some(Text::from("A generated dossier for benchmarks: the names are real, the records and quotes are not.".to_string())),
            sources: vec![Text::from(source_id(0)), Text::from(source_id(1))],
            disputes: vec![Dispute {
                field: Text::from("born.date".to_string()),
                note: None,
                versions: vec![
                    Version {
                        value: Text::from("1961-06-08".to_string()),
                        sources: vec![Text::from(source_id(0))],
                    },
                    Version {
                        value: Text::from("1961-06-05".to_string()),
                        sources: vec![Text::from(source_id(1))],
                    },
                ],
            }],
        },
        sources,
        stages,
        trophies,
        matches,
        offers,
        quotes: Vec::new(),
    };
    cite_every_source(&mut dossier);
    dossier
}

/// The source ids cited by every record but the quotes.
fn citations(d: &Dossier) -> Vec<&str> {
    let mut ids: Vec<&[Text]> = vec![&d.subject.sources];
    let disputes = d
        .subject
        .disputes
        .iter()
        .chain(d.stages.iter().flat_map(|s| &s.disputes));
    ids.extend(disputes.flat_map(|x| x.versions.iter().map(|v| v.sources.as_slice())));
    for s in &d.stages {
        ids.push(&s.sources);
        ids.extend(s.record.as_ref().map(|r| r.sources.as_slice()));
    }
    ids.extend(d.trophies.iter().map(|t| t.sources.as_slice()));
    ids.extend(d.matches.iter().map(|m| m.sources.as_slice()));
    for o in &d.offers {
        ids.push(&o.sources);
        ids.extend(o.actors.iter().map(|a| a.sources.as_slice()));
        ids.extend(o.events.iter().map(|e| e.sources.as_slice()));
        ids.extend(o.explanations.iter().map(|e| e.sources.as_slice()));
    }
    ids.into_iter().flatten().map(Text::as_str).collect()
}

/// Adds every source no record cites to a stage's sources, so no source is left uncited.
fn cite_every_source(dossier: &mut Dossier) {
    let cited: std::collections::HashSet<String> =
        citations(dossier).into_iter().map(str::to_string).collect();
    let uncited: Vec<Text> = dossier
        .sources
        .iter()
        .filter(|s| !cited.contains(s.id.as_str()))
        .map(|s| s.id.clone())
        .collect();
    let n_stages = dossier.stages.len();
    for (i, id) in uncited.into_iter().enumerate() {
        dossier.stages[i % n_stages].sources.push(id);
    }
    for stage in &mut dossier.stages {
        stage.sources.sort();
        stage.sources.dedup();
    }
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'á' | 'ã' | 'â' => 'a',
            'é' | 'ê' => 'e',
            'í' => 'i',
            'ó' | 'õ' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A length between `lo` and `hi`, most often near the middle (the mean of two uniform draws).
fn rng_len(rng: &mut Rng, lo: usize, hi: usize) -> usize {
    (rng.range(lo, hi) + rng.range(lo, hi)) / 2
}

/// Words from `words` strung into sentences until about `target` chars.
fn sentence(rng: &mut Rng, words: &[&str], target: usize, spoken: bool) -> String {
    let mut out = String::with_capacity(target + 16);
    let mut start = true;
    while out.chars().count() < target {
        let word = *rng.pick(words);
        if !out.is_empty() {
            out.push(' ');
        }
        if start {
            let mut cs = word.chars();
            if let Some(first) = cs.next() {
                out.extend(first.to_uppercase());
                out.push_str(cs.as_str());
            }
            start = false;
        } else if spoken && rng.chance(2) {
            // A quoted phrase inside the quote: stresses YAML escaping.
            out.push('"');
            out.push_str(word);
            out.push('"');
        } else {
            out.push_str(word);
        }
        if rng.chance(8) {
            out.push(',');
        } else if rng.chance(7) {
            out.push(*rng.pick(&['.', '.', '.', '!', '?']));
            start = true;
        }
    }
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    if spoken && rng.chance(6) {
        out.push(' ');
        let emoji: &&str = rng.pick(EMOJI);
        out.push_str(emoji);
    }
    out
}

/// An endless, deterministic stream of quotes that cite the skeleton's stages, offers and sources.
pub struct QuoteGen<'a> {
    rng: Rng,
    skeleton: &'a Dossier,
    next: usize,
}

impl<'a> QuoteGen<'a> {
    /// Quotes for this skeleton (made by [`skeleton`]).
    pub fn new(skeleton: &'a Dossier, seed: u64) -> Self {
        Self {
            rng: Rng::new(seed),
            skeleton,
            next: 0,
        }
    }
}

impl Iterator for QuoteGen<'_> {
    type Item = Quote;

    fn next(&mut self) -> Option<Quote> {
        let rng = &mut self.rng;
        let d = self.skeleton;
        let i = self.next;
        self.next += 1;
        let language = *rng.pick(&["es", "es", "es", "es", "en", "en", "en", "pt", "pt"]);
        let words = match language {
            "es" => ES_WORDS,
            "pt" => PT_WORDS,
            _ => EN_WORDS,
        };
        let len = rng_len(rng, 60, 400);
        let text = sentence(rng, words, len.saturating_sub(4), true);
        let (speaker, role) = *rng.pick(SPEAKERS);
        let offer = if rng.chance(8) && !d.offers.is_empty() {
            Some(&d.offers[rng.below(d.offers.len())])
        } else {
            None
        };
        let stage = match offer {
            Some(o) => d.stage(&o.stage),
            None if rng.chance(85) => Some(&d.stages[rng.below(d.stages.len())]),
            None => None,
        };
        let date = match (offer, stage) {
            (Some(o), _) => Some(o.date),
            (None, Some(s)) => Some(date_between(rng, s.start, s.end.unwrap_or(s.start))),
            (None, None) => rng
                .chance(50)
                .then(|| date(rng.range(2000, 2024) as u16, 3, 14)),
        };
        let translation = language != "es" && rng.chance(20);
        let context = rng.chance(70).then(|| {
            let team = rng.pick(TEAMS).0;
            let tail = *rng.pick(CONTEXT_TAILS);
            let mut c = format!(
                "{} {} {team}",
                rng.pick(CONTEXT_OPENERS),
                rng.pick(CONTEXT_EVENTS)
            );
            if tail.is_empty() {
                c.push('.');
            } else {
                c.push(' ');
                c.push_str(tail);
            }
            c
        });
        Some(Quote {
            id: format!("q-{i:07}").into(),
            text: Text::from(text),
            speaker: Text::from(speaker.to_string()),
            role: role.map(str::to_string).map(Text::from),
            date,
            // Left out, as other dossiers may: the benchmarks' files stay as they were measured.
            date_basis: None,
            language: Text::from(language.to_string()),
            translation,
            original_language: translation.then(|| "es".to_string()).map(Text::from),
            stage: stage.map(|s| s.id.clone()),
            offer: offer.map(|o| o.id.clone()),
            context: context.map(Text::from),
            source: Text::from(source_id(rng.below(d.sources.len()))),
        })
    }
}

/// A minimal YAML writer for the model: block mappings and sequences, strings double-quoted.
struct Yaml<W: Write> {
    out: io::BufWriter<W>,
}

/// A string as a YAML double-quoted scalar: every character that could end it, break the line
/// or be taken for a line break is escaped.
pub fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => s.push_str(&format!("\\x{:02x}", c as u32)),
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                s.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn kebab<T: serde::Serialize>(value: &T) -> String {
    // The model's enums serialize to their kebab-case names; a JSON string is the simplest way to
    // get that name without repeating it here. Cannot fail: unit variants serialize to strings.
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl<W: Write> Yaml<W> {
    fn new(out: W) -> Self {
        Self {
            out: io::BufWriter::with_capacity(1 << 16, out),
        }
    }

    fn raw(&mut self, s: &str) -> io::Result<()> {
        self.out.write_all(s.as_bytes())
    }

    /// `key: value` at `indent`; `first` starts a sequence item (`- `).
    fn field(&mut self, indent: usize, first: bool, key: &str, value: &str) -> io::Result<()> {
        if first {
            write!(self.out, "{:w$}- {key}:", "", w = indent.saturating_sub(2))?;
        } else {
            write!(self.out, "{:indent$}{key}:", "")?;
        }
        if value.is_empty() {
            writeln!(self.out)
        } else {
            writeln!(self.out, " {value}")
        }
    }

    fn text(&mut self, indent: usize, key: &str, value: &str) -> io::Result<()> {
        self.field(indent, false, key, &quoted(value))
    }

    fn opt_text(&mut self, indent: usize, key: &str, value: &Option<Text>) -> io::Result<()> {
        match value {
            Some(v) => self.text(indent, key, v),
            None => Ok(()),
        }
    }

    fn opt_date(&mut self, indent: usize, key: &str, value: Option<PartialDate>) -> io::Result<()> {
        match value {
            Some(d) => self.field(indent, false, key, &d.to_string()),
            None => Ok(()),
        }
    }

    fn ids(&mut self, indent: usize, key: &str, ids: &[Text]) -> io::Result<()> {
        let ids: Vec<&str> = ids.iter().map(Text::as_str).collect();
        self.field(indent, false, key, &format!("[{}]", ids.join(", ")))
    }

    fn disputes(&mut self, indent: usize, disputes: &[Dispute]) -> io::Result<()> {
        if disputes.is_empty() {
            return Ok(());
        }
        self.field(indent, false, "disputes", "")?;
        for d in disputes {
            self.field(indent + 4, true, "field", &quoted(&d.field))?;
            self.opt_text(indent + 4, "note", &d.note)?;
            self.field(indent + 4, false, "versions", "")?;
            for v in &d.versions {
                self.field(indent + 8, true, "value", &quoted(&v.value))?;
                self.ids(indent + 8, "sources", &v.sources)?;
            }
        }
        Ok(())
    }

    fn dossier_head(&mut self, d: &Dossier) -> io::Result<()> {
        self.raw("# Generated by `cargo run --example gen`: realistic text, invented records.\n")?;
        let s = &d.subject;
        self.raw("subject:\n")?;
        self.text(2, "name", &s.name)?;
        self.opt_text(2, "full_name", &s.full_name)?;
        if let Some(b) = &s.born {
            self.raw("  born:\n")?;
            self.opt_date(4, "date", b.date)?;
            self.opt_text(4, "place", &b.place)?;
        }
        self.opt_text(2, "nationality", &s.nationality)?;
        self.opt_text(2, "nickname", &s.nickname)?;
        self.opt_text(2, "summary", &s.summary)?;
        self.ids(2, "sources", &s.sources)?;
        self.disputes(2, &s.disputes)?;

        self.raw("sources:\n")?;
        for src in &d.sources {
            self.field(4, true, "id", &src.id)?;
            self.text(4, "title", &src.title)?;
            self.text(4, "publisher", &src.publisher)?;
            self.opt_date(4, "date", src.date)?;
            self.opt_text(4, "url", &src.url)?;
            self.field(4, false, "language", &src.language)?;
            self.field(4, false, "kind", &kebab(&src.kind))?;
            self.opt_text(4, "note", &src.note)?;
        }

        self.raw("stages:\n")?;
        for st in &d.stages {
            self.field(4, true, "id", &st.id)?;
            self.text(4, "team", &st.team)?;
            self.field(4, false, "kind", &kebab(&st.kind))?;
            self.text(4, "country", &st.country)?;
            self.opt_text(4, "league", &st.league)?;
            self.field(4, false, "start", &st.start.to_string())?;
            self.opt_text(4, "start_note", &st.start_note)?;
            self.opt_date(4, "end", st.end)?;
            if let Some(e) = &st.exit {
                self.field(4, false, "exit", &kebab(e))?;
            }
            self.opt_text(4, "exit_note", &st.exit_note)?;
            if let Some(r) = &st.record {
                self.raw("    record:\n")?;
                if let Some(p) = r.played {
                    self.field(6, false, "played", &p.to_string())?;
                }
                self.field(6, false, "won", &r.won.to_string())?;
                self.field(6, false, "drawn", &r.drawn.to_string())?;
                self.field(6, false, "lost", &r.lost.to_string())?;
                self.opt_text(6, "note", &r.note)?;
                self.ids(6, "sources", &r.sources)?;
            }
            self.opt_text(4, "summary", &st.summary)?;
            self.ids(4, "sources", &st.sources)?;
            self.disputes(4, &st.disputes)?;
        }

        self.raw("trophies:\n")?;
        for t in &d.trophies {
            self.field(4, true, "id", &t.id)?;
            self.text(4, "competition", &t.competition)?;
            self.text(4, "season", &t.season)?;
            self.field(4, false, "stage", &t.stage)?;
            self.field(4, false, "result", &kebab(&t.result))?;
            if t.kind != TrophyKind::default() {
                self.field(4, false, "kind", &kebab(&t.kind))?;
            }
            self.opt_text(4, "opponent", &t.opponent)?;
            if !t.legs.is_empty() {
                self.raw("    legs:\n")?;
                for l in &t.legs {
                    match l.date {
                        Some(date) => self.field(8, true, "date", &date.to_string())?,
                        None => self.field(8, true, "home", &quoted(&l.home))?,
                    }
                    if l.date.is_some() {
                        self.text(8, "home", &l.home)?;
                    }
                    self.text(8, "away", &l.away)?;
                    self.text(8, "score", &l.score)?;
                    self.opt_text(8, "penalties", &l.penalties)?;
                    self.opt_text(8, "venue", &l.venue)?;
                    self.opt_text(8, "city", &l.city)?;
                }
            }
            self.opt_text(4, "aggregate", &t.aggregate)?;
            self.opt_text(4, "summary", &t.summary)?;
            self.ids(4, "sources", &t.sources)?;
            self.disputes(4, &t.disputes)?;
        }

        self.raw("matches:\n")?;
        for m in &d.matches {
            self.field(4, true, "id", &m.id)?;
            self.field(4, false, "date", &m.date.to_string())?;
            self.text(4, "competition", &m.competition)?;
            self.text(4, "home", &m.home)?;
            self.text(4, "away", &m.away)?;
            self.text(4, "score", &m.score)?;
            self.opt_text(4, "venue", &m.venue)?;
            self.opt_text(4, "city", &m.city)?;
            if !m.goals.is_empty() {
                self.raw("    goals:\n")?;
                for g in &m.goals {
                    self.field(8, true, "player", &quoted(&g.player))?;
                    self.text(8, "team", &g.team)?;
                    self.opt_text(8, "minute", &g.minute)?;
                    if g.own_goal {
                        self.field(8, false, "own_goal", "true")?;
                    }
                }
            }
            self.field(4, false, "stage", &m.stage)?;
            self.opt_text(4, "summary", &m.summary)?;
            self.ids(4, "sources", &m.sources)?;
            self.disputes(4, &m.disputes)?;
        }

        self.raw("offers:\n")?;
        for o in &d.offers {
            self.field(4, true, "id", &o.id)?;
            self.text(4, "team", &o.team)?;
            self.field(4, false, "kind", &kebab(&o.kind))?;
            self.field(4, false, "date", &o.date.to_string())?;
            self.opt_date(4, "end", o.end)?;
            self.text(4, "offered_by", &o.offered_by)?;
            self.field(4, false, "stage", &o.stage)?;
            self.field(4, false, "outcome", &kebab(&o.outcome))?;
            self.opt_text(4, "appointed", &o.appointed)?;
            if !o.actors.is_empty() {
                self.raw("    actors:\n")?;
                for a in &o.actors {
                    self.field(8, true, "name", &quoted(&a.name))?;
                    self.text(8, "role", &a.role)?;
                    self.ids(8, "sources", &a.sources)?;
                }
            }
            if !o.events.is_empty() {
                self.raw("    events:\n")?;
                for e in &o.events {
                    self.field(8, true, "date", &e.date.to_string())?;
                    if e.approximate {
                        self.field(8, false, "approximate", "true")?;
                    }
                    self.text(8, "summary", &e.summary)?;
                    self.ids(8, "sources", &e.sources)?;
                }
            }
            if !o.explanations.is_empty() {
                self.raw("    explanations:\n")?;
                for e in &o.explanations {
                    self.field(8, true, "summary", &quoted(&e.summary))?;
                    self.ids(8, "sources", &e.sources)?;
                }
            }
            self.opt_text(4, "summary", &o.summary)?;
            self.ids(4, "sources", &o.sources)?;
            self.disputes(4, &o.disputes)?;
        }
        Ok(())
    }

    fn quote(&mut self, q: &Quote) -> io::Result<()> {
        self.field(4, true, "id", &q.id)?;
        self.text(4, "text", &q.text)?;
        self.text(4, "speaker", &q.speaker)?;
        self.opt_text(4, "role", &q.role)?;
        self.opt_date(4, "date", q.date)?;
        if let Some(b) = q.date_basis {
            self.field(4, false, "date_basis", &kebab(&b))?;
        }
        self.field(4, false, "language", &q.language)?;
        if q.translation {
            self.field(4, false, "translation", "true")?;
        }
        if let Some(l) = &q.original_language {
            self.field(4, false, "original_language", l)?;
        }
        if let Some(s) = &q.stage {
            self.field(4, false, "stage", s)?;
        }
        if let Some(o) = &q.offer {
            self.field(4, false, "offer", o)?;
        }
        self.opt_text(4, "context", &q.context)?;
        self.field(4, false, "source", &q.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(spec: Spec) -> String {
        let mut buf = Vec::new();
        write_yaml(&mut buf, spec).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn written_yaml_parses_back_to_the_same_dossier() {
        for seed in [1, 2, 99] {
            let spec = Spec {
                quotes: 300,
                sources: 40,
                seed,
            };
            let text = yaml(spec);
            let parsed: Dossier = serde_yaml::from_str(&text).unwrap();
            assert_eq!(parsed, dossier(spec), "seed {seed}");
        }
    }

    #[test]
    fn same_seed_same_file_other_seed_other_file() {
        let a = yaml(Spec::new(50));
        assert_eq!(a, yaml(Spec::new(50)));
        let other = Spec {
            seed: 2,
            ..Spec::new(50)
        };
        assert_ne!(a, yaml(other));
    }

    #[test]
    fn references_and_dates_are_valid() {
        let d = dossier(Spec {
            quotes: 2000,
            sources: 300,
            seed: 5,
        });
        assert_eq!(d.quotes.len(), 2000);
        let ids_ok = |id: &str| {
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        for s in &d.stages {
            assert!(ids_ok(&s.id), "{}", s.id);
            if let Some(end) = s.end {
                assert!(end >= s.start, "{} ends before it starts", s.id);
            }
        }
        let mut cited = std::collections::HashSet::new();
        for q in &d.quotes {
            assert!(ids_ok(&q.id));
            assert!(d.source(&q.source).is_some(), "{}", q.source);
            cited.insert(q.source.clone());
            if let Some(st) = &q.stage {
                let stage = d.stage(st).unwrap();
                if let (Some(date), None) = (q.date, &q.offer) {
                    assert!(date >= stage.start && stage.end.is_none_or(|e| date <= e));
                }
            }
            if let Some(o) = &q.offer {
                assert!(d.offer(o).is_some());
            }
            assert!((50..=420).contains(&q.text.chars().count()), "{}", q.text);
            assert!(!q.text.chars().any(crate::text::is_control));
        }
        let ids: std::collections::HashSet<_> = d.quotes.iter().map(|q| &q.id).collect();
        assert_eq!(ids.len(), d.quotes.len(), "quote ids are unique");
        let cited: std::collections::HashSet<&str> = citations(&d).into_iter().collect();
        assert!(cited.iter().all(|id| d.source(id).is_some()));
        assert!(
            d.sources.iter().all(|s| cited.contains(s.id.as_str())),
            "every source cited"
        );
    }

    #[test]
    fn text_has_accents_emoji_and_all_three_languages() {
        let qs = quotes(Spec::new(2000));
        let all: String = qs.iter().map(|q| q.text.as_str()).collect();
        for needle in ["ó", "ã", "ç", "é", "\""] {
            assert!(all.contains(needle), "{needle}");
        }
        assert!(all.chars().any(|c| c as u32 > 0x1F000), "some emoji");
        for lang in ["es", "en", "pt"] {
            assert!(qs.iter().any(|q| q.language == lang));
        }
    }
}
