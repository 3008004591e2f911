#!/usr/bin/env python3
"""The soak (Step 11): mixed traffic against a running enroll-server for MINUTES, sampling the
server's memory (RSS), open file descriptors and threads every INTERVAL seconds; fails when they
grow (after the first sample, taken once the traffic is warm) or when the server answers 5xx to
anything. Traffic, all at once: enrollments to the end (authenticate, the code from the outbox,
verify, issue, confirm) for the users flows.py set up, then their refused re-authentications;
signed-in GET /me over mutual TLS with a fresh handshake each time; and bad input (garbage,
wrong types, invalid JSON, oversized bodies, unknown paths) that must get 4xx.

Prints one key=value line per sample and a summary line; exit 1 on growth or on a 5xx.
"""
import argparse
import http.client
import json
import os
import random
import ssl
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import flows  # noqa: E402


def sample(pid):
    with open("/proc/%d/status" % pid) as f:
        status = f.read()
    rss = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    threads = int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))
    fds = len(os.listdir("/proc/%d/fd" % pid))
    return rss, fds, threads


BAD = [
    ("POST", "/api/v1/contract/login", b'{"contractNumber": "\\uff11\\uff12", "initialPassword": 12}'),
    ("POST", "/api/v1/enrollment/authenticate", b'{"userId": ["x"], "password": null}'),
    ("POST", "/api/v1/enrollment/verify", b'{"enrollmentId": "nope", "code": "12345a"}'),
    ("POST", "/api/v1/enrollment/issue", b'{"csr": "-----BEGIN CERTIFICATE REQUEST-----\\nAAAA\\n"}'),
    ("POST", "/api/v1/master/register", b'{"userId": "a", '),
    ("PATCH", "/api/v1/me", b'{}'),
    ("GET", "/api/v1/nothing-here", None),
    ("DELETE", "/api/v1/users/../../etc", None),
    ("POST", "/api/v1/enrollment/resend", b"\xff\xfe\x00garbage"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--chain", required=True)
    parser.add_argument("--outbox", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--interval", type=float, default=30)
    args = parser.parse_args()

    with open(os.path.join(args.work, "users.json")) as f:
        users = json.load(f)[1:]
    plain = flows.Api(args.port, args.chain)
    signed = flows.Api(args.port, args.chain, os.path.join(args.work, "client.crt"), os.path.join(args.work, "client.key"))
    stop = threading.Event()
    counts = {"enrolled": 0, "refused": 0, "me": 0, "bad": 0}
    problems = []
    lock = threading.Lock()

    def note(key, problem=None):
        with lock:
            counts[key] += 1
            if problem:
                problems.append(problem)

    def enrollments():
        _, csr = flows.make_csr(args.work, "soak")
        index = 0
        while not stop.is_set():
            user = users[index % len(users)]
            index += 1
            try:
                token = flows.flow_to_token(plain, args.outbox, user)
                status, issued = plain.call("POST", "/api/v1/enrollment/issue", {"csr": csr}, bearer=token)
                if status == 201:
                    plain.call("POST", "/api/v1/enrollment/confirm", {"serial": issued["serial"]}, bearer=token)
                    note("enrolled")
                else:
                    note("refused", "issue %d" % status if status >= 500 else None)
            except RuntimeError as e:  # a user with a certificate is refused (409): traffic too
                text = str(e)
                note("refused", text if " 5" in text[:14] else None)

    def signed_in():
        while not stop.is_set():
            status, _ = signed.call("GET", "/api/v1/me")
            note("me", "me %d" % status if status != 200 else None)

    def bad_input():
        context = ssl.create_default_context(cafile=args.chain)
        while not stop.is_set():
            method, path, body = random.choice(BAD)
            if random.random() < 0.1:
                body = os.urandom(70 * 1024)  # over the 64 KiB limit
            conn = http.client.HTTPSConnection("localhost", args.port, context=context, timeout=60)
            try:
                conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
                status = conn.getresponse().status
                note("bad", "%s %s -> %d" % (method, path, status) if status >= 500 or status < 400 else None)
            except (ConnectionError, http.client.HTTPException) as e:
                note("bad", None if body and len(body) > 65536 else "%s %s: %s" % (method, path, e))
            finally:
                conn.close()

    workers = [threading.Thread(target=f, daemon=True) for f in (enrollments, signed_in, signed_in, bad_input)]
    for w in workers:
        w.start()
    samples = []
    begin = time.monotonic()
    while time.monotonic() - begin < args.minutes * 60:
        time.sleep(args.interval)
        rss, fds, threads = sample(args.pid)
        samples.append((rss, fds, threads))
        with lock:
            print("soak_t=%ds rss_kb=%d fds=%d threads=%d enrolled=%d refused=%d me=%d bad=%d" %
                  (time.monotonic() - begin, rss, fds, threads, counts["enrolled"], counts["refused"], counts["me"],
                   counts["bad"]), flush=True)
    stop.set()
    for w in workers:
        w.join(timeout=90)

    warm, last = samples[0], samples[-1]
    tail = samples[len(samples) * 2 // 3:] or samples[-1:]
    rss_grew = min(s[0] for s in tail) > warm[0] * 1.3 + 20 * 1024
    fds_grew = min(s[1] for s in tail) > warm[1] + 16
    threads_grew = min(s[2] for s in tail) > warm[2] + 8
    ok = not (rss_grew or fds_grew or threads_grew or problems)
    print("soak_minutes=%.1f rss_kb_first=%d rss_kb_last=%d fds_first=%d fds_last=%d threads_first=%d threads_last=%d "
          "requests=%d problems=%d result=%s" %
          (args.minutes, warm[0], last[0], warm[1], last[1], warm[2], last[2], sum(counts.values()), len(problems),
           "PASS" if ok else "FAIL"))
    for p in sorted(set(problems))[:10]:
        print("problem: %s (%d times)" % (p, problems.count(p)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
