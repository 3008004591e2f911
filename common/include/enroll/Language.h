// The two languages of the product: Japanese first (the manual's wording), English complete.
#pragma once

#include <string_view>

namespace enroll {

enum class Language { Japanese, English };

// From an HTTP Accept-Language header or a setting ("ja", "en", "en-US,en;q=0.9"): English
// only when English is preferred over Japanese, Japanese otherwise (the default).
Language languageFromTag(std::string_view tags);

// "ja" or "en".
std::string_view languageTag(Language language);

} // namespace enroll
