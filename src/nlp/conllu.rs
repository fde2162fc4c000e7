//! Reading CoNLL-U treebanks (for training and measuring the models only).
//!
//! Multiword-token lines ("3-4") and empty nodes ("8.1") are skipped: the
//! models see the syntactic words, as the treebank's gold tokenisation gives them.

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 0 is the root; otherwise the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
    /// "SpaceAfter=No" in MISC.
    pub space_after: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub id: String,
    pub text: String,
    pub words: Vec<Word>,
}

/// Parses a whole CoNLL-U file. Malformed word lines are an error with their line number.
pub fn parse(text: &str) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("sent_id =") {
                current.id = id.trim().to_string();
            } else if let Some(t) = comment.strip_prefix("text =") {
                current.text = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!(
                "line {}: expected 10 columns, found {}",
                n + 1,
                cols.len()
            ));
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let head = cols[6]
            .parse()
            .map_err(|_| format!("line {}: bad head {:?}", n + 1, cols[6]))?;
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Writes sentences back as CoNLL-U (the columns `Word` keeps; the others `_`).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        out.push_str(&format!("# sent_id = {}\n# text = {}\n", s.id, s.text));
        for (i, w) in s.words.iter().enumerate() {
            let misc = if w.space_after { "_" } else { "SpaceAfter=No" };
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{misc}\n",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.head,
                w.deprel
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let text = "# sent_id = s1\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].id, "s1");
        let forms: Vec<&str> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "."]);
        assert!(!s[0].words[2].space_after);
        assert_eq!(s[0].words[2].head, 0);
    }

    #[test]
    fn written_sentences_read_back_the_same() {
        let text = "# sent_id = s1\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n";
        let once = parse(text).unwrap();
        assert_eq!(parse(&write(&once)).unwrap(), once);
    }

    #[test]
    fn a_short_line_is_an_error() {
        assert!(parse("1\tI\tI\n").unwrap_err().contains("line 1"));
    }
}
