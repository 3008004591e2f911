// One line per outcome of the logon task (rokin-enroll --renew) where the PC's administrators
// look: the Windows Application event log (source "Rokin Enroll"), or syslog (the journal) on
// Linux.
#pragma once

#include <QString>

namespace enroll::client {

enum class EventLevel { Information, Warning, Error };

void writeEventLog(EventLevel level, const QString& line);

} // namespace enroll::client
