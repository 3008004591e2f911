#include "WinHttpProxy.h"

#include <windows.h>
#include <winhttp.h>

#include <memory>

namespace enroll::winhttp {
namespace {

// Strings WinHTTP allocated (GlobalAlloc): copied, then freed.
std::wstring take(LPWSTR text)
{
    if (text == nullptr) {
        return {};
    }
    std::wstring copy(text);
    GlobalFree(text);
    return copy;
}

struct InternetCloser
{
    void operator()(void* handle) const noexcept { WinHttpCloseHandle(handle); }
};

} // namespace

ProxyConfig userProxyConfig()
{
    WINHTTP_CURRENT_USER_IE_PROXY_CONFIG ie{};
    ProxyConfig config;
    if (!WinHttpGetIEProxyConfigForCurrentUser(&ie)) {
        return config;
    }
    config.autoDetect = ie.fAutoDetect != FALSE;
    config.autoConfigUrl = take(ie.lpszAutoConfigUrl);
    config.proxy = take(ie.lpszProxy);
    config.bypass = take(ie.lpszProxyBypass);
    return config;
}

ProxyConfig machineProxyConfig()
{
    WINHTTP_PROXY_INFO info{};
    ProxyConfig config;
    if (!WinHttpGetDefaultProxyConfiguration(&info)) {
        return config;
    }
    config.proxy = take(info.lpszProxy);
    config.bypass = take(info.lpszProxyBypass);
    if (info.dwAccessType != WINHTTP_ACCESS_TYPE_NAMED_PROXY) {
        config.proxy.clear();
    }
    return config;
}

std::optional<std::wstring> proxyForUrl(const std::wstring& url, bool autoDetect, const std::wstring& pacUrl)
{
    std::unique_ptr<void, InternetCloser> session(
        WinHttpOpen(L"RokinEnroll/1.0", WINHTTP_ACCESS_TYPE_NO_PROXY, WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0));
    if (!session) {
        return std::nullopt;
    }
    // WPAD's DNS and DHCP searches can take long on a network without it: bounded
    WinHttpSetTimeouts(session.get(), 5000, 5000, 5000, 5000);
    WINHTTP_AUTOPROXY_OPTIONS options{};
    if (!pacUrl.empty()) {
        options.dwFlags = WINHTTP_AUTOPROXY_CONFIG_URL;
        options.lpszAutoConfigUrl = pacUrl.c_str();
    } else if (autoDetect) {
        options.dwFlags = WINHTTP_AUTOPROXY_AUTO_DETECT;
        options.dwAutoDetectFlags = WINHTTP_AUTO_DETECT_TYPE_DHCP | WINHTTP_AUTO_DETECT_TYPE_DNS_A;
    } else {
        return std::nullopt;
    }
    // first without, then with the user's credentials for a PAC server that asks for them
    WINHTTP_PROXY_INFO info{};
    options.fAutoLogonIfChallenged = FALSE;
    BOOL ok = WinHttpGetProxyForUrl(session.get(), url.c_str(), &options, &info);
    if (!ok && GetLastError() == ERROR_WINHTTP_LOGIN_FAILURE) {
        options.fAutoLogonIfChallenged = TRUE;
        ok = WinHttpGetProxyForUrl(session.get(), url.c_str(), &options, &info);
    }
    if (!ok) {
        return std::nullopt;
    }
    auto proxy = take(info.lpszProxy);
    take(info.lpszProxyBypass);
    if (info.dwAccessType != WINHTTP_ACCESS_TYPE_NAMED_PROXY) {
        proxy.clear();
    }
    return proxy;
}

} // namespace enroll::winhttp
