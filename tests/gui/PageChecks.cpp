#include "PageChecks.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAccessible>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextDocument>
#include <QWidget>

#include <cmath>
#include <vector>

namespace enroll::test {
namespace {

// A control someone acts on: it needs a name a screen reader can say.
bool isControl(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::EditableText:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::Table:
    case QAccessible::ProgressBar:
    case QAccessible::Slider:
    case QAccessible::SpinBox:
        return true;
    default:
        return false;
    }
}

void walkAccessible(QAccessibleInterface* node, const QString& path, QStringList* problems)
{
    if (node == nullptr || node->state().invisible) {
        return;
    }
    const auto role = node->role();
    const auto name = node->text(QAccessible::Name).trimmed();
    auto* widget = qobject_cast<QWidget*>(node->object());
    const auto where = path + QLatin1Char('/') + (widget != nullptr ? widget->objectName() : QString());
    if (isControl(role) && name.isEmpty()) {
        problems->append(where + QStringLiteral(": no accessible name"));
    }
    if (role == QAccessible::EditableText && node->text(QAccessible::Description).trimmed().isEmpty()) {
        problems->append(where + QStringLiteral(": field without a description of its rule"));
    }
    if (role == QAccessible::Button && node->text(QAccessible::Description).trimmed().isEmpty()) {
        problems->append(where + QStringLiteral(": button without a description of what it does"));
    }
    if (role == QAccessible::Table) {
        return; // its cells are named by the data they show
    }
    for (int i = 0; i < node->childCount(); ++i) {
        walkAccessible(node->child(i), where, problems);
    }
}

// A widget inside a table or list (its cells, its headers): data, laid out by the view.
bool insideItemView(const QWidget* widget)
{
    for (auto* up = widget->parentWidget(); up != nullptr; up = up->parentWidget()) {
        if (qobject_cast<const QAbstractItemView*>(up) != nullptr) {
            return true;
        }
    }
    return false;
}

// What a widget draws that a clerk reads or uses.
bool drawsSomething(const QWidget* widget)
{
    if (const auto* label = qobject_cast<const QLabel*>(widget)) {
        return !label->text().isEmpty() || !label->pixmap().isNull();
    }
    return qobject_cast<const QAbstractButton*>(widget) != nullptr || qobject_cast<const QLineEdit*>(widget) != nullptr ||
           qobject_cast<const QAbstractItemView*>(widget) != nullptr || qobject_cast<const QProgressBar*>(widget) != nullptr ||
           qobject_cast<const QComboBox*>(widget) != nullptr;
}

// Where `widget` is seen, in `window`'s coordinates: its rectangle cut by every ancestor's (a
// scroll area's view shows only part of what scrolls).
QRect seenRect(QWidget* widget, QWidget* window)
{
    QRect seen(widget->mapTo(window, QPoint(0, 0)), widget->size());
    for (auto* up = widget->parentWidget(); up != nullptr && up != window; up = up->parentWidget()) {
        seen &= QRect(up->mapTo(window, QPoint(0, 0)), up->size());
    }
    return seen;
}

QString describeWidget(const QWidget* widget)
{
    QString text;
    if (const auto* label = qobject_cast<const QLabel*>(widget)) {
        text = label->text();
    } else if (const auto* button = qobject_cast<const QAbstractButton*>(widget)) {
        text = button->text();
    }
    return QStringLiteral("%1 (%2 \"%3\")")
        .arg(widget->objectName().isEmpty() ? QStringLiteral("?") : widget->objectName(),
             QString::fromLatin1(widget->metaObject()->className()), text.left(30));
}

// A character a Japanese text has and an English one must not: kana, kanji, CJK and full-width
// signs (「」、。～ ※ and the full-width forms). The circled step numbers ①… are read in both.
bool isJapanese(QChar c)
{
    const auto u = c.unicode();
    return (u >= 0x3000 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x9FFF) || (u >= 0xFF00 && u <= 0xFFEF) || u == 0x203B;
}

QString plainText(const QLabel* label)
{
    if (label->textFormat() == Qt::PlainText || (label->textFormat() == Qt::AutoText && !Qt::mightBeRichText(label->text()))) {
        return label->text();
    }
    QTextDocument document;
    document.setHtml(label->text());
    return document.toPlainText();
}

double channel(double value)
{
    value /= 255.0;
    return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c)
{
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

} // namespace

QString displayedText(const QString& text)
{
    QString shown;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&')) {
            shown += text.at(i);
        } else if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('&')) {
            shown += QLatin1Char('&');
            ++i;
        }
    }
    return shown;
}

void findUnnamedControls(QWidget* window, const QString& path, QStringList* problems)
{
    walkAccessible(QAccessible::queryAccessibleInterface(window), path, problems);
}

void findClippedText(QWidget* window, QStringList* problems)
{
    for (auto* label : window->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty()) {
            continue;
        }
        const bool clipped = label->wordWrap() ? label->height() + 2 < label->heightForWidth(label->width())
                                               : label->width() + 2 < label->sizeHint().width();
        if (clipped) {
            problems->append(QStringLiteral("%1 cut off: %2x%3 for \"%4\"")
                                 .arg(label->objectName())
                                 .arg(label->width())
                                 .arg(label->height())
                                 .arg(label->text().left(40)));
        }
    }
    for (auto* button : window->findChildren<QPushButton*>()) {
        if (button->isVisible() && button->width() + 2 < button->sizeHint().width()) {
            problems->append(QStringLiteral("%1 cut off: %2 wide for \"%3\"").arg(button->objectName()).arg(button->width()).arg(button->text()));
        }
    }
}

void findBlankButtons(QWidget* window, QStringList* problems)
{
    for (auto* button : window->findChildren<QAbstractButton*>()) {
        if (!button->isVisible() || insideItemView(button)) {
            continue;
        }
        const auto shown = displayedText(button->text());
        if (shown.trimmed().isEmpty() && button->icon().isNull()) {
            problems->append(QStringLiteral("%1 shows no label (its text: \"%2\")").arg(describeWidget(button), button->text()));
        }
        const auto character = button->property("character");
        if (character.isValid() && shown != character.toString()) {
            problems->append(QStringLiteral("key %1 shows \"%2\" for \"%3\"").arg(button->objectName(), shown, character.toString()));
        }
    }
}

void findOverlaps(QWidget* window, QStringList* problems)
{
    std::vector<std::pair<QWidget*, QRect>> seen;
    for (auto* widget : window->findChildren<QWidget*>()) {
        if (!widget->isVisible() || !drawsSomething(widget) || insideItemView(widget)) {
            continue;
        }
        const auto rect = seenRect(widget, window);
        if (!rect.isEmpty()) {
            seen.emplace_back(widget, rect);
        }
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
        for (std::size_t j = i + 1; j < seen.size(); ++j) {
            const auto& [a, ra] = seen[i];
            const auto& [b, rb] = seen[j];
            if (a->isAncestorOf(b) || b->isAncestorOf(a)) {
                continue;
            }
            const auto common = ra & rb;
            if (!common.isEmpty()) {
                problems->append(QStringLiteral("%1 and %2 overlap by %3x%4 at (%5,%6)")
                                     .arg(describeWidget(a), describeWidget(b))
                                     .arg(common.width())
                                     .arg(common.height())
                                     .arg(common.x())
                                     .arg(common.y()));
            }
        }
    }
}

void findJapanese(QWidget* window, const QStringList& dataWidgets, QStringList* problems)
{
    auto check = [problems](const QString& where, const QString& text) {
        for (QChar c : text) {
            if (isJapanese(c)) {
                problems->append(QStringLiteral("%1 shows Japanese in English: \"%2\"").arg(where, text.left(80)));
                return;
            }
        }
    };
    check(QStringLiteral("the window's title"), window->windowTitle());
    for (auto* widget : window->findChildren<QWidget*>()) {
        if (!widget->isVisible() || insideItemView(widget) || dataWidgets.contains(widget->objectName())) {
            continue;
        }
        if (const auto* label = qobject_cast<const QLabel*>(widget)) {
            check(describeWidget(widget), plainText(label));
        } else if (const auto* button = qobject_cast<const QAbstractButton*>(widget)) {
            check(describeWidget(widget), button->text());
        } else if (const auto* box = qobject_cast<const QGroupBox*>(widget)) {
            check(describeWidget(widget), box->title());
        } else if (const auto* edit = qobject_cast<const QLineEdit*>(widget)) {
            check(describeWidget(widget), edit->placeholderText());
        }
        check(describeWidget(widget) + QStringLiteral("'s tooltip"), widget->toolTip());
    }
}

void findUnlabelledTimes(QWidget* window, const QString& label, QStringList* problems)
{
    static const QRegularExpression time(QStringLiteral("\\d{4}/\\d\\d/\\d\\d|\\b\\d\\d:\\d\\d\\b"));
    for (auto* widget : window->findChildren<QLabel*>()) {
        if (!widget->isVisible() || insideItemView(widget)) {
            continue;
        }
        const auto text = plainText(widget);
        if (time.match(text).hasMatch() && !text.contains(label)) {
            problems->append(QStringLiteral("%1 shows a time without \"%2\"").arg(describeWidget(widget), label));
        }
    }
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const auto la = luminance(a);
    const auto lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void findLowContrast(QWidget* window, QStringList* problems)
{
    auto check = [problems](const QWidget* widget, const QColor& text, const QColor& ground, const QString& what) {
        const auto ratio = contrastRatio(text, ground);
        if (ratio < 4.5) {
            problems->append(QStringLiteral("%1: %2 %3 on %4 has a contrast of %5:1 (at least 4.5:1)")
                                 .arg(describeWidget(widget), what, text.name(), ground.name())
                                 .arg(ratio, 0, 'f', 2));
        }
    };
    static const QRegularExpression named(QStringLiteral("color\\s*:\\s*(#[0-9a-fA-F]{3,6}|[a-z]+)"));
    for (auto* widget : window->findChildren<QWidget*>()) {
        if (!widget->isVisible() || !widget->isEnabled() || insideItemView(widget)) {
            continue;
        }
        const auto& palette = widget->palette();
        if (const auto* label = qobject_cast<const QLabel*>(widget)) {
            if (label->text().isEmpty()) {
                continue;
            }
            const auto ground = palette.color(label->backgroundRole());
            check(widget, palette.color(label->foregroundRole()), ground, QStringLiteral("text"));
            for (const auto& match : named.globalMatch(label->text())) {
                check(widget, QColor(match.captured(1)), ground, QStringLiteral("rich text coloured"));
            }
        } else if (qobject_cast<const QPushButton*>(widget) != nullptr) {
            check(widget, palette.color(QPalette::ButtonText), palette.color(QPalette::Button), QStringLiteral("button text"));
        } else if (qobject_cast<const QLineEdit*>(widget) != nullptr) {
            check(widget, palette.color(QPalette::Text), palette.color(QPalette::Base), QStringLiteral("field text"));
        }
    }
}

} // namespace enroll::test
