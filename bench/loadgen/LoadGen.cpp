// enroll-loadgen: the benchmark's HTTPS load generator. Event-driven (epoll, non-blocking
// OpenSSL), so one process holds tens of thousands of TLS connections; each can come from its own
// loopback source address (127.0.0.0/8), present a client certificate, and either keep its
// connection alive or make a full handshake for every request. Prints one line of key=value
// figures, which bench/run.sh turns into the table.
//
//   keepalive   C connections, each sending GETs back to back for D seconds: req/s, p50, p99
//   handshakes  C connections at a time, each request on a new connection with a full
//               handshake (no session resumption): handshakes/s, p50, p99
//   idle        N connections made (handshake, one GET, kept open and idle), then fresh probe
//               requests on new connections from another address: probe latency, still open
//   post        C connections sending the POST bodies of a file (one JSON per line) in turn, or one
//               binary body (--body FILE, e.g. a DER OCSP request) with --content-type
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options
{
    std::string mode;
    std::string host = "127.0.0.1";
    int port = 0;
    std::string serverName = "localhost";
    std::string ca;
    std::string cert;
    std::string key;
    std::string path = "/healthz";
    std::string method = "GET";
    std::string bodiesFile;
    std::string bodyFile;       // one body, sent as it is (binary)
    std::string contentType = "application/json";
    int connections = 16;
    double duration = 5;
    int idle = 0;
    std::vector<std::string> sources;  // source addresses, used in turn
    std::string probeSource;
    int probes = 5;
    int threads = 1;
    int expect = 200;
    long requests = 0;          // stop after this many answers (0: run for the duration)
    double connectTimeout = 30;
};

[[noreturn]] void usage(const std::string& why)
{
    std::cerr << "enroll-loadgen: " << why << "\n"
              << "usage: enroll-loadgen keepalive|handshakes|idle|post --port N --ca FILE [--host H] [--server-name N]\n"
              << "  [--cert FILE --key FILE] [--path P] [--method M] [--bodies FILE | --body FILE --content-type T] [--connections C] [--duration S]\n"
              << "  [--idle N] [--sources 127.0.0.2-127.0.0.101] [--probe-source A] [--probes K] [--threads T] [--expect CODE]\n";
    std::exit(2);
}

std::vector<std::string> addressRange(const std::string& spec)
{
    const auto dash = spec.find('-');
    if (dash == std::string::npos) {
        return {spec};
    }
    in_addr first{};
    in_addr last{};
    if (inet_pton(AF_INET, spec.substr(0, dash).c_str(), &first) != 1 ||
        inet_pton(AF_INET, spec.substr(dash + 1).c_str(), &last) != 1) {
        usage("bad address range " + spec);
    }
    std::vector<std::string> out;
    for (std::uint32_t a = ntohl(first.s_addr); a <= ntohl(last.s_addr); ++a) {
        in_addr x{htonl(a)};
        char text[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &x, text, sizeof text);
        out.emplace_back(text);
    }
    return out;
}

Options parse(int argc, char** argv)
{
    if (argc < 2) {
        usage("no mode");
    }
    Options o;
    o.mode = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage(a + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--host") o.host = value();
        else if (a == "--port") o.port = std::stoi(value());
        else if (a == "--server-name") o.serverName = value();
        else if (a == "--ca") o.ca = value();
        else if (a == "--cert") o.cert = value();
        else if (a == "--key") o.key = value();
        else if (a == "--path") o.path = value();
        else if (a == "--method") o.method = value();
        else if (a == "--bodies") o.bodiesFile = value();
        else if (a == "--body") o.bodyFile = value();
        else if (a == "--content-type") o.contentType = value();
        else if (a == "--connections") o.connections = std::stoi(value());
        else if (a == "--duration") o.duration = std::stod(value());
        else if (a == "--idle") o.idle = std::stoi(value());
        else if (a == "--sources") o.sources = addressRange(value());
        else if (a == "--probe-source") o.probeSource = value();
        else if (a == "--probes") o.probes = std::stoi(value());
        else if (a == "--threads") o.threads = std::max(1, std::stoi(value()));
        else if (a == "--expect") o.expect = std::stoi(value());
        else if (a == "--requests") o.requests = std::stol(value());
        else usage("unknown option " + a);
    }
    if (o.port <= 0 || o.ca.empty()) {
        usage("--port and --ca are needed");
    }
    return o;
}

SSL_CTX* makeContext(const Options& o)
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    if (SSL_CTX_load_verify_locations(ctx, o.ca.c_str(), nullptr) != 1) {
        usage("cannot read " + o.ca);
    }
    if (!o.cert.empty() && (SSL_CTX_use_certificate_chain_file(ctx, o.cert.c_str()) != 1 ||
                            SSL_CTX_use_PrivateKey_file(ctx, o.key.c_str(), SSL_FILETYPE_PEM) != 1)) {
        usage("cannot read " + o.cert + " / " + o.key);
    }
    // every handshake a full one: no tickets, no session cache
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    // one read for a whole record (not its header, then its body): the load generator shares
    // the cores with what it measures, so each system call it saves is theirs
    SSL_CTX_set_read_ahead(ctx, 1);
    return ctx;
}

std::vector<std::string> readBodies(const std::string& file)
{
    std::vector<std::string> out;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) {
            out.push_back(line);
        }
    }
    if (out.empty()) {
        usage("no bodies in " + file);
    }
    return out;
}

enum class State { Connecting, Handshaking, Sending, Reading, Idle, Closed };

struct Connection
{
    int fd = -1;
    SSL* ssl = nullptr;
    State state = State::Closed;
    std::string source;
    std::string out;
    std::size_t sent = 0;
    std::string in;
    Clock::time_point started;     // of the current request (keepalive) or connection (handshakes)
    Clock::time_point connectedAt;
    bool holdIdle = false;          // idle mode: keep after the first answer
    bool probe = false;
    long answers = 0;
};

struct Stats
{
    long ok = 0;
    long errors = 0;
    long handshakes = 0;
    std::vector<std::uint32_t> latencyUs;
    std::map<int, long> statuses;
};

class Loop
{
public:
    Loop(const Options& o, SSL_CTX* ctx, std::vector<std::string> bodies)
        : o_(o), ctx_(ctx), bodies_(std::move(bodies)), epoll_(epoll_create1(0))
    {
    }
    ~Loop()
    {
        for (auto& c : conns_) {
            close(*c);
        }
        ::close(epoll_);
    }

    Connection& open(const std::string& source, bool holdIdle, bool probe)
    {
        auto c = std::make_unique<Connection>();
        c->source = source;
        c->holdIdle = holdIdle;
        c->probe = probe;
        conns_.push_back(std::move(c));
        start(*conns_.back());
        return *conns_.back();
    }

    // Runs until `until`, or (idle mode) until every connection is idle or closed.
    void run(Clock::time_point until, bool stopWhenSettled = false)
    {
        epoll_event events[256];
        while (Clock::now() < until) {
            if (stopWhenSettled && settled()) {
                return;
            }
            if (o_.requests > 0 && stats.ok + stats.errors >= o_.requests) {
                return;
            }
            if (warmingUp && warm()) {
                return;
            }
            const int n = epoll_wait(epoll_, events, 256, 50);
            for (int i = 0; i < n; ++i) {
                auto* c = static_cast<Connection*>(events[i].data.ptr);
                if (c->state == State::Idle) {
                    // an idle connection woken up: the server closed it (or sent something)
                    char b;
                    const auto r = ::recv(c->fd, &b, 1, MSG_PEEK);
                    if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                        close(*c);
                        ++closedWhileIdle_;
                    }
                    continue;
                }
                step(*c);
            }
            checkTimeouts();
        }
    }

    [[nodiscard]] bool settled() const
    {
        return std::all_of(conns_.begin(), conns_.end(),
                           [](const auto& c) { return c->state == State::Idle || c->state == State::Closed; });
    }
    // Every connection has had its first answer (keep-alive figures start after that).
    [[nodiscard]] bool warm() const
    {
        return std::all_of(conns_.begin(), conns_.end(), [](const auto& c) { return c->answers > 0; });
    }
    [[nodiscard]] long countIn(State s) const
    {
        return std::count_if(conns_.begin(), conns_.end(), [s](const auto& c) { return c->state == s; });
    }

    Stats stats;
    bool reconnect = true;   // handshakes mode: a new connection after each answer
    bool keepalive = true;   // keepalive mode: the next request on the same connection
    bool rotateSources = false; // each new connection from the next source address
    bool warmingUp = false;
    long closedWhileIdle_ = 0;
    long refusedConnections = 0;

private:
    void start(Connection& c)
    {
        c.in.clear();
        c.out.clear();
        c.sent = 0;
        if (rotateSources && !o_.sources.empty()) {
            c.source = o_.sources[static_cast<std::size_t>(nextSource_++) % o_.sources.size()];
        }
        c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (c.fd < 0) {
            ++stats.errors;
            c.state = State::Closed;
            return;
        }
        const int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (!c.source.empty()) {
            sockaddr_in local{};
            local.sin_family = AF_INET;
            inet_pton(AF_INET, c.source.c_str(), &local.sin_addr);
            if (::bind(c.fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
                fail(c);
                return;
            }
        }
        sockaddr_in remote{};
        remote.sin_family = AF_INET;
        remote.sin_port = htons(static_cast<std::uint16_t>(o_.port));
        inet_pton(AF_INET, o_.host.c_str(), &remote.sin_addr);
        c.started = c.connectedAt = Clock::now();
        c.state = State::Connecting;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
        ev.data.ptr = &c;
        epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev);
        if (::connect(c.fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0 && errno != EINPROGRESS) {
            fail(c);
        }
    }

    void close(Connection& c)
    {
        if (c.ssl != nullptr) {
            SSL_free(c.ssl);
            c.ssl = nullptr;
        }
        if (c.fd >= 0) {
            ::close(c.fd);
            c.fd = -1;
        }
        c.state = State::Closed;
    }

    void fail(Connection& c)
    {
        ++stats.errors;
        if (c.state == State::Connecting || c.state == State::Handshaking) {
            ++refusedConnections;
        }
        close(c);
        if (reconnect && !c.holdIdle && !c.probe) {
            start(c);
        }
    }

    void checkTimeouts()
    {
        const auto now = Clock::now();
        for (auto& c : conns_) {
            if ((c->state == State::Connecting || c->state == State::Handshaking) &&
                std::chrono::duration<double>(now - c->connectedAt).count() > o_.connectTimeout) {
                fail(*c);
            }
        }
    }

    // An SSL call returned `r` <= 0: waiting for the socket is fine (epoll wakes us), anything
    // else ends the connection as an error.
    void stalled(Connection& c, int r)
    {
        const int e = SSL_get_error(c.ssl, r);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
            return;
        }
        ERR_clear_error();
        fail(c);
    }

    void request(Connection& c)
    {
        c.out = o_.method + " " + o_.path + " HTTP/1.1\r\nHost: " + o_.serverName + "\r\n";
        if (!bodies_.empty()) {
            const auto& body = bodies_[static_cast<std::size_t>(nextBody_++ % static_cast<long>(bodies_.size()))];
            c.out += "Content-Type: " + o_.contentType + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        } else {
            c.out += "\r\n";
        }
        c.sent = 0;
        c.in.clear();
        c.state = State::Sending;
    }

    void step(Connection& c)
    {
        for (;;) {
            switch (c.state) {
            case State::Connecting: {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err == EINPROGRESS) {
                    return;
                }
                if (err != 0) {
                    fail(c);
                    return;
                }
                c.ssl = SSL_new(ctx_);
                if (c.holdIdle) {
                    SSL_set_mode(c.ssl, SSL_MODE_RELEASE_BUFFERS); // 10,000 of them: no buffers while idle
                }
                SSL_set_fd(c.ssl, c.fd);
                SSL_set_tlsext_host_name(c.ssl, o_.serverName.c_str());
                SSL_set1_host(c.ssl, o_.serverName.c_str());
                c.state = State::Handshaking;
                break;
            }
            case State::Handshaking: {
                const int r = SSL_connect(c.ssl);
                if (r == 1) {
                    ++stats.handshakes;
                    if (keepalive) {
                        c.started = Clock::now(); // keep-alive figures time the requests alone
                    }
                    request(c);
                    break;
                }
                stalled(c, r);
                return;
            }
            case State::Sending: {
                while (c.sent < c.out.size()) {
                    const int r = SSL_write(c.ssl, c.out.data() + c.sent, static_cast<int>(c.out.size() - c.sent));
                    if (r <= 0) {
                        stalled(c, r);
                        return;
                    }
                    c.sent += static_cast<std::size_t>(r);
                }
                // the answer cannot be there yet: its arrival wakes this connection (edge-triggered)
                c.state = State::Reading;
                return;
            }
            case State::Reading: {
                char buffer[16384];
                const int r = SSL_read(c.ssl, buffer, sizeof buffer);
                if (r <= 0) {
                    stalled(c, r);
                    return;
                }
                c.in.append(buffer, static_cast<std::size_t>(r));
                const auto end = c.in.find("\r\n\r\n");
                if (end == std::string::npos) {
                    break;
                }
                std::size_t length = 0;
                std::string head = c.in.substr(0, end);
                std::transform(head.begin(), head.end(), head.begin(), [](unsigned char ch) { return std::tolower(ch); });
                if (const auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
                    length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
                }
                if (c.in.size() < end + 4 + length) {
                    break;
                }
                if (!answered(c, std::atoi(c.in.c_str() + 9), head.find("\r\nconnection: close") != std::string::npos)) {
                    return;
                }
                break; // the next request on this connection, in this same loop
            }
            case State::Idle:
            case State::Closed:
                return;
            }
        }
    }

    // Records an answer; true when the connection goes on with its next request.
    bool answered(Connection& c, int status, bool serverCloses)
    {
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - c.started).count();
        ++c.answers;
        stats.statuses[status]++;
        if (status == o_.expect) {
            ++stats.ok;
            stats.latencyUs.push_back(static_cast<std::uint32_t>(std::min<long long>(us, 0xFFFFFFFF)));
        } else {
            ++stats.errors;
        }
        if (c.holdIdle) {
            c.state = State::Idle;
            return false;
        }
        if (c.probe) {
            close(c);
            return false;
        }
        if (keepalive && !serverCloses) {
            c.started = Clock::now();
            request(c);
            return true;
        }
        close(c);
        start(c);
        return false;
    }

    const Options& o_;
    SSL_CTX* ctx_;
    std::vector<std::string> bodies_;
    long nextBody_ = 0;
    long nextSource_ = 0;
    int epoll_;
    std::vector<std::unique_ptr<Connection>> conns_;
};

double percentile(std::vector<std::uint32_t>& v, double p)
{
    if (v.empty()) {
        return 0;
    }
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k] / 1000.0;
}

void printStats(const std::string& prefix, Stats& s, double seconds)
{
    std::printf("%s_ok=%ld %s_errors=%ld %s_rate=%.1f %s_p50_ms=%.2f %s_p99_ms=%.2f", prefix.c_str(), s.ok, prefix.c_str(),
                s.errors, prefix.c_str(), static_cast<double>(s.ok) / seconds, prefix.c_str(), percentile(s.latencyUs, 0.50),
                prefix.c_str(), percentile(s.latencyUs, 0.99));
}

// keepalive, handshakes and post: C connections spread over T event loops for D seconds.
int runLoad(const Options& o, SSL_CTX* ctx, bool newConnectionEach)
{
    auto bodies = o.bodiesFile.empty() ? std::vector<std::string>{} : readBodies(o.bodiesFile);
    if (!o.bodyFile.empty()) {
        std::ifstream in(o.bodyFile, std::ios::binary);
        bodies.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::vector<std::unique_ptr<Loop>> loops;
    for (int t = 0; t < o.threads; ++t) {
        loops.push_back(std::make_unique<Loop>(o, ctx, bodies));
        loops.back()->keepalive = !newConnectionEach;
        loops.back()->rotateSources = newConnectionEach; // new connections come from address after address
    }
    for (int i = 0; i < o.connections; ++i) {
        const auto source = o.sources.empty() ? std::string() : o.sources[static_cast<std::size_t>(i) % o.sources.size()];
        loops[static_cast<std::size_t>(i % o.threads)]->open(source, false, false);
    }
    // keep-alive: the connections are made (each answered once) before the clock starts
    double warmUp = 0;
    if (!newConnectionEach) {
        const auto start = Clock::now();
        std::vector<std::thread> warmers;
        for (auto& loop : loops) {
            loop->warmingUp = true;
            warmers.emplace_back([&loop] { loop->run(Clock::now() + std::chrono::seconds(120)); });
        }
        for (auto& w : warmers) {
            w.join();
        }
        for (auto& loop : loops) {
            loop->warmingUp = false;
            loop->stats = Stats{};
        }
        warmUp = std::chrono::duration<double>(Clock::now() - start).count();
    }
    const auto begin = Clock::now();
    const auto until = begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.duration));
    std::vector<std::thread> workers;
    for (auto& loop : loops) {
        workers.emplace_back([&loop, until] { loop->run(until); });
    }
    for (auto& w : workers) {
        w.join();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    Stats all;
    for (auto& loop : loops) {
        all.ok += loop->stats.ok;
        all.errors += loop->stats.errors;
        all.handshakes += loop->stats.handshakes;
        all.latencyUs.insert(all.latencyUs.end(), loop->stats.latencyUs.begin(), loop->stats.latencyUs.end());
        for (const auto& [code, n] : loop->stats.statuses) {
            all.statuses[code] += n;
        }
    }
    printStats(o.mode, all, seconds);
    std::printf(" %s_handshakes=%ld seconds=%.2f warmup_s=%.1f statuses=", o.mode.c_str(), all.handshakes, seconds, warmUp);
    for (const auto& [code, n] : all.statuses) {
        std::printf("%d:%ld,", code, n);
    }
    std::printf("\n");
    return 0;
}

// idle: N connections held open while fresh requests from another address are timed.
int runIdle(const Options& o, SSL_CTX* ctx)
{
    Loop loop(o, ctx, {});
    loop.reconnect = false;
    const auto setupStart = Clock::now();
    // open in waves so that the accept queues are not overrun
    const int wave = 500;
    for (int i = 0; i < o.idle; i += wave) {
        for (int j = i; j < std::min(o.idle, i + wave); ++j) {
            const auto source = o.sources.empty() ? std::string() : o.sources[static_cast<std::size_t>(j) % o.sources.size()];
            loop.open(source, true, false);
        }
        loop.run(Clock::now() + std::chrono::seconds(60), true);
    }
    const double setup = std::chrono::duration<double>(Clock::now() - setupStart).count();
    const long established = loop.countIn(State::Idle);
    Stats idleStats = loop.stats;
    // the probes: each a new connection (full handshake) and one GET, from the probe address
    Loop probes(o, ctx, {});
    probes.reconnect = false;
    probes.keepalive = false; // a probe's time includes its connection and full handshake
    for (int k = 0; k < o.probes; ++k) {
        probes.open(o.probeSource, false, true);
        probes.run(Clock::now() + std::chrono::seconds(60), true);
        loop.run(Clock::now() + std::chrono::milliseconds(20)); // notice idle connections the server closed
    }
    const long stillOpen = loop.countIn(State::Idle);
    std::vector<std::uint32_t> lat = probes.stats.latencyUs;
    const double worst = lat.empty() ? 0 : *std::max_element(lat.begin(), lat.end()) / 1000.0;
    std::printf("idle_requested=%d idle_established=%ld idle_still_open=%ld idle_refused=%ld idle_setup_s=%.1f "
                "idle_first_answers_ok=%ld probe_ok=%ld probe_errors=%ld probe_p50_ms=%.2f probe_max_ms=%.2f\n",
                o.idle, established, stillOpen, loop.refusedConnections, setup, idleStats.ok, probes.stats.ok,
                probes.stats.errors, percentile(lat, 0.5), worst);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const auto o = parse(argc, argv);
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    std::signal(SIGPIPE, SIG_IGN);
    SSL_CTX* ctx = makeContext(o);
    int rc = 2;
    if (o.mode == "keepalive" || o.mode == "post") {
        rc = runLoad(o, ctx, false);
    } else if (o.mode == "handshakes") {
        rc = runLoad(o, ctx, true);
    } else if (o.mode == "idle") {
        rc = runIdle(o, ctx);
    } else {
        usage("unknown mode " + o.mode);
    }
    SSL_CTX_free(ctx);
    return rc;
}
