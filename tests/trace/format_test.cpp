// The two trace formats: text lines as designed, and JSON Lines that read
// back to the very events written.
#include "trace/jsonl.hpp"
#include "trace/text_format.hpp"
#include "trace_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

using namespace trapvm;
using trace::Event;
using trace_test::assemble;

namespace {

Event step_event() {
    Event e;
    e.record.step = 12;
    e.record.pc = 0x2c;
    e.record.word = 0x20880004;
    e.record.system = true;
    e.record.regs = {{8, 0x108, 0x10c}};
    e.assembly = "addi t0, t0, 4";
    e.symbol = "_start+0x2c";
    e.source = "kernel.s:21";
    return e;
}

// Writes text to a fresh file and returns its path.
std::string temp_file(const std::string& text) {
    static int count = 0;
    std::string path = std::string(TRAPVM_BINARY_DIR) + "/tests/trace/format_test_" + std::to_string(::getpid()) + "_" +
                       std::to_string(count++) + ".jsonl";
    std::ofstream(path) << text;
    return path;
}

std::string read_error(const std::string& text) {
    trace::TraceReader reader;
    std::string path = temp_file(text);
    trace::TraceReader::Status status = reader.open(path);
    while (status == trace::TraceReader::Status::Ok && reader.next()) {
    }
    std::remove(path.c_str());
    std::string error = reader.error();
    return error.substr(error.find(".jsonl:") + 7);  // "line: message"
}

const char* const kHeader =
    R"({"format":"trapvm-trace","version":1,"mode":"bare","programs":["a.s"],"vms":[],"memory_size":1024,"filter":{}})";

}  // namespace

TEST_CASE("text: an instruction, its effects under it") {
    trace::TextFormat bare(false, false);
    CHECK(bare.format(step_event()) ==
          "     12 S  0000002c  addi t0, t0, 4           _start+0x2c     kernel.s:21\n"
          "                     t0: 00000108 -> 0000010c\n");
    trace::TextFormat vmm(true, false);
    Event e = step_event();
    e.record.system = false;
    e.record.regs.clear();
    e.symbol = e.source = "";
    CHECK(vmm.format(e) == "     12 vU 0000002c  addi t0, t0, 4\n");
}

TEST_CASE("text: traps, psw flags, monitor events, idle time and the end") {
    trace::TextFormat text(true, false);
    Event trap;
    trap.type = Event::Type::Trap;
    trap.record = {trace::Record::Kind::Trap, 125, 4, 0, false, {}, {}, {}, {}, Trap{pg32::Cause::Bounds, 0x1000}};
    CHECK(text.format(trap) == "    125 vU 00000004  ==> trap BOUNDS 00001000\n");
    Event exit;
    exit.type = Event::Type::Exit;
    exit.record.step = 125;
    exit.record.pc = 4;
    exit.record.trap = Trap{pg32::Cause::Bounds, 0x1000};
    exit.exit = {"reflect", "", {{pg32::Csr::Psw, 0, 1}, {pg32::Csr::Epc, 0, 4}}, 0, 0x100000};
    CHECK(text.format(exit) ==
          "        >> exit BOUNDS at step 125, pc 00000004: reflect\n"
          "        >>   real R: base 00000000 bound 00100000\n"
          "        >>   psw: 00000000 -> 00000001 (U -> S)   epc: 00000000 -> 00000004\n");
    Event idle;
    idle.type = Event::Type::Idle;
    idle.record.step = 8;
    idle.record.pc = 0x20;
    idle.idle_from = 8;
    idle.idle_to = 25;
    CHECK(text.format(idle) == "        .. idle in wfi at step 8, pc 00000020: tick 8 -> 25 (17 ticks)\n");
    Event end;
    end.type = Event::Type::End;
    end.record.step = 56;
    end.stop = {{"reason", "poweroff"}, {"status", 7}, {"pc", 0x6c}};
    CHECK(text.format(end) == "        == end after 56 steps: poweroff (status 7) at 0000006c\n");
}

TEST_CASE("text: long effect lists continue on lines of at most 80 columns") {
    Image image = assemble("tests/trace/programs/syscall.s");
    trace::TextFormat text(true, false);
    for (const Event& e : trace_test::record_vmm({&image})) {
        std::istringstream lines(text.format(e));
        for (std::string line; std::getline(lines, line);) {
            INFO(line);
            CHECK(line.size() <= 80);
        }
    }
}

TEST_CASE("jsonl: every event reads back as written") {
    Image syscall = assemble("tests/trace/programs/syscall.s"), tick = assemble("tests/trace/programs/tick.s");
    std::vector<Event> events = trace_test::record_vmm({&syscall, &tick}, {}, 7);
    for (const Event& e : trace_test::record_bare(syscall)) events.push_back(e);
    std::set<std::string> types;
    for (const Event& e : events) {
        std::string line = trace::to_json(e).dump();
        std::string error;
        std::optional<Event> back = trace::event_from_json(nlohmann::ordered_json::parse(line), &error);
        INFO(line, "\n", error);
        REQUIRE(back);
        CHECK(*back == e);
        types.insert(trace::type_name(e));
    }
    CHECK(types == std::set<std::string>{"step", "trap", "interrupt", "exit", "inject", "schedule", "idle", "end"});
}

namespace {

// Events of every type from real runs, and steps at one address whose
// strings change, need escaping, or are not UTF-8: what the writers, which
// keep what they wrote of each instruction, must get right.
std::vector<Event> varied_events() {
    Image syscall = assemble("tests/trace/programs/syscall.s"), tick = assemble("tests/trace/programs/tick.s");
    std::vector<Event> events = trace_test::record_vmm({&syscall, &tick}, {}, 7);
    for (const Event& e : trace_test::record_bare(syscall)) events.push_back(e);
    for (const char* text : {"quote \" and \\ back", "tab\tnewline\n\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x82\xac",
                             "bad \xff\xfe utf-8 \xc3", ""}) {
        Event e = step_event();
        e.assembly = e.symbol = e.source = text;
        e.record.mems = {{0x10, 0x1010, 1, 0xff, 0x1}, {0x20, 0x20, 2, 0xffff, 0}, {0, 0, 4, 0xffffffff, 7}};
        e.record.ports = {{0x10, 'A', true}, {0x7777, 3, false}};
        e.record.csrs = {{pg32::Csr::Psw, 1, 2}, {pg32::Csr::Epc, 0, 0x40}};
        e.record.regs.push_back({15, 0xffffffff, 0});
        e.vm = 3;
        events.push_back(e);
    }
    return events;
}

}  // namespace

TEST_CASE("jsonl: the writer writes to_json()'s bytes, one line per event") {
    trace::JsonlWriter writer;
    trace::OutBuffer out;
    for (int pass = 0; pass < 2; ++pass)  // the second time, from what the writer kept of each instruction
        for (const Event& e : varied_events()) {
            out.clear();
            writer.append(out, e);
            INFO(trace::to_line(trace::to_json(e)));
            CHECK(out.view() == trace::to_line(trace::to_json(e)) + "\n");
        }
}

TEST_CASE("text: a format that has seen other events writes what a new one does") {
    trace::TextFormat several(true, true), bare(false, false);
    trace::OutBuffer out;
    for (int pass = 0; pass < 2; ++pass)
        for (const Event& e : varied_events())
            for (const trace::TextFormat* text : {&several, &bare}) {
                std::string expected = trace::TextFormat(text == &several, text == &several).format(e);
                out.clear();
                out.put("before ");
                text->append(out, e);
                CHECK(out.view() == "before " + expected);
            }
    Event e = step_event();
    e.assembly = "tab\there\\ \xff";
    e.symbol = e.source = "";
    e.record.regs.clear();
    CHECK(bare.format(e) == "     12 S  0000002c  tab\\x09here\\x5c \\xff\n");  // printable(), no trailing spaces
}

TEST_CASE("jsonl: a line read without parsing JSON is the event the parser reads") {
    trace::JsonlWriter writer;
    trace::OutBuffer out;
    int scanned = 0;
    Event e;
    for (const Event& written : varied_events()) {
        out.clear();
        writer.append(out, written);
        std::string line(out.view().substr(0, out.size() - 1));
        std::string error;
        std::optional<Event> parsed = trace::event_from_json(nlohmann::ordered_json::parse(line), &error);
        REQUIRE(parsed);
        if (trace::scan_guest_line(line, e)) {
            CHECK(e == *parsed);
            ++scanned;
        }
        // changed a byte at a time: whatever the scanner takes, it reads as the parser does
        for (size_t at = 0; at < line.size(); ++at)
            for (char c : {'0', '9', '"', ',', ' ', '\\', '.', '-', 'x', '\xc3'}) {
                std::string changed = line.substr(0, at) + c + line.substr(at + 1);
                if (!trace::scan_guest_line(changed, e)) continue;
                INFO(changed);
                nlohmann::ordered_json j = nlohmann::ordered_json::parse(changed, nullptr, false);
                REQUIRE_FALSE(j.is_discarded());
                std::optional<Event> back = trace::event_from_json(j, &error);
                REQUIRE(back);
                CHECK(e == *back);
            }
    }
    CHECK(scanned > 100);  // the steps and traps of the runs, but not the monitor's events
}

TEST_CASE("jsonl: the header reads back, and is checked") {
    trace::Header h;
    h.vmm = true;
    h.programs = {"a.s", "b.s"};
    h.memory_size = 65536;
    h.quantum = 100;
    h.filter = trace::Filter{}.to_json();
    nlohmann::ordered_json j = trace::to_json(h);
    CHECK(j.dump() ==
          R"({"format":"trapvm-trace","version":1,"mode":"vmm","programs":["a.s","b.s"],"vms":["vm0","vm1"],)"
          R"("memory_size":65536,"quantum":100,"filter":{"from":0,"to":null,"only":[],"vm":null}})");
    std::string error;
    CHECK(trace::header_from_json(j, &error) == h);
    j["version"] = 2;
    CHECK_FALSE(trace::header_from_json(j, &error));
    CHECK(error == "trace format version 2, but this trapvm reads version 1");
    j["format"] = "other";
    CHECK_FALSE(trace::header_from_json(j, &error));
    CHECK(error == "not a trapvm trace (its format is 'other')");
}

TEST_CASE("jsonl: a reader names the line and the problem") {
    CHECK(read_error("") == "0: empty file: no trace header");
    CHECK(read_error("not json\n") == "1: not valid JSON");
    CHECK(read_error(std::string(kHeader) + "\n[1,2]\n") == "2: a record is not a JSON object");
    CHECK(read_error(std::string(kHeader) + "\n\n{\"type\":\"jump\"}\n") == "3: unknown record type 'jump'");
    CHECK(read_error(std::string(kHeader) + "\n{\"type\":\"trap\",\"step\":1,\"mode\":\"user\",\"epc\":4,\"code\":99,"
                                            "\"badaddr\":0,\"sym\":\"\",\"src\":\"\"}\n") ==
          "2: field 'code' is no trap cause");
    std::string step = R"({"type":"step","step":0,"mode":"system","pc":0,"word":0,"asm":"","sym":"","src":"",)"
                       R"("regs":[{"reg":16,"old":0,"new":1}],"mem":[],"ports":[],"csrs":[]})";
    CHECK(read_error(std::string(kHeader) + "\n" + step + "\n") ==
          "2: in 'regs': field 'reg' must be a whole number from 0 to 15");
    std::string negative = R"({"type":"schedule","vm":0,"step":-1,"mode":"system","pc":0})";
    CHECK(read_error(std::string(kHeader) + "\n" + negative + "\n") ==
          "2: field 'step' must be a whole number from 0 to 18446744073709551615");
}
