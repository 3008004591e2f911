// Splits a fuzzer's bytes into parts: each part ends at the separator byte 0x1F (or the end), so
// seeds stay readable and a mutation of one part leaves the others alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace enroll::fuzz {

inline std::vector<std::string> parts(const std::uint8_t* data, std::size_t size, std::size_t count)
{
    std::vector<std::string> out(count);
    std::size_t part = 0;
    for (std::size_t i = 0; i < size && part < count; ++i) {
        if (data[i] == 0x1F && part + 1 < count) {
            ++part;
        } else {
            out[part] += static_cast<char>(data[i]);
        }
    }
    return out;
}

} // namespace enroll::fuzz
