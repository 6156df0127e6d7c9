//! The JSON Schema of the dossier format, generated from the model's types (their doc comments are
//! the descriptions), so that it cannot drift from what the loader reads.
//!
//! It is JSON Schema draft-07: the YAML language server and most editors understand it best.
//! `assets/dossier.schema.json` is this output, committed; a test fails when it is stale.

use schemars::generate::SchemaSettings;

use crate::model::Dossier;

/// The command that regenerates the committed schema file.
pub const REGENERATE: &str = "cargo run -- schema > assets/dossier.schema.json";

/// The schema as pretty-printed JSON, ending with a newline.
pub fn json() -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Dossier>();
    schema.insert("title".into(), "dossier".into());
    schema.insert(
        "description".into(),
        "A sourced career dossier: one person's career, the sources, and the records that cite \
         them (read by the `dossier` browser)."
            .into(),
    );
    // Cannot fail: a schema is a tree of JSON values with string keys.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn schema() -> Value {
        serde_json::from_str(&json()).expect("the schema is JSON")
    }

    #[test]
    fn the_committed_schema_is_current() {
        let committed = include_str!("../assets/dossier.schema.json");
        assert!(
            committed == json(),
            "assets/dossier.schema.json is stale: the model changed. Regenerate it with\n\n    {REGENERATE}\n"
        );
    }

    #[test]
    fn records_refuse_unknown_fields_and_require_what_the_loader_requires() {
        let s = schema();
        assert_eq!(s["additionalProperties"], Value::Bool(false));
        let required = |def: &str| -> Vec<String> {
            s["definitions"][def]["required"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(required("Stage").len(), 6, "{:?}", required("Stage"));
        for field in ["id", "team", "kind", "country", "start", "sources"] {
            assert!(required("Stage").contains(&field.to_string()), "{field}");
        }
        assert!(!required("Stage").contains(&"end".to_string()));
        for def in s["definitions"].as_object().expect("definitions").values() {
            if def.get("properties").is_some() {
                assert_eq!(def["additionalProperties"], Value::Bool(false), "{def}");
            }
        }
    }

    #[test]
    fn doc_comments_become_descriptions_and_enums_list_their_values() {
        let s = schema();
        let kind = &s["definitions"]["SourceKind"];
        let values: Vec<&str> = kind["oneOf"]
            .as_array()
            .expect("one entry per kind")
            .iter()
            .filter_map(|v| v["const"].as_str())
            .collect();
        assert_eq!(
            values,
            [
                "article",
                "blog",
                "broadcast",
                "profile",
                "statement",
                "tweet",
                "wiki"
            ]
        );
        assert_eq!(
            s["definitions"]["Source"]["properties"]["publisher"]["description"],
            "Who published it."
        );
    }

    #[test]
    fn dates_take_a_string_at_any_precision_or_a_bare_year() {
        let s = schema();
        let date = &s["definitions"]["PartialDate"];
        let pattern = date["anyOf"][0]["pattern"].as_str().expect("a pattern");
        assert!(pattern.starts_with('^') && pattern.ends_with('$'));
        assert_eq!(date["anyOf"][1]["type"], "integer");
    }
}
