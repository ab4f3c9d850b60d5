//! The words of a document in the reader's language: catalogue texts, vocabulary names and
//! Danish or English dates, with every typed text cleared of CPR numbers on the way in.

use chrono::NaiveDate;
use kith_domain::document::without_cpr;
use kith_domain::{Lang, Message};
use kith_text::Term;

use super::{Block, Document, Fact, Section};
use crate::Actor;

/// Writes one document's words.
#[derive(Debug)]
pub(super) struct Words {
    pub lang: Lang,
    today: NaiveDate,
    maker: String,
}

impl Words {
    pub fn new(lang: Lang, today: NaiveDate, actor: &Actor) -> Self {
        Self {
            lang,
            today,
            maker: actor.name.clone(),
        }
    }

    /// A catalogue text by its key (`document.born`).
    pub fn t(&self, key: &str) -> String {
        kith_text::t(self.lang, key).to_owned()
    }

    /// A catalogue text with values.
    pub fn say(&self, message: Message) -> String {
        kith_text::render(self.lang, &message)
    }

    /// A vocabulary value's name.
    pub fn term<T: Term>(&self, value: T) -> String {
        kith_text::term(self.lang, value).to_owned()
    }

    /// A code's name under a catalogue area the pages share: `named("goal_status", status)`.
    pub fn named<C: kith_domain::Code>(&self, area: &str, value: C) -> String {
        kith_text::t(self.lang, &format!("{area}.{}", value.code())).to_owned()
    }

    /// A party's name from its stored code (`foster_family`), as a table cell begins.
    pub fn party(&self, code: &str) -> String {
        kith_text::format::capitalised(kith_text::t(self.lang, &format!("party.{code}")))
    }

    /// Parties as one phrase: "Barnet, plejefamilien og skolen".
    pub fn parties(&self, parties: &[kith_domain::Party]) -> String {
        let names = parties.iter().map(|p| self.term(*p)).collect();
        kith_text::format::capitalised(&kith_text::format::list(self.lang, names))
    }

    pub fn date(&self, d: NaiveDate) -> String {
        kith_text::format::date(self.lang, d)
    }

    /// Text a person typed: shown as typed, without a CPR number.
    pub fn typed(&self, text: &str) -> String {
        without_cpr(text.trim())
    }

    /// A label by its key, and a value.
    pub fn fact(&self, label: &str, value: impl Into<String>) -> Fact {
        Fact {
            label: self.t(label),
            value: value.into(),
        }
    }

    /// A section under a heading by its key.
    pub fn section(&self, heading: &str, blocks: Vec<Block>) -> Section {
        Section {
            heading: self.t(heading),
            blocks,
        }
    }

    /// A paragraph of a catalogue text.
    pub fn text(&self, key: &str) -> Block {
        Block::Text { text: self.t(key) }
    }

    /// A document titled by its key, with the facts at its top.
    pub fn document(&self, kind: &str, facts: Vec<Fact>, sections: Vec<Section>) -> Document {
        Document {
            lang: self.lang.as_str().to_owned(),
            title: self.t(kind),
            facts,
            sections,
            footer: String::new(),
        }
    }

    /// The document with its foot line (who made it, when), and every word cleared of CPR
    /// numbers once more — names and vocabulary too, so none can slip in by any field.
    pub fn finish(&self, mut d: Document) -> Document {
        d.footer = self.say(
            Message::new("document.made")
                .date("date", self.today)
                .text("name", self.maker.clone()),
        );
        scrub(&mut d);
        d
    }
}

fn scrub(d: &mut Document) {
    let clean = |s: &mut String| *s = without_cpr(s);
    clean(&mut d.title);
    clean(&mut d.footer);
    let facts = |fs: &mut Vec<Fact>| {
        for f in fs {
            clean(&mut f.label);
            clean(&mut f.value);
        }
    };
    facts(&mut d.facts);
    for s in &mut d.sections {
        clean(&mut s.heading);
        for b in &mut s.blocks {
            match b {
                Block::Text { text } => clean(text),
                Block::Facts { facts: fs } => facts(fs),
                Block::List { items } => items.iter_mut().for_each(clean),
                Block::Table { headers, rows } => {
                    headers.iter_mut().for_each(clean);
                    rows.iter_mut().flatten().for_each(clean);
                }
            }
        }
    }
}
