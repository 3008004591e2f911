// What a proxy answers when asked for a tunnel to the bank (CONNECT host:port), read by the client
// itself: for --doctor, and to tell a proxy's refusal from an interception where WinHTTP cannot
// (Wine's WinHTTP does not read a CONNECT's answer; Windows' reads it only without a body).
// Nothing but the CONNECT line, and the Basic credentials the user gave, is sent.
#pragma once

#include "flow/ProxyResolver.h"

#include "enroll/SecureString.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace enroll::client {

struct TunnelAnswer
{
    bool reached = false; // the proxy accepted the connection and answered
    int status = 0;       // its answer to CONNECT (200: the tunnel is open)
    QString realm;        // 407: the realm of its Basic challenge
    QString schemes;      // 407: the schemes it offers ("Basic, Negotiate")
};

struct BasicCredentials
{
    QString user;
    SecureString password;
};

// Asks `proxy` for a tunnel to host:port; `done` is called once, on the caller's thread.
void probeTunnel(const ProxyServer& proxy, const QString& host, quint16 port, const std::optional<BasicCredentials>& login,
                 int timeoutMs, QObject* context, std::function<void(const TunnelAnswer&)> done);

// The pure part: a CONNECT answer's head ("HTTP/1.1 407 …\r\nProxy-Authenticate: Basic realm=…").
TunnelAnswer readTunnelAnswer(const QByteArray& head);

} // namespace enroll::client
