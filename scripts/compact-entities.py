#!/usr/bin/env python3
"""Writes vendor/pulldown-cmark/src/entities.rs, the compact entity table of the
vendored pulldown-cmark (see vendor/pulldown-cmark/VENDORED.md), and
tests/data/html5-entities.txt, the list tests/entities.rs checks it against,
from upstream's src/entities.rs.

    scripts/compact-entities.py ~/.cargo/registry/src/*/pulldown-cmark-0.13.6/src/entities.rs
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
upstream = Path(sys.argv[1]).read_text()
pairs = re.findall(r'\(b"([A-Za-z0-9]+)", "((?:\\u\{[0-9A-F]+\})+)"\),', upstream)
declared = int(re.search(r"const ENTITIES: \[\(&\[u8\], &str\); (\d+)\]", upstream).group(1))
assert len(pairs) == declared, (len(pairs), declared)
names = [name for name, _ in pairs]
assert names == sorted(names, key=str.encode), "upstream's table is not in byte order"


def code_points(value):
    return re.findall(r"\\u\{([0-9A-F]+)\}", value)


def rust_escape(text):
    out = ""
    for ch in text:
        if ch in "\\\"":
            out += "\\" + ch
        elif 0x20 <= ord(ch) < 0x7F:
            out += ch
        else:
            out += "\\u{%X}" % ord(ch)
    return out


lines, line = [], ""
for name, value in pairs:
    record = rust_escape(name) + "\\0" + rust_escape("".join(chr(int(c, 16)) for c in code_points(value))) + "\\0"
    if len(line) + len(record) > 90:
        lines.append(line)
        line = ""
    line += record
lines.append(line)

licence = upstream[: upstream.index("//! Expansions of HTML5 entities")]
rust = (
    licence
    + "//! Expansions of HTML5 entities\n\n// Vendored change (see VENDORED.md): upstream's table is an array of 2125\n// `(&[u8], &str)` pairs, whose pointers and lengths alone take 34 KB of a wasm\n// module's data. The same entities, in the same (byte) order, are here one\n// string of `name NUL value NUL` records, looked up by a scan that starts at\n// the first record of the name's initial (an index made at compile time).\n// Generated from upstream's src/entities.rs by the script in VENDORED.md.\n\n/// Every entity as `name \\0 value \\0`, sorted by name.\n"
    + "const ENTITIES: &str = concat!(\n"
    + "".join('    "' + l + '",\n' for l in lines)
    + ");\n\n"
    + "/// Where the records of names starting with each byte start in\n/// [`ENTITIES`] (and `ENTITIES.len()` for bytes no name starts with, past\n/// the last). A name's records run up to the next byte's start.\nconst STARTS: [u16; 257] = {\n    let bytes = ENTITIES.as_bytes();\n    let mut starts = [u16::MAX; 257];\n    let mut at = 0;\n    while at < bytes.len() {\n        if starts[bytes[at] as usize] == u16::MAX {\n            starts[bytes[at] as usize] = at as u16;\n        }\n        // A record is two NUL-terminated fields: skip to the end of both.\n        let mut nuls = 0;\n        while nuls < 2 {\n            if bytes[at] == 0 {\n                nuls += 1;\n            }\n            at += 1;\n        }\n    }\n    // Bytes no name starts with begin where the next used byte does.\n    let mut next = bytes.len() as u16;\n    let mut b = 256;\n    while b > 0 {\n        if starts[b] == u16::MAX {\n            starts[b] = next;\n        } else {\n            next = starts[b];\n        }\n        b -= 1;\n    }\n    if starts[0] == u16::MAX {\n        starts[0] = next;\n    }\n    starts\n};\n\npub(crate) fn get_entity(bytes: &[u8]) -> Option<&'static str> {\n    let first = *bytes.first()? as usize;\n    let (start, end) = (STARTS[first] as usize, STARTS[first + 1] as usize);\n    let mut records = ENTITIES.get(start..end.max(start))?.split('\\0');\n    while let (Some(name), Some(value)) = (records.next(), records.next()) {\n        if name.as_bytes() == bytes {\n            return Some(value);\n        }\n    }\n    None\n}\n"
)
(ROOT / "vendor/pulldown-cmark/src/entities.rs").write_text(rust)
with open(ROOT / "tests/data/html5-entities.txt", "w") as f:
    f.write(f"# The {len(pairs)} HTML5 named character references of upstream pulldown-cmark's\n")
    f.write("# src/entities.rs (scripts/compact-entities.py): name, tab, code points in hex.\n")
    for name, value in pairs:
        f.write(name + "\t" + " ".join(code_points(value)) + "\n")
