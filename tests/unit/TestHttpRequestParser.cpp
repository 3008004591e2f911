// The forwarded listener's HTTP/1.1 reading, free of sockets: requests whole and in pieces, keep-alive
// and pipelining, bodies at, over and far over the limit, and what it refuses.
#include "http/HttpRequestParser.h"

#include <QtTest>

using namespace enroll::server;
using Status = HttpRequestParser::Status;

namespace {

const std::string kGet = "GET /api/v1/me?x=1 HTTP/1.1\r\nHost: enroll\r\nX-Client-Address: 192.0.2.7\r\n\r\n";

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void requestPath_originAndAbsoluteForm_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        QTest::newRow("origin") << "/api/v1/me" << "/api/v1/me";
        QTest::newRow("origin, query") << "/api/v1/users?page=2" << "/api/v1/users";
        QTest::newRow("absolute https") << "https://localhost:8443/api/v1/me" << "/api/v1/me";
        QTest::newRow("absolute, query") << "https://enroll.example/api/v1/users?x=1" << "/api/v1/users";
        QTest::newRow("absolute, no path") << "https://enroll.example" << "/";
        QTest::newRow("a path holding ://") << "/a://b" << "/a://b";
        QTest::newRow("asterisk") << "*" << "*";
    }
    void requestPath_originAndAbsoluteForm()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        const auto bytes = target.toStdString();
        QCOMPARE(QString::fromStdString(std::string(requestPath(bytes))), path);
    }

    void wholeRequest_readsLineFieldsAndEmptyBody()
    {
        HttpRequestParser parser;
        QVERIFY(parser.idle());
        std::string input = kGet;
        QCOMPARE(parser.feed(input), Status::Complete);
        QVERIFY(input.empty());
        QCOMPARE(std::string(parser.head().method), std::string("GET"));
        QCOMPARE(std::string(parser.head().target), std::string("/api/v1/me?x=1"));
        QCOMPARE(std::string(parser.head().field("x-client-address")), std::string("192.0.2.7")); // any case
        QCOMPARE(std::string(parser.head().field("Absent")), std::string());
        QVERIFY(parser.body().has_value());
        QVERIFY(parser.body()->empty());
        QVERIFY(!parser.closeAfter());
    }

    void byteByByte_completesOnlyAtTheEnd()
    {
        const std::string request = "POST /api/v1/enrollment/verify HTTP/1.1\r\nContent-Length: 14\r\n\r\n{\"code\":\"12\"}\n";
        HttpRequestParser parser;
        for (std::size_t i = 0; i < request.size(); ++i) {
            std::string one(1, request[i]);
            const auto status = parser.feed(one);
            QCOMPARE(status, i + 1 == request.size() ? Status::Complete : Status::NeedMore);
            QVERIFY(!parser.idle());
        }
        QCOMPARE(*parser.body(), std::string("{\"code\":\"12\"}\n"));
    }

    void pipelined_leavesTheNextRequestInTheInput()
    {
        HttpRequestParser parser;
        std::string input = kGet + "GET /healthz HTTP/1.1\r\n\r\n";
        QCOMPARE(parser.feed(input), Status::Complete);
        QCOMPARE(std::string(parser.head().target), std::string("/api/v1/me?x=1"));
        parser.reset();
        QVERIFY(parser.idle());
        QCOMPARE(parser.feed(input), Status::Complete);
        QCOMPARE(std::string(parser.head().target), std::string("/healthz"));
        QVERIFY(input.empty());
    }

    void connection_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<bool>("closeAfter");
        QTest::newRow("1.1") << "GET / HTTP/1.1\r\n\r\n" << false;
        QTest::newRow("1.1 close") << "GET / HTTP/1.1\r\nConnection: Close\r\n\r\n" << true;
        QTest::newRow("1.1 listed") << "GET / HTTP/1.1\r\nConnection: te, close\r\n\r\n" << true;
        QTest::newRow("1.0") << "GET / HTTP/1.0\r\n\r\n" << true;
        QTest::newRow("1.0 keep-alive") << "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" << false;
    }

    void connection()
    {
        QFETCH(QString, request);
        QFETCH(bool, closeAfter);
        HttpRequestParser parser;
        std::string input = request.toStdString();
        QCOMPARE(parser.feed(input), Status::Complete);
        QCOMPARE(parser.closeAfter(), closeAfter);
    }

    void bodyAtTheLimit_isKept()
    {
        HttpRequestParser parser({.maxHead = 1024, .maxFields = 10, .maxBody = 10, .drainLimit = 20});
        std::string input = "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789";
        QCOMPARE(parser.feed(input), Status::Complete);
        QCOMPARE(*parser.body(), std::string("0123456789"));
        QVERIFY(!parser.closeAfter());
    }

    void bodyOverTheLimit_isReadAndDropped_theConnectionGoesOn()
    {
        HttpRequestParser parser({.maxHead = 1024, .maxFields = 10, .maxBody = 10, .drainLimit = 20});
        std::string input = "POST /x HTTP/1.1\r\nContent-Length: 15\r\n\r\n0123456";
        QCOMPARE(parser.feed(input), Status::NeedMore); // waits for the rest, to drop it
        input = "89abcdeGET / HTTP/1.1\r\n\r\n";
        QCOMPARE(parser.feed(input), Status::Complete);
        QVERIFY(!parser.body().has_value()); // TOO_LARGE
        QVERIFY(!parser.closeAfter());
        parser.reset();
        QCOMPARE(parser.feed(input), Status::Complete); // the next request reads cleanly
        QCOMPARE(std::string(parser.head().target), std::string("/"));
    }

    void bodyFarOverTheLimit_isNotRead_theConnectionCloses()
    {
        HttpRequestParser parser({.maxHead = 1024, .maxFields = 10, .maxBody = 10, .drainLimit = 20});
        std::string input = "POST /x HTTP/1.1\r\nContent-Length: 100000\r\n\r\nabc";
        QCOMPARE(parser.feed(input), Status::Complete);
        QVERIFY(!parser.body().has_value());
        QVERIFY(parser.closeAfter());
    }

    void refused_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("no version") << "GET /\r\n\r\n" << 400;
        QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\n\r\n" << 400;
        QTest::newRow("control in target") << "GET /a\x01 HTTP/1.1\r\n\r\n" << 400;
        QTest::newRow("bad method") << "G(T / HTTP/1.1\r\n\r\n" << 400;
        QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n\r\n" << 505;
        QTest::newRow("not HTTP") << "GET / FTP/1.1\r\n\r\n" << 400;
        QTest::newRow("no colon") << "GET / HTTP/1.1\r\nHost enroll\r\n\r\n" << 400;
        QTest::newRow("space before colon") << "GET / HTTP/1.1\r\nHost : enroll\r\n\r\n" << 400;
        QTest::newRow("folded") << "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n" << 400;
        QTest::newRow("bare LF in value") << "GET / HTTP/1.1\r\nA: b\nc\r\n\r\n" << 400;
        QTest::newRow("length not a number") << "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n" << 400;
        QTest::newRow("negative length") << "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n" << 400;
        QTest::newRow("two lengths") << "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n" << 400;
        QTest::newRow("huge length") << "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n" << 400;
        QTest::newRow("chunked") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" << 501;
    }

    void refused()
    {
        QFETCH(QString, request);
        QFETCH(int, status);
        HttpRequestParser parser;
        std::string input = request.toStdString();
        QCOMPARE(parser.feed(input), Status::Failed);
        QCOMPARE(parser.failureStatus(), status);
        QCOMPARE(parser.feed(input), Status::Failed); // stays failed
    }

    void headTooLarge_isRefusedBeforeItEnds()
    {
        HttpRequestParser parser({.maxHead = 100, .maxFields = 10, .maxBody = 10, .drainLimit = 20});
        std::string input = "GET / HTTP/1.1\r\nA: " + std::string(200, 'x');
        QCOMPARE(parser.feed(input), Status::Failed); // no end of head yet, and already too long
        QCOMPARE(parser.failureStatus(), 413);
    }

    void tooManyFields_isRefused()
    {
        HttpRequestParser parser({.maxHead = 4096, .maxFields = 3, .maxBody = 10, .drainLimit = 20});
        std::string input = "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n";
        QCOMPARE(parser.feed(input), Status::Failed);
        QCOMPARE(parser.failureStatus(), 413);
    }

    void valuesAreTrimmed_andTheFirstOfANameCounts()
    {
        HttpRequestParser parser;
        std::string input = "GET / HTTP/1.1\r\nX-A:\t one two \t\r\nx-a: second\r\nEmpty:\r\n\r\n";
        QCOMPARE(parser.feed(input), Status::Complete);
        QCOMPARE(std::string(parser.head().field("X-A")), std::string("one two"));
        QCOMPARE(parser.head().fields.size(), std::size_t(3));
        QCOMPARE(std::string(parser.head().field("Empty")), std::string());
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "TestHttpRequestParser.moc"
