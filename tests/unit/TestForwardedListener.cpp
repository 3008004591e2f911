// The event-driven listener behind nginx on a real Unix socket, with a stand-in for the API (the
// `serve` function, so that timings are the test's own): keep-alive, reads answered while
// blocking requests wait, the wait for a blocking worker bounded (503), idle and slow connections
// closed on time, the connection cap, a malformed request, HEAD, and a prompt stop.
#include "http/ForwardedListener.h"

#include <QtTest>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace enroll::server;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// A client connection to the listener's socket, blocking, with a receive timeout.
class Client
{
public:
    explicit Client(const std::string& path)
    {
        fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Client() { ::close(fd_); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    [[nodiscard]] bool connected() const { return connected_; }
    void send(const std::string& data) const { QCOMPARE(::send(fd_, data.data(), data.size(), MSG_NOSIGNAL), ssize_t(data.size())); }

    // One answer (head and Content-Length body, none for HEAD); "" when the connection closed or
    // nothing came in time.
    std::string answer(bool toHead = false, std::chrono::milliseconds within = 5000ms)
    {
        const auto deadline = Clock::now() + within;
        for (;;) {
            if (const auto end = buffer_.find("\r\n\r\n"); end != std::string::npos) {
                std::size_t length = 0;
                if (const auto at = buffer_.find("Content-Length: "); at != std::string::npos && at < end) {
                    length = std::stoul(buffer_.substr(at + 16));
                }
                if (toHead) {
                    length = 0;
                }
                if (buffer_.size() >= end + 4 + length) {
                    auto whole = buffer_.substr(0, end + 4 + length);
                    buffer_.erase(0, whole.size());
                    return whole;
                }
            }
            if (!readSome(deadline)) {
                return {};
            }
        }
    }

    // True when the listener closed the connection before `within`.
    bool closedWithin(std::chrono::milliseconds within)
    {
        const auto deadline = Clock::now() + within;
        while (Clock::now() < deadline) {
            pollfd readable{fd_, POLLIN, 0};
            if (::poll(&readable, 1, 50) > 0) {
                char c[512];
                const auto n = ::recv(fd_, c, sizeof c, 0);
                if (n <= 0) {
                    return true;
                }
                buffer_.append(c, static_cast<std::size_t>(n));
            }
        }
        return false;
    }

private:
    bool readSome(Clock::time_point deadline)
    {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        pollfd readable{fd_, POLLIN, 0};
        if (left <= 0 || ::poll(&readable, 1, static_cast<int>(left)) <= 0) {
            return false;
        }
        char c[4096];
        const auto n = ::recv(fd_, c, sizeof c, 0);
        if (n <= 0) {
            return false;
        }
        buffer_.append(c, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string buffer_;
};

// The listener on a fresh Unix socket, answering with `serve`.
struct Fixture
{
    Fixture(ForwardedListenerSettings settings, ForwardedListener::Serve serve)
        : path(dir.filePath(QStringLiteral("upstream.sock")).toStdString())
    {
        socket.bind(Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, path));
        socket.listen(64);
        listener = std::make_unique<ForwardedListener>(socket.impl()->sockfd(), std::move(serve), settings);
        listener->start();
    }
    QTemporaryDir dir;
    std::string path;
    Poco::Net::ServerSocket socket;
    std::unique_ptr<ForwardedListener> listener;
};

ApiResponse echo(const IncomingRequest& request)
{
    ApiResponse response;
    response.body = request.method + " " + request.target + " " + std::string(request.field("X-Client-Address")) + " " +
                    (request.body ? std::to_string(request.body->size()) : std::string("too-large"));
    response.headers.emplace_back("X-Test", "1");
    return response;
}

const std::string kGet = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Client-Address: 192.0.2.7\r\n\r\n";

std::string post(const std::string& path)
{
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
}

} // namespace

class TestForwardedListener : public QObject
{
    Q_OBJECT

private slots:
    void answers_keepsTheConnection_andCarriesTheCommonHeaders()
    {
        Fixture f({}, echo);
        Client client(f.path);
        QVERIFY(client.connected());
        for (int i = 0; i < 3; ++i) {
            client.send(kGet);
            const auto answer = client.answer();
            QVERIFY2(answer.starts_with("HTTP/1.1 200 OK\r\n"), answer.c_str());
            QVERIFY(answer.find("\r\nCache-Control: no-store\r\n") != std::string::npos);
            QVERIFY(answer.find("\r\nX-Content-Type-Options: nosniff\r\n") != std::string::npos);
            QVERIFY(answer.find("\r\nX-Test: 1\r\n") != std::string::npos);
            QVERIFY(answer.find("\r\nDate: ") != std::string::npos);
            QVERIFY(answer.find("Connection: close") == std::string::npos);
            QVERIFY(answer.ends_with("\r\n\r\nGET /api/v1/me 192.0.2.7 0"));
        }
        QCOMPARE(f.listener->openConnections(), 1);
    }

    void postBody_reachesTheApi_inPieces()
    {
        Fixture f({}, echo);
        Client client(f.path);
        client.send("POST /api/v1/enrollment/verify HTTP/1.1\r\nContent-Le");
        std::this_thread::sleep_for(50ms);
        client.send("ngth: 5\r\n\r\nab");
        std::this_thread::sleep_for(50ms);
        client.send("cde");
        QVERIFY(client.answer().ends_with("POST /api/v1/enrollment/verify  5"));
    }

    void bodyOverTheLimit_reachesTheApiAsTooLarge()
    {
        Fixture f({}, echo);
        Client client(f.path);
        client.send("POST /x HTTP/1.1\r\nContent-Length: 70000\r\n\r\n" + std::string(70000, 'a') + kGet);
        QVERIFY(client.answer().ends_with("POST /x  too-large"));
        QVERIFY(client.answer().ends_with("GET /api/v1/me 192.0.2.7 0")); // the connection goes on
    }

    void readsAreAnswered_whileBlockingRequestsWait()
    {
        std::atomic<int> slowRunning{0};
        Fixture f({.workers = 2, .blockingWorkers = 4}, [&](const IncomingRequest& request) {
            if (request.method == "POST") {
                ++slowRunning;
                std::this_thread::sleep_for(1500ms); // an Argon2id check, a mail server
                --slowRunning;
            }
            return echo(request);
        });
        std::vector<std::unique_ptr<Client>> slow;
        for (int i = 0; i < 4; ++i) {
            slow.push_back(std::make_unique<Client>(f.path));
            slow.back()->send(post("/api/v1/enrollment/authenticate"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(slowRunning.load(), 4, 1000);
        Client reader(f.path);
        const auto start = Clock::now();
        reader.send(kGet);
        QVERIFY(reader.answer().starts_with("HTTP/1.1 200"));
        QVERIFY(Clock::now() - start < 300ms); // not behind the four slow ones
        for (auto& client : slow) {
            QVERIFY(client->answer().starts_with("HTTP/1.1 200"));
        }
    }

    // A GET whose answer must be made slowly (an OCSP answer not yet signed) is asked where it may
    // block: on an event worker the handler hands it over, and it is answered once, on a blocking
    // worker, with the handler's own headers replacing the common ones of that name.
    void getThatMustBlock_isAnsweredOnABlockingWorker()
    {
        std::atomic<int> onEventWorker{0};
        std::atomic<int> onBlockingWorker{0};
        Fixture f({}, [&](const IncomingRequest& request) {
            ApiResponse response = echo(request);
            if (!request.mayBlock) {
                ++onEventWorker;
                response.needsBlockingWorker = true;
                return response;
            }
            ++onBlockingWorker;
            response.headers.emplace_back("Cache-Control", "public, max-age=60");
            return response;
        });
        Client client(f.path);
        for (int i = 1; i <= 2; ++i) {
            client.send(kGet);
            const auto answer = client.answer();
            QVERIFY2(answer.starts_with("HTTP/1.1 200 OK\r\n"), answer.c_str());
            QVERIFY(answer.find("\r\nCache-Control: public, max-age=60\r\n") != std::string::npos);
            QVERIFY(answer.find("no-store") == std::string::npos);
            QVERIFY(answer.ends_with("GET /api/v1/me 192.0.2.7 0"));
            QCOMPARE(onEventWorker.load(), i);
            QCOMPARE(onBlockingWorker.load(), i);
        }
    }

    void waitForABlockingWorker_isBounded_UNAVAILABLE()
    {
        Fixture f({.workers = 1, .blockingWorkers = 1, .maxQueueWaitMs = 200}, [](const IncomingRequest& request) {
            std::this_thread::sleep_for(600ms);
            return echo(request);
        });
        Client first(f.path);
        Client second(f.path);
        first.send(post("/api/v1/contract/login"));
        std::this_thread::sleep_for(50ms);
        second.send("POST /api/v1/contract/login HTTP/1.1\r\nAccept-Language: en\r\nContent-Length: 2\r\n\r\n{}");
        QVERIFY(first.answer().starts_with("HTTP/1.1 200"));
        const auto refused = second.answer();
        QVERIFY2(refused.starts_with("HTTP/1.1 503 Service Unavailable\r\n"), refused.c_str());
        QVERIFY(refused.find("\r\nRetry-After: 1\r\n") != std::string::npos);
        QVERIFY(refused.find("\"code\":\"UNAVAILABLE\"") != std::string::npos);
        QVERIFY(refused.find("The service is not available") != std::string::npos); // its language
    }

    void idleConnection_isClosedAfterTheKeepAlive()
    {
        Fixture f({.keepAliveSeconds = 1, .timeoutSeconds = 10}, echo);
        Client client(f.path);
        client.send(kGet);
        QVERIFY(!client.answer().empty());
        const auto start = Clock::now();
        QVERIFY(client.closedWithin(3500ms));
        QVERIFY(Clock::now() - start >= 900ms);
        QTRY_COMPARE(f.listener->openConnections(), 0);
    }

    void halfSentRequest_isClosedAfterTheTimeout()
    {
        Fixture f({.keepAliveSeconds = 30, .timeoutSeconds = 1}, echo);
        Client client(f.path);
        client.send("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n"); // and then nothing
        QVERIFY(client.closedWithin(3500ms));
    }

    void beyondTheCap_aConnectionIsClosedAtOnce()
    {
        Fixture f({.maxConnections = 2}, echo);
        Client a(f.path);
        Client b(f.path);
        a.send(kGet);
        b.send(kGet);
        QVERIFY(!a.answer().empty());
        QVERIFY(!b.answer().empty());
        Client c(f.path);
        QVERIFY(c.closedWithin(2000ms));
        QCOMPARE(f.listener->openConnections(), 2);
        a.send(kGet); // the others go on
        QVERIFY(!a.answer().empty());
    }

    void malformedRequest_isAnswered400AndClosed()
    {
        Fixture f({}, echo);
        Client client(f.path);
        client.send("GET / HTTP/1.1\r\nNo colon here\r\n\r\n");
        const auto answer = client.answer();
        QVERIFY2(answer.starts_with("HTTP/1.1 400 Bad Request\r\n"), answer.c_str());
        QVERIFY(answer.find("Connection: close") != std::string::npos);
        QVERIFY(answer.find("\"code\":\"INVALID_INPUT\"") != std::string::npos);
        QVERIFY(client.closedWithin(2000ms));
    }

    void head_getsTheLengthWithoutTheBody()
    {
        Fixture f({}, echo);
        Client client(f.path);
        client.send("HEAD /healthz HTTP/1.1\r\n\r\n" + kGet);
        const auto head = client.answer(true);
        QVERIFY(head.starts_with("HTTP/1.1 200"));
        QVERIFY(head.ends_with("\r\n\r\n")); // no body follows
        QVERIFY(client.answer().ends_with("GET /api/v1/me 192.0.2.7 0"));
    }

    void closeRequested_isHonoured()
    {
        Fixture f({}, echo);
        Client client(f.path);
        client.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        QVERIFY(client.answer().find("Connection: close") != std::string::npos);
        QVERIFY(client.closedWithin(2000ms));
    }

    void stop_isPrompt_withConnectionsOpen()
    {
        Fixture f({}, echo);
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 20; ++i) {
            clients.push_back(std::make_unique<Client>(f.path));
        }
        clients.front()->send("GET / HTTP/1.1\r\n"); // one half-sent
        QTRY_COMPARE(f.listener->openConnections(), 20);
        const auto start = Clock::now();
        f.listener->stop();
        QVERIFY(Clock::now() - start < 2s);
        QCOMPARE(f.listener->openConnections(), 0);
        QVERIFY(clients.back()->closedWithin(1000ms));
    }
};

QTEST_GUILESS_MAIN(TestForwardedListener)
#include "TestForwardedListener.moc"
