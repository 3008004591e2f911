// A string for secrets (passwords, codes, tokens) that wipes its memory when it goes away.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace enroll {

// Overwrites `size` bytes at `data` in a way the optimiser cannot drop.
void secureWipe(void* data, std::size_t size) noexcept;

class SecureString
{
public:
    SecureString() = default;
    explicit SecureString(std::string_view value) : value_(value) {}
    explicit SecureString(const char* value) : value_(value) {}
    explicit SecureString(std::string&& value) : value_(std::move(value)) {}
    SecureString(const SecureString& other) : value_(other.value_) {}
    SecureString(SecureString&& other) noexcept : value_(std::move(other.value_)) { other.clear(); }
    SecureString& operator=(const SecureString& other)
    {
        if (this != &other) {
            clear();
            value_ = other.value_;
        }
        return *this;
    }
    SecureString& operator=(SecureString&& other) noexcept
    {
        if (this != &other) {
            clear();
            value_ = std::move(other.value_);
            other.clear();
        }
        return *this;
    }
    ~SecureString() { clear(); }

    [[nodiscard]] std::string_view view() const noexcept { return value_; }
    [[nodiscard]] const char* data() const noexcept { return value_.data(); }
    [[nodiscard]] std::size_t size() const noexcept { return value_.size(); }
    [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
    void clear() noexcept
    {
        // wipe the whole capacity: a shorter value may have left an old secret behind it
        secureWipe(value_.data(), value_.capacity());
        value_.clear();
    }

private:
    std::string value_;
};

} // namespace enroll
