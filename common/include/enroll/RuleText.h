// Names and words for the input rules: the wire names API.md uses in INVALID_INPUT's `fields`,
// the field labels of the manual, each field's rule as the manual states it, and a sentence per
// failed rule for the person at the PC.
#pragma once

#include "enroll/InputRules.h"
#include "enroll/Language.h"

#include <optional>
#include <string>
#include <string_view>

namespace enroll {

std::string_view wireName(Field field); // "userId"
std::string_view wireName(Rule rule);   // "needsAllFourKinds"
std::optional<Field> fieldFromWire(std::string_view wire);
std::optional<Rule> ruleFromWire(std::string_view wire);

std::string_view fieldLabel(Field field, Language language); // "ユーザーID"
// The sentence for a failed rule. With the value typed, a missing kind of character is named too
// (「記号が含まれていません。」); the server, which does not echo input, passes none.
std::string ruleMessage(FieldError error, Language language, std::string_view value = {});
// The field's rule as the manual's 【入力項目説明】 says it, shown under the field all the time.
std::string_view fieldRuleText(Field field, Language language);
std::string_view mobileCarrierWarning(Language language);

} // namespace enroll
