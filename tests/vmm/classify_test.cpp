// trapvm check's classifier (properties/classify.hpp): it measures, on the
// machine, the classes every profile's table declares, and finds each flawed
// profile's flaw with a witness.
#include "properties/classify.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace trapvm;
using namespace trapvm::properties;

namespace {

constexpr uint32_t kStates = 300;  // per instruction: enough to find every class the tables declare

ClassifyReport classify_profile(const pg32::ProfileInfo& p, uint64_t seed = 1) {
    return classify(ClassifyOptions{&p, seed, kStates});
}

// The profile's rows declared sensitive and not privileged (user-sensitive only: Theorem 3).
std::vector<std::string> declared_violators(const pg32::ProfileInfo& p, bool theorem3) {
    std::vector<std::string> out;
    for (int i = 0; i < pg32::kOpCount; ++i) {
        pg32::Op op = static_cast<pg32::Op>(i);
        InsnClass c = declared_class(op);
        if (pg32::in_profile(op, p) && c.sensitive() && !c.privileged && (!theorem3 || c.user_sensitive))
            out.push_back(pg32::info(op).mnemonic);
    }
    return out;
}

}  // namespace

TEST_CASE("the measured class of every instruction of every profile is the one its table declares") {
    for (const pg32::ProfileInfo& p : pg32::kProfiles) {
        ClassifyReport r = classify_profile(p);
        for (const InsnVerdict& v : r.instructions) {
            INFO(p.name, ": ", pg32::info(v.op).mnemonic, " declared ", class_text(v.declared), ", measured ",
                 class_text(v.measured));
            CHECK(v.agree);
            CHECK(v.runs > v.excluded);  // the measurement is not all memory traps
        }
        INFO(p.name);
        CHECK(r.theorem1.holds == p.theorem1);
        CHECK(r.theorem3.holds == p.theorem3);
        CHECK(r.theorem1.violators == declared_violators(p, false));
        CHECK(r.theorem3.violators == declared_violators(p, true));
    }
}

TEST_CASE("pg32 is virtualizable: its sensitive instructions are exactly its privileged ones") {
    ClassifyReport r = classify_profile(pg32::base_profile());
    CHECK(r.theorem1.holds);
    CHECK(r.theorem3.holds);
    for (const InsnVerdict& v : r.instructions) {
        INFO(pg32::info(v.op).mnemonic);
        CHECK(v.measured.privileged == pg32::is_privileged(v.op));
        if (v.measured.sensitive()) CHECK(v.measured.privileged);
    }
}

TEST_CASE("each flawed profile's violator has a witness: two states and the fields that differ") {
    for (const pg32::ProfileInfo& p : pg32::kProfiles) {
        if (&p == &pg32::base_profile()) continue;
        ClassifyReport r = classify_profile(p);
        INFO(p.name);
        REQUIRE(!r.theorem1.violators.empty());
        for (const InsnVerdict& v : r.instructions) {
            if (!v.measured.sensitive() || v.measured.privileged) continue;
            REQUIRE(!v.witnesses.empty());
            for (const Witness& w : v.witnesses) {
                CHECK(!w.fields.empty());
                CHECK(w.a.word == w.b.word);
                CHECK(pg32::decode(w.a.word, p)->op == v.op);
            }
        }
    }
}

TEST_CASE("the same seed gives the same report, and the jrst1 profile keeps Theorem 3") {
    const pg32::ProfileInfo& p = *pg32::profile_by_name("jrst1");
    ClassifyReport a = classify_profile(p, 7), b = classify_profile(p, 7);
    REQUIRE(a.instructions.size() == b.instructions.size());
    for (size_t i = 0; i < a.instructions.size(); ++i) {
        CHECK(class_text(a.instructions[i].measured) == class_text(b.instructions[i].measured));
        CHECK(a.instructions[i].witnesses.size() == b.instructions[i].witnesses.size());
    }
    CHECK(!a.theorem1.holds);
    CHECK(a.theorem3.holds);
}
