//! Any bytes given to the loader: it never panics, its fast reader reads nothing other than
//! serde_yaml does, and a dossier it accepts survives a round trip (serialised back to YAML,
//! loaded again, it is the same dossier).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = dossier::load::check_fast_reader(text) {
            panic!("the fast reader and serde_yaml differ: {e}");
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
