// The endpoints of API.md, each a few lines: read the JSON, call the service, write the JSON.
#pragma once

#include "http/HttpTransport.h"

namespace enroll::server {

class EnrollmentService;
class AccountService;
class CertificateAuthority;
class Store;
class Clock;
class AddressBudgets;
class CrlPublisher;
class OcspResponder;

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
// GET /crl (and /crl/…), POST /ocsp and GET /ocsp/…: all a plain HTTP listener serves.
void addRevocationRoutes(Router& router, Services services);

} // namespace enroll::server
