//! The installation's secret key (`RADGESTMAT_SECRET_KEY`). Each use gets a key of its own,
//! derived with HMAC-SHA256 from the secret and a purpose label: one signs the session cookies,
//! another seals the secrets kept in the database (XChaCha20-Poly1305, a random nonce per
//! value, the value's name as associated data so that a sealed value cannot be moved to
//! another field). Changing the key signs everyone out and makes the sealed values unreadable;
//! they must then be entered again — unless the old key is kept as the previous one for a
//! while (a planned rotation): what it signed or sealed is still accepted, and the stored
//! secrets are sealed again with the new key ([`crate::Store::reseal_secrets`]).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Characters a secret key must have at least: 32 random bytes in base64 have 43.
pub const MIN_KEY_CHARS: usize = 32;

/// Sealed values start with this and the key's fingerprint: `v1.<fingerprint>.<base64>`.
const SEALED_V1: &str = "v1";
const NONCE_LEN: usize = 24;

/// The secret key, and the previous one during a rotation. Its `Debug` shows only fingerprints.
#[derive(Clone)]
pub struct SecretKey {
    master: [u8; 32],
    /// Still accepted to verify and open, never used to sign or seal.
    previous: Option<[u8; 32]>,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.previous_fingerprint() {
            Some(previous) => write!(f, "SecretKey({}, previous {previous})", self.fingerprint()),
            None => write!(f, "SecretKey({})", self.fingerprint()),
        }
    }
}

/// A sealed value that this key cannot open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unsealable {
    #[error("it was sealed with another secret key ({0})")]
    OtherKey(String),
    #[error("it is damaged")]
    Damaged,
}

impl SecretKey {
    /// A key from its text form; refuses one shorter than [`MIN_KEY_CHARS`].
    pub fn parse(text: &str) -> Result<SecretKey, String> {
        let text = text.trim();
        if text.chars().count() < MIN_KEY_CHARS {
            return Err(format!(
                "the secret key must have at least {MIN_KEY_CHARS} characters (it has {}); \
                 `radgestmat config generate-key` makes one",
                text.chars().count()
            ));
        }
        Ok(SecretKey { master: hmac(b"radgestmat secret key", text.as_bytes()), previous: None })
    }

    /// A fresh random key in its text form (43 characters of base64).
    pub fn generate() -> String {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the operating system's random source failed");
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A random key that lives as long as the process: for tests and tools.
    pub fn ephemeral() -> SecretKey {
        SecretKey::parse(&SecretKey::generate()).expect("a generated key is long enough")
    }

    /// This key, still accepting what `previous` signed or sealed (a planned rotation).
    pub fn with_previous(self, previous: &SecretKey) -> SecretKey {
        SecretKey { previous: Some(previous.master), ..self }
    }

    /// The previous key alone, if there is one.
    fn previous(&self) -> Option<SecretKey> {
        self.previous.map(|master| SecretKey { master, previous: None })
    }

    /// Eight hex digits naming the key (not secret): shown by `config check` and in sealed
    /// values, so that a value sealed with another key says so.
    pub fn fingerprint(&self) -> String {
        hex::encode(&self.derive("fingerprint")[..4])
    }

    /// The previous key's fingerprint, during a rotation.
    pub fn previous_fingerprint(&self) -> Option<String> {
        self.previous().map(|p| p.fingerprint())
    }

    /// Whether `sealed` was sealed with this key itself (not the previous one).
    pub fn sealed_with_this(&self, sealed: &str) -> bool {
        sealed.split('.').nth(1) == Some(self.fingerprint().as_str())
    }

    /// The key for one purpose.
    fn derive(&self, purpose: &str) -> [u8; 32] {
        hmac(&self.master, purpose.as_bytes())
    }

    /// A tag proving that `data` was signed with this key for `purpose` (128 bits, base64).
    pub fn sign(&self, purpose: &str, data: &str) -> String {
        URL_SAFE_NO_PAD.encode(&hmac(&self.derive(purpose), data.as_bytes())[..16])
    }

    /// Checks a tag made by [`SecretKey::sign`] with this key or the previous one, in constant time.
    pub fn verify(&self, purpose: &str, data: &str, tag: &str) -> bool {
        self.verify_one(purpose, data, tag) || self.previous().is_some_and(|p| p.verify_one(purpose, data, tag))
    }

    fn verify_one(&self, purpose: &str, data: &str, tag: &str) -> bool {
        let Ok(tag) = URL_SAFE_NO_PAD.decode(tag) else { return false };
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.derive(purpose)).expect("HMAC takes keys of any length");
        mac.update(data.as_bytes());
        tag.len() == 16 && mac.verify_truncated_left(&tag).is_ok()
    }

    /// Encrypts `plain` for the field `name`.
    pub fn seal(&self, name: &str, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).expect("the operating system's random source failed");
        let sealed = self
            .cipher()
            .encrypt(&XNonce::from(nonce), Payload { msg: plain.as_bytes(), aad: name.as_bytes() })
            .expect("encrypting in memory does not fail");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        format!("{SEALED_V1}.{}.{}", self.fingerprint(), URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Decrypts what [`SecretKey::seal`] made for the field `name`.
    pub fn open(&self, name: &str, sealed: &str) -> Result<String, Unsealable> {
        let mut parts = sealed.splitn(3, '.');
        let (Some(SEALED_V1), Some(fingerprint), Some(data)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Unsealable::Damaged);
        };
        if fingerprint != self.fingerprint() {
            return match self.previous() {
                Some(previous) if previous.fingerprint() == fingerprint => previous.open(name, sealed),
                _ => Err(Unsealable::OtherKey(fingerprint.to_owned())),
            };
        }
        let bytes = URL_SAFE_NO_PAD.decode(data).map_err(|_| Unsealable::Damaged)?;
        if bytes.len() < NONCE_LEN {
            return Err(Unsealable::Damaged);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| Unsealable::Damaged)?;
        let plain = self
            .cipher()
            .decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad: name.as_bytes() })
            .map_err(|_| Unsealable::Damaged)?;
        String::from_utf8(plain).map_err(|_| Unsealable::Damaged)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.derive("sealed settings").into())
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> SecretKey {
        SecretKey::parse(text).expect("a long enough key")
    }

    #[test]
    fn short_keys_are_refused_and_generated_ones_accepted() {
        let err = SecretKey::parse("too-short").unwrap_err();
        assert!(err.contains("at least 32 characters (it has 9)"), "{err}");
        assert!(SecretKey::parse(&" ".repeat(40)).is_err(), "blanks are not a key");
        let generated = SecretKey::generate();
        assert_eq!(generated.len(), 43);
        assert_ne!(generated, SecretKey::generate());
        assert!(SecretKey::parse(&generated).is_ok());
    }

    #[test]
    fn the_same_text_gives_the_same_key_whatever_the_line_break() {
        let a = key("correct horse battery staple, twice over");
        let b = key("correct horse battery staple, twice over\n");
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), key("correct horse battery staple, twice ovr!").fingerprint());
        assert!(!format!("{a:?}").contains("horse"));
    }

    #[test]
    fn sealed_values_open_only_with_their_key_and_their_name() {
        let a = key("a".repeat(40).as_str());
        let sealed = a.seal("smtp_password", "p@ss w0rd é");
        assert!(!sealed.contains("p@ss"));
        assert_ne!(sealed, a.seal("smtp_password", "p@ss w0rd é"), "a fresh nonce each time");
        assert_eq!(a.open("smtp_password", &sealed).as_deref(), Ok("p@ss w0rd é"));
        assert_eq!(a.open("webhook_secret", &sealed), Err(Unsealable::Damaged), "moved to another field");

        let b = key("b".repeat(40).as_str());
        assert_eq!(b.open("smtp_password", &sealed), Err(Unsealable::OtherKey(a.fingerprint())));

        // One flipped character anywhere in the payload is detected.
        let (head, data) = sealed.rsplit_once('.').unwrap();
        for i in [0, data.len() / 2, data.len() - 1] {
            let mut bytes = data.as_bytes().to_vec();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let tampered = format!("{head}.{}", String::from_utf8(bytes).unwrap());
            assert_eq!(a.open("smtp_password", &tampered), Err(Unsealable::Damaged), "at {i}");
        }
        assert_eq!(a.open("smtp_password", "plain text"), Err(Unsealable::Damaged));
    }

    #[test]
    fn during_a_rotation_the_previous_key_still_opens_and_verifies_but_never_seals() {
        let old = key("o".repeat(40).as_str());
        let sealed = old.seal("smtp_password", "ancien");
        let tag = old.sign("cookie", "session-1");
        let new = key("n".repeat(40).as_str()).with_previous(&old);
        assert_eq!(new.open("smtp_password", &sealed).as_deref(), Ok("ancien"));
        assert!(new.verify("cookie", "session-1", &tag));
        assert!(!new.sealed_with_this(&sealed));
        let resealed = new.seal("smtp_password", "ancien");
        assert!(new.sealed_with_this(&resealed) && !resealed.contains(&old.fingerprint()));
        assert_eq!(new.previous_fingerprint(), Some(old.fingerprint()));
        // Without the previous key, the old values no longer open.
        let alone = key("n".repeat(40).as_str());
        assert_eq!(alone.open("smtp_password", &sealed), Err(Unsealable::OtherKey(old.fingerprint())));
        assert!(!alone.verify("cookie", "session-1", &tag));
        assert_eq!(alone.open("smtp_password", &resealed).as_deref(), Ok("ancien"));
    }

    #[test]
    fn signatures_depend_on_key_purpose_and_data() {
        let a = key("a".repeat(40).as_str());
        let tag = a.sign("cookie", "session-1");
        assert!(a.verify("cookie", "session-1", &tag));
        assert!(!a.verify("cookie", "session-2", &tag));
        assert!(!a.verify("other", "session-1", &tag));
        assert!(!key("b".repeat(40).as_str()).verify("cookie", "session-1", &tag));
        assert!(!a.verify("cookie", "session-1", &tag[..10]), "a shortened tag");
        assert!(!a.verify("cookie", "session-1", ""));
    }
}
