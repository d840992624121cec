// Fuzzing the image reader: any bytes are an image or one clear error.
//
// Raw bytes almost never get past the checksum, so each input is read
// twice: as it is, and with a valid header size and checksum written over
// it, which lets the fuzzer reach the segment, symbol and line tables.
#include "fuzz/harness.hpp"

#include "image/disassembler.hpp"
#include "image/image.hpp"
#include "image/image_format.hpp"
#include "machine/machine.hpp"

#include <cstring>
#include <vector>

namespace trapvm::fuzz {

namespace {

void put_u32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * i));
}

// The input with magic, version, size and checksum made right.
std::vector<uint8_t> fixed_up(Bytes input) {
    namespace fmt = image_format;
    std::vector<uint8_t> b(input.begin(), input.end());
    b.resize(std::max(b.size(), fmt::kHeaderSize + fmt::kChecksumSize));
    std::memcpy(b.data(), fmt::kMagic.data(), fmt::kMagic.size());
    put_u32(b, 8, fmt::kVersion);
    put_u32(b, 12, static_cast<uint32_t>(b.size()));
    size_t body = b.size() - fmt::kChecksumSize;
    put_u32(b, body, fmt::crc32(std::span<const uint8_t>(b).first(body)));
    return b;
}

// What the reader promises about an image it accepted.
std::string check_image(const Image& image) {
    for (size_t i = 1; i < image.segments.size(); ++i) {
        const Segment &a = image.segments[i - 1], &b = image.segments[i];
        if (uint64_t{a.address} + a.bytes.size() > b.address) return "segments overlap or are not sorted";
    }
    for (size_t i = 1; i < image.lines.size(); ++i)
        if (image.lines[i - 1].address > image.lines[i].address) return "the line table is not sorted";
    for (const LineInfo& l : image.lines)
        if (l.file >= image.files.size()) return "a line names a file the image does not have";
    std::vector<uint8_t> bytes = write_image(image);
    std::string error;
    std::optional<Image> again = read_image(bytes, &error);
    if (!again || write_image(*again) != bytes) return "an accepted image does not survive a round trip";
    (void)list_image(image);
    // Loading it into a small machine either fits or is refused.
    Machine m(MachineConfig{4096});
    for (const Segment& s : image.segments) (void)m.load(s.address, s.bytes);
    return "";
}

std::string read_one(Bytes bytes) {
    std::string error;
    std::optional<Image> image = read_image(bytes, &error);
    if (!image) {
        if (error.empty() || error.find('\n') != std::string::npos)
            return "a rejected image without a one-line reason: '" + error + "'";
        return "";
    }
    return check_image(*image);
}

}  // namespace

std::string image_one(Bytes input) {
    if (std::string problem = read_one(input); !problem.empty()) return problem;
    std::vector<uint8_t> fixed = fixed_up(input);
    return read_one(fixed);
}

}  // namespace trapvm::fuzz
