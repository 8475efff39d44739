//! xorshift64*: a small deterministic generator, so that a failure can be replayed by its
//! seed and both databases get the same events. Shared by the tests and the benchmarks.

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A Zipf-distributed rank in `0..n` (exponent about 1), by inverting the harmonic CDF.
    pub fn zipf(&mut self, n: usize) -> usize {
        let h = (n as f64).ln() + 0.577_215_664_9;
        let target = self.unit() * h;
        ((target - 0.577_215_664_9).exp().floor() as usize).min(n - 1)
    }
}
