//! The crate's modules are layered as its docs say (`src/lib.rs`, "Layers"):
//! each imports only from the layers listed before its own, or from the
//! modules before it on its own line; so no two modules import each other,
//! and nothing imports the entry.

use std::fs;
use std::path::Path;

/// The modules of each layer, in order, as `src/lib.rs` lists them.
fn layers() -> Vec<Vec<String>> {
    let docs = fs::read_to_string("src/lib.rs").expect("src/lib.rs");
    let section = docs.split("//! # Layers").nth(1).expect("a Layers section in src/lib.rs");
    let mut layers: Vec<Vec<String>> = Vec::new();
    for line in section.lines().skip(1).take_while(|line| line.starts_with("//!")) {
        let text = line.trim_start_matches("//!").trim_start();
        let starts_layer = text.split_once(". ").is_some_and(|(n, _)| n.parse::<u8>().is_ok());
        if starts_layer {
            layers.push(Vec::new());
        }
        let Some(layer) = layers.last_mut() else { continue };
        // Module names are the backticked words of the line.
        for (i, part) in text.split('`').enumerate() {
            if i % 2 == 1 && !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                layer.push(part.to_owned());
            }
        }
    }
    layers
}

/// The top-level modules `module`'s source names through `crate::`, outside comments.
fn imports(module: &str) -> Vec<String> {
    let file = format!("src/{module}.rs");
    let dir = format!("src/{module}");
    let mut sources = Vec::new();
    if Path::new(&file).exists() {
        sources.push(fs::read_to_string(&file).expect("a module file"));
    }
    let mut dirs = vec![Path::new(&dir).to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push(fs::read_to_string(&path).expect("a module file"));
            }
        }
    }
    assert!(!sources.is_empty(), "no source for the module `{module}`");
    let mut found = Vec::new();
    for source in &sources {
        for line in source.lines().filter(|line| !line.trim_start().starts_with("//")) {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if !name.is_empty() && !found.contains(&name) {
                    found.push(name);
                }
            }
        }
    }
    found
}

#[test]
fn every_module_imports_only_from_before_it() {
    let order: Vec<String> = layers().concat();
    assert!(order.len() >= 10, "the layers of src/lib.rs were not read: {order:?}");
    let layer_of = |module: &str| layers().iter().position(|layer| layer.iter().any(|m| m == module));
    for (position, module) in order.iter().enumerate() {
        for import in imports(module) {
            let Some(at) = order.iter().position(|m| *m == import) else {
                // Items of the crate root (`crate::Site`...) are re-exports of listed modules.
                assert!(
                    !Path::new(&format!("src/{import}.rs")).exists()
                        && !Path::new(&format!("src/{import}")).exists(),
                    "`{module}` imports `{import}`, which no layer lists"
                );
                continue;
            };
            assert!(
                at < position || import == *module,
                "`{module}` (layer {:?}) imports `{import}` (layer {:?}), which comes after it",
                layer_of(module).map(|l| l + 1),
                layer_of(&import).map(|l| l + 1),
            );
        }
    }
}

#[test]
fn every_module_of_the_crate_is_in_a_layer() {
    let order = layers().concat();
    let lib = fs::read_to_string("src/lib.rs").expect("src/lib.rs");
    for line in lib.lines() {
        let declared =
            line.trim_start_matches("pub ").strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';'));
        if let Some(module) = declared {
            assert!(order.iter().any(|m| m == module), "`{module}` is in no layer of src/lib.rs");
        }
    }
}
