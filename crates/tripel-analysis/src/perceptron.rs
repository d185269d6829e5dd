//! A multi-class averaged perceptron over hashed sparse features, its stable feature hash,
//! a small seeded PRNG, and the compact model encoding.
//!
//! Everything here is deterministic: the hash is FNV-1a (no per-process seed), the PRNG is
//! SplitMix64, training counts in integers, and serialisation sorts the features by hash.

use rustc_hash::FxHashMap;

/// FNV-1a over a template number and the parts of a feature, folded to 32 bits. The same on
/// every run and platform.
pub fn feature_hash(template: u8, parts: &[&str]) -> u32 {
    parts
        .iter()
        .fold(Fnv::new(template), |h, p| h.part(p))
        .finish()
}

/// [`feature_hash`] built up part by part, for features whose parts are not at hand as
/// strings (a list joined by commas, say): `Fnv::new(t).part(a).part(b).finish()` equals
/// `feature_hash(t, &[a, b])`.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    /// The state after the template number.
    #[inline]
    pub fn new(template: u8) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325).byte(template)
    }

    #[inline]
    fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    /// Adds the bytes of a string without ending the part (see [`Fnv::end`]).
    ///
    /// Four bytes per loop step: the same byte-by-byte FNV-1a, with a quarter of the loop's
    /// own instructions (the tagger, the name model and the parser hash a few thousand bytes
    /// per sentence).
    #[inline]
    pub fn text(self, s: &str) -> Fnv {
        let mut h = self;
        let mut quads = s.as_bytes().chunks_exact(4);
        for q in &mut quads {
            h = h.byte(q[0]).byte(q[1]).byte(q[2]).byte(q[3]);
        }
        quads.remainder().iter().fold(h, |h, &b| h.byte(b))
    }

    /// Ends the current part.
    #[inline]
    pub fn end(self) -> Fnv {
        self.byte(0xff)
    }

    /// Adds one whole part.
    #[inline]
    pub fn part(self, s: &str) -> Fnv {
        self.text(s).end()
    }

    /// The feature hash.
    #[inline]
    pub fn finish(self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

/// SplitMix64: a tiny seeded generator for the training shuffle.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    class: u16,
    w: i32,
    total: i64,
    stamp: u64,
}

/// The training side: integer weights with lazy averaging.
#[derive(Debug, Clone)]
pub struct Trainer {
    n_classes: usize,
    weights: FxHashMap<u32, Vec<Entry>>,
    tick: u64,
}

impl Trainer {
    /// An empty model over `n_classes` classes.
    pub fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            weights: FxHashMap::default(),
            tick: 0,
        }
    }

    /// Class scores for a feature set under the current (not averaged) weights.
    pub fn scores(&self, feats: &[u32], out: &mut Vec<i64>) {
        out.clear();
        out.resize(self.n_classes, 0);
        for f in feats {
            if let Some(es) = self.weights.get(f) {
                for e in es {
                    out[e.class as usize] += i64::from(e.w);
                }
            }
        }
    }

    /// One training instance: counts a tick and, if `pred != gold`, moves the weights.
    pub fn update(&mut self, feats: &[u32], gold: usize, pred: usize) {
        self.tick += 1;
        if gold == pred {
            return;
        }
        // Per feature, each class's entry is its own: moving gold up and then pred down is the
        // same as doing both per feature (`finish` sorts the entries by class).
        self.adjust(feats, gold, 1);
        self.adjust(feats, pred, -1);
    }

    /// Counts one training instance without changing weights (structured training: one
    /// tick per sentence, then any number of [`Trainer::adjust`] calls at that tick).
    pub fn tick(&mut self) {
        self.tick += 1;
    }

    /// Adds `delta` to the weight of `class` for every feature, at the current tick (the
    /// structured perceptron's update, where gold and predicted label features differ).
    pub fn adjust(&mut self, feats: &[u32], class: usize, delta: i32) {
        let tick = self.tick;
        let class = class as u16;
        for &f in feats {
            let es = self.weights.entry(f).or_default();
            let e = match es.iter_mut().position(|e| e.class == class) {
                Some(i) => &mut es[i],
                None => {
                    es.push(Entry {
                        class,
                        w: 0,
                        total: 0,
                        stamp: tick,
                    });
                    es.last_mut().expect("just pushed")
                }
            };
            e.total += i64::from(e.w) * (tick - e.stamp) as i64;
            e.stamp = tick;
            e.w += delta;
        }
    }

    /// Moves the weights of feature `from` into feature `into` (both settled at the current
    /// tick, so the averages add up exactly); `from` is gone afterwards. Used to fold a
    /// domain copy of a feature into the feature itself.
    pub fn fold(&mut self, into: u32, from: u32) {
        let tick = self.tick;
        let Some(src) = self.weights.remove(&from) else {
            return;
        };
        let dst = self.weights.entry(into).or_default();
        let settle = |e: &mut Entry| {
            e.total += i64::from(e.w) * (tick - e.stamp) as i64;
            e.stamp = tick;
        };
        dst.iter_mut().for_each(settle);
        for mut s in src {
            settle(&mut s);
            match dst.iter_mut().find(|e| e.class == s.class) {
                Some(e) => {
                    e.total += s.total;
                    e.w += s.w;
                }
                None => dst.push(s),
            }
        }
    }

    /// Drops a feature's weights.
    pub fn remove(&mut self, f: u32) {
        self.weights.remove(&f);
    }

    /// The averaged, quantised model.
    pub fn finish(&self) -> Linear {
        let tick = self.tick.max(1);
        let mut keys: Vec<u32> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let mut avg: Vec<(u32, Vec<(u16, f64)>)> = Vec::with_capacity(keys.len());
        let mut max = 0f64;
        for k in keys {
            let mut es: Vec<(u16, f64)> = self.weights[&k]
                .iter()
                .map(|e| {
                    let total = e.total + i64::from(e.w) * (tick - e.stamp) as i64;
                    (e.class, total as f64 / tick as f64)
                })
                .collect();
            es.sort_unstable_by_key(|e| e.0);
            for e in &es {
                max = max.max(e.1.abs());
            }
            avg.push((k, es));
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut lin = Linear::empty(self.n_classes, scale as f32);
        let mut pairs = Vec::new();
        for (k, es) in avg {
            pairs.clear();
            for (c, w) in es {
                let q = (w / scale).round() as i16;
                if q != 0 {
                    pairs.push((c, q));
                }
            }
            lin.push(k, &pairs, false);
        }
        lin.build_index().expect("a trained model fits its index");
        lin
    }
}

/// A trained linear model: for each feature hash, the non-zero quantised class weights.
///
/// Laid out for scoring speed, which is bound by memory access (a token costs about a hundred
/// lookups, a parser transition over a hundred, into tables of several MB):
/// - `data` holds one record per feature: its hash, its pair count, then its `(class,
///   weight)` pairs packed in one `u32` each, so a feature the model has costs one access to
///   its record after the index; a feature with weights for many classes (the frequent ones:
///   a feature's pair count grows with how often training saw it) instead has a dense row of
///   weights in `dense`, added with vector instructions (a parser transition adds a few
///   thousand weights); the weights are `i16` in the file and `i32` here, so that adding a
///   row to the `i32` scores needs no widening (a third fewer instructions per row);
/// - `slots` is an open-addressing index (linear probing, at most two thirds full) of `u32`s:
///   a record's offset in the low bits and a fingerprint of the hash in the high bits, so the
///   index stays small enough for the CPU caches and a feature the model lacks (most of them)
///   is settled there without touching `data` (a fingerprint matches by chance 1 time in 256 or
///   less; the record's hash decides).
#[derive(Debug, Clone)]
pub struct Linear {
    n_classes: usize,
    scale: f32,
    n_features: usize,
    /// The index: `fingerprint << offset_bits | offset`; 0 is a free slot (`data[0]` is a
    /// placeholder, so no record starts at 0).
    slots: Vec<u32>,
    offset_bits: u32,
    /// Records: hash, header, then `class << 16 | weight as u16` per pair, or for a dense row
    /// (header flag `DENSE`) the row's offset in `dense`. The header's other bits count the
    /// non-zero weights.
    data: Vec<u32>,
    /// Dense rows, `n_classes` weights each.
    dense: Vec<i32>,
    /// The best instruction set of this CPU for [`Linear::add_scores`] (AVX2 or the x86-64
    /// baseline), detected once when the model is made.
    arch: pulp::Arch,
}

const DENSE: u32 = 1 << 31;

/// One [`Linear::add_scores`] call as an operation for `pulp::Arch::dispatch`, which compiles
/// `with_simd` once per instruction set and calls the one this CPU has. Everything it calls is
/// `#[inline(always)]`, so that all of it is compiled for that instruction set.
struct AddScores<'a> {
    lin: &'a Linear,
    feats: &'a [u32],
    out: &'a mut [i32],
}

impl pulp::WithSimd for AddScores<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) {
        self.lin.add_scores_with(simd, self.feats, self.out);
    }
}

fn pack(class: u16, w: i16) -> u32 {
    (u32::from(class) << 16) | u32::from(w as u16)
}

fn unpack(p: u32) -> (usize, i16) {
    ((p >> 16) as usize, p as u16 as i16)
}

impl Linear {
    fn empty(n_classes: usize, scale: f32) -> Linear {
        Linear {
            n_classes,
            scale,
            n_features: 0,
            slots: Vec::new(),
            offset_bits: 0,
            data: vec![0],
            dense: Vec::new(),
            arch: pulp::Arch::new(),
        }
    }

    /// Appends a feature's record (nothing for no pairs, unless `keep_empty`). The index is
    /// built by [`Linear::build_index`] once all are in.
    fn push(&mut self, key: u32, pairs: &[(u16, i16)], keep_empty: bool) {
        if pairs.is_empty() && !keep_empty {
            return;
        }
        self.data.push(key);
        self.data.push(pairs.len() as u32);
        self.data.extend(pairs.iter().map(|&(c, w)| pack(c, w)));
        self.n_features += 1;
    }

    /// The record offsets in `data`, in order.
    fn records(&self) -> impl Iterator<Item = usize> + '_ {
        let mut at = 1;
        std::iter::from_fn(move || {
            (at < self.data.len()).then(|| {
                let here = at;
                let hdr = self.data[at + 1];
                at += 2 + if hdr & DENSE != 0 { 1 } else { hdr as usize };
                here
            })
        })
    }

    fn build_index(&mut self) -> Result<(), String> {
        // Records with many class weights first: those are the frequent features (a rare
        // feature was updated for few classes), so the records most lookups hit share cache
        // lines and pages instead of being spread over the whole array.
        let mut order: Vec<(u32, u32, usize)> = self
            .records()
            .map(|at| (u32::MAX - (self.data[at + 1] & !DENSE), self.data[at], at))
            .collect();
        order.sort_unstable();
        let mut data = Vec::with_capacity(self.data.len());
        data.push(0);
        let mut dense = Vec::new();
        for (_, _, at) in order {
            let n = self.data[at + 1] as usize;
            let pairs = &self.data[at + 2..at + 2 + n];
            // Dense when the row is at most four times the pairs' size, and only for pairs in
            // class order with no zero weight (as written by `Trainer::finish`), so that the
            // row gives back the same pairs for `encode`.
            let in_order = pairs.windows(2).all(|w| w[0] >> 16 < w[1] >> 16)
                && pairs.iter().all(|&p| p as u16 != 0);
            if n >= 2 && 4 * n >= self.n_classes && in_order {
                data.extend_from_slice(&[self.data[at], DENSE | n as u32, dense.len() as u32]);
                let row = dense.len();
                dense.resize(row + self.n_classes, 0);
                for &p in pairs {
                    let (c, w) = unpack(p);
                    dense[row + c] = i32::from(w);
                }
            } else {
                data.extend_from_slice(&self.data[at..at + 2 + n]);
            }
        }
        self.data = data;
        self.dense = dense;
        self.offset_bits = usize::BITS - self.data.len().leading_zeros();
        if self.offset_bits > 24 {
            return Err("model too large for its index (over 16 M weights)".into());
        }
        let cap = (self.n_features * 3 / 2).next_power_of_two().max(2);
        let mut slots = vec![0u32; cap];
        for at in self.records() {
            let key = self.data[at];
            let mut i = self.home(key, cap);
            while slots[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = (self.fingerprint(key) << self.offset_bits) | at as u32;
        }
        self.slots = slots;
        Ok(())
    }

    /// The first slot to probe for a key (keys are hashes already; the multiply spreads the
    /// high bits too).
    #[inline(always)]
    fn home(&self, key: u32, cap: usize) -> usize {
        ((u64::from(key.wrapping_mul(0x9e37_79b1)) * cap as u64) >> 32) as usize
    }

    /// The high bits of a second mix of the key, as many as the offsets leave free.
    #[inline(always)]
    fn fingerprint(&self, key: u32) -> u32 {
        key.wrapping_mul(0x85eb_ca6b) >> self.offset_bits
    }

    /// Where a feature's record starts in `data`.
    #[inline(always)]
    fn find(&self, key: u32) -> Option<usize> {
        let cap = self.slots.len();
        if cap == 0 {
            return None;
        }
        let fp = self.fingerprint(key);
        let mask = (1u32 << self.offset_bits) - 1;
        let mut i = self.home(key, cap);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s >> self.offset_bits == fp {
                let at = (s & mask) as usize;
                if self.data[at] == key {
                    return Some(at);
                }
            }
            i = (i + 1) & (cap - 1);
        }
    }

    /// Calls `f` with each `(class, weight)` of a feature, in class order.
    fn each_pair(&self, at: usize, mut f: impl FnMut(usize, i16)) {
        let hdr = self.data[at + 1];
        if hdr & DENSE != 0 {
            let row = self.data[at + 2] as usize;
            for (c, &w) in self.dense[row..row + self.n_classes].iter().enumerate() {
                if w != 0 {
                    // Made from an `i16` in `build_index`.
                    f(c, w as i16);
                }
            }
        } else {
            for &p in &self.data[at + 2..at + 2 + hdr as usize] {
                let (c, w) = unpack(p);
                f(c, w);
            }
        }
    }

    /// Adds a feature's weights to `out`.
    #[inline(always)]
    fn add_record<S: pulp::Simd>(&self, simd: S, at: usize, out: &mut [i32]) {
        let hdr = self.data[at + 1];
        if hdr & DENSE != 0 {
            let row = self.data[at + 2] as usize;
            let ws = &self.dense[row..row + self.n_classes];
            if S::IS_SCALAR {
                // The baseline: the compiler's own vector loop (SSE2, four classes an add).
                for (o, &w) in out.iter_mut().zip(ws) {
                    *o += w;
                }
            } else {
                // Eight classes an add (AVX2), the rest one by one. Written with the vector
                // type itself: the compiler's loop over the row would be unrolled to 32
                // classes a step under AVX2, which the tagger's and the name model's rows are
                // too short for, leaving them to the one-by-one tail.
                let (ov, ot) = S::as_mut_simd_i32s(out);
                let (wv, wt) = S::as_simd_i32s(ws);
                for (o, &w) in ov.iter_mut().zip(wv) {
                    *o = simd.add_i32s(*o, w);
                }
                for (o, &w) in ot.iter_mut().zip(wt) {
                    *o += w;
                }
            }
        } else {
            for &p in &self.data[at + 2..at + 2 + hdr as usize] {
                let (c, w) = unpack(p);
                out[c] += i32::from(w);
            }
        }
    }

    /// All features with their records, in increasing hash order.
    fn sorted(&self) -> Vec<(u32, usize)> {
        let mut v: Vec<(u32, usize)> = self.records().map(|at| (self.data[at], at)).collect();
        v.sort_unstable();
        v
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with a weight.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Class scores (integer units; multiply by [`Linear::scale`] for the averaged weights).
    pub fn scores(&self, feats: &[u32], out: &mut Vec<i64>) {
        out.clear();
        out.resize(self.n_classes, 0);
        // The fast path sums in i32, exact while fewer than 65,536 weights of at most 32,767
        // in size are added (each feature adds one weight per class).
        const SMALL: usize = 128;
        if self.n_classes <= SMALL && feats.len() < 1 << 16 {
            let mut acc = [0i32; SMALL];
            self.add_scores(feats, &mut acc);
            for (o, a) in out.iter_mut().zip(acc) {
                *o = i64::from(a);
            }
            return;
        }
        for f in feats {
            if let Some(at) = self.find(*f) {
                self.each_pair(at, |c, w| out[c] += i64::from(w));
            }
        }
    }

    /// Adds the features' class scores to `out` (at least [`Linear::n_classes`] long), in the
    /// same integer units as [`Linear::scores`]. `i32` cannot overflow for fewer than 65,536
    /// features (a weight is at most 32,767 in size); a tagger or parser call sums a few
    /// hundred.
    ///
    /// The index is probed for all features first and the records read after, so that the
    /// independent memory accesses of many features overlap instead of waiting one by one.
    ///
    /// The whole loop runs in code compiled for the best instruction set of the CPU
    /// (`pulp::Arch::dispatch`): with AVX2 a dense row's adds take eight classes per
    /// instruction instead of four. The sums are `i32` additions, whose result does not depend
    /// on how many are done at once, so the scores are the same on every CPU.
    pub fn add_scores(&self, feats: &[u32], out: &mut [i32]) {
        self.arch.dispatch(AddScores {
            lin: self,
            feats,
            out,
        });
    }

    /// [`Linear::add_scores`] for whichever instruction set the caller was compiled for.
    #[inline(always)]
    fn add_scores_with<S: pulp::Simd>(&self, simd: S, feats: &[u32], out: &mut [i32]) {
        let out = &mut out[..self.n_classes];
        let cap = self.slots.len();
        if cap == 0 {
            return;
        }
        let mask = (1u32 << self.offset_bits) - 1;
        // Sixteen features at a time: enough independent accesses to overlap, and arrays small
        // enough to be cleared in a few stores (64 called `memset` for every call).
        const CHUNK: usize = 16;
        let mut cand = [(0u32, 0u32); CHUNK];
        for chunk in feats.chunks(CHUNK) {
            // Phase 1: the first slot whose fingerprint matches (index only).
            let mut n = 0;
            for &f in chunk {
                let fp = self.fingerprint(f);
                let mut i = self.home(f, cap);
                loop {
                    let s = self.slots[i];
                    if s == 0 {
                        break;
                    }
                    if s >> self.offset_bits == fp {
                        cand[n] = (f, s & mask);
                        n += 1;
                        break;
                    }
                    i = (i + 1) & (cap - 1);
                }
            }
            // Phase 2: the records' hashes, checked in a loop without branches so that the
            // CPU fetches all records at once.
            let mut hit = [false; CHUNK];
            for (h, &(f, at)) in hit.iter_mut().zip(&cand[..n]) {
                *h = self.data[at as usize] == f;
            }
            // Phase 3: the weights (a chance fingerprint match falls back to a full lookup).
            for (&h, &(f, at)) in hit.iter().zip(&cand[..n]) {
                let at = if h { Some(at as usize) } else { self.find(f) };
                if let Some(at) = at {
                    self.add_record(simd, at, out);
                }
            }
        }
    }

    /// The size of one integer score unit.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// One model scoring several models' classes at once (their classes side by side, in
    /// order): one lookup per feature instead of one per model and feature. Scores are the
    /// parts' integer scores, so each part's argmax is unchanged.
    pub fn concat(parts: &[&Linear]) -> Linear {
        let lists: Vec<Vec<(u32, usize)>> = parts.iter().map(|p| p.sorted()).collect();
        let mut out = Linear::empty(
            parts.iter().map(|p| p.n_classes).sum(),
            parts.first().map_or(1.0, |p| p.scale),
        );
        // A k-way merge of the parts' sorted feature lists.
        let mut pos = vec![0usize; parts.len()];
        let mut pairs: Vec<(u16, i16)> = Vec::new();
        loop {
            let next = lists
                .iter()
                .zip(&pos)
                .filter_map(|(l, &i)| l.get(i).map(|e| e.0))
                .min();
            let Some(k) = next else { break };
            pairs.clear();
            let mut offset = 0usize;
            for (j, p) in parts.iter().enumerate() {
                if let Some(&(key, at)) = lists[j].get(pos[j]) {
                    if key == k {
                        p.each_pair(at, |c, w| pairs.push(((offset + c) as u16, w)));
                        pos[j] += 1;
                    }
                }
                offset += p.n_classes;
            }
            out.push(k, &pairs, false);
        }
        out.build_index().expect("the parts fit their indexes");
        out
    }

    /// Appends the model: class count, scale, then features sorted by hash, delta-coded, each
    /// with its (class, weight) pairs, all as LEB128 varints.
    pub fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.n_classes as u64);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let keys = self.sorted();
        put_varint(out, keys.len() as u64);
        let mut prev = 0u32;
        for (k, at) in keys {
            put_varint(out, u64::from(k - prev));
            prev = k;
            put_varint(out, u64::from(self.data[at + 1] & !DENSE));
            self.each_pair(at, |c, w| {
                put_varint(out, c as u64);
                put_varint(out, ((w << 1) ^ (w >> 15)) as u16 as u64);
            });
        }
    }

    /// Reads a model written by [`Linear::encode`].
    pub fn decode(r: &mut Reader<'_>) -> Result<Linear, String> {
        let n_classes = r.varint()? as usize;
        let scale = f32::from_le_bytes(r.bytes(4)?.try_into().expect("4 bytes"));
        let n = r.varint()? as usize;
        let mut lin = Linear::empty(n_classes, scale);
        let mut key = 0u32;
        let mut pairs = Vec::new();
        for _ in 0..n {
            key = key.wrapping_add(r.varint()? as u32);
            let m = r.varint()? as usize;
            pairs.clear();
            for _ in 0..m {
                let c = r.varint()? as u16;
                if c as usize >= n_classes {
                    return Err("class out of range".into());
                }
                let z = r.varint()? as u16;
                pairs.push((c, ((z >> 1) as i16) ^ -((z & 1) as i16)));
            }
            // An empty record (the encoder never writes one) is kept, so that re-encoding
            // gives the same bytes.
            lin.push(key, &pairs, true);
        }
        lin.build_index()?;
        Ok(lin)
    }
}

/// Appends an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Appends a length-prefixed UTF-8 string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over a model file.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).ok_or("overflow")?;
        let s = self.buf.get(self.pos..end).ok_or("model file truncated")?;
        self.pos = end;
        Ok(s)
    }

    /// The next varint.
    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.bytes(1)?[0];
            if shift > 63 {
                return Err("varint too long".into());
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    /// The next length-prefixed string.
    pub fn string(&mut self) -> Result<String, String> {
        let n = self.varint()? as usize;
        String::from_utf8(self.bytes(n)?.to_vec()).map_err(|e| e.to_string())
    }

    /// Whether all bytes were read.
    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable() {
        // Fixed values: a change here invalidates every shipped model.
        assert_eq!(feature_hash(1, &["Haus"]), feature_hash(1, &["Haus"]));
        assert_ne!(feature_hash(1, &["Haus"]), feature_hash(2, &["Haus"]));
        assert_ne!(feature_hash(1, &["a", "b"]), feature_hash(1, &["ab"]));
        assert_eq!(feature_hash(7, &["Konzern", "NN"]), 0x1630e1b0);
    }

    #[test]
    fn encode_roundtrip() {
        let mut t = Trainer::new(3);
        for _ in 0..5 {
            t.update(&[1, 2, 70000], 0, 1);
            t.update(&[2, 3], 2, 0);
        }
        let lin = t.finish();
        let mut buf = Vec::new();
        lin.encode(&mut buf);
        let back = Linear::decode(&mut Reader::new(&buf)).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        lin.scores(&[1, 2, 3, 70000], &mut a);
        back.scores(&[1, 2, 3, 70000], &mut b);
        assert_eq!(a, b);
        let mut again = Vec::new();
        back.encode(&mut again);
        assert_eq!(buf, again);
    }

    #[test]
    fn instruction_sets_agree() {
        // `add_scores` runs in code for the CPU's best instruction set (AVX2 where there is
        // one); the baseline's scalar code gives the same integer sums, for rows of every
        // length around the 8-class step (a dense row is added 8 classes at a time, the rest
        // one by one) and for the models' own class counts.
        let mut rng = SplitMix64::new(11);
        for n in [
            2usize, 3, 4, 5, 7, 8, 9, 11, 12, 13, 16, 17, 20, 23, 31, 32, 33, 83,
        ] {
            let mut t = Trainer::new(n);
            for _ in 0..2000 {
                let feats: Vec<u32> = (0..6).map(|_| (rng.next_u64() % 200) as u32).collect();
                let (g, p) = (
                    (rng.next_u64() % n as u64) as usize,
                    (rng.next_u64() % n as u64) as usize,
                );
                t.update(&feats, g, p);
            }
            let lin = t.finish();
            let feats: Vec<u32> = (0..300).map(|_| (rng.next_u64() % 250) as u32).collect();
            let mut best = vec![0i32; n];
            lin.add_scores(&feats, &mut best);
            let mut scalar = vec![0i32; n];
            pulp::Simd::vectorize(
                pulp::Scalar::new(),
                AddScores {
                    lin: &lin,
                    feats: &feats,
                    out: &mut scalar,
                },
            );
            assert_eq!(best, scalar, "{n} classes");
            assert!(best.iter().any(|&v| v != 0), "{n} classes");
            assert!(!lin.dense.is_empty(), "{n} classes: no dense row");
        }
    }

    #[test]
    fn index_layouts_agree() {
        // Sparse and dense records, absent features, more than one probe chunk (64), a feature
        // listed twice: `add_scores`, `scores` and a decoded copy give the same sums, and
        // `concat` gives each part's sums side by side.
        let mut rng = SplitMix64::new(7);
        let mut t = Trainer::new(20);
        let mut u = Trainer::new(3);
        for _ in 0..3000 {
            let feats: Vec<u32> = (0..5).map(|_| (rng.next_u64() % 300) as u32).collect();
            let (g, p) = (
                (rng.next_u64() % 20) as usize,
                (rng.next_u64() % 20) as usize,
            );
            t.update(&feats, g, p);
            u.update(&feats, g % 3, p % 3);
        }
        let (a, b) = (t.finish(), u.finish());
        let mut buf = Vec::new();
        a.encode(&mut buf);
        let a2 = Linear::decode(&mut Reader::new(&buf)).unwrap();
        let both = Linear::concat(&[&a, &b]);
        let mut feats: Vec<u32> = (0..150).map(|_| (rng.next_u64() % 400) as u32).collect();
        feats.push(feats[0]);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        a.scores(&feats, &mut x);
        b.scores(&feats, &mut y);
        let mut fast = vec![0i32; 20];
        a2.add_scores(&feats, &mut fast);
        assert_eq!(x, fast.iter().map(|&v| i64::from(v)).collect::<Vec<_>>());
        // The reference: the sums read straight from the file's (class, weight) pairs.
        let mut r = Reader::new(&buf);
        let (n_classes, _, n) = (
            r.varint().unwrap(),
            r.bytes(4).unwrap(),
            r.varint().unwrap(),
        );
        let mut table: FxHashMap<u32, Vec<(usize, i64)>> = FxHashMap::default();
        let mut key = 0u32;
        for _ in 0..n {
            key += r.varint().unwrap() as u32;
            let m = r.varint().unwrap();
            let pairs = (0..m).map(|_| {
                let c = r.varint().unwrap() as usize;
                let z = r.varint().unwrap() as u16;
                (c, i64::from(((z >> 1) as i16) ^ -((z & 1) as i16)))
            });
            table.insert(key, pairs.collect());
        }
        let mut want = vec![0i64; n_classes as usize];
        for f in &feats {
            for &(c, w) in table.get(f).into_iter().flatten() {
                want[c] += w;
            }
        }
        assert_eq!(x, want);
        let mut joint = Vec::new();
        both.scores(&feats, &mut joint);
        assert!(x.iter().any(|&v| v != 0));
        assert_eq!(joint, [x, y].concat());
    }
}
