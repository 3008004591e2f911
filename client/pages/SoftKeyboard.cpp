#include "pages/SoftKeyboard.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

#include <algorithm>

namespace enroll::client {
namespace {

const QString kLetters = QStringLiteral("abcdefghijklmnopqrstuvwxyz");
const QString kDigits = QStringLiteral("1234567890");
const QString kSymbols = QStringLiteral("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
constexpr int kColumns = 13;

QString keyName(QChar c)
{
    return c.isLetterOrNumber() ? QStringLiteral("key_") + c : QStringLiteral("key_0x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
}

// A key's label: the character itself, where Qt would read `&` as the mark of a shortcut (a lone
// `&` shows as nothing)
QString keyLabel(const QString& character)
{
    return character == QStringLiteral("&") ? QStringLiteral("&&") : character;
}

constexpr const char* kCharacter = "character"; // the property that holds what a key types

} // namespace

QString SoftKeyboard::spokenName(QChar c)
{
    if (c.isDigit()) {
        return tr("Digit %1").arg(c);
    }
    if (c.isLetter()) {
        return c.isUpper() ? tr("Capital %1").arg(c) : tr("Small %1").arg(c);
    }
    switch (c.unicode()) {
    case '!': return tr("Exclamation mark");
    case '"': return tr("Double quotation mark");
    case '#': return tr("Number sign");
    case '$': return tr("Dollar sign");
    case '%': return tr("Percent sign");
    case '&': return tr("Ampersand");
    case '\'': return tr("Apostrophe");
    case '(': return tr("Left parenthesis");
    case ')': return tr("Right parenthesis");
    case '*': return tr("Asterisk");
    case '+': return tr("Plus sign");
    case ',': return tr("Comma");
    case '-': return tr("Hyphen");
    case '.': return tr("Full stop");
    case '/': return tr("Slash");
    case ':': return tr("Colon");
    case ';': return tr("Semicolon");
    case '<': return tr("Less-than sign");
    case '=': return tr("Equals sign");
    case '>': return tr("Greater-than sign");
    case '?': return tr("Question mark");
    case '@': return tr("At sign");
    case '[': return tr("Left square bracket");
    case '\\': return tr("Backslash");
    case ']': return tr("Right square bracket");
    case '^': return tr("Caret");
    case '_': return tr("Underscore");
    case '`': return tr("Grave accent");
    case '{': return tr("Left curly bracket");
    case '|': return tr("Vertical bar");
    case '}': return tr("Right curly bracket");
    case '~': return tr("Tilde");
    default: return QString(c);
    }
}

SoftKeyboard::SoftKeyboard(bool shuffle, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("softKeyboard"));
    setWindowTitle(tr("Software keyboard for passwords"));
    setAccessibleName(windowTitle());
    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(tr("Click the keys with the mouse to enter the password. Keys typed on the PC keyboard are "
                               "not used here: this protects the password against spyware that steals what is typed "
                               "on the keyboard."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    display_ = new QLabel(this);
    display_->setObjectName(QStringLiteral("softKeyboardDisplay"));
    display_->setAccessibleName(tr("Characters entered"));
    display_->setMinimumHeight(28);
    display_->setFrameShape(QFrame::StyledPanel);
    layout->addWidget(display_);

    QStringList characters;
    for (const auto& group : {kDigits, kLetters, kSymbols}) {
        for (QChar c : group) {
            characters << QString(c);
        }
    }
    if (shuffle) {
        std::shuffle(characters.begin(), characters.end(), *QRandomGenerator::system());
    }
    keys_ = new QGridLayout;
    int index = 0;
    for (const auto& character : characters) {
        auto* key = new QPushButton(this);
        key->setObjectName(keyName(character.at(0)));
        setCharacter(key, character);
        key->setAccessibleDescription(tr("Adds this character to the password"));
        key->setAutoDefault(false);
        key->setMinimumWidth(32);
        connect(key, &QPushButton::clicked, this, [this, key] { press(key->property(kCharacter).toString()); });
        if (kLetters.contains(character)) {
            letterKeys_.push_back(key);
        }
        allKeys_.push_back(key);
        keys_->addWidget(key, index / kColumns, index % kColumns);
        ++index;
    }
    layout->addLayout(keys_);

    auto* controls = new QHBoxLayout;
    auto* shift = new QPushButton(tr("Shift (A/a)"), this);
    shift->setObjectName(QStringLiteral("key_shift"));
    shift->setCheckable(true);
    connect(shift, &QPushButton::toggled, this, [this](bool on) {
        shifted_ = on;
        relabel();
    });
    auto* backspace = new QPushButton(tr("Backspace"), this);
    backspace->setObjectName(QStringLiteral("key_backspace"));
    connect(backspace, &QPushButton::clicked, this, [this] {
        text_.chop(1);
        refreshDisplay();
    });
    auto* clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("key_clear"));
    connect(clear, &QPushButton::clicked, this, [this] {
        text_.clear();
        refreshDisplay();
    });
    shift->setAccessibleDescription(tr("Switches the letter keys between upper and lower case"));
    backspace->setAccessibleDescription(tr("Removes the last character entered"));
    clear->setAccessibleDescription(tr("Removes every character entered"));
    for (auto* b : {shift, backspace, clear}) {
        b->setAutoDefault(false);
        controls->addWidget(b);
    }
    controls->addStretch();
    auto* ok = new QPushButton(tr("OK"), this);
    ok->setObjectName(QStringLiteral("softKeyboardOk"));
    auto* cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("softKeyboardCancel"));
    ok->setAccessibleDescription(tr("Puts the characters entered into the password field"));
    cancel->setAccessibleDescription(tr("Closes the keyboard without changing the password field"));
    connect(ok, &QPushButton::clicked, this, &QDialog::accept);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    controls->addWidget(ok);
    controls->addWidget(cancel);
    layout->addLayout(controls);
    refreshDisplay();
}

SoftKeyboard::~SoftKeyboard()
{
    text_.fill(QChar(0)); // do not leave the password in freed memory
}

QStringList SoftKeyboard::layoutOrder() const
{
    QStringList order;
    for (const auto* key : allKeys_) {
        order << key->property(kCharacter).toString();
    }
    return order;
}

void SoftKeyboard::press(const QString& character)
{
    text_ += character;
    refreshDisplay();
}

void SoftKeyboard::relabel()
{
    for (auto* key : letterKeys_) {
        const auto character = key->property(kCharacter).toString();
        setCharacter(key, shifted_ ? character.toUpper() : character.toLower());
    }
}

void SoftKeyboard::setCharacter(QPushButton* key, const QString& character)
{
    key->setProperty(kCharacter, character);
    key->setText(keyLabel(character));
    key->setAccessibleName(spokenName(character.at(0)));
}

void SoftKeyboard::refreshDisplay()
{
    display_->setText(QString(text_.size(), QChar(0x25CF))); // ●
}

void SoftKeyboard::editPassword(QLineEdit* target, bool shuffle)
{
    SoftKeyboard keyboard(shuffle, target->window());
    if (keyboard.exec() == QDialog::Accepted) {
        target->setText(keyboard.text());
    }
}

} // namespace enroll::client
