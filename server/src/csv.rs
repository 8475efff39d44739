//! CSV as RFC 4180 writes it: comma-separated, CRLF line ends, fields quoted when they
//! hold a comma, a quote or a line break, and quotes doubled. Cells that a spreadsheet
//! would run as a formula (`=`, `+`, `-`, `@`) get a leading apostrophe.

pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row.iter().map(|cell| field(cell)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn field(cell: &str) -> String {
    let safe = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::to_csv;

    #[test]
    fn quotes_what_must_be_quoted_and_defuses_formulas() {
        let rows = vec![
            vec!["query".to_owned(), "searches".to_owned()],
            vec!["x509, expired".to_owned(), "3".to_owned()],
            vec!["say \"hi\"\nthere".to_owned(), "-1".to_owned()],
            vec!["=HYPERLINK(\"http://x\")".to_owned(), "证书过期".to_owned()],
        ];
        assert_eq!(
            to_csv(&rows),
            "query,searches\r\n\"x509, expired\",3\r\n\"say \"\"hi\"\"\nthere\",-1\r\n\"'=HYPERLINK(\"\"http://x\"\")\",证书过期\r\n"
        );
    }
}
