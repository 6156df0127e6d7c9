//! Any bytes given to the loader: it never panics; its reader reads what serde_yaml (an
//! independent YAML implementation) reads, the same way; and a dossier it accepts survives a
//! round trip (serialised back to YAML, loaded again, it is the same dossier).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let oracle = |text: &str| {
            serde_yaml::from_str::<dossier::model::Dossier>(text).map_err(|e| e.to_string())
        };
        if let Err(e) = dossier::load::check_reader(text, oracle) {
            panic!("the reader and serde_yaml differ: {e}");
        }
    }
    let Ok(dossier) = dossier::load::load_bytes("fuzz.yaml", data) else {
        return;
    };
    let yaml = serde_yaml::to_string(&dossier).expect("an accepted dossier serialises to YAML");
    match dossier::load::load_str("roundtrip.yaml", &yaml) {
        Ok(again) => assert_eq!(again, dossier, "the round trip changed the dossier"),
        Err(e) => panic!("an accepted dossier, written back, is refused:\n{e}\n---\n{yaml}"),
    }
});
