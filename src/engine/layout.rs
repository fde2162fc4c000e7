//! The draft's blocks and comments, kept between edits.
//!
//! Suppressions (directives in comments, `ignore` applied to the next block) and
//! the fixes that insert a directive read the whole draft's blocks and comments.
//! Gathering them from every piece on every keystroke touched thousands of
//! pieces; a splice instead replaces the edited piece's own and moves the rest.

use super::piece::Piece;
use super::splice::Edit;
use super::{shift_after, Draft};
use crate::analysis::prose::{Block, ProseMap};
use crate::analysis::Span;

pub(super) struct Layout {
    blocks: Vec<Block>,
    comments: Vec<Span>,
    /// Where each piece's blocks and comments start, with the totals at the end.
    first_block: Vec<usize>,
    first_comment: Vec<usize>,
    front_matter: Option<Span>,
    title: Option<Span>,
    /// The piece the title is in.
    title_piece: Option<usize>,
}

impl Layout {
    /// The layout of `draft`, whose pieces assembled into `prose`.
    pub(super) fn of(draft: &Draft, prose: &ProseMap) -> Layout {
        let mut first_block = vec![0];
        let mut first_comment = vec![0];
        let mut title_piece = None;
        for (i, piece) in draft.pieces.iter().enumerate() {
            first_block.push(first_block[i] + piece.prose.blocks.len());
            first_comment.push(first_comment[i] + piece.prose.comments.len());
            if title_piece.is_none() && piece.prose.title.is_some() {
                title_piece = Some(i);
            }
        }
        Layout {
            blocks: prose.blocks.clone(),
            comments: prose.comments.clone(),
            first_block,
            first_comment,
            front_matter: prose.front_matter,
            title: prose.title,
            title_piece,
        }
    }

    /// The layout after piece `k` became `piece` (`edit`): its blocks and comments
    /// are its own, those after it move with its end. `None` if the title was in
    /// piece `k` and no longer is (the next one may be anywhere further on).
    pub(super) fn respliced(mut self, k: usize, piece: &Piece, edit: &Edit) -> Option<Layout> {
        // Everything moved here lies after the edited piece, so it can be moved.
        let moved = |s: Span| edit.moved(s).expect("after the edited piece");
        let placed = |s: Span| edit.in_new(s);
        let new_title = piece.prose.title.map(placed);
        match self.title_piece {
            Some(j) if j < k => {}
            Some(j) if j == k && new_title.is_none() => return None,
            Some(j) if j > k && new_title.is_none() => self.title = self.title.map(moved),
            _ => {
                self.title = new_title;
                self.title_piece = new_title.map(|_| k);
            }
        }

        let own = self.first_block[k]..self.first_block[k + 1];
        for block in &mut self.blocks[own.end..] {
            block.span = moved(block.span);
        }
        let blocks = piece.prose.blocks.iter().map(|b| Block {
            span: placed(b.span),
            ..*b
        });
        self.blocks.splice(own, blocks);
        shift_after(&mut self.first_block, k, piece.prose.blocks.len());

        let own = self.first_comment[k]..self.first_comment[k + 1];
        for comment in &mut self.comments[own.end..] {
            *comment = moved(*comment);
        }
        self.comments
            .splice(own, piece.prose.comments.iter().map(|c| placed(*c)));
        shift_after(&mut self.first_comment, k, piece.prose.comments.len());
        Some(self)
    }

    pub(super) fn title(&self) -> Option<Span> {
        self.title
    }

    /// The prose map of the draft as far as the draft-level findings read it
    /// (everything but the masked text).
    pub(super) fn prose(&self) -> ProseMap {
        ProseMap {
            blocks: self.blocks.clone(),
            comments: self.comments.clone(),
            front_matter: self.front_matter,
            title: self.title,
            ..ProseMap::default()
        }
    }
}
