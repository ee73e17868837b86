//! Rows as JSON objects, the form records travel in inside change files.
//!
//! Each table owner says which of its columns travel (an allow-list); only those names are ever
//! put into SQL, so nothing read from a change file becomes part of a statement. Values keep
//! their SQLite type: NULL, integer, real and text map to JSON's own; a blob becomes
//! `{"b64": "<standard base64>"}`.

use base64::Engine as _;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, ToSql, Transaction};
use serde_json::{Map, Value};

/// A row: column name to value.
pub(crate) type Row = Map<String, Value>;

fn to_json(value: SqlValue) -> Value {
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(n) => Value::from(n),
        SqlValue::Real(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
        SqlValue::Text(s) => Value::String(s),
        SqlValue::Blob(b) => {
            let mut map = Map::new();
            map.insert("b64".into(), Value::String(base64::engine::general_purpose::STANDARD.encode(b)));
            Value::Object(map)
        }
    }
}

/// The SQLite value a JSON value stands for; `None` for a shape no column holds (a malformed
/// blob, say), which the caller reports.
pub(crate) fn to_sql(value: &Value) -> Option<SqlValue> {
    Some(match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64()?),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Object(map) => {
            let text = map.get("b64")?.as_str()?;
            SqlValue::Blob(base64::engine::general_purpose::STANDARD.decode(text).ok()?)
        }
        Value::Array(_) => return None,
    })
}

/// The first row `sql` returns, every column by name.
pub(crate) fn read(conn: &Connection, sql: &str, params: &[&dyn ToSql]) -> Result<Option<Row>, RowError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    stmt.query_row(params, |row| {
        let mut map = Row::new();
        for (i, name) in names.iter().enumerate() {
            map.insert(name.clone(), to_json(row.get::<_, SqlValue>(i)?));
        }
        Ok(map)
    })
    .optional()
    .map_err(RowError::from)
}

/// Why a row from a change file could not be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RowError {
    #[error("the {table} row has no usable \"{column}\"")]
    Column { table: &'static str, column: &'static str },
    #[error(transparent)]
    Database(#[from] rusqlite::Error),
}

/// Inserts `row` into `table`, or updates the row with the same `conflict` columns. Only the
/// names in `columns` are written; a name missing from `row` is written as NULL.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    table: &'static str,
    columns: &[&'static str],
    conflict: &[&'static str],
    row: &Row,
) -> Result<(), RowError> {
    let mut values = Vec::with_capacity(columns.len());
    for &column in columns {
        let value = row.get(column).unwrap_or(&Value::Null);
        values.push(to_sql(value).ok_or(RowError::Column { table, column })?);
    }
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> =
        columns.iter().filter(|c| !conflict.contains(c)).map(|c| format!("{c} = excluded.{c}")).collect();
    let action = if updates.is_empty() { "NOTHING".to_owned() } else { format!("UPDATE SET {}", updates.join(", ")) };
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({}) DO {action}",
        columns.join(", "),
        placeholders.join(", "),
        conflict.join(", ")
    );
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values.iter()))?;
    Ok(())
}

/// The text of `column`, or an error naming it.
pub(crate) fn text<'r>(row: &'r Row, table: &'static str, column: &'static str) -> Result<&'r str, RowError> {
    row.get(column).and_then(Value::as_str).ok_or(RowError::Column { table, column })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sqlite_type_round_trips() {
        for value in [
            SqlValue::Null,
            SqlValue::Integer(-7),
            SqlValue::Real(1.5),
            SqlValue::Text("día".into()),
            SqlValue::Blob(vec![0, 255, 3]),
        ] {
            assert_eq!(to_sql(&to_json(value.clone())), Some(value));
        }
        assert_eq!(to_sql(&serde_json::json!({"b64": "not base64!"})), None);
        assert_eq!(to_sql(&serde_json::json!([1])), None);
    }
}
