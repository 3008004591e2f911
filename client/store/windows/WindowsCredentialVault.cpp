#include "store/windows/WindowsCredentialVault.h"

#include <windows.h>
#include <wincred.h>

namespace enroll::client {
namespace {

const wchar_t* target(const QString& key)
{
    return reinterpret_cast<const wchar_t*>(key.utf16());
}

QString lastErrorText(const char* step)
{
    return QStringLiteral("%1 failed (Windows error %2)").arg(QLatin1String(step)).arg(GetLastError());
}

} // namespace

bool WindowsCredentialVault::write(const QString& key, const SecureString& secret)
{
    CREDENTIALW credential{};
    credential.Type = CRED_TYPE_GENERIC;
    credential.TargetName = const_cast<wchar_t*>(target(key));
    credential.CredentialBlobSize = static_cast<DWORD>(secret.size());
    credential.CredentialBlob = reinterpret_cast<LPBYTE>(const_cast<char*>(secret.data()));
    credential.Persist = CRED_PERSIST_LOCAL_MACHINE;
    const QString user = QStringLiteral("Rokin Enroll");
    credential.UserName = const_cast<wchar_t*>(reinterpret_cast<const wchar_t*>(user.utf16()));
    if (!CredWriteW(&credential, 0)) {
        lastError_ = lastErrorText("CredWrite");
        return false;
    }
    return true;
}

std::optional<SecureString> WindowsCredentialVault::read(const QString& key)
{
    PCREDENTIALW credential = nullptr;
    if (!CredReadW(target(key), CRED_TYPE_GENERIC, 0, &credential)) {
        lastError_ = GetLastError() == ERROR_NOT_FOUND ? QStringLiteral("not found") : lastErrorText("CredRead");
        return std::nullopt;
    }
    SecureString secret(std::string_view(reinterpret_cast<const char*>(credential->CredentialBlob), credential->CredentialBlobSize));
    const bool roaming = credential->Persist != CRED_PERSIST_LOCAL_MACHINE;
    SecureZeroMemory(credential->CredentialBlob, credential->CredentialBlobSize);
    CredFree(credential);
    if (roaming) {
        write(key, secret); // an older version's entry (QtKeychain: enterprise persistence) made local
    }
    return secret;
}

bool WindowsCredentialVault::remove(const QString& key)
{
    if (!CredDeleteW(target(key), CRED_TYPE_GENERIC, 0) && GetLastError() != ERROR_NOT_FOUND) {
        lastError_ = lastErrorText("CredDelete");
        return false;
    }
    return true;
}

} // namespace enroll::client
