// The e-mails of SPEC §5 (別紙5): Japanese, plain text, never a password or anything that
// would let a reader sign in. One function per mail.
#pragma once

#include "enroll/CertificateValidity.h"
#include "mail/Mailer.h"

#include <string>

namespace enroll::server::mails {

MailMessage registrationComplete(const std::string& to, const std::string& userId, const std::string& userName);
MailMessage oneTimeCode(const std::string& to, const std::string& code, Instant expiresAt);
MailMessage locked(const std::string& to, const std::string& who, Instant until);
MailMessage blocked(const std::string& to, const std::string& who);
MailMessage certificateIssued(const std::string& to, const std::string& userId, const std::string& serial,
                              Instant notAfter);
// `silentRenewal`: the bank's policy; the PC with the certificate renews it by itself at logon.
MailMessage expiryNotice(const std::string& to, const std::string& userId, Instant notAfter, int daysLeft,
                         bool silentRenewal);
MailMessage emailChanged(const std::string& to, const std::string& userId, const std::string& newAddress);
// To the bank's operators (audit.anchorMailTo), not to employers: the audit chain's head, to be
// kept outside the server (enroll-admin audit verify --anchors).
MailMessage auditAnchor(const std::string& to, const std::string& anchorLine, Instant at);

} // namespace enroll::server::mails
