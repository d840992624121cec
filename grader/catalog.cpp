// Finding labs (see catalog.hpp).
#include "grader/catalog.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace trapvm::grader {

namespace fs = std::filesystem;

std::string self_path() {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

std::vector<std::string> lab_folders(const std::string& labs_option) {
    std::vector<std::string> out;
    if (!labs_option.empty()) return {labs_option};
    if (const char* env = std::getenv("TRAPVM_LABS"); env && *env) out.push_back(env);
    out.push_back((fs::path(TRAPVM_SOURCE_DIR) / "labs").string());
    std::string self = self_path();
    if (!self.empty())
        out.push_back((fs::path(self).parent_path().parent_path() / "share" / "trapvm" / "labs").string());
    return out;
}

std::optional<std::string> find_lab(const std::string& name, const std::vector<std::string>& folders,
                                    std::string* error) {
    std::error_code ec;
    if (fs::is_regular_file(fs::path(name) / "lab.yaml", ec)) return fs::absolute(name).lexically_normal().string();
    if (fs::is_regular_file(name, ec) && fs::path(name).filename() == "lab.yaml")
        return fs::absolute(name).parent_path().lexically_normal().string();
    bool plain = name.find('/') == std::string::npos && !name.empty() && name != "." && name != "..";
    if (plain)
        for (const std::string& f : folders)
            if (fs::is_regular_file(fs::path(f) / name / "lab.yaml", ec))
                return fs::absolute(fs::path(f) / name).lexically_normal().string();
    std::string looked;
    for (const std::string& f : folders) looked += (looked.empty() ? "" : ", ") + f;
    *error = "no lab '" + name + "': expected a lab folder (with a lab.yaml) or the name of one in " + looked;
    return std::nullopt;
}

std::vector<std::string> all_labs(const std::vector<std::string>& folders) {
    for (const std::string& f : folders) {
        std::vector<std::string> labs;
        std::error_code ec;
        for (const fs::directory_entry& e : fs::directory_iterator(f, ec))
            if (fs::is_regular_file(e.path() / "lab.yaml", ec)) labs.push_back(e.path().string());
        std::sort(labs.begin(), labs.end());
        if (!labs.empty()) return labs;
    }
    return {};
}

}  // namespace trapvm::grader
