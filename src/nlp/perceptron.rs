//! A multiclass averaged perceptron over hashed sparse features.
//!
//! The tagger, the parser's transition and label models and the entity typer
//! are all this one model with their own features. Features are 64-bit hashes
//! of a template number and its strings (`Features::add`), so extracting them
//! allocates nothing. Training keeps dense per-feature rows with lazy
//! averaging; `Perceptron::freeze` keeps only the averaged weights that are not
//! zero, quantised to `i16`, which is what ships inside the binary.

use rustc_hash::FxHashMap;

/// The hashed features of one decision.
#[derive(Default, Clone)]
pub struct Features {
    pub hashes: Vec<u64>,
}

impl Features {
    pub fn clear(&mut self) {
        self.hashes.clear();
    }

    /// A feature of template `template` with the given parts.
    pub fn add(&mut self, template: u8, parts: &[&[u8]]) {
        let mut h = FNV_OFFSET ^ u64::from(template);
        h = h.wrapping_mul(FNV_PRIME);
        for part in parts {
            for &b in *part {
                h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
            }
            // A separator, so ("ab", "c") and ("a", "bc") differ.
            h = (h ^ 0xff).wrapping_mul(FNV_PRIME);
        }
        self.hashes.push(mix(h));
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A final avalanche, so the low bits the table index reads are well spread.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Training state: per feature, a dense row of (weight, summed weight, last update).
pub struct Trainer {
    classes: usize,
    rows: FxHashMap<u64, Vec<Cell>>,
    /// Number of examples seen, the clock of the lazy average.
    clock: u64,
}

#[derive(Clone, Copy, Default)]
struct Cell {
    weight: f32,
    total: f64,
    stamp: u64,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            rows: FxHashMap::default(),
            clock: 0,
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Current (not averaged) scores, for decoding during training.
    pub fn scores(&self, features: &Features, out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.classes, 0.0);
        for h in &features.hashes {
            if let Some(row) = self.rows.get(h) {
                for (o, cell) in out.iter_mut().zip(row) {
                    *o += cell.weight;
                }
            }
        }
    }

    pub fn predict(&self, features: &Features, scratch: &mut Vec<f32>) -> usize {
        self.scores(features, scratch);
        argmax(scratch)
    }

    /// One example: reward `truth`, penalise `guess` when they differ.
    pub fn update(&mut self, features: &Features, truth: usize, guess: usize) {
        self.clock += 1;
        if truth == guess {
            return;
        }
        let (classes, clock) = (self.classes, self.clock);
        for h in &features.hashes {
            let row = self
                .rows
                .entry(*h)
                .or_insert_with(|| vec![Cell::default(); classes]);
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let cell = &mut row[class];
                cell.total += f64::from(cell.weight) * (clock - cell.stamp) as f64;
                cell.stamp = clock;
                cell.weight += delta;
            }
        }
    }

    /// Averaged weights, the small ones dropped, quantised.
    ///
    /// `min_weight` is relative to the largest averaged weight; features whose
    /// every class falls below it are left out.
    pub fn freeze(&self, min_weight: f32) -> Perceptron {
        let clock = self.clock.max(1) as f64;
        let mut averaged: Vec<(u64, Vec<f32>)> = self
            .rows
            .iter()
            .map(|(h, row)| {
                let avg = row
                    .iter()
                    .map(|c| {
                        ((c.total + f64::from(c.weight) * (self.clock - c.stamp) as f64) / clock)
                            as f32
                    })
                    .collect();
                (*h, avg)
            })
            .collect();
        // Sorted, so the model's bytes do not depend on the hash map's order.
        averaged.sort_unstable_by_key(|(h, _)| *h);
        let largest = averaged
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = largest / f32::from(i16::MAX);
        let floor = largest * min_weight;
        let mut model = Perceptron::empty(self.classes, scale);
        for (h, row) in averaged {
            let kept: Vec<(u16, i16)> = row
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= floor && w.abs() > 0.0)
                .map(|(c, w)| (c as u16, (w / scale).round() as i16))
                .filter(|(_, q)| *q != 0)
                .collect();
            if !kept.is_empty() {
                model.push_row(h, &kept);
            }
        }
        model
    }
}

/// The shipped model: sparse quantised rows keyed by feature hash.
pub struct Perceptron {
    classes: usize,
    scale: f32,
    /// Feature hash -> (first entry, number of entries).
    index: FxHashMap<u64, (u32, u16)>,
    entries: Vec<(u16, i16)>,
}

impl Perceptron {
    fn empty(classes: usize, scale: f32) -> Perceptron {
        Perceptron {
            classes,
            scale,
            index: FxHashMap::default(),
            entries: Vec::new(),
        }
    }

    fn push_row(&mut self, hash: u64, row: &[(u16, i16)]) {
        let start = self.entries.len() as u32;
        self.entries.extend_from_slice(row);
        self.index.insert(hash, (start, row.len() as u16));
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of kept features.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Scores in the model's integer units (compare, do not interpret).
    pub fn scores(&self, features: &Features, out: &mut Vec<i32>) {
        out.clear();
        out.resize(self.classes, 0);
        for h in &features.hashes {
            if let Some(&(start, len)) = self.index.get(h) {
                let row = &self.entries[start as usize..start as usize + len as usize];
                for &(class, w) in row {
                    out[class as usize] += i32::from(w);
                }
            }
        }
    }

    pub fn predict(&self, features: &Features, scratch: &mut Vec<i32>) -> usize {
        self.scores(features, scratch);
        argmax(scratch)
    }

    /// The kept rows, (feature hash, its (class, weight) entries), in no set order;
    /// for models that repack the weights into their own table.
    pub fn rows(&self) -> impl Iterator<Item = (u64, &[(u16, i16)])> + '_ {
        self.index.iter().map(|(h, &(start, len))| {
            (
                *h,
                &self.entries[start as usize..start as usize + len as usize],
            )
        })
    }

    /// The scale from integer units back to averaged weights.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Little-endian bytes: classes, scale, rows sorted by hash.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(&u64, &(u32, u16))> = self.index.iter().collect();
        rows.sort_unstable_by_key(|(h, _)| **h);
        let mut out = Vec::with_capacity(16 + rows.len() * 10 + self.entries.len() * 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (h, &(start, len)) in rows {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
            for &(class, w) in &self.entries[start as usize..start as usize + len as usize] {
                out.extend_from_slice(&class.to_le_bytes());
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Perceptron, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a perceptron model (bad magic)"));
        }
        let classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap());
        let rows = r.u32()? as usize;
        let mut model = Perceptron::empty(classes, scale);
        model.index.reserve(rows);
        let mut row = Vec::new();
        for _ in 0..rows {
            let hash = u64::from_le_bytes(r.take(8)?.try_into().unwrap());
            let len = r.u16()?;
            row.clear();
            for _ in 0..len {
                let class = r.u16()?;
                if usize::from(class) >= classes {
                    return Err(ModelError("class out of range"));
                }
                row.push((class, r.u16()? as i16));
            }
            model.push_row(hash, &row);
        }
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes after the model"));
        }
        Ok(model)
    }
}

const MAGIC: &[u8] = b"TLPERC1\0";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub &'static str);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for ModelError {}

/// A cursor over a model's bytes that fails instead of panicking.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(ModelError("model truncated"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    pub fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    /// A length-prefixed UTF-8 string.
    pub fn string(&mut self) -> Result<&'a str, ModelError> {
        let len = self.u16()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| ModelError("string not UTF-8"))
    }
}

/// Appends a length-prefixed string (the counterpart of `Reader::string`).
pub fn write_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u16).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The first index of the largest score.
pub fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(words: &[&str]) -> Features {
        let mut f = Features::default();
        for w in words {
            f.add(1, &[w.as_bytes()]);
        }
        f
    }

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let data = [
            (vec!["a", "x"], 0),
            (vec!["b", "x"], 1),
            (vec!["c", "y"], 2),
            (vec!["a", "y"], 0),
        ];
        let mut t = Trainer::new(3);
        let mut scratch = Vec::new();
        for _ in 0..10 {
            for (words, truth) in &data {
                let f = feats(words);
                let guess = t.predict(&f, &mut scratch);
                t.update(&f, *truth, guess);
            }
        }
        let model = Perceptron::from_bytes(&t.freeze(0.0).to_bytes()).unwrap();
        let mut s = Vec::new();
        for (words, truth) in &data {
            assert_eq!(model.predict(&feats(words), &mut s), *truth);
        }
    }

    #[test]
    fn part_boundaries_matter() {
        let mut f = Features::default();
        f.add(1, &[b"ab", b"c"]);
        f.add(1, &[b"a", b"bc"]);
        f.add(2, &[b"ab", b"c"]);
        assert_ne!(f.hashes[0], f.hashes[1]);
        assert_ne!(f.hashes[0], f.hashes[2]);
    }

    #[test]
    fn corrupt_bytes_are_an_error_not_a_panic() {
        let mut t = Trainer::new(2);
        let f = feats(&["a"]);
        t.update(&f, 1, 0);
        let bytes = t.freeze(0.0).to_bytes();
        for cut in 0..bytes.len() {
            assert!(Perceptron::from_bytes(&bytes[..cut]).is_err());
        }
        assert!(Perceptron::from_bytes(b"garbage").is_err());
    }
}
