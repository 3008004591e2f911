// How a clerk uses the wizard, for the GUI tests of both builds (Linux offscreen, Windows under
// Wine): typing (ASCII as key presses, Japanese as an input method's commit), clicks, the software
// keyboard, screenshots, and the walks both builds take through the same widgets with the same
// checks. Qt Test macros inside: after a walk, the caller checks QTest::currentTestFailed().
#pragma once

#include "enroll/Language.h"
#include "pages/MainWindow.h"
#include "pages/PageBase.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QString>

#include <functional>
#include <initializer_list>

namespace enroll::test {

void type(QLineEdit* edit, const QString& text);
void click(QPushButton* button);
// Presses the keys of `text` on the open software keyboard with the mouse, then OK; with `shot`
// the keyboard is photographed first (saveShot).
void useSoftKeyboard(const QString& text, const QString& shot = {});
// The widget's picture against its committed baseline `name`.png in ENROLL_SCREENSHOT_BASELINE
// (unset: nothing), the changing widgets (times, serials, the code) left out: a difference fails
// the test and writes the fresh picture and the difference to ENROLL_SCREENSHOT_DIFFS. With
// ENROLL_SCREENSHOT_ACCEPT=1 a picture that differs renews the baseline instead
// (scripts/screenshots.sh --accept).
// `alsoChanging`: more widgets (by name) whose content changes on this picture, e.g. a message
// that names a time.
void saveShot(QWidget* widget, const QString& name, const QStringList& alsoChanging = {});
// Answers the next modal message box (e.g. a confirmation) with [はい].
void answerNextMessageBoxYes();

class Wizard
{
public:
    // `language`: the UI's; the walks check its wording and an English wizard's screenshots are
    // in the folder `en/` of the baselines.
    // A steady text cursor (no blinking), so that a picture does not depend on the moment.
    explicit Wizard(client::MainWindow& window, Language language = Language::Japanese);

    // A widget of the current page (or of the window: title, step bar), by object name.
    template <typename T>
    T* find(const char* name) const
    {
        auto* page = window_.currentPage();
        auto* widget = page->findChild<T*>(QString::fromLatin1(name));
        if (widget == nullptr) {
            widget = window_.findChild<T*>(QString::fromLatin1(name));
        }
        if (widget == nullptr) {
            qWarning("no widget %s on page %s", name, qPrintable(page->objectName()));
        }
        return widget;
    }
    [[nodiscard]] QString page() const { return window_.currentPage()->objectName(); }
    [[nodiscard]] QString message() const; // the page's error line
    [[nodiscard]] QString notice() const;  // the page's notice line
    // The page's checks (checkPage), then the window's picture against its baseline (saveShot).
    void shot(const QString& name, const QStringList& alsoChanging = {}) const;
    [[nodiscard]] QString shotName(const QString& name) const; // `name`, or en/`name`
    [[nodiscard]] client::MainWindow& window() const { return window_; }
    [[nodiscard]] bool japanese() const { return language_ == Language::Japanese; }
    // What the page should say in the wizard's language.
    [[nodiscard]] QString says(const char* japanese, const char* english) const
    {
        return QString::fromUtf8(this->japanese() ? japanese : english);
    }

private:
    client::MainWindow& window_;
    Language language_;
};

// A contract the bank registered, and the master who enrols on it.
struct MasterEnrollment
{
    QString contract;
    QString initialPassword;
    QString userId;
    QString password;
    QString userName; // full-width
    QString email;
    std::function<QString(const QString& email)> code; // the 認証コード from the newest mail
};

// The whole master flow from the start page to 「正しくインポートされました。」 and back to the
// start page showing the certificate, with the manual's checks on every page (screenshots 01–11).
// `serial`: the imported certificate's serial.
// On the current page, each named field ("userId" …) holds text and its rule (the manual's
// 【入力項目説明】) is still shown under it.
void rulesStayVisible(const Wizard& wizard, std::initializer_list<const char*> fields);
// The page's ※ notes (`note1`, `note2`…) are shown top to bottom, each holding its phrase (the
// manual's Japanese; an English wizard is checked for their number and order), and there are no
// others.
void notesInOrder(const Wizard& wizard, std::initializer_list<const char*> phrases);
// Every page check that needs no input (PageChecks): the accessibility tree through QAccessible
// names every control (fields and keyboard buttons are described too), Tab moves through the
// page's controls top to bottom, left to right, no label or button shows less than its text (at
// any scale), every button shows its label, nothing overlaps, text contrasts at least 4.5:1, an
// English page has no Japanese left in it, and the window's title names the page.
void checkPage(const Wizard& wizard);
// The table shows each column in full, without a sideways scroll.
void columnsFit(const Wizard& wizard, const char* table);

void walkMasterFlow(const Wizard& wizard, const MasterEnrollment& master, QString* serial);
// From the start page: `startButton` (電子証明書発行, 一般ユーザーの初期登録), the user ID and the
// password typed, [認証]; waits for the bank's answer.
void startAndAuthenticate(const Wizard& wizard, const char* startButton, const QString& userId, const QString& password);
// From the code page to 発行結果: the code (read once the page shows, so from the mail just sent),
// 発行.
void codeAndIssue(const Wizard& wizard, const std::function<QString()>& code);
// On 発行結果, with the import bound to fail once `damage` ran: [インポート] fails with the failure's
// own heading and what [再試行] and [閉じる] do (screenshot 10a); after `mend`, [再試行] finishes it.
void importFailsThenTryAgain(const Wizard& wizard, const std::function<void()>& damage, const std::function<void()>& mend);
// From the code page to 「正しくインポートされました。」: codeAndIssue, then インポート.
void codeIssueAndImport(const Wizard& wizard, const std::function<QString()>& code);
// [ログイン] with the certificate of this PC's store, to 契約ユーザー情報 (screenshot 16).
void signInToAccount(const Wizard& wizard, const QString& userId, const QString& role);
// On the account page inside the renewal window: 電子証明書更新, import; `serial` of the new one.
void renewAndImport(const Wizard& wizard, QString* serial);
// On the master's users page: a general user registered with its initial password.
void registerGeneralUser(const Wizard& wizard, const QString& userId, const QString& initialPassword,
                         const QString& userName, const QString& email);

} // namespace enroll::test
