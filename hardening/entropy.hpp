// Where the random program generator gets its choices from.
//
// Two sources: a seeded PRNG (differential testing: seed N always gives the
// same program) and the bytes of a fuzzer's input (libFuzzer then steers the
// generator by mutating those bytes). The generator only ever asks for
// numbers below a bound, so either source drives it the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace trapvm::hardening {

class Entropy {
public:
    virtual ~Entropy() = default;
    virtual uint32_t next32() = 0;

    // A number in [0, n); 0 when n is 0.
    uint32_t below(uint32_t n) { return n ? next32() % n : 0; }
    // A number in [lo, hi].
    int32_t between(int32_t lo, int32_t hi) {
        return lo + static_cast<int32_t>(below(static_cast<uint32_t>(hi - lo) + 1));
    }
    // True with probability percent / 100.
    bool chance(uint32_t percent) { return below(100) < percent; }
};

// splitmix64: tiny, fast, and good enough to pick instructions. The seed
// is mixed first: with state = seed alone, seed n + 1 would give seed n's
// numbers shifted by one, and neighbouring seeds would make near-copies.
class SeededEntropy : public Entropy {
public:
    explicit SeededEntropy(uint64_t seed) : state_(mix(seed ^ 0x5851f42d4c957f2dull)) {}
    uint32_t next32() override { return static_cast<uint32_t>(mix(state_ += 0x9e3779b97f4a7c15ull) >> 32); }

private:
    static uint64_t mix(uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint64_t state_;
};

// Reads the fuzzer's bytes four at a time; zeros once they run out, so a
// short input gives a short, simple program rather than an error.
class ByteEntropy : public Entropy {
public:
    explicit ByteEntropy(std::span<const uint8_t> bytes) : bytes_(bytes) {}
    uint32_t next32() override {
        uint32_t v = 0;
        for (int i = 0; i < 4 && pos_ < bytes_.size(); ++i) v |= uint32_t{bytes_[pos_++]} << (8 * i);
        return v;
    }
    bool exhausted() const { return pos_ >= bytes_.size(); }

private:
    std::span<const uint8_t> bytes_;
    size_t pos_ = 0;
};

}  // namespace trapvm::hardening
