//! The `dossier` binary: the command line and, with no command, the terminal UI.

fn main() {
    match dossier::load::load_embedded() {
        Ok(d) => println!("{}: {} stages", d.subject.name, d.stages.len()),
        Err(e) => {
            eprint!("{e}");
            std::process::exit(1);
        }
    }
}
