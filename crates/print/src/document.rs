//! What a document says, in the order it says it: a title, facts at the top, then sections of
//! paragraphs, facts, lists and tables. Every string is finished text in the reader's language.

use serde::Serialize;

/// A whole document, ready to be laid out as a page or a PDF.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The language the words are in (`da`, `en`): for hyphenation and the PDF's metadata.
    pub lang: String,
    /// The document's name, e.g. "Barnets plan".
    pub title: String,
    /// Who and what it is about, under the title.
    pub facts: Vec<Fact>,
    pub sections: Vec<Section>,
    /// The line at the foot of each page: who made it and when.
    pub footer: String,
}

/// A heading and what stands under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A label and its value, e.g. "Født" and "15. marts 2014".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Text { text: String },
    /// Labels and values, one pair a line.
    Facts { facts: Vec<Fact> },
    /// A bulleted list.
    List { items: Vec<String> },
    /// A table with a header row.
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl Document {
    /// Every string a person reads in the document, in order: what a test searches.
    pub fn words(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str()];
        out.extend(self.facts.iter().flat_map(|f| [f.label.as_str(), &f.value]));
        for s in &self.sections {
            out.push(&s.heading);
            for b in &s.blocks {
                match b {
                    Block::Text { text } => out.push(text),
                    Block::Facts { facts } => {
                        out.extend(facts.iter().flat_map(|f| [f.label.as_str(), &f.value]))
                    }
                    Block::List { items } => out.extend(items.iter().map(String::as_str)),
                    Block::Table { headers, rows } => {
                        out.extend(headers.iter().map(String::as_str));
                        out.extend(rows.iter().flatten().map(String::as_str));
                    }
                }
            }
        }
        out.push(&self.footer);
        out
    }
}
