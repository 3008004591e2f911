#include "http/ConnectionLimits.h"

#include "service/Throttle.h"

#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServerConnection.h>

namespace enroll::server {

ConnectionLimits::Verdict ConnectionLimits::admit(const std::string& key)
{
    const std::lock_guard lock(mutex_);
    if (total_ >= settings_.total) {
        return Verdict::ServerFull;
    }
    int& fromAddress = perAddress_[key];
    if (fromAddress >= settings_.perAddress) {
        return Verdict::AddressFull;
    }
    ++fromAddress;
    ++total_;
    return Verdict::Admitted;
}

void ConnectionLimits::release(const std::string& key)
{
    const std::lock_guard lock(mutex_);
    const auto it = perAddress_.find(key);
    if (it == perAddress_.end()) {
        return;
    }
    if (--it->second <= 0) {
        perAddress_.erase(it);
    }
    --total_;
}

int ConnectionLimits::openFrom(const std::string& key) const
{
    const std::lock_guard lock(mutex_);
    const auto it = perAddress_.find(key);
    return it == perAddress_.end() ? 0 : it->second;
}

int ConnectionLimits::open() const
{
    const std::lock_guard lock(mutex_);
    return total_;
}

namespace {

class Filter final : public Poco::Net::TCPServerConnectionFilter
{
public:
    explicit Filter(ConnectionGuard& guard) : guard_(guard) {}
    bool accept(const Poco::Net::StreamSocket& socket) override { return guard_.accept(socket); }

private:
    ConnectionGuard& guard_;
};

// Runs the inner connection; its destruction (the connection is over) releases the count.
class CountedConnection final : public Poco::Net::TCPServerConnection
{
public:
    CountedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::TCPServerConnection* inner,
                      ConnectionGuard& guard)
        : TCPServerConnection(socket), inner_(inner), guard_(guard), socket_(socket.impl())
    {
    }
    ~CountedConnection() override
    {
        inner_.reset();
        guard_.release(socket_); // the base class still holds the socket object
    }
    CountedConnection(const CountedConnection&) = delete;
    CountedConnection& operator=(const CountedConnection&) = delete;

    void run() override { inner_->run(); }

private:
    std::unique_ptr<Poco::Net::TCPServerConnection> inner_;
    ConnectionGuard& guard_;
    const Poco::Net::SocketImpl* socket_;
};

class CountingFactory final : public Poco::Net::TCPServerConnectionFactory
{
public:
    CountingFactory(Poco::Net::TCPServerConnectionFactory::Ptr inner, ConnectionGuard& guard)
        : inner_(std::move(inner)), guard_(guard)
    {
    }
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
    {
        const Poco::Net::SocketImpl* impl = socket.impl();
        try {
            // NOLINTNEXTLINE(cppcoreguidelines-owning-memory): Poco's dispatcher owns connections
            return new CountedConnection(socket, inner_->createConnection(socket), guard_);
        } catch (...) {
            guard_.release(impl);
            throw;
        }
    }

private:
    Poco::Net::TCPServerConnectionFactory::Ptr inner_;
    ConnectionGuard& guard_;
};

constexpr auto kRefusalLogInterval = std::chrono::seconds(10);

} // namespace

ConnectionGuard::ConnectionGuard(ConnectionLimitSettings settings) : limits_(settings) {}

ConnectionGuard::~ConnectionGuard() = default;

Poco::Net::TCPServerConnectionFilter::Ptr ConnectionGuard::filter()
{
    return new Filter(*this); // NOLINT(cppcoreguidelines-owning-memory): ref-counted by Poco
}

Poco::Net::TCPServerConnectionFactory::Ptr ConnectionGuard::factory(Poco::Net::TCPServerConnectionFactory::Ptr inner)
{
    return new CountingFactory(std::move(inner), *this); // NOLINT(cppcoreguidelines-owning-memory): ref-counted
}

bool ConnectionGuard::accept(const Poco::Net::StreamSocket& socket)
{
    std::string key;
    try {
        key = budgetKey(socket.peerAddress().host().toString());
    } catch (const Poco::Exception&) {
        return false; // gone before we looked
    }
    const auto verdict = limits_.admit(key);
    if (verdict != ConnectionLimits::Verdict::Admitted) {
        logRefusal(key, verdict);
        return false;
    }
    const std::lock_guard lock(mutex_);
    keys_[socket.impl()] = key;
    return true;
}

void ConnectionGuard::release(const Poco::Net::SocketImpl* socket)
{
    std::string key;
    {
        const std::lock_guard lock(mutex_);
        const auto it = keys_.find(socket);
        if (it == keys_.end()) {
            return;
        }
        key = std::move(it->second);
        keys_.erase(it);
    }
    limits_.release(key);
}

void ConnectionGuard::logRefusal(const std::string& key, ConnectionLimits::Verdict verdict)
{
    const auto now = std::chrono::steady_clock::now();
    long suppressed = 0;
    {
        const std::lock_guard lock(mutex_);
        if (refusals_.size() > 10000) {
            refusals_.clear(); // a flood from everywhere: start counting afresh
        }
        auto& entry = refusals_[key];
        if (entry.lastLogged != std::chrono::steady_clock::time_point{} && now - entry.lastLogged < kRefusalLogInterval) {
            ++entry.suppressed;
            return;
        }
        suppressed = entry.suppressed;
        entry = Refusals{now, 0};
    }
    auto& log = Poco::Logger::get("http");
    const auto& s = limits_.settings();
    if (verdict == ConnectionLimits::Verdict::AddressFull) {
        log.warning("refused a connection from %s: %d connections from that address are open (the cap is "
                    "server.maxConnectionsPerAddress = %d); %ld more refused since the last notice",
                    key, limits_.openFrom(key), s.perAddress, suppressed);
    } else {
        log.warning("refused a connection from %s: %d connections are open (the cap is server.maxConnections = %d); "
                    "%ld more refused from there since the last notice",
                    key, limits_.open(), s.total, suppressed);
    }
}

int ConnectionGuard::openConnections()
{
    std::lock_guard lock(mutex_);
    return static_cast<int>(keys_.size());
}

} // namespace enroll::server
