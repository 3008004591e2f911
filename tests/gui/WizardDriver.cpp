#include "WizardDriver.h"

#include "PageChecks.h"
#include "ShotCompare.h"

#include "pages/SoftKeyboard.h"

#include <QAccessible>
#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QScrollArea>
#include <QStyleHints>
#include <QScrollBar>
#include <QInputMethodEvent>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTimeZone>
#include <QTimer>
#include <QtTest>

#include <tuple>

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

namespace {

// What changes from run to run: every date and time shown (found by their form, so that a new
// one is left out too), the widgets named here (the code, serials, the certificate's line), and
// the software keyboard's key labels (shuffled; findBlankButtons checks each shows its character).
const QRegularExpression& dateOrTime()
{
    static const QRegularExpression form(QStringLiteral(R"(\d{4}/\d{2}/\d{2}|\d{1,2}:\d{2})"));
    return form;
}

const QStringList& changingWidgets()
{
    static const QStringList names{QStringLiteral("codeEdit"), QStringLiteral("resultSerial"), QStringLiteral("certificateStatus"),
                                   QStringLiteral("accountCertificate")};
    return names;
}

// The changing parts' rectangles in `widget`'s picture (device pixels).
QList<QRect> changingAreas(QWidget* widget, qreal ratio, const QStringList& alsoChanging)
{
    QList<QRect> areas;
    auto add = [&](QWidget* inside, const QRect& rect) {
        const QRectF area(QPointF(inside->mapTo(widget, rect.topLeft())), QSizeF(rect.size()));
        areas.append(QRectF(area.topLeft() * ratio, area.size() * ratio).toAlignedRect().adjusted(-1, -1, 1, 1));
    };
    for (auto* child : widget->findChildren<QWidget*>()) {
        if (!child->isVisible()) {
            continue;
        }
        const auto name = child->objectName();
        auto* label = qobject_cast<QLabel*>(child);
        if (changingWidgets().contains(name) || alsoChanging.contains(name) ||
            (label != nullptr && label->text().contains(dateOrTime()))) {
            add(child, child->rect());
        } else if (child->property("character").isValid()) {
            add(child, child->rect().adjusted(4, 4, -4, -4)); // a key's label: the keys are shuffled at each opening
        } else if (auto* table = qobject_cast<QTableWidget*>(child)) {
            for (int row = 0; row < table->rowCount(); ++row) {
                for (int column = 0; column < table->columnCount(); ++column) {
                    const auto* item = table->item(row, column);
                    if (item != nullptr && item->text().contains(dateOrTime())) {
                        add(table->viewport(), table->visualItemRect(item));
                    }
                }
            }
        }
    }
    return areas;
}

} // namespace

void saveShot(QWidget* widget, const QString& name, const QStringList& alsoChanging)
{
    const auto baselines = qEnvironmentVariable("ENROLL_SCREENSHOT_BASELINE");
    if (baselines.isEmpty()) {
        return;
    }
    QCoreApplication::processEvents();
    const auto picture = widget->grab();
    const auto baseline = baselines + QLatin1Char('/') + name + QStringLiteral(".png");
    const auto difference =
        compareShots(picture.toImage(), QImage(baseline), changingAreas(widget, picture.devicePixelRatio(), alsoChanging));
    if (difference.problem.isEmpty()) {
        return; // also when renewing: a picture that did not change stays as committed
    }
    if (qEnvironmentVariable("ENROLL_SCREENSHOT_ACCEPT") == QStringLiteral("1")) {
        QDir().mkpath(QFileInfo(baseline).path());
        QVERIFY2(picture.save(baseline), qPrintable(baseline));
        return;
    }
    // the fresh picture and the difference (red: what changed, blue: left out) beside each other
    auto diffs = qEnvironmentVariable("ENROLL_SCREENSHOT_DIFFS");
    if (diffs.isEmpty()) {
        diffs = QDir::temp().filePath(QStringLiteral("enroll-screenshot-diffs"));
    }
    const auto fresh = diffs + QLatin1Char('/') + name + QStringLiteral(".png");
    const auto diff = diffs + QLatin1Char('/') + name + QStringLiteral(".diff.png");
    QDir().mkpath(QFileInfo(fresh).path());
    picture.save(fresh);
    if (!difference.picture.isNull()) {
        difference.picture.save(diff);
    }
    QFAIL(qPrintable(QStringLiteral("screenshot %1: %2 (fresh picture %3, difference %4; a change on purpose: "
                                    "scripts/screenshots.sh --accept)")
                         .arg(name, difference.problem, QDir::toNativeSeparators(fresh), QDir::toNativeSeparators(diff))));
}

void useSoftKeyboard(const QString& text, const QString& shot)
{
    auto* keyboard = qobject_cast<client::SoftKeyboard*>(QApplication::activeModalWidget());
    QVERIFY(keyboard);
    QStringList problems;
    findUnnamedControls(keyboard, keyboard->objectName(), &problems);
    findBlankButtons(keyboard, &problems);
    findOverlaps(keyboard, &problems);
    findLowContrast(keyboard, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    if (!shot.isEmpty()) {
        saveShot(keyboard, shot);
    }
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

Wizard::Wizard(client::MainWindow& window, Language language) : window_(window), language_(language)
{
    QGuiApplication::styleHints()->setCursorFlashTime(0);
}

QString Wizard::message() const
{
    return window_.currentPage()->findChild<QLabel*>(QStringLiteral("pageMessage"))->text();
}

QString Wizard::notice() const
{
    return window_.currentPage()->findChild<QLabel*>(QStringLiteral("pageNotice"))->text();
}

void Wizard::shot(const QString& name, const QStringList& alsoChanging) const
{
    checkPage(*this); // every state worth a picture is checked, in every set
    saveShot(&window_, shotName(name), alsoChanging);
}

QString Wizard::shotName(const QString& name) const
{
    return japanese() ? name : QStringLiteral("en/") + name;
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

void notesInOrder(const Wizard& app, std::initializer_list<const char*> phrases)
{
    int index = 0;
    int top = -1;
    auto* page = app.window().currentPage();
    for (const char* phrase : phrases) {
        const auto name = QStringLiteral("note%1").arg(++index);
        auto* note = page->findChild<QLabel*>(name);
        QVERIFY2(note != nullptr, qPrintable(page->objectName() + QLatin1Char(' ') + name));
        QVERIFY2(note->isVisible(), qPrintable(name));
        QVERIFY2(note->text().startsWith(app.says("※ ", "* ")), qPrintable(note->text()));
        QVERIFY2(!app.japanese() || note->text().contains(QString::fromUtf8(phrase)), qPrintable(note->text()));
        const auto y = note->mapTo(page, QPoint(0, 0)).y();
        QVERIFY2(y > top, qPrintable(name + QStringLiteral(" is not below the note before it")));
        top = y;
    }
    QVERIFY2(page->findChild<QLabel*>(QStringLiteral("note%1").arg(index + 1)) == nullptr,
             qPrintable(page->objectName() + QStringLiteral(": more notes than expected")));
}

void checkPage(const Wizard& app)
{
    QCoreApplication::processEvents();
    QStringList problems;
    findUnnamedControls(&app.window(), app.page(), &problems);
    findClippedText(&app.window(), &problems);
    findBlankButtons(&app.window(), &problems);
    findOverlaps(&app.window(), &problems);
    findLowContrast(&app.window(), &problems);
    findUnlabelledTimes(&app.window(), app.says("(日本時間)", "(Japan time)"), &problems);
    if (!app.japanese()) {
        // what the user typed or the bank holds: a user's name, the employer
        findJapanese(&app.window(), {QStringLiteral("employerName"), QStringLiteral("resultUserName")}, &problems);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(app.page() + QStringLiteral(":\n") + problems.join(QLatin1Char('\n'))));

    // what the view does not show is announced under it (the ※ notes at the end, on a small screen)
    const auto* bar = app.window().currentPage()->findChild<QScrollArea*>(QStringLiteral("pageScroll"))->verticalScrollBar();
    const bool hidden = bar->maximum() > 0 && bar->value() < bar->maximum();
    QCOMPARE(app.find<QLabel>("moreBelow")->isVisible(), hidden);

    // the window's title names the page (the start page: the program), as the taskbar shows it
    auto* page = app.window().currentPage();
    const auto heading = app.find<QLabel>("pageTitle")->text();
    QCOMPARE(app.window().windowTitle(), app.page() == QStringLiteral("startPage") ? app.says("ろうきん電子証明書発行", "Rokin Enroll") : heading);
    QVERIFY(!heading.isEmpty());

    // the Tab chain through the page's visible, enabled controls
    QList<QWidget*> chain;
    for (QWidget* w = page->nextInFocusChain(); w != page; w = w->nextInFocusChain()) {
        if (page->isAncestorOf(w) && w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) != 0) {
            chain << w;
        }
    }
    // what scrolls comes first, top to bottom; then the button row under it
    auto* content = page->findChild<QWidget*>(QStringLiteral("pageContent"));
    QVERIFY(content);
    auto position = [&](QWidget* w) {
        const bool scrolled = content->isAncestorOf(w);
        const auto at = w->mapTo(scrolled ? content : page, QPoint(0, 0));
        return std::make_tuple(scrolled ? 0 : 1, at.y(), at.x(), w->height());
    };
    std::tuple<int, int, int, int> last{-1, -1, -1, 0};
    QString lastName;
    for (auto* w : chain) {
        const auto here = position(w);
        const auto [part, y, x, height] = here;
        const auto [lastPart, lastY, lastX, lastHeight] = last;
        const bool sameRow = part == lastPart && std::abs(y - lastY) < std::max(height, lastHeight) / 2 + 2;
        const bool forward = part != lastPart ? part > lastPart : sameRow ? x > lastX : y > lastY;
        QVERIFY2(forward, qPrintable(page->objectName() + QStringLiteral(": Tab goes from ") + lastName +
                                     QStringLiteral(" back to ") + w->objectName()));
        last = here;
        lastName = w->objectName();
    }
}

void columnsFit(const Wizard& app, const char* name)
{
    auto* table = app.find<QTableWidget>(name);
    QVERIFY(table);
    QCoreApplication::processEvents();
    auto* header = table->horizontalHeader();
    // no entry (nor header) wider than its column: nothing shown with "…"
    const QFontMetrics metrics(table->font());
    for (int column = 0; column < table->columnCount(); ++column) {
        int needed = header->sectionSizeHint(column);
        for (int row = 0; row < table->rowCount(); ++row) {
            if (const auto* item = table->item(row, column)) {
                needed = std::max(needed, metrics.horizontalAdvance(item->text()));
            }
        }
        QVERIFY2(header->sectionSize(column) >= needed,
                 qPrintable(QStringLiteral("column %1: %2 < %3").arg(column).arg(header->sectionSize(column)).arg(needed)));
    }
    QVERIFY2(header->length() <= table->viewport()->width(),
             qPrintable(QStringLiteral("columns %1 wide in a table %2 wide").arg(header->length()).arg(table->viewport()->width())));
    QVERIFY(!table->horizontalScrollBar()->isVisible());
    QVERIFY(!table->verticalHeader()->isVisible()); // no row numbers
}

void walkMasterFlow(const Wizard& app, const MasterEnrollment& m, QString* serial)
{
    QCOMPARE(app.page(), QStringLiteral("startPage"));
    const bool ja = app.japanese(); // the manual's wording is checked in Japanese
    QCOMPARE(app.find<QLabel>("certificateStatus")->text(),
             app.says("このWindowsアカウントには、まだ労金の電子証明書がありません。",
                      "This Windows account holds no electronic certificate from the bank yet."));
    // the manual's ■ご用意ください, the ID and password rules, one master per employer
    notesInOrder(app, {"次のものをご用意ください", "ユーザーID: 6～12桁", "パスワード: 8～12桁", "1事業主で1件のみ"});
    checkPage(app);
    app.shot(QStringLiteral("01-start"));

    click(app.find<QPushButton>("masterRegistrationButton"));
    QCOMPARE(app.page(), QStringLiteral("contractLoginPage"));
    QCOMPARE(app.find<QLabel>("pageTitle")->text(), app.says("初期登録ログイン", "Initial registration login"));
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(
        app.says("■ マスターユーザーの初期登録", "■ Initial registration of the master user")));
    // the manual's numbers: ③ 初期登録ログイン ④ 登録内容入力 ⑤ 登録実行 ⑥ 登録結果
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(app.says("<b><u>③ 初期登録ログイン", "<b><u>③ Initial registration login")));
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(app.says("⑥ 登録結果", "⑥ Registration result")));
    QVERIFY(!app.find<QLabel>("stepBar")->text().contains(QStringLiteral("①")));
    notesInOrder(app, {"「ご利用開始(変更)のお知らせ」", "初期パスワードには", "6回間違えた場合は、60分間", "閉塞の状態"});
    type(app.find<QLineEdit>("contractNumberEdit"), m.contract);
    // the initial password through the software keyboard, mouse only
    QTimer::singleShot(0, [password = m.initialPassword, shot = app.shotName(QStringLiteral("02a-software-keyboard"))] { useSoftKeyboard(password, shot); });
    click(app.find<QPushButton>("initialPasswordKeyboardButton"));
    QCOMPARE(app.find<QLineEdit>("initialPasswordEdit")->text(), m.initialPassword);
    QCOMPARE(app.find<QLineEdit>("initialPasswordEdit")->echoMode(), QLineEdit::Password);
    rulesStayVisible(app, {"contractNumber", "initialPassword"});
    checkPage(app);
    app.shot(QStringLiteral("02-contract-login"));
    click(app.find<QPushButton>("nextButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("registrationPage"), 10000);

    auto* registerButton = app.find<QPushButton>("registerButton");
    // [登録] on an empty page: each item says it is missing, nothing is sent
    click(registerButton);
    QCOMPARE(app.page(), QStringLiteral("registrationPage"));
    for (const char* field : {"userIdError", "passwordError", "passwordAgainError", "userNameError", "emailError", "emailAgainError"}) {
        QVERIFY2(app.find<QLabel>(field)->isVisible() && !app.find<QLabel>(field)->text().isEmpty(), field);
    }
    QVERIFY(!ja || app.find<QLabel>("userNameError")->text().contains(QStringLiteral("入力してください")));
    type(app.find<QLineEdit>("userIdEdit"), QStringLiteral("gui01"));
    QCOMPARE(app.find<QLabel>("userIdError")->text(),
             app.says("ユーザーIDは6～12桁で入力してください。", "The user ID has 6 to 12 characters."));
    type(app.find<QLineEdit>("userIdEdit"), m.userId);
    QVERIFY(app.find<QLabel>("userIdError")->isHidden());
    // the 4-kind rule says which kind is missing
    type(app.find<QLineEdit>("passwordEdit"), QStringLiteral("Pass1abcd"));
    QVERIFY(!app.find<QLabel>("passwordError")->text().isEmpty());
    if (ja) {
        QCOMPARE(app.find<QLabel>("passwordError")->text(),
                 QStringLiteral("パスワードは半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します)"
                                "記号が含まれていません。"));
    }
    type(app.find<QLineEdit>("passwordEdit"), m.userId + QStringLiteral("!A"));
    QVERIFY(!app.find<QLabel>("passwordError")->text().isEmpty());
    QVERIFY(!ja || app.find<QLabel>("passwordError")->text() == QStringLiteral("パスワードにユーザーIDを含めることはできません。"));
    app.shot(QStringLiteral("03b-field-error"));
    type(app.find<QLineEdit>("passwordEdit"), m.password);
    type(app.find<QLineEdit>("passwordAgainEdit"), m.password + QLatin1Char('x'));
    QVERIFY(!ja || app.find<QLabel>("passwordAgainError")->text() == QStringLiteral("パスワードとパスワード再入力が一致しません。"));
    type(app.find<QLineEdit>("passwordAgainEdit"), m.password);
    type(app.find<QLineEdit>("userNameEdit"), QStringLiteral("Taro"));
    QVERIFY(!ja || app.find<QLabel>("userNameError")->text().startsWith(QStringLiteral("ユーザー名は全角文字で入力してください。")));
    type(app.find<QLineEdit>("userNameEdit"), m.userName);
    type(app.find<QLineEdit>("emailEdit"), QStringLiteral("taro@docomo.ne.jp"));
    QVERIFY(app.find<QLabel>("carrierWarning")->isVisible());
    app.shot(QStringLiteral("03a-carrier-warning"));
    type(app.find<QLineEdit>("emailEdit"), m.email);
    QVERIFY(!app.find<QLabel>("carrierWarning")->isVisible());
    QVERIFY(app.find<QLabel>("emailAgainError")->isVisible()); // e-mail not yet typed again
    type(app.find<QLineEdit>("emailAgainEdit"), m.email);
    QVERIFY(!app.find<QLabel>("emailAgainError")->isVisible());
    rulesStayVisible(app, {"userId", "password", "passwordAgain", "userName", "email", "emailAgain"});
    if (ja) {
        QCOMPARE(app.find<QLabel>("userIdRule")->text(),
                 QStringLiteral("6～12桁で入力します。半角英、数字の2種必須です。(英字は大文字と小文字を区別します。)"));
        QVERIFY(app.find<QLabel>("passwordRule")->text().contains(QStringLiteral("ユーザーIDを含むパスワードは使用できません。")));
    }
    notesInOrder(app, {"各項目に登録内容を入力します。", "電子証明書発行(再発行)時", "電子証明書発行およびログイン時",
                       "既に存在している場合", "お忘れにならないよう", "メールアドレスにお知らせ"});
    checkPage(app);
    app.shot(QStringLiteral("03-registration"));
    {
        // scrolled to its end, as a clerk does when the cue says more follows: every ※ note in
        // view, the cue gone (picture 03c)
        auto* scroll = app.window().currentPage()->findChild<QScrollArea*>(QStringLiteral("pageScroll"));
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        const QRect view(scroll->viewport()->mapToGlobal(QPoint(0, 0)), scroll->viewport()->size());
        const auto notes = scroll->widget()->findChildren<QLabel*>(QRegularExpression(QStringLiteral("^note\\d+$")));
        QVERIFY(notes.size() >= 6);
        for (auto* note : notes) {
            const QRect shown(note->mapToGlobal(QPoint(0, 0)), note->size());
            QVERIFY2(view.contains(shown), qPrintable(note->text()));
        }
        QVERIFY(!app.find<QLabel>("moreBelow")->isVisible());
        app.shot(QStringLiteral("03c-registration-notes"));
    }
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(app.says("<b><u>④ 登録内容入力", "<b><u>④ Enter registration details")));
    click(registerButton);
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(app.says("<b><u>⑤ 登録実行", "<b><u>⑤ Run the registration")));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("registrationResultPage"), 10000);
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(app.says("<b><u>⑥ 登録結果", "<b><u>⑥ Registration result")));
    QCOMPARE(app.find<QLabel>("resultUserId")->text(), m.userId);
    QCOMPARE(app.find<QLabel>("resultPassword")->text(), QStringLiteral("*****"));
    QCOMPARE(app.find<QLabel>("resultUserName")->text(), m.userName);
    notesInOrder(app, {"ユーザーIDの変更はできません"});
    checkPage(app);
    app.shot(QStringLiteral("04-registration-result"));

    click(app.find<QPushButton>("continueIssueButton"));
    QCOMPARE(app.page(), QStringLiteral("userAuthenticationPage"));
    QCOMPARE(app.find<QLineEdit>("userIdEdit")->text(), m.userId);
    QVERIFY(app.find<QLabel>("stepBar")->text().contains(app.says("■ 電子証明書発行", "■ Electronic certificate issuance")));
    notesInOrder(app, {"登録したユーザーIDとパスワード", "6回間違えた場合は、60分間", "有効期限が切れる30日前",
                       "メールでお知らせします", "マスターユーザーが閉塞"});
    QTimer::singleShot(0, [password = m.password] { useSoftKeyboard(password); });
    click(app.find<QPushButton>("passwordKeyboardButton"));
    rulesStayVisible(app, {"userId", "password"});
    checkPage(app);
    app.shot(QStringLiteral("05-user-authentication"));
    click(app.find<QPushButton>("authenticateButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("codeEntryPage"), 10000);
    const auto masked = m.email.left(1) + QStringLiteral("***") + m.email.mid(m.email.indexOf(QLatin1Char('@')));
    QCOMPARE(app.find<QLabel>("codeSentTo")->text(),
             app.says("%1 に認証コードを送信しました。", "An authentication code was sent to %1.").arg(masked));
    // when the code stops working, under the line that says where it went (the notes in order)
    const auto* expiry = app.find<QLabel>("codeExpiry");
    const auto until = QRegularExpression(app.says("^有効期限 (\\d\\d:\\d\\d) \\(日本時間\\) まで$", "^Valid until (\\d\\d:\\d\\d) \\(Japan time\\)$"))
                           .match(expiry->text());
    QVERIFY2(until.hasMatch(), qPrintable(expiry->text()));
    // in Japan time whatever this PC's zone (the GUI tests run in another): 30 minutes from now
    const auto japanNow = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(9 * 3600)).time();
    auto ahead = japanNow.secsTo(QTime::fromString(until.captured(1), QStringLiteral("HH:mm")));
    ahead += ahead < 0 ? 24 * 3600 : 0;
    QVERIFY2(ahead > 25 * 60 && ahead <= 30 * 60, qPrintable(expiry->text()));
    QVERIFY(expiry->isVisible());
    QVERIFY(app.find<QLabel>("codeSentTo")->geometry().top() < expiry->geometry().top());
    type(app.find<QLineEdit>("codeEdit"), m.code(m.email));
    rulesStayVisible(app, {"code"});
    notesInOrder(app, {"送信された認証コード", "届かない場合", "操作マニュアルとは異なり"});
    checkPage(app);
    app.shot(QStringLiteral("06-code-entry"));
    click(app.find<QPushButton>("verifyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issuePage"), 10000);
    notesInOrder(app, {"インポートしたパソコンからのみ", "ログオンアカウントごと", "1ユーザーに対して1枚のみ",
                       "発行日を含めて366日間"});
    checkPage(app);
    app.shot(QStringLiteral("07-issue"));

    click(app.find<QPushButton>("issueButton"));
    QCOMPARE(app.page(), QStringLiteral("issuingPage"));
    // busy, and still readable: the step line and the bar are not greyed out, only [キャンセル] waits
    QVERIFY(app.find<QLabel>("issuingStep")->isEnabled());
    QVERIFY(app.find<QProgressBar>("issuingProgress")->isEnabled());
    QVERIFY(!app.find<QLabel>("issuingStep")->text().isEmpty());
    QVERIFY(!app.find<QPushButton>("cancelButton")->isEnabled());
    notesInOrder(app, {"数十秒かかる場合"});
    app.shot(QStringLiteral("08-issuing"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issueResultPage"), 30000);
    *serial = app.find<QLabel>("resultSerial")->text();
    QVERIFY(serial->size() >= 16);
    QCOMPARE(app.find<QLabel>("resultUserId")->text(), m.userId);
    QCOMPARE(app.find<QLabel>("resultContract")->text(), m.contract);
    const auto* validity = app.find<QLabel>("resultValidity");
    QVERIFY2(QRegularExpression(app.says("^\\d{4}/\\d\\d/\\d\\d～\\d{4}/\\d\\d/\\d\\d \\(日本時間\\)$",
                                         "^\\d{4}/\\d\\d/\\d\\d to \\d{4}/\\d\\d/\\d\\d \\(Japan time\\)$"))
                 .match(validity->text())
                 .hasMatch(),
             qPrintable(validity->text()));
    QVERIFY(!ja || validity->accessibleDescription().endsWith(QStringLiteral("23:59:59 (日本時間)")));
    notesInOrder(app, {"閉じないでください", "発行日を含めて366日間"});
    checkPage(app);
    app.shot(QStringLiteral("09-issue-result"));

    click(app.find<QPushButton>("importButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.find<QLabel>("importState")->text(), app.says("正しくインポートされました。", "Imported correctly."), 30000);
    notesInOrder(app, {"一般ユーザーの登録", "30日前にお知らせ"});
    checkPage(app);
    app.shot(QStringLiteral("10-import-done"));
    // [閉じる] closes the window; the clerk's next start of the program begins at the start page
    click(app.find<QPushButton>("closeButton"));
    QTRY_VERIFY(!app.window().isVisible());
    app.window().show();
    QCOMPARE(app.page(), QStringLiteral("startPage"));
    checkPage(app);
    QVERIFY(app.find<QLabel>("certificateStatus")->text().contains(m.userId));
    // the logon task renews it (the bank's policy, by default, and AUTO_RENEW): from when
    QVERIFY2(app.find<QLabel>("certificateStatus")->text().contains(
                 app.says("Windowsログオン時に電子証明書を自動で更新します。", "renews the certificate by itself")),
             qPrintable(app.find<QLabel>("certificateStatus")->text()));
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

void codeAndIssue(const Wizard& app, const std::function<QString()>& code)
{
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("codeEntryPage"), 10000);
    type(app.find<QLineEdit>("codeEdit"), code());
    click(app.find<QPushButton>("verifyButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issuePage"), 10000);
    click(app.find<QPushButton>("issueButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issueResultPage"), 60000);
}

void codeIssueAndImport(const Wizard& app, const std::function<QString()>& code)
{
    codeAndIssue(app, code);
    if (QTest::currentTestFailed()) {
        return;
    }
    click(app.find<QPushButton>("importButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.find<QLabel>("importState")->text(), app.says("正しくインポートされました。", "Imported correctly."), 30000);
}

void importFailsThenTryAgain(const Wizard& app, const std::function<void()>& damage, const std::function<void()>& mend)
{
    damage();
    click(app.find<QPushButton>("importButton"));
    QTRY_VERIFY_WITH_TIMEOUT(!app.message().isEmpty(), 60000);
    QCOMPARE(app.page(), QStringLiteral("importPage"));
    QVERIFY(app.find<QPushButton>("retryImportButton")->isVisible());
    // the heading says it failed, the page what each button does: [閉じる] keeps the certificate
    QCOMPARE(app.find<QLabel>("pageTitle")->text(), app.says("インポートできませんでした", "Import failed"));
    QVERIFY(!app.find<QLabel>("pageSubtitle")->text().contains(app.says("しています", "being installed")));
    QVERIFY(!app.find<QLabel>("importState")->isVisible());
    const auto* help = app.find<QLabel>("importFailedHelp");
    QVERIFY(help->isVisible());
    QVERIFY2(help->text().contains(app.says("[再試行]", "[Try again]")) && help->text().contains(app.says("[閉じる]", "[Close]")) &&
                 help->text().contains(app.says("次回", "next time")),
             qPrintable(help->text()));
    app.shot(QStringLiteral("10a-import-failed"));

    mend();
    click(app.find<QPushButton>("retryImportButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.find<QLabel>("importState")->text(), app.says("正しくインポートされました。", "Imported correctly."), 60000);
    QCOMPARE(app.find<QLabel>("pageTitle")->text(), app.says("インポート", "Import"));
    QVERIFY(!help->isVisible());
}

void signInToAccount(const Wizard& app, const QString& userId, const QString& role)
{
    QVERIFY(app.find<QLabel>("certificateStatus")->text().startsWith(
        app.says("%1 の電子証明書", "Electronic certificate of %1").arg(userId)));
    click(app.find<QPushButton>("loginButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("accountPage"), 15000);
    QCOMPARE(app.find<QLabel>("accountUserId")->text(), userId);
    QCOMPARE(app.find<QLabel>("accountRole")->text(), role);
    checkPage(app);
    app.shot(QStringLiteral("16-account"));
}

void renewAndImport(const Wizard& app, QString* serial)
{
    QVERIFY(app.find<QPushButton>("renewButton")->isEnabled());
    click(app.find<QPushButton>("renewButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("issueResultPage"), 30000);
    *serial = app.find<QLabel>("resultSerial")->text();
    click(app.find<QPushButton>("importButton"));
    QTRY_COMPARE_WITH_TIMEOUT(app.find<QLabel>("importState")->text(), app.says("正しくインポートされました。", "Imported correctly."), 30000);
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
    type(app.find<QLineEdit>("emailAgainEdit"), email);
    checkPage(app);
    click(app.find<QPushButton>("registerUserButton"));
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), before + 1, 15000);
}

} // namespace enroll::test
