#!/usr/bin/env python3
"""The benchmark's enrollment flows over the real API (bench/run.sh calls this).

  setup    contracts and masters for N users (enroll-admin, contract login, register), and one
           user enrolled to the end: its client certificate signs the mutual-TLS figures
  issue    end-to-end issuances per second: authenticate -> the code from the outbox -> verify
           -> issue (pre-made CSRs) -> confirm, K at a time for D seconds
  enumeration  wrong passwords for known and unknown IDs, interleaved: the same answers, and
           the median times within --max-difference (bench/enumeration.sh)

Requests come from many loopback addresses (127.0.4.1-254) in turn, as from many offices.
Prints key=value figures on one line.
"""
import argparse
import http.client
import json
import os
import quopri
import re
import ssl
import subprocess
import threading
import time

PASSWORD = "Pass1!ab"
INITIAL = "Ab1!cd2#"
SOURCES = ["127.0.4.%d" % i for i in range(1, 255)]
_next_source = [0]
_source_lock = threading.Lock()


def next_source():
    with _source_lock:
        _next_source[0] += 1
        return SOURCES[_next_source[0] % len(SOURCES)]


class Api:
    def __init__(self, port, chain, cert=None, key=None):
        self.port = port
        self.context = ssl.create_default_context(cafile=chain)
        if cert:
            self.context.load_cert_chain(cert, key)

    def call(self, method, path, body=None, bearer=None):
        conn = http.client.HTTPSConnection("localhost", self.port, context=self.context,
                                           source_address=(next_source(), 0), timeout=60)
        headers = {"Content-Type": "application/json"}
        if bearer:
            headers["Authorization"] = "Bearer " + bearer
        try:
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, (json.loads(data) if data.startswith(b"{") else {})
        finally:
            conn.close()


def latest_code(outbox, email):
    for name in sorted(os.listdir(outbox), reverse=True):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(outbox, name), "rb") as f:
            text = f.read()
        head, _, body = text.partition(b"\r\n\r\n")
        if b"X-Rokin-Mail: code" not in head or ("<%s>" % email).encode() not in head and ("To: %s" % email).encode() not in head:
            continue
        match = re.search(r"認証コード: (\d{6})", quopri.decodestring(body).decode("utf-8", "replace"))
        if match:
            return match.group(1)
    return None


def make_csr(directory, name):
    key = os.path.join(directory, name + ".key")
    subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-subj", "/CN=ignored"], check=True, capture_output=True)
    csr = subprocess.run(["openssl", "req", "-new", "-key", key, "-subj", "/CN=ignored"], check=True,
                         capture_output=True, text=True).stdout
    return key, csr


def setup(args):
    api = Api(args.port, args.chain)
    os.makedirs(args.work, exist_ok=True)
    users = []
    for i in range(args.users):
        contract = "%08d" % (95000000 + i)
        user = {"userId": "load%04d" % i, "password": PASSWORD, "email": "load%04d@example.co.jp" % i}
        subprocess.run([args.admin, "--config", args.config, "contract", "add", "--number", contract, "--employer",
                        "負荷試験", "--initial-password-stdin"], input=INITIAL + "\n", text=True, check=True,
                       capture_output=True)
        status, body = api.call("POST", "/api/v1/contract/login", {"contractNumber": contract, "initialPassword": INITIAL})
        assert status == 200, (status, body)
        status, body = api.call("POST", "/api/v1/master/register",
                                {"userId": user["userId"], "password": PASSWORD, "userName": "負荷　試験",
                                 "email": user["email"]}, bearer=body["registrationToken"])
        assert status == 201, (status, body)
        users.append(user)
    with open(os.path.join(args.work, "users.json"), "w") as f:
        json.dump(users, f)
    # wrong-password and authenticate bodies for enroll-loadgen's post mode
    with open(os.path.join(args.work, "authenticate.jsonl"), "w") as f:
        for u in users[1:]:  # the first one gets a certificate below (then: CERT_ALREADY_ISSUED)
            f.write(json.dumps({"userId": u["userId"], "password": PASSWORD}) + "\n")
    with open(os.path.join(args.work, "wrong-password.jsonl"), "w") as f:
        f.write(json.dumps({"userId": users[0]["userId"], "password": "Zz9?zz9?"}) + "\n")
    # the first user enrolled to the end: the client certificate of the mutual-TLS figures
    key, csr = make_csr(args.work, "client")
    token = flow_to_token(api, args.outbox, users[0])
    status, issued = api.call("POST", "/api/v1/enrollment/issue", {"csr": csr}, bearer=token)
    assert status == 201, (status, issued)
    with open(os.path.join(args.work, "client.crt"), "w") as f:
        f.write(issued["certificate"])
    status, _ = api.call("POST", "/api/v1/enrollment/confirm", {"serial": issued["serial"]}, bearer=token)
    assert status == 204, status
    print("setup_users=%d client_cert=%s" % (len(users), os.path.join(args.work, "client.crt")))


def flow_to_token(api, outbox, user):
    status, auth = api.call("POST", "/api/v1/enrollment/authenticate",
                            {"userId": user["userId"], "password": user["password"]})
    if status != 200:
        raise RuntimeError("authenticate %d %s" % (status, auth))
    code = latest_code(outbox, user["email"])
    status, verified = api.call("POST", "/api/v1/enrollment/verify", {"enrollmentId": auth["enrollmentId"], "code": code})
    if status != 200:
        raise RuntimeError("verify %d %s" % (status, verified))
    return verified["issuanceToken"]


def issue(args):
    api = Api(args.port, args.chain)
    with open(os.path.join(args.work, "users.json")) as f:
        users = json.load(f)[1:]  # the first one holds the client certificate
    csrs = [make_csr(args.work, "csr%d" % i)[1] for i in range(args.concurrency)]
    latencies, errors = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + args.duration

    def worker(index):
        # one issuance per user (a second one is refused until the renewal window)
        for user in users[index::args.concurrency]:
            if time.monotonic() >= deadline:
                break
            start = time.monotonic()
            try:
                token = flow_to_token(api, args.outbox, user)
                status, issued = api.call("POST", "/api/v1/enrollment/issue", {"csr": csrs[index]}, bearer=token)
                if status != 201:
                    raise RuntimeError("issue %d %s" % (status, issued))
                status, _ = api.call("POST", "/api/v1/enrollment/confirm", {"serial": issued["serial"]}, bearer=token)
                if status != 204:
                    raise RuntimeError("confirm %d" % status)
                with lock:
                    latencies.append((time.monotonic() - start) * 1000)
            except Exception as e:  # counted, the run goes on
                with lock:
                    errors.append(str(e))

    begin = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - begin
    latencies.sort()
    p = lambda q: latencies[int(q * (len(latencies) - 1))] if latencies else 0
    print("issue_ok=%d issue_errors=%d issue_rate=%.1f issue_p50_ms=%.0f issue_p99_ms=%.0f issue_users_left=%s" %
          (len(latencies), len(errors), len(latencies) / seconds, p(0.5), p(0.99),
           "no" if len(latencies) + len(errors) >= len(users) else "yes"))
    if errors:
        print("issue_first_error=%s" % errors[0].replace(" ", "_")[:200])


def timed(api, path, body):
    start = time.perf_counter()
    status, answer = api.call("POST", path, body)
    return (time.perf_counter() - start) * 1000.0, status, answer.get("error", {}).get("code")


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2.0


def enumeration(args):
    """Wrong passwords for known and for unknown user IDs and contract numbers, interleaved (the
    order swapped every round): the answers must be the same and the median times close (SPEC §3).
    The server runs with a lockout threshold above the rounds, so that every try checks a password."""
    api = Api(args.port, args.chain)
    with open(os.path.join(args.work, "users.json")) as f:
        users = json.load(f)
    kinds = {
        "user": ("/api/v1/enrollment/authenticate",
                 lambda i: {"userId": users[i % len(users)]["userId"], "password": "Zz9?zz9?"},
                 lambda i: {"userId": "nobody%02d" % (i % len(users)), "password": "Zz9?zz9?"}),
        "contract": ("/api/v1/contract/login",
                     lambda i: {"contractNumber": "%08d" % (95000000 + i % len(users)), "initialPassword": "Zz9?zz9?"},
                     lambda i: {"contractNumber": "%08d" % (96000000 + i % len(users)), "initialPassword": "Zz9?zz9?"}),
    }
    worst = 0.0
    for kind, (path, known_body, unknown_body) in kinds.items():
        times = {"known": [], "unknown": []}
        answers = set()
        for i in range(args.rounds):
            order = [("known", known_body), ("unknown", unknown_body)]
            if i % 2:
                order.reverse()
            for name, body in order:
                ms, status, code = timed(api, path, body(i))
                times[name].append(ms)
                answers.add((name, status, code))
        known, unknown = median(times["known"]), median(times["unknown"])
        difference = abs(unknown - known) / known
        worst = max(worst, difference)
        same = {(s, c) for n, s, c in answers if n == "known"} == {(s, c) for n, s, c in answers if n == "unknown"}
        print("%s_known_median_ms=%.1f %s_unknown_median_ms=%.1f %s_difference=%.1f%% %s_same_answers=%s rounds=%d"
              % (kind, known, kind, unknown, kind, difference * 100.0, kind, "yes" if same else "NO", args.rounds))
        if not same:
            worst = max(worst, 1.0)
    return worst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["setup", "issue", "enumeration"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--chain", required=True)
    parser.add_argument("--outbox", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--admin")
    parser.add_argument("--config")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--max-difference", type=float, default=0.10)
    args = parser.parse_args()
    if args.command == "enumeration":
        worst = enumeration(args)
        limit = args.max_difference
        print("enumeration %s: the largest difference of the medians %.1f%% (limit %.0f%%)"
              % ("PASS" if worst < limit else "FAIL", worst * 100.0, limit * 100.0))
        raise SystemExit(0 if worst < limit else 1)
    setup(args) if args.command == "setup" else issue(args)


if __name__ == "__main__":
    main()
