#include "WizardDriver.h"

#include "pages/SoftKeyboard.h"

#include <QApplication>
#include <QDir>
#include <QInputMethodEvent>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

namespace enroll::test {

void type(QLineEdit* edit, const QString& text)
{
    QVERIFY(edit);
    edit->clear();
    QString ascii;
    auto flush = [&] {
        QTest::keyClicks(edit, ascii);
        ascii.clear();
    };
    for (QChar c : text) {
        if (c.unicode() < 0x80) {
            ascii += c;
            continue;
        }
        flush();
        QInputMethodEvent commit;
        commit.setCommitString(QString(c));
        QCoreApplication::sendEvent(edit, &commit);
    }
    flush();
}

void click(QPushButton* button)
{
    QVERIFY(button);
    QVERIFY2(button->isEnabled(), qPrintable(button->objectName()));
    QTest::mouseClick(button, Qt::LeftButton);
}

void useSoftKeyboard(const QString& text)
{
    auto* keyboard = qobject_cast<client::SoftKeyboard*>(QApplication::activeModalWidget());
    QVERIFY(keyboard);
    auto* shift = keyboard->findChild<QPushButton*>(QStringLiteral("key_shift"));
    for (QChar c : text) {
        const bool upper = c.isUpper();
        if (upper != shift->isChecked()) {
            QTest::mouseClick(shift, Qt::LeftButton);
        }
        const QString name = c.isLetterOrNumber() ? QStringLiteral("key_") + c.toLower()
                                                  : QStringLiteral("key_0x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        auto* key = keyboard->findChild<QPushButton*>(name);
        QVERIFY2(key, qPrintable(name));
        QTest::mouseClick(key, Qt::LeftButton);
    }
    QCOMPARE(keyboard->text(), text);
    QTest::mouseClick(keyboard->findChild<QPushButton*>(QStringLiteral("softKeyboardOk")), Qt::LeftButton);
}

void answerNextMessageBoxYes()
{
    QTimer::singleShot(0, [] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    });
}

QString Wizard::message() const
{
    return window_.currentPage()->findChild<QLabel*>(QStringLiteral("pageMessage"))->text();
}

QString Wizard::notice() const
{
    return window_.currentPage()->findChild<QLabel*>(QStringLiteral("pageNotice"))->text();
}

void Wizard::shot(const QString& name) const
{
    const auto dir = qEnvironmentVariable("ENROLL_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        return;
    }
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    window_.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

void rulesStayVisible(const Wizard& app, std::initializer_list<const char*> fields)
{
    for (const char* field : fields) {
        const auto name = QByteArray(field);
        auto* edit = app.find<QLineEdit>((name + "Edit").constData());
        auto* rule = app.find<QLabel>((name + "Rule").constData());
        QVERIFY2(edit != nullptr && rule != nullptr, field);
        QVERIFY2(!edit->text().isEmpty(), field);
        QVERIFY2(rule->isVisible() && !rule->text().isEmpty(), field);
    }
}

void walkMasterFlow(const Wizard& app, const MasterEnrollment& m, QString* serial)
{
    QCOMPARE(app.page(), QStringLiteral("startPage"));
    QCOMPARE(app.find<QLabel>("certificateStatus")->text(),
             QStringLiteral("このWindowsアカウントには、まだ労金の電子証明書がありません。"));
    app.shot(QStringLiteral("01-start"));

    click(app.find<QPushButton>("masterRegistrationButton"));
    QCOMPARE(app.page(), QStringLiteral("contractLoginPage"));
    QCOMPARE(app.find<QLabel>("pageTitle")->text(), QStringLiteral("初期登録ログイン"));
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(QStringLiteral("① 初期登録ログイン")));
    type(app.find<QLineEdit>("contractNumberEdit"), m.contract);
    // the initial password through the software keyboard, mouse only
    QTimer::singleShot(0, [password = m.initialPassword] { useSoftKeyboard(password); });
    click(app.find<QPushButton>("initialPasswordKeyboardButton"));
    QCOMPARE(app.find<QLineEdit>("initialPasswordEdit")->text(), m.initialPassword);
    QCOMPARE(app.find<QLineEdit>("initialPasswordEdit")->echoMode(), QLineEdit::Password);
    rulesStayVisible(app, {"contractNumber", "initialPassword"});
    app.shot(QStringLiteral("02-contract-login"));
    click(app.find<QPushButton>("nextButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("registrationPage"), 10000);

    auto* registerButton = app.find<QPushButton>("registerButton");
    QVERIFY(!registerButton->isEnabled());
    type(app.find<QLineEdit>("userIdEdit"), QStringLiteral("gui01"));
    QCOMPARE(app.find<QLabel>("userIdError")->text(), QStringLiteral("ユーザーIDは6～12桁で入力してください。"));
    type(app.find<QLineEdit>("userIdEdit"), m.userId);
    QVERIFY(app.find<QLabel>("userIdError")->isHidden());
    type(app.find<QLineEdit>("passwordEdit"), m.password);
    type(app.find<QLineEdit>("passwordAgainEdit"), m.password + QLatin1Char('x'));
    QCOMPARE(app.find<QLabel>("passwordAgainError")->text(), QStringLiteral("パスワードとパスワード再入力が一致しません。"));
    type(app.find<QLineEdit>("passwordAgainEdit"), m.password);
    type(app.find<QLineEdit>("userNameEdit"), QStringLiteral("Taro"));
    QVERIFY(app.find<QLabel>("userNameError")->text().startsWith(QStringLiteral("ユーザー名は全角文字で入力してください。")));
    type(app.find<QLineEdit>("userNameEdit"), m.userName);
    type(app.find<QLineEdit>("emailEdit"), QStringLiteral("taro@docomo.ne.jp"));
    QVERIFY(app.find<QLabel>("carrierWarning")->isVisible());
    type(app.find<QLineEdit>("emailEdit"), m.email);
    QVERIFY(!app.find<QLabel>("carrierWarning")->isVisible());
    QVERIFY(!registerButton->isEnabled()); // e-mail not yet typed again
    type(app.find<QLineEdit>("emailAgainEdit"), m.email);
    QVERIFY(registerButton->isEnabled());
    rulesStayVisible(app, {"userId", "password", "passwordAgain", "userName", "email", "emailAgain"});
    QCOMPARE(app.find<QLabel>("userIdRule")->text(), QStringLiteral("6～12桁・半角英、数字の2種必須"));
    app.shot(QStringLiteral("03-registration"));
    click(registerButton);
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("registrationResultPage"), 10000);
    QCOMPARE(app.find<QLabel>("resultUserId")->text(), m.userId);
    QCOMPARE(app.find<QLabel>("resultPassword")->text(), QStringLiteral("*****"));
    QCOMPARE(app.find<QLabel>("resultUserName")->text(), m.userName);
    app.shot(QStringLiteral("04-registration-result"));

    click(app.find<QPushButton>("continueIssueButton"));
    QCOMPARE(app.page(), QStringLiteral("userAuthenticationPage"));
    QCOMPARE(app.find<QLineEdit>("userIdEdit")->text(), m.userId);
    QTimer::singleShot(0, [password = m.password] { useSoftKeyboard(password); });
    click(app.find<QPushButton>("passwordKeyboardButton"));
    app.shot(QStringLiteral("05-user-authentication"));
    click(app.find<QPushButton>("authenticateButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("codeEntryPage"), 10000);
    const auto masked = m.email.left(1) + QStringLiteral("***") + m.email.mid(m.email.indexOf(QLatin1Char('@')));
    QCOMPARE(app.find<QLabel>("codeSentTo")->text(), masked + QStringLiteral(" に認証コードを送信しました。"));
    // when the code stops working, under the line that says where it went (the notes in order)
    const auto* expiry = app.find<QLabel>("codeExpiry");
    QVERIFY2(QRegularExpression(QStringLiteral("^有効期限 \\d\\d:\\d\\d まで$")).match(expiry->text()).hasMatch(),
             qPrintable(expiry->text()));
    QVERIFY(expiry->isVisible());
    QVERIFY(app.find<QLabel>("codeSentTo")->geometry().top() < expiry->geometry().top());
    type(app.find<QLineEdit>("codeEdit"), m.code(m.email));
    rulesStayVisible(app, {"code"});
    app.shot(QStringLiteral("06-code-entry"));
    click(app.find<QPushButton>("verifyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issuePage"), 10000);
    app.shot(QStringLiteral("07-issue"));

    click(app.find<QPushButton>("issueButton"));
    QCOMPARE(app.page(), QStringLiteral("issuingPage"));
    // busy, and still readable: the step line and the bar are not greyed out, only [キャンセル] waits
    QVERIFY(app.find<QLabel>("issuingStep")->isEnabled());
    QVERIFY(app.find<QProgressBar>("issuingProgress")->isEnabled());
    QVERIFY(!app.find<QLabel>("issuingStep")->text().isEmpty());
    QVERIFY(!app.find<QPushButton>("cancelButton")->isEnabled());
    app.shot(QStringLiteral("08-issuing"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issueResultPage"), 30000);
    *serial = app.find<QLabel>("resultSerial")->text();
    QVERIFY(serial->size() >= 16);
    QCOMPARE(app.find<QLabel>("resultSubject")->text(), QStringLiteral("CN=") + m.userId);
    QVERIFY(app.find<QLabel>("resultValidTo")->text().endsWith(QStringLiteral("23:59:59")));
    app.shot(QStringLiteral("09-issue-result"));

    click(app.find<QPushButton>("importButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.find<QLabel>("importState")->text(), QStringLiteral("正しくインポートされました。"), 30000);
    app.shot(QStringLiteral("10-import-done"));
    click(app.find<QPushButton>("closeButton"));
    QCOMPARE(app.page(), QStringLiteral("startPage"));
    QVERIFY(app.find<QLabel>("certificateStatus")->text().startsWith(m.userId + QStringLiteral(" の電子証明書")));
    app.shot(QStringLiteral("11-start-with-certificate"));
}

void startAndAuthenticate(const Wizard& app, const char* startButton, const QString& userId, const QString& password)
{
    QCOMPARE(app.page(), QStringLiteral("startPage"));
    click(app.find<QPushButton>(startButton));
    type(app.find<QLineEdit>("userIdEdit"), userId);
    type(app.find<QLineEdit>("passwordEdit"), password);
    click(app.find<QPushButton>("authenticateButton"));
    QTRY_VERIFY_WITH_TIMEOUT(app.page() != QStringLiteral("userAuthenticationPage") || !app.message().isEmpty(), 15000);
}

void codeIssueAndImport(const Wizard& app, const std::function<QString()>& code)
{
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("codeEntryPage"), 10000);
    type(app.find<QLineEdit>("codeEdit"), code());
    click(app.find<QPushButton>("verifyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issuePage"), 10000);
    click(app.find<QPushButton>("issueButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issueResultPage"), 30000);
    click(app.find<QPushButton>("importButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.find<QLabel>("importState")->text(), QStringLiteral("正しくインポートされました。"), 30000);
}

void signInToAccount(const Wizard& app, const QString& userId, const QString& role)
{
    QVERIFY(app.find<QLabel>("certificateStatus")->text().startsWith(userId + QStringLiteral(" の電子証明書")));
    click(app.find<QPushButton>("loginButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("accountPage"), 15000);
    QCOMPARE(app.find<QLabel>("accountUserId")->text(), userId);
    QCOMPARE(app.find<QLabel>("accountRole")->text(), role);
    app.shot(QStringLiteral("16-account"));
}

void renewAndImport(const Wizard& app, QString* serial)
{
    QVERIFY(app.find<QPushButton>("renewButton")->isEnabled());
    click(app.find<QPushButton>("renewButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issueResultPage"), 30000);
    *serial = app.find<QLabel>("resultSerial")->text();
    click(app.find<QPushButton>("importButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.find<QLabel>("importState")->text(), QStringLiteral("正しくインポートされました。"), 30000);
}

void registerGeneralUser(const Wizard& app, const QString& userId, const QString& initialPassword,
                         const QString& userName, const QString& email)
{
    auto* table = app.find<QTableWidget>("usersTable");
    QVERIFY(table);
    const int before = table->rowCount();
    type(app.find<QLineEdit>("userIdEdit"), userId);
    type(app.find<QLineEdit>("initialPasswordEdit"), initialPassword);
    type(app.find<QLineEdit>("userNameEdit"), userName);
    type(app.find<QLineEdit>("emailEdit"), email);
    click(app.find<QPushButton>("registerUserButton"));
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), before + 1, 15000);
}

} // namespace enroll::test
