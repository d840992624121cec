// trapvm lab list | export | package: the labs, their starters and their
// autograder packages (labs/README.md).
//
//   trapvm lab list [--json]
//   trapvm lab export LAB --student DIR | --solution DIR
//   trapvm lab package LAB --gradescope OUT.zip | --prairielearn DIR
//
// Exit status: 0 done, 2 bad command line, 65 a bad lab.yaml or bad
// markers, 66 no such lab, 73 an output that cannot be written.
#include "grader/catalog.hpp"
#include "grader/export.hpp"
#include "grader/grade.hpp"
#include "grader/package.hpp"
#include "grader/spec.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"
#include "tools/run_support.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace trapvm::cli {

// cmd_grade.cpp: the spec of a lab by name or folder, errors printed.
std::optional<grader::Spec> open_spec(const std::string& command, const std::string& lab, const std::string& labs,
                                      int* status, std::string* errors = nullptr);

namespace {

std::string labs_option(const po::variables_map& vars) {
    return vars.count("labs") ? vars["labs"].as<std::string>() : "";
}

int list(const po::variables_map& vars) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const std::string& dir : grader::all_labs(grader::lab_folders(labs_option(vars)))) {
        grader::LoadResult r = grader::load_spec(dir);
        nlohmann::ordered_json entry = {{"lab", std::filesystem::path(dir).filename().string()}, {"path", dir}};
        if (r.spec) {
            entry["title"] = r.spec->title;
            entry["kind"] = r.spec->kind;
            entry["points"] = r.spec->points;
            entry["tests"] = r.spec->tests.size();
            size_t cases = 0;  // the result entries: one per case (random ones included)
            for (const grader::Test& t : r.spec->tests) cases += grader::cases_of(t, 0).size();
            entry["cases"] = cases;
        } else entry["error"] = grader::to_string(r.errors[0]);
        all.push_back(entry);
    }
    if (vars.count("json")) {
        std::cout << all.dump(2) << "\n";
        return kExitOk;
    }
    for (const auto& e : all) {
        std::string name = e["lab"].get<std::string>();
        std::cout << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ');
        if (e.contains("error")) std::cout << "(bad lab.yaml: " << e["error"].get<std::string>() << ")\n";
        else
            std::cout << e["kind"].get<std::string>() << "  " << e["points"].get<double>() << " points, "
                      << e["tests"].dump() << " tests  " << e["title"].get<std::string>() << "\n";
    }
    if (all.empty()) std::cerr << "trapvm lab: no labs found\n";
    return kExitOk;
}

int export_or_package(const Usage& usage, const po::variables_map& vars, const std::string& action,
                      const std::string& lab) {
    int status = kExitOk;
    std::optional<grader::Spec> spec = open_spec("lab", lab, labs_option(vars), &status);
    if (!spec) return status;
    std::string error;
    if (action == "package") {
        if (vars.count("gradescope") == vars.count("prairielearn"))
            return usage_error(usage, "package takes one of --gradescope OUT.zip and --prairielearn DIR");
        bool ok = vars.count("gradescope")
                      ? grader::package_gradescope(*spec, vars["gradescope"].as<std::string>(), &error)
                      : grader::package_prairielearn(*spec, vars["prairielearn"].as<std::string>(), &error);
        return ok ? kExitOk : fail("lab", error, kExitCannotWrite);
    }
    if (vars.count("student") == vars.count("solution"))
        return usage_error(usage, "export takes one of --student DIR and --solution DIR");
    bool student = vars.count("student") > 0;
    if (vars.count("solved") && !student) return usage_error(usage, "--solved N goes with --student DIR");
    std::optional<uint64_t> solved = read_count(usage, vars, "solved", 0, "a task number from 0 to 1000", 0, 1000);
    if (!solved) return kExitUsage;
    std::vector<std::string> errors;
    std::string dir = vars[student ? "student" : "solution"].as<std::string>();
    if (grader::export_lab(*spec, dir, student ? grader::ExportMode::Student : grader::ExportMode::Solution, &errors,
                           static_cast<int>(*solved)))
        return kExitOk;
    for (const std::string& e : errors) std::cerr << e << "\n";
    return kExitBadInput;
}

}  // namespace

int cmd_lab(const Args& args) {
    Usage usage{"lab",
                "list [--json]  |  export LAB --student DIR [--solved N]|--solution DIR  |  package LAB --gradescope "
                "OUT.zip|--prairielearn DIR",
                "Lists the labs, exports a lab's starter (for students: starter files, README, public tests,\n"
                "their lab.yaml) or its solution (a submission that scores full marks), or packages a lab as a\n"
                "Gradescope autograder zip or a PrairieLearn external-grader layout (labs/README.md).\n\n"
                "Exit status: 0 done, 2 bad command line, 65 a bad lab.yaml or markers, 66 no such lab, 73 an\n"
                "output that cannot be written."};
    usage.arguments.add_options()("words", po::value<std::vector<std::string>>(), "ACTION [LAB]");
    usage.positional.add("words", -1);
    usage.options.add_options()                                                          //
        ("json", "list: as JSON")                                                        //
        ("student", po::value<std::string>(), "export: the students' folder")            //
        ("solution", po::value<std::string>(), "export: the solution, as a submission")  //
        ("solved", po::value<std::string>(),
         "export --student: with the regions of tasks 1..N solved (what a student has after task N)")  //
        ("gradescope", po::value<std::string>(), "package: a Gradescope autograder zip")               //
        ("prairielearn", po::value<std::string>(), "package: a PrairieLearn layout in DIR")            //
        ("labs", po::value<std::string>(), "look up lab names in DIR");
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    std::vector<std::string> words = vars.count("words") ? vars["words"].as<std::vector<std::string>>() : Args{};
    if (words.empty()) return usage_error(usage, "expected list, export or package");
    if (words[0] == "list") return words.size() == 1 ? list(vars) : usage_error(usage, "list takes no LAB");
    if (words[0] != "export" && words[0] != "package")
        return usage_error(usage, "unknown action '" + words[0] + "': expected list, export or package");
    if (words.size() != 2) return usage_error(usage, words[0] + " takes one LAB");
    return export_or_package(usage, vars, words[0], words[1]);
}

}  // namespace trapvm::cli
