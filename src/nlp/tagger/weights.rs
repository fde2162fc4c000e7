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
    /// (key, row): key 0 is an empty slot; row is start << 8 | length.
    slots: Vec<(u32, u32)>,
    entries: Vec<(u8, i16)>,
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
        let mut table = Weights {
            classes,
            mask: size - 1,
            slots: vec![(0, 0); size],
            entries: Vec::with_capacity(rows.iter().map(|(_, r)| r.len()).sum()),
            rows: Vec::with_capacity(rows.len()),
        };
        for (hash, row) in rows {
            let packed = (table.entries.len() as u32) << 8 | row.len() as u32;
            table.entries.extend_from_slice(row);
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

    /// Adds the weights of feature `hash` to `scores`.
    #[inline]
    pub fn add(&self, hash: u64, scores: &mut [i32]) {
        let k = key(hash);
        let mut i = hash as usize & self.mask;
        loop {
            let (slot_key, row) = self.slots[i];
            if slot_key == k {
                let start = (row >> 8) as usize;
                for &(class, w) in &self.entries[start..start + (row & 0xff) as usize] {
                    scores[usize::from(class)] += i32::from(w);
                }
                return;
            }
            if slot_key == 0 {
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(self.rows.len() as u32).to_le_bytes());
        for &(hash, row) in &self.rows {
            out.extend_from_slice(&hash.to_le_bytes());
            let start = (row >> 8) as usize;
            let entries = &self.entries[start..start + (row & 0xff) as usize];
            out.push(entries.len() as u8);
            for &(class, w) in entries {
                out.push(class);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    pub fn read(r: &mut Reader) -> Result<Weights, ModelError> {
        let classes = r.u32()? as usize;
        if classes > 255 {
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

/// The slot key: the hash's high half, never 0 (the empty mark).
fn key(hash: u64) -> u32 {
    ((hash >> 32) as u32).max(1)
}
