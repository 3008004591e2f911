// Codes, tokens and password hashes: shape, randomness, Argon2id, constant-time comparison.
#include "service/Secrets.h"

#include <QtTest>

#include <set>

using namespace enroll::server;

class TestSecrets : public QObject
{
    Q_OBJECT

private slots:
    void oneTimeCode_isSixDigitsAndVaries()
    {
        std::set<std::string> seen;
        for (int i = 0; i < 200; ++i) {
            const auto code = newOneTimeCode();
            QCOMPARE(code.size(), std::size_t{6});
            for (char c : code.view()) {
                QVERIFY(c >= '0' && c <= '9');
            }
            seen.insert(std::string(code.view()));
        }
        QVERIFY(seen.size() > 190); // 200 draws from 10^6 rarely collide
    }

    void token_is256BitsBase64url()
    {
        const auto a = newToken();
        const auto b = newToken();
        QCOMPARE(a.size(), std::size_t{43});
        QVERIFY(a.view() != b.view());
        QCOMPARE(newPublicId().size(), std::size_t{22});
    }

    void passwordHash_isArgon2idAndVerifies()
    {
        PasswordHasher hasher;
        const auto hash = hasher.hash("Pass1!ab");
        QVERIFY(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        QVERIFY(hasher.verify(hash, "Pass1!ab"));
        QVERIFY(!hasher.verify(hash, "Pass1!aB"));
        QVERIFY(!hasher.verify("garbage", "Pass1!ab"));
        QVERIFY(hasher.hash("Pass1!ab") != hash); // salted
    }

    void hashes_andComparison()
    {
        QCOMPARE(sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QVERIFY(keyedHash("k1", "123456") != keyedHash("k2", "123456"));
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "abcd"));
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "TestSecrets.moc"
