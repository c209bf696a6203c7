//! Code 128, set B (printable ASCII): what a wedge scanner at the desk reads.

/// The bars and spaces of each of the 107 symbols, as module widths (bar first).
const PATTERNS: [&[u8]; 107] = [
    b"212222", b"222122", b"222221", b"121223", b"121322", b"131222", b"122213", b"122312", b"132212", b"221213",
    b"221312", b"231212", b"112232", b"122132", b"122231", b"113222", b"123122", b"123221", b"223211", b"221132",
    b"221231", b"213212", b"223112", b"312131", b"311222", b"321122", b"321221", b"312212", b"322112", b"322211",
    b"212123", b"212321", b"232121", b"111323", b"131123", b"131321", b"112313", b"132113", b"132311", b"211313",
    b"231113", b"231311", b"112133", b"112331", b"132131", b"113123", b"113321", b"133121", b"313121", b"211331",
    b"231131", b"213113", b"213311", b"213131", b"311123", b"311321", b"331121", b"312113", b"312311", b"332111",
    b"314111", b"221411", b"431111", b"111224", b"111422", b"121124", b"121421", b"141122", b"141221", b"112214",
    b"112412", b"122114", b"122411", b"142112", b"142211", b"241211", b"221114", b"413111", b"241112", b"134111",
    b"111242", b"121142", b"121241", b"114212", b"124112", b"124211", b"411212", b"421112", b"421211", b"212141",
    b"214121", b"412121", b"111143", b"111341", b"131141", b"114113", b"114311", b"411113", b"411311", b"113141",
    b"114131", b"311141", b"411131", b"211412", b"211214", b"211232", b"2331112",
];
const START_B: usize = 104;
const STOP: usize = 106;

/// A text Code 128 cannot carry in set B.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code128Error(pub char);

/// The module widths of `text` as Code 128 (start B, data, checksum, stop), bar first.
pub fn code128(text: &str) -> Result<Vec<u8>, Code128Error> {
    let mut symbols = vec![START_B];
    for c in text.chars() {
        match c {
            ' '..='\u{7f}' => symbols.push(c as usize - 32),
            other => return Err(Code128Error(other)),
        }
    }
    let checksum = symbols.iter().enumerate().map(|(i, s)| i.max(1) * s).sum::<usize>() % 103;
    symbols.extend([checksum, STOP]);
    Ok(symbols.iter().flat_map(|s| PATTERNS[*s].iter().map(|w| w - b'0')).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_is_eleven_modules_and_the_stop_thirteen() {
        for (i, pattern) in PATTERNS.iter().enumerate() {
            let modules: u32 = pattern.iter().map(|w| u32::from(w - b'0')).sum();
            assert_eq!(modules, if i == STOP { 13 } else { 11 }, "symbol {i}");
        }
    }

    #[test]
    fn a_tag_is_encoded_with_its_checksum() {
        // Start B (104) + P·1 + J·2 + J·3 + 1·4 + 2·5 + 3·6 + C·7 = 879 ≡ 55 (mod 103).
        let bars = code128("PJJ123C").unwrap();
        let modules: u32 = bars.iter().map(|&w| u32::from(w)).sum();
        assert_eq!(modules, 11 * 9 + 13, "start, 7 characters, checksum, stop");
        assert_eq!(&bars[bars.len() - 13..bars.len() - 7], PATTERNS[55].iter().map(|w| w - b'0').collect::<Vec<_>>());
        assert_eq!(code128("É"), Err(Code128Error('É')));
    }
}
