// The endpoints of API.md, each a few lines: read the JSON, call the service, write the JSON.
#pragma once

#include "http/HttpTransport.h"

#include <functional>

namespace enroll::server {

class EnrollmentService;
class AccountService;
class CertificateAuthority;
class Store;
class Clock;
class AddressBudgets;
class CrlPublisher;
class OcspResponder;
struct Caller;

struct Services
{
    EnrollmentService& enrollment;
    AccountService& accounts;
    CertificateAuthority& ca;
    Store& store;
    const Clock& clock;
    AddressBudgets& budgets; // per-address budgets of password and code checks
    CrlPublisher& crl;
    OcspResponder& ocsp;
    bool development = false; // /healthz says "mode": "development" or "production"
};

void addRoutes(Router& router, Services services);
// EST (RFC 7030) under /.well-known/est/: cacerts, csrattrs, simplereenroll; simpleenroll refused
// (EstRoutes.cpp). Part of addRoutes.
void addEstRoutes(Router& router, Services services);

// The mTLS endpoints: `handler` runs with who the certificate belongs to, or the refusal
// (CLIENT_CERT_REQUIRED) answers. Reads on a connection already checked may use the registry's
// answer of the last second; a change asks the registry, and afterwards no earlier answer is used.
ApiResponse signedIn(Services& s, const ApiRequest& request, const std::function<ApiResponse(const Caller&)>& handler);
// GET /crl (and /crl/…), POST /ocsp and GET /ocsp/…: all a plain HTTP listener serves.
void addRevocationRoutes(Router& router, Services services);

} // namespace enroll::server
