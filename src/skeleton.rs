//! `dossier new NAME`: a dossier to fill in, with one example of each record and every field
//! explained (`assets/skeleton.yaml.in`).
//!
//! The name goes into the YAML as a double-quoted scalar written by serde_json (JSON strings are
//! valid YAML), so quotes, colons and `#` in a name cannot break the file. The allowed values of
//! each enum are read from the JSON Schema, so the comments cannot drift from the model.

use unicode_normalization::UnicodeNormalization;

use crate::text::is_unsafe;

const TEMPLATE: &str = include_str!("../assets/skeleton.yaml.in");

/// The longest name accepted, in characters.
const MAX_NAME_CHARS: usize = 200;

/// The skeleton dossier for a person called `name`, or why the name cannot be used.
pub fn render(name: &str) -> Result<String, String> {
    let name: String = name.trim().nfc().collect();
    if name.is_empty() {
        return Err("the name is empty: `dossier new \"Full Name\"`".into());
    }
    if let Some(c) = name.chars().find(|&c| is_unsafe(c) || c.is_control()) {
        return Err(format!(
            "the name holds U+{:04X}, a control or invisible character: type the name as it is \
             written",
            c as u32
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the name is longer than {MAX_NAME_CHARS} characters"
        ));
    }
    let schema: serde_json::Value = serde_json::from_str(&crate::schema::json())
        .map_err(|e| format!("internal error: the schema is not JSON: {e}"))?;
    let slug = slug(&name);
    let mut out = String::with_capacity(TEMPLATE.len() + 256);
    let mut rest = TEMPLATE;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after
            .find("}}")
            .ok_or("internal error: an unclosed placeholder in the skeleton")?;
        let key = &after[..close];
        let value = match key {
            "name" => yaml_string(&name),
            "comment_name" => name.clone(),
            "slug" => slug.clone(),
            "source_title" => yaml_string(&format!("Example: {name}, profile")),
            _ => match key.strip_prefix("values:") {
                Some(enum_name) => enum_values(&schema, enum_name)
                    .ok_or_else(|| format!("internal error: no enum {enum_name} in the schema"))?,
                None => return Err(format!("internal error: unknown placeholder {key}")),
            },
        };
        out.push_str(&value);
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `text` as a double-quoted YAML scalar.
fn yaml_string(text: &str) -> String {
    // Cannot fail: a string always serialises.
    serde_json::to_string(text).unwrap_or_default()
}

/// A record id made from a name: `Ana María Pérez` becomes `ana-maria-perez`. Accents fall off;
/// a name with no Latin letters or digits gives `subject`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    // Decomposed, an accented letter is the letter and a combining mark, which is dropped.
    for c in name.nfd().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "subject".into()
    } else {
        out.into()
    }
}

/// The values an enum of the schema allows, as `a, b or c`.
fn enum_values(schema: &serde_json::Value, name: &str) -> Option<String> {
    let def = schema.get("definitions")?.get(name)?;
    let values: Vec<&str> = match def.get("oneOf") {
        Some(one_of) => one_of
            .as_array()?
            .iter()
            .filter_map(|v| v.get("const")?.as_str())
            .collect(),
        None => def
            .get("enum")?
            .as_array()?
            .iter()
            .filter_map(|v| v.as_str())
            .collect(),
    };
    let (last, rest) = values.split_last()?;
    Some(if rest.is_empty() {
        (*last).to_string()
    } else {
        format!("{} or {last}", rest.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// Names that have broken generators: accents, a colon, quotes, a YAML comment sign,
    /// something that reads as a number or a boolean, non-Latin scripts.
    const NAMES: &[&str] = &[
        "Juan Carlos Osorio",
        "Ana María Pérez-Núñez",
        "José: \"Pepe\" O'Brien",
        "# not a comment",
        "1961",
        "yes",
        "محمد صلاح",
        "Ørjan Nyland \\ backslash",
        "  Spaces around  ",
    ];

    #[test]
    fn the_skeleton_checks_clean_for_awkward_names() {
        for name in NAMES {
            let text = render(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            let dossier = load::load_str("new.yaml", &text).unwrap_or_else(|e| {
                panic!("the skeleton for {name:?} does not load:\n{e}\n{text}")
            });
            assert_eq!(dossier.subject.name, name.trim(), "{text}");
            assert_eq!(dossier.quotes[0].speaker, name.trim());
        }
    }

    #[test]
    fn one_example_of_each_record() {
        let d = load::load_str("new.yaml", &render("Ana María Pérez").unwrap()).unwrap();
        assert_eq!(
            [
                d.sources.len(),
                d.stages.len(),
                d.trophies.len(),
                d.matches.len(),
                d.offers.len(),
                d.quotes.len()
            ],
            [1; 6]
        );
        let offer = &d.offers[0];
        assert_eq!(
            [
                offer.actors.len(),
                offer.events.len(),
                offer.explanations.len()
            ],
            [1; 3]
        );
        assert_eq!(d.stages[0].disputes.len(), 1);
        assert!(
            d.sources[0]
                .url
                .as_deref()
                .unwrap()
                .starts_with("https://example.org/")
        );
    }

    #[test]
    fn ids_come_from_the_name() {
        assert_eq!(slug("Ana María Pérez-Núñez"), "ana-maria-perez-nunez");
        assert_eq!(slug("José: \"Pepe\" O'Brien"), "jose-pepe-o-brien");
        assert_eq!(slug("محمد صلاح"), "subject");
        assert!(slug(&"a".repeat(500)).len() <= 40);
        let d = load::load_str("new.yaml", &render("Ana María Pérez").unwrap()).unwrap();
        assert_eq!(d.sources[0].id, "ana-maria-perez-profile");
        assert_eq!(d.quotes[0].source, "ana-maria-perez-profile");
    }

    #[test]
    fn names_that_cannot_be_written_are_refused() {
        assert!(render("").is_err());
        assert!(render("   ").is_err());
        assert!(render("Ana\nMaría").is_err());
        assert!(render("Ana\u{1b}[2J").is_err());
        assert!(render("Ana\u{202e}").is_err());
        assert!(render(&"x".repeat(201)).is_err());
    }

    /// Every field of the format appears in the skeleton, live or commented out, in the section
    /// of the record it belongs to.
    #[test]
    fn every_field_of_each_section_is_shown() {
        let text = render("X").unwrap();
        let schema: serde_json::Value = serde_json::from_str(&crate::schema::json()).unwrap();
        let defs = &schema["definitions"];
        // Disputes are shown in full once, in the stage; other records name the field only.
        let fields = |def: &str| -> Vec<String> {
            let mut out = Vec::new();
            let mut todo = vec![def.to_string()];
            while let Some(name) = todo.pop() {
                let Some(props) = defs[&name]["properties"].as_object() else {
                    continue;
                };
                for (field, spec) in props {
                    out.push(field.clone());
                    // Follow references to nested records (`$ref` directly, in `items`, or in
                    // an `anyOf` with null for optional ones).
                    let spec = spec.to_string();
                    for part in spec.split("#/definitions/").skip(1) {
                        let nested: String =
                            part.chars().take_while(|c| c.is_alphanumeric()).collect();
                        let shown_elsewhere = nested == "Dispute" && def != "Stage";
                        if defs[&nested].get("properties").is_some()
                            && !todo.contains(&nested)
                            && !shown_elsewhere
                        {
                            todo.push(nested);
                        }
                    }
                }
            }
            out
        };
        for (section, def) in [
            ("subject", "Subject"),
            ("sources", "Source"),
            ("stages", "Stage"),
            ("trophies", "Trophy"),
            ("matches", "Match"),
            ("offers", "Offer"),
            ("quotes", "Quote"),
        ] {
            let start = text
                .find(&format!("\n{section}:"))
                .unwrap_or_else(|| panic!("no {section} section"));
            let end = text[start + 1..]
                .find("\n\n")
                .map_or(text.len(), |e| start + 1 + e);
            let block = &text[start..end];
            for field in fields(def) {
                assert!(
                    block.contains(&format!(" {field}:")),
                    "the {section} example does not show `{field}`"
                );
            }
        }
    }

    #[test]
    fn comments_list_the_allowed_values_from_the_schema() {
        let text = render("X").unwrap();
        assert!(text.contains(
            "What kind of publication it is: article, blog, broadcast, profile, statement, tweet or wiki."
        ));
        assert!(text.contains("club or national-team."));
        assert!(!text.contains("{{"));
    }
}
