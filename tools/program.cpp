// Loading programs for the subcommands (see program.hpp).
#include "tools/program.hpp"

#include "tools/exit_status.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace trapvm::cli {

// POSIX reads, not iostreams: a read error (EIO on /proc/self/mem, say)
// becomes a message instead of an exception, and a device or FIFO that
// never ends (/dev/zero) stops at kMaxInputBytes instead of eating memory.
std::optional<std::string> read_file(const std::string& path, std::string* error) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        *error = "cannot read '" + path + "': " + std::strerror(errno);
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        *error = "'" + path + "' is a directory, not a program";
        return std::nullopt;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = "cannot read '" + path + "': " + std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) *error = "cannot read '" + path + "': " + std::strerror(errno);
        else if (text.size() + static_cast<size_t>(n) > kMaxInputBytes) *error = "'" + path + "' is larger than 64 MiB";
        if (n <= 0 || !error->empty()) break;
        text.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    if (!error->empty()) return std::nullopt;
    return text;
}

static std::optional<Image> read_image_file(const std::string& command, const std::string& path,
                                            const std::string& bytes, int* status) {
    std::string error;
    auto data = reinterpret_cast<const uint8_t*>(bytes.data());
    std::optional<Image> image = read_image(std::span<const uint8_t>(data, bytes.size()), &error);
    if (!image) {
        std::cerr << "trapvm " << command << ": error: " << printable(path) << ": " << error << "\n";
        *status = kExitBadInput;
    }
    return image;
}

static std::optional<Image> read_or_assemble(const std::string& command, const std::string& path,
                                             const AssembleOptions& options, int* status) {
    std::string error;
    std::optional<std::string> bytes = read_file(path, &error);
    if (!bytes) {
        std::cerr << "trapvm " << command << ": error: " << error << "\n";
        *status = kExitNoInput;
        return std::nullopt;
    }
    auto data = reinterpret_cast<const uint8_t*>(bytes->data());
    if (looks_like_image(std::span<const uint8_t>(data, bytes->size())))
        return read_image_file(command, path, *bytes, status);
    AssembleResult result = assemble_file(path, options);
    std::cerr << format_diagnostics(result);
    if (!result.ok()) {
        int errors = result.error_count();
        std::cerr << "trapvm " << command << ": " << errors << (errors == 1 ? " error" : " errors") << " in "
                  << printable(path) << "\n";
        *status = kExitBadInput;
        return std::nullopt;
    }
    return std::move(result.image);
}

bool profile_given = false;

bool adopt_profile(const std::string& command, const std::string& path, const Image& image, int* status) {
    const pg32::ProfileInfo& active = pg32::active_profile();
    if (image.profile == active.name) {
        profile_given = true;
        return true;
    }
    const pg32::ProfileInfo* wanted = pg32::profile_by_name(image.profile);  // the reader checked it
    if (!profile_given && wanted) {
        pg32::select_profile(*wanted);
        profile_given = true;
        return true;
    }
    std::cerr << "trapvm " << command << ": error: '" << printable(path) << "' is for ISA profile " << image.profile
              << ", but this run's profile is " << active.name
              << " (from --profile or an earlier program); one machine has one profile\n";
    *status = kExitBadInput;
    return false;
}

std::optional<Image> load_program(const std::string& command, const std::string& path, const AssembleOptions& options,
                                  int* status) {
    std::optional<Image> image = read_or_assemble(command, path, options, status);
    if (image && !adopt_profile(command, path, *image, status)) return std::nullopt;
    if (image && image->segments.empty()) {  // else it would run zeros: a baffling ILLEGAL trap at 0
        std::cerr << "trapvm " << command << ": error: '" << printable(path)
                  << "' has no instructions: nothing to run\n";
        *status = kExitBadInput;
        return std::nullopt;
    }
    return image;
}

bool install(Machine& machine, const Image& image, std::string* error) {
    for (const Segment& s : image.segments) {
        if (!machine.load(s.address, s.bytes)) {
            char text[200];
            std::snprintf(text, sizeof text,
                          "the program does not fit in memory: bytes 0x%08x..0x%08llx, but memory ends at 0x%08x "
                          "(try --mem-size)",
                          s.address, static_cast<unsigned long long>(uint64_t{s.address} + s.bytes.size() - 1),
                          machine.memory_size() - 1);
            *error = text;
            return false;
        }
    }
    machine.reset(image.entry);
    return true;
}

std::string source_of(const Image& image, uint32_t address) {
    const LineInfo* line = image.line_at(address);
    if (!line || line->file >= image.files.size()) return "";
    return printable(image.files[line->file]) + ":" + std::to_string(line->line);  // the image's: maybe anything
}

std::string describe_address(const Image& image, uint32_t address) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08x", address);
    std::string where = source_of(image, address);
    return where.empty() ? hex : std::string(hex) + " (" + where + ")";
}

std::string source_of_pc(const Image& image, uint32_t pc, bool user, uint32_t rbase) {
    if (!user) return source_of(image, pc);
    uint32_t physical = pc + rbase;
    std::string where = source_of(image, physical);
    for (const UserProgram& p : image.programs)
        if (physical >= p.address && physical - p.address < p.size) {
            const LineInfo* line = p.line_at(physical - p.address);
            where = line && line->file < image.files.size()
                        ? printable(image.files[line->file]) + ":" + std::to_string(line->line)
                        : "";
        }
    return where;
}

std::string describe_pc(const Image& image, uint32_t pc, bool user, uint32_t rbase) {
    std::string where = source_of_pc(image, pc, user, rbase);
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08x", pc);
    return where.empty() ? hex : std::string(hex) + " (" + where + ")";
}

}  // namespace trapvm::cli
