#include "enroll/Language.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace enroll {
namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
        s.remove_suffix(1);
    }
    return s;
}

// q-value of one "tag;q=0.8" entry; 1 when absent, 0 when unreadable.
double qualityOf(std::string_view params)
{
    const auto q = params.find("q=");
    if (q == std::string_view::npos) {
        return 1.0;
    }
    try {
        return std::stod(std::string(params.substr(q + 2)));
    } catch (...) {
        return 0.0;
    }
}

} // namespace

Language languageFromTag(std::string_view tags)
{
    double english = -1.0;
    double japanese = -1.0;
    std::size_t position = 0;
    while (position <= tags.size()) {
        const auto comma = tags.find(',', position);
        const auto entry = trim(tags.substr(position, comma == std::string_view::npos ? std::string_view::npos
                                                                                        : comma - position));
        const auto semicolon = entry.find(';');
        std::string tag(trim(entry.substr(0, semicolon)));
        std::transform(tag.begin(), tag.end(), tag.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const double quality =
            semicolon == std::string_view::npos ? 1.0 : qualityOf(entry.substr(semicolon + 1));
        if (tag == "en" || tag.starts_with("en-")) {
            english = std::max(english, quality);
        } else if (tag == "ja" || tag.starts_with("ja-")) {
            japanese = std::max(japanese, quality);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        position = comma + 1;
    }
    return english > 0.0 && english > japanese ? Language::English : Language::Japanese;
}

std::string_view languageTag(Language language)
{
    return language == Language::English ? "en" : "ja";
}

} // namespace enroll
