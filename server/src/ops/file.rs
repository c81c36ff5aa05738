//! The backup file: gzip'd JSON lines.
//!
//! ```text
//! {"format":"trustboard-backup","format_version":1,"schema_version":15,"backend":"SQLite","taken_at":"…Z"}
//! {"table":"area","columns":[["code","text"],["id","int"],…],"primary_key":["id"],"rows":2}
//! [ "E10000014", 1, … ]                       one line per row, values in the columns' order
//! …                                           every table, parents before children
//! {"manifest":[{"table":"area","rows":2,"sha256":"…"},…]}
//! ```
//!
//! Reading checks everything before anything is loaded: the header, each table's row count
//! and SHA-256 against the manifest, and that the file ends with the manifest.

use super::{Dump, Kind, OpsError, OpsResult, TableData, TableSum, Val};
use serde_json::json;
use std::io::{BufRead, Write};

pub const FORMAT: &str = "trustboard-backup";
pub const FORMAT_VERSION: i64 = 1;

/// Writes the dump (gzip'd) and returns the writer and each table's rows and checksum, as in
/// the manifest.
pub fn write<W: Write>(dump: &Dump, out: W) -> OpsResult<(W, Vec<TableSum>)> {
    let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::default());
    let line = |v: &serde_json::Value, gz: &mut flate2::write::GzEncoder<_>| {
        serde_json::to_writer(&mut *gz, v).map_err(std::io::Error::other)?;
        gz.write_all(b"\n")
    };
    line(
        &json!({
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": dump.schema_version,
            "backend": dump.backend,
            "taken_at": dump.taken_at,
        }),
        &mut gz,
    )?;
    let mut sums = Vec::new();
    for t in &dump.tables {
        let columns: Vec<_> = t
            .columns
            .iter()
            .map(|(n, k)| json!([n, k.as_str()]))
            .collect();
        line(
            &json!({ "table": t.name, "columns": columns, "primary_key": t.primary_key, "rows": t.rows.len() }),
            &mut gz,
        )?;
        for row in &t.rows {
            let vals: Vec<_> = row.iter().map(Val::to_json).collect();
            line(&serde_json::Value::Array(vals), &mut gz)?;
        }
        sums.push(TableSum {
            table: t.name.clone(),
            rows: t.rows.len(),
            sha256: t.checksum(),
        });
    }
    let manifest: Vec<_> = sums
        .iter()
        .map(|s| json!({ "table": s.table, "rows": s.rows, "sha256": s.sha256 }))
        .collect();
    line(&json!({ "manifest": manifest }), &mut gz)?;
    let mut out = gz.finish()?;
    out.flush()?;
    Ok((out, sums))
}

fn bad(what: impl Into<String>) -> OpsError {
    OpsError::BadFile(what.into())
}

/// Reads and checks a backup file. Nothing is loaded from a file that fails any check.
pub fn read(input: impl std::io::Read) -> OpsResult<Dump> {
    let gz = flate2::read::GzDecoder::new(input);
    let mut lines = std::io::BufReader::new(gz).lines();
    let mut next = |what: &str| -> OpsResult<serde_json::Value> {
        let l = lines
            .next()
            .ok_or_else(|| bad(format!("it ends early, before {what}")))?
            .map_err(|e| bad(format!("it could not be decompressed ({e})")))?;
        serde_json::from_str(&l).map_err(|e| bad(format!("{what} is not valid JSON ({e})")))
    };
    let header = next("the header")?;
    if header["format"] != FORMAT {
        return Err(bad("it does not start with a Trustboard backup header"));
    }
    let version = header["format_version"].as_i64().unwrap_or(0);
    if version != FORMAT_VERSION {
        return Err(OpsError::Refused(format!(
            "The backup file is in format {version}; this version of Trustboard reads format {FORMAT_VERSION}."
        )));
    }
    let text = |v: &serde_json::Value, what: &str| {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| bad(format!("{what} is missing")))
    };
    let mut dump = Dump {
        schema_version: header["schema_version"]
            .as_i64()
            .ok_or_else(|| bad("the schema version is missing"))?,
        backend: text(&header["backend"], "the backend")?,
        taken_at: text(&header["taken_at"], "the time it was taken")?,
        tables: Vec::new(),
    };
    let manifest = loop {
        let item = next("the manifest")?;
        if let Some(m) = item.get("manifest") {
            break m.clone();
        }
        let name = text(&item["table"], "a table's name")?;
        let columns = item["columns"]
            .as_array()
            .ok_or_else(|| bad(format!("{name}: its columns are missing")))?
            .iter()
            .map(|c| {
                let n = c[0].as_str();
                let k = c[1].as_str().and_then(Kind::parse);
                n.zip(k)
                    .map(|(n, k)| (n.to_string(), k))
                    .ok_or_else(|| bad(format!("{name}: a column is unreadable")))
            })
            .collect::<OpsResult<Vec<_>>>()?;
        let primary_key = item["primary_key"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|k| k.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let count = item["rows"]
            .as_u64()
            .ok_or_else(|| bad(format!("{name}: its row count is missing")))?;
        let mut rows = Vec::new();
        for _ in 0..count {
            let row = next(&format!("a row of {name}"))?;
            let vals = row
                .as_array()
                .filter(|a| a.len() == columns.len())
                .ok_or_else(|| bad(format!("{name}: a row has the wrong number of values")))?
                .iter()
                .map(|v| Val::from_json(v).map_err(|e| bad(format!("{name}: {e}"))))
                .collect::<OpsResult<Vec<_>>>()?;
            rows.push(vals);
        }
        dump.tables.push(TableData {
            name,
            columns,
            primary_key,
            rows,
        });
    };
    let listed = manifest
        .as_array()
        .ok_or_else(|| bad("the manifest is unreadable"))?;
    if listed.len() != dump.tables.len() {
        return Err(bad("the manifest does not list the tables the file holds"));
    }
    for (m, t) in listed.iter().zip(&dump.tables) {
        if m["table"] != t.name.as_str() || m["rows"].as_u64() != Some(t.rows.len() as u64) {
            return Err(bad(format!(
                "{}: the row count differs from the manifest",
                t.name
            )));
        }
        if m["sha256"] != t.checksum().as_str() {
            return Err(bad(format!(
                "{}: the content does not match its checksum (the file is damaged)",
                t.name
            )));
        }
    }
    Ok(dump)
}
