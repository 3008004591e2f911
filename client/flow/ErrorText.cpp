#include "flow/ErrorText.h"

#include "flow/FlowText.h"

#include <QDateTime>

namespace enroll::client {

QString ErrorText::bankHost(const ApiResult& result)
{
    return result.host.isEmpty() ? tr("the bank's server") : result.host;
}

QString ErrorText::forResult(const ApiResult& result, Language language)
{
    switch (result.kind) {
    case ApiResult::Kind::Ok:
        return {};
    case ApiResult::Kind::Unreachable:
        if (!result.proxy.isEmpty()) {
            return tr("The bank's server could not be reached through the proxy server %1. Please try again later; if "
                      "this continues, please ask your IT administrator whether the proxy can reach %2.")
                .arg(result.proxy, bankHost(result));
        }
        return tr("The bank's server cannot be reached. Please check the network connection and try again.");
    case ApiResult::Kind::ProxyUnreachable:
        return tr("The proxy server %1 set on this PC cannot be reached, so nothing was sent to the bank. Please ask "
                  "your IT administrator to check the proxy server and this PC's proxy settings.")
            .arg(result.proxy);
    case ApiResult::Kind::ProxyAuth:
        return tr("The proxy server %1 (%2) asks for a user name and password, and none was accepted, so nothing was "
                  "sent to the bank. Please enter the proxy's user name and password, or ask your IT administrator.")
            .arg(result.proxy, result.realm.isEmpty() ? tr("no name given") : result.realm);
    case ApiResult::Kind::ProxyRefused:
        return tr("The proxy server %1 refused to connect to the bank's server, so nothing was sent. Please ask your "
                  "IT administrator to allow connections to %2 through the proxy.")
            .arg(result.proxy, bankHost(result));
    case ApiResult::Kind::Untrusted:
        // Nothing was sent. Most often a device of the employer's network (a proxy or security
        // appliance) re-signs HTTPS with its own CA: the clerk's IT administrator can exclude the host.
        return tr("The server could not be confirmed as the bank's server, so the connection was stopped and nothing "
                  "was sent. A device on this network (a proxy or security appliance) may be inspecting encrypted "
                  "connections. Please ask your IT administrator to exclude %1 from HTTPS inspection, or contact the bank.")
            .arg(bankHost(result));
    case ApiResult::Kind::Timeout:
        if (!result.proxy.isEmpty()) {
            return tr("The bank's server did not answer in time through the proxy server %1. Please try again later.")
                .arg(result.proxy);
        }
        return tr("The bank's server did not answer in time. Please try again later.");
    case ApiResult::Kind::BadAnswer:
        return tr("The bank's server gave an answer this program does not understand. Please try again later.");
    case ApiResult::Kind::ApiError:
        break;
    }
    const auto code = result.code.value_or(ErrorCode::Internal);
    auto text = flowText(errorMessage(code, language));
    if (code == ErrorCode::Locked) {
        if (const auto at = japanTimeOf(result.text("until")); at.isValid()) {
            text += QLatin1Char('\n') + tr("Login is possible again from %1.").arg(shownJapanTime(at, JapanTimeText::Minutes));
        }
    } else if (code == ErrorCode::CodeInvalid && result.json.contains(QStringLiteral("attemptsLeft"))) {
        text += QLatin1Char('\n') + tr("Attempts left: %1").arg(result.json.value(QStringLiteral("attemptsLeft")).toInt());
    } else if (code == ErrorCode::RateLimited && result.json.contains(QStringLiteral("retryAfterSeconds"))) {
        text += QLatin1Char('\n') +
                tr("Please wait %1 seconds.").arg(result.json.value(QStringLiteral("retryAfterSeconds")).toInt());
    } else if (code == ErrorCode::CertAlreadyIssued) {
        if (const auto at = japanTimeOf(result.text("renewableFrom")); at.isValid()) {
            text += QLatin1Char('\n') + tr("Renewal is possible from %1.").arg(shownJapanTime(at, JapanTimeText::Date));
        }
    }
    return text;
}

} // namespace enroll::client
