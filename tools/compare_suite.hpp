// The workloads `trapvm compare` runs when given no program: for every
// shipped ISA profile, the guest OS built for it and, for a flawed profile,
// a program that runs its flawed instruction in user mode, where a hybrid
// monitor runs it directly (guest-os/flaws/usermode.inc says why).
//
//   profile    kernel workload (the flaw in      user workload (the flaw in
//              virtual system mode)              virtual user mode)
//   pg32       boot-mix.img                      -
//   NAME       boot-flawed-NAME.img              usermode-NAME.img, twice
//
// Under paravirt, a kernel workload runs its paravirtual build instead
// (paravirt/boot-paravirt-mix.img, paravirt/boot-paravirt-flawed-NAME.img),
// judged by what the user sees (console output and end); a user workload
// has none and runs unmodified.
//
// The user workload runs in two VMs side by side: the monitor puts the
// first at physical 0, where the real R happens to equal the virtual one,
// and the second above it, where a read of the real R shows the difference.
//
// The images are the guest OS build's (build/guest-os/, guest-os/CMakeLists.txt).
#pragma once

#include "isa-spec/isa.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace trapvm::cli {

struct Workload {
    const pg32::ProfileInfo* profile = nullptr;
    std::string name;  // the image's file name without .img
    std::filesystem::path path;
    const char* flaw_in = "";        // "system" or "user": the mode the profile's flaw runs in
    int vms = 1;                     // copies run side by side under one monitor
    std::filesystem::path paravirt;  // its paravirtual build, if it has one
};

// The folder of the guest OS images when --guest-os is not given: the
// build tree's guest-os/, beside tools/ where trapvm is.
std::filesystem::path default_guest_os_dir();

// The workloads of `only` (or of every shipped profile, when null) in dir.
// Images that are missing are named in *missing.
std::vector<Workload> suite_workloads(const std::filesystem::path& dir, const pg32::ProfileInfo* only,
                                      std::vector<std::string>* missing);

}  // namespace trapvm::cli
