// Loads the UI language: the project's translation (embedded .qm) and Qt's own for dialogs.
#pragma once

#include "enroll/Language.h"

namespace enroll::client {

// Installs the translators for `language` on the running application (once per process).
void installTranslations(Language language);

} // namespace enroll::client
