//! The shipped weights in a flat open-addressing table.
//!
//! A lookup reads one 8-byte slot (32 bits of the feature hash as the key, the
//! row's place in `entries`) and then the row itself: two cache lines at most,
//! where a general hash map costs more. A wrong hit needs an unseen feature to
//! share the slot chain and 32 key bits with a kept one: harmless at this size.

use crate::nlp::perceptron::{ModelError, Perceptron, Reader};

pub(super) struct Weights {
    classes: usize,
    mask: usize,
    /// (key, row): key 0 is an empty slot; row is start << 8 | length, or
    /// dense row number << 8 | `DENSE`.
    slots: Vec<(u32, u32)>,
    /// Sparse rows: (class, weight).
    entries: Vec<(u8, i16)>,
    /// Rows with many classes (the bias, the tag history) as full `stride`-wide
    /// arrays, whose addition the compiler turns into vector instructions.
    dense: Vec<i16>,
    stride: usize,
    /// Rows by hash, for writing the model back out.
    rows: Vec<(u64, u32)>,
}

impl Weights {
    pub fn from_perceptron(model: &Perceptron) -> Weights {
        let mut rows: Vec<(u64, Vec<(u8, i16)>)> = model
            .rows()
            .map(|(h, row)| (h, row.iter().map(|&(c, w)| (c as u8, w)).collect()))
            .collect();
        rows.sort_unstable_by_key(|(h, _)| *h);
        Weights::build(model.classes(), &rows)
    }

    pub fn empty(classes: usize) -> Weights {
        Weights::build(classes, &[])
    }

    fn build(classes: usize, rows: &[(u64, Vec<(u8, i16)>)]) -> Weights {
        let size = (rows.len() * 2).next_power_of_two().max(16);
        let stride = classes.next_multiple_of(8);
        // With few classes a dense row is a handful of vector additions, cheaper
        // than all but the shortest sparse rows (17 UPOS: 24 slots, 48 bytes).
        let dense_from = if classes <= 32 { 6 } else { 24 };
        let mut table = Weights {
            classes,
            mask: size - 1,
            slots: vec![(0, 0); size],
            entries: Vec::with_capacity(rows.iter().map(|(_, r)| r.len()).sum()),
            dense: Vec::new(),
            stride,
            rows: Vec::with_capacity(rows.len()),
        };
        for (hash, row) in rows {
            let packed = if row.len() >= dense_from {
                let number = table.dense.len() / stride;
                table.dense.resize(table.dense.len() + stride, 0);
                for &(class, w) in row {
                    table.dense[number * stride + usize::from(class)] = w;
                }
                (number as u32) << 8 | DENSE
            } else {
                let start = (table.entries.len() as u32) << 8 | row.len() as u32;
                table.entries.extend_from_slice(row);
                start
            };
            table.rows.push((*hash, packed));
            let mut i = *hash as usize & table.mask;
            while table.slots[i].0 != 0 {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = (key(*hash), packed);
        }
        table
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Adds the weights of every feature in `hashes` to `scores`.
    ///
    /// Lookups are memory-bound, so they go in three rounds: prefetch every
    /// slot, read the slots and prefetch their rows, then add the rows. The
    /// misses of one round overlap instead of following one another.
    pub fn add_all(&self, hashes: &[u64], scores: &mut Scores) {
        let mut rows = [0u32; MAX_BATCH];
        let hashes = &hashes[..hashes.len().min(MAX_BATCH)];
        for &h in hashes {
            prefetch(&self.slots[h as usize & self.mask]);
        }
        for (&h, row) in hashes.iter().zip(rows.iter_mut()) {
            *row = self.find(h);
            if *row & 0xff == DENSE {
                prefetch(&self.dense[(*row >> 8) as usize * self.stride]);
            } else if *row != 0 {
                prefetch(&self.entries[(*row >> 8) as usize]);
            }
        }
        for &row in &rows[..hashes.len()] {
            self.add_row(row, scores);
        }
    }

    #[inline]
    fn add_row(&self, row: u32, scores: &mut Scores) {
        let start = (row >> 8) as usize;
        if row & 0xff == DENSE {
            let weights = &self.dense[start * self.stride..(start + 1) * self.stride];
            match self.stride {
                // The UPOS model's width, with a fixed length the compiler unrolls.
                24 => add_dense::<24>(weights, scores),
                _ => add_dense_any(weights, scores),
            }
        } else {
            for &(class, w) in &self.entries[start..start + (row & 0xff) as usize] {
                scores[usize::from(class)] += i32::from(w);
            }
        }
    }

    /// The packed row of feature `hash`, or 0 (an empty row) when it has none.
    #[inline]
    fn find(&self, hash: u64) -> u32 {
        let k = key(hash);
        let mut i = hash as usize & self.mask;
        loop {
            let (slot_key, row) = self.slots[i];
            if slot_key == k {
                return row;
            }
            if slot_key == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(self.rows.len() as u32).to_le_bytes());
        for &(hash, row) in &self.rows {
            out.extend_from_slice(&hash.to_le_bytes());
            let entries = self.row_entries(row);
            out.push(entries.len() as u8);
            for (class, w) in entries {
                out.push(class);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// A row's (class, weight) entries, dense rows without their zeros.
    fn row_entries(&self, row: u32) -> Vec<(u8, i16)> {
        let start = (row >> 8) as usize;
        if row & 0xff == DENSE {
            let weights = &self.dense[start * self.stride..start * self.stride + self.classes];
            weights
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .map(|(c, &w)| (c as u8, w))
                .collect()
        } else {
            self.entries[start..start + (row & 0xff) as usize].to_vec()
        }
    }

    pub fn read(r: &mut Reader) -> Result<Weights, ModelError> {
        let classes = r.u32()? as usize;
        if classes >= 255 {
            return Err(ModelError("too many classes"));
        }
        let count = r.u32()? as usize;
        let mut rows = Vec::with_capacity(count.min(r.bytes.len() / 9));
        for _ in 0..count {
            let hash = u64::from_le_bytes(r.take(8)?.try_into().unwrap());
            let len = r.take(1)?[0] as usize;
            let mut row = Vec::with_capacity(len);
            for _ in 0..len {
                let class = r.take(1)?[0];
                if usize::from(class) >= classes {
                    return Err(ModelError("weight class out of range"));
                }
                row.push((class, r.u16()? as i16));
            }
            rows.push((hash, row));
        }
        Ok(Weights::build(classes, &rows))
    }
}

/// Class scores: one slot per possible class id, so indexing by a `u8` needs no bounds check.
pub(super) type Scores = [i32; 256];

#[inline]
fn add_dense<const N: usize>(weights: &[i16], scores: &mut Scores) {
    let weights: &[i16; N] = weights[..N].try_into().unwrap();
    for (s, &w) in scores[..N].iter_mut().zip(weights) {
        *s += i32::from(w);
    }
}

#[inline]
fn add_dense_any(weights: &[i16], scores: &mut Scores) {
    for (s, &w) in scores.iter_mut().zip(weights) {
        *s += i32::from(w);
    }
}

/// The length byte of a dense row (sparse rows are shorter than 24 classes).
const DENSE: u32 = 0xff;

/// The most features `add_all` takes at once.
pub(super) const MAX_BATCH: usize = 40;

#[inline]
fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it reads nothing and cannot fault.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// The slot key: the hash's high half, never 0 (the empty mark).
fn key(hash: u64) -> u32 {
    ((hash >> 32) as u32).max(1)
}
