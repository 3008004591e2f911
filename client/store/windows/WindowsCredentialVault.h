// The client's secrets on Windows, for this user on this PC only: Windows Credential Manager with
// local-machine persistence (CRED_PERSIST_LOCAL_MACHINE: other logon sessions of this user on
// this PC see it, the user's sessions on other PCs do not, and a roaming profile does not carry
// it). QtKeychain writes enterprise (roaming) persistence, so the pending PKCS#12's password and a
// proxy password would travel with the profile. The target name is the key, as QtKeychain names
// it: entries an older version left are read, and rewritten locally.
#pragma once

#include "store/SecretVault.h"

namespace enroll::client {

class WindowsCredentialVault final : public SecretVault
{
public:
    bool write(const QString& key, const SecureString& secret) override;
    std::optional<SecureString> read(const QString& key) override;
    bool remove(const QString& key) override;
    [[nodiscard]] QString lastError() const override { return lastError_; }

private:
    QString lastError_;
};

} // namespace enroll::client
