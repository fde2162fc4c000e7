//! A reusable table of a text's characters and their byte offsets.
//!
//! Walking text by character index needs the table; at 16 bytes a character,
//! allocating (and faulting in) a fresh one per block or sentence cost more than
//! filling one buffer per thread again.

use std::cell::Cell;

/// Run `fill_and_use` with this thread's table, emptied. The table is taken out
/// while in use (as the token buffers are), so a nested call gets a fresh one.
pub fn with_char_table<R>(fill_and_use: impl FnOnce(&mut Vec<(usize, char)>) -> R) -> R {
    thread_local! {
        static CHARS: Cell<Vec<(usize, char)>> = const { Cell::new(Vec::new()) };
    }
    let mut chars = CHARS.take();
    chars.clear();
    let result = fill_and_use(&mut chars);
    CHARS.set(chars);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_call_gets_its_own_empty_table() {
        let outer = with_char_table(|outer| {
            outer.extend("ab".char_indices());
            let inner = with_char_table(|inner| {
                assert!(inner.is_empty());
                inner.extend("é".char_indices());
                inner.clone()
            });
            assert_eq!(inner, [(0, 'é')]);
            outer.clone()
        });
        assert_eq!(outer, [(0, 'a'), (1, 'b')]);
        with_char_table(|again| assert!(again.is_empty(), "emptied for the next use"));
    }
}
