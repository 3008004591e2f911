#include "flow/ProxyProbe.h"

#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace enroll::client {

TunnelAnswer readTunnelAnswer(const QByteArray& head)
{
    TunnelAnswer answer;
    const auto lines = head.split('\n');
    if (lines.isEmpty()) {
        return answer;
    }
    static const QRegularExpression statusLine(QStringLiteral("^HTTP/1\\.[01] (\\d{3})"));
    const auto match = statusLine.match(QString::fromLatin1(lines.front().trimmed()));
    if (!match.hasMatch()) {
        return answer;
    }
    answer.reached = true;
    answer.status = match.captured(1).toInt();
    QStringList schemes;
    for (const auto& raw : lines.mid(1)) {
        const auto line = QString::fromLatin1(raw.trimmed());
        static const QRegularExpression challenge(QStringLiteral("^Proxy-Authenticate:\\s*(\\S+)(.*)$"),
                                                  QRegularExpression::CaseInsensitiveOption);
        const auto header = challenge.match(line);
        if (!header.hasMatch()) {
            continue;
        }
        schemes << header.captured(1);
        static const QRegularExpression realm(QStringLiteral("realm=\"([^\"]*)\""), QRegularExpression::CaseInsensitiveOption);
        if (const auto named = realm.match(header.captured(2)); named.hasMatch() && answer.realm.isEmpty()) {
            answer.realm = named.captured(1);
        }
    }
    answer.schemes = schemes.join(QStringLiteral(", "));
    return answer;
}

void probeTunnel(const ProxyServer& proxy, const QString& host, quint16 port, const std::optional<BasicCredentials>& login,
                 int timeoutMs, QObject* context, std::function<void(const TunnelAnswer&)> done)
{
    auto* socket = new QTcpSocket(context);
    auto head = std::make_shared<QByteArray>();
    auto finished = std::make_shared<bool>(false);
    auto end = [socket, head, finished, done = std::move(done)](bool reached) {
        if (*finished) {
            return;
        }
        *finished = true;
        auto answer = readTunnelAnswer(*head);
        answer.reached = answer.reached || (reached && !head->isEmpty());
        socket->abort();
        socket->deleteLater();
        done(answer);
    };
    QByteArray request = "CONNECT " + host.toUtf8() + ':' + QByteArray::number(port) + " HTTP/1.1\r\nHost: " + host.toUtf8() +
                         ':' + QByteArray::number(port) + "\r\n";
    if (login) {
        QByteArray pair = login->user.toUtf8() + ':' + QByteArray(login->password.data(), static_cast<qsizetype>(login->password.size()));
        request += "Proxy-Authorization: Basic " + pair.toBase64() + "\r\n";
        pair.fill('\0');
    }
    request += "\r\n";
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket, request]() mutable {
        socket->write(request);
        request.fill('\0');
    });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, head, end] {
        *head += socket->readAll();
        if (head->contains("\r\n\r\n") || head->size() > 16384) {
            end(true);
        }
    });
    QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [end](QAbstractSocket::SocketError) { end(false); });
    QTimer::singleShot(timeoutMs, socket, [end] { end(false); });
    socket->connectToHost(proxy.host, proxy.port);
}

} // namespace enroll::client
