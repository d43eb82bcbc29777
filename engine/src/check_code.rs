//! The check code of a plan (docs/app.md, "Sharing: a read-only file", *Kontrollkod*): a short
//! code computed from the plan's content, shown by the sender (Kommun view, "Spara som fil")
//! and recomputed by a shared file from the plan it holds, so a municipality can compare it
//! with the code in the board's letter or protocol.
//!
//! The code is the first 8 hexadecimal digits (lower case) of the SHA-256 of the plan's
//! **canonical serialisation**, grouped in two fours: `1a2b 3c4d`. The canonical serialisation
//! is the plan file exactly as samplan writes it ([`plan_to_json`], docs/plan-file.md): the
//! `format`/`version` envelope, fields in their fixed order, map keys sorted, amounts as decimal
//! strings, pretty-printed with two-space indentation, UTF-8, no final newline. It is the same
//! text "Spara som fil" writes, so the code of a saved plan file is the start of its
//! `sha256sum`.
//!
//! SHA-256 is implemented here (FIPS 180-4) rather than taken from the `sha2` crate: it is 60
//! lines, tested against the standard's vectors, and adds 732 bytes less (gzip) to the
//! WebAssembly, without six more crates (measured as docs/app.md "Kontrollkod" says).

use crate::plan::Plan;
use crate::plan_file::plan_to_json;

/// The round constants of SHA-256 (FIPS 180-4, 4.2.2).
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// The initial hash value of SHA-256 (FIPS 180-4, 5.3.3).
const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Processes one 64-byte block into the state `h`.
// Every index below is a loop variable t in 16..64 into an array of 64, and t − 16 … t − 2
// cannot go below 0: no index can be out of bounds and no subtraction can overflow.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
fn compress(h: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = [0u32; 64];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    for t in 16..64 {
        let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
        let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16]
            .wrapping_add(s0)
            .wrapping_add(w[t - 7])
            .wrapping_add(s1);
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = *h;
    for (k, wt) in K.iter().zip(w.iter()) {
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = hh
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(*k)
            .wrapping_add(*wt);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        hh = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (x, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
        *x = x.wrapping_add(v);
    }
}

/// The SHA-256 digest of `data` (FIPS 180-4).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h = H0;
    let mut chunks = data.chunks_exact(64);
    for chunk in &mut chunks {
        let mut block = [0u8; 64];
        block.copy_from_slice(chunk);
        compress(&mut h, &block);
    }
    // Padding: 0x80, zeros, then the length in bits as a big-endian u64 (one or two blocks).
    let rest = chunks.remainder();
    let mut tail = [0u8; 128];
    tail.iter_mut().zip(rest).for_each(|(t, b)| *t = *b);
    let n = rest.len();
    if let Some(t) = tail.get_mut(n) {
        *t = 0x80;
    }
    let (blocks, end): (usize, usize) = if n < 56 { (1, 64) } else { (2, 128) };
    let bits = (data.len() as u64).wrapping_mul(8).to_be_bytes();
    if let Some(len) = tail.get_mut(end.saturating_sub(8)..end) {
        len.copy_from_slice(&bits);
    }
    for chunk in tail.chunks_exact(64).take(blocks) {
        let mut block = [0u8; 64];
        block.copy_from_slice(chunk);
        compress(&mut h, &block);
    }
    let mut out = [0u8; 32];
    for (o, word) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// The check code of `bytes`: the first 8 hex digits of their SHA-256, as `1a2b 3c4d`.
pub fn check_code_of(bytes: &[u8]) -> String {
    let digest = sha256(bytes);
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let (first, second) = hex.split_at(4);
    format!("{first} {second}")
}

/// The check code of `plan`: [`check_code_of`] its canonical serialisation ([`plan_to_json`],
/// see the module docs). Two plans with the same content have the same code; a plan changed in
/// any figure, name, setting or scenario has (but for a 1 in 4 294 967 296 chance) another.
pub fn plan_check_code(plan: &Plan) -> String {
    check_code_of(plan_to_json(plan).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;
    use crate::plan_file::plan_from_json;

    fn hex(d: [u8; 32]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// FIPS 180-4 / NIST CSRC example vectors, and the padding edges (55, 56, 63, 64 bytes).
    #[test]
    fn known_sha256_vectors() {
        assert_eq!(
            hex(sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(sha256(
                b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            )),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        );
        let million_a = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(sha256(&million_a)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
        assert_eq!(
            hex(sha256(b"The quick brown fox jumps over the lazy dog")),
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
        );
        // Lengths around the padding boundary (the one- and two-block tails).
        assert_eq!(
            hex(sha256(&[b'a'; 55])),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"
        );
        assert_eq!(
            hex(sha256(&[b'a'; 56])),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
        );
        assert_eq!(
            hex(sha256(&[b'a'; 64])),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
        );
    }

    #[test]
    fn the_code_is_eight_hex_digits_in_two_groups() {
        assert_eq!(check_code_of(b"abc"), "ba78 16bf");
        assert_eq!(check_code_of(b""), "e3b0 c442");
    }

    #[test]
    fn a_plan_read_back_has_the_same_code_and_an_edited_one_another() {
        let plan = example_plan();
        let code = plan_check_code(&plan);
        assert_eq!(code.len(), 9);
        // What a shared file does: read the embedded plan file and compute again.
        let back = plan_from_json(&plan_to_json(&plan)).unwrap();
        assert_eq!(plan_check_code(&back), code);
        // White space in the file does not count: the code is over the canonical form.
        let compact = serde_json::to_string(
            &serde_json::from_str::<serde_json::Value>(&plan_to_json(&plan)).unwrap(),
        )
        .unwrap();
        assert_eq!(plan_check_code(&plan_from_json(&compact).unwrap()), code);
        // One krona, or the name, changes the code.
        let mut edited = plan.clone();
        edited.opening_equity = edited
            .opening_equity
            .checked_add(crate::money::Amount::kr(1))
            .unwrap();
        assert_ne!(plan_check_code(&edited), code);
        let mut renamed = plan.clone();
        renamed.settings.name.push('x');
        assert_ne!(plan_check_code(&renamed), code);
        // The code of the saved plan file is the start of its sha256sum.
        let digest = hex(sha256(plan_to_json(&plan).as_bytes()));
        assert_eq!(code.replace(' ', ""), digest[..8]);
    }
}
