// A Mailer that tells an observer each message's outcome (sent or not) after the transport has
// tried: the metrics count mails by kind and outcome, the audit log keeps the failures.
#pragma once

#include "mail/Mailer.h"

#include <functional>

namespace enroll::server {

class ObservedMailer final : public Mailer
{
public:
    using Observer = std::function<void(const MailMessage& message, bool sent)>;
    ObservedMailer(Mailer& inner, Observer observer) : inner_(inner), observer_(std::move(observer)) {}

    [[nodiscard]] bool send(const MailMessage& message) override
    {
        const bool sent = inner_.send(message);
        observer_(message, sent);
        return sent;
    }

private:
    Mailer& inner_;
    Observer observer_;
};

} // namespace enroll::server
