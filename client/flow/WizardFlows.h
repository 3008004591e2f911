// The wizard's flows wired together, as rokin-enroll's main() and the tests use them: the session
// they share and one controller per flow. Each page is given only the controller of its flow.
#pragma once

#include "flow/AccountController.h"
#include "flow/IssuanceController.h"
#include "flow/RegistrationController.h"
#include "flow/UsersController.h"
#include "flow/WizardSession.h"

namespace enroll::client {

struct WizardFlows
{
    WizardFlows(ApiClient& api, CertificateStore& store, PendingImports& pending, RenewalMemo& memo, Language language,
                KeyType keyType = KeyType::Rsa2048)
        : session(api, store, pending, memo, language), issuance(session, keyType), registration(session, issuance),
          users(session), account(session, issuance, users)
    {
    }
    WizardFlows(const WizardFlows&) = delete;
    WizardFlows& operator=(const WizardFlows&) = delete;

    WizardSession session;
    IssuanceController issuance;
    RegistrationController registration;
    UsersController users;
    AccountController account;
};

} // namespace enroll::client
