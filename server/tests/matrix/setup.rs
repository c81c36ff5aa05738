//! The authorisation matrix's set-up cells: the form or query that makes each call succeed
//! when allowed — a partnership of the call's own to retire, a district of its own for a new
//! partnership, the demo Trust's own details to save again.

use super::matrix_midyear::Call;
use app::db::Db;

/// The demo county's districts, as the Trust form lists them.
const DISTRICTS: &str = "E07000084\nE07000085\nE07000086\nE07000087\nE07000088\nE07000089\nE07000090\nE07000091\nE07000092\nE07000093\nE07000094";

/// A district of the call's own in the demo county: `E07` and a number no real one has.
async fn district(db: &Db, n: usize) -> String {
    let code = format!("E07{:06}", 900_000 + n);
    crate::common::exec(
        db,
        &format!(
            "INSERT INTO area (code, name, kind, parent_id)
             SELECT '{code}', 'Matrix district {n}', 'district', id FROM area WHERE code = 'E10000014'"
        ),
    )
    .await
    .unwrap();
    code
}

pub async fn call(db: &Db, name: &str, n: usize) -> Option<Call> {
    let call = |form: Vec<(&'static str, String)>, query: String| Some(Call { form, query });
    match name {
        "setup partnership" => call(vec![], "?slug=gosport".into()),
        "save trust" => call(
            vec![
                (
                    "form[name]",
                    "Hampshire Children's Trust (demonstration)".into(),
                ),
                ("form[county_code]", "E10000014".into()),
                ("form[county_name]", "Hampshire".into()),
                ("form[districts]", DISTRICTS.into()),
            ],
            String::new(),
        ),
        "create partnership" => {
            let code = district(db, n).await;
            call(
                vec![
                    ("form[name]", format!("Matrix partnership {n}")),
                    ("form[areas]", code),
                ],
                String::new(),
            )
        }
        "update partnership" => call(
            vec![
                ("slug", "gosport".into()),
                ("form[name]", "Gosport".into()),
                ("form[areas]", "E07000088".into()),
            ],
            String::new(),
        ),
        "retire partnership" => {
            let slug = format!("to-retire-{n}");
            crate::common::exec(
                db,
                &format!(
                    "INSERT INTO partnership (trust_id, name, slug, created_at)
                     SELECT id, 'To retire {n}', '{slug}', created_at FROM trust"
                ),
            )
            .await
            .unwrap();
            call(
                vec![("slug", slug), ("retired", "true".into())],
                String::new(),
            )
        }
        _ => None,
    }
}
