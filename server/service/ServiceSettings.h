// The bank's tunable rules, read from the config file by app/ and handed to the services.
#pragma once

#include "store/Store.h"

#include <chrono>
#include <string>

namespace enroll::server {

struct ServiceSettings
{
    LockoutSettings lockout;
    std::chrono::seconds codeTtl{1800};
    int codeMaxAttempts = 5;
    int wrongCodesPerFailure = 6; // SPEC §3: every 6 wrong codes in a row are one failed authentication
    std::chrono::seconds resendInterval{60};
    int maxResends = 3;
    std::chrono::seconds registrationTokenTtl{900};
    std::chrono::seconds issuanceTokenTtl{1800};
    int maxUsersPerContract = 20;
    bool silentRenewal = true; // renewal.silent: PCs renew by themselves at logon (GET /me says so)
    RenewalHours renewalHours; // renewal.earliestHour/latestHour: when they may (JST; GET /me says so)
    std::string codeKey; // HMAC key for stored one-time codes (random, kept in the data directory)
};

// Who is asking, for the audit log.
struct RequestMeta
{
    std::string remote;
};

} // namespace enroll::server
