//! Fingerprints the migration sources, so test databases built from a template are rebuilt
//! whenever the schema changes.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

fn main() {
    let mut files: Vec<_> = std::fs::read_dir("src")
        .expect("src exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut h = DefaultHasher::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        f.file_name().hash(&mut h);
        std::fs::read(f).expect("readable").hash(&mut h);
    }
    println!(
        "cargo:rustc-env=KITH_SCHEMA_FINGERPRINT={:016x}",
        h.finish()
    );
}
