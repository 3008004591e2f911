// What the person at the PC reads when a call fails: the bank's sentence for each API error code
// (common/, the same words the server sends), the lock's end time, and tr() sentences for what
// the network or TLS did. Never a raw string from the network.
#pragma once

#include "enroll/Language.h"
#include "flow/ApiClient.h"

#include <QCoreApplication>
#include <QString>

namespace enroll::client {

class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    static QString forResult(const ApiResult& result, Language language);

private:
    static QString bankHost(const ApiResult& result);
};

} // namespace enroll::client
