// Keeps idle or hostile connections from exhausting the embedded TLS listener: Poco gives each
// connection a thread until it closes, so one address may hold only a few connections at once
// and the whole server only as many as its queue can hold. Refusals happen right after accept,
// before any TLS work, and are logged (at most every few seconds per address).
#pragma once

#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace enroll::server {

struct ConnectionLimitSettings
{
    int perAddress = 16;  // open connections from one address (IPv6: one /64)
    int total = 1024;     // open connections in all, queued ones included
};

// The counting itself, free of sockets: admit() counts a connection when it is allowed.
class ConnectionLimits
{
public:
    explicit ConnectionLimits(ConnectionLimitSettings settings) : settings_(settings) {}

    enum class Verdict { Admitted, AddressFull, ServerFull };
    Verdict admit(const std::string& key);
    void release(const std::string& key);
    [[nodiscard]] int openFrom(const std::string& key) const;
    [[nodiscard]] int open() const;
    [[nodiscard]] const ConnectionLimitSettings& settings() const { return settings_; }

private:
    ConnectionLimitSettings settings_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, int> perAddress_;
    int total_ = 0;
};

// Poco's side: a filter that admits or refuses each accepted socket, and a connection factory
// that releases the count when the connection's handling ends. Sockets are matched by their
// Poco socket object, which the connection keeps alive until it is destroyed (a descriptor
// number would not do: Poco may close it earlier, and accept() hands the number out again).
class ConnectionGuard
{
public:
    explicit ConnectionGuard(ConnectionLimitSettings settings);
    ~ConnectionGuard();
    ConnectionGuard(const ConnectionGuard&) = delete;
    ConnectionGuard& operator=(const ConnectionGuard&) = delete;

    // For TCPServer::setConnectionFilter.
    [[nodiscard]] Poco::Net::TCPServerConnectionFilter::Ptr filter();
    // Wraps the factory that handles admitted connections (HTTPServerConnectionFactory).
    [[nodiscard]] Poco::Net::TCPServerConnectionFactory::Ptr factory(Poco::Net::TCPServerConnectionFactory::Ptr inner);


    bool accept(const Poco::Net::StreamSocket& socket);
    void release(const Poco::Net::SocketImpl* socket);
    // Admitted and not yet released.
    [[nodiscard]] int openConnections();

private:
    void logRefusal(const std::string& key, ConnectionLimits::Verdict verdict);

    ConnectionLimits limits_;
    std::mutex mutex_;
    std::unordered_map<const Poco::Net::SocketImpl*, std::string> keys_; // admitted socket → key
    struct Refusals
    {
        std::chrono::steady_clock::time_point lastLogged;
        long suppressed = 0;
    };
    std::unordered_map<std::string, Refusals> refusals_;
};

} // namespace enroll::server
