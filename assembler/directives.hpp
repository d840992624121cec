// The assembler's directives: names, operand syntax and what each does in
// the two passes. Internal to the assembler.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm::detail {

enum class Directive : uint8_t {
    Org,
    Word,
    Half,
    Byte,
    Ascii,
    Asciz,
    Space,
    Align,
    Equ,
    Text,
    Data,
    Incbin,
    Incimage,
    User,
    EndUser,
    Include,
    Macro,
    Endm,  // handled by the preprocessor
};

struct DirectiveInfo {
    const char* name;  // ".word"
    Directive id;
    const char* syntax;  // operands, for "takes" messages
    int min_operands;
    int max_operands;  // -1: any number
};

inline constexpr DirectiveInfo kDirectives[] = {
    {".org", Directive::Org, "ADDRESS", 1, 1},
    {".word", Directive::Word, "VALUE, ...", 1, -1},
    {".half", Directive::Half, "VALUE, ...", 1, -1},
    {".byte", Directive::Byte, "VALUE, ...", 1, -1},
    {".ascii", Directive::Ascii, "\"TEXT\", ...", 1, -1},
    {".asciz", Directive::Asciz, "\"TEXT\", ...", 1, -1},
    {".space", Directive::Space, "SIZE[, FILL]", 1, 2},
    {".align", Directive::Align, "BYTES", 1, 1},
    {".equ", Directive::Equ, "NAME, VALUE", 2, 2},
    {".text", Directive::Text, "", 0, 0},
    {".data", Directive::Data, "", 0, 0},
    {".incbin", Directive::Incbin, "\"FILE\"", 1, 1},
    {".incimage", Directive::Incimage, "\"FILE\"", 1, 1},
    {".user", Directive::User, "BASE[, NAME]", 1, 2},
    {".enduser", Directive::EndUser, "", 0, 0},
    {".include", Directive::Include, "\"FILE\"", 1, 1},
    {".macro", Directive::Macro, "NAME[, PARAM, ...]", 1, -1},
    {".endm", Directive::Endm, "", 0, 0},
};

// name is compared case-insensitively.
const DirectiveInfo* directive_by_name(std::string_view name);

// Every directive, mnemonic and pseudo-instruction: for did-you-mean.
std::vector<std::string> directive_names();
std::vector<std::string> mnemonic_names();  // instructions and pseudos

// True when name is taken by the language itself (an instruction, pseudo,
// directive or register), so no label, constant or macro can have it.
bool is_reserved_word(std::string_view name);

}  // namespace trapvm::detail
