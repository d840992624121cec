// Reading an image the build made (the guest OS's boots, their paravirtual
// builds); the test fails with the reader's message when it cannot.
#pragma once

#include "image/image.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace trapvm::test {

inline Image read_image_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    INFO(path);
    REQUIRE(in);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string error;
    std::optional<Image> image = read_image(bytes, &error);
    INFO(error);
    REQUIRE(image);
    return *image;
}

// build/guest-os/boot-NAME.img
inline Image read_boot(const std::string& name) {
    return read_image_file(std::filesystem::path(TRAPVM_BINARY_DIR) / "guest-os" / ("boot-" + name + ".img"));
}

}  // namespace trapvm::test
