//! A multi-class averaged perceptron over hashed sparse features, its stable feature hash,
//! a small seeded PRNG, and the compact model encoding.
//!
//! Everything here is deterministic: the hash is FNV-1a (no per-process seed), the PRNG is
//! SplitMix64, training counts in integers, and serialisation sorts the features by hash.

use rustc_hash::FxHashMap;

/// FNV-1a over a template number and the parts of a feature, folded to 32 bits. The same on
/// every run and platform.
pub fn feature_hash(template: u8, parts: &[&str]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(template);
    for p in parts {
        for &b in p.as_bytes() {
            eat(b);
        }
        eat(0xff);
    }
    (h ^ (h >> 32)) as u32
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
        let tick = self.tick;
        for &f in feats {
            let es = self.weights.entry(f).or_default();
            for (class, delta) in [(gold, 1), (pred, -1)] {
                let class = class as u16;
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
        let mut lin = Linear {
            n_classes: self.n_classes,
            scale: scale as f32,
            index: FxHashMap::default(),
            classes: Vec::new(),
            weights: Vec::new(),
        };
        for (k, es) in avg {
            let start = lin.classes.len();
            for (c, w) in es {
                let q = (w / scale).round() as i16;
                if q != 0 {
                    lin.classes.push(c);
                    lin.weights.push(q);
                }
            }
            let len = lin.classes.len() - start;
            if len > 0 {
                lin.index.insert(k, (start as u32, len as u32));
            }
        }
        lin
    }
}

/// A trained linear model: for each feature hash, the non-zero quantised class weights.
#[derive(Debug, Clone)]
pub struct Linear {
    n_classes: usize,
    scale: f32,
    index: FxHashMap<u32, (u32, u32)>,
    classes: Vec<u16>,
    weights: Vec<i16>,
}

impl Linear {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with a weight.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Class scores (integer units; multiply by [`Linear::scale`] for the averaged weights).
    pub fn scores(&self, feats: &[u32], out: &mut Vec<i64>) {
        out.clear();
        out.resize(self.n_classes, 0);
        for f in feats {
            if let Some(&(s, n)) = self.index.get(f) {
                let (s, n) = (s as usize, n as usize);
                for (c, w) in self.classes[s..s + n].iter().zip(&self.weights[s..s + n]) {
                    out[*c as usize] += i64::from(*w);
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
        let mut keys: Vec<u32> = parts.iter().flat_map(|p| p.index.keys().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut out = Linear {
            n_classes: parts.iter().map(|p| p.n_classes).sum(),
            scale: parts.first().map_or(1.0, |p| p.scale),
            index: FxHashMap::with_capacity_and_hasher(keys.len(), Default::default()),
            classes: Vec::new(),
            weights: Vec::new(),
        };
        for k in keys {
            let start = out.classes.len();
            let mut offset = 0usize;
            for p in parts {
                if let Some(&(s, n)) = p.index.get(&k) {
                    for i in s as usize..(s + n) as usize {
                        out.classes.push((offset + p.classes[i] as usize) as u16);
                        out.weights.push(p.weights[i]);
                    }
                }
                offset += p.n_classes;
            }
            out.index
                .insert(k, (start as u32, (out.classes.len() - start) as u32));
        }
        out
    }

    /// Appends the model: class count, scale, then features sorted by hash, delta-coded, each
    /// with its (class, weight) pairs, all as LEB128 varints.
    pub fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.n_classes as u64);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let mut keys: Vec<(&u32, &(u32, u32))> = self.index.iter().collect();
        keys.sort_unstable_by_key(|k| *k.0);
        put_varint(out, keys.len() as u64);
        let mut prev = 0u32;
        for (&k, &(s, n)) in keys {
            put_varint(out, u64::from(k - prev));
            prev = k;
            put_varint(out, u64::from(n));
            for i in s as usize..(s + n) as usize {
                put_varint(out, u64::from(self.classes[i]));
                let w = self.weights[i];
                put_varint(out, ((w << 1) ^ (w >> 15)) as u16 as u64);
            }
        }
    }

    /// Reads a model written by [`Linear::encode`].
    pub fn decode(r: &mut Reader<'_>) -> Result<Linear, String> {
        let n_classes = r.varint()? as usize;
        let scale = f32::from_le_bytes(r.bytes(4)?.try_into().expect("4 bytes"));
        let n = r.varint()? as usize;
        let mut index = FxHashMap::with_capacity_and_hasher(n, Default::default());
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        let mut key = 0u32;
        for _ in 0..n {
            key = key.wrapping_add(r.varint()? as u32);
            let m = r.varint()? as u32;
            index.insert(key, (classes.len() as u32, m));
            for _ in 0..m {
                let c = r.varint()? as u16;
                if c as usize >= n_classes {
                    return Err("class out of range".into());
                }
                let z = r.varint()? as u16;
                let w = ((z >> 1) as i16) ^ -((z & 1) as i16);
                classes.push(c);
                weights.push(w);
            }
        }
        Ok(Linear {
            n_classes,
            scale,
            index,
            classes,
            weights,
        })
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
}
