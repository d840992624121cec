// Option parsing for the subcommands (see cli.hpp).
#include "tools/cli.hpp"

#include "tools/program.hpp"

#include "isa-spec/isa.hpp"

#include <iostream>

namespace trapvm::cli {

namespace {

// --NAME=VALUE and --NAME alone, for the options of usage.optional_values;
// every other token goes to boost's own parsing (an empty pair).
std::pair<std::string, std::string> optional_value(const Usage& usage, const std::string& token) {
    for (const Usage::OptionalValue& o : usage.optional_values) {
        std::string flag = "--" + o.name;
        if (token == flag) return {o.name, o.absent};
        if (!token.starts_with(flag + "=")) continue;
        if (token.size() == flag.size() + 1) throw po::error(flag + "=: expected a value after '='");
        return {o.name, token.substr(flag.size() + 1)};
    }
    return {};
}

}  // namespace

Parsed parse(Usage& usage, const std::vector<std::string>& args) {
    Parsed out;
    usage.options.add_options()("help,h", "show this help and exit");
    try {
        po::options_description all;
        all.add(usage.options).add(usage.arguments);
        auto extra = [&usage](const std::string& token) { return optional_value(usage, token); };
        po::store(po::command_line_parser(args).options(all).positional(usage.positional).extra_parser(extra).run(),
                  out.vars);
        po::notify(out.vars);
    } catch (const po::error& e) {
        out.exit = usage_error(usage, e.what());
        return out;
    }
    if (out.vars.count("profile") && !out.vars.count("help")) {
        std::string name = out.vars["profile"].as<std::string>();
        const pg32::ProfileInfo* profile = pg32::profile_by_name(name);
        if (!profile) {
            out.exit = usage_error(usage, "unknown profile '" + name + "' (the profiles: " + profile_names() + ")");
            return out;
        }
        pg32::select_profile(*profile);
        profile_given = true;
    }
    if (out.vars.count("help")) {
        std::cout << "usage: trapvm " << usage.command << " " << usage.synopsis << "\n\n"
                  << usage.about << "\n\n"
                  << usage.options;
        out.exit = kExitOk;
    }
    return out;
}

void add_profile_option(Usage& usage) {
    usage.options.add_options()("profile", po::value<std::string>()->value_name("NAME"),
                                "the ISA profile (default pg32; an image's own when one is loaded; "
                                "'trapvm check --list' lists them)");
}

std::string profile_names() {
    std::string out;
    for (const pg32::ProfileInfo& p : pg32::kProfiles) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
}

int fail(const std::string& command, const std::string& message, int status) {
    std::cerr << "trapvm " << command << ": error: " << message << "\n";
    return status;
}

int usage_error(const Usage& usage, const std::string& message) {
    std::cerr << "trapvm " << usage.command << ": error: " << message << "\n"
              << "usage: trapvm " << usage.command << " " << usage.synopsis << "\n"
              << "(run 'trapvm " << usage.command << " --help' for the options)\n";
    return kExitUsage;
}

}  // namespace trapvm::cli
