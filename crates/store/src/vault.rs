//! CPR numbers at rest: AES-256-GCM encryption and a keyed hash for exact lookup.
//!
//! Both keys are derived from one master key from configuration (`KITH_CPR_KEY`), with
//! HMAC-SHA256 under distinct labels, so the lookup hash reveals nothing about the
//! ciphertext key. Without the master key a copy of the database holds no CPR numbers: the
//! hash cannot be brute-forced over the small CPR space because it is keyed.

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use kith_domain::Cpr;
use sha2::Sha256;
use thiserror::Error;

type HmacSha256 = Hmac<Sha256>;

const CIPHER_PREFIX: &str = "v1:";

/// Why a CPR value could not be sealed or opened.
#[derive(Debug, Error)]
pub enum VaultError {
    /// The configured key is not 32 bytes of base64.
    #[error("the CPR key must be 32 bytes, base64-encoded")]
    BadKey,
    /// The stored value is not ours or was tampered with, or the key is wrong.
    #[error("a stored CPR value cannot be decrypted with the configured key")]
    CannotOpen,
}

/// Seals and opens CPR numbers with the configured key.
#[derive(Clone)]
pub struct CprVault {
    cipher: Aes256Gcm,
    lookup_key: [u8; 32],
    /// Seals what the server hands out and reads back (list cursors, the secret of a
    /// password reset link in the outbox): a key of its own, so none opens as a CPR value.
    tokens: Aes256Gcm,
}

impl std::fmt::Debug for CprVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CprVault(..)")
    }
}

impl CprVault {
    /// Builds the vault from a base64-encoded 32-byte master key.
    pub fn from_base64_key(master_b64: &str) -> Result<Self, VaultError> {
        let master = STANDARD
            .decode(master_b64.trim())
            .map_err(|_| VaultError::BadKey)?;
        if master.len() != 32 {
            return Err(VaultError::BadKey);
        }
        let enc_key = derive(&master, b"kith/cpr/encryption/v1");
        let lookup_key = derive(&master, b"kith/cpr/lookup/v1");
        let token_key = derive(&master, b"kith/token/v1");
        Ok(Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&enc_key)),
            lookup_key,
            tokens: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&token_key)),
        })
    }

    /// A fresh random master key, base64-encoded (for a development setup).
    pub fn generate_key() -> String {
        let key = Aes256Gcm::generate_key(OsRng);
        STANDARD.encode(key)
    }

    /// Encrypts with a fresh random nonce: the same number seals differently each time.
    pub fn seal(&self, cpr: &Cpr) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self
            .cipher
            .encrypt(&nonce, cpr.expose().as_bytes())
            .expect("AES-GCM encryption of a short message cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        format!("{CIPHER_PREFIX}{}", STANDARD.encode(out))
    }

    /// Decrypts a value written by [`CprVault::seal`].
    pub fn open(&self, sealed: &str) -> Result<Cpr, VaultError> {
        let body = sealed
            .strip_prefix(CIPHER_PREFIX)
            .ok_or(VaultError::CannotOpen)?;
        let bytes = STANDARD.decode(body).map_err(|_| VaultError::CannotOpen)?;
        if bytes.len() < 12 {
            return Err(VaultError::CannotOpen);
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| VaultError::CannotOpen)?;
        let text = String::from_utf8(plain).map_err(|_| VaultError::CannotOpen)?;
        Cpr::parse(&text).map_err(|_| VaultError::CannotOpen)
    }

    /// The keyed hash used to find a child by exact CPR number (hex).
    pub fn lookup_hash(&self, cpr: &Cpr) -> String {
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.lookup_key).expect("any key length");
        mac.update(cpr.expose().as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

impl CprVault {
    /// Seals a token the server hands out and reads back (a list cursor, which may hold a
    /// name: the sort key of the last row seen): encrypted and authenticated, bound to
    /// `context` (which list, for whom), base64url. A token changed by one bit, or used in
    /// another context, does not open.
    pub fn seal_token(&self, context: &[u8], plain: &[u8]) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self
            .tokens
            .encrypt(
                &nonce,
                aes_gcm::aead::Payload {
                    msg: plain,
                    aad: context,
                },
            )
            .expect("AES-GCM encryption of a short message cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// Opens a token sealed by [`CprVault::seal_token`] in the same context.
    pub fn open_token(&self, context: &[u8], sealed: &str) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        self.tokens
            .decrypt(
                Nonce::from_slice(nonce),
                aes_gcm::aead::Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .ok()
    }
}

fn derive(master: &[u8], label: &[u8]) -> [u8; 32] {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(master).expect("any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> CprVault {
        CprVault::from_base64_key(&CprVault::generate_key()).unwrap()
    }

    #[test]
    fn tokens_open_only_unchanged_in_their_own_context() {
        let v = vault();
        let sealed = v.seal_token(b"children:7", b"Anna Hansen|12");
        assert!(!sealed.contains("Anna"));
        assert_eq!(
            v.open_token(b"children:7", &sealed).as_deref(),
            Some(&b"Anna Hansen|12"[..])
        );
        assert_eq!(v.open_token(b"children:8", &sealed), None);
        assert_eq!(vault().open_token(b"children:7", &sealed), None);
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(
            v.open_token(b"children:7", &URL_SAFE_NO_PAD.encode(bytes)),
            None
        );
    }

    #[test]
    fn seal_then_open_round_trips_and_hides_the_number() {
        let v = vault();
        let cpr = Cpr::parse("241215-4321").unwrap();
        let sealed = v.seal(&cpr);
        assert!(!sealed.contains("4321") && !sealed.contains("241215"));
        assert_eq!(v.open(&sealed).unwrap(), cpr);
        assert_ne!(v.seal(&cpr), sealed, "fresh nonce each time");
    }

    #[test]
    fn another_key_cannot_open_and_hashes_differ() {
        let (a, b) = (vault(), vault());
        let cpr = Cpr::parse("241215-4321").unwrap();
        assert!(b.open(&a.seal(&cpr)).is_err());
        assert_ne!(a.lookup_hash(&cpr), b.lookup_hash(&cpr));
        assert_eq!(a.lookup_hash(&cpr), a.lookup_hash(&cpr));
    }

    #[test]
    fn tampering_is_detected() {
        let v = vault();
        let sealed = v.seal(&Cpr::parse("241215-4321").unwrap());
        let mut bytes = sealed.into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        assert!(v.open(&String::from_utf8(bytes).unwrap()).is_err());
    }

    #[test]
    fn rejects_short_keys() {
        assert!(CprVault::from_base64_key("c2hvcnQ=").is_err());
    }
}
