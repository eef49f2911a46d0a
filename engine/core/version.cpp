#include "core/version.h"

namespace krapte {
const char* version() { return KRAPTE_VERSION; }
}  // namespace krapte
