// The listener behind nginx, event-driven: nginx keeps a pool of upstream connections open and
// sends requests over them; here a few event workers wait on one epoll set and each takes the
// next connection that has a request. Reads (GET, HEAD) are answered there and then; everything
// else (password and code checks with Argon2id, signing, mail, writes) goes to a pool of
// blocking workers, so a slow handler never holds up the reads. An idle connection costs a
// descriptor and a few bytes, never a thread, and a busy server does not switch threads once
// per request.
#pragma once

#include "http/HttpRequestParser.h"
#include "http/HttpTransport.h"
#include "http/PeerUserCheck.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

namespace enroll::server {

struct ForwardedListenerSettings
{
    int workers = 4;              // event workers: read requests, answer GET and HEAD
    int blockingWorkers = 32;     // answer the rest (they may wait for Argon2id, the database, mail)
    int maxQueueWaitMs = 2000;    // a request waiting longer for a blocking worker: 503 UNAVAILABLE
    int maxConnections = 4096;    // open upstream connections; more are closed at once (logged)
    int keepAliveSeconds = 5;     // an idle connection is closed after this (nginx's is shorter)
    int timeoutSeconds = 10;      // a request's head and body, and sending the answer
    // SO_PEERCRED: only processes of this user (nginx's workers) are served; any other is closed
    // at once and `foreignPeer` is told (at most once a minute per user). -1: whoever can open
    // the socket (development).
    long peerUid = -1;
    std::function<void(long pid, long uid)> foreignPeer = {};
};

class ForwardedListener
{
public:
    using Serve = std::function<ApiResponse(const IncomingRequest&)>;

    // `listenFd` is a listening stream socket (Unix or TCP) that stays open while this runs.
    ForwardedListener(int listenFd, Serve serve, ForwardedListenerSettings settings);
    ~ForwardedListener();
    ForwardedListener(const ForwardedListener&) = delete;
    ForwardedListener& operator=(const ForwardedListener&) = delete;

    void start();
    // Stops the workers after the requests they are answering, and closes every connection.
    void stop();
    [[nodiscard]] int openConnections() const;

private:
    struct Connection;
    using Clock = std::chrono::steady_clock;

    enum class Outcome { Rearm, Close, HandedOff };

    void work();
    void workBlocking();
    void acceptAll();
    // Reads what has arrived and answers what is complete.
    Outcome readAndServe(Connection& connection);
    // Answers the complete requests in the connection's input; hands a blocking one over.
    Outcome serveBuffered(Connection& connection, bool onBlockingWorker);
    // Answers the parsed request (UNAVAILABLE when tooLate). On an event worker a handler may
    // ask for a blocking worker instead (an OCSP answer not yet made): then nothing is sent,
    // the request stays parsed, and it says HandedOff for the caller to queue it.
    Outcome serveRequest(Connection& connection, bool tooLate, bool onBlockingWorker);
    void handOff(Connection& connection);
    void settle(Connection& connection, Outcome outcome);
    bool answer(Connection& connection, const ApiResponse& response, bool close, bool headOnly);
    bool sendAll(Connection& connection, const std::string& data);
    void rearm(Connection& connection);
    void close(Connection* connection);
    void sweep();
    void logRefusal();

    int listenFd_;
    Serve serve_;
    ForwardedListenerSettings settings_;
    int epollFd_ = -1;
    int wakeFd_ = -1; // an eventfd: written once at stop, wakes every worker
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> workers_;
    std::vector<std::thread> blockingWorkers_;
    PeerUserCheck peers_;
    std::mutex queueMutex_; // connections with a request for the blocking workers
    std::condition_variable queued_;
    std::deque<Connection*> queue_;
    std::thread sweeper_;
    std::mutex sweepMutex_;
    std::condition_variable sweepWake_;

    mutable std::mutex mutex_; // the set of open connections, and the refusal log
    std::unordered_set<Connection*> open_;
    Clock::time_point lastRefusalLogged_{};
    long refusalsSuppressed_ = 0;
};

} // namespace enroll::server
