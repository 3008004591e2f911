// What the fuzzers share: their bytes split into parts (each part ends at the separator byte
// 0x1F or the end, so seeds stay readable and a mutation of one part leaves the others alone),
// and a throwaway folder in $TMPDIR (else /tmp) that is gone when the fuzzer ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace enroll::fuzz {

class TemporaryDirectory
{
public:
    TemporaryDirectory()
    {
        const char* base = std::getenv("TMPDIR");
        std::string name = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/enroll-fuzz-XXXXXX";
        if (mkdtemp(name.data()) == nullptr) {
            std::abort(); // no folder to work in: nothing the fuzzer finds would mean anything
        }
        path_ = name;
    }
    ~TemporaryDirectory()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

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
