#include "enroll/SecureString.h"

#include <openssl/crypto.h>

namespace enroll {

void secureWipe(void* data, std::size_t size) noexcept
{
    if (data != nullptr && size > 0) {
        OPENSSL_cleanse(data, size);
    }
}

} // namespace enroll
