//! The next page's cursor, sealed as Kith seals it (AES-256-GCM over the position's JSON,
//! bound to the list and the reader, base64url): the same work, with a key of its own, so
//! only the cursor's value differs from Kith's answer (the bench compares the rest).

use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload};
use aes_gcm::{AeadCore, Aes256Gcm, Key};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;

/// A sort key as Kith's store writes it into a position.
#[derive(Serialize)]
pub enum SortKey {
    Text(String),
    Date(chrono::NaiveDate),
}

/// Seals positions for one list.
pub struct Sealer {
    cipher: Aes256Gcm,
}

impl Sealer {
    pub fn new() -> Self {
        let key = Aes256Gcm::generate_key(OsRng);
        Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)),
        }
    }

    /// The cursor after the row with `key` and `id` in `list`, as read by `reader`.
    pub fn seal(&self, list: &str, reader: i64, key: SortKey, id: i64) -> String {
        #[derive(Serialize)]
        struct Position {
            key: SortKey,
            id: i64,
        }
        let plain = serde_json::to_vec(&Position { key, id }).expect("a position encodes");
        let aad = format!("kith-cursor:{list}:{reader}");
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: &plain,
                    aad: aad.as_bytes(),
                },
            )
            .expect("sealing a short message cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }
}
