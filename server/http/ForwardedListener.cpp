#include "http/ForwardedListener.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPResponse.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace enroll::server {

struct ForwardedListener::Connection
{
    explicit Connection(int descriptor) : fd(descriptor) {}
    int fd;
    std::string input;         // received, not yet parsed
    HttpRequestParser parser;
    // for the sweeper: when the connection last finished something, and whether a handler has it
    std::atomic<Clock::rep> lastActivity{Clock::now().time_since_epoch().count()};
    std::atomic<Clock::rep> requestStarted{0}; // 0 while idle
    std::atomic<bool> busy{false}; // a worker answers it, or it waits for a blocking worker
    Clock::time_point queuedAt;    // when it was handed to the blocking workers
};

namespace {

Poco::Logger& log()
{
    return Poco::Logger::get("http");
}

// epoll's user data for the two descriptors that are not connections
char listenMarker;
char wakeMarker;

// An HTTP date (RFC 9110), formatted once a second per thread.
const std::string& httpDate()
{
    thread_local std::time_t formattedAt = 0;
    thread_local std::string text;
    const std::time_t now = std::time(nullptr);
    if (now != formattedAt) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        char buffer[64];
        const auto length = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
        text.assign(buffer, length);
        formattedAt = now;
    }
    return text;
}

std::chrono::steady_clock::rep ticks(std::chrono::steady_clock::time_point at)
{
    return at.time_since_epoch().count();
}

} // namespace

ForwardedListener::ForwardedListener(int listenFd, Serve serve, ForwardedListenerSettings settings)
    : listenFd_(listenFd), serve_(std::move(serve)), settings_(settings), peers_(settings.peerUid, settings.foreignPeer)
{
}

ForwardedListener::~ForwardedListener()
{
    stop();
}

void ForwardedListener::start()
{
    const int flags = ::fcntl(listenFd_, F_GETFL, 0);
    if (flags < 0 || ::fcntl(listenFd_, F_SETFL, flags | O_NONBLOCK) != 0) {
        throw std::runtime_error(std::string("forwarded listener: ") + std::strerror(errno));
    }
    epollFd_ = ::epoll_create1(EPOLL_CLOEXEC);
    wakeFd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epollFd_ < 0 || wakeFd_ < 0) {
        throw std::runtime_error(std::string("forwarded listener: ") + std::strerror(errno));
    }
    epoll_event listenEvent{};
    listenEvent.events = EPOLLIN | EPOLLONESHOT; // one worker accepts at a time
    listenEvent.data.ptr = &listenMarker;
    epoll_event wakeEvent{};
    wakeEvent.events = EPOLLIN; // level-triggered: stays readable, so every worker sees it
    wakeEvent.data.ptr = &wakeMarker;
    if (::epoll_ctl(epollFd_, EPOLL_CTL_ADD, listenFd_, &listenEvent) != 0 ||
        ::epoll_ctl(epollFd_, EPOLL_CTL_ADD, wakeFd_, &wakeEvent) != 0) {
        throw std::runtime_error(std::string("forwarded listener: ") + std::strerror(errno));
    }
    for (int i = 0; i < settings_.workers; ++i) {
        workers_.emplace_back([this] { work(); });
    }
    for (int i = 0; i < settings_.blockingWorkers; ++i) {
        blockingWorkers_.emplace_back([this] { workBlocking(); });
    }
    sweeper_ = std::thread([this] { sweep(); });
}

void ForwardedListener::stop()
{
    if (epollFd_ < 0 || stopping_.exchange(true)) {
        return;
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(wakeFd_, &one, sizeof one);
    {
        const std::lock_guard lock(sweepMutex_);
        sweepWake_.notify_all();
    }
    for (auto& worker : workers_) {
        worker.join(); // none hands a request over after this
    }
    {
        const std::lock_guard lock(queueMutex_);
        queued_.notify_all();
    }
    for (auto& worker : blockingWorkers_) {
        worker.join(); // after answering what was handed over
    }
    sweeper_.join();
    std::vector<Connection*> left;
    {
        const std::lock_guard lock(mutex_);
        left.assign(open_.begin(), open_.end());
    }
    for (auto* connection : left) {
        close(connection);
    }
    ::close(wakeFd_);
    ::close(epollFd_);
    epollFd_ = -1;
}

int ForwardedListener::openConnections() const
{
    const std::lock_guard lock(mutex_);
    return static_cast<int>(open_.size());
}

void ForwardedListener::work()
{
    // A few ready connections at a time: one wait serves several requests under load, and each
    // takes microseconds here (what may block went to the blocking workers).
    constexpr int kBatch = 8;
    epoll_event events[kBatch];
    while (!stopping_) {
        const int ready = ::epoll_wait(epollFd_, events, kBatch, 1000);
        for (int i = 0; i < ready && !stopping_; ++i) {
            void* data = events[i].data.ptr;
            if (data == &wakeMarker) {
                break;
            }
            if (data == &listenMarker) {
                acceptAll();
                continue;
            }
            auto* connection = static_cast<Connection*>(data);
            settle(*connection, readAndServe(*connection));
        }
    }
}

void ForwardedListener::workBlocking()
{
    const auto maxWait = std::chrono::milliseconds(settings_.maxQueueWaitMs);
    for (;;) {
        Connection* connection = nullptr;
        {
            std::unique_lock lock(queueMutex_);
            queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                return; // stopping, and every request handed over was answered
            }
            connection = queue_.front();
            queue_.pop_front();
        }
        const bool tooLate = Clock::now() - connection->queuedAt > maxWait;
        settle(*connection, serveRequest(*connection, tooLate, true) == Outcome::Rearm ? serveBuffered(*connection, true)
                                                                                   : Outcome::Close);
    }
}

void ForwardedListener::settle(Connection& connection, Outcome outcome)
{
    if (outcome == Outcome::Rearm) {
        rearm(connection);
    } else if (outcome == Outcome::Close) {
        close(&connection);
    }
}

void ForwardedListener::acceptAll()
{
    bool pause = false;
    for (int i = 0; i < 256; ++i) {
        const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                log().error("forwarded listener: accept failed: %s", std::string(std::strerror(errno)));
                pause = true; // the backlog stays; try again shortly rather than spin
            }
            break;
        }
        if (!peers_.allows(fd)) {
            ::close(fd); // not nginx: whatever it would send is not believed, nor read
            continue;
        }
        auto* connection = new Connection(fd);
        {
            const std::lock_guard lock(mutex_);
            if (static_cast<int>(open_.size()) >= settings_.maxConnections) {
                delete connection;
                ::close(fd);
                logRefusal();
                continue;
            }
            open_.insert(connection);
        }
        const int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes); // fails harmlessly on a Unix socket
        epoll_event event{};
        event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
        event.data.ptr = connection;
        if (::epoll_ctl(epollFd_, EPOLL_CTL_ADD, fd, &event) != 0) {
            close(connection);
        }
    }
    if (pause) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    epoll_event event{};
    event.events = EPOLLIN | EPOLLONESHOT;
    event.data.ptr = &listenMarker;
    ::epoll_ctl(epollFd_, EPOLL_CTL_MOD, listenFd_, &event);
}

void ForwardedListener::logRefusal()
{
    // under mutex_
    const auto now = Clock::now();
    if (now - lastRefusalLogged_ < std::chrono::seconds(5)) {
        ++refusalsSuppressed_;
        return;
    }
    log().warning("forwarded listener: %d connections open, the most server.forwardedMaxConnections allows; "
                  "a new one from nginx was closed (%ld more since the last notice)",
                  settings_.maxConnections, refusalsSuppressed_);
    lastRefusalLogged_ = now;
    refusalsSuppressed_ = 0;
}

ForwardedListener::Outcome ForwardedListener::readAndServe(Connection& connection)
{
    char buffer[16 * 1024];
    for (;;) {
        const ssize_t received = ::recv(connection.fd, buffer, sizeof buffer, 0);
        if (received == 0) {
            return Outcome::Close; // nginx closed it
        }
        if (received < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno == EAGAIN || errno == EWOULDBLOCK ? Outcome::Rearm : Outcome::Close;
        }
        if (connection.parser.idle() && connection.input.empty()) {
            connection.requestStarted = ticks(Clock::now());
        }
        connection.input.append(buffer, static_cast<std::size_t>(received));
        const auto outcome = serveBuffered(connection, false);
        if (outcome != Outcome::Rearm || (connection.parser.idle() && connection.input.empty())) {
            return outcome; // answered all there was: the next request wakes a worker again
        }
        // part of a request: read on
    }
}

ForwardedListener::Outcome ForwardedListener::serveBuffered(Connection& connection, bool onBlockingWorker)
{
    for (;;) {
        const auto status = connection.parser.feed(connection.input);
        if (status == HttpRequestParser::Status::NeedMore) {
            return Outcome::Rearm;
        }
        if (status == HttpRequestParser::Status::Failed) {
            const int code = connection.parser.failureStatus();
            log().warning("forwarded listener: a request nginx sent could not be read (%d); connection closed", code);
            auto error = errorResponse(Error::of(code == 413 ? ErrorCode::TooLarge : ErrorCode::InvalidInput),
                                       Language::Japanese);
            error.status = code;
            answer(connection, error, true, false);
            return Outcome::Close;
        }
        const auto& method = connection.parser.head().method;
        if (!onBlockingWorker && method != "GET" && method != "HEAD") {
            handOff(connection);
            return Outcome::HandedOff;
        }
        if (const auto served = serveRequest(connection, false, onBlockingWorker); served != Outcome::Rearm) {
            if (served == Outcome::HandedOff) {
                handOff(connection);
            }
            return served;
        }
        if (connection.input.empty()) {
            return Outcome::Rearm;
        }
        connection.requestStarted = ticks(Clock::now()); // pipelined: the next one is here
    }
}

void ForwardedListener::handOff(Connection& connection)
{
    connection.busy = true;
    connection.queuedAt = Clock::now();
    {
        const std::lock_guard lock(queueMutex_);
        queue_.push_back(&connection);
    }
    queued_.notify_one();
}

ForwardedListener::Outcome ForwardedListener::serveRequest(Connection& connection, bool tooLate, bool onBlockingWorker)
{
    connection.busy = true;
    const auto& head = connection.parser.head();
    ApiResponse response;
    if (tooLate) {
        auto error = Error::of(ErrorCode::Unavailable);
        error.retryAfterSeconds = 1;
        log().warning("forwarded listener: %s %s waited over %d ms for a worker: answered UNAVAILABLE",
                      std::string(head.method), std::string(head.target.substr(0, head.target.find('?'))),
                      settings_.maxQueueWaitMs);
        response = errorResponse(error, languageFromTag(head.field("Accept-Language")));
    } else {
        IncomingRequest request;
        request.method = std::string(head.method);
        request.target = std::string(head.target);
        request.body = connection.parser.body();
        request.field = [&head](const char* name) { return head.field(name); };
        request.mayBlock = onBlockingWorker;
        response = serve_(request);
        if (response.needsBlockingWorker) {
            return Outcome::HandedOff; // the same request, answered there
        }
    }
    const bool close = connection.parser.closeAfter() || stopping_;
    const bool sent = answer(connection, response, close, head.method == "HEAD");
    connection.parser.reset();
    connection.requestStarted = 0;
    connection.lastActivity = ticks(Clock::now());
    connection.busy = false;
    return sent && !close ? Outcome::Rearm : Outcome::Close;
}

bool ForwardedListener::answer(Connection& connection, const ApiResponse& response, bool close, bool headOnly)
{
    const bool noBody = response.status == 204 || response.status == 304;
    std::string out;
    out.reserve(256 + response.body.size());
    out += "HTTP/1.1 ";
    out += std::to_string(response.status);
    out += ' ';
    out += Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out += "\r\nDate: ";
    out += httpDate();
    out += "\r\n";
    for (const auto& [name, value] : kCommonResponseHeaders) {
        if (!overridden(response, name)) {
            out.append(name).append(": ").append(value).append("\r\n");
        }
    }
    for (const auto& [name, value] : response.headers) {
        out.append(name).append(": ").append(value).append("\r\n");
    }
    if (!noBody) {
        out.append("Content-Type: ").append(response.contentType).append("\r\n");
    }
    out.append("Content-Length: ").append(std::to_string(noBody ? 0 : response.body.size())).append("\r\n");
    if (close) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    if (!noBody && !headOnly) {
        out += response.body;
    }
    return sendAll(connection, out);
}

bool ForwardedListener::sendAll(Connection& connection, const std::string& data)
{
    std::size_t sent = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(settings_.timeoutSeconds);
    while (sent < data.size()) {
        const ssize_t n = ::send(connection.fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            pollfd writable{connection.fd, POLLOUT, 0};
            if (left > 0 && ::poll(&writable, 1, static_cast<int>(left)) > 0) {
                continue;
            }
        }
        return false;
    }
    return true;
}

void ForwardedListener::rearm(Connection& connection)
{
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    event.data.ptr = &connection;
    if (::epoll_ctl(epollFd_, EPOLL_CTL_MOD, connection.fd, &event) != 0) {
        close(&connection);
    }
}

void ForwardedListener::close(Connection* connection)
{
    {
        const std::lock_guard lock(mutex_);
        open_.erase(connection);
        ::close(connection->fd); // also leaves the epoll set
    }
    delete connection;
}

void ForwardedListener::sweep()
{
    // Once a second: an idle connection past the keep-alive, or a request that has not arrived
    // whole within the timeout, is shut down; the worker that sees the end closes it.
    const auto keepAlive = std::chrono::seconds(settings_.keepAliveSeconds);
    const auto timeout = std::chrono::seconds(settings_.timeoutSeconds);
    std::unique_lock wait(sweepMutex_);
    while (!stopping_) {
        sweepWake_.wait_for(wait, std::chrono::seconds(1));
        if (stopping_) {
            break;
        }
        const auto now = Clock::now();
        const std::lock_guard lock(mutex_);
        for (auto* connection : open_) {
            if (connection->busy) {
                continue;
            }
            const auto started = connection->requestStarted.load();
            const bool late = started != 0
                                  ? now - Clock::time_point(Clock::duration(started)) > timeout
                                  : now - Clock::time_point(Clock::duration(connection->lastActivity.load())) > keepAlive;
            if (late) {
                ::shutdown(connection->fd, SHUT_RDWR);
            }
        }
    }
}

} // namespace enroll::server
