//! A reusable table of a text's characters and their byte offsets.
//!
//! Walking text by character index needs the table; at 16 bytes a character,
//! allocating (and faulting in) a fresh one per block or sentence cost more than
//! filling one buffer per thread again.

use std::cell::RefCell;

/// Run `fill_and_use` with this thread's table, emptied. A nested call, made while
/// the table is in use, gets a fresh one.
pub fn with_char_table<R>(fill_and_use: impl FnOnce(&mut Vec<(usize, char)>) -> R) -> R {
    thread_local! {
        static CHARS: RefCell<Vec<(usize, char)>> = const { RefCell::new(Vec::new()) };
    }
    CHARS.with(|chars| {
        let mut owned = Vec::new();
        let mut borrowed = chars.try_borrow_mut();
        let chars = match borrowed.as_deref_mut() {
            Ok(chars) => chars,
            Err(_) => &mut owned,
        };
        chars.clear();
        fill_and_use(chars)
    })
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
