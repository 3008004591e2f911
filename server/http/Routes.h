// The endpoints of API.md, each a few lines: read the JSON, call the service, write the JSON.
#pragma once

#include "http/HttpTransport.h"

namespace enroll::server {

class EnrollmentService;
class AccountService;
class CertificateAuthority;
class Store;
class Clock;

struct Services
{
    EnrollmentService& enrollment;
    AccountService& accounts;
    CertificateAuthority& ca;
    Store& store;
    const Clock& clock;
};

void addRoutes(Router& router, Services services);

} // namespace enroll::server
