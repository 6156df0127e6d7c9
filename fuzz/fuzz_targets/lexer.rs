//! Any text given to the loader's block-style lexer: it gives the events saphyr-parser gives
//! (offsets of nodes included), or gives up, never reads what saphyr-parser refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = dossier::load::check_lexer(text) {
            panic!("the lexer and saphyr-parser differ: {e}");
        }
    }
});
