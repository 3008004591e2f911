#include "http/HttpRequestParser.h"

#include <algorithm>
#include <charconv>

namespace enroll::server {

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

// RFC 9110's tchar: the characters of a method and of a field name.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isToken(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

// A field value: visible characters, spaces, tabs and obs-text; no other control characters.
bool isFieldValue(std::string_view text)
{
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// Each comma-separated element of a list field, compared without case.
bool listContains(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (equalsIgnoringCase(trimmed(list.substr(0, comma)), token)) {
            return true;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        list.remove_prefix(comma + 1);
    }
    return false;
}

constexpr std::string_view kEndOfHead = "\r\n\r\n";

} // namespace

std::string_view HttpRequestHead::field(std::string_view name) const
{
    for (const auto& [n, value] : fields) {
        if (equalsIgnoringCase(n, name)) {
            return value;
        }
    }
    return {};
}

bool HttpRequestHead::keepAlive() const
{
    const auto connection = field("Connection");
    if (minorVersion == 0) {
        return listContains(connection, "keep-alive");
    }
    return !listContains(connection, "close");
}

void HttpRequestParser::reset()
{
    phase_ = Phase::Head;
    headBytes_ = 0;
    head_.method = {};
    head_.target = {};
    head_.minorVersion = 1;
    head_.fields.clear();
    headText_.clear();
    if (headText_.capacity() > 8 * 1024) {
        headText_.shrink_to_fit(); // an unusually long head: not kept for the connection's life
    }
    body_.reset();
    remaining_ = 0;
    closeAfter_ = false;
    failureStatus_ = 0;
}

HttpRequestParser::Status HttpRequestParser::fail(int status)
{
    phase_ = Phase::Failed;
    failureStatus_ = status;
    return Status::Failed;
}

HttpRequestParser::Status HttpRequestParser::feed(std::string& input)
{
    if (phase_ == Phase::Failed) {
        return Status::Failed;
    }
    if (phase_ == Phase::Done) {
        return Status::Complete;
    }
    if (phase_ == Phase::Head) {
        const std::size_t searchFrom = headText_.size() >= 3 ? headText_.size() - 3 : 0;
        headText_ += input;
        headBytes_ = headText_.size();
        const auto end = headText_.find(kEndOfHead, searchFrom);
        if (end == std::string::npos) {
            input.clear();
            return headText_.size() > limits_.maxHead ? fail(413) : Status::NeedMore;
        }
        const std::size_t headLength = end + kEndOfHead.size();
        if (headLength > limits_.maxHead) {
            return fail(413);
        }
        input.assign(headText_, headLength, std::string::npos); // what follows the head
        headText_.resize(end + 2); // the last field's CRLF stays: every line ends in one
        if (const auto status = parseHead(); status != Status::NeedMore) {
            return status;
        }
    }
    const std::size_t take = std::min(remaining_, input.size());
    if (phase_ == Phase::Body) {
        body_->append(input, 0, take);
    }
    input.erase(0, take);
    remaining_ -= take;
    if (remaining_ > 0) {
        return Status::NeedMore;
    }
    phase_ = Phase::Done;
    return Status::Complete;
}

std::string_view requestPath(std::string_view target)
{
    target = target.substr(0, target.find('?'));
    const auto scheme = target.find("://");
    if (scheme != std::string_view::npos && scheme > 0 && target.front() != '/') {
        const auto path = target.find('/', scheme + 3);
        return path == std::string_view::npos ? std::string_view("/") : target.substr(path);
    }
    return target;
}

HttpRequestParser::Status HttpRequestParser::parseHead()
{
    std::string_view text = headText_;
    // the request line: method SP target SP HTTP/1.x
    auto lineEnd = text.find("\r\n");
    const std::string_view line = text.substr(0, lineEnd);
    text.remove_prefix(lineEnd + 2);
    const auto firstSpace = line.find(' ');
    const auto lastSpace = line.rfind(' ');
    if (firstSpace == std::string_view::npos || firstSpace == lastSpace) {
        return fail(400);
    }
    const auto method = line.substr(0, firstSpace);
    const auto target = line.substr(firstSpace + 1, lastSpace - firstSpace - 1);
    const auto version = line.substr(lastSpace + 1);
    if (!isToken(method) || target.empty() || target.find(' ') != std::string_view::npos ||
        !std::all_of(target.begin(), target.end(), [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; })) {
        return fail(400);
    }
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/") {
        return fail(400);
    }
    if (version == "HTTP/1.1") {
        head_.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        head_.minorVersion = 0;
    } else {
        return fail(505);
    }
    head_.method = method;
    head_.target = target;

    // the fields: name ":" OWS value OWS, one a line (no folding)
    while (!text.empty()) {
        lineEnd = text.find("\r\n");
        const std::string_view fieldLine = text.substr(0, lineEnd);
        text.remove_prefix(lineEnd + 2);
        const auto colon = fieldLine.find(':');
        if (colon == std::string_view::npos || !isToken(fieldLine.substr(0, colon))) {
            return fail(400); // also a folded line or a space before the colon
        }
        const auto value = trimmed(fieldLine.substr(colon + 1));
        if (!isFieldValue(value)) {
            return fail(400);
        }
        if (head_.fields.size() >= limits_.maxFields) {
            return fail(413);
        }
        head_.fields.emplace_back(fieldLine.substr(0, colon), value);
    }

    // the body's length
    std::optional<std::size_t> length;
    for (const auto& [name, value] : head_.fields) {
        if (equalsIgnoringCase(name, "Transfer-Encoding")) {
            return fail(501); // nginx sends a length (it buffers request bodies)
        }
        if (!equalsIgnoringCase(name, "Content-Length")) {
            continue;
        }
        std::size_t n = 0;
        const auto* last = value.data() + value.size();
        const auto [end, error] = std::from_chars(value.data(), last, n);
        if (value.empty() || error != std::errc() || end != last || value.size() > 18 || (length && *length != n)) {
            return fail(400);
        }
        length = n;
    }
    closeAfter_ = !head_.keepAlive();
    remaining_ = length.value_or(0);
    if (remaining_ <= limits_.maxBody) {
        phase_ = Phase::Body;
        body_.emplace();
        body_->reserve(remaining_);
    } else if (remaining_ <= limits_.drainLimit) {
        phase_ = Phase::Discard; // read and thrown away, so the answer comes after all was sent
    } else {
        phase_ = Phase::Discard;
        remaining_ = 0; // not read at all: the connection closes after the answer
        closeAfter_ = true;
    }
    return Status::NeedMore;
}

} // namespace enroll::server
