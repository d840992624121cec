// The markers exporter (see markers.hpp): one pass over the lines, a state
// machine of three states (outside, in a region's solution, in its starter).
#include "grader/markers.hpp"

#include <sstream>

namespace trapvm::grader {

namespace {

enum class Marker { None, Open, Starter, StarterLine, Close };

struct Line {
    Marker marker = Marker::None;
    std::string lab;   // Open, Close
    std::string body;  // StarterLine: the line without its "#|"
    int task = 0;      // Open: the N of "(task N)" in its title, else 0
};

std::string trimmed(const std::string& s) {
    size_t a = s.find_first_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a);
}

// The lab named after ">>> lab " or "<<< lab ": up to ':' or the end.
std::string lab_name(const std::string& rest) {
    std::string name = rest.substr(0, rest.find(':'));
    size_t end = name.find_last_not_of(" \t\r");
    return end == std::string::npos ? "" : name.substr(0, end + 1);
}

// The N of the last "(task N)" in a region's title; 0 without one.
int task_number(const std::string& title) {
    size_t at = title.rfind("(task ");
    if (at == std::string::npos) return 0;
    int n = 0;
    for (size_t i = at + 6; i < title.size() && n < 1000000; ++i) {
        if (title[i] == ')') return n;
        if (title[i] < '0' || title[i] > '9') return 0;
        n = n * 10 + (title[i] - '0');
    }
    return 0;
}

Line classify(const std::string& raw) {
    std::string t = trimmed(raw);
    for (const char* comment : {"#", "//"}) {
        std::string c = comment;
        if (t.rfind(c, 0) != 0) continue;
        std::string rest = t.substr(c.size());
        if (rest.rfind("|", 0) == 0) {
            std::string body = rest.substr(1);
            if (!body.empty() && body[0] == ' ') body.erase(0, 1);
            return {Marker::StarterLine, "", body};
        }
        std::string words = trimmed(rest);
        if (words.rfind(">>> lab ", 0) == 0) return {Marker::Open, lab_name(words.substr(8)), "", task_number(words)};
        if (words.rfind("<<< lab ", 0) == 0) return {Marker::Close, lab_name(words.substr(8)), ""};
        if (words.rfind("--- starter", 0) == 0) return {Marker::Starter, "", ""};
    }
    return {};
}

class Exporter {
public:
    Exporter(std::string file, std::string lab, ExportMode mode, int solved_through)
        : file_(std::move(file)), lab_(std::move(lab)), mode_(mode), solved_through_(solved_through) {}

    void line(const std::string& raw, int number);
    MarkerResult finish();

private:
    void error(int line, const std::string& message) {
        result_.errors.push_back(file_ + ":" + std::to_string(line) + ": error: " + message);
    }
    bool replacing() const {
        return mode_ == ExportMode::Student && open_lab_ == lab_ && !(open_task_ && open_task_ <= solved_through_);
    }

    std::string file_, lab_;
    ExportMode mode_;
    int solved_through_ = 0;
    int open_task_ = 0;  // the open region's task number (0: none)
    std::string out_;
    std::string open_lab_;  // "" outside a region
    int open_line_ = 0;
    bool in_starter_ = false;
    MarkerResult result_;
};

void Exporter::line(const std::string& raw, int n) {
    Line l = classify(raw);
    bool inside = !open_lab_.empty();
    switch (l.marker) {
    case Marker::Open:
        if (inside)
            return error(n, "a region of lab " + l.lab + " opens inside the region of lab " + open_lab_ +
                                " opened at line " + std::to_string(open_line_) + ": regions do not nest");
        if (l.lab.empty()) return error(n, "'>>> lab' needs the lab's name: '>>> lab NAME: what the region is'");
        open_lab_ = l.lab, open_line_ = n, open_task_ = l.task, in_starter_ = false;
        return;
    case Marker::Starter:
        if (!inside) return error(n, "'--- starter' outside a region (a region opens with '>>> lab NAME')");
        if (in_starter_)
            return error(n, "a second '--- starter' in the region opened at line " + std::to_string(open_line_));
        in_starter_ = true;
        return;
    case Marker::Close:
        if (!inside) return error(n, "'<<< lab " + l.lab + "' closes no region (none is open)");
        if (l.lab != open_lab_)
            return error(n, "'<<< lab " + l.lab + "' closes the region of lab " + open_lab_ + " opened at line " +
                                std::to_string(open_line_) + ": expected '<<< lab " + open_lab_ + "'");
        if (open_lab_ == lab_) ++result_.regions;
        open_lab_.clear();
        in_starter_ = false;
        return;
    case Marker::StarterLine:
        if (!in_starter_) break;  // an ordinary comment that happens to start so
        if (replacing()) out_ += l.body + "\n";
        return;
    case Marker::None: break;
    }
    if (in_starter_) return error(n, "after '--- starter' every line of the region starts with '#|' (or '//|')");
    if (!replacing()) out_ += raw + "\n";
}

MarkerResult Exporter::finish() {
    if (!open_lab_.empty())
        error(open_line_,
              "the region of lab " + open_lab_ + " opened here is never closed: add '<<< lab " + open_lab_ + "'");
    if (result_.errors.empty()) result_.text = out_;
    return std::move(result_);
}

}  // namespace

MarkerResult export_markers(const std::string& text, const std::string& file, const std::string& lab, ExportMode mode,
                            int solved_through) {
    Exporter e(file, lab, mode, solved_through);
    std::istringstream in(text);
    int n = 0;
    for (std::string line; std::getline(in, line);) e.line(line, ++n);
    MarkerResult r = e.finish();
    if (r.text && !text.empty() && text.back() != '\n' && !r.text->empty()) r.text->pop_back();
    return r;
}

}  // namespace trapvm::grader
