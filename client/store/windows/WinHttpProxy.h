// What Windows says about proxies, read with WinHTTP (Win32 only: no Qt). The decision is made
// once, in the client's ProxyResolver; this module only reads the sources and runs PAC/WPAD.
#pragma once

#include <optional>
#include <string>

namespace enroll::winhttp {

struct ProxyConfig
{
    bool autoDetect = false;   // WPAD
    std::wstring autoConfigUrl; // PAC
    std::wstring proxy;         // "host:port" or "http=h:p;https=h:p"
    std::wstring bypass;        // "<local>;*.example.jp"
};

// The current user's Internet Options (WinHttpGetIEProxyConfigForCurrentUser).
ProxyConfig userProxyConfig();
// The machine's WinHTTP proxy (netsh winhttp set proxy; WinHttpGetDefaultProxyConfiguration).
ProxyConfig machineProxyConfig();
// WPAD and/or a PAC URL run by Windows for `url` (WinHttpGetProxyForUrl): the proxy list, an
// empty string for DIRECT, nullopt when no script was found or it failed.
std::optional<std::wstring> proxyForUrl(const std::wstring& url, bool autoDetect, const std::wstring& pacUrl);

} // namespace enroll::winhttp
