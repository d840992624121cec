// The assembler's diagnostics and the ISA's names as JSON (see json_views.hpp).
#include "web/api/json_views.hpp"

#include "assembler/directives.hpp"
#include "isa-spec/isa.hpp"
#include "pg32_inc.gen.hpp"

namespace trapvm::web {

using nlohmann::ordered_json;

namespace {

ordered_json diagnostic_json(const Diagnostic& d) {
    return {{"file", printable(d.file)}, {"line", d.line},       {"column", d.column}, {"length", d.length},
            {"warning", d.warning},      {"message", d.message}, {"note", d.note},     {"text", format_diagnostic(d)}};
}

// The constants pg32.inc defines: the names of its ".equ NAME, value" lines.
ordered_json include_constants() {
    ordered_json names = ordered_json::array();
    std::string_view text = pg32::kGuestInclude;
    for (size_t at = text.find(".equ "); at != std::string_view::npos; at = text.find(".equ ", at + 1)) {
        size_t start = at + 5, comma = text.find(',', start);
        if (comma != std::string_view::npos) names.push_back(std::string(text.substr(start, comma - start)));
    }
    return names;
}

ordered_json instructions() {
    ordered_json list = ordered_json::array();
    for (const pg32::InsnInfo& i : pg32::kInsns) {
        if (!(i.profiles & pg32::base_profile().bit)) continue;  // the page runs pg32: no flawed profile's own rows
        list.push_back({{"mnemonic", i.mnemonic},
                        {"syntax", pg32::format_info(i.format).syntax},
                        {"privileged", i.privileged},
                        {"summary", i.summary}});
    }
    return list;
}

ordered_json registers() {
    ordered_json list = ordered_json::array();
    for (const pg32::RegisterInfo& r : pg32::kRegisters) {
        ordered_json names = ordered_json::array({"r" + std::to_string(r.number)});
        for (const char* n : r.names)
            if (n && *n) names.push_back(n);
        list.push_back({{"number", r.number}, {"names", names}});
    }
    return list;
}

}  // namespace

ordered_json assembly_json(const AssembleResult& result) {
    ordered_json list = ordered_json::array();
    for (const Diagnostic& d : result.diagnostics) list.push_back(diagnostic_json(d));
    std::string all = format_diagnostics(result);
    return {
        {"errors", result.error_count()}, {"warnings", result.warning_count()}, {"diagnostics", list}, {"text", all}};
}

ordered_json assemble_json(const std::string& source, const std::string& name) {
    AssembleResult result = assemble_source(source, name);
    ordered_json j = assembly_json(result);
    j["ok"] = result.ok();
    if (result.ok()) {
        size_t bytes = 0;
        for (const Segment& s : result.image->segments) bytes += s.bytes.size();
        j["bytes"] = bytes;
        j["entry"] = result.image->entry;
    }
    return j;
}

ordered_json isa_json() {
    ordered_json pseudos = ordered_json::array(), csrs = ordered_json::array(), causes = ordered_json::array(),
                 ports = ordered_json::array(), directives = ordered_json::array();
    for (const pg32::PseudoInfo& p : pg32::kPseudos)
        pseudos.push_back({{"mnemonic", p.mnemonic}, {"syntax", p.syntax}});
    for (const pg32::CsrInfo& c : pg32::kCsrs) csrs.push_back({{"name", c.name}, {"summary", c.summary}});
    for (const pg32::CauseInfo& c : pg32::kCauses)
        causes.push_back({{"name", c.name}, {"code", static_cast<uint32_t>(c.value)}, {"interrupt", c.interrupt}});
    for (const pg32::PortInfo& p : pg32::kPorts) ports.push_back({{"name", p.name}, {"summary", p.summary}});
    for (const detail::DirectiveInfo& d : detail::kDirectives)
        directives.push_back({{"name", d.name}, {"syntax", d.syntax}});
    return {{"instructions", instructions()},
            {"pseudos", pseudos},
            {"registers", registers()},
            {"csrs", csrs},
            {"directives", directives},
            {"constants", include_constants()},
            {"causes", causes},
            {"ports", ports}};
}

}  // namespace trapvm::web
