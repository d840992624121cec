// The on-disk layout of an image, shared by the writer and the reader.
// pg32-reference.md §8 documents the same layout for people.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace trapvm::image_format {

// "PG32IMG" then 0x1a: a text editor or a transfer in text mode that
// mangles the file changes the magic, as with PNG's signature.
inline constexpr std::array<uint8_t, 8> kMagic = {'P', 'G', '3', '2', 'I', 'M', 'G', 0x1a};
// Version 1 has no user programs and means profile pg32, so every image made
// before either existed still reads, and reads the same.
inline constexpr uint32_t kVersion = 1;
// Version 2 adds user programs (a fifth count in the header, their records
// after the line table). Version 3 is version 2 followed by the name of the
// ISA profile the image was assembled for (a string), for any profile but
// pg32. Each image is written in the lowest version that holds it.
inline constexpr uint32_t kVersionPrograms = 2;
inline constexpr uint32_t kVersionWithProfile = 3;
inline constexpr size_t kMaxProfileName = 64;

// magic(8) version entry... : see the header fields in write order.
inline constexpr size_t kHeaderSize = 8 + 4 * 7;                // magic + version, size, entry, 4 counts
inline constexpr size_t kHeaderSizePrograms = kHeaderSize + 4;  // versions 2 and 3: and the program count
inline constexpr size_t kChecksumSize = 4;

// The smallest encoding of one record, so a count can be checked against
// the bytes that are left before anything is allocated for it.
inline constexpr size_t kMinSegment = 4 + 4;              // address, length
inline constexpr size_t kMinSymbol = 1 + 4 + 4;           // kind, value, name length
inline constexpr size_t kMinFile = 4;                     // path length
inline constexpr size_t kLineRecord = 4 + 4 + 4;          // address, file, line
inline constexpr size_t kMinProgram = 4 + 4 + 4 + 4 + 4;  // name length, address, size, 2 counts

// CRC-32 (IEEE 802.3, the one zlib and PNG use) of bytes.
uint32_t crc32(std::span<const uint8_t> bytes);

}  // namespace trapvm::image_format
