//! The `Content-Length` frame decoder on arbitrary bytes split at arbitrary points:
//! never panics, never returns a frame larger than its input, and always makes
//! progress (each call consumes input or asks for more).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truthlens::lsp::internals::{Decoded, FrameDecoder};

#[derive(Arbitrary, Debug)]
struct Chunks(Vec<Vec<u8>>);

fuzz_target!(|chunks: Chunks| {
    let mut decoder = FrameDecoder::default();
    let mut fed = 0usize;
    let mut taken = 0usize;
    for chunk in &chunks.0 {
        decoder.push(chunk);
        fed += chunk.len();
        // A decoder that neither consumes nor waits would loop here forever.
        let mut rounds = 0;
        while let Some(item) = decoder.next_item() {
            rounds += 1;
            assert!(rounds <= fed + 1, "the decoder makes no progress");
            if let Decoded::Frame(body) = item {
                taken += body.len();
            }
        }
        assert!(taken <= fed, "frames larger than the input");
    }
});
