// Strict UTF-8 decoding, so that every length rule counts characters (code points), not bytes,
// and malformed input is refused instead of being guessed at.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace enroll::utf8 {

// The code points of `bytes`, or nothing when it is not well-formed UTF-8 (overlong forms,
// surrogates, values above U+10FFFF, truncated or stray continuation bytes).
std::optional<std::u32string> decode(std::string_view bytes);

// UTF-8 for one code point (no validation of surrogates: callers pass scalar values).
std::string encode(char32_t codePoint);

} // namespace enroll::utf8
