// パスワード用ソフトウェアキーボード (SPEC §6): an on-screen keyboard operated by mouse, so that
// key loggers see no keystrokes. Letters with shift, digits, symbols, backspace, clear; key
// positions shuffled each time it opens when asked. What was entered is shown masked only.
#pragma once

#include <QDialog>
#include <QString>

class QLabel;
class QGridLayout;
class QPushButton;
class QLineEdit;

namespace enroll::client {

class SoftKeyboard : public QDialog
{
    Q_OBJECT
public:
    explicit SoftKeyboard(bool shuffle, QWidget* parent = nullptr);
    ~SoftKeyboard() override;
    [[nodiscard]] QString text() const { return text_; }
    // The keys in their current order (for tests: shuffling must move them).
    [[nodiscard]] QStringList layoutOrder() const;

    // Opens the keyboard for `target` (a password QLineEdit) and writes the result into it.
    static void editPassword(QLineEdit* target, bool shuffle);
    // A key's character in words, for screen readers (「アンド」 / "Ampersand").
    static QString spokenName(QChar c);

private:
    void press(const QString& character);
    void relabel();
    // What `key` types (its property "character"), its label and its spoken name.
    static void setCharacter(QPushButton* key, const QString& character);
    void refreshDisplay();

    QString text_;
    bool shifted_ = false;
    QLabel* display_ = nullptr;
    QGridLayout* keys_ = nullptr;
    std::vector<QPushButton*> letterKeys_;
    std::vector<QPushButton*> allKeys_;
};

} // namespace enroll::client
