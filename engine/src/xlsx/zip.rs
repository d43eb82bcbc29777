//! A minimal ZIP writer for the .xlsx container: every entry *stored* (no compression), as the
//! format allows and every spreadsheet program reads. Small on purpose: the whole writer adds
//! a few kilobytes to the web app, where a deflate library would add many more
//! (docs/xlsx.md, "The file").

/// A ZIP archive that does not fit the classic format (an entry or the archive over 4 GiB, or
/// more than 65 535 entries). A plan's workbook is far below these limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("arbetsboken blev för stor för en .xlsx-fil")]
pub struct ZipTooLarge;

/// The CRC-32 (IEEE 802.3, as ZIP uses it) lookup table, computed at compile time (the loop
/// indexes 0..256 of a 256-entry array).
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `bytes`. The table index is masked to 0..=255.
#[allow(clippy::indexing_slicing)]
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in bytes {
        c = CRC_TABLE[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// 1980-01-01 00:00, the earliest DOS date: the file carries no clock (the engine has none), so
/// the same plan always gives the same bytes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// Writes `entries` (path, content) as a stored ZIP archive, in the given order.
pub(crate) fn write_zip(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ZipTooLarge> {
    let count = u16::try_from(entries.len()).map_err(|_| ZipTooLarge)?;
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    for (name, data) in entries {
        let offset = u32::try_from(out.len()).map_err(|_| ZipTooLarge)?;
        let size = u32::try_from(data.len()).map_err(|_| ZipTooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| ZipTooLarge)?;
        let crc = crc32(data);
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: names are UTF-8
        out.extend_from_slice(&0u16.to_le_bytes()); // method: stored
        out.extend_from_slice(&DOS_TIME.to_le_bytes());
        out.extend_from_slice(&DOS_DATE.to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes()); // compressed size
        out.extend_from_slice(&size.to_le_bytes()); // uncompressed size
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&20u16.to_le_bytes()); // version needed
        central.extend_from_slice(&0x0800u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&DOS_TIME.to_le_bytes());
        central.extend_from_slice(&DOS_DATE.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0u8; 12]); // extra, comment, disk, internal and external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = u32::try_from(out.len()).map_err(|_| ZipTooLarge)?;
    let central_size = u32::try_from(central.len()).map_err(|_| ZipTooLarge)?;
    out.extend_from_slice(&central);
    // End of central directory.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    u32::try_from(out.len()).map_err(|_| ZipTooLarge)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_known_vectors() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn an_archive_lists_its_entries_in_the_central_directory() {
        let zip = write_zip(&[
            ("a.txt".to_string(), b"hej".to_vec()),
            ("b/c.xml".to_string(), b"<x/>".to_vec()),
        ])
        .unwrap();
        assert_eq!(&zip[..4], &[0x50, 0x4b, 0x03, 0x04]);
        let end = &zip[zip.len() - 22..];
        assert_eq!(&end[..4], &[0x50, 0x4b, 0x05, 0x06]);
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
        // Stored: the contents are in the archive as they are.
        assert!(zip.windows(3).any(|w| w == b"hej"));
    }
}
